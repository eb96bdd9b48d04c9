//===- VMRefOps.cpp - vm dialect: Ref ops ---------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// The null-ref constant belongs to the const family; it is matched and built
/// by name so that this file does not depend on its C++ class.
constexpr StringLiteral kConstRefZeroName = "vm.const.ref.zero";

bool isNullRefConstant(Value value) {
  Operation *def = value.getDefiningOp();
  return def && def->getName().getStringRef() == kConstRefZeroName && def->getNumResults() == 1;
}

/// A cast of a null ref is a null ref of the result type, whichever way the
/// cast goes (a checked cast of null always succeeds).
template <typename CastOp> struct CastOfNullToNull : public OpRewritePattern<CastOp> {
  using OpRewritePattern<CastOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(CastOp op, PatternRewriter &rewriter) const override {
    if (!isNullRefConstant(op.getOperand()))
      return rewriter.notifyMatchFailure(op, "operand is not a null constant");
    OperationState state(op.getLoc(), kConstRefZeroName);
    state.addTypes(op.getResult().getType());
    Operation *null = rewriter.create(state);
    rewriter.replaceOp(op, null->getResults());
    return success();
  }
};

/// Drops a `vm.discard.refs` with nothing to discard.
struct EraseEmptyDiscard : public OpRewritePattern<DiscardRefsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(DiscardRefsOp op, PatternRewriter &rewriter) const override {
    if (!op.getRefs().empty())
      return rewriter.notifyMatchFailure(op, "has refs to discard");
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// vm.cast.any.ref
//===----------------------------------------------------------------------===//

OpFoldResult CastAnyRefOp::fold(FoldAdaptor) {
  Value operand = getOperand();
  Type resultType = getResult().getType();
  // Casting a value to its own static type cannot fail.
  if (operand.getType() == resultType)
    return operand;
  // Narrowing back what was just widened from the same type cannot fail.
  if (auto widen = operand.getDefiningOp<CastRefAnyOp>())
    if (widen.getOperand().getType() == resultType)
      return widen.getOperand();
  return {};
}

void CastAnyRefOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<CastOfNullToNull<CastAnyRefOp>>(context);
}

//===----------------------------------------------------------------------===//
// vm.cast.ref.any
//===----------------------------------------------------------------------===//

LogicalResult CastRefAnyOp::verify() {
  auto resultType = cast<RefType>(getResult().getType());
  if (!resultType.isOpaque() && resultType != getOperand().getType())
    return emitOpError() << "result must be !vm.ref<?> or the operand type "
                         << getOperand().getType() << ", but got " << resultType
                         << "; use vm.cast.any.ref to narrow";
  return success();
}

OpFoldResult CastRefAnyOp::fold(FoldAdaptor) {
  Value operand = getOperand();
  Type resultType = getResult().getType();
  if (operand.getType() == resultType)
    return operand;
  // Widening what was just narrowed from the same type gives back the
  // original value. The narrowing cast stays if anything else uses it.
  if (auto narrow = operand.getDefiningOp<CastAnyRefOp>())
    if (narrow.getOperand().getType() == resultType)
      return narrow.getOperand();
  return {};
}

void CastRefAnyOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<CastOfNullToNull<CastRefAnyOp>>(context);
}

//===----------------------------------------------------------------------===//
// vm.assign.ref
//===----------------------------------------------------------------------===//

LogicalResult AssignRefOp::verify() {
  auto resultType = cast<RefType>(getResult().getType());
  if (!resultType.isOpaque() && resultType != getSource().getType())
    return emitOpError() << "result type " << resultType << " must be the source type "
                         << getSource().getType() << " or !vm.ref<?>";
  return success();
}

//===----------------------------------------------------------------------===//
// vm.discard.refs
//===----------------------------------------------------------------------===//

void DiscardRefsOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<EraseEmptyDiscard>(context);
}

#define GET_OP_CLASSES
#include "dialects/vm/VMRefOps.cpp.inc"
