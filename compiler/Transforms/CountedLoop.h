//===- CountedLoop.h - The loops scf.for leaves, once in vm ------*- C++ -*-===//
//
// The loop shape vm-version-loops and vm-prepay-loop-fuel work on: an
// innermost loop with an integer induction variable, a loop-invariant bound
// and a positive constant step, whose only way out is its header's test.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_COUNTEDLOOP_H
#define KILN_COMPILER_TRANSFORMS_COUNTEDLOOP_H

#include "mlir/IR/Block.h"
#include "mlir/IR/Dominance.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

namespace mlir::kiln::vm {

/// A loop as upstream's scf.for lowering leaves it, once in vm:
///   P...: br H(lb, ...)
///   H(iv, ...): %c = vm.cmp.lt.iN.s %iv, %ub; vm.cond_br %c, B..., E
///   ... body blocks, the latch ending in br H(vm.add.iN %iv, STEP, ...)
/// with N 32 or 64, STEP a positive constant, `ub` defined outside the
/// loop, H -> E its only way out and no other loop inside. H may be entered
/// from any number of blocks outside the loop.
struct CountedLoop {
  Block *header = nullptr;
  Block *latch = nullptr;
  Block *exit = nullptr;
  unsigned ivIndex = 0;
  unsigned bitWidth = 64; // of the induction variable: 32 or 64
  Value ub;
  int64_t step = 0;
  llvm::SetVector<Block *> blocks; // in region order, header first
};

/// The counted loop `header` heads, if any.
std::optional<CountedLoop> matchCountedLoop(Block *header, DominanceInfo &dom);

/// True when `v` is defined in one of `blocks` (a block argument or an op's
/// result).
inline bool definedIn(Value v, const llvm::SetVector<Block *> &blocks) {
  return blocks.contains(v.getParentBlock());
}

/// Calls `transform` on each loop of `body` that `match(Block *,
/// DominanceInfo &)` finds (an std::optional), one loop at a time: a
/// transform adds blocks and changes dominance, so the body is searched
/// again after each, and no block a transform added is a candidate.
template <typename Match, typename Transform>
void transformLoopsOneAtATime(Region &body, Match match, Transform transform) {
  if (body.empty())
    return;
  llvm::SmallPtrSet<Block *, 16> done;
  while (true) {
    DominanceInfo dom(body.getParentOp());
    decltype(match(std::declval<Block *>(), dom)) found;
    for (Block &b : body) {
      if (!done.insert(&b).second)
        continue;
      if ((found = match(&b, dom)))
        break;
    }
    if (!found)
      return;
    llvm::SmallPtrSet<Block *, 16> before;
    for (Block &b : body)
      before.insert(&b);
    transform(*found);
    for (Block &b : body)
      if (!before.contains(&b))
        done.insert(&b);
  }
}

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_TRANSFORMS_COUNTEDLOOP_H
