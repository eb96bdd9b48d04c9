//===- FunctionEncoder.h - Encoding one vm function -------------*- C++ -*-===//
//
// Internal to the bytecode encoder: the state of encoding one function and
// the files that implement it, one idea each:
//   BytecodeEncoder.cpp  block layout (labels, jump threading, edge code
//                        placement) and the dispatch of ops;
//   OpEncoding.cpp       ops from the opcode table, calls, branches,
//                        returns and failures;
//   EdgeCopies.cpp       the parallel copies and ref releases of CFG edges;
//   Peepholes.cpp        fusing the instruction just emitted with the next
//                        (the table's `sequence` column).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_FUNCTIONENCODER_H
#define KILN_COMPILER_TARGET_BYTECODE_FUNCTIONENCODER_H

#include "compiler/Analysis/RegisterAllocation.h"
#include "compiler/Analysis/ValueLiveness.h"
#include "compiler/Target/Bytecode/BytecodeEncoder.h"
#include "compiler/Target/Bytecode/BytecodePlan.h"
#include "compiler/Target/Bytecode/OpcodeSelection.h"
#include "kiln/bytecode/opcodes.h"
#include "kiln/vm/limits.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace mlir::kiln::encoding {

using ::kiln::bytecode::getFusedSequence;
using ::kiln::bytecode::getOpcodeForms;
using ::kiln::bytecode::getOpcodeInfo;
using ::kiln::bytecode::kNoOpcode;
using ::kiln::bytecode::Opcode;
using ::kiln::bytecode::OpcodeForms;
using ::kiln::bytecode::OperandKind;

inline constexpr uint16_t kMoveBit = ::kiln::vm::limits::kRefMoveBit;

/// Code placed on a CFG edge: refs to release, then register copies (already
/// sequentialized; ref sources may carry the move bit).
struct EdgeCode {
  struct Copy {
    bool isRef;
    uint16_t dst;
    uint16_t src; // with kMoveBit for moved refs
  };
  SmallVector<uint16_t> discards;
  SmallVector<Copy> copies;
  bool empty() const { return discards.empty() && copies.empty(); }
};

class FunctionEncoder {
public:
  FunctionEncoder(Operation *funcOp, Region &body, BytecodeModuleTables &tables,
                  const BytecodePlan &plan, const ValueLiveness &liveness,
                  const RegisterAllocation &registers)
      : funcOp(funcOp), body(body), tables(tables), plan(plan), opcodes(plan.getOpcodeTable()),
        liveness(liveness), registers(registers) {
    scalarCount = registers.getScalarCount();
    refCount = registers.getRefCount();
  }

  LogicalResult encode();
  EncodedFunction takeResult() {
    EncodedFunction result;
    result.bytecode = std::move(bytes);
    result.scalarRegisterCount = scalarCount;
    result.refRegisterCount = refCount;
    result.locations = std::move(locations);
    return result;
  }

private:
  // -- Output ---------------------------------------------------------------
  void emitU8(uint8_t v) { bytes.push_back(v); }
  void emitU16(uint16_t v) {
    bytes.push_back(v & 0xFF);
    bytes.push_back(v >> 8);
  }
  void emitU32(uint32_t v) {
    for (int i = 0; i < 4; ++i)
      bytes.push_back((v >> (8 * i)) & 0xFF);
  }
  void emitU64(uint64_t v) {
    for (int i = 0; i < 8; ++i)
      bytes.push_back((v >> (8 * i)) & 0xFF);
  }
  void emitOpcode(Opcode opcode, Location loc) {
    uint32_t pc = bytes.size();
    lastOpcode = opcode;
    lastOpcodePc = pc;
    if (locations.empty() || locations.back().second != loc) {
      if (!locations.empty() && locations.back().first == pc)
        locations.back().second = loc;
      else
        locations.push_back({pc, loc});
    }
    emitU16(static_cast<uint16_t>(opcode));
  }
  unsigned newLabel() {
    labelOffsets.push_back(-1);
    return labelOffsets.size() - 1;
  }
  void bindLabel(unsigned label) {
    labelOffsets[label] = bytes.size();
    lastLabelPc = bytes.size();
  }
  // -- Peepholes (Peepholes.cpp) ----------------------------------------------
  /// The u16 operand `index` of the instruction just emitted.
  uint16_t lastOperandU16(unsigned index) const;
  /// The opcode the instruction just emitted and one of `second` fuse into
  /// (the table's `sequence` column), when that instruction is whole and no
  /// label points between the two; else kNoOpcode.
  Opcode fusedWithLast(Opcode second) const;
  /// Turns the ADD_*_IMM just emitted into ADD_BR_IF_LT_* when the
  /// BR_IF_LT_* `branch` about to be emitted tests its result against
  /// `rhs`: both instructions become one (the counted-loop latch).
  bool fuseAddIntoBranch(Opcode branch, uint16_t lhs, uint16_t rhs, unsigned label);
  /// Encodes `op` (of opcode `opcode`, ADD_I32) as BUFFER_LOAD_ADD_I32 when
  /// one operand is the result of the BUFFER_LOAD_I32 emitted just before
  /// it, that value has no other use and no label points between the two:
  /// the load's register is then never written. The fused instruction
  /// starts where the load did and keeps its location (only the load part
  /// can fault).
  bool fuseLoadIntoAdd(Operation *op, Opcode opcode);
  void emitTarget(unsigned label) {
    fixups.push_back({bytes.size(), label});
    emitU32(0);
  }

  // -- Registers -------------------------------------------------------------
  uint16_t reg(Value value) { return registers.get(value).index; }
  uint16_t scalarTemp() {
    if (!scalarTempReg) {
      scalarTempReg = scalarCount++;
    }
    return *scalarTempReg;
  }
  uint16_t refTemp() {
    if (!refTempReg) {
      refTempReg = refCount++;
    }
    return *refTempReg;
  }
  /// Encoded ref read of operand `index` of `reads` by `op`: the move bit is
  /// set on the last occurrence of a value at its last use.
  uint16_t refRead(Operation *op, ArrayRef<Value> reads, unsigned index) {
    Value value = reads[index];
    uint16_t encoded = reg(value);
    if (!liveness.isLastUse(op, value))
      return encoded;
    for (unsigned i = index + 1; i < reads.size(); ++i)
      if (reads[i] == value)
        return encoded;
    return encoded | kMoveBit;
  }

  // -- Edges -----------------------------------------------------------------
  struct Pending {
    bool isRef;
    uint16_t dst;
    uint16_t src;
  };
  /// Orders the parallel copies `pending` into `out.copies`, breaking cycles
  /// with a temporary, and sets the move bit on the last read of every ref
  /// register not in `keep` (registers whose value is still needed after).
  void sequentialize(SmallVector<Pending> pending,
                     const llvm::SmallSet<std::pair<bool, uint16_t>, 8> &keep, EdgeCode &out);
  EdgeCode computeEdge(Operation *terminator, unsigned succIndex);
  void emitEdge(const EdgeCode &edge, Location loc);
  /// Label a branch of a multi-successor terminator jumps to for this edge.
  unsigned edgeLabel(Operation *terminator, unsigned succIndex);
  /// Where a branch to `block` really goes: empty blocks that only branch
  /// on (no arguments, no edge code) are skipped.
  Block *resolve(Block *block) {
    for (unsigned hops = 0; hops < 16 && threaded.count(block); ++hops)
      block = block->front().getSuccessor(0);
    return block;
  }
  unsigned blockLabel(Block *block) { return blockLabels[resolve(block)]; }
  /// The block emitted right after `block`.
  Block *nextEmitted(Block *block) {
    Block *next = block->getNextNode();
    while (next && threaded.count(next))
      next = next->getNextNode();
    return next;
  }
  bool isNextBlock(Block *block, Block *succ) { return nextEmitted(block) == resolve(succ); }
  void emitBranchTo(Block *from, Block *dest, Location loc) {
    if (isNextBlock(from, dest))
      return;
    emitOpcode(Opcode::BR, loc);
    emitTarget(blockLabel(dest));
  }

  // -- Ops -------------------------------------------------------------------
  LogicalResult encodeOp(Operation *op);
  LogicalResult encodeGeneric(Operation *op, Opcode opcode);
  LogicalResult encodeCall(Operation *op);
  /// `layoutBlock` is the block whose code this is: op's own block, or a
  /// loop latch that ends in a copy of op (see duplicableTest).
  LogicalResult encodeCondBranch(Operation *op, Block *layoutBlock);
  /// The conditional branch of `block` when the block is nothing but a test:
  /// no ops besides elided (fused) compares and a vm.cond_br, nothing to
  /// do on entry. A plain branch to such a block that would need a BR can
  /// instead end in a copy of the test (loop rotation: the back edge of a
  /// `while` loop then costs one conditional branch instead of BR + test).
  Operation *duplicableTest(Block *block);
  LogicalResult encodeBranchTable(Operation *op);
  LogicalResult encodeReturn(Operation *op);
  LogicalResult encodeFail(Operation *op, bool conditional);
  void discardDeadResults(Operation *op);
  void discardRefs(ArrayRef<uint16_t> regs, Location loc);
  LogicalResult emitSymbolIndex(Operation *op, StringRef attrName,
                                const llvm::StringMap<uint32_t> &table, StringRef what);
  LogicalResult emitString(Operation *op);

  Operation *funcOp;
  Region &body;
  BytecodeModuleTables &tables;
  const BytecodePlan &plan;
  const OpcodeTable &opcodes;
  const ValueLiveness &liveness;
  const RegisterAllocation &registers;

  std::vector<uint8_t> bytes;
  std::vector<std::pair<uint32_t, Location>> locations;
  SmallVector<int64_t> labelOffsets;
  SmallVector<std::pair<size_t, unsigned>> fixups;
  llvm::DenseMap<Block *, unsigned> blockLabels;
  /// Edge code of the only edge into a block, placed at the block's start.
  llvm::DenseMap<Block *, EdgeCode> blockPrologues;
  /// Blocks that only branch on and are never emitted.
  llvm::DenseSet<Block *> threaded;
  /// Out-of-line edge code: label, code, destination block.
  struct Stub {
    unsigned label;
    EdgeCode code;
    Block *dest;
    Location loc;
  };
  SmallVector<Stub> stubs;
  unsigned scalarCount = 0;
  unsigned refCount = 0;
  std::optional<uint16_t> scalarTempReg;
  std::optional<uint16_t> refTempReg;
  /// The last instruction emitted and where it starts, and the offset of
  /// the last label bound (for fuseAddIntoBranch).
  std::optional<Opcode> lastOpcode;
  size_t lastOpcodePc = 0;
  size_t lastLabelPc = ~size_t(0);
};

} // namespace mlir::kiln::encoding

#endif // KILN_COMPILER_TARGET_BYTECODE_FUNCTIONENCODER_H
