//===- Passes.h - Conversions from upstream dialects into vm ----*- C++ -*-===//
//
// --convert-to-vm (declared in Passes.td) lowers a builtin.module of
// func/arith/math/cf/scf/memref into one vm.module; --kiln-lower-to-vm runs
// it and cleans up. See docs/conversion.md for the type mapping and the
// calling convention.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_PASSES_H
#define KILN_COMPILER_CONVERSION_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>

namespace mlir::kiln {

#define GEN_PASS_DECL
#include "compiler/Conversion/Passes.h.inc"

/// Options of --convert-to-vm: `indexBitwidth` (64 or 32) and `moduleName`,
/// the vm.module's name when the builtin.module has no sym_name (tools pass
/// the input file's stem; "module" when empty).
using ConvertToVMOptions = ConvertToVMPassOptions;

/// Registers --convert-to-vm and the --kiln-lower-to-vm pipeline.
void registerConversionPasses();

} // namespace mlir::kiln

#endif // KILN_COMPILER_CONVERSION_PASSES_H
