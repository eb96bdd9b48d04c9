//===- ValueLiveness.cpp - Liveness of SSA values over a CFG --------------===//

#include "compiler/Analysis/ValueLiveness.h"

#include "mlir/IR/Operation.h"

namespace mlir::kiln {

ValueLiveness::ValueLiveness(Region &body, const OperandReads &plan) {
  // Number values, blocks and slots.
  uint32_t slot = 0;
  for (auto [index, block] : llvm::enumerate(body)) {
    blockIndex[&block] = index;
    blocks.push_back(&block);
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

  // Live-in and live-out sets by exploring backwards from each upward-
  // exposed read (a read in a block other than the value's defining block)
  // through the predecessors until the defining block: the work is the size
  // of the live sets, where a dense dataflow over bit vectors would be
  // blocks x values.
  SmallVector<unsigned> defBlock(numValues);
  for (auto [b, block] : llvm::enumerate(body)) {
    for (BlockArgument arg : block.getArguments())
      defBlock[valueIndex[arg]] = b;
    for (Operation &op : block)
      for (Value result : op.getResults())
        defBlock[valueIndex[result]] = b;
  }
  unused = llvm::BitVector(numValues, true);
  SmallVector<std::pair<unsigned, unsigned>> exposed; // (value, block)
  SmallVector<Value> reads;
  for (Block &block : body) {
    unsigned b = blockIndex[&block];
    for (Operation &op : block) {
      reads.clear();
      plan.getReads(&op, reads);
      for (Value value : reads) {
        auto it = valueIndex.find(value);
        if (it == valueIndex.end())
          continue;
        unsigned v = it->second;
        unused.reset(v);
        if (defBlock[v] != b)
          exposed.push_back({v, b});
      }
    }
  }
  llvm::sort(exposed);
  liveIn.assign(numBlocks, {});
  liveOut.assign(numBlocks, {});
  // Per block, 1 + the last value added to its sets: values are processed
  // in ascending order, so the sets come out sorted and free of duplicates.
  SmallVector<unsigned> inStamp(numBlocks, 0), outStamp(numBlocks, 0);
  SmallVector<unsigned> worklist;
  for (const std::pair<unsigned, unsigned> &use : exposed) {
    const unsigned v = use.first;
    auto markIn = [&](unsigned b) {
      if (inStamp[b] == v + 1)
        return;
      inStamp[b] = v + 1;
      liveIn[b].push_back(v);
      worklist.push_back(b);
    };
    markIn(use.second);
    while (!worklist.empty()) {
      unsigned b = worklist.pop_back_val();
      for (Block *pred : blocks[b]->getPredecessors()) {
        unsigned p = blockIndex[pred];
        if (outStamp[p] != v + 1) {
          outStamp[p] = v + 1;
          liveOut[p].push_back(v);
        }
        if (defBlock[v] != p)
          markIn(p);
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
    uint32_t endPoint = block.empty() ? startPoint : 2 * slots[&block.back()] + 1;
    for (BlockArgument arg : block.getArguments())
      extend(valueIndex[arg], startPoint);
    for (unsigned v : liveIn[b])
      extend(v, startPoint);
    for (unsigned v : liveOut[b])
      extend(v, endPoint);
    auto isLiveOut = [&](unsigned v) { return llvm::binary_search(liveOut[b], v); };

    llvm::DenseSet<unsigned> live(liveOut[b].begin(), liveOut[b].end());
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
        live.erase(v);
      }
      reads.clear();
      plan.getReads(&op, reads);
      for (Value value : reads) {
        unsigned v = valueIndex.lookup(value);
        extend(v, 2 * opSlot);
        lastRead.try_emplace(v, 2 * opSlot);
        if (!live.contains(v))
          lastUses.insert({&op, v});
      }
      for (Value value : reads)
        live.insert(valueIndex.lookup(value));
    }

    // Exact ranges within this block.
    for (unsigned v : liveIn[b]) {
      uint32_t end = isLiveOut(v) ? endPoint : lastRead.lookup(v);
      ranges[v].push_back({startPoint, std::max(end, startPoint)});
    }
    for (auto [v, def] : defs) {
      uint32_t end = def;
      if (isLiveOut(v))
        end = endPoint;
      else if (auto it = lastRead.find(v); it != lastRead.end())
        end = std::max(def, it->second);
      ranges[v].push_back({def, end});
    }
  }
  for (auto &valueRanges : ranges)
    llvm::sort(valueRanges, [](const Interval &a, const Interval &b) { return a.start < b.start; });
}

bool ValueLiveness::isLastUse(Operation *op, Value value) const {
  return lastUses.contains({op, getValueIndex(value)});
}

} // namespace mlir::kiln
