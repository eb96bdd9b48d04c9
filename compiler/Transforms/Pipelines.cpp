//===- Pipelines.cpp - The vm preparation pipeline and registration -------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Imports/Passes.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace mlir::kiln {

static void buildPipelineOnVMModule(OpPassManager &pm) {
  // First, while every import the program wrote is still there.
  pm.addPass(vm::createVMVerifyKnownImportsPass());
  pm.addPass(vm::createVMNormalizeCallSegmentsPass());
  pm.addPass(vm::createVMLowerChecksPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(vm::createVMInlineInitializerConstantsPass());
  pm.addPass(vm::createVMHoistInlinedRodataPass());
  pm.addPass(vm::createVMDeduplicateRodataPass());
  pm.addPass(vm::createVMGlobalInitializationPass());
  // Barriers go after the folding above has run with them in place.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(vm::createVMFoldImmutableGlobalsPass());
  pm.addPass(vm::createVMDropOptimizationBarriersPass());
  pm.addPass(vm::createVMInlinePass());
  // Only function bodies change from here on: one function at a time, both
  // passes back to back while its ops are still in the cache, instead of
  // two walks over the whole module.
  OpPassManager &onFunctions = pm.nest<vm::FuncOp>();
  onFunctions.addPass(createCanonicalizerPass());
  onFunctions.addPass(createCSEPass());
  pm.addPass(vm::createVMDropUnusedSymbolsPass());
  pm.addPass(vm::createVMYieldableAnalysisPass());
  pm.addPass(vm::createVMOrdinalAllocationPass());
}

void buildVMPreparationPipeline(OpPassManager &pm) {
  if (pm.getOpAnchorName() == vm::ModuleOp::getOperationName()) {
    buildPipelineOnVMModule(pm);
    return;
  }
  buildPipelineOnVMModule(pm.nest<vm::ModuleOp>());
}

void buildVMBytecodePreparationPipeline(OpPassManager &pm) { buildVMPreparationPipeline(pm); }

void buildVMNativePreparationPipeline(OpPassManager &pm, bool versionLoops, bool prepayLoopFuel) {
  buildVMPreparationPipeline(pm);
  OpPassManager &onModule =
      pm.getOpAnchorName() == vm::ModuleOp::getOperationName() ? pm : pm.nest<vm::ModuleOp>();
  // Nothing runs after it: canonicalization would move the check's
  // constants to the entry block and shift the positions of the
  // function's ops, which the native forms' traces show. Run with
  // version=false too: it drops the input's own in_range attributes.
  vm::VMVersionLoopsPassOptions options;
  options.version = versionLoops;
  onModule.addPass(vm::createVMVersionLoopsPass(options));
  // After it, so the checked and the unchecked copy both prepay; run with
  // enable=false too: it drops the input's own fuel_prepaid attributes.
  vm::VMPrepayLoopFuelPassOptions prepay;
  prepay.enable = prepayLoopFuel;
  onModule.addPass(vm::createVMPrepayLoopFuelPass(prepay));
}

static bool verifyEachPass = false;

void setVMPreparationVerifyEach(bool verifyEach) { verifyEachPass = verifyEach; }

LogicalResult runVMPreparation(Operation *op, VMPreparation which, bool versionLoops,
                               bool prepayLoopFuel) {
  PassManager pm(op->getContext(), op->getName().getStringRef());
  pm.enableVerifier(verifyEachPass);
  if (which == VMPreparation::Bytecode)
    buildVMBytecodePreparationPipeline(pm);
  else
    buildVMNativePreparationPipeline(pm, versionLoops, prepayLoopFuel);
  if (failed(pm.run(op)))
    return failure();
  return verifyEachPass ? success() : verify(op);
}

void registerVMTransformPasses() {
  vm::registerKilnVMPasses();
  vm::registerKilnImportsPasses();
  PassPipelineRegistration<>("vm-bytecode-preparation",
                             "Prepares vm modules for serialization: verify imports of the "
                             "runtime's modules, normalize variadic call segments, lower checks, "
                             "canonicalize, "
                             "hoist and deduplicate rodata, global initialization, drop barriers, "
                             "inline, canonicalize/CSE, drop unused symbols, yieldable analysis, "
                             "ordinal allocation",
                             [](OpPassManager &pm) { buildVMPreparationPipeline(pm); });
  PassPipelineRegistration<>("vm-native-preparation",
                             "Prepares vm modules for the C and LLVM targets: "
                             "vm-bytecode-preparation, then vm-version-loops and "
                             "vm-prepay-loop-fuel{enable=false}",
                             [](OpPassManager &pm) { buildVMNativePreparationPipeline(pm); });
}

} // namespace mlir::kiln
