// libFuzzer target: the tools' value parsers (--input syntax: scalars,
// buffers, lists, tensors, .npy bytes) and the value printer. Input: the
// first byte picks the argument code, the rest is the text. Parsing runs
// under a memory budget, as run-module --memory-limit does, so a huge
// declared size is a RESOURCE_EXHAUSTED error, never an abort or a hang.
// scripts/fuzz.sh values SECONDS runs it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/module.h"
#include "kiln/tooling/tensor_io.h"
#include "kiln/tooling/value_io.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/instance.h"

extern "C" const char *__asan_default_options() { return "allocator_may_return_null=1"; }

namespace {

struct Shared {
  kiln::vm::Instance instance;
  kiln::hal::Modules hal;
  kiln::vm::MemoryBudget *budget = kiln::vm::MemoryBudget::create(4 << 20);
  Shared() {
    (void)kiln::hal::register_types(instance);
    kiln::hal::DeviceOptions options;
    options.name = "local-sync";
    auto made = kiln::hal::create_modules(instance, options);
    if (made.ok())
      hal = std::move(made).value();
  }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static Shared *shared = new Shared();
  if (size == 0)
    return 0;
  static const char kCodes[] = {'i', 'I', 'f', 'F', 'r', 0};
  char code = kCodes[data[0] % sizeof(kCodes)];
  std::string_view text(reinterpret_cast<const char *>(data + 1), size - 1);
  // Files are not fuzzed: '@' would read the host's files.
  if (text.find('@') != std::string_view::npos)
    return 0;
  kiln::vm::ScopedMemoryBudget memory(shared->budget);
  auto value = kiln::tooling::parse_value(text, code, shared->instance, shared->hal.device.get());
  if (value.ok())
    (void)kiln::tooling::format_value(value.value());
  auto npy = kiln::tooling::parse_npy(text, "fuzz");
  if (npy.ok())
    (void)kiln::tooling::format_tensor(npy.value(), 64);
  return 0;
}
