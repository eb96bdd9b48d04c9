//===- SCFToVM.cpp - scf to vm (through cf) -------------------------------===//
//
// scf reaches vm through upstream's own lowering to cf; the cf patterns
// (CFToVM.cpp) take it the rest of the way in the main conversion.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir::kiln::tovm {

LogicalResult lowerSCFToCF(mlir::ModuleOp module) {
  MLIRContext *ctx = module.getContext();
  RewritePatternSet patterns(ctx);
  populateSCFToControlFlowConversionPatterns(patterns);
  ConversionTarget target(*ctx);
  target.addIllegalDialect<scf::SCFDialect>();
  target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
  return applyPartialConversion(module, target, std::move(patterns));
}

} // namespace mlir::kiln::tovm
