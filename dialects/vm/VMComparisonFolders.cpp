//===- VMComparisonFolders.cpp - vm dialect: comparison folding -----------===//
//
// Folders: comparisons of constants (integers by their signedness, floats
// with exact IEEE ordered/unordered NaN rules, refs where both sides are
// null), comparisons of a value with itself where the answer does not depend
// on the value (for floats only the predicates whose NaN answer equals their
// non-NaN answer), and non-zero/NaN tests of constants.
//
// Canonicalization rewrites every pseudo comparison into real ones:
//   gt(a, b)  -> lt(b, a)               (integers and floats)
//   lte(a, b) -> xor(lt(b, a), 1)       (integers)
//   gte(a, b) -> xor(lt(a, b), 1)       (integers)
//   gte(a, b) -> lte(b, a)              (floats, same ordering)
//   nz.f*(x)  -> ne.f*(x, 0.0)          (same ordering)
//   eq.f*.near -> a branch-free expansion with bitcasts and integer ops
// and removes `vm.xor.i32 %c, 1` inversions by switching to the inverse
// predicate when that predicate is a real op:
//   integers: eq <-> ne, lte -> lt (swapped), gte -> lt
//   floats:   eq.o <-> ne.u, eq.u <-> ne.o, lt.o -> lte.u (swapped),
//             lt.u -> lte.o (swapped), lte.o -> lt.u (swapped),
//             lte.u -> lt.o (swapped)
//   refs:     eq <-> ne
// Comparisons against zero/null become non-zero tests:
//   ne.i*(x, 0) -> nz.i*(x), ne.ref(x, null) -> nz.ref(x),
//   eq.ref(x, null) -> xor(nz.ref(x), 1).
//
// A constant on the left of an integer lt stays there: the only alternative
// spelling is the pseudo op gt, which lowers straight back to lt.
//
// vm.xor.i32, vm.sub.i*, vm.abs.i* and the constant ops belong to other op
// families; they are created by name (and constants through the dialect's
// constant materializer), and a pattern that needs one that is not
// registered does not apply.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

enum class Pred { EQ, NE, LT, LTE, GT, GTE };

// The answer of `x pred x` for any non-NaN x.
bool isReflexive(Pred pred) { return pred == Pred::EQ || pred == Pred::LTE || pred == Pred::GTE; }

bool evalInt(Pred pred, bool isSigned, const APInt &a, const APInt &b) {
  switch (pred) {
  case Pred::EQ:
    return a.eq(b);
  case Pred::NE:
    return a.ne(b);
  case Pred::LT:
    return isSigned ? a.slt(b) : a.ult(b);
  case Pred::LTE:
    return isSigned ? a.sle(b) : a.ule(b);
  case Pred::GT:
    return isSigned ? a.sgt(b) : a.ugt(b);
  case Pred::GTE:
    return isSigned ? a.sge(b) : a.uge(b);
  }
  llvm_unreachable("unknown predicate");
}

bool evalFloat(Pred pred, bool unordered, const APFloat &a, const APFloat &b) {
  APFloat::cmpResult r = a.compare(b);
  if (r == APFloat::cmpUnordered)
    return unordered;
  switch (pred) {
  case Pred::EQ:
    return r == APFloat::cmpEqual;
  case Pred::NE:
    return r != APFloat::cmpEqual;
  case Pred::LT:
    return r == APFloat::cmpLessThan;
  case Pred::LTE:
    return r == APFloat::cmpLessThan || r == APFloat::cmpEqual;
  case Pred::GT:
    return r == APFloat::cmpGreaterThan;
  case Pred::GTE:
    return r == APFloat::cmpGreaterThan || r == APFloat::cmpEqual;
  }
  llvm_unreachable("unknown predicate");
}

Attribute boolAttr(MLIRContext *ctx, bool value) {
  return IntegerAttr::get(IntegerType::get(ctx, 32), value ? 1 : 0);
}

template <typename CmpOp>
OpFoldResult foldIntCmp(CmpOp op, Attribute lhs, Attribute rhs, Pred pred, bool isSigned) {
  if (op.getLhs() == op.getRhs())
    return boolAttr(op.getContext(), isReflexive(pred));
  auto a = dyn_cast_if_present<IntegerAttr>(lhs);
  auto b = dyn_cast_if_present<IntegerAttr>(rhs);
  if (!a || !b)
    return {};
  return boolAttr(op.getContext(), evalInt(pred, isSigned, a.getValue(), b.getValue()));
}

template <typename CmpOp>
OpFoldResult foldFloatCmp(CmpOp op, Attribute lhs, Attribute rhs, Pred pred, bool unordered) {
  auto a = dyn_cast_if_present<FloatAttr>(lhs);
  auto b = dyn_cast_if_present<FloatAttr>(rhs);
  if (a && b)
    return boolAttr(op.getContext(), evalFloat(pred, unordered, a.getValue(), b.getValue()));
  // x pred x is `isReflexive(pred)` unless x is NaN, when it is `unordered`.
  if (op.getLhs() == op.getRhs() && isReflexive(pred) == unordered)
    return boolAttr(op.getContext(), unordered);
  return {};
}

// The near-equality of IREE's VM, which defines it by its expansion (there
// is no runtime opcode): operands on different sides of zero (`x >= 0`,
// ordered, so -0.0 counts as non-negative and NaN as negative) are near only
// when equal; otherwise their bit patterns, subtracted with wrap-around, must
// be fewer than maxUlps apart (|INT_MIN| stays INT_MIN, which is "near").
// IREE's own constant folder splits by the sign bit instead and so
// disagrees with IREE's runtime for -0.0 against a negative value; Kiln
// folds to what the expansion computes. Must agree with ExpandCmpNear below.
bool evalNear(const APFloat &a, const APFloat &b, int64_t maxUlps) {
  auto nonNegative = [](const APFloat &x) { return !x.isNaN() && (x.isZero() || !x.isNegative()); };
  if (nonNegative(a) != nonNegative(b))
    return a.compare(b) == APFloat::cmpEqual;
  APInt diff = a.bitcastToAPInt() - b.bitcastToAPInt();
  return diff.abs().slt(maxUlps);
}

constexpr int64_t kMaxUlpsF32 = 100;
constexpr int64_t kMaxUlpsF64 = 50000000000ll;

//===----------------------------------------------------------------------===//
// Helpers for ops of other families
//===----------------------------------------------------------------------===//

bool isRegistered(MLIRContext *ctx, StringRef name) {
  return RegisteredOperationName::lookup(name, ctx).has_value();
}

Value createByName(PatternRewriter &rewriter, Location loc, StringRef name, Type resultType,
                   ValueRange operands) {
  OperationState state(loc, name);
  state.addOperands(operands);
  state.addTypes(resultType);
  return rewriter.create(state)->getResult(0);
}

// Materializes `value` with the dialect's constant materializer; null if the
// constants family cannot build it.
Value materialize(PatternRewriter &rewriter, Location loc, Attribute value, Type type) {
  auto *dialect = rewriter.getContext()->getLoadedDialect<VMDialect>();
  Operation *op = dialect->materializeConstant(rewriter, value, type, loc);
  return op ? op->getResult(0) : Value();
}

// True if `user` is `vm.xor.i32` of `value` and the constant 1.
bool isInversionOf(Operation *user, Value value) {
  if (user->getName().getStringRef() != "vm.xor.i32" || user->getNumOperands() != 2)
    return false;
  Value other;
  if (user->getOperand(0) == value)
    other = user->getOperand(1);
  else if (user->getOperand(1) == value)
    other = user->getOperand(0);
  else
    return false;
  return matchPattern(other, m_One());
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

// cmp(a, b) whose only use is `xor %cmp, 1` -> inverse(a, b) or inverse(b, a).
template <typename SrcOp, typename InvOp, bool swapOperands>
struct InvertThroughXor : OpRewritePattern<SrcOp> {
  InvertThroughXor(MLIRContext *ctx) : OpRewritePattern<SrcOp>(ctx, 2) {}
  LogicalResult matchAndRewrite(SrcOp op, PatternRewriter &rewriter) const override {
    Value result = op.getResult();
    if (!result.hasOneUse())
      return failure();
    Operation *user = *result.user_begin();
    if (!isInversionOf(user, result))
      return failure();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    if (swapOperands)
      std::swap(lhs, rhs);
    Value inverse = InvOp::create(rewriter, op.getLoc(), result.getType(), lhs, rhs);
    rewriter.replaceOp(user, inverse);
    rewriter.eraseOp(op);
    return success();
  }
};

// cmp(a, b) -> other(b, a): gt via lt, float gte via lte.
template <typename SrcOp, typename DstOp> struct SwapToOp : OpRewritePattern<SrcOp> {
  using OpRewritePattern<SrcOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(SrcOp op, PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<DstOp>(op, op.getResult().getType(), op.getRhs(), op.getLhs());
    return success();
  }
};

// Integer lte/gte -> xor(lt(...), 1).
template <typename SrcOp, typename LtOp, bool swapOperands>
struct InvertedLT : OpRewritePattern<SrcOp> {
  using OpRewritePattern<SrcOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(SrcOp op, PatternRewriter &rewriter) const override {
    if (!isRegistered(op.getContext(), "vm.xor.i32"))
      return failure();
    Type i32 = rewriter.getI32Type();
    Value one = materialize(rewriter, op.getLoc(), rewriter.getI32IntegerAttr(1), i32);
    if (!one)
      return failure();
    Value lhs = op.getLhs(), rhs = op.getRhs();
    if (swapOperands)
      std::swap(lhs, rhs);
    Value lt = rewriter.createOrFold<LtOp>(op.getLoc(), i32, lhs, rhs);
    rewriter.replaceOp(op, createByName(rewriter, op.getLoc(), "vm.xor.i32", i32, {lt, one}));
    return success();
  }
};

// ne.i*(x, 0) -> nz.i*(x).
template <typename NeOp, typename NzOp> struct NEZeroToNZ : OpRewritePattern<NeOp> {
  using OpRewritePattern<NeOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(NeOp op, PatternRewriter &rewriter) const override {
    if (!matchPattern(op.getRhs(), m_Zero()))
      return failure();
    rewriter.replaceOpWithNewOp<NzOp>(op, op.getResult().getType(), op.getLhs());
    return success();
  }
};

// nz.f*(x) -> ne.f*(x, 0.0).
template <typename NzOp, typename NeOp> struct NZToNEZero : OpRewritePattern<NzOp> {
  using OpRewritePattern<NzOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(NzOp op, PatternRewriter &rewriter) const override {
    Type type = op.getOperand().getType();
    Value zero = materialize(rewriter, op.getLoc(), rewriter.getFloatAttr(type, 0.0), type);
    if (!zero)
      return failure();
    rewriter.replaceOpWithNewOp<NeOp>(op, op.getResult().getType(), op.getOperand(), zero);
    return success();
  }
};

bool isNullRef(Value value) {
  Attribute attr;
  return matchPattern(value, m_Constant(&attr));
}

// ne.ref(x, null) -> nz.ref(x).
struct NERefNullToNZ : OpRewritePattern<CmpNERefOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CmpNERefOp op, PatternRewriter &rewriter) const override {
    if (!isNullRef(op.getRhs()))
      return failure();
    rewriter.replaceOpWithNewOp<CmpNZRefOp>(op, op.getResult().getType(), op.getLhs());
    return success();
  }
};

// eq.ref(x, null) -> xor(nz.ref(x), 1).
struct EQRefNullToNZ : OpRewritePattern<CmpEQRefOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CmpEQRefOp op, PatternRewriter &rewriter) const override {
    if (!isNullRef(op.getRhs()) || !isRegistered(op.getContext(), "vm.xor.i32"))
      return failure();
    Type i32 = rewriter.getI32Type();
    Value one = materialize(rewriter, op.getLoc(), rewriter.getI32IntegerAttr(1), i32);
    if (!one)
      return failure();
    Value nz = CmpNZRefOp::create(rewriter, op.getLoc(), i32, op.getLhs());
    rewriter.replaceOp(op, createByName(rewriter, op.getLoc(), "vm.xor.i32", i32, {nz, one}));
    return success();
  }
};

// Expands eq.f*.near without control flow, to what IREE's expansion (two
// blocks) computes:
//   sides_differ = ne(lte.o(0, a), lte.o(0, b))
//   ulps_near = lt.s(abs(sub(bitcast(a), bitcast(b))), max_ulps)
//   near = select(sides_differ, eq.o(a, b), ulps_near)
template <typename NearOp, typename BitcastOp, typename CmpLTIOp, typename CmpLTEFOp,
          typename CmpEQFOp, int64_t maxUlps>
struct ExpandCmpNear : OpRewritePattern<NearOp> {
  using OpRewritePattern<NearOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(NearOp op, PatternRewriter &rewriter) const override {
    MLIRContext *ctx = op.getContext();
    unsigned width = op.getLhs().getType().getIntOrFloatBitWidth();
    std::string sub = "vm.sub.i" + std::to_string(width);
    std::string abs = "vm.abs.i" + std::to_string(width);
    if (!isRegistered(ctx, sub) || !isRegistered(ctx, abs))
      return failure();
    Location loc = op.getLoc();
    Type i32 = rewriter.getI32Type();
    Type intType = rewriter.getIntegerType(width);
    Type floatType = op.getLhs().getType();
    Value zeroF = materialize(rewriter, loc, rewriter.getFloatAttr(floatType, 0.0), floatType);
    Value limit = materialize(rewriter, loc, rewriter.getIntegerAttr(intType, maxUlps), intType);
    if (!zeroF || !limit)
      return failure();
    Value a = op.getLhs(), b = op.getRhs();
    Value nonNegA = CmpLTEFOp::create(rewriter, loc, i32, zeroF, a);
    Value nonNegB = CmpLTEFOp::create(rewriter, loc, i32, zeroF, b);
    Value sidesDiffer = CmpNEI32Op::create(rewriter, loc, i32, nonNegA, nonNegB);
    Value equal = CmpEQFOp::create(rewriter, loc, i32, a, b);
    Value bitsA = BitcastOp::create(rewriter, loc, intType, a);
    Value bitsB = BitcastOp::create(rewriter, loc, intType, b);
    Value diff = createByName(rewriter, loc, sub, intType, {bitsA, bitsB});
    Value absDiff = createByName(rewriter, loc, abs, intType, {diff});
    Value ulpsNear = CmpLTIOp::create(rewriter, loc, i32, absDiff, limit);
    rewriter.replaceOpWithNewOp<SelectI32Op>(op, i32, sidesDiffer, equal, ulpsNear);
    return success();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// Integer comparisons
//===----------------------------------------------------------------------===//

#define KILN_INT_CMP_FOLD(OpTy, pred, isSigned)                                                    \
  OpFoldResult OpTy::fold(FoldAdaptor adaptor) {                                                   \
    return foldIntCmp(*this, adaptor.getLhs(), adaptor.getRhs(), Pred::pred, isSigned);            \
  }

KILN_INT_CMP_FOLD(CmpEQI32Op, EQ, false)
KILN_INT_CMP_FOLD(CmpEQI64Op, EQ, false)
KILN_INT_CMP_FOLD(CmpNEI32Op, NE, false)
KILN_INT_CMP_FOLD(CmpNEI64Op, NE, false)
KILN_INT_CMP_FOLD(CmpLTI32SOp, LT, true)
KILN_INT_CMP_FOLD(CmpLTI64SOp, LT, true)
KILN_INT_CMP_FOLD(CmpLTI32UOp, LT, false)
KILN_INT_CMP_FOLD(CmpLTI64UOp, LT, false)
KILN_INT_CMP_FOLD(CmpLTEI32SOp, LTE, true)
KILN_INT_CMP_FOLD(CmpLTEI64SOp, LTE, true)
KILN_INT_CMP_FOLD(CmpLTEI32UOp, LTE, false)
KILN_INT_CMP_FOLD(CmpLTEI64UOp, LTE, false)
KILN_INT_CMP_FOLD(CmpGTI32SOp, GT, true)
KILN_INT_CMP_FOLD(CmpGTI64SOp, GT, true)
KILN_INT_CMP_FOLD(CmpGTI32UOp, GT, false)
KILN_INT_CMP_FOLD(CmpGTI64UOp, GT, false)
KILN_INT_CMP_FOLD(CmpGTEI32SOp, GTE, true)
KILN_INT_CMP_FOLD(CmpGTEI64SOp, GTE, true)
KILN_INT_CMP_FOLD(CmpGTEI32UOp, GTE, false)
KILN_INT_CMP_FOLD(CmpGTEI64UOp, GTE, false)

#undef KILN_INT_CMP_FOLD

OpFoldResult CmpNZI32Op::fold(FoldAdaptor adaptor) {
  if (auto c = dyn_cast_if_present<IntegerAttr>(adaptor.getOperand()))
    return boolAttr(getContext(), !c.getValue().isZero());
  return {};
}
OpFoldResult CmpNZI64Op::fold(FoldAdaptor adaptor) {
  if (auto c = dyn_cast_if_present<IntegerAttr>(adaptor.getOperand()))
    return boolAttr(getContext(), !c.getValue().isZero());
  return {};
}

void CmpEQI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpEQI32Op, CmpNEI32Op, false>>(context);
}
void CmpEQI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpEQI64Op, CmpNEI64Op, false>>(context);
}
void CmpNEI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpNEI32Op, CmpEQI32Op, false>, NEZeroToNZ<CmpNEI32Op, CmpNZI32Op>>(
      context);
}
void CmpNEI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpNEI64Op, CmpEQI64Op, false>, NEZeroToNZ<CmpNEI64Op, CmpNZI64Op>>(
      context);
}
// lt is the real op every other ordering lowers to; its inverse (gte) is a
// pseudo op, so lt has nothing to rewrite.
void CmpLTI32SOp::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
void CmpLTI64SOp::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
void CmpLTI32UOp::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
void CmpLTI64UOp::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}

#define KILN_INT_PSEUDO_CMP_PATTERNS(LteOp, GtOp, GteOp, LtOp)                                     \
  void LteOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {      \
    results.add<InvertThroughXor<LteOp, LtOp, true>, InvertedLT<LteOp, LtOp, true>>(context);      \
  }                                                                                                \
  void GtOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {       \
    results.add<SwapToOp<GtOp, LtOp>>(context);                                                    \
  }                                                                                                \
  void GteOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {      \
    results.add<InvertThroughXor<GteOp, LtOp, false>, InvertedLT<GteOp, LtOp, false>>(context);    \
  }

KILN_INT_PSEUDO_CMP_PATTERNS(CmpLTEI32SOp, CmpGTI32SOp, CmpGTEI32SOp, CmpLTI32SOp)
KILN_INT_PSEUDO_CMP_PATTERNS(CmpLTEI64SOp, CmpGTI64SOp, CmpGTEI64SOp, CmpLTI64SOp)
KILN_INT_PSEUDO_CMP_PATTERNS(CmpLTEI32UOp, CmpGTI32UOp, CmpGTEI32UOp, CmpLTI32UOp)
KILN_INT_PSEUDO_CMP_PATTERNS(CmpLTEI64UOp, CmpGTI64UOp, CmpGTEI64UOp, CmpLTI64UOp)

#undef KILN_INT_PSEUDO_CMP_PATTERNS

//===----------------------------------------------------------------------===//
// Floating-point comparisons
//===----------------------------------------------------------------------===//

#define KILN_FLOAT_CMP_FOLD(OpTy, pred, unordered)                                                 \
  OpFoldResult OpTy::fold(FoldAdaptor adaptor) {                                                   \
    return foldFloatCmp(*this, adaptor.getLhs(), adaptor.getRhs(), Pred::pred, unordered);         \
  }

KILN_FLOAT_CMP_FOLD(CmpEQF32OOp, EQ, false)
KILN_FLOAT_CMP_FOLD(CmpEQF64OOp, EQ, false)
KILN_FLOAT_CMP_FOLD(CmpEQF32UOp, EQ, true)
KILN_FLOAT_CMP_FOLD(CmpEQF64UOp, EQ, true)
KILN_FLOAT_CMP_FOLD(CmpNEF32OOp, NE, false)
KILN_FLOAT_CMP_FOLD(CmpNEF64OOp, NE, false)
KILN_FLOAT_CMP_FOLD(CmpNEF32UOp, NE, true)
KILN_FLOAT_CMP_FOLD(CmpNEF64UOp, NE, true)
KILN_FLOAT_CMP_FOLD(CmpLTF32OOp, LT, false)
KILN_FLOAT_CMP_FOLD(CmpLTF64OOp, LT, false)
KILN_FLOAT_CMP_FOLD(CmpLTF32UOp, LT, true)
KILN_FLOAT_CMP_FOLD(CmpLTF64UOp, LT, true)
KILN_FLOAT_CMP_FOLD(CmpLTEF32OOp, LTE, false)
KILN_FLOAT_CMP_FOLD(CmpLTEF64OOp, LTE, false)
KILN_FLOAT_CMP_FOLD(CmpLTEF32UOp, LTE, true)
KILN_FLOAT_CMP_FOLD(CmpLTEF64UOp, LTE, true)
KILN_FLOAT_CMP_FOLD(CmpGTF32OOp, GT, false)
KILN_FLOAT_CMP_FOLD(CmpGTF64OOp, GT, false)
KILN_FLOAT_CMP_FOLD(CmpGTF32UOp, GT, true)
KILN_FLOAT_CMP_FOLD(CmpGTF64UOp, GT, true)
KILN_FLOAT_CMP_FOLD(CmpGTEF32OOp, GTE, false)
KILN_FLOAT_CMP_FOLD(CmpGTEF64OOp, GTE, false)
KILN_FLOAT_CMP_FOLD(CmpGTEF32UOp, GTE, true)
KILN_FLOAT_CMP_FOLD(CmpGTEF64UOp, GTE, true)

#undef KILN_FLOAT_CMP_FOLD

#define KILN_FLOAT_CMP_INVERT(OpTy, InvOp, swap)                                                   \
  void OpTy::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {       \
    results.add<InvertThroughXor<OpTy, InvOp, swap>>(context);                                     \
  }

// !(a ==o b) is (a !=u b) and so on: inverting flips the ordering.
KILN_FLOAT_CMP_INVERT(CmpEQF32OOp, CmpNEF32UOp, false)
KILN_FLOAT_CMP_INVERT(CmpEQF64OOp, CmpNEF64UOp, false)
KILN_FLOAT_CMP_INVERT(CmpEQF32UOp, CmpNEF32OOp, false)
KILN_FLOAT_CMP_INVERT(CmpEQF64UOp, CmpNEF64OOp, false)
KILN_FLOAT_CMP_INVERT(CmpNEF32OOp, CmpEQF32UOp, false)
KILN_FLOAT_CMP_INVERT(CmpNEF64OOp, CmpEQF64UOp, false)
KILN_FLOAT_CMP_INVERT(CmpNEF32UOp, CmpEQF32OOp, false)
KILN_FLOAT_CMP_INVERT(CmpNEF64UOp, CmpEQF64OOp, false)
// !(a <o b) is (a >=u b), that is (b <=u a).
KILN_FLOAT_CMP_INVERT(CmpLTF32OOp, CmpLTEF32UOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTF64OOp, CmpLTEF64UOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTF32UOp, CmpLTEF32OOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTF64UOp, CmpLTEF64OOp, true)
// !(a <=o b) is (a >u b), that is (b <u a).
KILN_FLOAT_CMP_INVERT(CmpLTEF32OOp, CmpLTF32UOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTEF64OOp, CmpLTF64UOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTEF32UOp, CmpLTF32OOp, true)
KILN_FLOAT_CMP_INVERT(CmpLTEF64UOp, CmpLTF64OOp, true)

#undef KILN_FLOAT_CMP_INVERT

#define KILN_FLOAT_CMP_SWAP(OpTy, DstOp)                                                           \
  void OpTy::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {       \
    results.add<SwapToOp<OpTy, DstOp>>(context);                                                   \
  }

KILN_FLOAT_CMP_SWAP(CmpGTF32OOp, CmpLTF32OOp)
KILN_FLOAT_CMP_SWAP(CmpGTF64OOp, CmpLTF64OOp)
KILN_FLOAT_CMP_SWAP(CmpGTF32UOp, CmpLTF32UOp)
KILN_FLOAT_CMP_SWAP(CmpGTF64UOp, CmpLTF64UOp)
KILN_FLOAT_CMP_SWAP(CmpGTEF32OOp, CmpLTEF32OOp)
KILN_FLOAT_CMP_SWAP(CmpGTEF64OOp, CmpLTEF64OOp)
KILN_FLOAT_CMP_SWAP(CmpGTEF32UOp, CmpLTEF32UOp)
KILN_FLOAT_CMP_SWAP(CmpGTEF64UOp, CmpLTEF64UOp)

#undef KILN_FLOAT_CMP_SWAP

OpFoldResult CmpEQF32NearOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs()) // x is near itself, NaN included (equal bits)
    return boolAttr(getContext(), true);
  auto a = dyn_cast_if_present<FloatAttr>(adaptor.getLhs());
  auto b = dyn_cast_if_present<FloatAttr>(adaptor.getRhs());
  if (!a || !b)
    return {};
  return boolAttr(getContext(), evalNear(a.getValue(), b.getValue(), kMaxUlpsF32));
}
OpFoldResult CmpEQF64NearOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs()) // x is near itself, NaN included (equal bits)
    return boolAttr(getContext(), true);
  auto a = dyn_cast_if_present<FloatAttr>(adaptor.getLhs());
  auto b = dyn_cast_if_present<FloatAttr>(adaptor.getRhs());
  if (!a || !b)
    return {};
  return boolAttr(getContext(), evalNear(a.getValue(), b.getValue(), kMaxUlpsF64));
}
void CmpEQF32NearOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCmpNear<CmpEQF32NearOp, BitcastF32I32Op, CmpLTI32SOp, CmpLTEF32OOp, CmpEQF32OOp,
                            kMaxUlpsF32>>(context);
}
void CmpEQF64NearOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ExpandCmpNear<CmpEQF64NearOp, BitcastF64I64Op, CmpLTI64SOp, CmpLTEF64OOp, CmpEQF64OOp,
                            kMaxUlpsF64>>(context);
}

// Ordered: NaN is not non-zero. Unordered: NaN is.
#define KILN_FLOAT_NZ(OpTy, NeOp, unordered)                                                       \
  OpFoldResult OpTy::fold(FoldAdaptor adaptor) {                                                   \
    auto c = dyn_cast_if_present<FloatAttr>(adaptor.getOperand());                                 \
    if (!c)                                                                                        \
      return {};                                                                                   \
    const APFloat &v = c.getValue();                                                               \
    return boolAttr(getContext(), v.isNaN() ? unordered : !v.isZero());                            \
  }                                                                                                \
  void OpTy::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {       \
    results.add<NZToNEZero<OpTy, NeOp>>(context);                                                  \
  }

KILN_FLOAT_NZ(CmpNZF32OOp, CmpNEF32OOp, false)
KILN_FLOAT_NZ(CmpNZF64OOp, CmpNEF64OOp, false)
KILN_FLOAT_NZ(CmpNZF32UOp, CmpNEF32UOp, true)
KILN_FLOAT_NZ(CmpNZF64UOp, CmpNEF64UOp, true)

#undef KILN_FLOAT_NZ

OpFoldResult CmpNaNF32Op::fold(FoldAdaptor adaptor) {
  if (auto c = dyn_cast_if_present<FloatAttr>(adaptor.getOperand()))
    return boolAttr(getContext(), c.getValue().isNaN());
  return {};
}
OpFoldResult CmpNaNF64Op::fold(FoldAdaptor adaptor) {
  if (auto c = dyn_cast_if_present<FloatAttr>(adaptor.getOperand()))
    return boolAttr(getContext(), c.getValue().isNaN());
  return {};
}

//===----------------------------------------------------------------------===//
// Ref comparisons
//===----------------------------------------------------------------------===//

// The only ref constant is null, so two constant operands are equal.
OpFoldResult CmpEQRefOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() || (adaptor.getLhs() && adaptor.getRhs()))
    return boolAttr(getContext(), true);
  return {};
}
OpFoldResult CmpNERefOp::fold(FoldAdaptor adaptor) {
  if (getLhs() == getRhs() || (adaptor.getLhs() && adaptor.getRhs()))
    return boolAttr(getContext(), false);
  return {};
}
OpFoldResult CmpNZRefOp::fold(FoldAdaptor adaptor) {
  if (adaptor.getOperand())
    return boolAttr(getContext(), false);
  return {};
}

void CmpEQRefOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpEQRefOp, CmpNERefOp, false>, EQRefNullToNZ>(context);
}
void CmpNERefOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<InvertThroughXor<CmpNERefOp, CmpEQRefOp, false>, NERefNullToNZ>(context);
}
