//===- ToVMPatterns.h - Shared pieces of the input conversion ----*- C++ -*-===//
//
// What the per-dialect pattern files (FuncToVM, ArithToVM, MathToVM, CFToVM,
// MemRefToVM, SCFToVM) share: an op builder that folds trivial integer
// arithmetic, the base pattern, and each file's entry point. Values keep
// their meaning under these conventions (docs/conversion.md):
//
//  * i1, i8 and i16 live in i32 registers, zero-extended (i1 is 0 or 1).
//    Ops that may set bits above the width re-normalize their result; ops
//    that read the value as signed sign-extend their operands first.
//  * index is i64 (or i32 with index-bitwidth=32).
//  * A memref is a buffer, an optional element offset and its dynamic sizes
//    (VMTypeConverter.h).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_TOVMPATTERNS_H
#define KILN_COMPILER_CONVERSION_TOVMPATTERNS_H

#include "compiler/Conversion/VMTypeConverter.h"

#include "dialects/vm/VMOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>

namespace mlir::kiln::tovm {

using namespace mlir::kiln::vm;

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

  Value constI32(int32_t v) { return ConstI32Op::create(b, loc, b.getI32IntegerAttr(v)); }
  Value constI64(int64_t v) { return ConstI64Op::create(b, loc, b.getI64IntegerAttr(v)); }
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
      return ConstF32Op::create(b, loc, b.getFloatAttr(t, APFloat::getQNaN(APFloat::IEEEsingle())));
    return ConstF64Op::create(b, loc, b.getFloatAttr(t, APFloat::getQNaN(APFloat::IEEEdouble())));
  }

  static std::optional<int64_t> constValue(Value v) {
    APInt value;
    if (matchPattern(v, m_ConstantInt(&value)))
      return value.getSExtValue();
    return std::nullopt;
  }

  template <typename Op32, typename Op64> Value binInt(Value l, Value r) {
    if (l.getType().isInteger(64))
      return Op64::create(b, loc, l.getType(), l, r);
    return Op32::create(b, loc, l.getType(), l, r);
  }
  template <typename Op32, typename Op64> Value unInt(Value v) {
    if (v.getType().isInteger(64))
      return Op64::create(b, loc, v.getType(), v);
    return Op32::create(b, loc, v.getType(), v);
  }
  template <typename OpF32, typename OpF64> Value binFloat(Value l, Value r) {
    if (l.getType().isF64())
      return OpF64::create(b, loc, l.getType(), l, r);
    return OpF32::create(b, loc, l.getType(), l, r);
  }
  template <typename OpF32, typename OpF64> Value unFloat(Value v) {
    if (v.getType().isF64())
      return OpF64::create(b, loc, v.getType(), v);
    return OpF32::create(b, loc, v.getType(), v);
  }
  template <typename Op32, typename Op64> Value cmpInt(Value l, Value r) {
    if (l.getType().isInteger(64))
      return Op64::create(b, loc, i32(), l, r);
    return Op32::create(b, loc, i32(), l, r);
  }
  template <typename OpF32, typename OpF64> Value cmpFloat(Value l, Value r) {
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

// Diagnostics shared by patterns.

/// Reports at `op` and returns failure; the conversion then also reports
/// that the op could not be legalized.
inline LogicalResult unsupported(Operation *op, const Twine &why) {
  op->emitOpError() << why;
  return failure();
}

inline std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

inline SmallVector<Value> flatten(ArrayRef<ValueRange> ranges) {
  SmallVector<Value> out;
  for (ValueRange r : ranges)
    llvm::append_range(out, r);
  return out;
}

template <typename Op> struct VMPattern : public OpConversionPattern<Op> {
  VMPattern(const VMTypeConverter &converter, MLIRContext *ctx)
      : OpConversionPattern<Op>(converter, ctx), conv(converter) {}
  const VMTypeConverter &conv;
  unsigned indexBits() const { return conv.indexBitwidth; }
  unsigned widthOf(Type t) const { return sourceWidth(t, conv.indexBitwidth); }
  Type convert(Type t) const { return conv.convertType(t); }
};

/// A float op with one vm op per width (shared by arith and math).
template <typename SrcOp, typename OpF32, typename OpF64>
struct FloatBinaryConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    rewriter.replaceOp(op, e.binFloat<OpF32, OpF64>(adaptor.getLhs(), adaptor.getRhs()));
    return success();
  }
};

template <typename SrcOp, typename OpF32, typename OpF64>
struct FloatUnaryConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    rewriter.replaceOp(op, e.unFloat<OpF32, OpF64>(adaptor.getOperands()[0]));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Entry points, one per source dialect
//===----------------------------------------------------------------------===//

/// The vm symbol a func.func becomes: declarations are imports named
/// `module.function`, from their own dotted name or `vm.import_module`.
FailureOr<std::string> vmSymbolName(func::FuncOp func);

/// func.func, func.return and func.call; `names` maps a function's name to
/// its vm symbol where the two differ (renamed imports).
void populateFuncToVMPatterns(const VMTypeConverter &converter,
                              const llvm::StringMap<std::string> &names,
                              RewritePatternSet &patterns);
void populateArithToVMPatterns(const VMTypeConverter &converter, RewritePatternSet &patterns);
void populateMathToVMPatterns(const VMTypeConverter &converter, RewritePatternSet &patterns);
void populateCFToVMPatterns(const VMTypeConverter &converter, RewritePatternSet &patterns);
void populateMemRefToVMPatterns(const VMTypeConverter &converter, RewritePatternSet &patterns);

/// Lowers every scf op in `module` to cf with upstream's own patterns (the
/// cf patterns then take them to vm).
LogicalResult lowerSCFToCF(mlir::ModuleOp module);

// VectorToVM.cpp: vector.print through MLIR's runner utilities, imported from
// the runtime's `runner_utils` module. lowerVectorPrints runs before the
// conversion (scalar prints become func.call of the utilities' declarations);
// the pattern converts string prints.
StringRef runnerUtilsModuleName();
// The type of runner utility `name` (printI64, printF32, printNewline, ...,
// rtclock), or none when `name` is not one.
std::optional<FunctionType> runnerUtilsSignature(MLIRContext *ctx, StringRef name);
LogicalResult lowerVectorPrints(mlir::ModuleOp module);
void populateVectorToVMPatterns(const VMTypeConverter &converter, RewritePatternSet &patterns);

} // namespace mlir::kiln::tovm

#endif // KILN_COMPILER_CONVERSION_TOVMPATTERNS_H
