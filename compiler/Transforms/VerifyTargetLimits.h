//===- VerifyTargetLimits.h - Module limits both targets share --*- C++ -*-===//

#ifndef KILN_COMPILER_TRANSFORMS_VERIFYTARGETLIMITS_H
#define KILN_COMPILER_TRANSFORMS_VERIFYTARGETLIMITS_H

#include "mlir/Support/LLVM.h"

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::kiln::vm {

/// Checks a prepared vm.module against the runtime's limits
/// (runtime/include/kiln/vm/limits.h): names, signature sizes, rodata
/// alignment, list element types and registers per bank. Emits one
/// diagnostic per violation and fails if there is any. Both targets call
/// this before emitting, so they accept exactly the same modules.
LogicalResult verifyTargetLimits(Operation *vmModule);

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_TRANSFORMS_VERIFYTARGETLIMITS_H
