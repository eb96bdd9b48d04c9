//===- YieldableAnalysis.cpp - Mark the vm functions that may suspend ----===//
//
// --vm-yieldable-analysis puts the unit attribute `vm.yieldable` on every
// vm.func that may suspend under IREE's declared yieldability (and removes
// stale ones). The analysis itself is compiler/Analysis/SuspensionAnalysis,
// which the bytecode and C targets share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/SuspensionAnalysis.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/vm/VMOps.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMYIELDABLEANALYSISPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

struct VMYieldableAnalysisPass
    : public ::mlir::kiln::vm::impl::VMYieldableAnalysisPassBase<VMYieldableAnalysisPass> {
  void runOnOperation() override {
    auto &analysis = getAnalysis<SuspensionAnalysis>();
    UnitAttr unit = UnitAttr::get(&getContext());
    for (FuncOp funcOp : getOperation().getBlock().getOps<FuncOp>()) {
      if (analysis.maySuspend(funcOp))
        funcOp->setAttr(kYieldableAttrName, unit);
      else
        funcOp->removeAttr(kYieldableAttrName);
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
