//===- YieldableAnalysis.cpp - Which vm functions may suspend -------------===//
//
// A fixed point over the call graph: seeds are functions that suspend
// themselves and imports marked `vm.yield`; a caller of a yieldable callee
// becomes yieldable until nothing changes. The pass puts the unit attribute
// `vm.yieldable` on every yieldable vm.func (and removes stale ones).
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/YieldableAnalysis.h"
#include "compiler/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMYIELDABLEANALYSISPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

YieldableAnalysis::YieldableAnalysis(Operation *op) {
  auto moduleOp = dyn_cast<kiln::vm::ModuleOp>(op);
  if (!moduleOp)
    return;
  llvm::StringMap<Operation *> callables;
  for (Operation &child : moduleOp.getBlock())
    if (isa<FuncOp, ImportOp>(child))
      callables[cast<SymbolOpInterface>(&child).getName()] = &child;

  // callee -> the functions that call it.
  llvm::DenseMap<Operation *, SmallVector<Operation *>> callers;
  SmallVector<Operation *> worklist;
  auto markYieldable = [&](Operation *callable) {
    if (yieldable.insert(callable).second)
      worklist.push_back(callable);
  };

  for (Operation &child : moduleOp.getBlock()) {
    if (auto importOp = dyn_cast<ImportOp>(child)) {
      if (importOp->hasAttr("vm.yield"))
        markYieldable(importOp);
      continue;
    }
    auto funcOp = dyn_cast<FuncOp>(child);
    if (!funcOp)
      continue;
    funcOp.walk([&](Operation *nested) {
      if (isa<YieldOp, CallYieldableOp, CallVariadicYieldableOp>(nested))
        markYieldable(funcOp);
      auto call = dyn_cast<CallOpInterface>(nested);
      if (!call)
        return;
      CallInterfaceCallable callable = call.getCallableForCallee();
      auto callee = llvm::dyn_cast_if_present<SymbolRefAttr>(callable);
      if (!callee)
        return;
      auto it = callables.find(callee.getRootReference().getValue());
      if (it != callables.end())
        callers[it->second].push_back(funcOp);
    });
  }

  while (!worklist.empty()) {
    Operation *callee = worklist.pop_back_val();
    auto it = callers.find(callee);
    if (it == callers.end())
      continue;
    for (Operation *caller : it->second)
      markYieldable(caller);
  }
}

namespace {

struct VMYieldableAnalysisPass
    : public ::mlir::kiln::vm::impl::VMYieldableAnalysisPassBase<VMYieldableAnalysisPass> {
  void runOnOperation() override {
    auto &analysis = getAnalysis<YieldableAnalysis>();
    UnitAttr unit = UnitAttr::get(&getContext());
    for (FuncOp funcOp : getOperation().getBlock().getOps<FuncOp>()) {
      if (analysis.isYieldable(funcOp))
        funcOp->setAttr(kYieldableAttrName, unit);
      else
        funcOp->removeAttr(kYieldableAttrName);
    }
    markAllAnalysesPreserved();
  }
};

} // namespace
