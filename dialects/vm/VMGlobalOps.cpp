//===- VMGlobalOps.cpp - vm dialect: Global ops ---------------------------===//

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMStructuralAsm.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMGlobalOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

template <typename GlobalOpT>
static void buildPrimitiveGlobal(OpBuilder &builder, OperationState &state, StringRef name,
                                 bool isMutable, Type type, std::optional<TypedAttr> initialValue,
                                 ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(GlobalOpT::getSymNameAttrName(state.name), builder.getStringAttr(name));
  if (isMutable)
    state.addAttribute(GlobalOpT::getIsMutableAttrName(state.name), builder.getUnitAttr());
  state.addAttribute(GlobalOpT::getTypeAttrName(state.name), TypeAttr::get(type));
  if (initialValue && *initialValue && isa<IntegerAttr, FloatAttr>(*initialValue))
    state.addAttribute(GlobalOpT::getInitialValueAttrName(state.name), *initialValue);
  state.attributes.append(attrs.begin(), attrs.end());
}

#define KILN_VM_GLOBAL_BUILD(OP)                                                                   \
  void OP::build(OpBuilder &builder, OperationState &state, StringRef name, bool isMutable,        \
                 Type type, std::optional<TypedAttr> initialValue,                                 \
                 ArrayRef<NamedAttribute> attrs) {                                                 \
    buildPrimitiveGlobal<OP>(builder, state, name, isMutable, type, initialValue, attrs);          \
  }
KILN_VM_GLOBAL_BUILD(GlobalI32Op)
KILN_VM_GLOBAL_BUILD(GlobalI64Op)
KILN_VM_GLOBAL_BUILD(GlobalF32Op)
KILN_VM_GLOBAL_BUILD(GlobalF64Op)
#undef KILN_VM_GLOBAL_BUILD

void GlobalRefOp::build(OpBuilder &builder, OperationState &state, StringRef name, bool isMutable,
                        Type type, ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(getSymNameAttrName(state.name), builder.getStringAttr(name));
  if (isMutable)
    state.addAttribute(getIsMutableAttrName(state.name), builder.getUnitAttr());
  state.addAttribute(getTypeAttrName(state.name), TypeAttr::get(type));
  state.attributes.append(attrs.begin(), attrs.end());
}

namespace {

/// Drops an initial value equal to the default (integer 0 or +0.0): globals
/// start zeroed anyway. -0.0 is kept; it is not the default.
template <typename GlobalOpT> struct DropDefaultInitialValue : OpRewritePattern<GlobalOpT> {
  using OpRewritePattern<GlobalOpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(GlobalOpT op, PatternRewriter &rewriter) const override {
    auto value = op.getInitialValueAttr();
    if (!value)
      return failure();
    if (auto intAttr = dyn_cast<IntegerAttr>(Attribute(value))) {
      if (!intAttr.getValue().isZero())
        return failure();
    } else if (auto floatAttr = dyn_cast<FloatAttr>(Attribute(value))) {
      if (!floatAttr.getValue().isPosZero())
        return failure();
    } else {
      return failure();
    }
    rewriter.modifyOpInPlace(op, [&] { op.removeInitialValueAttr(); });
    return success();
  }
};

} // namespace

void GlobalI32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<DropDefaultInitialValue<GlobalI32Op>>(context);
}
void GlobalI64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<DropDefaultInitialValue<GlobalI64Op>>(context);
}
void GlobalF32Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<DropDefaultInitialValue<GlobalF32Op>>(context);
}
void GlobalF64Op::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  results.add<DropDefaultInitialValue<GlobalF64Op>>(context);
}

//===----------------------------------------------------------------------===//
// Symbol checks
//===----------------------------------------------------------------------===//

static bool isGlobalOp(Operation *op) {
  return isa<GlobalI32Op, GlobalI64Op, GlobalF32Op, GlobalF64Op, GlobalRefOp>(op);
}

/// Resolves `ref` from `op` to a global of kind `GlobalOpT` holding
/// `accessType`, or reports why it does not.
template <typename GlobalOpT>
static FailureOr<GlobalOpT> verifyGlobalAccess(Operation *op, FlatSymbolRefAttr ref,
                                               Type accessType, SymbolTableCollection &table) {
  Operation *target = table.lookupNearestSymbolFrom(op, ref);
  if (!target)
    return op->emitOpError() << "references undefined global " << ref;
  auto globalOp = dyn_cast<GlobalOpT>(target);
  if (!globalOp)
    return op->emitOpError() << "expects " << ref << " to be a '" << GlobalOpT::getOperationName()
                             << "' but it is a '" << target->getName() << "'";
  if (globalOp.getType() != accessType)
    return op->emitOpError() << "type mismatch: global " << ref << " holds " << globalOp.getType()
                             << " but the op accesses " << accessType;
  return globalOp;
}

template <typename GlobalOpT>
static LogicalResult verifyGlobalStore(Operation *op, FlatSymbolRefAttr ref, Type valueType,
                                       SymbolTableCollection &table) {
  auto globalOp = verifyGlobalAccess<GlobalOpT>(op, ref, valueType, table);
  if (failed(globalOp))
    return failure();
  if (!globalOp->getIsMutable() && !op->getParentOfType<InitializerOp>())
    return op->emitOpError() << "stores to global " << ref
                             << ", which is not mutable; only a vm.initializer may store to an "
                                "immutable global";
  return success();
}

#define KILN_VM_GLOBAL_ACCESSORS(LOAD, STORE, GLOBAL)                                              \
  LogicalResult LOAD::verifySymbolUses(SymbolTableCollection &table) {                             \
    auto globalOp = verifyGlobalAccess<GLOBAL>(*this, getGlobalAttr(), getType(), table);          \
    if (failed(globalOp))                                                                          \
      return failure();                                                                            \
    if (getIsImmutable() && globalOp->getIsMutable())                                              \
      return emitOpError() << "is marked immutable but global " << getGlobalAttr()                 \
                           << " is mutable";                                                       \
    return success();                                                                              \
  }                                                                                                \
  LogicalResult STORE::verifySymbolUses(SymbolTableCollection &table) {                            \
    return verifyGlobalStore<GLOBAL>(*this, getGlobalAttr(), getValue().getType(), table);         \
  }
KILN_VM_GLOBAL_ACCESSORS(GlobalLoadI32Op, GlobalStoreI32Op, GlobalI32Op)
KILN_VM_GLOBAL_ACCESSORS(GlobalLoadI64Op, GlobalStoreI64Op, GlobalI64Op)
KILN_VM_GLOBAL_ACCESSORS(GlobalLoadF32Op, GlobalStoreF32Op, GlobalF32Op)
KILN_VM_GLOBAL_ACCESSORS(GlobalLoadF64Op, GlobalStoreF64Op, GlobalF64Op)
KILN_VM_GLOBAL_ACCESSORS(GlobalLoadRefOp, GlobalStoreRefOp, GlobalRefOp)
#undef KILN_VM_GLOBAL_ACCESSORS

LogicalResult GlobalAddressOp::verifySymbolUses(SymbolTableCollection &table) {
  Operation *target = table.lookupNearestSymbolFrom(*this, getGlobalAttr());
  if (!target)
    return emitOpError() << "references undefined global " << getGlobalAttr();
  if (!isGlobalOp(target))
    return emitOpError() << "expects " << getGlobalAttr() << " to be a vm global but it is a '"
                         << target->getName() << "'";
  return success();
}

//===----------------------------------------------------------------------===//
// Loads: effects, names, folding
//===----------------------------------------------------------------------===//

/// Loads read memory unless they are marked `immutable`. The flag is read off
/// the op rather than the global: looking the global up would scan the
/// module on every effect query and make passes quadratic. Loads of
/// never-stored immutable globals become constants in
/// --vm-fold-immutable-globals.
static void addLoadEffects(bool isImmutable,
                           SmallVectorImpl<MemoryEffects::EffectInstance> &effects) {
  if (!isImmutable)
    effects.emplace_back(MemoryEffects::Read::get());
}

#define KILN_VM_GLOBAL_LOAD_COMMON(LOAD, GLOBAL)                                                   \
  void LOAD::getEffects(SmallVectorImpl<MemoryEffects::EffectInstance> &effects) {                 \
    addLoadEffects(getIsImmutable(), effects);                                                     \
  }                                                                                                \
  void LOAD::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {                                    \
    setNameFn(getResult(), getGlobal());                                                           \
  }
KILN_VM_GLOBAL_LOAD_COMMON(GlobalLoadI32Op, GlobalI32Op)
KILN_VM_GLOBAL_LOAD_COMMON(GlobalLoadI64Op, GlobalI64Op)
KILN_VM_GLOBAL_LOAD_COMMON(GlobalLoadF32Op, GlobalF32Op)
KILN_VM_GLOBAL_LOAD_COMMON(GlobalLoadF64Op, GlobalF64Op)
KILN_VM_GLOBAL_LOAD_COMMON(GlobalLoadRefOp, GlobalRefOp)
#undef KILN_VM_GLOBAL_LOAD_COMMON

//===----------------------------------------------------------------------===//
// Indirect access
//===----------------------------------------------------------------------===//

namespace {

/// The global behind `address` when it comes straight from a
/// vm.global.address of a `GlobalOpT` holding `type`.
template <typename GlobalOpT> static GlobalAddressOp getKnownAddress(Value address, Type type) {
  auto addressOp = address.getDefiningOp<GlobalAddressOp>();
  if (!addressOp)
    return {};
  auto globalOp = dyn_cast_or_null<GlobalOpT>(
      SymbolTable::lookupNearestSymbolFrom(addressOp, addressOp.getGlobalAttr()));
  if (!globalOp || globalOp.getType() != type)
    return {};
  return addressOp;
}

/// vm.global.load.indirect.T (vm.global.address @g) -> vm.global.load.T @g
template <typename IndirectOp, typename DirectOp, typename GlobalOpT>
struct LoadFromKnownAddress : OpRewritePattern<IndirectOp> {
  using OpRewritePattern<IndirectOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(IndirectOp op, PatternRewriter &rewriter) const override {
    auto addressOp = getKnownAddress<GlobalOpT>(op.getGlobal(), op.getType());
    if (!addressOp)
      return failure();
    bool immutable = op.getIsImmutable() || addressOp.getIsImmutable();
    rewriter.replaceOpWithNewOp<DirectOp>(op, op.getType(), addressOp.getGlobalAttr(),
                                          immutable ? rewriter.getUnitAttr() : UnitAttr());
    return success();
  }
};

/// vm.global.store.indirect.T %v, (vm.global.address @g) ->
/// vm.global.store.T %v, @g
template <typename IndirectOp, typename DirectOp, typename GlobalOpT>
struct StoreToKnownAddress : OpRewritePattern<IndirectOp> {
  using OpRewritePattern<IndirectOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(IndirectOp op, PatternRewriter &rewriter) const override {
    auto addressOp = getKnownAddress<GlobalOpT>(op.getGlobal(), op.getValue().getType());
    if (!addressOp)
      return failure();
    // The direct store would be rejected where the indirect one is allowed.
    auto globalOp =
        cast<GlobalOpT>(SymbolTable::lookupNearestSymbolFrom(addressOp, addressOp.getGlobalAttr()));
    if (!globalOp.getIsMutable() && !op->template getParentOfType<InitializerOp>())
      return failure();
    rewriter.replaceOpWithNewOp<DirectOp>(op, op.getValue(), addressOp.getGlobalAttr());
    return success();
  }
};

} // namespace

#define KILN_VM_GLOBAL_INDIRECT(T, GLOBAL)                                                         \
  void GlobalLoadIndirect##T##Op::getCanonicalizationPatterns(RewritePatternSet &results,          \
                                                              MLIRContext *context) {              \
    results.add<LoadFromKnownAddress<GlobalLoadIndirect##T##Op, GlobalLoad##T##Op, GLOBAL>>(       \
        context);                                                                                  \
  }                                                                                                \
  void GlobalStoreIndirect##T##Op::getCanonicalizationPatterns(RewritePatternSet &results,         \
                                                               MLIRContext *context) {             \
    results.add<StoreToKnownAddress<GlobalStoreIndirect##T##Op, GlobalStore##T##Op, GLOBAL>>(      \
        context);                                                                                  \
  }
KILN_VM_GLOBAL_INDIRECT(I32, GlobalI32Op)
KILN_VM_GLOBAL_INDIRECT(I64, GlobalI64Op)
KILN_VM_GLOBAL_INDIRECT(F32, GlobalF32Op)
KILN_VM_GLOBAL_INDIRECT(F64, GlobalF64Op)
KILN_VM_GLOBAL_INDIRECT(Ref, GlobalRefOp)
#undef KILN_VM_GLOBAL_INDIRECT
