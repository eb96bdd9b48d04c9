//===- YieldableAnalysis.h - Which vm functions may suspend -----*- C++ -*-===//

#ifndef KILN_COMPILER_TRANSFORMS_YIELDABLEANALYSIS_H
#define KILN_COMPILER_TRANSFORMS_YIELDABLEANALYSIS_H

#include "dialects/vm/VMOps.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln::vm {

/// The functions and imports of a vm.module that may suspend the calling
/// fiber: a function that holds vm.yield, vm.call.yieldable or
/// vm.call.variadic.yieldable, an import with the `vm.yield` attribute, and
/// (transitively) any function calling one of those. Usable as an MLIR
/// analysis (getAnalysis<YieldableAnalysis>() on a vm.module).
class YieldableAnalysis {
public:
  explicit YieldableAnalysis(Operation *moduleOp);

  /// True when the vm.func or vm.import `op` may suspend.
  bool isYieldable(Operation *op) const { return yieldable.contains(op); }

private:
  llvm::DenseSet<Operation *> yieldable;
};

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_TRANSFORMS_YIELDABLEANALYSIS_H
