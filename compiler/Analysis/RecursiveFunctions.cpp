//===- RecursiveFunctions.cpp - Functions that can reach themselves -------===//

#include "compiler/Analysis/RecursiveFunctions.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::kiln::vm {

llvm::DenseSet<Operation *> findRecursiveFunctions(llvm::ArrayRef<Operation *> functions,
                                                   const CalleeMap &callees) {
  llvm::DenseSet<Operation *> recursive;
  llvm::DenseMap<Operation *, unsigned> index, lowLink;
  llvm::DenseSet<Operation *> onStack;
  llvm::SmallVector<Operation *> componentStack;
  unsigned nextIndex = 0;
  struct Visit {
    Operation *op;
    unsigned next; // the next callee of `op` to look at
  };
  auto calleesOf = [&](Operation *op) -> llvm::ArrayRef<Operation *> {
    auto it = callees.find(op);
    return it == callees.end() ? llvm::ArrayRef<Operation *>() : llvm::ArrayRef(it->second);
  };
  llvm::SmallVector<Visit> work;
  auto enter = [&](Operation *op) {
    index[op] = lowLink[op] = nextIndex++;
    componentStack.push_back(op);
    onStack.insert(op);
    work.push_back({op, 0});
  };
  for (Operation *root : functions) {
    if (index.count(root))
      continue;
    enter(root);
    while (!work.empty()) {
      Operation *op = work.back().op;
      llvm::ArrayRef<Operation *> next = calleesOf(op);
      if (work.back().next < next.size()) {
        Operation *callee = next[work.back().next++];
        if (callee == op)
          recursive.insert(op);
        if (!index.count(callee))
          enter(callee);
        else if (onStack.contains(callee))
          lowLink[op] = std::min(lowLink[op], index[callee]);
        continue;
      }
      work.pop_back();
      if (!work.empty())
        lowLink[work.back().op] = std::min(lowLink[work.back().op], lowLink[op]);
      if (lowLink[op] != index[op])
        continue;
      // `op` roots a component: pop its members.
      size_t size = 0;
      Operation *member;
      size_t first = componentStack.size();
      do {
        member = componentStack[--first];
        onStack.erase(member);
        ++size;
      } while (member != op);
      if (size > 1)
        recursive.insert(componentStack.begin() + first, componentStack.end());
      componentStack.resize(first);
    }
  }
  return recursive;
}

CalleeMap collectInternalCallees(Operation *module) {
  llvm::StringMap<Operation *> functions;
  for (Operation &op : module->getRegion(0).front())
    if (isa<FuncOp>(op))
      functions[cast<FuncOp>(op).getSymName()] = &op;
  CalleeMap callees;
  for (auto &entry : functions) {
    Operation *caller = entry.second;
    caller->walk([&](CallOpInterface call) {
      auto callee = llvm::dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
      if (!callee)
        return;
      if (Operation *target = functions.lookup(callee.getRootReference().getValue()))
        callees[caller].push_back(target);
    });
  }
  return callees;
}

} // namespace mlir::kiln::vm
