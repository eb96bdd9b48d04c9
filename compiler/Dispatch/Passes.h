//===- Passes.h - Parallel loops into hal dispatches --------------*- C++ -*-===//
//
// --kiln-outline-dispatches and --kiln-embed-dispatches (Passes.td), and the
// vm-translate options that add them to the input pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_DISPATCH_PASSES_H
#define KILN_COMPILER_DISPATCH_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "compiler/Dispatch/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Dispatch/Passes.h.inc"

/// The module attribute that carries the outlined pairs from the first pass
/// to the second: an array of {host = @F_dispatch_N, kernel =
/// @F_dispatch_N_kernel} dictionaries, in program order.
inline constexpr llvm::StringLiteral kDispatchesAttr = "kiln.dispatches";

/// Registers vm-translate's --kiln-dispatch-parallel-loops, --kernel-form,
/// --kernel-cc and --kiln-dispatch-workgroups, and makes the input pipeline
/// (lowerInputToVM) run the two passes when the first is given.
void registerDispatchTranslationOptions();

} // namespace mlir::kiln

#endif // KILN_COMPILER_DISPATCH_PASSES_H
