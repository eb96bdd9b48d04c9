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

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Support/LLVM.h"
#include "mlir/Support/LogicalResult.h"

namespace llvm {
class raw_ostream;
} // namespace llvm
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::kiln {

/// Choices of the C target (vm-translate flags set them).
struct CTargetOptions {
  /// --vm-c-light-frames: functions that can fail or call but never suspend
  /// take a light frame (kiln_light_enter); off gives them a VM frame
  /// through the services, for A/B measurements (bench/).
  bool lightFrames = true;
  /// --vm-c-form-expressions: emitc's form-expressions before printing
  /// (off: one C statement per emitc op).
  bool formExpressions = true;
  /// --vm-c-bounded: write `#define KILN_C_BOUNDED 1` at the top, so the
  /// module counts fuel and checks the native stack however it is compiled
  /// (kiln/c/module.h, "Bounded modules"). The checks are emitted either
  /// way; without the define they compile to nothing.
  bool bounded = false;
  /// --vm-c-version-loops: the native preparation versions loops
  /// (vm-version-loops) so accesses proven in range skip their index check.
  bool versionLoops = true;
};

/// Builds the emitc form of a prepared vm.module (ordinals allocated,
/// checks lowered, initializers merged into __init): a builtin module that
/// mlir::emitc::translateToCpp prints as the C module (declared variables
/// at the top, as its multi-block functions require). Emits diagnostics and
/// fails on ops the C target does not support.
FailureOr<OwningOpRef<ModuleOp>> convertVMToEmitC(Operation *vmModule,
                                                  const CTargetOptions &options = {});

/// Receives the top-level ops of the emitc module one at a time, in module
/// order, each verified and complete, with the texts its attributes name by
/// marker (see printEmitCPiece).
using EmitCPieceSink =
    llvm::function_ref<LogicalResult(Operation *, llvm::ArrayRef<std::string> placedTexts)>;

/// Marks a text set aside while streaming: an attribute of a streamed piece
/// that would hold a text appearing once in the C (a #line, a source
/// location's name or initializer) holds kPlacedTextMark, the text's index
/// in `placedTexts`, kPlacedTextMark instead. The indices restart with every
/// function, so the context does not keep a uniqued string per op of a large
/// module. Printed C never contains the byte otherwise (cString escapes it).
constexpr char kPlacedTextMark = '\x1f';

/// Prints a streamed piece as C (emitc::translateToCpp), with its markers
/// replaced by their texts.
LogicalResult printEmitCPiece(Operation *piece, llvm::ArrayRef<std::string> placedTexts,
                              llvm::raw_ostream &os);

/// The same conversion, streamed: each top-level op goes to `sink` as soon
/// as it is complete (a function right after its body is built) and is then
/// dropped, so only one function's emitc form is alive at a time. The C
/// target prints this way: memory stays flat in the number of functions.
LogicalResult convertVMToEmitC(Operation *vmModule, const CTargetOptions &options,
                               EmitCPieceSink sink);

/// Translates `op` (a vm.module, or a builtin.module holding exactly one) to
/// C: runs the vm preparation pipeline on `op` first unless `runPreparation`
/// is false, converts to emitc and prints C.
LogicalResult translateVMToC(Operation *op, llvm::raw_ostream &os, bool runPreparation = true,
                             const CTargetOptions &options = {});

/// Registers `--vm-to-c` with mlir-translate-style tools.
void registerVMToCTranslation();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_C_VMTOC_H
