// The `yieldable_test` native module: the two imports IREE's VM test
// programs use to exercise calls that suspend (async_ops), with the
// signatures and results of IREE's test module, so those programs run
// unchanged under run-module (which registers it when a module imports it).
//
//   yield_n(arg: i32, yield_count: i32) -> i32                    "0ii_i"
//   yield_variadic_sum(args: i32..., yield_count: i32) -> i32     "0CiDi_i"
//
// Each suspends its caller yield_count times (none when yield_count <= 0)
// and returns arg (or the wrapping sum of args) plus the number of times it
// suspended.
#ifndef KILN_MODULES_YIELDABLE_TEST_MODULE_H_
#define KILN_MODULES_YIELDABLE_TEST_MODULE_H_

#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::yieldable_test {

vm::StatusOr<vm::RefT<vm::NativeModule>> create_yieldable_test_module(vm::Instance &instance);

} // namespace kiln::yieldable_test

#endif // KILN_MODULES_YIELDABLE_TEST_MODULE_H_
