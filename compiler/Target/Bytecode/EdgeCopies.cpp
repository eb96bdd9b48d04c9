//===- EdgeCopies.cpp - Code on CFG edges -----------------------------------===//
//
// What a branch does on its way to a block: release the refs that die on
// the edge, then copy the values it passes into the block's argument
// registers (a parallel copy, sequentialized with a temporary for cycles,
// with move bits on last reads of refs).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/FunctionEncoder.h"

namespace mlir::kiln::encoding {

void FunctionEncoder::sequentialize(SmallVector<Pending> pending,
                                    const llvm::SmallSet<std::pair<bool, uint16_t>, 8> &keep,
                                    EdgeCode &out) {
  // Emit a copy whose destination no pending copy still reads; when only
  // cycles remain, save one destination in a temporary.
  SmallVector<Pending> ordered;
  while (!pending.empty()) {
    bool progress = false;
    for (unsigned i = 0; i < pending.size(); ++i) {
      Pending copy = pending[i];
      bool dstIsRead = llvm::any_of(pending, [&](const Pending &other) {
        return other.isRef == copy.isRef && other.src == copy.dst;
      });
      if (dstIsRead)
        continue;
      ordered.push_back(copy);
      pending.erase(pending.begin() + i);
      progress = true;
      break;
    }
    if (progress)
      continue;
    Pending copy = pending.front();
    uint16_t temp = copy.isRef ? refTemp() : scalarTemp();
    ordered.push_back({copy.isRef, temp, copy.dst});
    for (Pending &other : pending)
      if (other.isRef == copy.isRef && other.src == copy.dst)
        other.src = temp;
  }

  // Move bits: scanning backwards, a ref read moves when no later copy reads
  // the same register before it is overwritten and the register's value is
  // not needed afterwards.
  llvm::SmallSet<uint16_t, 8> laterRead;
  for (auto entry : keep)
    if (entry.first)
      laterRead.insert(entry.second);
  out.copies.resize(ordered.size());
  for (int i = ordered.size() - 1; i >= 0; --i) {
    Pending copy = ordered[i];
    uint16_t src = copy.src;
    if (copy.isRef) {
      laterRead.erase(copy.dst);
      if (!laterRead.count(copy.src))
        src |= kMoveBit;
      laterRead.insert(copy.src);
    }
    out.copies[i] = {copy.isRef, copy.dst, src};
  }
}

EdgeCode FunctionEncoder::computeEdge(Operation *terminator, unsigned succIndex) {
  EdgeCode edge;
  Block *block = terminator->getBlock();
  Block *succ = terminator->getSuccessor(succIndex);
  SmallVector<Value> incoming;
  getSuccessorValues(terminator, succIndex, incoming);

  // Refs that stop being live on this edge (only possible when the
  // terminator has several successors).
  if (terminator->getNumSuccessors() > 1) {
    // Live out of the block or passed on some edge, but neither live into
    // `succ` nor passed to it.
    ArrayRef<unsigned> liveOut = liveness.getLiveOut(block);
    SmallVector<unsigned> dying(liveOut.begin(), liveOut.end());
    SmallVector<Value> edgeValues;
    for (unsigned i = 0, e = terminator->getNumSuccessors(); i < e; ++i) {
      getSuccessorValues(terminator, i, edgeValues);
      for (Value value : edgeValues)
        if (value)
          dying.push_back(liveness.getValueIndex(value));
    }
    llvm::SmallDenseSet<unsigned, 8> kept;
    for (Value value : incoming)
      if (value)
        kept.insert(liveness.getValueIndex(value));
    ArrayRef<unsigned> liveIn = liveness.getLiveIn(succ);
    llvm::sort(dying);
    dying.erase(std::unique(dying.begin(), dying.end()), dying.end());
    llvm::erase_if(dying,
                   [&](unsigned v) { return kept.contains(v) || llvm::binary_search(liveIn, v); });
    SmallVector<uint16_t> refs;
    for (unsigned v : dying) {
      Value value = liveness.getValue(v);
      if (RegisterAllocation::isRefType(value.getType()) && registers.hasRegister(value))
        refs.push_back(reg(value));
    }
    llvm::sort(refs);
    edge.discards.assign(refs.begin(), refs.end());
  }

  // Parallel copies into the block arguments.
  SmallVector<Pending> pending;
  llvm::SmallSet<std::pair<bool, uint16_t>, 8> keep;
  for (auto [arg, value] : llvm::zip(succ->getArguments(), incoming)) {
    if (!value)
      continue;
    Register dst = registers.get(arg);
    Register src = registers.get(value);
    if (dst == src) {
      keep.insert({dst.isRef, dst.index});
      continue;
    }
    pending.push_back({dst.isRef, dst.index, src.index});
  }
  for (unsigned v : liveness.getLiveIn(succ)) {
    Value value = liveness.getValue(v);
    if (registers.hasRegister(value)) {
      Register r = registers.get(value);
      keep.insert({r.isRef, r.index});
    }
  }

  sequentialize(pending, keep, edge);
  return edge;
}

void FunctionEncoder::discardRefs(ArrayRef<uint16_t> regs, Location loc) {
  if (regs.empty())
    return;
  emitOpcode(Opcode::DISCARD_REFS, loc);
  emitU16(regs.size());
  for (uint16_t r : regs)
    emitU16(r);
}

void FunctionEncoder::emitEdge(const EdgeCode &edge, Location loc) {
  discardRefs(edge.discards, loc);
  for (const EdgeCode::Copy &copy : edge.copies) {
    emitOpcode(copy.isRef ? Opcode::MOV_REF : Opcode::MOV, loc);
    emitU16(copy.dst);
    emitU16(copy.src);
  }
}

unsigned FunctionEncoder::edgeLabel(Operation *terminator, unsigned succIndex) {
  Block *succ = terminator->getSuccessor(succIndex);
  EdgeCode edge = computeEdge(terminator, succIndex);
  // Empty edges and edges whose code is the destination's prologue (see
  // encode()) jump straight to the block.
  if (edge.empty() || succ->hasOneUse())
    return blockLabel(succ);
  Stub stub{newLabel(), std::move(edge), succ, terminator->getLoc()};
  stubs.push_back(std::move(stub));
  return stubs.back().label;
}

} // namespace mlir::kiln::encoding
