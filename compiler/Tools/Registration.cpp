//===- Registration.cpp - Dialects and passes Kiln's tools know -----------===//

#include "compiler/Tools/Registration.h"

#include "compiler/Analysis/Passes.h"
#include "compiler/Conversion/BufferViewPasses.h"
#include "compiler/Conversion/Passes.h"
#include "compiler/Target/Bytecode/Passes.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/hal/HALDialect.h"
#include "dialects/util/UtilDialect.h"
#include "dialects/vm/VMDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace mlir::kiln {

void registerKilnDialects(DialectRegistry &registry) {
  registry.insert<vm::VMDialect, hal::HALDialect, util::UtilDialect, func::FuncDialect,
                  arith::ArithDialect, math::MathDialect, cf::ControlFlowDialect, scf::SCFDialect,
                  memref::MemRefDialect, vector::VectorDialect>();
}

void registerKilnPasses() {
  // Upstream clean-up passes users reach for next to Kiln's own.
  registerTransformsPasses();
  registerConversionPasses();
  registerBufferViewPasses();
  registerKilnAnalysisPasses();
  registerKilnBytecodeTargetPasses();
  registerVMTransformPasses();
}

} // namespace mlir::kiln
