//===- PrepayLoopFuel.cpp - Counted loops pay their fuel up front ---------===//
//
// The --vm-prepay-loop-fuel pass (Passes.td). Bounded native modules count
// one unit of fuel at every entry of a loop header; the call that counts it
// (and may take a new slice, or fail) keeps the C compiler from vectorizing
// or otherwise reshaping the loop. For a counted loop (CountedLoop.h) whose
// body neither calls nor yields, the pass puts a second header H' between
// the header H and the body:
//
//   H(iv, ...):  [one unit]  %c = cmp.lt %iv, %ub; cond_br %c, G(iv, ...), E
//   G(iv, ...):  %n = vm.fuel.prepay_loop %iv, %ub, %step; br H'(iv, ..., %n)
//   H'(iv, ..., %m) [fuel_prepaid: no unit]:
//                (H's ops again); cond_br %m != 0, B(...), H(iv, ...)
//   latch:       br H'(iv + step, ..., %m - 1)
//
// H still counts its unit on every entry, exactly where the loop counted
// before; G takes, from the count the function holds, one unit for each of
// the next n - 1 header entries (at most what is left of the current slice,
// and never past the loop's last iteration), and H' runs those n
// iterations without counting; then control returns to H, which counts
// the next entry. So every header entry is charged exactly once, as before
// the pass: a loop that completes is charged the same units, and fuel runs
// out (and a deadline or a cancellation is noticed, when the slice is
// refilled) at the same entry of H, with the same status and trace. The
// body cannot leave the loop except through H (CountedLoop), so nothing is
// charged for iterations that do not run, except when an op of the body
// fails: the call ends with that error and the units it prepaid for the
// iterations after it are not handed back.
//
// H's ops run again in H' (H' replaces H for the body), so the pass takes
// only headers whose ops (besides the branch) cannot fail and have no
// effects. The new blocks go after every existing one, so the function's
// ops keep their positions (the native forms' traces show them).
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Transforms/CountedLoop.h"

#include "dialects/vm/VMAttributeNames.h"
#include "dialects/vm/VMTraits.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMPREPAYLOOPFUELPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// Ops of a prepaid loop's body: none may count or hand back fuel (a call
/// passes the function's count on, an import call hands the slice back to
/// the budget) or suspend.
bool mayRunInPrepaidBody(Operation &op) {
  return !isa<CallOpInterface, YieldOp, FuelPrepayLoopOp>(op);
}

/// Ops of the header that may run again in H'.
bool mayRunTwice(Operation &op) {
  return op.getNumRegions() == 0 && isMemoryEffectFree(&op) && !op.hasTrait<MayFail>();
}

bool eligible(const CountedLoop &loop) {
  Operation *term = loop.header->getTerminator();
  if (term->hasAttr(kFuelPrepaidAttrName))
    return false;
  for (Operation &op : loop.header->without_terminator())
    if (!mayRunTwice(op))
      return false;
  for (Block *b : loop.blocks)
    for (Operation &op : *b)
      if (!mayRunInPrepaidBody(op))
        return false;
  return true;
}

void prepay(CountedLoop &loop) {
  Block *header = loop.header;
  Region &region = *header->getParent();
  auto condBr = cast<CondBranchOp>(header->getTerminator());
  Location loc = condBr.getLoc();
  OpBuilder b(condBr->getContext());
  Type i64 = b.getI64Type();

  SmallVector<Type> argTypes(header->getArgumentTypes());
  SmallVector<Location> argLocs;
  for (BlockArgument a : header->getArguments())
    argLocs.push_back(a.getLoc());
  Block *guard = b.createBlock(&region, region.end(), argTypes, argLocs);
  argTypes.push_back(i64);
  argLocs.push_back(loc);
  Block *inner = b.createBlock(&region, region.end(), argTypes, argLocs);
  ValueRange innerArgs = inner->getArguments().drop_back();
  Value left = inner->getArguments().back();

  // G: the iterations to run before H counts again.
  b.setInsertionPointToEnd(guard);
  Value iv = guard->getArgument(loop.ivIndex), ub = loop.ub;
  if (loop.bitWidth == 32) {
    iv = ExtI32I64SOp::create(b, loc, i64, iv);
    ub = ExtI32I64SOp::create(b, loc, i64, ub);
  }
  Value step = ConstI64Op::create(b, loc, b.getI64IntegerAttr(loop.step));
  Value n = FuelPrepayLoopOp::create(b, loc, i64, iv, ub, step);
  SmallVector<Value> enter(guard->getArguments());
  enter.push_back(n);
  BranchOp::create(b, loc, inner, enter);

  // H': H's ops again, then the countdown.
  b.setInsertionPointToEnd(inner);
  IRMapping map;
  for (auto [a, copy] : llvm::zip_equal(header->getArguments(), innerArgs))
    map.map(a, copy);
  for (Operation &op : header->without_terminator())
    b.clone(op, map);
  Value go = CmpNZI64Op::create(b, loc, b.getI32Type(), left);
  Value rest =
      SubI64Op::create(b, loc, i64, left, ConstI64Op::create(b, loc, b.getI64IntegerAttr(1)));
  SmallVector<Value> body;
  for (Value v : condBr.getTrueDestOperands())
    body.push_back(map.lookupOrDefault(v));
  auto innerBr = CondBranchOp::create(b, loc, go, condBr.getTrueDest(), body, header, innerArgs);
  innerBr->setAttr(kFuelPrepaidAttrName, b.getUnitAttr());

  // The body reads H's values from H' now.
  auto inBody = [&](OpOperand &use) {
    Block *user = use.getOwner()->getBlock();
    return user != header && loop.blocks.contains(user);
  };
  for (BlockArgument a : header->getArguments())
    a.replaceUsesWithIf(map.lookup(a), inBody);
  for (Operation &op : header->without_terminator())
    for (Value r : op.getResults())
      r.replaceUsesWithIf(map.lookup(r), inBody);

  // H enters the body through G; the latch goes back to H'.
  condBr.getTrueDestOperandsMutable().assign(header->getArguments());
  condBr->setSuccessor(guard, 0);
  auto latchBr = cast<BranchOp>(loop.latch->getTerminator());
  SmallVector<Value> again(latchBr.getDestOperands());
  again.push_back(rest);
  b.setInsertionPoint(latchBr);
  BranchOp::create(b, latchBr.getLoc(), inner, again);
  latchBr.erase();

  // H's ops the body does not read (its test, usually) are dropped from H'.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*inner)))
    if (!op.hasTrait<OpTrait::IsTerminator>() && op.use_empty())
      op.erase();
}

struct VMPrepayLoopFuelPass
    : public ::mlir::kiln::vm::impl::VMPrepayLoopFuelPassBase<VMPrepayLoopFuelPass> {
  using VMPrepayLoopFuelPassBase::VMPrepayLoopFuelPassBase;

  void runOnOperation() override {
    // The input's own claims are not trusted.
    getOperation().walk([](CondBranchOp op) { op->removeAttr(kFuelPrepaidAttrName); });
    if (!enable)
      return;
    getOperation().walk([&](FuncOp func) {
      transformLoopsOneAtATime(
          func.getBody(),
          [&](Block *b, DominanceInfo &dom) {
            std::optional<CountedLoop> loop = matchCountedLoop(b, dom);
            return loop && eligible(*loop) ? loop : std::nullopt;
          },
          [&](CountedLoop &loop) { prepay(loop); });
    });
  }
};

} // namespace
