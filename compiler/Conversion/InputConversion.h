//===- InputConversion.h - Upstream input accepted by the targets -*- C++ -*-===//
//
// vm-translate's targets take either a vm.module or plain upstream MLIR
// (func/arith/math/cf/scf/memref). For the latter they run the same lowering
// as `vm-opt --kiln-lower-to-vm` first, so one command goes from plain MLIR
// to a .vmfb or to C.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_INPUTCONVERSION_H
#define KILN_COMPILER_CONVERSION_INPUTCONVERSION_H

#include "compiler/Conversion/Passes.h"

#include "mlir/IR/Operation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/LLVM.h"

#include <functional>

namespace mlir::kiln {

/// Lowers upstream input in place into one vm.module (convert-to-vm, then
/// canonicalize and CSE). Without a module name in `options` or a sym_name on
/// the module, the vm.module is named after the input file's stem. A no-op
/// for input that is already vm; input mixing a vm.module with upstream ops
/// at the top level is an error.
LogicalResult lowerInputToVM(Operation *op, ConvertToVMOptions options);

/// Passes a library built on top of the conversion adds to the pipeline of
/// lowerInputToVM (compiler/Dispatch: parallel loops into dispatches):
/// `beforeConversion` adds passes that run before convert-to-vm,
/// `afterConversion` passes that run right after it. Either may be empty.
struct InputPipelineHooks {
  std::function<void(OpPassManager &)> beforeConversion;
  std::function<void(OpPassManager &)> afterConversion;
};
void setInputPipelineHooks(InputPipelineHooks hooks);

/// Registers vm-translate's input options (--vm-input-index-bitwidth,
/// --vm-module-name) once, and returns their current values.
ConvertToVMOptions getInputConversionCLOptions();
void registerInputConversionCLOptions();

} // namespace mlir::kiln

#endif // KILN_COMPILER_CONVERSION_INPUTCONVERSION_H
