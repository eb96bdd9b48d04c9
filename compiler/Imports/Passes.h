//===- Passes.h - Passes over imports of the runtime's modules --*- C++ -*-===//

#ifndef KILN_COMPILER_IMPORTS_PASSES_H
#define KILN_COMPILER_IMPORTS_PASSES_H

#include "dialects/vm/VMOps.h"

#include "mlir/Pass/Pass.h"

namespace mlir::kiln::vm {

#define GEN_PASS_DECL
#include "compiler/Imports/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Imports/Passes.h.inc"

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_IMPORTS_PASSES_H
