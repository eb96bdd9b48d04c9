//===- VMArithmeticFolders.cpp - vm dialect: arithmetic folding -----------===//
//
// Folders and canonicalization patterns of the arithmetic family. Every rule
// here must give exactly the value the runtime computes:
//  - integers wrap (two's complement); division and remainder by zero fail at
//    run time and are never folded, not even `0 / x` with an unknown `x`;
//  - shift amounts are taken modulo the bit width;
//  - floats follow IEEE 754 with round-to-nearest-even through APFloat; an
//    identity is used only when it holds for every input including NaN,
//    infinities and signed zeros (so `x + -0.0 -> x` but not `x + 0.0`, and
//    never `x * 0.0 -> 0.0`); constant arithmetic that produces a NaN is not
//    folded, since the NaN's sign and payload depend on the target (abs, neg,
//    min and max only move or pick bits, so they fold NaNs);
//  - min/max on floats follow the runtime's compare-and-select definition
//    (see the op descriptions), which is not commutative;
//  - math functions whose C library results are not correctly rounded are not
//    folded; sqrt is (IEEE 754 requires it to be correctly rounded).
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

IntegerAttr asInt(Attribute attr) { return dyn_cast_if_present<IntegerAttr>(attr); }
FloatAttr asFloat(Attribute attr) { return dyn_cast_if_present<FloatAttr>(attr); }

/// True when `attr` is an integer constant equal to `value` (sign-extended
/// to the width of the attribute).
bool isIntValue(Attribute attr, int64_t value) {
  auto intAttr = asInt(attr);
  return intAttr &&
         intAttr.getValue() == APInt(intAttr.getValue().getBitWidth(), value, /*isSigned=*/true);
}
bool isIntZero(Attribute attr) { return isIntValue(attr, 0); }
bool isIntOne(Attribute attr) { return isIntValue(attr, 1); }
bool isIntAllOnes(Attribute attr) { return isIntValue(attr, -1); }

template <typename Pred> bool intMatches(Attribute attr, Pred pred) {
  auto intAttr = asInt(attr);
  return intAttr && pred(intAttr.getValue());
}

/// Folds `fn(x)` for a constant integer operand.
template <typename Fn> Attribute foldIntUnary(Attribute operand, Fn fn) {
  auto x = asInt(operand);
  if (!x)
    return {};
  return IntegerAttr::get(x.getType(), fn(x.getValue()));
}

/// Folds `fn(a, b)` for constant integer operands; `fn` returns nullopt when
/// the result is not defined (division by zero).
template <typename Fn> Attribute foldIntBinary(Attribute lhs, Attribute rhs, Fn fn) {
  auto a = asInt(lhs), b = asInt(rhs);
  if (!a || !b || a.getType() != b.getType())
    return {};
  std::optional<APInt> result = fn(a.getValue(), b.getValue());
  if (!result)
    return {};
  return IntegerAttr::get(a.getType(), *result);
}

Attribute intZero(Type type) { return IntegerAttr::get(type, 0); }

/// Folds `fn(x)` for a constant float operand.
template <typename Fn> Attribute foldFloatUnary(Attribute operand, Fn fn) {
  auto x = asFloat(operand);
  if (!x)
    return {};
  std::optional<APFloat> result = fn(x.getValue());
  if (!result)
    return {};
  return FloatAttr::get(x.getType(), *result);
}

/// Folds `fn(a, b)` for constant float operands. Arithmetic that yields a NaN
/// is not folded: which NaN (sign and payload) comes out is up to the target,
/// so only ops that pick one of their operands (min, max) pass `allowNaN`.
template <typename Fn>
Attribute foldFloatBinary(Attribute lhs, Attribute rhs, Fn fn, bool allowNaN = false) {
  auto a = asFloat(lhs), b = asFloat(rhs);
  if (!a || !b || a.getType() != b.getType())
    return {};
  APFloat result = fn(a.getValue(), b.getValue());
  if (result.isNaN() && !allowNaN)
    return {};
  return FloatAttr::get(a.getType(), result);
}

template <typename Pred> bool floatMatches(Attribute attr, Pred pred) {
  auto floatAttr = asFloat(attr);
  return floatAttr && pred(floatAttr.getValue());
}
bool isFloatOne(Attribute attr) {
  return floatMatches(attr, [](const APFloat &v) { return v.isExactlyValue(1.0); });
}

constexpr APFloat::roundingMode kRNE = APFloat::rmNearestTiesToEven;

/// Materializes `value` as a constant of `type` through the dialect hook, or
/// returns null when no constant op can hold it.
Value materialize(PatternRewriter &rewriter, Operation *anchor, Attribute value, Type type) {
  Operation *constOp =
      anchor->getDialect()->materializeConstant(rewriter, value, type, anchor->getLoc());
  return constOp ? constOp->getResult(0) : Value();
}

//===----------------------------------------------------------------------===//
// Integer arithmetic
//===----------------------------------------------------------------------===//

template <typename AddOp, typename SubOp>
OpFoldResult foldAddI(AddOp op, typename AddOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a + b; }))
    return c;
  if (isIntZero(adaptor.getRhs()))
    return op.getLhs(); // x + 0 = x
  // (x - y) + y = x and y + (x - y) = x; both exact under wraparound.
  if (auto sub = op.getLhs().template getDefiningOp<SubOp>())
    if (sub.getRhs() == op.getRhs())
      return sub.getLhs();
  if (auto sub = op.getRhs().template getDefiningOp<SubOp>())
    if (sub.getRhs() == op.getLhs())
      return sub.getLhs();
  return {};
}

template <typename SubOp, typename AddOp>
OpFoldResult foldSubI(SubOp op, typename SubOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a - b; }))
    return c;
  if (isIntZero(adaptor.getRhs()))
    return op.getLhs(); // x - 0 = x
  if (op.getLhs() == op.getRhs())
    return intZero(op.getType()); // x - x = 0
  if (auto add = op.getLhs().template getDefiningOp<AddOp>()) {
    if (add.getLhs() == op.getRhs())
      return add.getRhs(); // (x + y) - x = y
    if (add.getRhs() == op.getRhs())
      return add.getLhs(); // (x + y) - y = x
  }
  return {};
}

template <typename MulOp> OpFoldResult foldMulI(MulOp op, typename MulOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a * b; }))
    return c;
  if (isIntZero(adaptor.getRhs()))
    return adaptor.getRhs(); // x * 0 = 0
  if (isIntOne(adaptor.getRhs()))
    return op.getLhs(); // x * 1 = x
  return {};
}

/// (x * c1) * c2 -> x * (c1 * c2): exact under wraparound.
template <typename MulOp> struct ReassociateConstantMul final : OpRewritePattern<MulOp> {
  using OpRewritePattern<MulOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op, PatternRewriter &rewriter) const override {
    IntegerAttr c2, c1;
    if (!matchPattern(op.getRhs(), m_Constant(&c2)))
      return failure();
    auto inner = op.getLhs().template getDefiningOp<MulOp>();
    if (!inner || !matchPattern(inner.getRhs(), m_Constant(&c1)))
      return failure();
    Value product = materialize(
        rewriter, op, IntegerAttr::get(op.getType(), c1.getValue() * c2.getValue()), op.getType());
    if (!product)
      return failure();
    rewriter.replaceOpWithNewOp<MulOp>(op, op.getType(), inner.getLhs(), product);
    return success();
  }
};

/// add(mul(a, b), c) or add(c, mul(a, b)) -> fma(a, b, c) when the product
/// has no other use. Integers only: the result bits are identical, while a
/// float fma would round once instead of twice.
template <typename AddOp, typename MulOp, typename FMAOp>
struct FuseMulAddI final : OpRewritePattern<AddOp> {
  using OpRewritePattern<AddOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op, PatternRewriter &rewriter) const override {
    auto tryFuse = [&](Value product, Value addend) -> LogicalResult {
      auto mul = product.getDefiningOp<MulOp>();
      if (!mul || !mul->hasOneUse())
        return failure();
      rewriter.replaceOpWithNewOp<FMAOp>(op, op.getType(), mul.getLhs(), mul.getRhs(), addend);
      return success();
    };
    if (succeeded(tryFuse(op.getLhs(), op.getRhs())))
      return success();
    return tryFuse(op.getRhs(), op.getLhs());
  }
};

template <typename DivOp>
OpFoldResult foldDivI(DivOp op, typename DivOp::FoldAdaptor adaptor, bool isSigned) {
  // A zero divisor fails at run time: never fold it away, and never fold
  // `0 / x` for a divisor that is not a known non-zero constant.
  if (isIntZero(adaptor.getRhs()))
    return {};
  if (isIntOne(adaptor.getRhs()))
    return op.getLhs(); // x / 1 = x
  return foldIntBinary(adaptor.getLhs(), adaptor.getRhs(),
                       [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
                         // APInt::sdiv wraps INT_MIN / -1 to INT_MIN.
                         return isSigned ? a.sdiv(b) : a.udiv(b);
                       });
}

template <typename RemOp>
OpFoldResult foldRemI(RemOp op, typename RemOp::FoldAdaptor adaptor, bool isSigned) {
  if (isIntZero(adaptor.getRhs()))
    return {};
  // x % 1 = 0, and signed x % -1 = 0 (INT_MIN included).
  if (isIntOne(adaptor.getRhs()) || (isSigned && isIntAllOnes(adaptor.getRhs())))
    return intZero(op.getType());
  return foldIntBinary(adaptor.getLhs(), adaptor.getRhs(),
                       [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
                         return isSigned ? a.srem(b) : a.urem(b);
                       });
}

template <typename FMAOp> OpFoldResult foldFMAI(FMAOp op, typename FMAOp::FoldAdaptor adaptor) {
  auto a = asInt(adaptor.getA()), b = asInt(adaptor.getB()), c = asInt(adaptor.getC());
  if (a && b && c)
    return IntegerAttr::get(op.getType(), a.getValue() * b.getValue() + c.getValue());
  if (isIntZero(adaptor.getA()) || isIntZero(adaptor.getB()))
    return op.getC(); // 0 * b + c = a * 0 + c = c
  return {};
}

/// fma(1, b, c) -> b + c, fma(a, 1, c) -> a + c, fma(a, b, 0) -> a * b.
/// The float instantiation uses -0.0 as the neutral addend (see below).
template <typename FMAOp, typename MulOp, typename AddOp, bool IsFloat>
struct SimplifyFMA final : OpRewritePattern<FMAOp> {
  using OpRewritePattern<FMAOp>::OpRewritePattern;
  static bool isOne(Value v) {
    Attribute attr;
    if (!matchPattern(v, m_Constant(&attr)))
      return false;
    return IsFloat ? isFloatOne(attr) : isIntOne(attr);
  }
  static bool isNeutralAddend(Value v) {
    Attribute attr;
    if (!matchPattern(v, m_Constant(&attr)))
      return false;
    // For floats a*b + (+0.0) turns a -0.0 product into +0.0, so only -0.0
    // is neutral.
    return IsFloat ? floatMatches(attr, [](const APFloat &f) { return f.isNegZero(); })
                   : isIntZero(attr);
  }
  LogicalResult matchAndRewrite(FMAOp op, PatternRewriter &rewriter) const override {
    if (isOne(op.getA())) {
      rewriter.replaceOpWithNewOp<AddOp>(op, op.getType(), op.getB(), op.getC());
      return success();
    }
    if (isOne(op.getB())) {
      rewriter.replaceOpWithNewOp<AddOp>(op, op.getType(), op.getA(), op.getC());
      return success();
    }
    if (isNeutralAddend(op.getC())) {
      rewriter.replaceOpWithNewOp<MulOp>(op, op.getType(), op.getA(), op.getB());
      return success();
    }
    return failure();
  }
};

template <typename AbsOp> OpFoldResult foldAbsI(AbsOp op, typename AbsOp::FoldAdaptor adaptor) {
  if (auto c = foldIntUnary(adaptor.getOperand(), [](const APInt &a) { return a.abs(); }))
    return c; // abs(INT_MIN) wraps to INT_MIN
  if (auto inner = op.getOperand().template getDefiningOp<AbsOp>())
    return inner.getResult(); // abs(abs(x)) = abs(x)
  return {};
}

enum class MinMax { SMin, UMin, SMax, UMax };

template <typename Op>
OpFoldResult foldMinMaxI(Op op, typename Op::FoldAdaptor adaptor, MinMax kind) {
  if (op.getLhs() == op.getRhs())
    return op.getLhs();
  if (auto c = foldIntBinary(adaptor.getLhs(), adaptor.getRhs(),
                             [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
                               switch (kind) {
                               case MinMax::SMin:
                                 return llvm::APIntOps::smin(a, b);
                               case MinMax::UMin:
                                 return llvm::APIntOps::umin(a, b);
                               case MinMax::SMax:
                                 return llvm::APIntOps::smax(a, b);
                               case MinMax::UMax:
                                 return llvm::APIntOps::umax(a, b);
                               }
                               return std::nullopt;
                             }))
    return c;
  // A constant at the end of the range decides the result either way.
  auto isAbsorbing = [&](const APInt &v) {
    switch (kind) {
    case MinMax::SMin:
      return v.isMinSignedValue();
    case MinMax::UMin:
      return v.isZero();
    case MinMax::SMax:
      return v.isMaxSignedValue();
    case MinMax::UMax:
      return v.isAllOnes();
    }
    return false;
  };
  auto isNeutral = [&](const APInt &v) {
    switch (kind) {
    case MinMax::SMin:
      return v.isMaxSignedValue();
    case MinMax::UMin:
      return v.isAllOnes();
    case MinMax::SMax:
      return v.isMinSignedValue();
    case MinMax::UMax:
      return v.isZero();
    }
    return false;
  };
  if (intMatches(adaptor.getRhs(), isAbsorbing))
    return adaptor.getRhs();
  if (intMatches(adaptor.getRhs(), isNeutral))
    return op.getLhs();
  return {};
}

//===----------------------------------------------------------------------===//
// Integer bit manipulation and shifts
//===----------------------------------------------------------------------===//

template <typename NotOp> OpFoldResult foldNotI(NotOp op, typename NotOp::FoldAdaptor adaptor) {
  if (auto c = foldIntUnary(adaptor.getOperand(), [](const APInt &a) { return ~a; }))
    return c;
  if (auto inner = op.getOperand().template getDefiningOp<NotOp>())
    return inner.getOperand(); // not(not(x)) = x
  return {};
}

template <typename AndOp> OpFoldResult foldAndI(AndOp op, typename AndOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a & b; }))
    return c;
  if (isIntZero(adaptor.getRhs()))
    return adaptor.getRhs(); // x & 0 = 0
  if (isIntAllOnes(adaptor.getRhs()) || op.getLhs() == op.getRhs())
    return op.getLhs(); // x & ~0 = x, x & x = x
  return {};
}

template <typename OrOp> OpFoldResult foldOrI(OrOp op, typename OrOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a | b; }))
    return c;
  if (isIntAllOnes(adaptor.getRhs()))
    return adaptor.getRhs(); // x | ~0 = ~0
  if (isIntZero(adaptor.getRhs()) || op.getLhs() == op.getRhs())
    return op.getLhs(); // x | 0 = x, x | x = x
  return {};
}

template <typename XorOp> OpFoldResult foldXorI(XorOp op, typename XorOp::FoldAdaptor adaptor) {
  if (auto c = foldIntBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [](const APInt &a, const APInt &b) -> std::optional<APInt> { return a ^ b; }))
    return c;
  if (isIntZero(adaptor.getRhs()))
    return op.getLhs(); // x ^ 0 = x
  if (op.getLhs() == op.getRhs())
    return intZero(op.getType()); // x ^ x = 0
  return {};
}

template <typename CtlzOp> OpFoldResult foldCtlzI(CtlzOp op, typename CtlzOp::FoldAdaptor adaptor) {
  return foldIntUnary(adaptor.getOperand(), [](const APInt &a) {
    // countl_zero of 0 is the bit width.
    return APInt(a.getBitWidth(), a.countl_zero());
  });
}

enum class Shift { Left, RightSigned, RightUnsigned };

template <typename ShiftOp>
OpFoldResult foldShiftI(ShiftOp op, typename ShiftOp::FoldAdaptor adaptor, Shift kind) {
  unsigned width = op.getType().getIntOrFloatBitWidth();
  auto maskedAmount = [&](Attribute attr) -> std::optional<unsigned> {
    auto amount = asInt(attr);
    if (!amount)
      return std::nullopt;
    return static_cast<unsigned>(amount.getValue().getZExtValue() & (width - 1));
  };
  std::optional<unsigned> amount = maskedAmount(adaptor.getAmount());
  if (amount && *amount == 0)
    return op.getOperand(); // x << 0 = x (also x << 32 for i32, ...)
  if (auto value = asInt(adaptor.getOperand())) {
    const APInt &v = value.getValue();
    if (amount) {
      switch (kind) {
      case Shift::Left:
        return IntegerAttr::get(value.getType(), v.shl(*amount));
      case Shift::RightSigned:
        return IntegerAttr::get(value.getType(), v.ashr(*amount));
      case Shift::RightUnsigned:
        return IntegerAttr::get(value.getType(), v.lshr(*amount));
      }
    }
    // Shifting zero gives zero; shifting all ones right arithmetically gives
    // all ones, whatever the amount.
    if (v.isZero() || (kind == Shift::RightSigned && v.isAllOnes()))
      return value;
  }
  return {};
}

//===----------------------------------------------------------------------===//
// Floating-point arithmetic
//===----------------------------------------------------------------------===//

template <typename Op> OpFoldResult foldAddF(Op op, typename Op::FoldAdaptor adaptor) {
  if (auto c = foldFloatBinary(adaptor.getLhs(), adaptor.getRhs(), [](APFloat a, const APFloat &b) {
        a.add(b, kRNE);
        return a;
      }))
    return c;
  // x + -0.0 = x for every x; x + 0.0 is not (-0.0 + 0.0 = +0.0).
  if (floatMatches(adaptor.getRhs(), [](const APFloat &v) { return v.isNegZero(); }))
    return op.getLhs();
  return {};
}

template <typename Op> OpFoldResult foldSubF(Op op, typename Op::FoldAdaptor adaptor) {
  if (auto c = foldFloatBinary(adaptor.getLhs(), adaptor.getRhs(), [](APFloat a, const APFloat &b) {
        a.subtract(b, kRNE);
        return a;
      }))
    return c;
  // x - 0.0 = x for every x; x - -0.0 is not (-0.0 - -0.0 = +0.0).
  if (floatMatches(adaptor.getRhs(), [](const APFloat &v) { return v.isPosZero(); }))
    return op.getLhs();
  return {};
}

template <typename Op> OpFoldResult foldMulF(Op op, typename Op::FoldAdaptor adaptor) {
  if (auto c = foldFloatBinary(adaptor.getLhs(), adaptor.getRhs(), [](APFloat a, const APFloat &b) {
        a.multiply(b, kRNE);
        return a;
      }))
    return c;
  // x * 1.0 = x. (x * 0.0 is not 0.0: NaN, infinities and signs.)
  if (isFloatOne(adaptor.getRhs()))
    return op.getLhs();
  return {};
}

template <typename Op> OpFoldResult foldDivF(Op op, typename Op::FoldAdaptor adaptor) {
  // Division by zero is defined for floats (infinity or NaN).
  if (auto c = foldFloatBinary(adaptor.getLhs(), adaptor.getRhs(), [](APFloat a, const APFloat &b) {
        a.divide(b, kRNE);
        return a;
      }))
    return c;
  if (isFloatOne(adaptor.getRhs()))
    return op.getLhs(); // x / 1.0 = x
  return {};
}

template <typename Op> OpFoldResult foldRemF(Op op, typename Op::FoldAdaptor adaptor) {
  return foldFloatBinary(adaptor.getLhs(), adaptor.getRhs(), [](APFloat a, const APFloat &b) {
    a.remainder(b); // IEEE remainder, exact
    return a;
  });
}

template <typename Op> OpFoldResult foldFMAF(Op op, typename Op::FoldAdaptor adaptor) {
  auto a = asFloat(adaptor.getA()), b = asFloat(adaptor.getB()), c = asFloat(adaptor.getC());
  if (!a || !b || !c)
    return {};
  APFloat result = a.getValue();
  result.fusedMultiplyAdd(b.getValue(), c.getValue(), kRNE); // one rounding
  if (result.isNaN())
    return {};
  return FloatAttr::get(a.getType(), result);
}

template <typename AbsOp, typename NegOp>
OpFoldResult foldAbsF(AbsOp op, typename AbsOp::FoldAdaptor adaptor) {
  if (auto c = foldFloatUnary(adaptor.getOperand(), [](APFloat a) -> std::optional<APFloat> {
        a.clearSign();
        return a;
      }))
    return c;
  if (auto inner = op.getOperand().template getDefiningOp<AbsOp>())
    return inner.getResult(); // abs(abs(x)) = abs(x)
  if (auto neg = op.getOperand().template getDefiningOp<NegOp>()) {
    // abs(neg(x)) = abs(x): both only touch the sign bit.
    op.getOperandMutable().assign(neg.getOperand());
    return op.getResult();
  }
  return {};
}

template <typename NegOp> OpFoldResult foldNegF(NegOp op, typename NegOp::FoldAdaptor adaptor) {
  if (auto c = foldFloatUnary(adaptor.getOperand(), [](APFloat a) -> std::optional<APFloat> {
        a.changeSign();
        return a;
      }))
    return c;
  if (auto inner = op.getOperand().template getDefiningOp<NegOp>())
    return inner.getOperand(); // neg(neg(x)) = x
  return {};
}

/// ceil, floor, round and round.even of one width. Their results are
/// integral (or infinite, or NaN), which all four return unchanged.
template <typename Op, typename... RoundingOps>
OpFoldResult foldRoundingF(Op op, typename Op::FoldAdaptor adaptor, APFloat::roundingMode mode) {
  if (auto c = foldFloatUnary(adaptor.getOperand(), [&](APFloat a) -> std::optional<APFloat> {
        if (a.isNaN())
          return std::nullopt;
        a.roundToIntegral(mode);
        return a;
      }))
    return c;
  Operation *def = op.getOperand().getDefiningOp();
  if (def && isa<RoundingOps...>(def))
    return op.getOperand();
  return {};
}

/// min.f: `rhs < lhs ? rhs : lhs`; max.f: `lhs < rhs ? rhs : lhs`.
template <typename Op>
OpFoldResult foldMinMaxF(Op op, typename Op::FoldAdaptor adaptor, bool isMin) {
  if (op.getLhs() == op.getRhs())
    return op.getLhs();
  if (auto c = foldFloatBinary(
          adaptor.getLhs(), adaptor.getRhs(),
          [&](const APFloat &a, const APFloat &b) {
            bool takeRhs =
                isMin ? b.compare(a) == APFloat::cmpLessThan : a.compare(b) == APFloat::cmpLessThan;
            return takeRhs ? b : a;
          },
          /*allowNaN=*/true))
    return c;
  // The lhs wins when it is NaN or the extreme of the order; the rhs is
  // ignored when it is NaN or the opposite extreme.
  auto lhsWins = [&](const APFloat &v) {
    return v.isNaN() || (v.isInfinity() && v.isNegative() == isMin);
  };
  auto rhsIgnored = [&](const APFloat &v) {
    return v.isNaN() || (v.isInfinity() && v.isNegative() != isMin);
  };
  if (floatMatches(adaptor.getLhs(), lhsWins) || floatMatches(adaptor.getRhs(), rhsIgnored))
    return op.getLhs();
  return {};
}

//===----------------------------------------------------------------------===//
// Floating-point math
//===----------------------------------------------------------------------===//

/// sqrt is correctly rounded by IEEE 754, so the host's sqrt is exact. NaNs
/// and negative operands (whose NaN result's sign varies by target) are left
/// alone.
template <typename Op> OpFoldResult foldSqrtF(Op op, typename Op::FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), [](const APFloat &a) -> std::optional<APFloat> {
    if (a.isNaN() || (a.isNegative() && !a.isZero()))
      return std::nullopt;
    if (&a.getSemantics() == &APFloat::IEEEsingle())
      return APFloat(std::sqrt(a.convertToFloat()));
    if (&a.getSemantics() == &APFloat::IEEEdouble())
      return APFloat(std::sqrt(a.convertToDouble()));
    return std::nullopt;
  });
}

} // namespace

//===----------------------------------------------------------------------===//
// Op hooks
//===----------------------------------------------------------------------===//

// Integer arithmetic.
OpFoldResult AddI32Op::fold(FoldAdaptor a) { return foldAddI<AddI32Op, SubI32Op>(*this, a); }
OpFoldResult AddI64Op::fold(FoldAdaptor a) { return foldAddI<AddI64Op, SubI64Op>(*this, a); }
void AddI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FuseMulAddI<AddI32Op, MulI32Op, FMAI32Op>>(context);
}
void AddI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<FuseMulAddI<AddI64Op, MulI64Op, FMAI64Op>>(context);
}
OpFoldResult SubI32Op::fold(FoldAdaptor a) { return foldSubI<SubI32Op, AddI32Op>(*this, a); }
OpFoldResult SubI64Op::fold(FoldAdaptor a) { return foldSubI<SubI64Op, AddI64Op>(*this, a); }
OpFoldResult MulI32Op::fold(FoldAdaptor a) { return foldMulI(*this, a); }
OpFoldResult MulI64Op::fold(FoldAdaptor a) { return foldMulI(*this, a); }
void MulI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ReassociateConstantMul<MulI32Op>>(context);
}
void MulI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<ReassociateConstantMul<MulI64Op>>(context);
}
OpFoldResult DivI32SOp::fold(FoldAdaptor a) { return foldDivI(*this, a, /*isSigned=*/true); }
OpFoldResult DivI64SOp::fold(FoldAdaptor a) { return foldDivI(*this, a, /*isSigned=*/true); }
OpFoldResult DivI32UOp::fold(FoldAdaptor a) { return foldDivI(*this, a, /*isSigned=*/false); }
OpFoldResult DivI64UOp::fold(FoldAdaptor a) { return foldDivI(*this, a, /*isSigned=*/false); }
OpFoldResult RemI32SOp::fold(FoldAdaptor a) { return foldRemI(*this, a, /*isSigned=*/true); }
OpFoldResult RemI64SOp::fold(FoldAdaptor a) { return foldRemI(*this, a, /*isSigned=*/true); }
OpFoldResult RemI32UOp::fold(FoldAdaptor a) { return foldRemI(*this, a, /*isSigned=*/false); }
OpFoldResult RemI64UOp::fold(FoldAdaptor a) { return foldRemI(*this, a, /*isSigned=*/false); }
OpFoldResult FMAI32Op::fold(FoldAdaptor a) { return foldFMAI(*this, a); }
OpFoldResult FMAI64Op::fold(FoldAdaptor a) { return foldFMAI(*this, a); }
void FMAI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SimplifyFMA<FMAI32Op, MulI32Op, AddI32Op, false>>(context);
}
void FMAI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SimplifyFMA<FMAI64Op, MulI64Op, AddI64Op, false>>(context);
}
OpFoldResult AbsI32Op::fold(FoldAdaptor a) { return foldAbsI(*this, a); }
OpFoldResult AbsI64Op::fold(FoldAdaptor a) { return foldAbsI(*this, a); }
OpFoldResult MinI32SOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::SMin); }
OpFoldResult MinI64SOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::SMin); }
OpFoldResult MinI32UOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::UMin); }
OpFoldResult MinI64UOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::UMin); }
OpFoldResult MaxI32SOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::SMax); }
OpFoldResult MaxI64SOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::SMax); }
OpFoldResult MaxI32UOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::UMax); }
OpFoldResult MaxI64UOp::fold(FoldAdaptor a) { return foldMinMaxI(*this, a, MinMax::UMax); }

// Integer bit manipulation.
OpFoldResult NotI32Op::fold(FoldAdaptor a) { return foldNotI(*this, a); }
OpFoldResult NotI64Op::fold(FoldAdaptor a) { return foldNotI(*this, a); }
OpFoldResult AndI32Op::fold(FoldAdaptor a) { return foldAndI(*this, a); }
OpFoldResult AndI64Op::fold(FoldAdaptor a) { return foldAndI(*this, a); }
OpFoldResult OrI32Op::fold(FoldAdaptor a) { return foldOrI(*this, a); }
OpFoldResult OrI64Op::fold(FoldAdaptor a) { return foldOrI(*this, a); }
OpFoldResult XorI32Op::fold(FoldAdaptor a) { return foldXorI(*this, a); }
OpFoldResult XorI64Op::fold(FoldAdaptor a) { return foldXorI(*this, a); }
OpFoldResult CtlzI32Op::fold(FoldAdaptor a) { return foldCtlzI(*this, a); }
OpFoldResult CtlzI64Op::fold(FoldAdaptor a) { return foldCtlzI(*this, a); }

// Shifts.
OpFoldResult ShlI32Op::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::Left); }
OpFoldResult ShlI64Op::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::Left); }
OpFoldResult ShrI32SOp::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::RightSigned); }
OpFoldResult ShrI64SOp::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::RightSigned); }
OpFoldResult ShrI32UOp::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::RightUnsigned); }
OpFoldResult ShrI64UOp::fold(FoldAdaptor a) { return foldShiftI(*this, a, Shift::RightUnsigned); }

// Floating-point arithmetic.
OpFoldResult AddF32Op::fold(FoldAdaptor a) { return foldAddF(*this, a); }
OpFoldResult AddF64Op::fold(FoldAdaptor a) { return foldAddF(*this, a); }
// Fusing a float multiply and add would round once instead of twice, and
// reassociating constant products changes rounding: no patterns for floats.
void AddF32Op::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
void AddF64Op::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
OpFoldResult SubF32Op::fold(FoldAdaptor a) { return foldSubF(*this, a); }
OpFoldResult SubF64Op::fold(FoldAdaptor a) { return foldSubF(*this, a); }
OpFoldResult MulF32Op::fold(FoldAdaptor a) { return foldMulF(*this, a); }
OpFoldResult MulF64Op::fold(FoldAdaptor a) { return foldMulF(*this, a); }
void MulF32Op::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
void MulF64Op::getCanonicalizationPatterns(RewritePatternSet &, MLIRContext *) {}
OpFoldResult DivF32Op::fold(FoldAdaptor a) { return foldDivF(*this, a); }
OpFoldResult DivF64Op::fold(FoldAdaptor a) { return foldDivF(*this, a); }
OpFoldResult RemF32Op::fold(FoldAdaptor a) { return foldRemF(*this, a); }
OpFoldResult RemF64Op::fold(FoldAdaptor a) { return foldRemF(*this, a); }
OpFoldResult FMAF32Op::fold(FoldAdaptor a) { return foldFMAF(*this, a); }
OpFoldResult FMAF64Op::fold(FoldAdaptor a) { return foldFMAF(*this, a); }
void FMAF32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SimplifyFMA<FMAF32Op, MulF32Op, AddF32Op, true>>(context);
}
void FMAF64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<SimplifyFMA<FMAF64Op, MulF64Op, AddF64Op, true>>(context);
}
OpFoldResult AbsF32Op::fold(FoldAdaptor a) { return foldAbsF<AbsF32Op, NegF32Op>(*this, a); }
OpFoldResult AbsF64Op::fold(FoldAdaptor a) { return foldAbsF<AbsF64Op, NegF64Op>(*this, a); }
OpFoldResult NegF32Op::fold(FoldAdaptor a) { return foldNegF(*this, a); }
OpFoldResult NegF64Op::fold(FoldAdaptor a) { return foldNegF(*this, a); }

#define KILN_VM_ROUNDING_FOLD(OP, W, MODE)                                                         \
  OpFoldResult OP::fold(FoldAdaptor a) {                                                           \
    return foldRoundingF<OP, CeilF##W##Op, FloorF##W##Op, RoundF##W##Op, RoundF##W##EvenOp>(       \
        *this, a, MODE);                                                                           \
  }
KILN_VM_ROUNDING_FOLD(CeilF32Op, 32, APFloat::rmTowardPositive)
KILN_VM_ROUNDING_FOLD(CeilF64Op, 64, APFloat::rmTowardPositive)
KILN_VM_ROUNDING_FOLD(FloorF32Op, 32, APFloat::rmTowardNegative)
KILN_VM_ROUNDING_FOLD(FloorF64Op, 64, APFloat::rmTowardNegative)
KILN_VM_ROUNDING_FOLD(RoundF32Op, 32, APFloat::rmNearestTiesToAway)
KILN_VM_ROUNDING_FOLD(RoundF64Op, 64, APFloat::rmNearestTiesToAway)
KILN_VM_ROUNDING_FOLD(RoundF32EvenOp, 32, APFloat::rmNearestTiesToEven)
KILN_VM_ROUNDING_FOLD(RoundF64EvenOp, 64, APFloat::rmNearestTiesToEven)
#undef KILN_VM_ROUNDING_FOLD

OpFoldResult MinF32Op::fold(FoldAdaptor a) { return foldMinMaxF(*this, a, /*isMin=*/true); }
OpFoldResult MinF64Op::fold(FoldAdaptor a) { return foldMinMaxF(*this, a, /*isMin=*/true); }
OpFoldResult MaxF32Op::fold(FoldAdaptor a) { return foldMinMaxF(*this, a, /*isMin=*/false); }
OpFoldResult MaxF64Op::fold(FoldAdaptor a) { return foldMinMaxF(*this, a, /*isMin=*/false); }

// Floating-point math.
OpFoldResult SqrtF32Op::fold(FoldAdaptor a) { return foldSqrtF(*this, a); }
OpFoldResult SqrtF64Op::fold(FoldAdaptor a) { return foldSqrtF(*this, a); }
