//===- VMConstOps.cpp - vm dialect: Const ops ---------------------------===//

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMStructuralAsm.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMConstOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Result names
//===----------------------------------------------------------------------===//

/// `%c42`, `%c-1`, or `%zero`, as IREE prints integer constants.
static void setIntegerResultName(OpAsmSetValueNameFn setNameFn, Value result, const APInt &value) {
  SmallString<32> name;
  if (value.isZero()) {
    name = "zero";
  } else {
    name = "c";
    value.toStringSigned(name);
  }
  setNameFn(result, name);
}

//===----------------------------------------------------------------------===//
// Scalar constants
//===----------------------------------------------------------------------===//

/// The attribute a scalar const op of `type` would hold for `value`, or null
/// when `value` cannot be represented exactly.
static TypedAttr convertScalarValue(TypedAttr value, Type type) {
  if (!value || value.getType() != type)
    return {};
  if (auto intAttr = dyn_cast<IntegerAttr>(value))
    return isa<IntegerType>(type) ? intAttr : IntegerAttr();
  if (auto floatAttr = dyn_cast<FloatAttr>(value))
    return isa<FloatType>(type) ? floatAttr : FloatAttr();
  return {};
}

bool ConstI32Op::isBuildableWith(TypedAttr value, Type type) {
  return type.isInteger(32) && convertScalarValue(value, type);
}
bool ConstI64Op::isBuildableWith(TypedAttr value, Type type) {
  return type.isInteger(64) && convertScalarValue(value, type);
}
bool ConstF32Op::isBuildableWith(TypedAttr value, Type type) {
  return type.isF32() && convertScalarValue(value, type);
}
bool ConstF64Op::isBuildableWith(TypedAttr value, Type type) {
  return type.isF64() && convertScalarValue(value, type);
}

void ConstI32Op::build(OpBuilder &builder, OperationState &state, TypedAttr value) {
  state.addAttribute(getValueAttrName(state.name), value);
  state.addTypes(value.getType());
}
void ConstI32Op::build(OpBuilder &builder, OperationState &state, int32_t value) {
  build(builder, state, builder.getI32IntegerAttr(value));
}
void ConstI64Op::build(OpBuilder &builder, OperationState &state, TypedAttr value) {
  state.addAttribute(getValueAttrName(state.name), value);
  state.addTypes(value.getType());
}
void ConstI64Op::build(OpBuilder &builder, OperationState &state, int64_t value) {
  build(builder, state, builder.getI64IntegerAttr(value));
}
void ConstF32Op::build(OpBuilder &builder, OperationState &state, TypedAttr value) {
  state.addAttribute(getValueAttrName(state.name), value);
  state.addTypes(value.getType());
}
void ConstF32Op::build(OpBuilder &builder, OperationState &state, float value) {
  build(builder, state, builder.getF32FloatAttr(value));
}
void ConstF64Op::build(OpBuilder &builder, OperationState &state, TypedAttr value) {
  state.addAttribute(getValueAttrName(state.name), value);
  state.addTypes(value.getType());
}
void ConstF64Op::build(OpBuilder &builder, OperationState &state, double value) {
  build(builder, state, builder.getF64FloatAttr(value));
}

void ConstI32Op::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setIntegerResultName(setNameFn, getResult(), getValue().getValue());
}
void ConstI64Op::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setIntegerResultName(setNameFn, getResult(), getValue().getValue());
}
void ConstI32ZeroOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), "zero");
}
void ConstI64ZeroOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), "zero");
}
void ConstF32ZeroOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), "zero");
}
void ConstF64ZeroOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), "zero");
}
void ConstRefZeroOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), "null");
}

OpFoldResult ConstI32Op::fold(FoldAdaptor) { return getValueAttr(); }
OpFoldResult ConstI64Op::fold(FoldAdaptor) { return getValueAttr(); }
OpFoldResult ConstF32Op::fold(FoldAdaptor) { return getValueAttr(); }
OpFoldResult ConstF64Op::fold(FoldAdaptor) { return getValueAttr(); }

OpFoldResult ConstI32ZeroOp::fold(FoldAdaptor) { return IntegerAttr::get(getType(), 0); }
OpFoldResult ConstI64ZeroOp::fold(FoldAdaptor) { return IntegerAttr::get(getType(), 0); }
OpFoldResult ConstF32ZeroOp::fold(FoldAdaptor) { return FloatAttr::get(getType(), 0.0); }
OpFoldResult ConstF64ZeroOp::fold(FoldAdaptor) { return FloatAttr::get(getType(), 0.0); }
// A null ref is represented by a unit attribute (there is no ref attribute).
OpFoldResult ConstRefZeroOp::fold(FoldAdaptor) { return UnitAttr::get(getContext()); }

namespace {

/// `vm.const.iN 0` -> `vm.const.iN.zero`.
template <typename ConstOp, typename ZeroOp> struct UseIntegerZeroOp : OpRewritePattern<ConstOp> {
  using OpRewritePattern<ConstOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstOp op, PatternRewriter &rewriter) const override {
    if (!op.getValue().getValue().isZero())
      return failure();
    rewriter.replaceOpWithNewOp<ZeroOp>(op);
    return success();
  }
};

/// `vm.const.fN 0.0` -> `vm.const.fN.zero`. Only +0.0: the zero op cannot
/// produce -0.0, which differs observably (1/-0 = -inf).
template <typename ConstOp, typename ZeroOp> struct UseFloatZeroOp : OpRewritePattern<ConstOp> {
  using OpRewritePattern<ConstOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConstOp op, PatternRewriter &rewriter) const override {
    if (!op.getValue().getValue().isPosZero())
      return failure();
    rewriter.replaceOpWithNewOp<ZeroOp>(op);
    return success();
  }
};

} // namespace

void ConstI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<UseIntegerZeroOp<ConstI32Op, ConstI32ZeroOp>>(context);
}
void ConstI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<UseIntegerZeroOp<ConstI64Op, ConstI64ZeroOp>>(context);
}
void ConstF32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<UseFloatZeroOp<ConstF32Op, ConstF32ZeroOp>>(context);
}
void ConstF64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<UseFloatZeroOp<ConstF64Op, ConstF64ZeroOp>>(context);
}

//===----------------------------------------------------------------------===//
// Read-only data
//===----------------------------------------------------------------------===//

/// Checks that `value` is something the module writer can lay out as bytes.
static LogicalResult verifySerializable(Operation *op, Attribute value, StringRef what) {
  if (isa<StringAttr>(value))
    return success();
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements)
    return op->emitOpError() << what << " must be a string or an elements "
                             << "attribute, not " << value;
  Type elementType = elements.getElementType();
  if (auto complex = dyn_cast<ComplexType>(elementType))
    elementType = complex.getElementType();
  if (!isa<IntegerType, FloatType>(elementType))
    return op->emitOpError() << what << " has element type " << elementType
                             << "; only integer and floating-point data can "
                             << "be stored";
  return success();
}

static LogicalResult verifyAlignment(Operation *op, std::optional<uint64_t> v, StringRef name) {
  if (v && !llvm::isPowerOf2_64(*v))
    return op->emitOpError() << name << " must be a power of two, not " << static_cast<int64_t>(*v);
  return success();
}

void RodataOp::build(OpBuilder &builder, OperationState &state, StringRef name, Attribute value,
                     ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(getSymNameAttrName(state.name), builder.getStringAttr(name));
  state.addAttribute(getValueAttrName(state.name), value);
  state.addAttributes(attrs);
}

LogicalResult RodataOp::verify() {
  if (failed(verifySerializable(*this, getValue(), "value")) ||
      failed(verifyAlignment(*this, getAlignment(), "alignment")))
    return failure();
  return success();
}

void ConstRefRodataOp::build(OpBuilder &builder, OperationState &state, StringRef rodataName,
                             ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(getRodataAttrName(state.name),
                     FlatSymbolRefAttr::get(builder.getContext(), rodataName));
  state.addTypes(getBufferRefType(builder.getContext()));
  state.addAttributes(attrs);
}

void ConstRefRodataOp::build(OpBuilder &builder, OperationState &state, RodataOp rodataOp,
                             ArrayRef<NamedAttribute> attrs) {
  build(builder, state, rodataOp.getSymName(), attrs);
}

LogicalResult ConstRefRodataOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *target = symbolTable.lookupNearestSymbolFrom(*this, getRodataAttr());
  if (!target)
    return emitOpError() << "undefined rodata section: '" << getRodata() << "'";
  if (!isa<RodataOp>(target))
    return emitOpError() << "'" << getRodata() << "' is a '" << target->getName()
                         << "', not a vm.rodata";
  return success();
}

void ConstRefRodataOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getResult(), getRodata());
}

LogicalResult RodataInlineOp::verify() {
  if (failed(verifySerializable(*this, getValue(), "value")) ||
      failed(verifyAlignment(*this, getAlignment(), "alignment")))
    return failure();
  return success();
}

LogicalResult RodataTableInlineOp::verify() {
  for (auto [i, element] : llvm::enumerate(getDataArray())) {
    std::string what = "data_array element " + std::to_string(i);
    if (failed(verifySerializable(*this, element, what)))
      return failure();
  }
  if (failed(verifyAlignment(*this, getAlignment(), "alignment")) ||
      failed(verifyAlignment(*this, getDataAlignment(), "data_alignment")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Constant materialization
//===----------------------------------------------------------------------===//

Operation *VMDialect::materializeConstant(OpBuilder &builder, Attribute value, Type type,
                                          Location loc) {
  // Refs have one constant: null (folders hand it over as a unit attribute).
  if (isa<RefType>(type)) {
    if (isa<UnitAttr>(value))
      return ConstRefZeroOp::create(builder, loc, type);
    return nullptr;
  }
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type)
    return nullptr;
  if (auto intAttr = dyn_cast<IntegerAttr>(value)) {
    bool isZero = intAttr.getValue().isZero();
    if (type.isInteger(32))
      return isZero ? ConstI32ZeroOp::create(builder, loc).getOperation()
                    : ConstI32Op::create(builder, loc, intAttr).getOperation();
    if (type.isInteger(64))
      return isZero ? ConstI64ZeroOp::create(builder, loc).getOperation()
                    : ConstI64Op::create(builder, loc, intAttr).getOperation();
    return nullptr;
  }
  if (auto floatAttr = dyn_cast<FloatAttr>(value)) {
    bool isZero = floatAttr.getValue().isPosZero();
    if (type.isF32())
      return isZero ? ConstF32ZeroOp::create(builder, loc).getOperation()
                    : ConstF32Op::create(builder, loc, floatAttr).getOperation();
    if (type.isF64())
      return isZero ? ConstF64ZeroOp::create(builder, loc).getOperation()
                    : ConstF64Op::create(builder, loc, floatAttr).getOperation();
    return nullptr;
  }
  return nullptr;
}
