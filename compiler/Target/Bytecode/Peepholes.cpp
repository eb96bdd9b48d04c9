//===- Peepholes.cpp - Fusing consecutive instructions ----------------------===//
//
// The encoder fuses the instruction it just emitted with the next one when
// the opcode table's `sequence` column names the pair: a counted loop's
// ADD_*_IMM and BR_IF_LT_* become ADD_BR_IF_LT_*, a BUFFER_LOAD_I32 and the
// ADD_I32 of its result BUFFER_LOAD_ADD_I32.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/FunctionEncoder.h"

namespace mlir::kiln::encoding {

// The peepholes below rewrite the instruction just emitted in place; they
// rely on these layouts of the fused opcodes (opcodes.txt).
static_assert(getFixedLength(Opcode::ADD_BR_IF_LT_I32_S) ==
                  getFixedLength(Opcode::ADD_I32_IMM) + getFixedLength(Opcode::BR_IF_LT_I32_S) -
                      getOperandOffset(Opcode::BR_IF_LT_I32_S, 1),
              "ADD_BR_IF_*: the add's operands, then the branch's but the "
              "register the add wrote");
static_assert(getFixedLength(Opcode::BUFFER_LOAD_ADD_I32) ==
                  getOperandOffset(Opcode::BUFFER_LOAD_ADD_I32, 2) +
                      getFixedLength(Opcode::BUFFER_LOAD_I32) -
                      getOperandOffset(Opcode::BUFFER_LOAD_I32, 1),
              "BUFFER_LOAD_ADD_I32: dst, acc, then the load's operands but "
              "its dst");

uint16_t FunctionEncoder::lastOperandU16(unsigned index) const {
  size_t at = lastOpcodePc + getOperandOffset(*lastOpcode, index);
  return bytes[at] | (bytes[at + 1] << 8);
}

Opcode FunctionEncoder::fusedWithLast(Opcode second) const {
  if (!lastOpcode || lastLabelPc == bytes.size())
    return kNoOpcode;
  Opcode fused = getFusedSequence(*lastOpcode, second);
  if (fused == kNoOpcode || lastOpcodePc + getFixedLength(*lastOpcode) != bytes.size())
    return kNoOpcode;
  return fused;
}

bool FunctionEncoder::fuseAddIntoBranch(Opcode branch, uint16_t lhs, uint16_t rhs, unsigned label) {
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

bool FunctionEncoder::fuseLoadIntoAdd(Operation *op, Opcode opcode) {
  Opcode fused = fusedWithLast(opcode);
  if (fused != Opcode::BUFFER_LOAD_ADD_I32 || op->getNumOperands() != 2 || op->getNumResults() != 1)
    return false;
  for (unsigned k = 0; k < 2; ++k) {
    Value loaded = op->getOperand(k), acc = op->getOperand(1 - k);
    Operation *load = loaded.getDefiningOp();
    if (!load || opcodes.lookupOpcode(load) != *lastOpcode || load->getBlock() != op->getBlock() ||
        !loaded.hasOneUse())
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

} // namespace mlir::kiln::encoding
