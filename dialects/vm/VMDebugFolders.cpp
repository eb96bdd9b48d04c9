//===- VMDebugFolders.cpp - vm dialect: Debug canonicalization -----------===//
//
// vm.cond_break on a known condition, and the lowering of the vm.check.*
// pseudo-ops to a comparison and a vm.cond_fail.
//
// The comparison, xor and constant ops belong to other families; they are
// created by name (and only when registered) so this file builds on its own.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// `vm.cond_break` on a known condition: a `vm.break` when true, a `vm.br`
/// when false. Both continue at the same block.
struct FoldConstantCondBreak : OpRewritePattern<CondBreakOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CondBreakOp op, PatternRewriter &rewriter) const override {
    APInt condition;
    if (!matchPattern(op.getCondition(), m_ConstantInt(&condition)))
      return failure();
    if (condition.isZero())
      rewriter.replaceOpWithNewOp<BranchOp>(op, op.getDest(), op.getDestOperands());
    else
      rewriter.replaceOpWithNewOp<BreakOp>(op, op.getDest(), op.getDestOperands());
    return success();
  }
};

} // namespace

void CondBreakOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FoldConstantCondBreak>(context);
}

//===----------------------------------------------------------------------===//
// vm.check.*
//===----------------------------------------------------------------------===//

namespace {

/// The status a failed check reports: IREE_STATUS_FAILED_PRECONDITION.
constexpr int32_t kFailedPreconditionStatus = 9;

enum class CheckKind { EQ, NE, NZ, NearlyEQ };

/// The name of the comparison op that computes whether a check passes, or
/// an empty string for operand types the vm cannot compare.
StringRef getComparisonName(CheckKind kind, Type type) {
  bool isRef = isa<RefType>(type);
  bool isI32 = type.isInteger(32), isI64 = type.isInteger(64);
  bool isF32 = type.isF32(), isF64 = type.isF64();
  auto pick = [&](StringRef i32, StringRef i64, StringRef f32, StringRef f64,
                  StringRef ref) -> StringRef {
    if (isI32)
      return i32;
    if (isI64)
      return i64;
    if (isF32)
      return f32;
    if (isF64)
      return f64;
    if (isRef)
      return ref;
    return {};
  };
  switch (kind) {
  case CheckKind::EQ:
    return pick("vm.cmp.eq.i32", "vm.cmp.eq.i64", "vm.cmp.eq.f32.o", "vm.cmp.eq.f64.o",
                "vm.cmp.eq.ref");
  case CheckKind::NE:
    return pick("vm.cmp.ne.i32", "vm.cmp.ne.i64", "vm.cmp.ne.f32.o", "vm.cmp.ne.f64.o",
                "vm.cmp.ne.ref");
  case CheckKind::NZ:
    return pick("vm.cmp.nz.i32", "vm.cmp.nz.i64", "vm.cmp.nz.f32.o", "vm.cmp.nz.f64.o",
                "vm.cmp.nz.ref");
  case CheckKind::NearlyEQ:
    return pick("vm.cmp.eq.i32", "vm.cmp.eq.i64", "vm.cmp.eq.f32.near", "vm.cmp.eq.f64.near",
                "vm.cmp.eq.ref");
  }
  return {};
}

bool isRegistered(StringRef name, MLIRContext *context) {
  return RegisteredOperationName::lookup(name, context).has_value();
}

/// vm.check.<kind> %a[, %b], "msg"   =>
///   %pass = vm.cmp.<kind>... %a[, %b]
///   %fail = vm.xor.i32 %pass, %c1
///   vm.cond_fail %fail, %c9, "msg"
template <typename CheckOpT, CheckKind kind> struct ExpandCheck : OpRewritePattern<CheckOpT> {
  using OpRewritePattern<CheckOpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(CheckOpT op, PatternRewriter &rewriter) const override {
    MLIRContext *context = op->getContext();
    ValueRange operands = op->getOperands();
    StringRef cmpName = getComparisonName(kind, operands.front().getType());
    if (cmpName.empty() || !isRegistered(cmpName, context) ||
        !isRegistered("vm.xor.i32", context) || !isRegistered("vm.const.i32", context))
      return failure();

    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Dialect *dialect = op->getDialect();
    Operation *one =
        dialect->materializeConstant(rewriter, rewriter.getIntegerAttr(i32, 1), i32, loc);
    if (!one)
      return failure();
    Operation *status = dialect->materializeConstant(
        rewriter, rewriter.getIntegerAttr(i32, kFailedPreconditionStatus), i32, loc);
    if (!status) {
      rewriter.eraseOp(one);
      return failure();
    }

    OperationState cmpState(loc, cmpName);
    cmpState.addOperands(operands);
    cmpState.addTypes(i32);
    Value pass = rewriter.create(cmpState)->getResult(0);

    OperationState xorState(loc, "vm.xor.i32");
    xorState.addOperands({pass, one->getResult(0)});
    xorState.addTypes(i32);
    Value fail = rewriter.create(xorState)->getResult(0);

    rewriter.replaceOpWithNewOp<CondFailOp>(op, fail, status->getResult(0), op.getMessageAttr());
    return success();
  }
};

} // namespace

void CheckEQOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCheck<CheckEQOp, CheckKind::EQ>>(context);
}

void CheckNEOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCheck<CheckNEOp, CheckKind::NE>>(context);
}

void CheckNZOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCheck<CheckNZOp, CheckKind::NZ>>(context);
}

void CheckNearlyEQOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                  MLIRContext *context) {
  results.add<ExpandCheck<CheckNearlyEQOp, CheckKind::NearlyEQ>>(context);
}
