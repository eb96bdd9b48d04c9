//===- Passes.h - Kiln vm passes --------------------------------*- C++ -*-===//
//
// The passes that prepare a vm module for the bytecode and C targets, and the
// pipeline that runs them in order.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TRANSFORMS_PASSES_H
#define KILN_COMPILER_TRANSFORMS_PASSES_H

#include "dialects/vm/VMOps.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"

namespace mlir::kiln::vm {

#define GEN_PASS_DECL
#include "compiler/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Transforms/Passes.h.inc"

/// The name of the function that global initialization creates and exports,
/// and that the runtime runs when it creates a module's state.
inline constexpr llvm::StringLiteral kInitFunctionName = "__init";

/// The unit attribute the yieldable analysis puts on functions that may
/// suspend.
inline constexpr llvm::StringLiteral kYieldableAttrName = "vm.yieldable";

} // namespace mlir::kiln::vm

namespace mlir::kiln {

/// Everything a vm module needs before a target serializes it, in order:
/// lower checks, canonicalize, hoist and deduplicate rodata, global
/// initialization, drop optimization barriers, inline, canonicalize and CSE,
/// drop unused symbols, yieldable analysis, ordinal allocation.
/// `pm` may be anchored on vm.module or on an op holding vm.modules (then the
/// passes are nested under vm.module).
void buildVMPreparationPipeline(OpPassManager &pm);

/// The name the bytecode target calls; same as buildVMPreparationPipeline.
void buildVMBytecodePreparationPipeline(OpPassManager &pm);

/// The preparation of the native targets (C and LLVM): the pipeline above,
/// then vm-version-loops (when `versionLoops`). Bytecode never runs
/// it: `in_range` is a fact only the compiler's own native output may rely on.
void buildVMNativePreparationPipeline(OpPassManager &pm, bool versionLoops = true);

/// Which preparation a target runs (see the two builders above).
enum class VMPreparation { Bytecode, Native };

/// Runs the preparation a target needs on `op` (anchored where `op` is: a
/// vm.module or an op holding vm.modules). The IR is verified once, after
/// the last pass, not after each pass: the input was verified when it was
/// parsed, the passes keep it valid, and verifying between passes was about
/// a third of the pipeline's time on large modules (every symbol use is
/// looked up again). setVMPreparationVerifyEach(true) verifies after every
/// pass again, for finding the pass that breaks a module.
/// `versionLoops` is the native preparation's (ignored for bytecode).
LogicalResult runVMPreparation(Operation *op, VMPreparation which, bool versionLoops = true);

/// Process-wide: whether runVMPreparation verifies after every pass
/// (vm-translate's --vm-verify-each). Off by default.
void setVMPreparationVerifyEach(bool verifyEach);

/// Registers every pass above and the `vm-bytecode-preparation` and
/// `vm-native-preparation` pipelines.
void registerVMTransformPasses();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TRANSFORMS_PASSES_H
