//===- OpcodeSelection.h - Opcodes from the generated table ----*- C++ -*-===//
//
// What the bytecode encoder asks of the opcode table (runtime/schema/
// opcodes.txt, generated into kiln/bytecode/opcodes.h): the opcodes a vm op
// lowers to, an opcode by name, and the opposite of a compare-and-branch.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H
#define KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H

#include "kiln/bytecode/opcodes.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::kiln {

/// vm op name -> opcodes whose row lists it.
const llvm::StringMap<llvm::SmallVector<::kiln::bytecode::Opcode, 2>> &getOpcodeMap();

/// Opcode by its name in the table ("BR_IF_LT_I32_IMM"), in O(1).
std::optional<::kiln::bytecode::Opcode> lookupOpcodeByName(llvm::StringRef name);

/// A compare-and-branch opcode and the one that branches on the opposite
/// outcome: !(a == b) is a != b; !(a < b) is b <= a and !(a <= b) is b < a
/// (two registers, swapped); !(x < k) is x >= k and !(x <= k) is x > k
/// (register and immediate).
struct BranchNegation {
  ::kiln::bytecode::Opcode opcode, negated;
  bool swapRegisters;
};
std::optional<BranchNegation> negationOf(::kiln::bytecode::Opcode opcode);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_OPCODESELECTION_H
