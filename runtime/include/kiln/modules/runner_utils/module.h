// The `runner_utils` native module: MLIR's C runner utilities (the functions
// mlir-runner programs print with, from libmlir_c_runner_utils), with the
// same names and output, so a plain-MLIR program prints the same text
// through Kiln as through mlir-runner. The input conversion lowers
// `vector.print` and calls of these functions to imports of this module;
// run-module and the Python Context register it when a module imports it.
//
//   printI64(i64)  printU64(i64)  printF32(f32)  printF64(f64)   "%lld",
//                                  "%llu", "%g" (nan, -inf, -0 as printf)
//   printNewline()  printComma()  printOpen()  printClose()     "\n" ", "
//                                                               "( " " )"
//   printString(!vm.buffer)  the buffer's bytes (vector.print str "...")
//   rtclock() -> f64         seconds on a monotonic clock
//
// Output goes to stdout through C stdio, like vm.print's.
#ifndef KILN_MODULES_RUNNER_UTILS_MODULE_H_
#define KILN_MODULES_RUNNER_UTILS_MODULE_H_

#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::runner_utils {

vm::StatusOr<vm::RefT<vm::NativeModule>> create_runner_utils_module(vm::Instance &instance);

} // namespace kiln::runner_utils

#endif // KILN_MODULES_RUNNER_UTILS_MODULE_H_
