//===- Passes.td - Passes over imports of the runtime's modules -*- tablegen -*-===//

#ifndef KILN_COMPILER_IMPORTS_PASSES
#define KILN_COMPILER_IMPORTS_PASSES

include "mlir/Pass/PassBase.td"

def VMVerifyKnownImportsPass
    : Pass<"vm-verify-known-imports", "::mlir::kiln::vm::ModuleOp"> {
  let summary = "checks imports of the runtime's modules against their "
                "declarations";
  let description = [{
    Every `vm.import` of a function of one of the runtime's own modules
    (`hal.*`, `check.*`) must name a function the module exports and declare
    it with the module's signature: the same argument and result types
    (`!vm.ref<?>` may stand for any ref type), the same variadic arguments,
    and `vm.yield` exactly when the function may suspend. The signatures are the declaration files in runtime/imports/,
    built into the compiler. A mismatch is an error at the import naming both
    signatures, instead of a link failure or wrong values at run time.
  }];
  let dependentDialects = ["::mlir::kiln::vm::VMDialect",
                           "::mlir::kiln::hal::HALDialect"];
}

#endif // KILN_COMPILER_IMPORTS_PASSES
