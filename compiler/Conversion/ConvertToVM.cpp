//===- ConvertToVM.cpp - func/arith/math/cf/scf/memref to vm ---------------===//
//
// One dialect conversion turns a builtin.module into a vm.module. Values
// keep their meaning under these conventions (docs/conversion.md):
//
//  * i1, i8 and i16 live in i32 registers, zero-extended (i1 is 0 or 1).
//    Ops that may set bits above the width re-normalize their result; ops
//    that read the value as signed sign-extend their operands first.
//  * index is i64 (or i32 with index-bitwidth=32).
//  * A memref becomes a !vm.buffer, then its element offset when the layout
//    has a dynamic offset, then one i64 per dynamic dimension. Only
//    contiguous row-major memrefs are representable: strides follow from
//    the sizes.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/Passes.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace mlir::kiln {
namespace {

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// True for an element type a memref may have.
static bool isSupportedElementType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.isSignless() && llvm::is_contained({1u, 8u, 16u, 32u, 64u},
                                                i.getWidth());
  return isa<IndexType, Float32Type, Float64Type>(t);
}

/// True when the memref's layout is identity or a strided layout that can
/// describe a contiguous row-major region (its strides, where known, match
/// the suffix products of the sizes, ignoring unit dimensions).
static bool isContiguousLayout(MemRefType type) {
  if (type.getLayout().isIdentity())
    return true;
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  if (!strided)
    return false;
  ArrayRef<int64_t> shape = type.getShape();
  ArrayRef<int64_t> strides = strided.getStrides();
  int64_t expected = 1;
  for (int i = type.getRank() - 1; i >= 0; --i) {
    if (shape[i] != 1 && !ShapedType::isDynamic(strides[i]) &&
        expected != ShapedType::kDynamic && strides[i] != expected)
      return false;
    if (ShapedType::isDynamic(shape[i]) || expected == ShapedType::kDynamic)
      expected = ShapedType::kDynamic;
    else
      expected *= shape[i];
  }
  return true;
}

static bool hasDynamicOffset(MemRefType type) {
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  return strided && ShapedType::isDynamic(strided.getOffset());
}

static int64_t staticOffset(MemRefType type) {
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  return strided ? strided.getOffset() : 0;
}

class VMTypeConverter : public TypeConverter {
public:
  explicit VMTypeConverter(unsigned indexBitwidth)
      : indexBitwidth(indexBitwidth) {
    addConversion([](Type) -> std::optional<Type> { return std::nullopt; });
    addConversion([](RefType t) { return t; });
    addConversion([](IntegerType t) -> std::optional<Type> {
      if (!t.isSignless())
        return std::nullopt;
      switch (t.getWidth()) {
      case 1:
      case 8:
      case 16:
      case 32:
        return IntegerType::get(t.getContext(), 32);
      case 64:
        return t;
      default:
        return std::nullopt;
      }
    });
    addConversion([this](IndexType t) -> Type {
      return IntegerType::get(t.getContext(), this->indexBitwidth);
    });
    addConversion([](Float32Type t) { return t; });
    addConversion([](Float64Type t) { return t; });
    addConversion([](MemRefType t, SmallVectorImpl<Type> &results)
                      -> std::optional<LogicalResult> {
      if (!isSupportedElementType(t.getElementType()) ||
          !isContiguousLayout(t) || t.getMemorySpace())
        return std::nullopt;
      MLIRContext *ctx = t.getContext();
      Type i64 = IntegerType::get(ctx, 64);
      results.push_back(getBufferRefType(ctx));
      if (hasDynamicOffset(t))
        results.push_back(i64);
      for (int64_t d : t.getShape())
        if (ShapedType::isDynamic(d))
          results.push_back(i64);
      return success();
    });
  }

  unsigned indexBitwidth;
};

/// The bit width a scalar has in the source program (index resolved).
static unsigned sourceWidth(Type t, unsigned indexBitwidth) {
  if (isa<IndexType>(t))
    return indexBitwidth;
  return t.getIntOrFloatBitWidth();
}

//===----------------------------------------------------------------------===//
// Emission helpers
//===----------------------------------------------------------------------===//

/// Builds vm ops at one location; folds trivial integer arithmetic so index
/// computations stay readable before canonicalization.
struct Emitter {
  OpBuilder &b;
  Location loc;

  Type i32() { return b.getI32Type(); }
  Type i64() { return b.getI64Type(); }

  Value constI32(int32_t v) {
    return ConstI32Op::create(b, loc, b.getI32IntegerAttr(v));
  }
  Value constI64(int64_t v) {
    return ConstI64Op::create(b, loc, b.getI64IntegerAttr(v));
  }
  Value constInt(Type t, int64_t v) {
    return t.isInteger(64) ? constI64(v) : constI32(static_cast<int32_t>(v));
  }
  Value constFloat(Type t, double v) {
    if (t.isF32())
      return ConstF32Op::create(b, loc, b.getF32FloatAttr(static_cast<float>(v)));
    return ConstF64Op::create(b, loc, b.getF64FloatAttr(v));
  }
  Value constNaN(Type t) {
    if (t.isF32())
      return ConstF32Op::create(
          b, loc, b.getFloatAttr(t, APFloat::getQNaN(APFloat::IEEEsingle())));
    return ConstF64Op::create(
        b, loc, b.getFloatAttr(t, APFloat::getQNaN(APFloat::IEEEdouble())));
  }

  static std::optional<int64_t> constValue(Value v) {
    APInt value;
    if (matchPattern(v, m_ConstantInt(&value)))
      return value.getSExtValue();
    return std::nullopt;
  }

  template <typename Op32, typename Op64>
  Value binInt(Value l, Value r) {
    if (l.getType().isInteger(64))
      return Op64::create(b, loc, l.getType(), l, r);
    return Op32::create(b, loc, l.getType(), l, r);
  }
  template <typename Op32, typename Op64>
  Value unInt(Value v) {
    if (v.getType().isInteger(64))
      return Op64::create(b, loc, v.getType(), v);
    return Op32::create(b, loc, v.getType(), v);
  }
  template <typename OpF32, typename OpF64>
  Value binFloat(Value l, Value r) {
    if (l.getType().isF64())
      return OpF64::create(b, loc, l.getType(), l, r);
    return OpF32::create(b, loc, l.getType(), l, r);
  }
  template <typename OpF32, typename OpF64>
  Value unFloat(Value v) {
    if (v.getType().isF64())
      return OpF64::create(b, loc, v.getType(), v);
    return OpF32::create(b, loc, v.getType(), v);
  }
  template <typename Op32, typename Op64>
  Value cmpInt(Value l, Value r) {
    if (l.getType().isInteger(64))
      return Op64::create(b, loc, i32(), l, r);
    return Op32::create(b, loc, i32(), l, r);
  }
  template <typename OpF32, typename OpF64>
  Value cmpFloat(Value l, Value r) {
    if (l.getType().isF64())
      return OpF64::create(b, loc, i32(), l, r);
    return OpF32::create(b, loc, i32(), l, r);
  }

  Value add(Value l, Value r) {
    if (auto c = constValue(r); c && *c == 0)
      return l;
    if (auto c = constValue(l); c && *c == 0)
      return r;
    auto cl = constValue(l), cr = constValue(r);
    if (cl && cr)
      return constInt(l.getType(), *cl + *cr);
    return binInt<AddI32Op, AddI64Op>(l, r);
  }
  Value mul(Value l, Value r) {
    if (auto c = constValue(r); c && *c == 1)
      return l;
    if (auto c = constValue(l); c && *c == 1)
      return r;
    auto cl = constValue(l), cr = constValue(r);
    if (cl && cr)
      return constInt(l.getType(), *cl * *cr);
    return binInt<MulI32Op, MulI64Op>(l, r);
  }
  Value andI(Value l, Value r) { return binInt<AndI32Op, AndI64Op>(l, r); }
  Value orI(Value l, Value r) { return binInt<OrI32Op, OrI64Op>(l, r); }
  Value xorI(Value l, Value r) { return binInt<XorI32Op, XorI64Op>(l, r); }
  Value select(Value c, Value t, Value f) {
    Type type = t.getType();
    if (type.isInteger(32))
      return SelectI32Op::create(b, loc, type, c, t, f);
    if (type.isInteger(64))
      return SelectI64Op::create(b, loc, type, c, t, f);
    if (type.isF32())
      return SelectF32Op::create(b, loc, type, c, t, f);
    if (type.isF64())
      return SelectF64Op::create(b, loc, type, c, t, f);
    return SelectRefOp::create(b, loc, type, c, t, f);
  }
  Value notBool(Value c) { return xorI(c, constI32(1)); }

  /// Re-establishes the zero-extended form of a `width`-bit value held in an
  /// i32 register.
  Value normalize(Value v, unsigned width) {
    switch (width) {
    case 1:
      return andI(v, constI32(1));
    case 8:
      return ExtI8I32UOp::create(b, loc, i32(), v);
    case 16:
      return ExtI16I32UOp::create(b, loc, i32(), v);
    default:
      return v;
    }
  }
  /// Sign-extends the `width`-bit value held (zero-extended) in an i32.
  Value signExtend(Value v, unsigned width) {
    switch (width) {
    case 1:
      return binInt<SubI32Op, SubI64Op>(constI32(0), v);
    case 8:
      return ExtI8I32SOp::create(b, loc, i32(), v);
    case 16:
      return ExtI16I32SOp::create(b, loc, i32(), v);
    default:
      return v;
    }
  }
  Value toI64Signed(Value v) {
    if (v.getType().isInteger(64))
      return v;
    if (auto c = constValue(v))
      return constI64(*c);
    return ExtI32I64SOp::create(b, loc, i64(), v);
  }
  Value toI64Unsigned(Value v) {
    if (v.getType().isInteger(64))
      return v;
    return ExtI32I64UOp::create(b, loc, i64(), v);
  }
  Value truncTo32(Value v) {
    if (v.getType().isInteger(32))
      return v;
    if (auto c = constValue(v))
      return constI32(static_cast<int32_t>(*c));
    return TruncI64I32Op::create(b, loc, i32(), v);
  }
};

//===----------------------------------------------------------------------===//
// Diagnostics shared by patterns
//===----------------------------------------------------------------------===//

/// Reports at `op` and returns failure; the conversion then also reports
/// that the op could not be legalized.
static LogicalResult unsupported(Operation *op, const Twine &why) {
  op->emitOpError() << why;
  return failure();
}

static std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

static SmallVector<Value> flatten(ArrayRef<ValueRange> ranges) {
  SmallVector<Value> out;
  for (ValueRange r : ranges)
    llvm::append_range(out, r);
  return out;
}

template <typename Op>
struct VMPattern : public OpConversionPattern<Op> {
  VMPattern(const VMTypeConverter &converter, MLIRContext *ctx)
      : OpConversionPattern<Op>(converter, ctx), conv(converter) {}
  const VMTypeConverter &conv;
  unsigned indexBits() const { return conv.indexBitwidth; }
  unsigned widthOf(Type t) const { return sourceWidth(t, conv.indexBitwidth); }
  Type convert(Type t) const { return conv.convertType(t); }
};

//===----------------------------------------------------------------------===//
// func
//===----------------------------------------------------------------------===//

/// The vm symbol a func.func becomes: declarations are imports named
/// `module.function`, from their own dotted name or `vm.import_module`.
static FailureOr<std::string> vmSymbolName(func::FuncOp func) {
  if (!func.isDeclaration())
    return func.getSymName().str();
  if (auto mod = func->getAttrOfType<StringAttr>("vm.import_module"))
    return (mod.getValue() + "." + func.getSymName()).str();
  if (func.getSymName().contains('.'))
    return func.getSymName().str();
  return failure();
}

struct FuncOpConversion : VMPattern<func::FuncOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(func::FuncOp func, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FunctionType type = func.getFunctionType();
    TypeConverter::SignatureConversion sig(type.getNumInputs());
    for (auto [i, t] : llvm::enumerate(type.getInputs())) {
      SmallVector<Type> converted;
      if (failed(conv.convertType(t, converted)))
        return unsupported(func, "argument type " + typeString(t) +
                                     " has no vm equivalent");
      sig.addInputs(i, converted);
    }
    SmallVector<Type> results;
    for (Type t : type.getResults())
      if (failed(conv.convertType(t, results)))
        return unsupported(func, "result type " + typeString(t) +
                                     " has no vm equivalent");
    auto newType =
        FunctionType::get(func.getContext(), sig.getConvertedTypes(), results);

    FailureOr<std::string> name = vmSymbolName(func);
    if (failed(name))
      return unsupported(func, "declaration needs a module to import from: "
                               "name it `module.function` or set "
                               "`vm.import_module`");

    if (func.isDeclaration()) {
      auto import = ImportOp::create(rewriter, func.getLoc(), *name, newType);
      import.setSymVisibility("private");
      rewriter.eraseOp(func);
      return success();
    }

    auto newFunc = kiln::vm::FuncOp::create(rewriter, func.getLoc(), *name,
                                            newType);
    bool isPublic = func.isPublic();
    if (!isPublic)
      newFunc.setSymVisibility("private");
    rewriter.inlineRegionBefore(func.getBody(), newFunc.getBody(),
                                newFunc.getBody().end());
    if (failed(rewriter.convertRegionTypes(&newFunc.getBody(), conv, &sig)))
      return unsupported(func, "a block argument has no vm type");
    if (isPublic) {
      rewriter.setInsertionPointAfter(newFunc);
      ExportOp::create(rewriter, func.getLoc(), newFunc);
    }
    rewriter.eraseOp(func);
    return success();
  }
};

struct ReturnOpConversion : VMPattern<func::ReturnOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(func::ReturnOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<kiln::vm::ReturnOp>(
        op, flatten(adaptor.getOperands()));
    return success();
  }
};

struct CallOpConversion : VMPattern<func::CallOp> {
  CallOpConversion(const VMTypeConverter &c, MLIRContext *ctx,
                   const llvm::StringMap<std::string> &names)
      : VMPattern(c, ctx), names(names) {}
  const llvm::StringMap<std::string> &names;

  LogicalResult
  matchAndRewrite(func::CallOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    SmallVector<unsigned> counts;
    for (Type t : op.getResultTypes()) {
      size_t before = resultTypes.size();
      if (failed(conv.convertType(t, resultTypes)))
        return unsupported(op, "result type " + typeString(t) +
                                   " has no vm equivalent");
      counts.push_back(resultTypes.size() - before);
    }
    StringRef callee = op.getCallee();
    auto it = names.find(callee);
    std::string target = it == names.end() ? callee.str() : it->second;
    auto call = kiln::vm::CallOp::create(rewriter, op.getLoc(), target,
                                         resultTypes,
                                         flatten(adaptor.getOperands()));
    SmallVector<ValueRange> replacements;
    unsigned pos = 0;
    for (unsigned n : counts) {
      replacements.push_back(call.getResults().slice(pos, n));
      pos += n;
    }
    rewriter.replaceOpWithMultiple(op, replacements);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// arith: constants, integer and float arithmetic
//===----------------------------------------------------------------------===//

struct ConstantOpConversion : VMPattern<arith::ConstantOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(arith::ConstantOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Attribute value = op.getValue();
    if (auto i = dyn_cast<IntegerAttr>(value)) {
      unsigned w = widthOf(i.getType());
      APInt v = i.getValue();
      Value c = w == 64 ? e.constI64(v.getSExtValue())
                        : e.constI32(static_cast<int32_t>(
                              w < 32 ? v.getZExtValue() : v.getSExtValue()));
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
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
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
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
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
template <typename SrcOp>
struct RoundedDivConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
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
      Value nz = t.isInteger(64)
                     ? (Value)CmpNZI64Op::create(rewriter, op.getLoc(),
                                                 e.i32(), rem)
                     : (Value)CmpNZI32Op::create(rewriter, op.getLoc(),
                                                 e.i32(), rem);
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

template <typename SrcOp, typename OpF32, typename OpF64>
struct FloatBinaryConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    rewriter.replaceOp(op, e.binFloat<OpF32, OpF64>(adaptor.getLhs(),
                                                    adaptor.getRhs()));
    return success();
  }
};

template <typename SrcOp, typename OpF32, typename OpF64>
struct FloatUnaryConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    rewriter.replaceOp(op,
                       e.unFloat<OpF32, OpF64>(adaptor.getOperands()[0]));
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
  LogicalResult
  matchAndRewrite(arith::RemFOp op, OpAdaptor adaptor,
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
template <typename SrcOp>
struct FloatMinMaxConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  static constexpr bool isMax = std::is_same_v<SrcOp, arith::MaximumFOp> ||
                                std::is_same_v<SrcOp, arith::MaxNumFOp>;
  static constexpr bool isNum = std::is_same_v<SrcOp, arith::MaxNumFOp> ||
                                std::is_same_v<SrcOp, arith::MinNumFOp>;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Value a = adaptor.getLhs(), b = adaptor.getRhs();
    Value m = isMax ? e.binFloat<MaxF32Op, MaxF64Op>(a, b)
                    : e.binFloat<MinF32Op, MinF64Op>(a, b);
    Value aNaN = a.getType().isF64()
                     ? (Value)CmpNaNF64Op::create(rewriter, op.getLoc(),
                                                  e.i32(), a)
                     : (Value)CmpNaNF32Op::create(rewriter, op.getLoc(),
                                                  e.i32(), a);
    if (isNum) {
      // a NaN: b (NaN too when both are); otherwise vm.max ignores a NaN b.
      rewriter.replaceOp(op, e.select(aNaN, b, m));
      return success();
    }
    Value bNaN = a.getType().isF64()
                     ? (Value)CmpNaNF64Op::create(rewriter, op.getLoc(),
                                                  e.i32(), b)
                     : (Value)CmpNaNF32Op::create(rewriter, op.getLoc(),
                                                  e.i32(), b);
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
  LogicalResult
  matchAndRewrite(arith::CmpIOp op, OpAdaptor adaptor,
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
    case P::eq: v = e.cmpInt<CmpEQI32Op, CmpEQI64Op>(l, r); break;
    case P::ne: v = e.cmpInt<CmpNEI32Op, CmpNEI64Op>(l, r); break;
    case P::slt: v = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(l, r); break;
    case P::sle: v = e.cmpInt<CmpLTEI32SOp, CmpLTEI64SOp>(l, r); break;
    case P::sgt: v = e.cmpInt<CmpGTI32SOp, CmpGTI64SOp>(l, r); break;
    case P::sge: v = e.cmpInt<CmpGTEI32SOp, CmpGTEI64SOp>(l, r); break;
    case P::ult: v = e.cmpInt<CmpLTI32UOp, CmpLTI64UOp>(l, r); break;
    case P::ule: v = e.cmpInt<CmpLTEI32UOp, CmpLTEI64UOp>(l, r); break;
    case P::ugt: v = e.cmpInt<CmpGTI32UOp, CmpGTI64UOp>(l, r); break;
    case P::uge: v = e.cmpInt<CmpGTEI32UOp, CmpGTEI64UOp>(l, r); break;
    }
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct CmpFOpConversion : VMPattern<arith::CmpFOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(arith::CmpFOp op, OpAdaptor adaptor,
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
    case P::AlwaysFalse: v = e.constI32(0); break;
    case P::AlwaysTrue: v = e.constI32(1); break;
    case P::OEQ: v = e.cmpFloat<CmpEQF32OOp, CmpEQF64OOp>(l, r); break;
    case P::ONE: v = e.cmpFloat<CmpNEF32OOp, CmpNEF64OOp>(l, r); break;
    case P::OLT: v = e.cmpFloat<CmpLTF32OOp, CmpLTF64OOp>(l, r); break;
    case P::OLE: v = e.cmpFloat<CmpLTEF32OOp, CmpLTEF64OOp>(l, r); break;
    case P::OGT: v = e.cmpFloat<CmpGTF32OOp, CmpGTF64OOp>(l, r); break;
    case P::OGE: v = e.cmpFloat<CmpGTEF32OOp, CmpGTEF64OOp>(l, r); break;
    case P::UEQ: v = e.cmpFloat<CmpEQF32UOp, CmpEQF64UOp>(l, r); break;
    case P::UNE: v = e.cmpFloat<CmpNEF32UOp, CmpNEF64UOp>(l, r); break;
    case P::ULT: v = e.cmpFloat<CmpLTF32UOp, CmpLTF64UOp>(l, r); break;
    case P::ULE: v = e.cmpFloat<CmpLTEF32UOp, CmpLTEF64UOp>(l, r); break;
    case P::UGT: v = e.cmpFloat<CmpGTF32UOp, CmpGTF64UOp>(l, r); break;
    case P::UGE: v = e.cmpFloat<CmpGTEF32UOp, CmpGTEF64UOp>(l, r); break;
    case P::UNO: v = e.orI(isNaN(l), isNaN(r)); break;
    case P::ORD: v = e.notBool(e.orI(isNaN(l), isNaN(r))); break;
    }
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct SelectOpConversion : VMPattern<arith::SelectOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(arith::SelectOp op, OneToNOpAdaptor adaptor,
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
static Value castInt(Emitter &e, Value v, unsigned from, unsigned to,
                     bool isSigned) {
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

template <typename SrcOp, bool isSigned>
struct IntCastConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Type src = op.getIn().getType(), dst = op.getType();
    if (!src.isIntOrIndex() || !dst.isIntOrIndex())
      return unsupported(op, "only scalar integer casts are supported");
    rewriter.replaceOp(op, castInt(e, adaptor.getIn(), this->widthOf(src),
                                   this->widthOf(dst), isSigned));
    return success();
  }
};

template <typename SrcOp, bool isSigned>
struct IntToFloatConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
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
template <typename SrcOp, bool isSigned>
struct FloatToIntConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
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
  LogicalResult
  matchAndRewrite(arith::ExtFOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<ExtF32F64Op>(op, rewriter.getF64Type(),
                                             adaptor.getIn());
    return success();
  }
};

struct TruncFOpConversion : VMPattern<arith::TruncFOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(arith::TruncFOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (auto mode = op.getRoundingmode();
        mode && *mode != arith::RoundingMode::to_nearest_even)
      return unsupported(op, "only round-to-nearest-even truncation is "
                             "supported");
    rewriter.replaceOpWithNewOp<TruncF64F32Op>(op, rewriter.getF32Type(),
                                               adaptor.getIn());
    return success();
  }
};

struct BitcastOpConversion : VMPattern<arith::BitcastOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(arith::BitcastOp op, OpAdaptor adaptor,
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

//===----------------------------------------------------------------------===//
// math
//===----------------------------------------------------------------------===//

struct AbsIOpConversion : VMPattern<math::AbsIOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(math::AbsIOp op, OpAdaptor adaptor,
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
  LogicalResult
  matchAndRewrite(math::CountLeadingZerosOp op, OpAdaptor adaptor,
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
  LogicalResult
  matchAndRewrite(math::FmaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Type t = adaptor.getA().getType();
    if (t.isF64())
      rewriter.replaceOpWithNewOp<FMAF64Op>(op, t, adaptor.getA(),
                                            adaptor.getB(), adaptor.getC());
    else
      rewriter.replaceOpWithNewOp<FMAF32Op>(op, t, adaptor.getA(),
                                            adaptor.getB(), adaptor.getC());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// cf
//===----------------------------------------------------------------------===//

struct BranchOpConversion : VMPattern<cf::BranchOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(cf::BranchOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<BranchOp>(op, op.getDest(),
                                          flatten(adaptor.getDestOperands()));
    return success();
  }
};

struct CondBranchOpConversion : VMPattern<cf::CondBranchOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(cf::CondBranchOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<CondBranchOp>(
        op, adaptor.getCondition().front(), op.getTrueDest(),
        flatten(adaptor.getTrueDestOperands()), op.getFalseDest(),
        flatten(adaptor.getFalseDestOperands()));
    return success();
  }
};

/// Dense case sets become a vm.br_table indexed by `flag - min`; sparse ones
/// a chain of equality tests.
struct SwitchOpConversion : VMPattern<cf::SwitchOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(cf::SwitchOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Emitter e{rewriter, loc};
    Value flag = adaptor.getFlag().front();
    unsigned w = widthOf(op.getFlag().getType());
    SmallVector<Value> defaultOperands =
        flatten(adaptor.getDefaultOperands());
    SmallVector<SmallVector<Value>> caseOperands;
    for (ArrayRef<ValueRange> group : adaptor.getCaseOperands())
      caseOperands.push_back(flatten(group));
    SmallVector<int64_t> values;
    if (auto attr = op.getCaseValues())
      for (const APInt &v : attr->getValues<APInt>())
        values.push_back(w == 64 ? v.getSExtValue()
                                 : (w < 32 ? (int64_t)v.getZExtValue()
                                           : v.getSExtValue()));
    if (values.empty()) {
      rewriter.replaceOpWithNewOp<BranchOp>(op, op.getDefaultDestination(),
                                            defaultOperands);
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
        Value inRange = CmpLTI64UOp::create(rewriter, loc, e.i32(), d,
                                            e.constI64(span));
        index = e.select(inRange, e.truncTo32(d), e.constI32(-1));
      } else {
        // Subtracting mod 2^32 maps exactly [lo, hi] onto [0, span).
        index = lo == 0 ? flag
                        : e.binInt<SubI32Op, SubI64Op>(
                              flag, e.constI32(static_cast<int32_t>(lo)));
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
      rewriter.replaceOpWithNewOp<BranchTableOp>(
          op, index, defaultOperands, operands, op.getDefaultDestination(),
          dests);
      return success();
    }
    // Compare chain: each test falls through to a fresh block.
    Block *current = rewriter.getInsertionBlock();
    Region *region = current->getParent();
    for (auto [i, v] : llvm::enumerate(values)) {
      Value eq = e.cmpInt<CmpEQI32Op, CmpEQI64Op>(
          flag, e.constInt(flag.getType(), v));
      bool last = i + 1 == values.size();
      Block *next = nullptr;
      if (!last) {
        OpBuilder::InsertionGuard guard(rewriter);
        next = rewriter.createBlock(region, std::next(Region::iterator(
                                                 rewriter.getInsertionBlock())));
      }
      if (last) {
        rewriter.replaceOpWithNewOp<CondBranchOp>(
            op, eq, op.getCaseDestinations()[i], caseOperands[i],
            op.getDefaultDestination(), defaultOperands);
      } else {
        CondBranchOp::create(rewriter, loc, eq, op.getCaseDestinations()[i],
                             caseOperands[i], next, ValueRange());
        rewriter.setInsertionPointToStart(next);
      }
    }
    return success();
  }
};

struct AssertOpConversion : VMPattern<cf::AssertOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(cf::AssertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    // FAILED_PRECONDITION, as the runtime's status codes number it.
    Value status = e.constI32(9);
    rewriter.replaceOpWithNewOp<CondFailOp>(
        op, e.notBool(adaptor.getArg()), status, op.getMsg());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// memref
//===----------------------------------------------------------------------===//

/// The runtime view of a memref: buffer, element offset, every size (i64).
struct MemRefDesc {
  Value buffer;
  Value offset;
  SmallVector<Value> sizes;
};

static MemRefDesc unpack(Emitter &e, MemRefType type, ValueRange values) {
  MemRefDesc d;
  unsigned pos = 0;
  d.buffer = values[pos++];
  d.offset = hasDynamicOffset(type) ? values[pos++]
                                    : e.constI64(staticOffset(type));
  for (int64_t s : type.getShape())
    d.sizes.push_back(ShapedType::isDynamic(s) ? values[pos++]
                                               : e.constI64(s));
  return d;
}

static SmallVector<Value> pack(MemRefType type, const MemRefDesc &d) {
  SmallVector<Value> out{d.buffer};
  if (hasDynamicOffset(type))
    out.push_back(d.offset);
  for (auto [s, v] : llvm::zip_equal(type.getShape(), d.sizes))
    if (ShapedType::isDynamic(s))
      out.push_back(v);
  return out;
}

static unsigned elementBytes(Type t, unsigned indexBits) {
  if (isa<IndexType>(t))
    return indexBits / 8;
  unsigned w = t.getIntOrFloatBitWidth();
  return w == 1 ? 1 : w / 8;
}

/// offset + sum(index_i * stride_i), strides being suffix products.
static Value linearIndex(Emitter &e, const MemRefDesc &d,
                         ArrayRef<Value> indices) {
  Value linear = d.offset;
  Value stride = e.constI64(1);
  for (int i = static_cast<int>(indices.size()) - 1; i >= 0; --i) {
    linear = e.add(linear, e.mul(e.toI64Signed(indices[i]), stride));
    if (i > 0)
      stride = e.mul(stride, d.sizes[i]);
  }
  return linear;
}

static Value numElements(Emitter &e, ArrayRef<Value> sizes) {
  Value n = e.constI64(1);
  for (Value s : sizes)
    n = e.mul(n, s);
  return n;
}

template <typename SrcOp>
struct AllocConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    MemRefType type = op.getType();
    if (!type.getLayout().isIdentity())
      return unsupported(op, "only identity layouts can be allocated");
    if (!op.getSymbolOperands().empty())
      return unsupported(op, "symbol operands are not supported");
    MemRefDesc d;
    d.offset = e.constI64(0);
    auto dyn = adaptor.getDynamicSizes();
    unsigned k = 0;
    for (int64_t s : type.getShape())
      d.sizes.push_back(ShapedType::isDynamic(s) ? e.toI64Signed(dyn[k++])
                                                 : e.constI64(s));
    unsigned eb = elementBytes(type.getElementType(), this->indexBits());
    Value bytes = e.mul(numElements(e, d.sizes), e.constI64(eb));
    int64_t align = std::max<int64_t>(op.getAlignment().value_or(16), eb);
    d.buffer = BufferAllocOp::create(rewriter, op.getLoc(),
                                     getBufferRefType(op.getContext()), bytes,
                                     e.constI32(static_cast<int32_t>(align)));
    rewriter.replaceOpWithMultiple(op, {pack(type, d)});
    return success();
  }
};

struct DeallocConversion : VMPattern<memref::DeallocOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::DeallocOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // Buffers are reference counted: the last reference frees them.
    rewriter.eraseOp(op);
    return success();
  }
};

struct LoadConversion : VMPattern<memref::LoadOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::LoadOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    MemRefType type = op.getMemRefType();
    MemRefDesc d = unpack(e, type, adaptor.getMemref());
    Value index = linearIndex(e, d, flatten(adaptor.getIndices()));
    Type elem = type.getElementType();
    Type result = convert(elem);
    unsigned w = widthOf(elem);
    Value v;
    if (isa<FloatType>(elem))
      v = elem.isF32()
              ? (Value)BufferLoadF32Op::create(rewriter, loc, result,
                                               d.buffer, index)
              : (Value)BufferLoadF64Op::create(rewriter, loc, result,
                                               d.buffer, index);
    else if (w <= 8)
      v = BufferLoadI8UOp::create(rewriter, loc, result, d.buffer, index);
    else if (w == 16)
      v = BufferLoadI16UOp::create(rewriter, loc, result, d.buffer, index);
    else if (w == 32)
      v = BufferLoadI32Op::create(rewriter, loc, result, d.buffer, index);
    else
      v = BufferLoadI64Op::create(rewriter, loc, result, d.buffer, index);
    if (w == 1)
      v = e.normalize(v, 1);
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct StoreConversion : VMPattern<memref::StoreOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::StoreOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    MemRefType type = op.getMemRefType();
    MemRefDesc d = unpack(e, type, adaptor.getMemref());
    Value index = linearIndex(e, d, flatten(adaptor.getIndices()));
    Value v = adaptor.getValue().front();
    Type elem = type.getElementType();
    unsigned w = widthOf(elem);
    if (elem.isF32())
      BufferStoreF32Op::create(rewriter, loc, d.buffer, index, v);
    else if (elem.isF64())
      BufferStoreF64Op::create(rewriter, loc, d.buffer, index, v);
    else if (w <= 8)
      BufferStoreI8Op::create(rewriter, loc, d.buffer, index, v);
    else if (w == 16)
      BufferStoreI16Op::create(rewriter, loc, d.buffer, index, v);
    else if (w == 32)
      BufferStoreI32Op::create(rewriter, loc, d.buffer, index, v);
    else
      BufferStoreI64Op::create(rewriter, loc, d.buffer, index, v);
    rewriter.eraseOp(op);
    return success();
  }
};

struct DimConversion : VMPattern<memref::DimOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::DimOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto type = dyn_cast<MemRefType>(op.getSource().getType());
    if (!type)
      return unsupported(op, "unranked memrefs are not supported");
    std::optional<int64_t> index = op.getConstantIndex();
    if (!index || *index < 0 || *index >= type.getRank())
      return unsupported(op, "dimension index must be a constant in range");
    MemRefDesc d = unpack(e, type, adaptor.getSource());
    Value size = d.sizes[*index];
    if (indexBits() == 32)
      size = e.truncTo32(size);
    rewriter.replaceOp(op, size);
    return success();
  }
};

struct CopyConversion : VMPattern<memref::CopyOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::CopyOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto srcType = cast<MemRefType>(op.getSource().getType());
    auto dstType = cast<MemRefType>(op.getTarget().getType());
    MemRefDesc src = unpack(e, srcType, adaptor.getSource());
    MemRefDesc dst = unpack(e, dstType, adaptor.getTarget());
    Value eb =
        e.constI64(elementBytes(srcType.getElementType(), indexBits()));
    Value srcOffset = e.mul(src.offset, eb);
    Value dstOffset = e.mul(dst.offset, eb);
    Value length = e.mul(numElements(e, src.sizes), eb);
    BufferCopyOp::create(rewriter, op.getLoc(), src.buffer, srcOffset,
                         dst.buffer, dstOffset, length);
    rewriter.eraseOp(op);
    return success();
  }
};

/// A size value known to equal dimension `dim` of `source`.
static bool isFullDim(OpFoldResult size, Value source, int64_t dim) {
  auto type = cast<MemRefType>(source.getType());
  if (auto attr = dyn_cast<Attribute>(size))
    return !type.isDynamicDim(dim) &&
           cast<IntegerAttr>(attr).getInt() == type.getDimSize(dim);
  auto dimOp = cast<Value>(size).getDefiningOp<memref::DimOp>();
  if (!dimOp || dimOp.getSource() != source)
    return false;
  std::optional<int64_t> idx = dimOp.getConstantIndex();
  return idx && *idx == dim;
}

struct SubViewConversion : VMPattern<memref::SubViewOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::SubViewOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    MemRefType srcType = op.getSourceType();
    MemRefType dstType = op.getType();
    SmallVector<OpFoldResult> offsets = op.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = op.getMixedSizes();
    SmallVector<OpFoldResult> strides = op.getMixedStrides();
    for (OpFoldResult s : strides) {
      auto attr = dyn_cast<Attribute>(s);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 1)
        return unsupported(op, "only unit strides keep the view contiguous");
    }
    // Contiguous: after the first dimension whose size is not 1, every
    // dimension is taken whole.
    unsigned rank = srcType.getRank();
    unsigned first = rank;
    for (unsigned i = 0; i < rank; ++i) {
      auto attr = dyn_cast<Attribute>(sizes[i]);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 1) {
        first = i;
        break;
      }
    }
    for (unsigned i = first + 1; i < rank; ++i) {
      if (!isFullDim(sizes[i], op.getSource(), i))
        return unsupported(op, "the view is not contiguous: dimension " +
                                   Twine(i) + " must be taken whole");
      auto attr = dyn_cast<Attribute>(offsets[i]);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 0)
        return unsupported(op, "the view is not contiguous: dimension " +
                                   Twine(i) + " must start at 0");
    }
    MemRefDesc src = unpack(e, srcType, adaptor.getSource());
    auto valueOf = [&](OpFoldResult r, ValueRange &dyn) -> Value {
      if (auto attr = dyn_cast<Attribute>(r))
        return e.constI64(cast<IntegerAttr>(attr).getInt());
      Value v = dyn.front();
      dyn = dyn.drop_front();
      return e.toI64Signed(v);
    };
    SmallVector<Value> dynOffsets = flatten(adaptor.getOffsets());
    SmallVector<Value> dynSizes = flatten(adaptor.getSizes());
    ValueRange offRange(dynOffsets), sizeRange(dynSizes);
    SmallVector<Value> offsetValues, sizeValues;
    for (OpFoldResult o : offsets)
      offsetValues.push_back(valueOf(o, offRange));
    for (OpFoldResult s : sizes)
      sizeValues.push_back(valueOf(s, sizeRange));
    MemRefDesc dst;
    dst.buffer = src.buffer;
    dst.offset = linearIndex(e, src, offsetValues);
    llvm::SmallBitVector dropped = op.getDroppedDims();
    for (unsigned i = 0; i < rank; ++i)
      if (!dropped.test(i))
        dst.sizes.push_back(sizeValues[i]);
    if (!isContiguousLayout(dstType))
      return unsupported(op, "result layout is not contiguous");
    rewriter.replaceOpWithMultiple(op, {pack(dstType, dst)});
    return success();
  }
};

struct CastConversion : VMPattern<memref::CastOp> {
  using VMPattern::VMPattern;
  LogicalResult
  matchAndRewrite(memref::CastOp op, OneToNOpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto srcType = dyn_cast<MemRefType>(op.getSource().getType());
    auto dstType = dyn_cast<MemRefType>(op.getType());
    if (!srcType || !dstType)
      return unsupported(op, "unranked memrefs are not supported");
    MemRefDesc d = unpack(e, srcType, adaptor.getSource());
    rewriter.replaceOpWithMultiple(op, {pack(dstType, d)});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

static void populatePatterns(const VMTypeConverter &c,
                             const llvm::StringMap<std::string> &names,
                             RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FuncOpConversion, ReturnOpConversion>(c, ctx);
  patterns.add<CallOpConversion>(c, ctx, names);
  patterns.add<
      ConstantOpConversion,
      IntBinaryConversion<arith::AddIOp, AddI32Op, AddI64Op, Norm::Result>,
      IntBinaryConversion<arith::SubIOp, SubI32Op, SubI64Op, Norm::Result>,
      IntBinaryConversion<arith::MulIOp, MulI32Op, MulI64Op, Norm::Result>,
      IntBinaryConversion<arith::DivSIOp, DivI32SOp, DivI64SOp,
                          Norm::SignedOperands>,
      IntBinaryConversion<arith::DivUIOp, DivI32UOp, DivI64UOp, Norm::None>,
      IntBinaryConversion<arith::RemSIOp, RemI32SOp, RemI64SOp,
                          Norm::SignedOperands>,
      IntBinaryConversion<arith::RemUIOp, RemI32UOp, RemI64UOp, Norm::None>,
      IntBinaryConversion<arith::MinSIOp, MinI32SOp, MinI64SOp,
                          Norm::SignedOperands>,
      IntBinaryConversion<arith::MaxSIOp, MaxI32SOp, MaxI64SOp,
                          Norm::SignedOperands>,
      IntBinaryConversion<arith::MinUIOp, MinI32UOp, MinI64UOp, Norm::None>,
      IntBinaryConversion<arith::MaxUIOp, MaxI32UOp, MaxI64UOp, Norm::None>,
      IntBinaryConversion<arith::AndIOp, AndI32Op, AndI64Op, Norm::None>,
      IntBinaryConversion<arith::OrIOp, OrI32Op, OrI64Op, Norm::None>,
      IntBinaryConversion<arith::XOrIOp, XorI32Op, XorI64Op, Norm::None>,
      ShiftConversion<arith::ShLIOp, ShlI32Op, ShlI64Op, false>,
      ShiftConversion<arith::ShRSIOp, ShrI32SOp, ShrI64SOp, true>,
      ShiftConversion<arith::ShRUIOp, ShrI32UOp, ShrI64UOp, false>,
      RoundedDivConversion<arith::FloorDivSIOp>,
      RoundedDivConversion<arith::CeilDivSIOp>,
      RoundedDivConversion<arith::CeilDivUIOp>,
      FloatBinaryConversion<arith::AddFOp, AddF32Op, AddF64Op>,
      FloatBinaryConversion<arith::SubFOp, SubF32Op, SubF64Op>,
      FloatBinaryConversion<arith::MulFOp, MulF32Op, MulF64Op>,
      FloatBinaryConversion<arith::DivFOp, DivF32Op, DivF64Op>,
      FloatUnaryConversion<arith::NegFOp, NegF32Op, NegF64Op>, RemFConversion,
      FloatMinMaxConversion<arith::MaximumFOp>,
      FloatMinMaxConversion<arith::MinimumFOp>,
      FloatMinMaxConversion<arith::MaxNumFOp>,
      FloatMinMaxConversion<arith::MinNumFOp>, CmpIOpConversion,
      CmpFOpConversion, SelectOpConversion,
      IntCastConversion<arith::ExtSIOp, true>,
      IntCastConversion<arith::ExtUIOp, false>,
      IntCastConversion<arith::TruncIOp, false>,
      IntCastConversion<arith::IndexCastOp, true>,
      IntCastConversion<arith::IndexCastUIOp, false>,
      IntToFloatConversion<arith::SIToFPOp, true>,
      IntToFloatConversion<arith::UIToFPOp, false>,
      FloatToIntConversion<arith::FPToSIOp, true>,
      FloatToIntConversion<arith::FPToUIOp, false>, ExtFOpConversion,
      TruncFOpConversion, BitcastOpConversion>(c, ctx);
  patterns.add<
      FloatUnaryConversion<math::AbsFOp, AbsF32Op, AbsF64Op>,
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
      FloatBinaryConversion<math::Atan2Op, Atan2F32Op, Atan2F64Op>,
      AbsIOpConversion, CtlzOpConversion, FmaOpConversion>(c, ctx);
  patterns.add<BranchOpConversion, CondBranchOpConversion,
               SwitchOpConversion, AssertOpConversion>(c, ctx);
  patterns.add<AllocConversion<memref::AllocOp>,
               AllocConversion<memref::AllocaOp>, DeallocConversion,
               LoadConversion, StoreConversion, DimConversion, CopyConversion,
               SubViewConversion, CastConversion>(c, ctx);
}

/// Reports, once per op, a value whose type has no vm form: at the op that
/// defines it (a result, a block argument, or a function's signature).
/// Returns failure if there was any.
static LogicalResult checkTypes(Operation *root, const VMTypeConverter &c) {
  bool ok = true;
  auto bad = [&](Type t) {
    SmallVector<Type> out;
    return failed(c.convertType(t, out));
  };
  auto report = [&](Operation *op, Type t, StringRef what) {
    ok = false;
    InFlightDiagnostic diag = op->emitOpError()
                              << what << " type " << t
                              << " is not supported by the vm conversion";
    if (isa<MemRefType>(t))
      diag << " (only contiguous row-major memrefs of i1, i8, i16, i32, "
              "i64, index, f32 or f64 are)";
  };
  root->walk([&](Operation *op) {
    if (isa<kiln::vm::ModuleOp>(op) ||
        op->getParentOfType<kiln::vm::ModuleOp>())
      return;
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      for (Type t : func.getArgumentTypes())
        if (bad(t))
          return report(op, t, "argument");
      for (Type t : func.getResultTypes())
        if (bad(t))
          return report(op, t, "result");
    }
    for (Type t : op->getResultTypes())
      if (bad(t))
        return report(op, t, "result");
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (!block.isEntryBlock() || !isa<func::FuncOp>(op))
          for (Type t : block.getArgumentTypes())
            if (bad(t))
              return report(op, t, "block argument");
  });
  return success(ok);
}

struct ConvertToVMPass
    : public PassWrapper<ConvertToVMPass, OperationPass<mlir::ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ConvertToVMPass)

  ConvertToVMPass() = default;
  ConvertToVMPass(const ConvertToVMPass &other) : PassWrapper(other) {}
  explicit ConvertToVMPass(ConvertToVMOptions options) {
    indexBitwidth = options.indexBitwidth;
    moduleName = options.moduleName;
  }

  StringRef getArgument() const final { return "convert-to-vm"; }
  StringRef getDescription() const final {
    return "Converts func/arith/math/cf/scf/memref into one vm.module";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<VMDialect, cf::ControlFlowDialect, arith::ArithDialect>();
  }

  Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bit width of index values in the vm module (32 or 64)"),
      llvm::cl::init(64)};
  Option<std::string> moduleName{
      *this, "module-name",
      llvm::cl::desc("Name of the vm.module when the builtin.module has no "
                     "sym_name (default: module)"),
      llvm::cl::init("")};

  void runOnOperation() override {
    mlir::ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    if (indexBitwidth != 32 && indexBitwidth != 64) {
      module.emitError() << "index-bitwidth must be 32 or 64";
      return signalPassFailure();
    }

    // scf first, with upstream's own lowering to cf.
    {
      RewritePatternSet patterns(ctx);
      populateSCFToControlFlowConversionPatterns(patterns);
      ConversionTarget target(*ctx);
      target.addIllegalDialect<scf::SCFDialect>();
      target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
      if (failed(applyPartialConversion(module, target, std::move(patterns))))
        return signalPassFailure();
    }

    VMTypeConverter converter(indexBitwidth);
    if (failed(checkTypes(module, converter)))
      return signalPassFailure();

    // vm symbol names of functions: imports are renamed to module.function.
    llvm::StringMap<std::string> names;
    bool namesOk = true;
    for (auto func : module.getOps<func::FuncOp>()) {
      FailureOr<std::string> name = vmSymbolName(func);
      if (failed(name)) {
        func.emitOpError()
            << "declaration needs a module to import from: name it "
               "`module.function` or set `vm.import_module`";
        namesOk = false;
      } else if (*name != func.getSymName()) {
        names[func.getSymName()] = *name;
      }
    }
    if (!namesOk)
      return signalPassFailure();

    // Move everything into the vm.module, then convert in place.
    StringRef name = module.getSymName().value_or(
        moduleName.empty() ? StringRef("module") : StringRef(moduleName));
    OpBuilder builder(ctx);
    builder.setInsertionPointToEnd(module.getBody());
    auto vmModule = kiln::vm::ModuleOp::create(builder, module.getLoc(), name);
    Block &vmBody = vmModule.getBlock();
    for (Operation &op :
         llvm::make_early_inc_range(module.getBody()->getOperations())) {
      if (&op == vmModule.getOperation() || isa<kiln::vm::ModuleOp>(op))
        continue;
      op.moveBefore(vmBody.getTerminator());
    }

    ConversionTarget target(*ctx);
    target.addLegalDialect<VMDialect>();
    RewritePatternSet patterns(ctx);
    populatePatterns(converter, names, patterns);
    if (failed(applyFullConversion(vmModule, target, std::move(patterns))))
      return signalPassFailure();
  }
};

struct LowerToVMPipelineOptions
    : public PassPipelineOptions<LowerToVMPipelineOptions> {
  Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bit width of index values in the vm module (32 or 64)"),
      llvm::cl::init(64)};
};

} // namespace

std::unique_ptr<Pass> createConvertToVMPass(ConvertToVMOptions options) {
  return std::make_unique<ConvertToVMPass>(options);
}

void registerConversionPasses() {
  PassRegistration<ConvertToVMPass>();
  PassPipelineRegistration<LowerToVMPipelineOptions>(
      "kiln-lower-to-vm",
      "Converts upstream dialects into vm, then canonicalizes and CSEs",
      [](OpPassManager &pm, const LowerToVMPipelineOptions &options) {
        ConvertToVMOptions o;
        o.indexBitwidth = options.indexBitwidth;
        pm.addPass(createConvertToVMPass(o));
        pm.addPass(createCanonicalizerPass());
        pm.addPass(createCSEPass());
      });
}

} // namespace mlir::kiln
