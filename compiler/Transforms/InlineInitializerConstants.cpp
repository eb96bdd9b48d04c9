//===- InlineInitializerConstants.cpp - Constant initializer stores -------===//
//
// A vm.initializer that stores a constant to a scalar global is, when nothing
// can tell the difference, the same as the global starting with that value:
// the store is in the initializer's entry block, no op before it there names
// the global or has effects beyond a global it names, and no earlier
// initializer does either. Such stores move into the global's initial_value
// (initial values apply before any initializer runs); initializers left with
// only a vm.return go away.
//
// One walk in module order, carrying what the earlier initializers touch, so
// the pass is linear in the module (as a canonicalization pattern the same
// check rescanned every earlier initializer: quadratic in their number).
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Transforms/GlobalAccess.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMINLINEINITIALIZERCONSTANTSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// What a set of ops may observe or change: the symbols they name, and
/// whether any has effects not limited to a global it names (calls,
/// indirect accesses, unknown ops), which could touch any global.
struct Touched {
  llvm::DenseSet<StringAttr> names;
  bool anything = false;

  void add(Operation *op) {
    op->walk([&](Operation *nested) {
      for (NamedAttribute attr : nested->getAttrs())
        attr.getValue().walk([&](SymbolRefAttr ref) { names.insert(ref.getRootReference()); });
      if (nested->getNumRegions() == 0 && !isDirectGlobalAccess(nested) &&
          !isMemoryEffectFree(nested))
        anything = true;
    });
  }
  bool mayTouch(StringAttr name) const { return anything || names.contains(name); }
};

struct VMInlineInitializerConstantsPass
    : public ::mlir::kiln::vm::impl::VMInlineInitializerConstantsPassBase<
          VMInlineInitializerConstantsPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    ::mlir::SymbolTable symbolTable(moduleOp);
    Touched earlier;
    for (Operation &op : llvm::make_early_inc_range(moduleOp.getBlock())) {
      auto init = dyn_cast<InitializerOp>(op);
      if (!init || init.getBody().empty())
        continue;
      Block &entry = init.getBody().front();
      Touched before;
      for (Operation &inner : llvm::make_early_inc_range(entry)) {
        if (isScalarGlobalStore(&inner) && !earlier.anything && !before.anything &&
            succeeded(tryInline(symbolTable, &inner, earlier, before)))
          continue;
        before.add(&inner);
      }
      if (entry.getOperations().size() == 1 && isa<ReturnOp>(entry.front()) &&
          init.getBody().hasOneBlock()) {
        init.erase();
        continue;
      }
      earlier.add(init);
    }
  }

  /// Moves the constant `store` writes into its global's initial value.
  static LogicalResult tryInline(::mlir::SymbolTable &symbolTable, Operation *store,
                                 const Touched &earlier, const Touched &before) {
    auto ref = store->getAttrOfType<FlatSymbolRefAttr>("global");
    Attribute value;
    if (!ref || !matchPattern(store->getOperand(0), m_Constant(&value)))
      return failure();
    if (earlier.mayTouch(ref.getAttr()) || before.mayTouch(ref.getAttr()))
      return failure();
    Operation *global = symbolTable.lookup(ref.getAttr());
    if (!global || !isScalarGlobal(global))
      return failure();
    auto typed = dyn_cast<TypedAttr>(value);
    auto globalType = global->getAttrOfType<TypeAttr>("type");
    if (!typed || !globalType || typed.getType() != globalType.getValue() ||
        !isa<IntegerAttr, FloatAttr>(value))
      return failure();
    global->setAttr("initial_value", value);
    Operation *constant = store->getOperand(0).getDefiningOp();
    store->erase();
    if (constant && constant->use_empty())
      constant->erase();
    return success();
  }
};

} // namespace
