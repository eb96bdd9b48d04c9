//===- TestRegisterAllocationPass.cpp - Show the register allocation ------===//

#include "compiler/Analysis/RegisterAllocation.h"
#include "compiler/Analysis/ValueLiveness.h"
#include "compiler/Target/Bytecode/BytecodePlan.h"
#include "compiler/Target/Bytecode/Passes.h"
#include "dialects/vm/VMOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::kiln {

#define GEN_PASS_DEF_TESTVMREGISTERALLOCATIONPASS
#include "compiler/Target/Bytecode/Passes.h.inc"

namespace {

std::string formatRegister(Register reg) {
  return (reg.isRef ? "r" : "i") + std::to_string(reg.index);
}

class TestVMRegisterAllocationPass
    : public impl::TestVMRegisterAllocationPassBase<TestVMRegisterAllocationPass> {
  void runOnOperation() override {
    bool failed = false;
    OpcodeTable table(&getContext());
    getOperation()->walk([&](vm::FuncOp funcOp) {
      if (funcOp->getNumRegions() != 1 || funcOp->getRegion(0).empty())
        return;
      Region &body = funcOp->getRegion(0);
      BytecodePlan plan(body, table);
      ValueLiveness liveness(body, plan);
      FailureOr<RegisterAllocation> allocation =
          RegisterAllocation::compute(funcOp, body, plan, liveness);
      if (::mlir::failed(allocation)) {
        failed = true;
        return;
      }
      annotate(funcOp, body, plan, liveness, *allocation);
    });
    if (failed)
      signalPassFailure();
  }

  void annotate(Operation *funcOp, Region &body, const BytecodePlan &plan,
                const ValueLiveness &liveness, const RegisterAllocation &allocation) {
    Builder b(funcOp->getContext());
    auto names = [&](auto values) {
      SmallVector<Attribute> list;
      for (Value value : values)
        list.push_back(b.getStringAttr(allocation.hasRegister(value)
                                           ? formatRegister(allocation.get(value))
                                           : std::string("none")));
      return b.getArrayAttr(list);
    };
    funcOp->setAttr("scalar_registers", b.getI32IntegerAttr(allocation.getScalarCount()));
    funcOp->setAttr("ref_registers", b.getI32IntegerAttr(allocation.getRefCount()));
    for (Block &block : body) {
      if (block.empty())
        continue;
      if (block.getNumArguments())
        block.front().setAttr("block_registers", names(block.getArguments()));
      for (Operation &op : block) {
        if (plan.isElided(&op))
          op.setAttr("elided", b.getUnitAttr());
        if (op.getNumResults() && !plan.isElided(&op))
          op.setAttr("result_registers", names(op.getResults()));
        SmallVector<Value> reads, moved;
        plan.getReads(&op, reads);
        for (Value value : reads)
          if (RegisterAllocation::isRefType(value.getType()) && liveness.isLastUse(&op, value) &&
              !llvm::is_contained(moved, value))
            moved.push_back(value);
        if (!moved.empty())
          op.setAttr("last_ref_uses", names(moved));
      }
    }
  }
};

} // namespace
} // namespace mlir::kiln
