//===- RegisterAllocation.cpp - Bytecode register assignment --------------===//

#include "compiler/Analysis/RegisterAllocation.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <queue>
#include <set>
#include <tuple>

namespace mlir::kiln {

bool RegisterAllocation::isRefType(Type type) { return llvm::isa<vm::RefType>(type); }

FailureOr<RegisterAllocation> RegisterAllocation::compute(Operation *funcOp, Region &body,
                                                          const OperandReads &plan,
                                                          const ValueLiveness &liveness) {
  RegisterAllocation result;
  if (body.empty())
    return result;

  // Coalescing partners: a block argument and every value passed to it.
  llvm::DenseMap<Value, SmallVector<Value, 2>> partners;
  for (Block &block : body) {
    // Results of an optimization barrier are copies of its operands.
    for (Operation &op : block)
      if (isa<vm::OptimizationBarrierOp>(op))
        for (auto [operand, result] : llvm::zip(op.getOperands(), op.getResults())) {
          partners[result].push_back(operand);
          partners[operand].push_back(result);
        }
    if (block.empty())
      continue;
    Operation *terminator = &block.back();
    SmallVector<Value> incoming;
    for (auto [succIndex, succ] : llvm::enumerate(terminator->getSuccessors())) {
      getSuccessorValues(terminator, succIndex, incoming);
      for (auto [arg, value] : llvm::zip(succ->getArguments(), incoming)) {
        if (!value)
          continue;
        partners[arg].push_back(value);
        partners[value].push_back(arg);
      }
    }
  }

  // Bank state: for each register the sorted, disjoint ranges of the values
  // assigned to it. A register is free for a value when none of the value's
  // ranges overlaps them (so values can live in each other's holes).
  using Range = ValueLiveness::Interval;
  struct Bank {
    SmallVector<SmallVector<Range, 4>> occupied;
  };
  Bank banks[2];

  // The registers of each bank that no assigned range covers at the sweep
  // point, the start of the value being placed. A register busy there
  // cannot take the value, so only these are tried (lowest first, as a scan
  // of every register would, but without touching the busy ones: a scan
  // made the allocation quadratic in the number of simultaneously live
  // values). Events at range bounds move registers in and out of the set.
  struct Sweep {
    SmallVector<unsigned> busy; // covering ranges per register
    std::set<unsigned> idle;    // registers with busy == 0
    // (point, register, +1 at a range's start / -1 after its end)
    std::priority_queue<std::tuple<uint32_t, unsigned, int>,
                        std::vector<std::tuple<uint32_t, unsigned, int>>, std::greater<>>
        events;
  };
  Sweep sweeps[2];
  auto advance = [&](Sweep &sweep, uint32_t point) {
    SmallVector<unsigned> touched;
    while (!sweep.events.empty() && std::get<0>(sweep.events.top()) <= point) {
      auto [at, reg, delta] = sweep.events.top();
      sweep.events.pop();
      sweep.busy[reg] += delta;
      touched.push_back(reg);
    }
    for (unsigned reg : touched) {
      if (sweep.busy[reg] == 0)
        sweep.idle.insert(reg);
      else
        sweep.idle.erase(reg);
    }
  };
  auto isFree = [&](Bank &bank, unsigned reg, ArrayRef<Range> ranges) {
    if (reg >= bank.occupied.size())
      return true;
    const auto &taken = bank.occupied[reg];
    for (const Range &r : ranges) {
      // First occupied range that ends at or after r starts.
      auto it = llvm::partition_point(taken, [&](const Range &t) { return t.end < r.start; });
      if (it != taken.end() && it->start <= r.end)
        return false;
    }
    return true;
  };
  auto take = [&](Bank &bank, unsigned reg, ArrayRef<Range> ranges) {
    Sweep &sweep = sweeps[&bank - banks];
    if (reg >= bank.occupied.size()) {
      bank.occupied.resize(reg + 1);
      sweep.busy.resize(reg + 1, 0);
    }
    for (const Range &r : ranges) {
      sweep.events.push({r.start, reg, +1});
      sweep.events.push({r.end + 1, reg, -1});
    }
    auto &taken = bank.occupied[reg];
    for (const Range &r : ranges) {
      auto it = llvm::partition_point(taken, [&](const Range &t) { return t.start < r.start; });
      taken.insert(it, r);
    }
  };

  // Entry arguments: lowest registers per bank, in signature order.
  Block &entry = body.front();
  for (BlockArgument arg : entry.getArguments()) {
    bool isRef = isRefType(arg.getType());
    Bank &bank = banks[isRef];
    unsigned reg = bank.occupied.size();
    take(bank, reg, liveness.getRanges(arg));
    result.registers[arg] = Register{isRef, static_cast<uint16_t>(reg)};
  }

  // Everything else, by start point. The starts are gathered first: a sort
  // comparing through the liveness maps misses the cache on large functions.
  SmallVector<std::pair<uint32_t, unsigned>> byStart; // (start, value index)
  for (unsigned i = 0, e = liveness.getNumValues(); i < e; ++i) {
    Value value = liveness.getValue(i);
    if (result.registers.count(value))
      continue;
    if (Operation *def = value.getDefiningOp())
      if (plan.isElided(def))
        continue;
    byStart.push_back({liveness.getInterval(value).start, i});
  }
  // Ties keep value order (the pairs compare by index second).
  llvm::sort(byStart);
  SmallVector<Value> order;
  order.reserve(byStart.size());
  for (auto [start, index] : byStart)
    order.push_back(liveness.getValue(index));

  for (Value value : order) {
    bool isRef = isRefType(value.getType());
    Bank &bank = banks[isRef];
    ArrayRef<Range> ranges = liveness.getRanges(value);
    std::optional<unsigned> chosen;
    // Prefer a partner's register when it is free for the whole interval.
    auto it = partners.find(value);
    if (it != partners.end()) {
      for (Value partner : it->second) {
        auto reg = result.registers.find(partner);
        if (reg == result.registers.end() || reg->second.isRef != isRef)
          continue;
        if (isFree(bank, reg->second.index, ranges)) {
          chosen = reg->second.index;
          break;
        }
      }
    }
    if (!chosen) {
      Sweep &sweep = sweeps[isRef];
      advance(sweep, liveness.getInterval(value).start);
      for (unsigned reg : sweep.idle)
        if (isFree(bank, reg, ranges)) {
          chosen = reg;
          break;
        }
      if (!chosen)
        chosen = static_cast<unsigned>(bank.occupied.size());
    }
    if (*chosen >= kMaxRegistersPerBank)
      return funcOp->emitError() << "function needs more than " << kMaxRegistersPerBank << " "
                                 << (isRef ? "ref" : "scalar")
                                 << " registers; split it into smaller functions";
    take(bank, *chosen, ranges);
    result.registers[value] = Register{isRef, static_cast<uint16_t>(*chosen)};
  }

  result.scalarCount = banks[0].occupied.size();
  result.refCount = banks[1].occupied.size();
  return result;
}

} // namespace mlir::kiln
