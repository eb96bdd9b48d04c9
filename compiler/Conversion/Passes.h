//===- Passes.h - Conversions from upstream dialects into vm ----*- C++ -*-===//
//
// --convert-to-vm lowers a builtin.module of func/arith/math/cf/scf/memref
// into one vm.module; --kiln-lower-to-vm runs it and cleans up. See
// docs/conversion.md for the type mapping and the calling convention.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_PASSES_H
#define KILN_COMPILER_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

#include <memory>
#include <string>

namespace mlir::kiln {

struct ConvertToVMOptions {
  /// Width of `index` in the vm module: 64 (default) or 32.
  unsigned indexBitwidth = 64;
  /// Name of the vm.module when the builtin.module has no sym_name (tools
  /// pass the input file's stem); "module" when empty.
  std::string moduleName;
};

/// Creates the --convert-to-vm pass on a builtin.module.
std::unique_ptr<Pass> createConvertToVMPass(ConvertToVMOptions options = {});

/// Registers --convert-to-vm and the --kiln-lower-to-vm pipeline.
void registerConversionPasses();

} // namespace mlir::kiln

#endif // KILN_COMPILER_CONVERSION_PASSES_H
