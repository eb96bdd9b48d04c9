//===- DropUnusedSymbols.cpp - Remove unreferenced private symbols --------===//
//
// Liveness from the roots: every op of the module that is not a droppable
// symbol (exports, public functions, initializers, ...) and @__init. A
// droppable symbol is a private vm.func, vm.import, global or vm.rodata; it
// lives when a live op refers to it. Dead ones are erased, so cycles of
// private functions that only call each other go too.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMDROPUNUSEDSYMBOLSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

bool isDroppable(Operation *op) {
  if (!isa<FuncOp, ImportOp, GlobalI32Op, GlobalI64Op, GlobalF32Op, GlobalF64Op, GlobalRefOp,
           RodataOp>(op))
    return false;
  auto symbol = cast<SymbolOpInterface>(op);
  if (!symbol.isPrivate())
    return false;
  return symbol.getName() != kInitFunctionName;
}

struct VMDropUnusedSymbolsPass
    : public ::mlir::kiln::vm::impl::VMDropUnusedSymbolsPassBase<VMDropUnusedSymbolsPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    llvm::StringMap<Operation *> droppable;
    SmallVector<Operation *> worklist;
    for (Operation &op : moduleOp.getBlock()) {
      if (isDroppable(&op))
        droppable[cast<SymbolOpInterface>(&op).getName()] = &op;
      else
        worklist.push_back(&op);
    }

    llvm::DenseSet<Operation *> live;
    while (!worklist.empty()) {
      Operation *root = worklist.pop_back_val();
      root->walk([&](Operation *op) {
        op->getAttrDictionary().walk([&](SymbolRefAttr ref) {
          auto it = droppable.find(ref.getRootReference().getValue());
          if (it != droppable.end() && live.insert(it->second).second)
            worklist.push_back(it->second);
        });
      });
    }

    for (Operation &op : llvm::make_early_inc_range(moduleOp.getBlock()))
      if (isDroppable(&op) && !live.contains(&op))
        op.erase();
  }
};

} // namespace
