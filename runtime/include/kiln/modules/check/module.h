// The `check` native module: IREE's check.expect_* functions for tests.
// A failed expectation is an error status (FAILED_PRECONDITION) whose
// message shows both tensors and, for element-wise comparisons, the first
// differing index.
#ifndef KILN_MODULES_CHECK_MODULE_H_
#define KILN_MODULES_CHECK_MODULE_H_

#include "kiln/vm/instance.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::check {

vm::StatusOr<vm::RefT<vm::NativeModule>> create_check_module(vm::Instance &instance);

} // namespace kiln::check

#endif // KILN_MODULES_CHECK_MODULE_H_
