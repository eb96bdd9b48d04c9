//===- ValueLiveness.cpp - Liveness of SSA values over a CFG --------------===//

#include "compiler/Analysis/ValueLiveness.h"

#include "mlir/IR/Operation.h"

namespace mlir::kiln {

ValueLiveness::ValueLiveness(Region &body, const BytecodePlan &plan) {
  // Number values, blocks and slots.
  uint32_t slot = 0;
  for (auto [index, block] : llvm::enumerate(body)) {
    blockIndex[&block] = index;
    blockStartSlot.push_back(slot++);
    for (BlockArgument arg : block.getArguments()) {
      valueIndex[arg] = values.size();
      values.push_back(arg);
    }
    for (Operation &op : block) {
      slots[&op] = slot++;
      for (Value result : op.getResults()) {
        valueIndex[result] = values.size();
        values.push_back(result);
      }
    }
  }
  unsigned numValues = values.size();
  unsigned numBlocks = blockStartSlot.size();

  // Per-block upward-exposed uses and definitions.
  SmallVector<llvm::BitVector> gen(numBlocks, llvm::BitVector(numValues));
  SmallVector<llvm::BitVector> kill(numBlocks, llvm::BitVector(numValues));
  unused = llvm::BitVector(numValues, true);
  SmallVector<Value> reads;
  for (Block &block : body) {
    unsigned b = blockIndex[&block];
    for (BlockArgument arg : block.getArguments())
      kill[b].set(valueIndex[arg]);
    for (Operation &op : block) {
      reads.clear();
      plan.getReads(&op, reads);
      for (Value value : reads) {
        unsigned v = valueIndex.lookup(value);
        unused.reset(v);
        if (!kill[b].test(v))
          gen[b].set(v);
      }
      for (Value result : op.getResults())
        kill[b].set(valueIndex[result]);
    }
  }

  // Backward dataflow to a fixed point: in = gen | (out - kill),
  // out = union of successors' in.
  liveIn.assign(numBlocks, llvm::BitVector(numValues));
  liveOut.assign(numBlocks, llvm::BitVector(numValues));
  SmallVector<Block *> order;
  for (Block &block : body)
    order.push_back(&block);
  bool changed = true;
  while (changed) {
    changed = false;
    for (Block *block : llvm::reverse(order)) {
      unsigned b = blockIndex[block];
      llvm::BitVector out(numValues);
      for (Block *succ : block->getSuccessors())
        out |= liveIn[blockIndex[succ]];
      llvm::BitVector in = out;
      in.reset(kill[b]);
      in |= gen[b];
      if (in != liveIn[b] || out != liveOut[b]) {
        liveIn[b] = std::move(in);
        liveOut[b] = std::move(out);
        changed = true;
      }
    }
  }

  // Intervals (hulls) and last uses.
  intervals.assign(numValues, Interval{UINT32_MAX, 0});
  ranges.assign(numValues, {});
  auto extend = [&](unsigned v, uint32_t point) {
    intervals[v].start = std::min(intervals[v].start, point);
    intervals[v].end = std::max(intervals[v].end, point);
  };
  for (Block &block : body) {
    unsigned b = blockIndex[&block];
    uint32_t startPoint = 2 * blockStartSlot[b] + 1;
    uint32_t endPoint =
        block.empty() ? startPoint : 2 * slots[&block.back()] + 1;
    for (BlockArgument arg : block.getArguments())
      extend(valueIndex[arg], startPoint);
    for (unsigned v : liveIn[b].set_bits())
      extend(v, startPoint);
    for (unsigned v : liveOut[b].set_bits())
      extend(v, endPoint);

    llvm::BitVector live = liveOut[b];
    llvm::DenseMap<unsigned, uint32_t> lastRead;
    SmallVector<std::pair<unsigned, uint32_t>> defs;
    for (BlockArgument arg : block.getArguments())
      defs.push_back({valueIndex[arg], startPoint});
    for (Operation &op : llvm::reverse(block)) {
      uint32_t opSlot = slots[&op];
      for (Value result : op.getResults()) {
        unsigned v = valueIndex[result];
        extend(v, 2 * opSlot + 1);
        defs.push_back({v, 2 * opSlot + 1});
        live.reset(v);
      }
      reads.clear();
      plan.getReads(&op, reads);
      for (Value value : reads) {
        unsigned v = valueIndex.lookup(value);
        extend(v, 2 * opSlot);
        lastRead.try_emplace(v, 2 * opSlot);
        if (!live.test(v))
          lastUses.insert({&op, v});
      }
      for (Value value : reads)
        live.set(valueIndex.lookup(value));
    }

    // Exact ranges within this block.
    for (unsigned v : liveIn[b].set_bits()) {
      uint32_t end = liveOut[b].test(v) ? endPoint : lastRead.lookup(v);
      ranges[v].push_back({startPoint, std::max(end, startPoint)});
    }
    for (auto [v, def] : defs) {
      uint32_t end = def;
      if (liveOut[b].test(v))
        end = endPoint;
      else if (auto it = lastRead.find(v); it != lastRead.end())
        end = std::max(def, it->second);
      ranges[v].push_back({def, end});
    }
  }
  for (auto &valueRanges : ranges)
    llvm::sort(valueRanges, [](const Interval &a, const Interval &b) {
      return a.start < b.start;
    });
}

bool ValueLiveness::isLastUse(Operation *op, Value value) const {
  return lastUses.contains({op, getValueIndex(value)});
}

} // namespace mlir::kiln
