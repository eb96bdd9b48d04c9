//===- Inline.cpp - Inline small private vm functions ---------------------===//
//
// A `vm.call` to a private function with a body is inlined when the callee
//  - is not marked `noinline` and its `inlining_policy` does not say never,
//  - cannot reach itself through calls (no recursion), and
//  - is small (at most max-ops ops), or is called from one site only (at
//    most max-single-site-ops ops), or its `inlining_policy` says always.
// What to inline is decided callees first (bottom-up over the call graph):
// a callee's size counts the callees it will take in. The inlining is done
// callers first: each body is taken as written and the calls it brings are
// inlined in turn, so an op is moved or copied, and its location rewritten,
// once per place it ends up rather than once per level of a call chain, and
// a callee's last use moves its body instead of copying it. That keeps the
// pass linear in the module on a call chain of any depth. A private callee
// left without uses is erased. The splicing is upstream's mlir::inlineCall
// with the vm dialect's inliner interface (which turns vm.return into
// branches). Inlined ops keep the name of the function they came from: the
// callee side of their CallSiteLoc is a NameLoc with the callee's name, so
// stack traces can show inlined code as frames of its own.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Analysis/RecursiveFunctions.h"

#include "dialects/util/UtilDialect.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/InliningUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMINLINEPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

enum class Policy { Default, Never, Always };

/// `inlining_policy`: IREE's #util.inline.never / #util.inline.always, or
/// the strings "never" / "always".
Policy getPolicy(FuncOp funcOp) {
  if (funcOp->hasAttr("noinline"))
    return Policy::Never;
  Attribute attr = funcOp->getAttr("inlining_policy");
  if (!attr)
    return Policy::Default;
  if (isa<kiln::util::InlineNeverAttr>(attr))
    return Policy::Never;
  if (isa<kiln::util::InlineAlwaysAttr>(attr))
    return Policy::Always;
  if (auto str = dyn_cast<StringAttr>(attr)) {
    if (str.getValue() == "never")
      return Policy::Never;
    if (str.getValue() == "always")
      return Policy::Always;
  }
  return Policy::Default;
}

void cloneCallee(OpBuilder &builder, Region *src, Block *inlineBlock, Block *postInsertBlock,
                 IRMapping &mapper, bool shouldCloneInlinedRegion) {
  if (shouldCloneInlinedRegion) {
    src->cloneInto(postInsertBlock->getParent(), postInsertBlock->getIterator(), mapper);
    return;
  }
  postInsertBlock->getParent()->getBlocks().splice(postInsertBlock->getIterator(), src->getBlocks(),
                                                   src->begin(), src->end());
}

struct VMInlinePass : public ::mlir::kiln::vm::impl::VMInlinePassBase<VMInlinePass> {
  using ::mlir::kiln::vm::impl::VMInlinePassBase<VMInlinePass>::VMInlinePassBase;

  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    llvm::StringMap<FuncOp> funcs;
    SmallVector<Operation *> functions;
    for (FuncOp funcOp : moduleOp.getBlock().getOps<FuncOp>()) {
      funcs[funcOp.getSymName()] = funcOp;
      functions.push_back(funcOp);
    }
    CalleeMap callees = collectInternalCallees(moduleOp);
    llvm::DenseSet<Operation *> recursive = findRecursiveFunctions(functions, callees);

    // Symbol uses of each function (vm.call, and exports, call.yieldable,
    // ... which keep a callee alive). Kept up to date as bodies are cloned
    // and callees erased, so no step walks the whole module again.
    llvm::StringMap<unsigned> allUses = countSymbolUses(moduleOp);
    for (auto &entry : funcs) {
      FuncOp funcOp = entry.second;
      uses[funcOp] = allUses.lookup(entry.first());
    }

    // Decided bottom-up, callees first: a callee qualifies by its size once
    // its own qualifying callees are inlined into it, computed, not built.
    SmallVector<Operation *> order = postOrder(functions, callees);
    for (Operation *function : order)
      sizes[function] = inlinedSize(cast<FuncOp>(function), funcs, recursive);

    // Done top-down, callers first: each body is taken as written, and a
    // call it brings along is inlined in turn, so every op is moved or
    // copied (and its location rewritten) once per place it ends up, not
    // once per level of a call chain.
    InlinerInterface interface(&getContext());
    llvm::DenseSet<Operation *> named;
    SmallVector<CallOp> calleeCalls, brought;
    auto cloneAndCollect = [&](OpBuilder &builder, Region *src, Block *inlineBlock,
                               Block *postInsertBlock, IRMapping &mapper, bool clone) {
      cloneCallee(builder, src, inlineBlock, postInsertBlock, mapper, clone);
      for (CallOp call : calleeCalls)
        brought.push_back(clone ? cast<CallOp>(mapper.lookup(call.getOperation())) : call);
    };
    for (Operation *function : llvm::reverse(order)) {
      if (!uses.count(function)) // erased: inlined at its last use
        continue;
      auto caller = cast<FuncOp>(function);
      SmallVector<CallOp> worklist;
      caller.walk([&](CallOp call) { worklist.push_back(call); });
      for (size_t next = 0; next < worklist.size(); ++next) {
        CallOp call = worklist[next];
        FuncOp callee = funcs.lookup(call.getCallee());
        if (!callee || callee == caller || !inlines.contains(callee))
          continue;
        if (named.insert(callee).second)
          setLocationNames(callee, /*named=*/true);
        calleeCalls.clear();
        brought.clear();
        callee.walk([&](CallOp inner) { calleeCalls.push_back(inner); });
        // The last use moves the body instead of copying it.
        bool last = uses[callee] == 1;
        if (!last)
          addUsesOfBody(callee, funcs, +1);
        if (failed(inlineCall(interface, cloneAndCollect, call,
                              cast<CallableOpInterface>(callee.getOperation()), &callee.getBody(),
                              /*shouldCloneInlinedRegion=*/!last))) {
          if (!last)
            addUsesOfBody(callee, funcs, -1);
          continue;
        }
        worklist.append(brought.begin(), brought.end());
        if (call->use_empty())
          call.erase();
        if (--uses[callee] != 0)
          continue;
        if (!last)
          addUsesOfBody(callee, funcs, -1);
        named.erase(callee);
        uses.erase(callee);
        funcs.erase(callee.getSymName());
        callee.erase();
      }
    }
    for (Operation *callee : named)
      setLocationNames(cast<FuncOp>(callee), /*named=*/false);
  }

  /// The ops `funcOp` will have once the calls to callees that qualify
  /// (already decided: callees come first) are inlined into it; decides
  /// whether `funcOp` itself qualifies.
  unsigned inlinedSize(FuncOp funcOp, const llvm::StringMap<FuncOp> &funcs,
                       const llvm::DenseSet<Operation *> &recursive) {
    unsigned size = 0;
    bool oneBlock = funcOp.getBody().hasOneBlock();
    funcOp.getBody().walk([&](Operation *op) {
      ++size;
      auto call = dyn_cast<CallOp>(op);
      if (!call)
        return;
      FuncOp callee = funcs.lookup(call.getCallee());
      if (!callee || callee == funcOp || !inlines.contains(callee))
        return;
      // The call goes and the callee's ops come; its return goes too when
      // its one block merges into the caller's, or becomes a branch.
      bool calleeOneBlock = oneBlockFunctions.contains(callee);
      size += sizes.lookup(callee) - (calleeOneBlock ? 2 : 1);
      oneBlock &= calleeOneBlock;
    });
    if (oneBlock)
      oneBlockFunctions.insert(funcOp);
    if (shouldInline(funcOp, size, recursive))
      inlines.insert(funcOp);
    return size;
  }

  /// Whether calls to `callee`, of `size` ops with its own calls inlined,
  /// are inlined (by the callee's uses in the input).
  bool shouldInline(FuncOp callee, unsigned size, const llvm::DenseSet<Operation *> &recursive) {
    if (!callee.isPrivate() || callee.isExternal() || callee.getSymName() == kInitFunctionName)
      return false;
    Policy policy = getPolicy(callee);
    if (policy == Policy::Never || recursive.contains(callee))
      return false;
    return policy == Policy::Always || size <= maxOps ||
           (uses[callee] == 1 && size <= maxSingleSiteOps);
  }

  /// Adds (+1) or takes away (-1) the function uses in `funcOp`'s body: a
  /// copy of the body adds them, erasing the function takes them away.
  void addUsesOfBody(FuncOp funcOp, const llvm::StringMap<FuncOp> &funcs, int sign) {
    auto bodyUses = ::mlir::SymbolTable::getSymbolUses(&funcOp.getBody());
    if (!bodyUses)
      return;
    for (const ::mlir::SymbolTable::SymbolUse &use : *bodyUses)
      if (FuncOp target = funcs.lookup(use.getSymbolRef().getRootReference().getValue()))
        uses[target] += sign;
  }

  /// `functions` ordered so that every function comes after the functions
  /// it calls, except along cycles (iterative: call chains can be deep).
  static SmallVector<Operation *> postOrder(ArrayRef<Operation *> functions,
                                            const CalleeMap &callees) {
    SmallVector<Operation *> order;
    llvm::DenseSet<Operation *> seen;
    SmallVector<std::pair<Operation *, unsigned>> stack;
    for (Operation *root : functions) {
      if (!seen.insert(root).second)
        continue;
      stack.push_back({root, 0});
      while (!stack.empty()) {
        auto &[function, next] = stack.back();
        auto it = callees.find(function);
        if (it != callees.end() && next < it->second.size()) {
          Operation *callee = it->second[next++];
          if (seen.insert(callee).second)
            stack.push_back({callee, 0});
          continue;
        }
        order.push_back(function);
        stack.pop_back();
      }
    }
    return order;
  }

  /// Symbol uses of each function still in the module.
  llvm::DenseMap<Operation *, unsigned> uses;
  /// Each function's size with its qualifying callees inlined.
  llvm::DenseMap<Operation *, unsigned> sizes;
  /// The functions whose calls are inlined.
  llvm::DenseSet<Operation *> inlines;
  /// The functions of one block once their callees are inlined.
  llvm::DenseSet<Operation *> oneBlockFunctions;

  /// Uses of each symbol of `moduleOp`, by root name, from one walk of its
  /// body (the Operation overload would stop at the module, a symbol table).
  static llvm::StringMap<unsigned> countSymbolUses(Operation *moduleOp) {
    llvm::StringMap<unsigned> counts;
    if (auto uses = ::mlir::SymbolTable::getSymbolUses(&moduleOp->getRegion(0)))
      for (const ::mlir::SymbolTable::SymbolUse &use : *uses)
        ++counts[use.getSymbolRef().getRootReference().getValue()];
    return counts;
  }

  /// Wraps (or unwraps) the location of every op in `funcOp`'s body in a
  /// NameLoc naming the function; the copies inlineCall makes carry it.
  static void setLocationNames(FuncOp funcOp, bool named) {
    StringAttr name = funcOp.getSymNameAttr();
    auto rename = [&](Location loc) -> Location {
      if (!named) {
        auto nameLoc = dyn_cast<NameLoc>(loc);
        return nameLoc && nameLoc.getName() == name ? nameLoc.getChildLoc() : loc;
      }
      return NameLoc::get(name, loc);
    };
    funcOp.getBody().walk([&](Operation *op) { op->setLoc(rename(op->getLoc())); });
    for (Block &block : funcOp.getBody())
      for (BlockArgument arg : block.getArguments())
        arg.setLoc(rename(arg.getLoc()));
  }
};

} // namespace
