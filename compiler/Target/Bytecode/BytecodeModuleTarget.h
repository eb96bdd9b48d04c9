//===- BytecodeModuleTarget.h - vm.module -> .vmfb --------------*- C++ -*-===//
//
// Serializes a `vm.module` into the `.vmfb` container of docs/bytecode.md:
// a 32-byte header, the Module FlatBuffer (runtime/schema/vmfb.fbs) and a
// 64-byte aligned external data area for large rodata. Output is
// byte-identical for identical input.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_BYTECODEMODULETARGET_H
#define KILN_COMPILER_TARGET_BYTECODE_BYTECODEMODULETARGET_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <vector>

namespace mlir::kiln {

struct BytecodeTargetOptions {
  /// Omit the debug database (--vm-bytecode-strip-debug).
  bool stripDebug = false;
  /// Rodata segments of at least this many bytes go to the external data
  /// area instead of being embedded in the FlatBuffer.
  uint64_t externalRodataThreshold = 4096;
  /// Run the bytecode preparation (runVMPreparation) before encoding.
  bool runPreparation = true;
};

/// Encodes the single `vm.module` in (or at) `op` into .vmfb bytes. Runs no
/// passes. Diagnostics go to the offending ops.
FailureOr<std::vector<uint8_t>> serializeVMModule(Operation *op,
                                                  const BytecodeTargetOptions &options);

/// Runs preparation (if enabled) and writes the .vmfb to `os`.
LogicalResult translateModuleToBytecode(Operation *op, const BytecodeTargetOptions &options,
                                        raw_ostream &os);

/// Runs preparation (if enabled), serializes, reads the file back and prints
/// its tables and a disassembly as JSON. (BytecodeJSON.cpp)
LogicalResult translateModuleToBytecodeJSON(Operation *op, const BytecodeTargetOptions &options,
                                            raw_ostream &os);

/// Prints a .vmfb (as produced by serializeVMModule) as JSON; fails with a
/// message on malformed input.
LogicalResult printBytecodeAsJSON(ArrayRef<uint8_t> file, raw_ostream &os, std::string &error);

/// Registers --vm-to-bytecode and --vm-to-bytecode-json with
/// mlir-translate's registry, plus their command-line options.
void registerVMBytecodeTranslations();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_BYTECODEMODULETARGET_H
