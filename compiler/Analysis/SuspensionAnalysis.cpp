//===- SuspensionAnalysis.cpp - Which vm functions may suspend ------------===//
//
// Seeds are the imports that may suspend and the functions that hold a
// suspension point of their own; a caller of a suspending callee suspends
// too, until nothing changes (a worklist over the reversed call graph).
//
//===----------------------------------------------------------------------===//

#include "compiler/Analysis/SuspensionAnalysis.h"

#include "dialects/vm/VMAttributeNames.h"
#include "dialects/vm/VMOps.h"

#include "mlir/Interfaces/CallInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

using namespace mlir;
using namespace mlir::kiln::vm;

/// The callee symbol of a call op, or null.
static SymbolRefAttr calleeOf(Operation *op) {
  auto call = dyn_cast<CallOpInterface>(op);
  if (!call)
    return {};
  return llvm::dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
}

static bool isYieldableCall(Operation *op) {
  return isa<CallYieldableOp, CallVariadicYieldableOp>(op);
}

SuspensionAnalysis::SuspensionAnalysis(Operation *op, SuspensionPolicy policy) : policy(policy) {
  auto moduleOp = dyn_cast<ModuleOp>(op);
  if (!moduleOp)
    return;
  for (Operation &child : moduleOp.getBlock())
    if (isa<FuncOp, ImportOp>(child))
      callables[cast<SymbolOpInterface>(&child).getName()] = &child;

  // callee -> the functions that call it.
  llvm::DenseMap<Operation *, SmallVector<Operation *>> callers;
  SmallVector<Operation *> worklist;
  auto markSuspending = [&](Operation *callable) {
    if (suspending.insert(callable).second)
      worklist.push_back(callable);
  };

  for (Operation &child : moduleOp.getBlock()) {
    if (auto importOp = dyn_cast<ImportOp>(child)) {
      if (policy == SuspensionPolicy::AnyImport || importOp->hasAttr(vm::kYieldAttrName))
        markSuspending(importOp);
      continue;
    }
    auto funcOp = dyn_cast<FuncOp>(child);
    if (!funcOp)
      continue;
    funcOp.walk([&](Operation *nested) {
      if (isa<YieldOp>(nested) || (policy == SuspensionPolicy::Declared && isYieldableCall(nested)))
        markSuspending(funcOp);
      SymbolRefAttr callee = calleeOf(nested);
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
      markSuspending(caller);
  }
}

bool SuspensionAnalysis::maySuspend(StringRef symbol) const {
  auto it = callables.find(symbol);
  return it != callables.end() && maySuspend(it->second);
}

bool SuspensionAnalysis::isSuspensionPoint(Operation *op) const {
  if (isa<YieldOp>(op))
    return true;
  if (policy == SuspensionPolicy::Declared && isYieldableCall(op))
    return true;
  SymbolRefAttr callee = calleeOf(op);
  return callee && maySuspend(callee.getRootReference().getValue());
}

bool SuspensionAnalysis::declaresSuspension(Operation *funcOp) {
  if (funcOp->hasAttr(vm::kYieldAttrName))
    return true;
  bool declares = false;
  funcOp->walk([&](Operation *op) {
    if (isa<YieldOp>(op) || isYieldableCall(op)) {
      declares = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return declares;
}
