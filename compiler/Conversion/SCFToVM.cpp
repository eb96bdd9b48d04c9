//===- SCFToVM.cpp - scf to vm (through cf) -------------------------------===//
//
// scf reaches vm through upstream's own lowering to cf; the cf patterns
// (CFToVM.cpp) take it the rest of the way in the main conversion.
// Parallel loops become serial scf.for nests first.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::kiln::tovm {

namespace {

/// Rewrites `loop` into a nest of scf.for loops that runs its iterations in
/// order, folding reduced values into loop-carried accumulators with the
/// scf.reduce regions. (Upstream's scf-to-cf patterns leave scf.parallel
/// alone under this conversion's target.)
void serialize(RewriterBase &rewriter, scf::ParallelOp loop) {
  Location loc = loop.getLoc();
  rewriter.setInsertionPoint(loop);
  SmallVector<scf::ForOp> nest;
  SmallVector<Value> carried(loop.getInitVals());
  for (auto [lb, ub, step] :
       llvm::zip_equal(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    auto inner = scf::ForOp::create(rewriter, loc, lb, ub, step, carried);
    if (!nest.empty() && !carried.empty())
      scf::YieldOp::create(rewriter, loc, inner.getResults());
    nest.push_back(inner);
    carried.assign(inner.getRegionIterArgs().begin(), inner.getRegionIterArgs().end());
    rewriter.setInsertionPointToStart(inner.getBody());
  }
  Block *body = loop.getBody();
  Block *innermost = nest.back().getBody();
  for (auto [iv, inner] : llvm::zip_equal(body->getArguments(), nest))
    rewriter.replaceAllUsesWith(iv, inner.getInductionVar());
  auto reduce = cast<scf::ReduceOp>(body->getTerminator());
  Operation *innermostEnd = carried.empty() ? innermost->getTerminator() : nullptr;
  if (innermostEnd)
    innermost->getOperations().splice(innermostEnd->getIterator(), body->getOperations(),
                                      body->begin(), reduce->getIterator());
  else
    innermost->getOperations().splice(innermost->end(), body->getOperations(), body->begin(),
                                      reduce->getIterator());
  if (!carried.empty()) {
    rewriter.setInsertionPointToEnd(innermost);
    SmallVector<Value> next;
    for (auto [region, acc, value] :
         llvm::zip_equal(reduce.getReductions(), carried, reduce.getOperands())) {
      IRMapping map;
      Block &combine = region.front();
      map.map(combine.getArgument(0), acc);
      map.map(combine.getArgument(1), value);
      for (Operation &op : combine.without_terminator())
        rewriter.clone(op, map);
      next.push_back(map.lookupOrDefault(combine.getTerminator()->getOperand(0)));
    }
    scf::YieldOp::create(rewriter, loc, next);
  }
  rewriter.replaceOp(loop, nest.front().getResults());
}

} // namespace

LogicalResult lowerSCFToCF(mlir::ModuleOp module) {
  MLIRContext *ctx = module.getContext();
  // Parallel loops run serially on the VM (--kiln-dispatch-parallel-loops
  // has already outlined the ones that run on the device's workers):
  // scf.forall through scf.parallel, scf.parallel as a nest of scf.for.
  IRRewriter rewriter(ctx);
  SmallVector<scf::ForallOp> foralls;
  module.walk([&](scf::ForallOp forall) {
    if (forall.getOutputs().empty())
      foralls.push_back(forall);
  });
  for (scf::ForallOp forall : foralls) {
    rewriter.setInsertionPoint(forall);
    (void)scf::forallToParallelLoop(rewriter, forall);
  }
  SmallVector<scf::ParallelOp> loops;
  module.walk([&](scf::ParallelOp loop) { loops.push_back(loop); });
  for (scf::ParallelOp loop : loops)
    serialize(rewriter, loop);

  RewritePatternSet patterns(ctx);
  populateSCFToControlFlowConversionPatterns(patterns);
  ConversionTarget target(*ctx);
  target.addIllegalDialect<scf::SCFDialect>();
  target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
  return applyPartialConversion(module, target, std::move(patterns));
}

} // namespace mlir::kiln::tovm
