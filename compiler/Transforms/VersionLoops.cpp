//===- VersionLoops.cpp - Range-checked loop copies for the native forms --===//
//
// The --vm-version-loops pass (Passes.td): an innermost loop whose
// buffer element accesses have indices affine in its induction variable is
// given a copy whose accesses carry `in_range`, and a check before it that
// compares each access's index at the first and the last iteration with the
// buffer's length. The copy runs when every index is in range, the original
// (every access checked, failing as before) otherwise.
//
// Why the endpoints suffice. The loop computes an index with wrapping i64
// arithmetic from values that do not change in the loop and the induction
// variable; over the integers that index is an affine, hence monotone,
// function of the induction variable. The check evaluates it exactly (an
// add, subtract or multiply that could leave the i64 range sends the loop
// to the checked copy) at lb and at ub - 1, the ends of the range the
// induction variable stays in; when both lie in [0, elements), every
// iteration's exact index does too, and so the wrapped value the loop
// computes equals it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "compiler/Transforms/CountedLoop.h"

#include "dialects/vm/VMAttributeNames.h"
#include "dialects/vm/VMTraits.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMVERSIONLOOPSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

using Loop = CountedLoop;

std::optional<int64_t> constantOf(Value v) {
  APInt value;
  if (matchPattern(v, m_ConstantInt(&value)))
    return value.getSExtValue();
  return std::nullopt;
}

/// A counted loop with an i64 induction variable, entered from one block
/// outside it, whose exit block is entered from its header alone (so that
/// values leaving the loop can be routed through the exit's arguments).
std::optional<Loop> matchLoop(Block *header, DominanceInfo &dom) {
  std::optional<Loop> loop = matchCountedLoop(header, dom);
  if (!loop || loop->bitWidth != 64 || loop->exit->getSinglePredecessor() != header)
    return std::nullopt;
  if (llvm::SetVector<Block *>(header->pred_begin(), header->pred_end()).size() != 2)
    return std::nullopt;
  return loop;
}

/// Values the loop computes an index from.
enum class Shape { Invariant, Affine, Other };

/// A buffer the check may read the length of: one that holds a buffer or
/// null by construction (vm.buffer.length fails on a ref of another type,
/// which a function argument may be).
bool isBufferOrNull(Value buffer) {
  Operation *def = buffer.getDefiningOp();
  return def && isa<ListGetRefOp, BufferAllocOp, BufferCloneOp, CastAnyRefOp, GlobalLoadRefOp,
                    ConstRefZeroOp, ConstRefRodataOp>(def);
}

unsigned elementBytes(Operation *op) {
  if (isa<BufferLoadI8SOp, BufferLoadI8UOp, BufferStoreI8Op>(op))
    return 1;
  if (isa<BufferLoadI16SOp, BufferLoadI16UOp, BufferStoreI16Op>(op))
    return 2;
  if (isa<BufferLoadI64Op, BufferLoadF64Op, BufferStoreI64Op, BufferStoreF64Op>(op))
    return 8;
  return 4;
}

class Versioner {
public:
  Versioner(Loop &loop) : loop(loop) {}

  Shape shapeOf(Value v) {
    if (v == iv())
      return Shape::Affine;
    if (!definedIn(v, loop.blocks))
      return Shape::Invariant;
    auto it = shapes.find(v);
    if (it != shapes.end())
      return it->second;
    Shape s = computeShape(v);
    shapes[v] = s;
    return s;
  }

  /// Versions the loop when at least one access qualifies.
  bool run() {
    SmallVector<Operation *> accesses;
    for (Block *b : loop.blocks)
      for (Operation &op : *b)
        if (op.hasTrait<BufferElementAccess>() && !op.hasAttr(kInRangeAttrName) &&
            !definedIn(op.getOperand(0), loop.blocks) && isBufferOrNull(op.getOperand(0)) &&
            shapeOf(op.getOperand(1)) != Shape::Other)
          accesses.push_back(&op);
    if (accesses.empty())
      return false;
    routeExitValues();
    Block *header = loop.header;
    Region &region = *header->getParent();
    Location loc = header->getTerminator()->getLoc();
    OpBuilder b(header->getParentOp()->getContext());

    // New blocks go after every existing one, so the ops of the function
    // keep their positions (the native forms' traces number ops by them):
    // the guard, the check, then the copy.
    SmallVector<Type> argTypes(header->getArgumentTypes());
    SmallVector<Location> argLocs;
    for (BlockArgument a : header->getArguments())
      argLocs.push_back(a.getLoc());
    Block *guard = b.createBlock(&region, region.end(), argTypes, argLocs);
    Block *check = b.createBlock(&region, region.end());
    IRMapping map;
    SmallVector<Block *> copies;
    for (Block *blk : loop.blocks) {
      Block *copy = new Block();
      region.push_back(copy);
      for (BlockArgument a : blk->getArguments())
        map.map(a, copy->addArgument(a.getType(), a.getLoc()));
      map.map(blk, copy);
      copies.push_back(copy);
    }
    for (auto [blk, copy] : llvm::zip_equal(loop.blocks, copies)) {
      b.setInsertionPointToEnd(copy);
      for (Operation &op : *blk)
        b.clone(op, map);
    }
    for (Operation *op : accesses)
      map.lookup(op)->setAttr(kInRangeAttrName, b.getUnitAttr());

    // The guard: null buffers and empty loops take the original; then the
    // check: every access's index at both ends against its buffer.
    for (Block *p : llvm::SetVector<Block *>(header->pred_begin(), header->pred_end())) {
      if (loop.blocks.contains(p) || p == guard || p == check)
        continue;
      Operation *term = p->getTerminator();
      for (unsigned i = 0, e = term->getNumSuccessors(); i < e; ++i)
        if (term->getSuccessor(i) == header)
          term->setSuccessor(guard, i);
    }
    ValueRange args = guard->getArguments();
    Value lb = guard->getArgument(loop.ivIndex);
    b.setInsertionPointToEnd(guard);
    Value ok = CmpLTI64SOp::create(b, loc, b.getI32Type(), lb, loop.ub);
    llvm::SetVector<Value> buffers;
    for (Operation *op : accesses)
      buffers.insert(op->getOperand(0));
    for (Value buffer : buffers)
      ok = AndI32Op::create(b, loc, b.getI32Type(), ok,
                            CmpNZRefOp::create(b, loc, b.getI32Type(), buffer));
    CondBranchOp::create(b, loc, ok, check, ValueRange(), header, args);

    b.setInsertionPointToEnd(check);
    builder = &b;
    this->loc = loc;
    overflow = constI32(0);
    // The induction variable stays in [lb, ub - 1] (ub > lb here, so
    // ub - 1 does not wrap): checking there covers the last iteration
    // whatever the step. With a step above 1 the step past the last
    // iteration must not wrap either (the loop would go on).
    Value last = SubI64Op::create(b, loc, b.getI64Type(), loop.ub, constI64(1));
    if (loop.step != 1)
      (void)checkedAdd(last, constI64(loop.step));
    llvm::MapVector<std::pair<Value, unsigned>, Value> elements;
    for (Operation *op : accesses) {
      unsigned bytes = elementBytes(op);
      Value &count = elements[{op->getOperand(0), bytes}];
      if (count)
        continue;
      count = BufferLengthOp::create(b, loc, b.getI64Type(), op->getOperand(0));
      if (bytes != 1)
        count = ShrI64UOp::create(b, loc, b.getI64Type(), count, constI32(llvm::Log2_32(bytes)));
    }
    Value inRange = constI32(1);
    for (Value at : {lb, last}) {
      endpoint = at;
      values.clear();
      for (Operation *op : accesses) {
        Value index = evaluate(op->getOperand(1));
        Value count = elements.lookup({op->getOperand(0), elementBytes(op)});
        inRange = AndI32Op::create(b, loc, b.getI32Type(), inRange,
                                   CmpLTI64UOp::create(b, loc, b.getI32Type(), index, count));
      }
    }
    Value noOverflow = XorI32Op::create(b, loc, b.getI32Type(), overflow, constI32(1));
    inRange = AndI32Op::create(b, loc, b.getI32Type(), inRange, noOverflow);
    CondBranchOp::create(b, loc, inRange, map.lookup(header), args, header, args);
    return true;
  }

private:
  Value iv() { return loop.header->getArgument(loop.ivIndex); }

  Shape combine(Shape a, Shape b) {
    if (a == Shape::Other || b == Shape::Other)
      return Shape::Other;
    return a == Shape::Affine || b == Shape::Affine ? Shape::Affine : Shape::Invariant;
  }

  Shape product(Shape a, Shape b) {
    if (a == Shape::Invariant)
      return b;
    if (b == Shape::Invariant)
      return a;
    return Shape::Other;
  }

  Shape computeShape(Value v) {
    Operation *op = v.getDefiningOp();
    if (!op)
      return Shape::Other; // a block argument of the loop carried around it
    if (isa<AddI64Op, SubI64Op>(op))
      return combine(shapeOf(op->getOperand(0)), shapeOf(op->getOperand(1)));
    if (isa<MulI64Op>(op))
      return product(shapeOf(op->getOperand(0)), shapeOf(op->getOperand(1)));
    if (isa<FMAI64Op>(op))
      return combine(product(shapeOf(op->getOperand(0)), shapeOf(op->getOperand(1))),
                     shapeOf(op->getOperand(2)));
    // Any other op computes a loop-invariant value when it cannot fail,
    // has no effects and reads only loop-invariant values: the check
    // computes it again, exactly as the loop does.
    if (op->getNumRegions() == 0 && isMemoryEffectFree(op) && !op->hasTrait<MayFail>() &&
        op->getNumResults() == 1 &&
        llvm::all_of(op->getOperands(), [&](Value o) { return shapeOf(o) == Shape::Invariant; }))
      return Shape::Invariant;
    return Shape::Other;
  }

  Value constI64(int64_t v) {
    return ConstI64Op::create(*builder, loc, builder->getI64IntegerAttr(v));
  }

  Value constI32(int32_t v) {
    return ConstI32Op::create(*builder, loc, builder->getI32IntegerAttr(v));
  }

  /// Records a possible overflow (an i32 0 or 1) in the check.
  void flag(Value i32Condition) {
    overflow = OrI32Op::create(*builder, loc, builder->getI32Type(), overflow, i32Condition);
  }

  /// Flags an overflow when (x1 ^ y1) & (x2 ^ y2) is negative: the sign
  /// test of a wrapped add or subtract.
  void flagSignTest(Value x1, Value y1, Value x2, Value y2) {
    OpBuilder &b_ = *builder;
    Type i64 = b_.getI64Type();
    Value both = AndI64Op::create(b_, loc, i64, XorI64Op::create(b_, loc, i64, x1, y1),
                                  XorI64Op::create(b_, loc, i64, x2, y2));
    flag(CmpLTI64SOp::create(b_, loc, b_.getI32Type(), both, constI64(0)));
  }

  /// a + b, flagging signed overflow: ((a ^ r) & (b ^ r)) < 0.
  Value checkedAdd(Value a, Value b) {
    Value r = AddI64Op::create(*builder, loc, builder->getI64Type(), a, b);
    flagSignTest(a, r, b, r);
    return r;
  }

  /// a - b, flagging signed overflow: ((a ^ b) & (a ^ r)) < 0.
  Value checkedSub(Value a, Value b) {
    Value r = SubI64Op::create(*builder, loc, builder->getI64Type(), a, b);
    flagSignTest(a, b, a, r);
    return r;
  }

  /// a * b with both factors in [-2^31, 2^31) (else flagged): a product
  /// that cannot overflow, a conservative bound.
  Value checkedMul(Value a, Value b) {
    OpBuilder &b_ = *builder;
    Type i64 = b_.getI64Type();
    for (Value f : {a, b}) {
      std::optional<int64_t> c = constantOf(f);
      if (c && *c >= INT32_MIN && *c <= INT32_MAX)
        continue;
      Value shifted = AddI64Op::create(b_, loc, i64, f, constI64(int64_t{1} << 31));
      flag(
          CmpLTI64UOp::create(b_, loc, b_.getI32Type(), constI64((int64_t{1} << 32) - 1), shifted));
    }
    return MulI64Op::create(b_, loc, i64, a, b);
  }

  /// The exact value of an Invariant or Affine `v` with the induction
  /// variable at `endpoint`, built in the check block.
  Value evaluate(Value v) {
    if (v == iv())
      return endpoint;
    if (!definedIn(v, loop.blocks))
      return v;
    if (Value done = values.lookup(v))
      return done;
    Operation *op = v.getDefiningOp();
    Value result;
    if (shapeOf(v) == Shape::Invariant) {
      // Computed the loop's way: wrapping like it, the same value.
      IRMapping operands;
      for (Value o : op->getOperands())
        operands.map(o, evaluate(o));
      result = builder->clone(*op, operands)->getResult(0);
    } else if (isa<AddI64Op>(op)) {
      result = checkedAdd(evaluate(op->getOperand(0)), evaluate(op->getOperand(1)));
    } else if (isa<SubI64Op>(op)) {
      result = checkedSub(evaluate(op->getOperand(0)), evaluate(op->getOperand(1)));
    } else if (isa<MulI64Op>(op)) {
      result = checkedMul(evaluate(op->getOperand(0)), evaluate(op->getOperand(1)));
    } else {
      assert(isa<FMAI64Op>(op) && "an affine value of another op");
      result = checkedAdd(checkedMul(evaluate(op->getOperand(0)), evaluate(op->getOperand(1))),
                          evaluate(op->getOperand(2)));
    }
    values[v] = result;
    return result;
  }

  /// Values the loop defines and code after it uses (only the header's
  /// reach E) leave through new arguments of E, so that either copy can
  /// branch there.
  void routeExitValues() {
    auto condBr = cast<CondBranchOp>(loop.header->getTerminator());
    auto outside = [&](OpOperand &use) {
      return !loop.blocks.contains(use.getOwner()->getBlock());
    };
    SmallVector<Value> escaping;
    for (BlockArgument a : loop.header->getArguments())
      if (llvm::any_of(a.getUses(), outside))
        escaping.push_back(a);
    for (Operation &op : *loop.header)
      for (Value r : op.getResults())
        if (llvm::any_of(r.getUses(), outside))
          escaping.push_back(r);
    for (Value v : escaping) {
      BlockArgument arg = loop.exit->addArgument(v.getType(), v.getLoc());
      v.replaceUsesWithIf(arg, outside);
      condBr.getFalseDestOperandsMutable().append(v);
    }
  }

  Loop &loop;
  llvm::DenseMap<Value, Shape> shapes;
  OpBuilder *builder = nullptr;
  Location loc = UnknownLoc();
  Value overflow;
  Value endpoint;
  llvm::DenseMap<Value, Value> values;
};

struct VMVersionLoopsPass
    : public ::mlir::kiln::vm::impl::VMVersionLoopsPassBase<VMVersionLoopsPass> {
  using VMVersionLoopsPassBase::VMVersionLoopsPassBase;

  void runOnOperation() override {
    // The input's own in_range claims are not trusted.
    getOperation().walk([](Operation *op) {
      if (op->hasTrait<BufferElementAccess>())
        op->removeAttr(kInRangeAttrName);
    });
    if (!version)
      return;
    getOperation().walk([&](FuncOp func) {
      transformLoopsOneAtATime(
          func.getBody(), [&](Block *b, DominanceInfo &dom) { return matchLoop(b, dom); },
          [](Loop &loop) { Versioner(loop).run(); });
    });
  }
};

} // namespace
