// The runner_utils module (see kiln/modules/runner_utils/module.h).
#include "kiln/modules/runner_utils/module.h"

#include <cinttypes>
#include <cstdio>

#include "kiln/vm/buffer.h"
#include "kiln/vm/wait.h"

namespace kiln::runner_utils {

vm::StatusOr<vm::RefT<vm::NativeModule>> create_runner_utils_module(vm::Instance &) {
  auto m = vm::NativeModule::create("runner_utils");
  m->export_function("printI64", [](int64_t v) { std::printf("%" PRId64, v); });
  m->export_function("printU64",
                     [](int64_t v) { std::printf("%" PRIu64, static_cast<uint64_t>(v)); });
  m->export_function("printF32", [](float v) { std::printf("%g", static_cast<double>(v)); });
  m->export_function("printF64", [](double v) { std::printf("%g", v); });
  m->export_function("printNewline", []() { std::fputc('\n', stdout); });
  m->export_function("printComma", []() { std::fputs(", ", stdout); });
  m->export_function("printOpen", []() { std::fputs("( ", stdout); });
  m->export_function("printClose", []() { std::fputs(" )", stdout); });
  m->export_function("printString", [](vm::RefT<vm::Buffer> text) -> vm::Status {
    if (!text)
      return vm::invalid_argument_error("printString of a null buffer");
    std::fwrite(text->data(), 1, text->length(), stdout);
    return vm::Status();
  });
  m->export_function("rtclock", []() { return static_cast<double>(vm::now_ns()) * 1e-9; });
  return m;
}

} // namespace kiln::runner_utils
