//===- Inline.cpp - Inline small private vm functions ---------------------===//
//
// A `vm.call` to a private function with a body is inlined when the callee
//  - is not marked `noinline` and its `inlining_policy` does not say never,
//  - cannot reach itself through calls (no recursion), and
//  - is small (at most max-ops ops), or is called from one site only (at
//    most max-single-site-ops ops), or its `inlining_policy` says always.
// Rounds repeat until nothing changes, so inlining a callee can expose its
// own callees. A private callee left without uses is erased. The splicing is
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
    for (int round = 0; round < 16; ++round)
      if (!runRound())
        break;
  }

  /// One round over the module; true when something was inlined.
  bool runRound() {
    kiln::vm::ModuleOp moduleOp = getOperation();
    llvm::StringMap<FuncOp> funcs;
    for (FuncOp funcOp : moduleOp.getBlock().getOps<FuncOp>())
      funcs[funcOp.getSymName()] = funcOp;

    // Call sites per callee and direct callees per function (any call op).
    llvm::DenseMap<Operation *, SmallVector<CallOp>> callSites;
    CalleeMap callees;
    llvm::DenseMap<Operation *, unsigned> symbolUses;
    for (FuncOp funcOp : moduleOp.getBlock().getOps<FuncOp>()) {
      funcOp.walk([&](CallOpInterface call) {
        auto ref = llvm::dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
        if (!ref)
          return;
        auto it = funcs.find(ref.getRootReference().getValue());
        if (it == funcs.end())
          return;
        callees[funcOp].push_back(it->second);
        if (auto callOp = dyn_cast<CallOp>(call.getOperation()))
          callSites[it->second].push_back(callOp);
      });
    }
    // Uses that are not vm.call (exports, call.yieldable, ...) keep a callee.
    // Counted in one walk of the module: a query per function would make the
    // pass quadratic in the number of functions.
    llvm::StringMap<unsigned> useCounts = countSymbolUses(moduleOp);
    for (auto &entry : funcs)
      symbolUses[entry.second] = useCounts.lookup(entry.first());

    SmallVector<Operation *> functions;
    for (FuncOp funcOp : moduleOp.getBlock().getOps<FuncOp>())
      functions.push_back(funcOp);
    llvm::DenseSet<Operation *> recursive = findRecursiveFunctions(functions, callees);
    auto reachesItself = [&](Operation *start) { return recursive.contains(start); };

    // Pick the callees to inline this round, in module order.
    SmallVector<FuncOp> chosen;
    for (FuncOp callee : moduleOp.getBlock().getOps<FuncOp>()) {
      if (!callee.isPrivate() || callee.isExternal() || callee.getSymName() == kInitFunctionName)
        continue;
      auto sites = callSites.lookup(callee);
      if (sites.empty())
        continue;
      Policy policy = getPolicy(callee);
      if (policy == Policy::Never || reachesItself(callee))
        continue;
      unsigned size = countOps(callee);
      bool singleSite = sites.size() == 1 && symbolUses[callee] == 1;
      if (policy == Policy::Always || size <= maxOps || (singleSite && size <= maxSingleSiteOps))
        chosen.push_back(callee);
    }
    if (chosen.empty())
      return false;

    InlinerInterface interface(&getContext());
    bool changed = false;
    for (FuncOp callee : chosen) {
      setLocationNames(callee, /*named=*/true);
      for (CallOp call : callSites.lookup(callee)) {
        // When the caller is itself a chosen callee already inlined this
        // round, its copies keep the call; the next round takes those.
        if (failed(inlineCall(interface, cloneCallee, call,
                              cast<CallableOpInterface>(callee.getOperation()), &callee.getBody(),
                              /*shouldCloneInlinedRegion=*/true)))
          continue;
        if (call->use_empty())
          call.erase();
        changed = true;
      }
    }
    // Erased only now: call sites collected above may sit in these bodies.
    llvm::StringMap<unsigned> remainingUses = countSymbolUses(moduleOp);
    for (FuncOp callee : chosen) {
      if (remainingUses.lookup(callee.getSymName()) == 0)
        callee.erase();
      else
        setLocationNames(callee, /*named=*/false);
    }
    return changed;
  }

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
