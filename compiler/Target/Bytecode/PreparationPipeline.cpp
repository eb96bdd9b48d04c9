//===- PreparationPipeline.cpp - Passes vm-to-bytecode runs first ---------===//
//
// The hook vm-translate calls before encoding. The real preparation passes
// (check lowering, global initialization into __init, rodata hoisting and
// dedup, ordinal allocation, yieldable-call analysis) are written by the vm
// passes owner; add them here as they land, in that order.
//
// INTERIM: until then the pipeline only canonicalizes. The serializer does
// its own minimal ordinal assignment (module order, 8-byte then 4-byte
// scalar globals) whenever `ordinal` attributes are missing, and rejects
// with a diagnostic what only the missing passes could make encodable
// (vm.check.*, vm.initializer, non-zero global initial values).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"

#include "mlir/Transforms/Passes.h"

namespace mlir::kiln {

void buildVMBytecodePreparationPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
}

} // namespace mlir::kiln
