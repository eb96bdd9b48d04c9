//===- TestSuspensionAnalysisPass.cpp - Show the suspension analysis ------===//

#include "compiler/Analysis/Passes.h"
#include "compiler/Analysis/SuspensionAnalysis.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kiln {

#define GEN_PASS_DEF_TESTVMSUSPENSIONANALYSISPASS
#include "compiler/Analysis/Passes.h.inc"

namespace {

class TestVMSuspensionAnalysisPass
    : public impl::TestVMSuspensionAnalysisPassBase<TestVMSuspensionAnalysisPass> {
  void runOnOperation() override {
    UnitAttr unit = UnitAttr::get(&getContext());
    getOperation()->walk([&](vm::ModuleOp moduleOp) {
      vm::SuspensionAnalysis declared(moduleOp, vm::SuspensionPolicy::Declared);
      vm::SuspensionAnalysis anyImport(moduleOp, vm::SuspensionPolicy::AnyImport);
      for (Operation &child : moduleOp.getBlock()) {
        if (!isa<vm::FuncOp, vm::ImportOp>(child))
          continue;
        if (declared.maySuspend(&child))
          child.setAttr("test.may_suspend_declared", unit);
        if (anyImport.maySuspend(&child))
          child.setAttr("test.may_suspend_any_import", unit);
        if (!isa<vm::FuncOp>(child))
          continue;
        if (vm::SuspensionAnalysis::declaresSuspension(&child))
          child.setAttr("test.declares_suspension", unit);
        child.walk([&](Operation *op) {
          if (op != &child && anyImport.isSuspensionPoint(op))
            op->setAttr("test.suspension_point", unit);
        });
      }
    });
  }
};

} // namespace
} // namespace mlir::kiln
