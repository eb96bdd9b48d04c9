//===- DropOptimizationBarriers.cpp - Remove vm.optimization_barrier ------===//

#include "compiler/Transforms/Passes.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMDROPOPTIMIZATIONBARRIERSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

struct VMDropOptimizationBarriersPass
    : public ::mlir::kiln::vm::impl::VMDropOptimizationBarriersPassBase<
          VMDropOptimizationBarriersPass> {
  void runOnOperation() override {
    SmallVector<OptimizationBarrierOp> barriers;
    getOperation().walk([&](OptimizationBarrierOp op) { barriers.push_back(op); });
    for (OptimizationBarrierOp op : barriers) {
      op->replaceAllUsesWith(op.getOperands());
      op.erase();
    }
  }
};

} // namespace
