//===- OpcodeSelection.h - Opcodes from the generated table ----*- C++ -*-===//
//
// What the bytecode encoder asks of the opcode table (runtime/schema/
// opcodes.txt, generated into kiln/bytecode/opcodes.h): the opcode a vm op
// lowers to, looked up by the op's interned name in O(1), and the layout of
// fixed-size instructions. The forms an opcode may take instead (branch,
// immediate, negated, fused) are columns of the table: getOpcodeForms and
// getFusedSequence in the generated header.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H
#define KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H

#include "kiln/bytecode/opcodes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"

#include <cstddef>
#include <optional>

namespace mlir::kiln {

/// How the generic encoder encodes a vm op: an opcode, and whether the op's
/// two operands are read in reverse order (`vm.cmp.gt.*` as CMP_LT_*,
/// `vm.global.store.indirect.*` whose row lists the pointer first).
struct OpcodeChoice {
  ::kiln::bytecode::Opcode opcode;
  bool swapReads = false;
};

/// The opcode table resolved against the vm ops registered in a context.
class OpcodeTable {
public:
  explicit OpcodeTable(MLIRContext *context);

  /// The opcode `op` is encoded as, when the table has a row for it.
  std::optional<OpcodeChoice> lookup(Operation *op) const {
    auto it = choices.find(op->getName());
    if (it == choices.end())
      return std::nullopt;
    return it->second;
  }

  /// The opcode of `op` when it has that form, else kNoOpcode.
  ::kiln::bytecode::Opcode lookupOpcode(Operation *op) const {
    std::optional<OpcodeChoice> choice = lookup(op);
    return choice ? choice->opcode : ::kiln::bytecode::kNoOpcode;
  }

private:
  llvm::DenseMap<OperationName, OpcodeChoice> choices;
};

/// Byte offset of operand `index` within an instruction of `opcode`, whose
/// operands before it all have a fixed size (from the generated info).
constexpr size_t getOperandOffset(::kiln::bytecode::Opcode opcode, unsigned index) {
  const ::kiln::bytecode::OpcodeInfo &info =
      ::kiln::bytecode::kOpcodeInfo[static_cast<uint16_t>(opcode)];
  size_t offset = 2;
  for (unsigned i = 0; i < index && i < info.operandCount; ++i)
    offset += ::kiln::bytecode::fixedOperandSize(info.operands[i]);
  return offset;
}

/// Bytes of an instruction of `opcode` whose operands all have a fixed size.
constexpr size_t getFixedLength(::kiln::bytecode::Opcode opcode) {
  return ::kiln::bytecode::kOpcodeInfo[static_cast<uint16_t>(opcode)].fixedLength;
}

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H
