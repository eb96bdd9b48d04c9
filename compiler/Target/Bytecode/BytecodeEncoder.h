//===- BytecodeEncoder.h - vm function -> Kiln bytecode ---------*- C++ -*-===//
//
// Encodes the body of one `vm.func` into Kiln bytecode (docs/bytecode.md).
// Ops are encoded from the opcode table (kiln/bytecode/opcodes.h, generated
// from runtime/schema/opcodes.txt): the encoder looks an op up in the
// OpcodeTable and emits each operand the table lists; fused, immediate and
// negated forms come from the table's selection columns (BytecodePlan).
// Control flow, calls, returns and two peepholes are written by hand,
// choosing ops by their C++ class.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_BYTECODEENCODER_H
#define KILN_COMPILER_TARGET_BYTECODE_BYTECODEENCODER_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace mlir::kiln {

class OpcodeTable;

/// Module-wide tables the encoder resolves symbols against and interns
/// types and strings into (first-use order, so output is deterministic).
struct BytecodeModuleTables {
  llvm::StringMap<uint32_t> functionOrdinals;
  llvm::StringMap<uint32_t> importOrdinals;
  llvm::StringMap<Operation *> importOps;
  llvm::StringMap<uint32_t> rodataOrdinals;
  /// `vm.rodata.inline` ops, which the preparation pipeline has not hoisted
  /// yet, get rodata ordinals after the named segments.
  llvm::DenseMap<Operation *, uint32_t> inlineRodataOrdinals;
  llvm::StringMap<uint32_t> scalarGlobalOffsets;
  llvm::StringMap<unsigned> scalarGlobalWidths;
  llvm::StringMap<uint32_t> refGlobalOrdinals;

  std::vector<std::string> types;
  llvm::StringMap<uint32_t> typeIndices;
  std::vector<std::string> strings;
  llvm::StringMap<uint32_t> stringIndices;

  uint32_t internType(Type type);
  uint32_t internString(StringRef string);
};

/// One encoded function.
struct EncodedFunction {
  std::vector<uint8_t> bytecode;
  uint16_t scalarRegisterCount = 0;
  uint16_t refRegisterCount = 0;
  /// Sorted by pc; a location applies until the next entry.
  std::vector<std::pair<uint32_t, Location>> locations;
};

/// Encodes `funcOp` (a `vm.func`) with the opcodes of `opcodes`. Emits a
/// diagnostic at the offending op and fails when something cannot be
/// encoded.
FailureOr<EncodedFunction> encodeFunction(Operation *funcOp, const OpcodeTable &opcodes,
                                          BytecodeModuleTables &tables);

/// The calling-convention type code of a vm value type ('i', 'I', 'f', 'F',
/// 'r'), or 0 when the type has none.
char getTypeCode(Type type);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_BYTECODEENCODER_H
