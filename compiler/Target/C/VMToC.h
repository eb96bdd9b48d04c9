//===- VMToC.h - vm dialect -> C source ---------------------------*- C++ -*-===//
//
// Translates a vm.module into C11 source against runtime/include/kiln/c/
// (module.h: the C module ABI; ops.h: op semantics), after the same
// preparation pipeline as the bytecode target: the vm module is converted to
// upstream emitc (plus cf branches) and printed by mlir::emitc::translateToCpp.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_C_VMTOC_H
#define KILN_COMPILER_TARGET_C_VMTOC_H

#include "mlir/Support/LLVM.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LogicalResult.h"

namespace llvm {
class raw_ostream;
} // namespace llvm
namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::kiln {

/// Translates `op` (a vm.module, or a builtin.module holding exactly one) to
/// C. Runs the vm preparation pipeline on `op` first unless `runPreparation`
/// is false (then the module must already be prepared: ordinals allocated,
/// checks lowered, initializers merged into __init). Emits diagnostics and
/// fails on ops the C target does not support.
/// Builds the emitc form of a prepared vm.module: a builtin module that
/// mlir::emitc::translateToCpp prints as the C module (declared variables
/// at the top, as its multi-block functions require).
FailureOr<OwningOpRef<ModuleOp>> convertVMToEmitC(Operation *vmModule);

/// Runs the preparation pipeline (unless told not to), converts to emitc and
/// prints C.
LogicalResult translateVMToC(Operation *op, llvm::raw_ostream &os,
                             bool runPreparation = true);

/// Registers `--vm-to-c` with mlir-translate-style tools.
void registerVMToCTranslation();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_C_VMTOC_H
