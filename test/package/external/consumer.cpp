// Loads Kiln modules in all four packaged forms and checks their answers:
//   calc_embedded  .vmfb bytes linked into this binary (EMBED)
//   calc_file      .vmfb file, mapped by the loader
//   cmath_static   emitted C linked in (STATIC), registered by getter
//   cmath_shared   emitted C as a shared library, loaded with dlopen
#include <cstdio>
#include <string>

#include "calc_embedded.h"
#include "kiln/bytecode/bytecode_module.h"
#include "kiln/cmodule/c_module.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/invocation.h"

extern "C" const kiln_module_desc_t *cmath_kiln_module(void);

namespace {

int failures = 0;

void expect_i32(kiln::vm::Context &context, const std::string &name, int32_t arg, int32_t want) {
  auto function = context.lookup_function(name);
  if (!function.ok()) {
    std::printf("FAIL %s: %s\n", name.c_str(), function.status().to_string().c_str());
    ++failures;
    return;
  }
  kiln::vm::ValueList results;
  kiln::vm::Status s = kiln::vm::invoke(context, *function, {kiln::vm::Value::i32(arg)}, &results);
  if (!s.ok() || results.size() != 1 || results[0].as_i32() != want) {
    std::printf("FAIL %s(%d): %s\n", name.c_str(), arg,
                s.ok() ? "wrong result" : s.to_string().c_str());
    ++failures;
    return;
  }
  std::printf("ok %s(%d) = %d\n", name.c_str(), arg, want);
}

// Registers `module` in a fresh context and checks one call.
void check(kiln::vm::Instance &instance, const char *what, kiln::vm::StatusOr<kiln::vm::Ref> module,
           const std::string &function, int32_t arg, int32_t want) {
  if (!module.ok()) {
    std::printf("FAIL loading %s: %s\n", what, module.status().to_string().c_str());
    ++failures;
    return;
  }
  kiln::vm::Context context(instance);
  kiln::vm::Status s = context.register_module(*module);
  if (!s.ok()) {
    std::printf("FAIL registering %s: %s\n", what, s.to_string().c_str());
    ++failures;
    return;
  }
  expect_i32(context, function, arg, want);
}

} // namespace

int main() {
  kiln::vm::Instance instance;
  check(instance, "embedded bytecode",
        kiln::bytecode::load_module(instance, calc_embedded_vmfb_data(), calc_embedded_vmfb_size(),
                                    kiln::vm::Ref()),
        "sum_to", 100, 4950);
  check(instance, "bytecode file", kiln::bytecode::load_module_from_file(instance, CALC_VMFB),
        "sum_to", 10, 45);
  kiln::cmodule::register_static_module(&cmath_kiln_module);
  check(instance, "static C module", kiln::cmodule::load_static_module("cmath"), "cmath.fib", 20,
        6765);
  check(instance, "shared C module", kiln::cmodule::load_module_from_file(instance, CMATH_SO),
        "cmath.fib", 15, 610);
  std::printf("%s\n", failures ? "FAILED" : "PASSED");
  return failures ? 1 : 0;
}
