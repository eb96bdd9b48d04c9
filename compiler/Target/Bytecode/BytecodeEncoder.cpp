//===- BytecodeEncoder.cpp - vm function -> Kiln bytecode -----------------===//

#include "compiler/Target/Bytecode/BytecodeEncoder.h"

#include "compiler/Analysis/RegisterAllocation.h"
#include "compiler/Analysis/ValueLiveness.h"
#include "compiler/Target/Bytecode/BytecodePlan.h"
#include "compiler/Target/Bytecode/OpcodeSelection.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"
#include "kiln/bytecode/opcodes.h"
#include "kiln/vm/limits.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln {

using ::kiln::bytecode::getFusedSequence;
using ::kiln::bytecode::getOpcodeForms;
using ::kiln::bytecode::getOpcodeInfo;
using ::kiln::bytecode::kNoOpcode;
using ::kiln::bytecode::Opcode;
using ::kiln::bytecode::OpcodeForms;
using ::kiln::bytecode::OperandKind;

//===----------------------------------------------------------------------===//
// Tables
//===----------------------------------------------------------------------===//

uint32_t BytecodeModuleTables::internType(Type type) {
  std::string spelling;
  llvm::raw_string_ostream os(spelling);
  type.print(os);
  auto [it, inserted] = typeIndices.try_emplace(spelling, types.size());
  if (inserted)
    types.push_back(spelling);
  return it->second;
}

uint32_t BytecodeModuleTables::internString(StringRef string) {
  auto [it, inserted] = stringIndices.try_emplace(string, strings.size());
  if (inserted)
    strings.push_back(string.str());
  return it->second;
}

char getTypeCode(Type type) {
  if (llvm::isa<vm::RefType>(type))
    return 'r';
  if (type.isInteger(32))
    return 'i';
  if (type.isInteger(64))
    return 'I';
  if (type.isF32())
    return 'f';
  if (type.isF64())
    return 'F';
  return 0;
}

namespace {

constexpr uint16_t kMoveBit = ::kiln::vm::limits::kRefMoveBit;

// The peepholes below rewrite the instruction just emitted in place; they
// rely on these layouts of the fused opcodes (opcodes.txt).
static_assert(getFixedLength(Opcode::ADD_BR_IF_LT_I32_S) ==
                  getFixedLength(Opcode::ADD_I32_IMM) +
                      getFixedLength(Opcode::BR_IF_LT_I32_S) -
                      getOperandOffset(Opcode::BR_IF_LT_I32_S, 1),
              "ADD_BR_IF_*: the add's operands, then the branch's but the "
              "register the add wrote");
static_assert(getFixedLength(Opcode::BUFFER_LOAD_ADD_I32) ==
                  getOperandOffset(Opcode::BUFFER_LOAD_ADD_I32, 2) +
                      getFixedLength(Opcode::BUFFER_LOAD_I32) -
                      getOperandOffset(Opcode::BUFFER_LOAD_I32, 1),
              "BUFFER_LOAD_ADD_I32: dst, acc, then the load's operands but "
              "its dst");

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
      : funcOp(funcOp), body(body), tables(tables), plan(plan),
        opcodes(plan.getOpcodeTable()), liveness(liveness),
        registers(registers) {
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
  /// The u16 operand `index` of the instruction just emitted.
  uint16_t lastOperandU16(unsigned index) const {
    size_t at = lastOpcodePc + getOperandOffset(*lastOpcode, index);
    return bytes[at] | (bytes[at + 1] << 8);
  }
  /// The opcode the instruction just emitted and one of `second` fuse into
  /// (the table's `sequence` column), when that instruction is whole and no
  /// label points between the two; else kNoOpcode.
  Opcode fusedWithLast(Opcode second) const {
    if (!lastOpcode || lastLabelPc == bytes.size())
      return kNoOpcode;
    Opcode fused = getFusedSequence(*lastOpcode, second);
    if (fused == kNoOpcode ||
        lastOpcodePc + getFixedLength(*lastOpcode) != bytes.size())
      return kNoOpcode;
    return fused;
  }
  /// Turns the ADD_*_IMM just emitted into ADD_BR_IF_LT_* when the
  /// BR_IF_LT_* `branch` about to be emitted tests its result against
  /// `rhs`: both instructions become one (the counted-loop latch).
  bool fuseAddIntoBranch(Opcode branch, uint16_t lhs, uint16_t rhs,
                         unsigned label) {
    Opcode fused = fusedWithLast(branch);
    if (fused == kNoOpcode || lastOperandU16(0) != lhs)
      return false;
    // Same leading operands (dst, src, imm): rewrite the opcode in place and
    // append the bound and the target.
    uint16_t code = static_cast<uint16_t>(fused);
    bytes[lastOpcodePc] = code & 0xFF;
    bytes[lastOpcodePc + 1] = code >> 8;
    lastOpcode = fused;
    emitU16(rhs);
    emitTarget(label);
    return true;
  }
  /// Encodes `op` (of opcode `opcode`, ADD_I32) as BUFFER_LOAD_ADD_I32 when
  /// one operand is the result of the BUFFER_LOAD_I32 emitted just before
  /// it, that value has no other use and no label points between the two:
  /// the load's register is then never written. The fused instruction
  /// starts where the load did and keeps its location (only the load part
  /// can fault).
  bool fuseLoadIntoAdd(Operation *op, Opcode opcode) {
    Opcode fused = fusedWithLast(opcode);
    if (fused != Opcode::BUFFER_LOAD_ADD_I32 || op->getNumOperands() != 2 ||
        op->getNumResults() != 1)
      return false;
    for (unsigned k = 0; k < 2; ++k) {
      Value loaded = op->getOperand(k), acc = op->getOperand(1 - k);
      Operation *load = loaded.getDefiningOp();
      if (!load || opcodes.lookupOpcode(load) != *lastOpcode ||
          load->getBlock() != op->getBlock() || !loaded.hasOneUse())
        continue;
      if (lastOperandU16(0) != reg(loaded))
        continue;
      uint16_t buffer = lastOperandU16(1);
      uint16_t index = lastOperandU16(2);
      bytes.resize(lastOpcodePc);
      emitOpcode(fused, load->getLoc());
      emitU16(reg(op->getResult(0)));
      emitU16(reg(acc));
      emitU16(buffer);
      emitU16(index);
      return true;
    }
    return false;
  }
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
                     const llvm::SmallSet<std::pair<bool, uint16_t>, 8> &keep,
                     EdgeCode &out);
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
  bool isNextBlock(Block *block, Block *succ) {
    return nextEmitted(block) == resolve(succ);
  }
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
                                const llvm::StringMap<uint32_t> &table,
                                StringRef what);
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

//===----------------------------------------------------------------------===//
// Edges
//===----------------------------------------------------------------------===//

void FunctionEncoder::sequentialize(
    SmallVector<Pending> pending,
    const llvm::SmallSet<std::pair<bool, uint16_t>, 8> &keep, EdgeCode &out) {
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

EdgeCode FunctionEncoder::computeEdge(Operation *terminator,
                                      unsigned succIndex) {
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
    llvm::erase_if(dying, [&](unsigned v) {
      return kept.contains(v) || llvm::binary_search(liveIn, v);
    });
    SmallVector<uint16_t> refs;
    for (unsigned v : dying) {
      Value value = liveness.getValue(v);
      if (RegisterAllocation::isRefType(value.getType()) &&
          registers.hasRegister(value))
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

unsigned FunctionEncoder::edgeLabel(Operation *terminator,
                                    unsigned succIndex) {
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

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

void FunctionEncoder::discardDeadResults(Operation *op) {
  SmallVector<uint16_t> dead;
  for (Value result : op->getResults())
    if (RegisterAllocation::isRefType(result.getType()) &&
        registers.hasRegister(result) && liveness.isUnused(result))
      dead.push_back(reg(result));
  discardRefs(dead, op->getLoc());
}

LogicalResult FunctionEncoder::emitSymbolIndex(
    Operation *op, StringRef attrName, const llvm::StringMap<uint32_t> &table,
    StringRef what) {
  auto symbol = op->getAttrOfType<FlatSymbolRefAttr>(attrName);
  if (!symbol)
    return op->emitError() << "cannot be encoded: missing '" << attrName
                           << "' symbol reference";
  auto it = table.find(symbol.getValue());
  if (it == table.end())
    return op->emitError() << "cannot be encoded: '" << symbol.getValue()
                           << "' is not a " << what << " of the module";
  emitU32(it->second);
  return success();
}

LogicalResult FunctionEncoder::emitString(Operation *op) {
  StringRef text;
  if (auto attr = op->getAttrOfType<StringAttr>("message"))
    text = attr.getValue();
  else if (auto attr = op->getAttrOfType<StringAttr>("event_name"))
    text = attr.getValue();
  emitU32(tables.internString(text));
  return success();
}

LogicalResult FunctionEncoder::encodeGeneric(Operation *op, Opcode opcode) {
  const auto &info = getOpcodeInfo(opcode);
  SmallVector<Value> reads;
  plan.getReads(op, reads);
  std::optional<BytecodePlan::Immediate> immediate = plan.getImmediate(op);

  unsigned nextRead = 0, nextResult = 0;
  SmallVector<uint16_t> borrowedLastUses;
  auto mismatch = [&]() {
    return op->emitError()
           << "cannot be encoded as " << info.name
           << ": its operands or results do not match the opcode table";
  };
  emitOpcode(opcode, op->getLoc());
  for (unsigned k = 0; k < info.operandCount; ++k) {
    OperandKind kind = info.operands[k];
    switch (kind) {
    case OperandKind::kWriteI32:
    case OperandKind::kWriteI64:
    case OperandKind::kWriteF32:
    case OperandKind::kWriteF64:
    case OperandKind::kWriteRef:
      if (nextResult >= op->getNumResults())
        return mismatch();
      emitU16(reg(op->getResult(nextResult++)));
      break;
    case OperandKind::kReadI32:
    case OperandKind::kReadI64:
    case OperandKind::kReadF32:
    case OperandKind::kReadF64:
      if (nextRead >= reads.size() ||
          RegisterAllocation::isRefType(reads[nextRead].getType()))
        return mismatch();
      emitU16(reg(reads[nextRead++]));
      break;
    case OperandKind::kReadRef:
      if (nextRead >= reads.size() ||
          !RegisterAllocation::isRefType(reads[nextRead].getType()))
        return mismatch();
      emitU16(refRead(op, reads, nextRead));
      ++nextRead;
      break;
    case OperandKind::kImmI32:
    case OperandKind::kImmI64: {
      int64_t value = 0;
      if (immediate) {
        value = immediate->imm;
      } else if (auto attr = op->getAttrOfType<IntegerAttr>("value")) {
        value = attr.getValue().getSExtValue();
      } else if (op->getAttr("value")) {
        return op->emitError() << "cannot be encoded: 'value' is not an "
                                  "integer attribute";
      }
      if (kind == OperandKind::kImmI32)
        emitU32(static_cast<uint32_t>(value));
      else
        emitU64(static_cast<uint64_t>(value));
      break;
    }
    case OperandKind::kImmF32:
    case OperandKind::kImmF64: {
      uint64_t bits = 0;
      if (auto attr = op->getAttrOfType<FloatAttr>("value"))
        bits = attr.getValue().bitcastToAPInt().getZExtValue();
      else if (op->getAttr("value"))
        return op->emitError() << "cannot be encoded: 'value' is not a "
                                  "float attribute";
      if (kind == OperandKind::kImmF32)
        emitU32(static_cast<uint32_t>(bits));
      else
        emitU64(bits);
      break;
    }
    case OperandKind::kFunc:
      if (failed(emitSymbolIndex(op, "callee", tables.functionOrdinals,
                                 "function")))
        return failure();
      break;
    case OperandKind::kImport:
      if (failed(emitSymbolIndex(op, op->getAttr("import") ? "import" : "callee",
                                 tables.importOrdinals, "import")))
        return failure();
      break;
    case OperandKind::kRodata:
      if (isa<vm::RodataInlineOp>(op)) {
        emitU32(tables.inlineRodataOrdinals.lookup(op));
        break;
      }
      if (failed(emitSymbolIndex(op, "rodata", tables.rodataOrdinals,
                                 "rodata segment")))
        return failure();
      break;
    case OperandKind::kType: {
      if (op->getNumResults() == 0 ||
          !RegisterAllocation::isRefType(op->getResult(0).getType()))
        return mismatch();
      emitU32(tables.internType(op->getResult(0).getType()));
      break;
    }
    case OperandKind::kString:
      (void)emitString(op);
      break;
    case OperandKind::kGlobal4:
    case OperandKind::kGlobal8:
      if (failed(emitSymbolIndex(op, "global", tables.scalarGlobalOffsets,
                                 "scalar global")))
        return failure();
      break;
    case OperandKind::kGlobalRef:
      if (failed(emitSymbolIndex(op, "global", tables.refGlobalOrdinals,
                                 "ref global")))
        return failure();
      break;
    case OperandKind::kScalarRegs:
    case OperandKind::kRefRegs: {
      bool wantRef = kind == OperandKind::kRefRegs;
      unsigned count = reads.size() - nextRead;
      emitU16(count);
      for (; nextRead < reads.size(); ++nextRead) {
        Value value = reads[nextRead];
        if (RegisterAllocation::isRefType(value.getType()) != wantRef)
          return mismatch();
        emitU16(reg(value));
        if (wantRef && opcode != Opcode::DISCARD_REFS &&
            liveness.isLastUse(op, value))
          borrowedLastUses.push_back(reg(value));
      }
      break;
    }
    case OperandKind::kTyped: {
      unsigned count = reads.size() - nextRead;
      emitU16(count);
      for (; nextRead < reads.size(); ++nextRead) {
        Value value = reads[nextRead];
        char code = getTypeCode(value.getType());
        if (!code)
          return op->emitError() << "cannot be encoded: operand type "
                                 << value.getType() << " has no type code";
        emitU8(code);
        emitU16(reg(value));
        if (code == 'r' && liveness.isLastUse(op, value))
          borrowedLastUses.push_back(reg(value));
      }
      break;
    }
    case OperandKind::kTarget:
    case OperandKind::kTargets:
    case OperandKind::kArgs:
    case OperandKind::kResults:
    case OperandKind::kSegments:
      return op->emitError() << "cannot be encoded: opcode " << info.name
                             << " needs a hand-written encoding";
    }
  }
  if (nextRead != reads.size() || nextResult != op->getNumResults())
    return mismatch();
  // Refs read without the move bit at their last use are released after
  // the op, unless a result now lives in that register (writing it already
  // released the old reference).
  llvm::erase_if(borrowedLastUses, [&](uint16_t r) {
    return llvm::any_of(op->getResults(), [&](Value result) {
      return RegisterAllocation::isRefType(result.getType()) &&
             registers.hasRegister(result) && reg(result) == r;
    });
  });
  llvm::sort(borrowedLastUses);
  borrowedLastUses.erase(llvm::unique(borrowedLastUses), borrowedLastUses.end());
  discardRefs(borrowedLastUses, op->getLoc());
  discardDeadResults(op);
  return success();
}

LogicalResult FunctionEncoder::encodeCall(Operation *op) {
  bool variadic = isa<vm::CallVariadicOp, vm::CallVariadicYieldableOp>(op);
  bool yieldable = isa<vm::CallYieldableOp, vm::CallVariadicYieldableOp>(op);
  auto callee = op->getAttrOfType<FlatSymbolRefAttr>("callee");
  if (!callee)
    return op->emitError() << "cannot be encoded: missing 'callee'";

  Opcode opcode;
  uint32_t index;
  if (auto it = tables.importOrdinals.find(callee.getValue());
      it != tables.importOrdinals.end()) {
    opcode = variadic ? Opcode::CALL_IMPORT_VARIADIC : Opcode::CALL_IMPORT;
    index = it->second;
  } else if (auto it = tables.functionOrdinals.find(callee.getValue());
             it != tables.functionOrdinals.end()) {
    if (variadic)
      return op->emitError()
             << "cannot be encoded: variadic call to internal function '"
             << callee.getValue() << "'";
    opcode = Opcode::CALL;
    index = it->second;
  } else {
    return op->emitError() << "cannot be encoded: callee '"
                           << callee.getValue()
                           << "' is neither a function nor an import";
  }

  emitOpcode(opcode, op->getLoc());
  emitU32(index);
  if (variadic) {
    // One span size per variadic argument of the import, in order.
    auto sizes = op->getAttrOfType<DenseIntElementsAttr>("segment_sizes");
    if (!sizes)
      return op->emitError() << "cannot be encoded: missing 'segment_sizes'";
    SmallVector<uint16_t> spans;
    for (const APInt &size : sizes.getValues<APInt>()) {
      int64_t s = size.getSExtValue();
      if (s >= 0)
        spans.push_back(static_cast<uint16_t>(s));
    }
    emitU16(spans.size());
    for (uint16_t s : spans)
      emitU16(s);
  }
  SmallVector<Value> reads;
  plan.getReads(op, reads);
  emitU16(reads.size());
  for (unsigned i = 0; i < reads.size(); ++i)
    emitU16(RegisterAllocation::isRefType(reads[i].getType())
                ? refRead(op, reads, i)
                : reg(reads[i]));

  if (!yieldable) {
    emitU16(op->getNumResults());
    for (Value result : op->getResults())
      emitU16(reg(result));
    discardDeadResults(op);
    return success();
  }

  // Yieldable: the results are the successor's block arguments.
  Block *dest = op->getSuccessor(0);
  emitU16(dest->getNumArguments());
  for (Value arg : dest->getArguments())
    emitU16(reg(arg));
  emitBranchTo(op->getBlock(), dest, op->getLoc());
  return success();
}

Operation *FunctionEncoder::duplicableTest(Block *block) {
  if (block->empty() || threaded.count(block) || blockPrologues.count(block))
    return nullptr;
  Operation *terminator = &block->back();
  if (!isa<vm::CondBranchOp>(terminator))
    return nullptr;
  for (Operation &op : *block)
    if (&op != terminator && !plan.isElided(&op))
      return nullptr;
  for (BlockArgument arg : block->getArguments())
    if (RegisterAllocation::isRefType(arg.getType()) && liveness.isUnused(arg))
      return nullptr; // its entry code releases the ref
  return terminator;
}

LogicalResult FunctionEncoder::encodeCondBranch(Operation *op,
                                                Block *layoutBlock) {
  Block *block = layoutBlock;
  unsigned trueLabel = edgeLabel(op, 0);
  unsigned falseLabel = edgeLabel(op, 1);
  Block *trueDest = op->getSuccessor(0);
  Block *falseDest = op->getSuccessor(1);
  bool trueFallsThrough =
      trueLabel == blockLabel(trueDest) && isNextBlock(block, trueDest);
  bool falseFallsThrough =
      falseLabel == blockLabel(falseDest) && isNextBlock(block, falseDest);

  // Branch to `label` when the condition is `sense`: the plan's branch or
  // its negation (the table's `negation` columns), with the operands the
  // opcode's row lists.
  auto emitConditional = [&](bool sense, unsigned label) -> LogicalResult {
    BytecodePlan::Branch branch = plan.getBranch(op);
    Opcode opcode = branch.opcode;
    if (opcode == kNoOpcode)
      return op->emitError() << "cannot be encoded: no branch opcode";
    if (!sense) {
      const OpcodeForms &forms = getOpcodeForms(opcode);
      if (forms.negation == kNoOpcode)
        return op->emitError() << "cannot be encoded: no negation of "
                               << getOpcodeInfo(opcode).name;
      opcode = forms.negation;
      if (forms.negationSwapsRegisters)
        std::swap(branch.regs[0], branch.regs[1]);
    }
    if (!branch.imm && branch.regs.size() == 2 &&
        fuseAddIntoBranch(opcode, reg(branch.regs[0]), reg(branch.regs[1]),
                          label))
      return success();
    const auto &info = getOpcodeInfo(opcode);
    emitOpcode(opcode, op->getLoc());
    unsigned nextReg = 0;
    for (unsigned k = 0; k < info.operandCount; ++k) {
      switch (info.operands[k]) {
      case OperandKind::kReadI32:
      case OperandKind::kReadI64:
        if (nextReg >= branch.regs.size())
          return op->emitError() << "cannot be encoded as " << info.name;
        emitU16(reg(branch.regs[nextReg++]));
        break;
      case OperandKind::kImmI32:
        emitU32(static_cast<uint32_t>(branch.imm.value_or(0)));
        break;
      case OperandKind::kTarget:
        emitTarget(label);
        break;
      default:
        return op->emitError() << "cannot be encoded as " << info.name;
      }
    }
    return success();
  };

  if (falseFallsThrough)
    return emitConditional(true, trueLabel);
  if (trueFallsThrough)
    return emitConditional(false, falseLabel);
  if (failed(emitConditional(true, trueLabel)))
    return failure();
  emitOpcode(Opcode::BR, op->getLoc());
  emitTarget(falseLabel);
  return success();
}

LogicalResult FunctionEncoder::encodeBranchTable(Operation *op) {
  SmallVector<unsigned> labels;
  for (unsigned i = 0, e = op->getNumSuccessors(); i < e; ++i)
    labels.push_back(edgeLabel(op, i));
  emitOpcode(Opcode::BR_TABLE, op->getLoc());
  emitU16(reg(op->getOperand(0)));
  emitTarget(labels[0]);
  emitU16(labels.size() - 1);
  for (unsigned label : llvm::drop_begin(labels))
    emitTarget(label);
  return success();
}

LogicalResult FunctionEncoder::encodeReturn(Operation *op) {
  SmallVector<Value> reads(op->getOperands());
  emitOpcode(Opcode::RETURN, op->getLoc());
  emitU16(reads.size());
  for (unsigned i = 0; i < reads.size(); ++i) {
    uint16_t encoded = reg(reads[i]);
    if (RegisterAllocation::isRefType(reads[i].getType()) &&
        !llvm::is_contained(ArrayRef(reads).drop_front(i + 1), reads[i]))
      encoded |= kMoveBit;
    emitU16(encoded);
  }
  return success();
}

LogicalResult FunctionEncoder::encodeFail(Operation *op, bool conditional) {
  // `vm.cond_fail %status` fails when the status itself is non-zero.
  SmallVector<Value> operands(op->getOperands());
  if (conditional && operands.size() == 1)
    operands.push_back(operands.front());
  if (operands.size() != (conditional ? 2u : 1u))
    return op->emitError() << "cannot be encoded: expected "
                           << (conditional ? 2 : 1) << " operands";
  for (Value operand : operands)
    if (RegisterAllocation::isRefType(operand.getType()))
      return op->emitError() << "cannot be encoded: ref operand";
  emitOpcode(conditional ? Opcode::COND_FAIL : Opcode::FAIL, op->getLoc());
  for (Value operand : operands)
    emitU16(reg(operand));
  return emitString(op);
}

LogicalResult FunctionEncoder::encodeOp(Operation *op) {
  if (plan.isElided(op))
    return success();
  Block *block = op->getBlock();

  if (isa<vm::BranchOp, vm::YieldOp, vm::BreakOp, vm::CondBreakOp>(op)) {
    Block *dest = op->getSuccessor(0);
    emitEdge(computeEdge(op, 0), op->getLoc());
    if (isa<vm::YieldOp>(op)) {
      emitOpcode(Opcode::YIELD, op->getLoc());
      emitTarget(blockLabel(dest));
    } else if (isa<vm::BreakOp>(op)) {
      emitOpcode(Opcode::BREAK, op->getLoc());
      emitTarget(blockLabel(dest));
    } else if (isa<vm::CondBreakOp>(op)) {
      emitOpcode(Opcode::COND_BREAK, op->getLoc());
      emitU16(reg(op->getOperand(0)));
      emitTarget(blockLabel(dest));
      emitBranchTo(block, dest, op->getLoc());
    } else if (Operation *test = duplicableTest(resolve(dest));
               test && !isNextBlock(block, dest)) {
      // The edge copies above already put the values in the test block's
      // argument registers, so its code runs the same here as there.
      return encodeCondBranch(test, block);
    } else {
      emitBranchTo(block, dest, op->getLoc());
    }
    return success();
  }
  if (isa<vm::CondBranchOp>(op))
    return encodeCondBranch(op, block);
  if (isa<vm::BranchTableOp>(op))
    return encodeBranchTable(op);
  if (isa<vm::ReturnOp>(op))
    return encodeReturn(op);
  if (isa<vm::FailOp>(op))
    return encodeFail(op, /*conditional=*/false);
  if (isa<vm::CondFailOp>(op))
    return encodeFail(op, /*conditional=*/true);
  if (isa<vm::CallOp, vm::CallYieldableOp, vm::CallVariadicOp,
          vm::CallVariadicYieldableOp>(op))
    return encodeCall(op);
  if (isa<vm::RodataInlineOp>(op))
    return encodeGeneric(op, Opcode::CONST_REF_RODATA);
  if (isa<vm::OptimizationBarrierOp>(op)) {
    // Results take the operands' values: a parallel copy (usually empty, as
    // results and operands tend to share registers).
    SmallVector<Pending> pending;
    llvm::SmallSet<std::pair<bool, uint16_t>, 8> keep;
    for (auto [operand, result] :
         llvm::zip(op->getOperands(), op->getResults())) {
      Register src = registers.get(operand);
      if (!liveness.isLastUse(op, operand))
        keep.insert({src.isRef, src.index});
      if (!registers.hasRegister(result))
        continue;
      Register dst = registers.get(result);
      if (dst == src) {
        keep.insert({dst.isRef, dst.index});
        continue;
      }
      pending.push_back({dst.isRef, dst.index, src.index});
    }
    EdgeCode copies;
    sequentialize(pending, keep, copies);
    emitEdge(copies, op->getLoc());
    discardDeadResults(op);
    return success();
  }
  if (isa<vm::GlobalAddressOp>(op)) {
    // An address is the global's byte offset (scalars) or ordinal (refs),
    // which is what the indirect global ops take.
    auto symbol = op->getAttrOfType<FlatSymbolRefAttr>("global");
    std::optional<uint32_t> address;
    if (symbol) {
      if (auto it = tables.scalarGlobalOffsets.find(symbol.getValue());
          it != tables.scalarGlobalOffsets.end())
        address = it->second;
      else if (auto it = tables.refGlobalOrdinals.find(symbol.getValue());
               it != tables.refGlobalOrdinals.end())
        address = it->second;
    }
    if (!address || op->getNumResults() != 1)
      return op->emitError() << "cannot be encoded: unknown global";
    emitOpcode(Opcode::CONST_I32, op->getLoc());
    emitU16(reg(op->getResult(0)));
    emitU32(*address);
    return success();
  }
  if (std::optional<BytecodePlan::Immediate> immediate = plan.getImmediate(op))
    return encodeGeneric(op, immediate->opcode);

  std::optional<OpcodeChoice> choice = opcodes.lookup(op);
  if (!choice) {
    if (isa<vm::CheckEQOp, vm::CheckNEOp, vm::CheckNZOp, vm::CheckNearlyEQOp>(
            op))
      return op->emitError()
             << "cannot be encoded: '" << op->getName()
             << "' must be lowered by the check-lowering preparation pass";
    return op->emitError() << "cannot be encoded: '" << op->getName()
                           << "' has no bytecode opcode";
  }
  if (fuseLoadIntoAdd(op, choice->opcode))
    return success();
  return encodeGeneric(op, choice->opcode);
}

LogicalResult FunctionEncoder::encode() {
  for (Block &block : body)
    blockLabels[&block] = newLabel();

  // Edge code of a multi-successor terminator goes to the destination's
  // start when that edge is the destination's only way in (the predecessor
  // may come after it in layout, hence this pre-pass); otherwise it goes to
  // an out-of-line stub that ends in a branch to the destination.
  for (Block &block : body) {
    if (block.empty())
      continue;
    Operation *terminator = &block.back();
    if (!isa<vm::CondBranchOp, vm::BranchTableOp>(terminator))
      continue;
    for (unsigned i = 0, e = terminator->getNumSuccessors(); i < e; ++i) {
      Block *succ = terminator->getSuccessor(i);
      if (succ->hasOneUse() && !blockPrologues.count(succ)) {
        EdgeCode edge = computeEdge(terminator, i);
        if (!edge.empty())
          blockPrologues[succ] = std::move(edge);
      }
    }
  }

  // Jump threading through blocks that hold nothing but a plain branch.
  for (Block &block : llvm::drop_begin(body)) {
    if (block.getNumArguments() || blockPrologues.count(&block) ||
        !llvm::hasSingleElement(block) || !isa<vm::BranchOp>(block.front()) ||
        block.front().getSuccessor(0) == &block)
      continue;
    if (computeEdge(&block.front(), 0).empty())
      threaded.insert(&block);
  }

  for (Block &block : body) {
    if (threaded.count(&block))
      continue;
    bindLabel(blockLabels[&block]);
    Location blockLoc = block.empty() ? funcOp->getLoc() : block.front().getLoc();
    if (auto it = blockPrologues.find(&block); it != blockPrologues.end())
      emitEdge(it->second, blockLoc);
    // Ref arguments nothing reads are released on entry.
    SmallVector<uint16_t> deadArgs;
    for (BlockArgument arg : block.getArguments())
      if (RegisterAllocation::isRefType(arg.getType()) &&
          liveness.isUnused(arg))
        deadArgs.push_back(reg(arg));
    discardRefs(deadArgs, blockLoc);
    for (Operation &op : block)
      if (failed(encodeOp(&op)))
        return failure();
  }
  for (Stub &stub : stubs) {
    bindLabel(stub.label);
    emitEdge(stub.code, stub.loc);
    emitOpcode(Opcode::BR, stub.loc);
    emitTarget(blockLabel(stub.dest));
  }
  for (auto [position, label] : fixups) {
    uint32_t offset = static_cast<uint32_t>(labelOffsets[label]);
    for (int i = 0; i < 4; ++i)
      bytes[position + i] = (offset >> (8 * i)) & 0xFF;
  }
  if (scalarCount > kMaxRegistersPerBank || refCount > kMaxRegistersPerBank)
    return funcOp->emitError() << "function needs too many registers";
  return success();
}

} // namespace

FailureOr<EncodedFunction> encodeFunction(Operation *funcOp,
                                          const OpcodeTable &opcodes,
                                          BytecodeModuleTables &tables) {
  if (funcOp->getNumRegions() != 1 || funcOp->getRegion(0).empty())
    return funcOp->emitError() << "cannot be encoded: function has no body";
  Region &body = funcOp->getRegion(0);
  BytecodePlan plan(body, opcodes);
  ValueLiveness liveness(body, plan);
  FailureOr<RegisterAllocation> registers =
      RegisterAllocation::compute(funcOp, body, plan, liveness);
  if (failed(registers))
    return failure();
  // Every value must live in a bank the bytecode knows.
  WalkResult walk = funcOp->walk([&](Operation *op) -> WalkResult {
    for (Value result : op->getResults())
      if (!getTypeCode(result.getType()))
        return op->emitError() << "cannot be encoded: result type "
                               << result.getType() << " has no register bank";
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  for (Block &block : body)
    for (BlockArgument arg : block.getArguments())
      if (!getTypeCode(arg.getType()))
        return mlir::emitError(arg.getLoc())
               << "cannot be encoded: block argument type " << arg.getType()
               << " has no register bank";

  FunctionEncoder encoder(funcOp, body, tables, plan, liveness, *registers);
  if (failed(encoder.encode()))
    return failure();
  return encoder.takeResult();
}

} // namespace mlir::kiln
