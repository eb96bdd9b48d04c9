//===- ValueLiveness.h - Liveness of SSA values over a CFG ------*- C++ -*-===//
//
// Block-level live-in/live-out sets and a linear numbering of the region that
// register allocation uses for live intervals. Reads are the ones the
// target reports (OperandReads), so folded or fused operands do not keep
// values alive.
//
// Numbering: blocks in region order; block `b` owns one slot for its start
// (where its arguments are defined) and one per op. Slot `i` has two points:
// 2i (operands are read) and 2i+1 (results are written), so an op's result
// may share a register with an operand whose last use is that op.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_VALUELIVENESS_H
#define KILN_COMPILER_ANALYSIS_VALUELIVENESS_H

#include "compiler/Analysis/OperandReads.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"

namespace mlir::kiln {

class ValueLiveness {
public:
  /// A closed range of points [start, end] covering every point where the
  /// value is live (a hull: holes are included).
  struct Interval {
    uint32_t start = 0;
    uint32_t end = 0;
  };

  ValueLiveness(Region &body, const OperandReads &plan);

  unsigned getValueIndex(Value value) const { return valueIndex.lookup(value); }
  Value getValue(unsigned index) const { return values[index]; }
  unsigned getNumValues() const { return values.size(); }

  bool isLiveIn(Block *block, Value value) const {
    return llvm::binary_search(getLiveIn(block), getValueIndex(value));
  }
  bool isLiveOut(Block *block, Value value) const {
    return llvm::binary_search(getLiveOut(block), getValueIndex(value));
  }
  /// Indices (getValueIndex) of the values live into / out of `block`,
  /// ascending. Sparse: the sets are as large as what is live there, not as
  /// the function, so long functions with many blocks stay linear.
  ArrayRef<unsigned> getLiveIn(Block *block) const { return liveIn[blockIndex.lookup(block)]; }
  ArrayRef<unsigned> getLiveOut(Block *block) const { return liveOut[blockIndex.lookup(block)]; }

  /// True when `op` (in its block) is the last reader of `value`: nothing
  /// after it in the block reads it and it is not live out of the block.
  bool isLastUse(Operation *op, Value value) const;

  /// True when nothing ever reads `value`.
  bool isUnused(Value value) const { return unused.test(getValueIndex(value)); }

  Interval getInterval(Value value) const { return intervals[getValueIndex(value)]; }
  /// The exact live ranges of `value` (one per block it is live in), sorted:
  /// unlike the hull these leave out the holes, e.g. a loop body a value
  /// only needs to cross on the way to the loop exit.
  ArrayRef<Interval> getRanges(Value value) const { return ranges[getValueIndex(value)]; }
  /// Point at which `op`'s operands are read.
  uint32_t getReadPoint(Operation *op) const { return 2 * slots.lookup(op); }
  uint32_t getBlockStartPoint(Block *block) const {
    return 2 * blockStartSlot[blockIndex.lookup(block)] + 1;
  }

private:
  SmallVector<Value> values;
  llvm::DenseMap<Value, unsigned> valueIndex;
  llvm::DenseMap<Block *, unsigned> blockIndex;
  SmallVector<Block *> blocks;
  llvm::DenseMap<Operation *, uint32_t> slots;
  SmallVector<uint32_t> blockStartSlot;
  SmallVector<SmallVector<unsigned, 4>> liveIn, liveOut;
  SmallVector<Interval> intervals;
  SmallVector<SmallVector<Interval, 2>> ranges;
  llvm::BitVector unused;
  // (op, value) pairs where op is the last reader of value.
  llvm::DenseSet<std::pair<Operation *, unsigned>> lastUses;
};

} // namespace mlir::kiln

#endif // KILN_COMPILER_ANALYSIS_VALUELIVENESS_H
