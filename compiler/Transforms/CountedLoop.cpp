//===- CountedLoop.cpp - The loops scf.for leaves, once in vm -------------===//

#include "compiler/Transforms/CountedLoop.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace mlir::kiln::vm {

namespace {

std::optional<int64_t> constantOf(Value v) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

/// The induction variable `cmp` tests and its bound, for the i32 and the
/// i64 signed less-than.
template <typename CmpOp> std::optional<std::pair<BlockArgument, Value>> testOf(Value cond) {
  auto cmp = cond.getDefiningOp<CmpOp>();
  auto iv = cmp ? dyn_cast<BlockArgument>(cmp.getLhs()) : BlockArgument();
  if (!iv)
    return std::nullopt;
  return std::make_pair(iv, cmp.getRhs());
}

/// The constant `next` adds to `iv`, for the i32 and the i64 add.
template <typename AddOp> std::optional<int64_t> stepOf(Value next, Value iv) {
  auto add = next.getDefiningOp<AddOp>();
  if (!add || (add.getLhs() != iv && add.getRhs() != iv))
    return std::nullopt;
  return constantOf(add.getLhs() == iv ? add.getRhs() : add.getLhs());
}

} // namespace

std::optional<CountedLoop> matchCountedLoop(Block *header, DominanceInfo &dom) {
  CountedLoop loop;
  loop.header = header;
  if (header->isEntryBlock())
    return std::nullopt;
  // One latch: the one predecessor the header dominates.
  for (Block *p : llvm::SetVector<Block *>(header->pred_begin(), header->pred_end())) {
    if (!dom.dominates(header, p))
      continue;
    if (loop.latch)
      return std::nullopt;
    loop.latch = p;
  }
  if (!loop.latch || loop.latch == header)
    return std::nullopt;

  auto condBr = dyn_cast<CondBranchOp>(header->getTerminator());
  if (!condBr)
    return std::nullopt;
  auto test = testOf<CmpLTI64SOp>(condBr.getCondition());
  if (!test) {
    test = testOf<CmpLTI32SOp>(condBr.getCondition());
    loop.bitWidth = 32;
  }
  if (!test || test->first.getOwner() != header)
    return std::nullopt;
  BlockArgument iv = test->first;
  loop.ivIndex = iv.getArgNumber();
  loop.ub = test->second;
  loop.exit = condBr.getFalseDest();
  if (loop.exit == header || condBr.getTrueDest() == loop.exit)
    return std::nullopt;

  // The latch steps the induction variable by a positive constant.
  auto latchBr = dyn_cast<BranchOp>(loop.latch->getTerminator());
  if (!latchBr)
    return std::nullopt;
  Value next = latchBr.getDestOperands()[loop.ivIndex];
  std::optional<int64_t> step =
      loop.bitWidth == 64 ? stepOf<AddI64Op>(next, iv) : stepOf<AddI32Op>(next, iv);
  if (!step || *step <= 0)
    return std::nullopt;
  loop.step = *step;

  // The natural loop of the back edge; its only way out is H -> E.
  SmallVector<Block *> work{loop.latch};
  llvm::SmallPtrSet<Block *, 16> inLoop{header};
  while (!work.empty()) {
    Block *b = work.pop_back_val();
    if (!inLoop.insert(b).second)
      continue;
    for (Block *p : b->getPredecessors())
      work.push_back(p);
  }
  for (Block &b : *header->getParent())
    if (inLoop.contains(&b))
      loop.blocks.insert(&b);
  for (Block *b : loop.blocks) {
    if (b != header &&
        llvm::any_of(b->getPredecessors(), [&](Block *p) { return !inLoop.contains(p); }))
      return std::nullopt;
    for (Block *s : b->getSuccessors()) {
      if (s == loop.exit && b == header)
        continue;
      if (!inLoop.contains(s))
        return std::nullopt;
      // Innermost: the only back edge is the latch's.
      if (dom.dominates(s, b) && !(s == header && b == loop.latch))
        return std::nullopt;
    }
  }
  if (definedIn(loop.ub, loop.blocks))
    return std::nullopt;
  return loop;
}

} // namespace mlir::kiln::vm
