//===- Passes.td - Bytecode target test passes ------------*- tablegen -*-===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_PASSES
#define KILN_COMPILER_TARGET_BYTECODE_PASSES

include "mlir/Pass/PassBase.td"

def TestVMRegisterAllocationPass
    : Pass<"test-vm-register-allocation", "mlir::ModuleOp"> {
  let summary = "Annotates vm functions with their bytecode register allocation";
  let description = [{
    Runs the bytecode plan, liveness and register allocation on every
    `vm.func` and records the result as attributes that lit tests match:
    `block_registers` on every op that starts a block (the registers of the
    block's arguments, on the block's first op), `result_registers` on ops
    with results, `scalar_registers`/`ref_registers` counts on the function.
    Registers print as `i<N>` (scalar bank) and `r<N>` (ref bank); values an
    op no longer needs after it (last uses of refs) are listed in
    `last_ref_uses`. Ops the encoder folds away are marked `elided`.
  }];
}

#endif // KILN_COMPILER_TARGET_BYTECODE_PASSES
