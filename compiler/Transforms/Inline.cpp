//===- Inline.cpp - Inline small private vm functions ---------------------===//
//
// A `vm.call` to a private function with a body is inlined when the callee
//  - is not marked `noinline` and its `inlining_policy` does not say never,
//  - cannot reach itself through calls (no recursion), and
//  - is small (at most max-ops ops), or is called from one site only (at
//    most max-single-site-ops ops), or its `inlining_policy` says always.
// Functions are visited callees first (bottom-up over the call graph), so a
// callee's body is final when its callers take it: one walk of each
// function, and a callee's last use moves its body instead of copying it.
// That keeps the pass linear in the module on a call chain of any depth. A
// private callee left without uses is erased. The splicing is
// upstream's mlir::inlineCall with the vm dialect's inliner interface (which
// turns vm.return into branches). Inlined ops keep the name of the function
// they came from: the callee side of their CallSiteLoc is a NameLoc with the
// callee's name, so stack traces can show inlined code as frames of its own.
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

/// The number of ops in a function body, terminators included.
unsigned countOps(FuncOp funcOp) {
  unsigned count = 0;
  funcOp.getBody().walk([&](Operation *) { ++count; });
  return count;
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

    // Uses of each function: all symbol uses (exports, call.yieldable, ...
    // keep a callee alive) and, among them, the vm.call sites. Kept up to
    // date as bodies are cloned and callees erased, so no step walks the
    // whole module again.
    llvm::StringMap<unsigned> allUses = countSymbolUses(moduleOp);
    for (auto &entry : funcs) {
      FuncOp funcOp = entry.second;
      uses[funcOp] = allUses.lookup(entry.first());
    }

    InlinerInterface interface(&getContext());
    llvm::DenseSet<Operation *> named;
    // Callees before their callers: a callee's body is final when its first
    // caller takes it, so each function is walked once and nothing is
    // inlined into a body that is about to be copied again.
    for (Operation *function : postOrder(functions, callees)) {
      auto caller = cast<FuncOp>(function);
      SmallVector<CallOp> calls;
      caller.walk([&](CallOp call) { calls.push_back(call); });
      for (CallOp call : calls) {
        FuncOp callee = funcs.lookup(call.getCallee());
        if (!callee || callee == caller || !shouldInline(callee, recursive))
          continue;
        if (named.insert(callee).second)
          setLocationNames(callee, /*named=*/true);
        // The last use moves the body instead of copying it.
        bool last = uses[callee] == 1;
        if (!last)
          addUsesOfBody(callee, funcs, +1);
        if (failed(inlineCall(interface, cloneCallee, call,
                              cast<CallableOpInterface>(callee.getOperation()), &callee.getBody(),
                              /*shouldCloneInlinedRegion=*/!last))) {
          if (!last)
            addUsesOfBody(callee, funcs, -1);
          continue;
        }
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

  /// Whether calls to `callee` (whose body is final) are inlined.
  bool shouldInline(FuncOp callee, const llvm::DenseSet<Operation *> &recursive) {
    if (!callee.isPrivate() || callee.isExternal() || callee.getSymName() == kInitFunctionName)
      return false;
    Policy policy = getPolicy(callee);
    if (policy == Policy::Never || recursive.contains(callee))
      return false;
    if (policy == Policy::Always)
      return true;
    auto [it, inserted] = sizes.try_emplace(callee, 0);
    if (inserted)
      it->second = countOps(callee);
    return it->second <= maxOps || (uses[callee] == 1 && it->second <= maxSingleSiteOps);
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
  /// Body sizes of the callees asked about (final when first asked).
  llvm::DenseMap<Operation *, unsigned> sizes;

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
