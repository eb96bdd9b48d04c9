//===- BufferViewPasses.h - Buffer views at the module boundary -*- C++ -*-===//

#ifndef KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES_H
#define KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "compiler/Conversion/BufferViewPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Conversion/BufferViewPasses.h.inc"

/// The module attribute that carries the recorded functions from the first
/// pass to the second: a dictionary from function name to its original
/// function type.
inline constexpr llvm::StringLiteral kBufferViewExportsAttr = "kiln.buffer_view_exports";
/// Likewise for declarations of `hal`/`check` functions written with memrefs
/// (by their `module.function` name).
inline constexpr llvm::StringLiteral kBufferViewImportsAttr = "kiln.buffer_view_imports";

} // namespace mlir::kiln

#endif // KILN_COMPILER_CONVERSION_BUFFERVIEWPASSES_H
