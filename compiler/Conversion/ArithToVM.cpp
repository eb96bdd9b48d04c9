//===- ArithToVM.cpp - arith to vm ------------------------------------------===//
//
// Patterns of the input conversion (ConvertToVM.cpp) for one source dialect;
// ToVMPatterns.h has the conventions they share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace mlir::kiln::tovm {
namespace {

//===----------------------------------------------------------------------===//
// arith: constants, integer and float arithmetic
//===----------------------------------------------------------------------===//

struct ConstantOpConversion : VMPattern<arith::ConstantOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::ConstantOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Attribute value = op.getValue();
    if (auto i = dyn_cast<IntegerAttr>(value)) {
      unsigned w = widthOf(i.getType());
      APInt v = i.getValue();
      Value c =
          w == 64 ? e.constI64(v.getSExtValue())
                  : e.constI32(static_cast<int32_t>(w < 32 ? v.getZExtValue() : v.getSExtValue()));
      rewriter.replaceOp(op, c);
      return success();
    }
    if (auto f = dyn_cast<FloatAttr>(value)) {
      if (f.getType().isF32())
        rewriter.replaceOp(op, ConstF32Op::create(rewriter, op.getLoc(), f));
      else
        rewriter.replaceOp(op, ConstF64Op::create(rewriter, op.getLoc(), f));
      return success();
    }
    return unsupported(op, "constant value has no vm equivalent");
  }
};

enum class Norm { None, Result, SignedOperands };

/// Integer binary ops with a direct vm counterpart. Narrow values are
/// re-normalized after ops that can carry into higher bits; signed ops
/// sign-extend their operands first.
template <typename SrcOp, typename Op32, typename Op64, Norm norm>
struct IntBinaryConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    unsigned w = this->widthOf(op.getType());
    Value l = adaptor.getLhs(), r = adaptor.getRhs();
    if (norm == Norm::SignedOperands) {
      l = e.signExtend(l, w);
      r = e.signExtend(r, w);
    }
    Value v = e.binInt<Op32, Op64>(l, r);
    if (norm != Norm::None)
      v = e.normalize(v, w);
    rewriter.replaceOp(op, v);
    return success();
  }
};

/// Shifts: the amount is an i32 operand of the vm op.
template <typename SrcOp, typename Op32, typename Op64, bool isSigned>
struct ShiftConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    unsigned w = this->widthOf(op.getType());
    Value v = adaptor.getLhs();
    if (isSigned)
      v = e.signExtend(v, w);
    Value amount = e.truncTo32(adaptor.getRhs());
    Value r = e.template binInt<Op32, Op64>(v, amount);
    rewriter.replaceOp(op, e.normalize(r, w));
    return success();
  }
};

/// floordivsi, ceildivsi and ceildivui from division and remainder.
template <typename SrcOp> struct RoundedDivConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    unsigned w = this->widthOf(op.getType());
    constexpr bool isUnsigned = std::is_same_v<SrcOp, arith::CeilDivUIOp>;
    Value l = adaptor.getLhs(), r = adaptor.getRhs();
    Type t = l.getType();
    Value q, rem;
    if (isUnsigned) {
      q = e.binInt<DivI32UOp, DivI64UOp>(l, r);
      rem = e.binInt<RemI32UOp, RemI64UOp>(l, r);
      Value nz = t.isInteger(64) ? (Value)CmpNZI64Op::create(rewriter, op.getLoc(), e.i32(), rem)
                                 : (Value)CmpNZI32Op::create(rewriter, op.getLoc(), e.i32(), rem);
      Value inc = e.add(q, e.constInt(t, 1));
      rewriter.replaceOp(op, e.normalize(e.select(nz, inc, q), w));
      return success();
    }
    l = e.signExtend(l, w);
    r = e.signExtend(r, w);
    q = e.binInt<DivI32SOp, DivI64SOp>(l, r);
    rem = e.binInt<RemI32SOp, RemI64SOp>(l, r);
    Value zero = e.constInt(t, 0);
    Value nz = e.cmpInt<CmpNEI32Op, CmpNEI64Op>(rem, zero);
    Value remNeg = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(rem, zero);
    Value rhsNeg = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(r, zero);
    Value signsDiffer = e.xorI(remNeg, rhsNeg);
    Value adjusted;
    Value cond;
    if (std::is_same_v<SrcOp, arith::FloorDivSIOp>) {
      cond = e.andI(nz, signsDiffer);
      adjusted = e.binInt<SubI32Op, SubI64Op>(q, e.constInt(t, 1));
    } else {
      cond = e.andI(nz, e.notBool(signsDiffer));
      adjusted = e.add(q, e.constInt(t, 1));
    }
    rewriter.replaceOp(op, e.normalize(e.select(cond, adjusted, q), w));
    return success();
  }
};

/// The sign bit of a float, as an i32 0/1.
static Value signBit(Emitter &e, Value f) {
  if (f.getType().isF64()) {
    Value bits = BitcastF64I64Op::create(e.b, e.loc, e.i64(), f);
    return CmpLTI64SOp::create(e.b, e.loc, e.i32(), bits, e.constI64(0));
  }
  Value bits = BitcastF32I32Op::create(e.b, e.loc, e.i32(), f);
  return CmpLTI32SOp::create(e.b, e.loc, e.i32(), bits, e.constI32(0));
}

/// arith.remf is C fmod (quotient truncated); vm.rem.f* is IEEE remainder
/// (quotient rounded to even). When the remainder is non-zero and its sign
/// differs from the dividend's, fmod = remainder + copysign(|rhs|, lhs); the
/// sum is representable, hence exact.
struct RemFConversion : VMPattern<arith::RemFOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::RemFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Value a = adaptor.getLhs(), b = adaptor.getRhs();
    Type t = a.getType();
    Value r = e.binFloat<RemF32Op, RemF64Op>(a, b);
    Value aNeg = signBit(e, a);
    Value rNeg = signBit(e, r);
    Value rNonZero = e.cmpFloat<CmpNEF32UOp, CmpNEF64UOp>(r, e.constFloat(t, 0));
    Value fix = e.andI(rNonZero, e.xorI(aNeg, rNeg));
    Value absB = e.unFloat<AbsF32Op, AbsF64Op>(b);
    Value step = e.select(aNeg, e.unFloat<NegF32Op, NegF64Op>(absB), absB);
    Value fixed = e.binFloat<AddF32Op, AddF64Op>(r, step);
    rewriter.replaceOp(op, e.select(fix, fixed, r));
    return success();
  }
};

/// maximumf/minimumf propagate NaN and order -0 below +0; maxnumf/minnumf
/// return the non-NaN operand. vm.max.f*(a, b) = a < b ? b : a keeps `a`
/// when either is NaN and `a` of two zeros, so each is expanded.
template <typename SrcOp> struct FloatMinMaxConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  static constexpr bool isMax =
      std::is_same_v<SrcOp, arith::MaximumFOp> || std::is_same_v<SrcOp, arith::MaxNumFOp>;
  static constexpr bool isNum =
      std::is_same_v<SrcOp, arith::MaxNumFOp> || std::is_same_v<SrcOp, arith::MinNumFOp>;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Value a = adaptor.getLhs(), b = adaptor.getRhs();
    Value m = isMax ? e.binFloat<MaxF32Op, MaxF64Op>(a, b) : e.binFloat<MinF32Op, MinF64Op>(a, b);
    Value aNaN = a.getType().isF64()
                     ? (Value)CmpNaNF64Op::create(rewriter, op.getLoc(), e.i32(), a)
                     : (Value)CmpNaNF32Op::create(rewriter, op.getLoc(), e.i32(), a);
    if (isNum) {
      // a NaN: b (NaN too when both are); otherwise vm.max ignores a NaN b.
      rewriter.replaceOp(op, e.select(aNaN, b, m));
      return success();
    }
    Value bNaN = a.getType().isF64()
                     ? (Value)CmpNaNF64Op::create(rewriter, op.getLoc(), e.i32(), b)
                     : (Value)CmpNaNF32Op::create(rewriter, op.getLoc(), e.i32(), b);
    Value eq = e.cmpFloat<CmpEQF32OOp, CmpEQF64OOp>(a, b);
    // Equal operands differ at most in the sign of zero: max ANDs the bits
    // (+0 wins), min ORs them (-0 wins).
    Value merged;
    if (a.getType().isF64()) {
      Value ab = BitcastF64I64Op::create(rewriter, op.getLoc(), e.i64(), a);
      Value bb = BitcastF64I64Op::create(rewriter, op.getLoc(), e.i64(), b);
      merged = BitcastI64F64Op::create(rewriter, op.getLoc(), a.getType(),
                                       isMax ? e.andI(ab, bb) : e.orI(ab, bb));
    } else {
      Value ab = BitcastF32I32Op::create(rewriter, op.getLoc(), e.i32(), a);
      Value bb = BitcastF32I32Op::create(rewriter, op.getLoc(), e.i32(), b);
      merged = BitcastI32F32Op::create(rewriter, op.getLoc(), a.getType(),
                                       isMax ? e.andI(ab, bb) : e.orI(ab, bb));
    }
    Value ordered = e.select(eq, merged, m);
    Value uno = e.orI(aNaN, bNaN);
    rewriter.replaceOp(op, e.select(uno, e.constNaN(a.getType()), ordered));
    return success();
  }
};

struct CmpIOpConversion : VMPattern<arith::CmpIOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::CmpIOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Type srcType = op.getLhs().getType();
    if (!srcType.isIntOrIndex())
      return unsupported(op, "only scalar integer comparisons are supported");
    unsigned w = widthOf(srcType);
    Value l = adaptor.getLhs(), r = adaptor.getRhs();
    using P = arith::CmpIPredicate;
    P p = op.getPredicate();
    bool isSigned = p == P::slt || p == P::sle || p == P::sgt || p == P::sge;
    if (isSigned) {
      l = e.signExtend(l, w);
      r = e.signExtend(r, w);
    }
    Value v;
    switch (p) {
    case P::eq:
      v = e.cmpInt<CmpEQI32Op, CmpEQI64Op>(l, r);
      break;
    case P::ne:
      v = e.cmpInt<CmpNEI32Op, CmpNEI64Op>(l, r);
      break;
    case P::slt:
      v = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(l, r);
      break;
    case P::sle:
      v = e.cmpInt<CmpLTEI32SOp, CmpLTEI64SOp>(l, r);
      break;
    case P::sgt:
      v = e.cmpInt<CmpGTI32SOp, CmpGTI64SOp>(l, r);
      break;
    case P::sge:
      v = e.cmpInt<CmpGTEI32SOp, CmpGTEI64SOp>(l, r);
      break;
    case P::ult:
      v = e.cmpInt<CmpLTI32UOp, CmpLTI64UOp>(l, r);
      break;
    case P::ule:
      v = e.cmpInt<CmpLTEI32UOp, CmpLTEI64UOp>(l, r);
      break;
    case P::ugt:
      v = e.cmpInt<CmpGTI32UOp, CmpGTI64UOp>(l, r);
      break;
    case P::uge:
      v = e.cmpInt<CmpGTEI32UOp, CmpGTEI64UOp>(l, r);
      break;
    }
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct CmpFOpConversion : VMPattern<arith::CmpFOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::CmpFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Value l = adaptor.getLhs(), r = adaptor.getRhs();
    if (!isa<FloatType>(l.getType()))
      return unsupported(op, "only scalar float comparisons are supported");
    auto isNaN = [&](Value v) -> Value {
      if (v.getType().isF64())
        return CmpNaNF64Op::create(rewriter, op.getLoc(), e.i32(), v);
      return CmpNaNF32Op::create(rewriter, op.getLoc(), e.i32(), v);
    };
    using P = arith::CmpFPredicate;
    Value v;
    switch (op.getPredicate()) {
    case P::AlwaysFalse:
      v = e.constI32(0);
      break;
    case P::AlwaysTrue:
      v = e.constI32(1);
      break;
    case P::OEQ:
      v = e.cmpFloat<CmpEQF32OOp, CmpEQF64OOp>(l, r);
      break;
    case P::ONE:
      v = e.cmpFloat<CmpNEF32OOp, CmpNEF64OOp>(l, r);
      break;
    case P::OLT:
      v = e.cmpFloat<CmpLTF32OOp, CmpLTF64OOp>(l, r);
      break;
    case P::OLE:
      v = e.cmpFloat<CmpLTEF32OOp, CmpLTEF64OOp>(l, r);
      break;
    case P::OGT:
      v = e.cmpFloat<CmpGTF32OOp, CmpGTF64OOp>(l, r);
      break;
    case P::OGE:
      v = e.cmpFloat<CmpGTEF32OOp, CmpGTEF64OOp>(l, r);
      break;
    case P::UEQ:
      v = e.cmpFloat<CmpEQF32UOp, CmpEQF64UOp>(l, r);
      break;
    case P::UNE:
      v = e.cmpFloat<CmpNEF32UOp, CmpNEF64UOp>(l, r);
      break;
    case P::ULT:
      v = e.cmpFloat<CmpLTF32UOp, CmpLTF64UOp>(l, r);
      break;
    case P::ULE:
      v = e.cmpFloat<CmpLTEF32UOp, CmpLTEF64UOp>(l, r);
      break;
    case P::UGT:
      v = e.cmpFloat<CmpGTF32UOp, CmpGTF64UOp>(l, r);
      break;
    case P::UGE:
      v = e.cmpFloat<CmpGTEF32UOp, CmpGTEF64UOp>(l, r);
      break;
    case P::UNO:
      v = e.orI(isNaN(l), isNaN(r));
      break;
    case P::ORD:
      v = e.notBool(e.orI(isNaN(l), isNaN(r)));
      break;
    }
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct SelectOpConversion : VMPattern<arith::SelectOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::SelectOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    if (adaptor.getCondition().size() != 1)
      return unsupported(op, "condition must be a scalar i1");
    Value c = adaptor.getCondition().front();
    ValueRange t = adaptor.getTrueValue(), f = adaptor.getFalseValue();
    SmallVector<Value> results;
    for (auto [tv, fv] : llvm::zip_equal(t, f))
      results.push_back(e.select(c, tv, fv));
    rewriter.replaceOpWithMultiple(op, {results});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// arith: casts
//===----------------------------------------------------------------------===//

/// Extends or truncates between integer widths (index resolved to its
/// width); `isSigned` picks sign or zero extension.
static Value castInt(Emitter &e, Value v, unsigned from, unsigned to, bool isSigned) {
  if (from == to)
    return v;
  if (to < from) {
    if (from == 64)
      v = e.truncTo32(v);
    return e.normalize(v, to);
  }
  // Widening.
  if (to <= 32) {
    if (!isSigned)
      return v;
    return e.normalize(e.signExtend(v, from), to);
  }
  if (isSigned)
    return e.toI64Signed(e.signExtend(v, from));
  return e.toI64Unsigned(v);
}

template <typename SrcOp, bool isSigned> struct IntCastConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Type src = op.getIn().getType(), dst = op.getType();
    if (!src.isIntOrIndex() || !dst.isIntOrIndex())
      return unsupported(op, "only scalar integer casts are supported");
    rewriter.replaceOp(
        op, castInt(e, adaptor.getIn(), this->widthOf(src), this->widthOf(dst), isSigned));
    return success();
  }
};

template <typename SrcOp, bool isSigned> struct IntToFloatConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    unsigned w = this->widthOf(op.getIn().getType());
    Value v = adaptor.getIn();
    Type dst = this->convert(op.getType());
    if (w < 32 && isSigned)
      v = e.signExtend(v, w);
    if (dst.isF64() && v.getType().isInteger(32))
      v = isSigned ? e.toI64Signed(v) : e.toI64Unsigned(v);
    Value r;
    if (dst.isF32()) {
      if (v.getType().isInteger(32))
        r = isSigned ? (Value)CastSI32F32Op::create(rewriter, loc, dst, v)
                     : (Value)CastUI32F32Op::create(rewriter, loc, dst, v);
      else
        r = isSigned ? (Value)CastSI64F32Op::create(rewriter, loc, dst, v)
                     : (Value)CastUI64F32Op::create(rewriter, loc, dst, v);
    } else {
      r = isSigned ? (Value)CastSI64F64Op::create(rewriter, loc, dst, v)
                   : (Value)CastUI64F64Op::create(rewriter, loc, dst, v);
    }
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// vm.cast.f*.*i* rounds to nearest (ties away); arith rounds toward zero,
/// so the operand is truncated first: ceil below zero, floor otherwise.
template <typename SrcOp, bool isSigned> struct FloatToIntConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    Value f = adaptor.getIn();
    Type ft = f.getType();
    unsigned w = this->widthOf(op.getType());
    Value neg = e.cmpFloat<CmpLTF32OOp, CmpLTF64OOp>(f, e.constFloat(ft, 0));
    Value up = e.unFloat<CeilF32Op, CeilF64Op>(f);
    Value down = e.unFloat<FloorF32Op, FloorF64Op>(f);
    Value t = e.select(neg, up, down);
    Value r;
    if (ft.isF32() && w <= 32)
      r = isSigned ? (Value)CastF32SI32Op::create(rewriter, loc, e.i32(), t)
                   : (Value)CastF32UI32Op::create(rewriter, loc, e.i32(), t);
    else if (ft.isF32())
      r = isSigned ? (Value)CastF32SI64Op::create(rewriter, loc, e.i64(), t)
                   : (Value)CastF32UI64Op::create(rewriter, loc, e.i64(), t);
    else
      r = isSigned ? (Value)CastF64SI64Op::create(rewriter, loc, e.i64(), t)
                   : (Value)CastF64UI64Op::create(rewriter, loc, e.i64(), t);
    if (w <= 32)
      r = e.normalize(e.truncTo32(r), w);
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct ExtFOpConversion : VMPattern<arith::ExtFOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::ExtFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<ExtF32F64Op>(op, rewriter.getF64Type(), adaptor.getIn());
    return success();
  }
};

struct TruncFOpConversion : VMPattern<arith::TruncFOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::TruncFOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (auto mode = op.getRoundingmode(); mode && *mode != arith::RoundingMode::to_nearest_even)
      return unsupported(op, "only round-to-nearest-even truncation is "
                             "supported");
    rewriter.replaceOpWithNewOp<TruncF64F32Op>(op, rewriter.getF32Type(), adaptor.getIn());
    return success();
  }
};

struct BitcastOpConversion : VMPattern<arith::BitcastOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(arith::BitcastOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Type src = adaptor.getIn().getType(), dst = convert(op.getType());
    Value in = adaptor.getIn();
    Location loc = op.getLoc();
    if (src == dst) {
      rewriter.replaceOp(op, in);
    } else if (src.isInteger(32) && dst.isF32()) {
      rewriter.replaceOp(op, BitcastI32F32Op::create(rewriter, loc, dst, in));
    } else if (src.isF32() && dst.isInteger(32)) {
      rewriter.replaceOp(op, BitcastF32I32Op::create(rewriter, loc, dst, in));
    } else if (src.isInteger(64) && dst.isF64()) {
      rewriter.replaceOp(op, BitcastI64F64Op::create(rewriter, loc, dst, in));
    } else if (src.isF64() && dst.isInteger(64)) {
      rewriter.replaceOp(op, BitcastF64I64Op::create(rewriter, loc, dst, in));
    } else {
      return unsupported(op, "bitcast has no vm equivalent");
    }
    return success();
  }
};

} // namespace

void populateArithToVMPatterns(const VMTypeConverter &c, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<
      ConstantOpConversion, IntBinaryConversion<arith::AddIOp, AddI32Op, AddI64Op, Norm::Result>,
      IntBinaryConversion<arith::SubIOp, SubI32Op, SubI64Op, Norm::Result>,
      IntBinaryConversion<arith::MulIOp, MulI32Op, MulI64Op, Norm::Result>,
      IntBinaryConversion<arith::DivSIOp, DivI32SOp, DivI64SOp, Norm::SignedOperands>,
      IntBinaryConversion<arith::DivUIOp, DivI32UOp, DivI64UOp, Norm::None>,
      IntBinaryConversion<arith::RemSIOp, RemI32SOp, RemI64SOp, Norm::SignedOperands>,
      IntBinaryConversion<arith::RemUIOp, RemI32UOp, RemI64UOp, Norm::None>,
      IntBinaryConversion<arith::MinSIOp, MinI32SOp, MinI64SOp, Norm::SignedOperands>,
      IntBinaryConversion<arith::MaxSIOp, MaxI32SOp, MaxI64SOp, Norm::SignedOperands>,
      IntBinaryConversion<arith::MinUIOp, MinI32UOp, MinI64UOp, Norm::None>,
      IntBinaryConversion<arith::MaxUIOp, MaxI32UOp, MaxI64UOp, Norm::None>,
      IntBinaryConversion<arith::AndIOp, AndI32Op, AndI64Op, Norm::None>,
      IntBinaryConversion<arith::OrIOp, OrI32Op, OrI64Op, Norm::None>,
      IntBinaryConversion<arith::XOrIOp, XorI32Op, XorI64Op, Norm::None>,
      ShiftConversion<arith::ShLIOp, ShlI32Op, ShlI64Op, false>,
      ShiftConversion<arith::ShRSIOp, ShrI32SOp, ShrI64SOp, true>,
      ShiftConversion<arith::ShRUIOp, ShrI32UOp, ShrI64UOp, false>,
      RoundedDivConversion<arith::FloorDivSIOp>, RoundedDivConversion<arith::CeilDivSIOp>,
      RoundedDivConversion<arith::CeilDivUIOp>,
      FloatBinaryConversion<arith::AddFOp, AddF32Op, AddF64Op>,
      FloatBinaryConversion<arith::SubFOp, SubF32Op, SubF64Op>,
      FloatBinaryConversion<arith::MulFOp, MulF32Op, MulF64Op>,
      FloatBinaryConversion<arith::DivFOp, DivF32Op, DivF64Op>,
      FloatUnaryConversion<arith::NegFOp, NegF32Op, NegF64Op>, RemFConversion,
      FloatMinMaxConversion<arith::MaximumFOp>, FloatMinMaxConversion<arith::MinimumFOp>,
      FloatMinMaxConversion<arith::MaxNumFOp>, FloatMinMaxConversion<arith::MinNumFOp>,
      CmpIOpConversion, CmpFOpConversion, SelectOpConversion,
      IntCastConversion<arith::ExtSIOp, true>, IntCastConversion<arith::ExtUIOp, false>,
      IntCastConversion<arith::TruncIOp, false>, IntCastConversion<arith::IndexCastOp, true>,
      IntCastConversion<arith::IndexCastUIOp, false>, IntToFloatConversion<arith::SIToFPOp, true>,
      IntToFloatConversion<arith::UIToFPOp, false>, FloatToIntConversion<arith::FPToSIOp, true>,
      FloatToIntConversion<arith::FPToUIOp, false>, ExtFOpConversion, TruncFOpConversion,
      BitcastOpConversion>(c, ctx);
}

} // namespace mlir::kiln::tovm
