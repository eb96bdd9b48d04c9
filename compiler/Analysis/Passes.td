//===- Passes.td - Analysis test passes -------------------*- tablegen -*-===//

#ifndef KILN_COMPILER_ANALYSIS_PASSES
#define KILN_COMPILER_ANALYSIS_PASSES

include "mlir/Pass/PassBase.td"

def TestVMSuspensionAnalysisPass
    : Pass<"test-vm-suspension-analysis", "mlir::ModuleOp"> {
  let summary = "Annotates vm functions with what the suspension analysis says";
  let description = [{
    Runs SuspensionAnalysis on every `vm.module` under both policies and
    records on each `vm.func` and `vm.import` the unit attributes
    `test.may_suspend_declared` (IREE's declared yieldability, what
    `--vm-yieldable-analysis` marks) and `test.may_suspend_any_import` (every
    import call may suspend, what the C target builds state machines from),
    `test.declares_suspension` on functions that carry the bytecode
    YIELDABLE flag, and `test.suspension_point` on the ops that are
    suspension points under the AnyImport policy.
  }];
}

#endif // KILN_COMPILER_ANALYSIS_PASSES
