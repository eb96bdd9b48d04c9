//===- FoldImmutableGlobals.cpp - Constant loads of never-stored globals --===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Transforms/GlobalAccess.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"

#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/StringSet.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMFOLDIMMUTABLEGLOBALSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// The global's value type and initial value (null attribute: the default,
/// zero or a null ref), when `op` is an immutable global.
std::optional<std::pair<Type, Attribute>> getImmutableValue(Operation *op) {
  auto result = [](auto global) -> std::optional<std::pair<Type, Attribute>> {
    if (global.getIsMutable())
      return std::nullopt;
    return std::make_pair(Type(global.getType()), Attribute(global.getInitialValueAttr()));
  };
  if (auto g = dyn_cast<GlobalI32Op>(op))
    return result(g);
  if (auto g = dyn_cast<GlobalI64Op>(op))
    return result(g);
  if (auto g = dyn_cast<GlobalF32Op>(op))
    return result(g);
  if (auto g = dyn_cast<GlobalF64Op>(op))
    return result(g);
  if (auto g = dyn_cast<GlobalRefOp>(op)) {
    if (g.getIsMutable())
      return std::nullopt;
    return std::make_pair(Type(g.getType()), Attribute());
  }
  return std::nullopt;
}

struct VMFoldImmutableGlobalsPass
    : public ::mlir::kiln::vm::impl::VMFoldImmutableGlobalsPassBase<VMFoldImmutableGlobalsPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    Region &body = moduleOp->getRegion(0);
    auto uses = ::mlir::SymbolTable::getSymbolUses(&body);
    if (!uses)
      return;
    // Globals something other than a direct load refers to: a store, an
    // address, an export of the symbol, ...
    llvm::StringSet<> touched, addressed;
    SmallVector<Operation *> loads;
    for (const ::mlir::SymbolTable::SymbolUse &use : *uses) {
      Operation *user = use.getUser();
      StringRef name = use.getSymbolRef().getRootReference().getValue();
      if (isDirectGlobalLoad(user)) {
        loads.push_back(user);
        continue;
      }
      touched.insert(name);
      // Indirect stores through an address may reach even an immutable
      // global, anywhere in the module.
      if (isa<GlobalAddressOp>(user))
        addressed.insert(name);
    }
    llvm::StringMap<std::pair<Type, Attribute>> foldable;
    llvm::StringSet<> immutable;
    for (Operation &op : moduleOp.getBlock()) {
      auto name = op.getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName());
      if (!name)
        continue;
      std::optional<std::pair<Type, Attribute>> value = getImmutableValue(&op);
      if (!value)
        continue;
      if (!addressed.contains(name.getValue()))
        immutable.insert(name.getValue());
      if (!touched.contains(name.getValue()))
        foldable[name.getValue()] = *value;
    }

    OpBuilder builder(&getContext());
    auto *dialect = getContext().getLoadedDialect<VMDialect>();
    for (Operation *load : loads) {
      auto ref = load->getAttrOfType<FlatSymbolRefAttr>("global");
      if (!ref)
        continue;
      // Loads of immutable globals read nothing that changes after
      // initialization; saying so lets CSE and hoisting treat them as pure.
      if (immutable.contains(ref.getValue()))
        load->setAttr("is_immutable", UnitAttr::get(&getContext()));
      auto it = foldable.find(ref.getValue());
      if (it == foldable.end())
        continue;
      auto [type, initial] = it->second;
      Type loadType = load->getResult(0).getType();
      if (loadType != type)
        continue;
      Attribute value = initial;
      if (isa<RefType>(type))
        value = UnitAttr::get(&getContext());
      else if (!value)
        value = builder.getZeroAttr(type);
      builder.setInsertionPoint(load);
      Operation *constant = dialect->materializeConstant(builder, value, type, load->getLoc());
      if (!constant)
        continue;
      load->replaceAllUsesWith(constant);
      load->erase();
    }
  }
};

} // namespace
