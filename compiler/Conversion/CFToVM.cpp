//===- CFToVM.cpp - cf to vm ------------------------------------------------===//
//
// Patterns of the input conversion (ConvertToVM.cpp) for one source dialect;
// ToVMPatterns.h has the conventions they share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"

namespace mlir::kiln::tovm {
namespace {

//===----------------------------------------------------------------------===//
// cf
//===----------------------------------------------------------------------===//

struct BranchOpConversion : VMPattern<cf::BranchOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(cf::BranchOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<BranchOp>(op, op.getDest(), flatten(adaptor.getDestOperands()));
    return success();
  }
};

struct CondBranchOpConversion : VMPattern<cf::CondBranchOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(cf::CondBranchOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<CondBranchOp>(op, adaptor.getCondition().front(), op.getTrueDest(),
                                              flatten(adaptor.getTrueDestOperands()),
                                              op.getFalseDest(),
                                              flatten(adaptor.getFalseDestOperands()));
    return success();
  }
};

/// Dense case sets become a vm.br_table indexed by `flag - min`; sparse ones
/// a chain of equality tests.
struct SwitchOpConversion : VMPattern<cf::SwitchOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(cf::SwitchOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Emitter e{rewriter, loc};
    Value flag = adaptor.getFlag().front();
    unsigned w = widthOf(op.getFlag().getType());
    SmallVector<Value> defaultOperands = flatten(adaptor.getDefaultOperands());
    SmallVector<SmallVector<Value>> caseOperands;
    for (ArrayRef<ValueRange> group : adaptor.getCaseOperands())
      caseOperands.push_back(flatten(group));
    SmallVector<int64_t> values;
    if (auto attr = op.getCaseValues())
      for (const APInt &v : attr->getValues<APInt>())
        values.push_back(w == 64 ? v.getSExtValue()
                                 : (w < 32 ? (int64_t)v.getZExtValue() : v.getSExtValue()));
    if (values.empty()) {
      rewriter.replaceOpWithNewOp<BranchOp>(op, op.getDefaultDestination(), defaultOperands);
      return success();
    }
    int64_t lo = *llvm::min_element(values), hi = *llvm::max_element(values);
    // Span as unsigned to avoid overflow.
    uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    bool dense = span <= 2 * values.size() + 4 && span <= 4096;
    if (dense) {
      Value index;
      if (flag.getType().isInteger(64)) {
        Value d = e.binInt<SubI32Op, SubI64Op>(flag, e.constI64(lo));
        Value inRange = CmpLTI64UOp::create(rewriter, loc, e.i32(), d, e.constI64(span));
        index = e.select(inRange, e.truncTo32(d), e.constI32(-1));
      } else {
        // Subtracting mod 2^32 maps exactly [lo, hi] onto [0, span).
        index = lo == 0 ? flag
                        : e.binInt<SubI32Op, SubI64Op>(flag, e.constI32(static_cast<int32_t>(lo)));
      }
      SmallVector<Block *> dests(span, op.getDefaultDestination());
      SmallVector<ValueRange> operands(span, ValueRange(defaultOperands));
      SmallVector<bool> taken(span, false);
      for (auto [i, v] : llvm::enumerate(values)) {
        // The first case with a value wins, as in cf.switch.
        uint64_t slot = static_cast<uint64_t>(v) - static_cast<uint64_t>(lo);
        if (taken[slot])
          continue;
        taken[slot] = true;
        dests[slot] = op.getCaseDestinations()[i];
        operands[slot] = caseOperands[i];
      }
      rewriter.replaceOpWithNewOp<BranchTableOp>(op, index, defaultOperands, operands,
                                                 op.getDefaultDestination(), dests);
      return success();
    }
    // Compare chain: each test falls through to a fresh block.
    Block *current = rewriter.getInsertionBlock();
    Region *region = current->getParent();
    for (auto [i, v] : llvm::enumerate(values)) {
      Value eq = e.cmpInt<CmpEQI32Op, CmpEQI64Op>(flag, e.constInt(flag.getType(), v));
      bool last = i + 1 == values.size();
      Block *next = nullptr;
      if (!last) {
        OpBuilder::InsertionGuard guard(rewriter);
        next =
            rewriter.createBlock(region, std::next(Region::iterator(rewriter.getInsertionBlock())));
      }
      if (last) {
        rewriter.replaceOpWithNewOp<CondBranchOp>(op, eq, op.getCaseDestinations()[i],
                                                  caseOperands[i], op.getDefaultDestination(),
                                                  defaultOperands);
      } else {
        CondBranchOp::create(rewriter, loc, eq, op.getCaseDestinations()[i], caseOperands[i], next,
                             ValueRange());
        rewriter.setInsertionPointToStart(next);
      }
    }
    return success();
  }
};

struct AssertOpConversion : VMPattern<cf::AssertOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(cf::AssertOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    // FAILED_PRECONDITION, as the runtime's status codes number it.
    Value status = e.constI32(9);
    rewriter.replaceOpWithNewOp<CondFailOp>(op, e.notBool(adaptor.getArg()), status, op.getMsg());
    return success();
  }
};

} // namespace

void populateCFToVMPatterns(const VMTypeConverter &c, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BranchOpConversion, CondBranchOpConversion, SwitchOpConversion, AssertOpConversion>(
      c, ctx);
}

} // namespace mlir::kiln::tovm
