//===- Passes.h - Bytecode target test passes -------------------*- C++ -*-===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_PASSES_H
#define KILN_COMPILER_TARGET_BYTECODE_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "compiler/Target/Bytecode/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Target/Bytecode/Passes.h.inc"

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_PASSES_H
