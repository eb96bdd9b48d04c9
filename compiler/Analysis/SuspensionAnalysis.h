//===- SuspensionAnalysis.h - Which vm functions may suspend ----*- C++ -*-===//
//
// The one answer to "may this function suspend?" that the preparation
// pipeline (--vm-yieldable-analysis), the bytecode target and the C target
// share. A function may suspend when its body holds a suspension point: a
// vm.yield, or a call to a callee that may suspend (found by a fixed point
// over the call graph). What the seeds are depends on who asks
// (SuspensionPolicy): IREE's declared yieldability, or every import call,
// which is what code that must resume after an import needs in Kiln, where
// any import may return DEFERRED.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_SUSPENSIONANALYSIS_H
#define KILN_COMPILER_ANALYSIS_SUSPENSIONANALYSIS_H

#include "mlir/IR/Operation.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::kiln::vm {

/// Which calls count as suspension points besides calls to functions that
/// may suspend.
enum class SuspensionPolicy {
  /// IREE's declared yieldability: an import suspends when it carries the
  /// `vm.yield` attribute, and vm.call.yieldable / vm.call.variadic.yieldable
  /// are suspension points whatever they call. The `vm.yieldable` marker of
  /// --vm-yieldable-analysis records this.
  Declared,
  /// Every import call may suspend (a bytecode import can yield whatever its
  /// declaration says); a yieldable call is a point only when its callee
  /// may suspend. The C target builds its resume state machines from this.
  AnyImport,
};

/// Usable as an MLIR analysis on a vm.module
/// (getAnalysis<SuspensionAnalysis>() gives the Declared policy).
class SuspensionAnalysis {
public:
  explicit SuspensionAnalysis(Operation *moduleOp,
                              SuspensionPolicy policy = SuspensionPolicy::Declared);

  /// True when the vm.func or vm.import `callable` may suspend.
  bool maySuspend(Operation *callable) const { return suspending.contains(callable); }
  /// The same by symbol name; false for names that are not functions or
  /// imports of the module.
  bool maySuspend(StringRef symbol) const;
  /// True when `op` (in a function of the module) may suspend the function
  /// that holds it: a vm.yield, or a call as the policy says.
  bool isSuspensionPoint(Operation *op) const;

  /// True when a vm.func declares that it suspends by itself, not through
  /// its callees: it carries `vm.yield` or its body holds vm.yield,
  /// vm.call.yieldable or vm.call.variadic.yieldable. The bytecode target's
  /// YIELDABLE function flag.
  static bool declaresSuspension(Operation *funcOp);

private:
  SuspensionPolicy policy;
  llvm::StringMap<Operation *> callables;
  llvm::DenseSet<Operation *> suspending;
};

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_ANALYSIS_SUSPENSIONANALYSIS_H
