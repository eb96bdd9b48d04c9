//===- MathToVM.cpp - math to vm --------------------------------------------===//
//
// Patterns of the input conversion (ConvertToVM.cpp) for one source dialect;
// ToVMPatterns.h has the conventions they share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Dialect/Math/IR/Math.h"

namespace mlir::kiln::tovm {
namespace {

//===----------------------------------------------------------------------===//
// math
//===----------------------------------------------------------------------===//

struct AbsIOpConversion : VMPattern<math::AbsIOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(math::AbsIOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    unsigned w = widthOf(op.getType());
    Value v = e.signExtend(adaptor.getOperand(), w);
    rewriter.replaceOp(op, e.normalize(e.unInt<AbsI32Op, AbsI64Op>(v), w));
    return success();
  }
};

struct CtlzOpConversion : VMPattern<math::CountLeadingZerosOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(math::CountLeadingZerosOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    unsigned w = widthOf(op.getType());
    Value r = e.unInt<CtlzI32Op, CtlzI64Op>(adaptor.getOperand());
    if (w < 32)
      r = binIntSub(e, r, e.constI32(32 - w));
    rewriter.replaceOp(op, r);
    return success();
  }
  static Value binIntSub(Emitter &e, Value l, Value r) {
    return e.binInt<SubI32Op, SubI64Op>(l, r);
  }
};

struct FmaOpConversion : VMPattern<math::FmaOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(math::FmaOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Type t = adaptor.getA().getType();
    if (t.isF64())
      rewriter.replaceOpWithNewOp<FMAF64Op>(op, t, adaptor.getA(), adaptor.getB(), adaptor.getC());
    else
      rewriter.replaceOpWithNewOp<FMAF32Op>(op, t, adaptor.getA(), adaptor.getB(), adaptor.getC());
    return success();
  }
};

} // namespace

void populateMathToVMPatterns(const VMTypeConverter &c, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FloatUnaryConversion<math::AbsFOp, AbsF32Op, AbsF64Op>,
               FloatUnaryConversion<math::CeilOp, CeilF32Op, CeilF64Op>,
               FloatUnaryConversion<math::FloorOp, FloorF32Op, FloorF64Op>,
               FloatUnaryConversion<math::RoundOp, RoundF32Op, RoundF64Op>,
               FloatUnaryConversion<math::RoundEvenOp, RoundF32EvenOp, RoundF64EvenOp>,
               FloatUnaryConversion<math::ExpOp, ExpF32Op, ExpF64Op>,
               FloatUnaryConversion<math::Exp2Op, Exp2F32Op, Exp2F64Op>,
               FloatUnaryConversion<math::ExpM1Op, ExpM1F32Op, ExpM1F64Op>,
               FloatUnaryConversion<math::LogOp, LogF32Op, LogF64Op>,
               FloatUnaryConversion<math::Log10Op, Log10F32Op, Log10F64Op>,
               FloatUnaryConversion<math::Log1pOp, Log1pF32Op, Log1pF64Op>,
               FloatUnaryConversion<math::Log2Op, Log2F32Op, Log2F64Op>,
               FloatUnaryConversion<math::RsqrtOp, RsqrtF32Op, RsqrtF64Op>,
               FloatUnaryConversion<math::SqrtOp, SqrtF32Op, SqrtF64Op>,
               FloatUnaryConversion<math::SinOp, SinF32Op, SinF64Op>,
               FloatUnaryConversion<math::CosOp, CosF32Op, CosF64Op>,
               FloatUnaryConversion<math::TanhOp, TanhF32Op, TanhF64Op>,
               FloatUnaryConversion<math::AtanOp, AtanF32Op, AtanF64Op>,
               FloatUnaryConversion<math::ErfOp, ErfF32Op, ErfF64Op>,
               FloatBinaryConversion<math::PowFOp, PowF32Op, PowF64Op>,
               FloatBinaryConversion<math::Atan2Op, Atan2F32Op, Atan2F64Op>, AbsIOpConversion,
               CtlzOpConversion, FmaOpConversion>(c, ctx);
}

} // namespace mlir::kiln::tovm
