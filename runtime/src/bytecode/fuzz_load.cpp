// libFuzzer target: loading arbitrary bytes must never crash.
#include <cstdint>
#include <cstring>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/instance.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static kiln::vm::Instance *instance = new kiln::vm::Instance();
  std::vector<uint64_t> aligned((size + 7) / 8 + 1);
  std::memcpy(aligned.data(), data, size);
  auto module = kiln::bytecode::load_module(
      *instance, reinterpret_cast<const uint8_t *>(aligned.data()), size, kiln::vm::Ref());
  if (module.ok()) {
    std::string text;
    (void)kiln::bytecode::dump_module(module->as<kiln::vm::Module>(), &text);
  }
  return 0;
}
