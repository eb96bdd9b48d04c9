//===- Passes.h - Analysis test passes --------------------------*- C++ -*-===//

#ifndef KILN_COMPILER_ANALYSIS_PASSES_H
#define KILN_COMPILER_ANALYSIS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "compiler/Analysis/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "compiler/Analysis/Passes.h.inc"

} // namespace mlir::kiln

#endif // KILN_COMPILER_ANALYSIS_PASSES_H
