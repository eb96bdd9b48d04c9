//===- VMConversionFolders.cpp - vm dialect: conversion folding -----------===//
//
// Constant folding of every conversion, exact look-through folds of chained
// integer narrowing/widening, inverse bitcast pairs, and the rewrites that
// split pseudo conversions into real ones.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

//===----------------------------------------------------------------------===//
// Integer narrowing/widening within an i32 register
//===----------------------------------------------------------------------===//

// The i32 -> i32 ops that read only the low `bits` bits of their operand and
// extend them back to 32 bits, with sign or zero fill.
struct NarrowKind {
  unsigned bits = 0;
  bool isSigned = false;
};

std::optional<NarrowKind> getNarrowKind(Operation *op) {
  if (!op)
    return std::nullopt;
  if (isa<TruncI32I8Op, TruncI16I8Op, ExtI8I32UOp>(op))
    return NarrowKind{8, false};
  if (isa<ExtI8I32SOp>(op))
    return NarrowKind{8, true};
  if (isa<TruncI32I16Op, ExtI16I32UOp>(op))
    return NarrowKind{16, false};
  if (isa<ExtI16I32SOp>(op))
    return NarrowKind{16, true};
  return std::nullopt;
}

APInt applyNarrow(const APInt &value, NarrowKind kind) {
  APInt low = value.trunc(kind.bits);
  return kind.isSigned ? low.sext(32) : low.zext(32);
}

// Folds an i32 narrowing op: constants, and a producer that is itself a
// narrowing op. With the producer y = P(x) reading M bits and this op C
// reading N bits:
//  * y is already what C would produce when M <= N and the fills are
//    compatible (zero-filled M < N bits look sign-filled at N bits too);
//  * otherwise, when M >= N, the low N bits of y are those of x, so C can
//    read x directly.
OpFoldResult foldNarrow(Operation *op, Attribute operandAttr) {
  NarrowKind self = *getNarrowKind(op);
  if (auto c = dyn_cast_if_present<IntegerAttr>(operandAttr))
    return IntegerAttr::get(c.getType(), applyNarrow(c.getValue(), self));

  Value operand = op->getOperand(0);
  Operation *producer = operand.getDefiningOp();
  std::optional<NarrowKind> prev = getNarrowKind(producer);
  if (!prev)
    return {};
  bool alreadyExtended =
      prev->bits <= self.bits &&
      (prev->isSigned ? self.isSigned : (!self.isSigned || prev->bits < self.bits));
  if (alreadyExtended)
    return operand;
  if (prev->bits >= self.bits) {
    op->setOperand(0, producer->getOperand(0));
    return op->getResult(0);
  }
  return {};
}

template <typename Fn>
OpFoldResult foldIntConversion(Attribute operandAttr, Type resultType, Fn fn) {
  if (auto c = dyn_cast_if_present<IntegerAttr>(operandAttr))
    return IntegerAttr::get(resultType, fn(c.getValue()));
  return {};
}

//===----------------------------------------------------------------------===//
// Float conversions
//===----------------------------------------------------------------------===//

// Converts between float formats with IEEE round-to-nearest-even. Refuses to
// fold when the conversion signals invalid (a signaling NaN operand), since
// the NaN a target hands back is not pinned down bit for bit.
OpFoldResult foldFloatResize(Attribute operandAttr, FloatType resultType) {
  auto c = dyn_cast_if_present<FloatAttr>(operandAttr);
  if (!c)
    return {};
  APFloat value = c.getValue();
  bool losesInfo = false;
  APFloat::opStatus status =
      value.convert(resultType.getFloatSemantics(), APFloat::rmNearestTiesToEven, &losesInfo);
  if (status & APFloat::opInvalidOp)
    return {};
  return FloatAttr::get(resultType, value);
}

OpFoldResult foldIntToFloat(Attribute operandAttr, FloatType resultType, bool isSigned) {
  auto c = dyn_cast_if_present<IntegerAttr>(operandAttr);
  if (!c)
    return {};
  APFloat value(resultType.getFloatSemantics());
  value.convertFromAPInt(c.getValue(), isSigned, APFloat::rmNearestTiesToEven);
  return FloatAttr::get(resultType, value);
}

// Rounds to nearest, ties away from zero, then converts. Folds only when the
// rounded value is representable in the result (for unsigned 64-bit results:
// below 2^63, the range every target computes exactly); NaN, infinities and
// out-of-range values are left to the target.
OpFoldResult foldFloatToInt(Attribute operandAttr, IntegerType resultType, bool isSigned) {
  auto c = dyn_cast_if_present<FloatAttr>(operandAttr);
  if (!c)
    return {};
  APFloat value = c.getValue();
  if (!value.isFinite())
    return {};
  value.roundToIntegral(APFloat::rmNearestTiesToAway);
  unsigned width = resultType.getWidth();
  bool limitTo63Bits = !isSigned && width == 64;
  llvm::APSInt result(limitTo63Bits ? 63 : width, /*isUnsigned=*/!isSigned);
  bool isExact = false;
  APFloat::opStatus status = value.convertToInteger(result, APFloat::rmTowardZero, &isExact);
  if (status != APFloat::opOK)
    return {};
  return IntegerAttr::get(resultType, result.extOrTrunc(width));
}

//===----------------------------------------------------------------------===//
// Pseudo conversions
//===----------------------------------------------------------------------===//

// Rewrites a pseudo conversion as First (to i32) then Second.
template <typename PseudoOp, typename First, typename Second>
struct SplitPseudoConversion : OpRewritePattern<PseudoOp> {
  using OpRewritePattern<PseudoOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(PseudoOp op, PatternRewriter &rewriter) const override {
    // Every split goes through an i32 register.
    Type midType = rewriter.getI32Type();
    Value mid = rewriter.createOrFold<First>(op.getLoc(), midType, op.getOperand());
    rewriter.replaceOpWithNewOp<Second>(op, op.getResult().getType(), mid);
    return success();
  }
};

// trunc.i16.i8 reads the same low 8 bits as trunc.i32.i8.
struct TruncI16I8ToTruncI32I8 : OpRewritePattern<TruncI16I8Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TruncI16I8Op op, PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<TruncI32I8Op>(op, op.getResult().getType(), op.getOperand());
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Folders
//===----------------------------------------------------------------------===//

OpFoldResult TruncI16I8Op::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult TruncI32I8Op::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult TruncI32I16Op::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult ExtI8I32SOp::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult ExtI8I32UOp::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult ExtI16I32SOp::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}
OpFoldResult ExtI16I32UOp::fold(FoldAdaptor adaptor) {
  return foldNarrow(*this, adaptor.getOperand());
}

OpFoldResult TruncI64I8Op::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(8).zext(32); });
}
OpFoldResult TruncI64I16Op::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(16).zext(32); });
}
OpFoldResult TruncI64I32Op::fold(FoldAdaptor adaptor) {
  // trunc(ext(x)) == x for either extension.
  if (auto ext = getOperand().getDefiningOp())
    if (isa<ExtI32I64SOp, ExtI32I64UOp>(ext))
      return ext->getOperand(0);
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(32); });
}
OpFoldResult ExtI8I64SOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(8).sext(64); });
}
OpFoldResult ExtI8I64UOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(8).zext(64); });
}
OpFoldResult ExtI16I64SOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(16).sext(64); });
}
OpFoldResult ExtI16I64UOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.trunc(16).zext(64); });
}
OpFoldResult ExtI32I64SOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.sext(64); });
}
OpFoldResult ExtI32I64UOp::fold(FoldAdaptor adaptor) {
  return foldIntConversion(adaptor.getOperand(), getType(),
                           [](const APInt &v) { return v.zext(64); });
}

OpFoldResult TruncF64F32Op::fold(FoldAdaptor adaptor) {
  return foldFloatResize(adaptor.getOperand(), cast<FloatType>(getType()));
}
OpFoldResult ExtF32F64Op::fold(FoldAdaptor adaptor) {
  return foldFloatResize(adaptor.getOperand(), cast<FloatType>(getType()));
}

OpFoldResult CastSI32F32Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), true);
}
OpFoldResult CastSI64F32Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), true);
}
OpFoldResult CastSI64F64Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), true);
}
OpFoldResult CastUI32F32Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), false);
}
OpFoldResult CastUI64F32Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), false);
}
OpFoldResult CastUI64F64Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloat(adaptor.getOperand(), cast<FloatType>(getType()), false);
}

OpFoldResult CastF32SI32Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), true);
}
OpFoldResult CastF32SI64Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), true);
}
OpFoldResult CastF32UI32Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), false);
}
OpFoldResult CastF32UI64Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), false);
}
OpFoldResult CastF64SI64Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), true);
}
OpFoldResult CastF64UI64Op::fold(FoldAdaptor adaptor) {
  return foldFloatToInt(adaptor.getOperand(), cast<IntegerType>(getType()), false);
}

// Bitcasts: constants keep their exact bits; a bitcast of the inverse bitcast
// is its original operand.
template <typename InverseOp>
static OpFoldResult foldIntToFloatBits(Operation *op, Attribute operandAttr) {
  if (auto inv = op->getOperand(0).getDefiningOp<InverseOp>())
    return inv.getOperand();
  auto c = dyn_cast_if_present<IntegerAttr>(operandAttr);
  if (!c)
    return {};
  auto type = cast<FloatType>(op->getResult(0).getType());
  return FloatAttr::get(type, APFloat(type.getFloatSemantics(), c.getValue()));
}
template <typename InverseOp>
static OpFoldResult foldFloatToIntBits(Operation *op, Attribute operandAttr) {
  if (auto inv = op->getOperand(0).getDefiningOp<InverseOp>())
    return inv.getOperand();
  auto c = dyn_cast_if_present<FloatAttr>(operandAttr);
  if (!c)
    return {};
  return IntegerAttr::get(op->getResult(0).getType(), c.getValue().bitcastToAPInt());
}

OpFoldResult BitcastI32F32Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloatBits<BitcastF32I32Op>(*this, adaptor.getOperand());
}
OpFoldResult BitcastF32I32Op::fold(FoldAdaptor adaptor) {
  return foldFloatToIntBits<BitcastI32F32Op>(*this, adaptor.getOperand());
}
OpFoldResult BitcastI64F64Op::fold(FoldAdaptor adaptor) {
  return foldIntToFloatBits<BitcastF64I64Op>(*this, adaptor.getOperand());
}
OpFoldResult BitcastF64I64Op::fold(FoldAdaptor adaptor) {
  return foldFloatToIntBits<BitcastI64F64Op>(*this, adaptor.getOperand());
}

//===----------------------------------------------------------------------===//
// Canonicalization patterns
//===----------------------------------------------------------------------===//

void TruncI16I8Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<TruncI16I8ToTruncI32I8>(context);
}
void TruncI64I8Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<TruncI64I8Op, TruncI64I32Op, TruncI32I8Op>>(context);
}
void TruncI64I16Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<TruncI64I16Op, TruncI64I32Op, TruncI32I16Op>>(context);
}
void ExtI8I64SOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<ExtI8I64SOp, ExtI8I32SOp, ExtI32I64SOp>>(context);
}
void ExtI8I64UOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<ExtI8I64UOp, ExtI8I32UOp, ExtI32I64UOp>>(context);
}
void ExtI16I64SOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<ExtI16I64SOp, ExtI16I32SOp, ExtI32I64SOp>>(context);
}
void ExtI16I64UOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SplitPseudoConversion<ExtI16I64UOp, ExtI16I32UOp, ExtI32I64UOp>>(context);
}
