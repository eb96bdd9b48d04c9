//===- ConvertToVM.cpp - func/arith/math/cf/scf/memref to vm ---------------===//
//
// The --convert-to-vm pass (Passes.td): one dialect conversion turns a
// builtin.module into a vm.module. The type converter is in
// VMTypeConverter.cpp, the patterns per source dialect in FuncToVM.cpp,
// ArithToVM.cpp, MathToVM.cpp, CFToVM.cpp, MemRefToVM.cpp and SCFToVM.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/Passes.h"
#include "compiler/Conversion/ToVMPatterns.h"
#include "compiler/Conversion/VMTypeConverter.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringMap.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_CONVERTTOVMPASS
#include "compiler/Conversion/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln::vm;

namespace mlir::kiln {
namespace {

/// Reports, once per op, a value whose type has no vm form: at the op that
/// defines it (a result, a block argument, or a function's signature).
/// Returns failure if there was any.
LogicalResult checkTypes(Operation *root, const VMTypeConverter &c) {
  bool ok = true;
  auto bad = [&](Type t) {
    SmallVector<Type> out;
    return failed(c.convertType(t, out));
  };
  auto report = [&](Operation *op, Type t, StringRef what) {
    ok = false;
    InFlightDiagnostic diag = op->emitOpError()
                              << what << " type " << t << " is not supported by the vm conversion";
    if (isa<MemRefType>(t))
      diag << " (only contiguous row-major memrefs of i1, i8, i16, i32, "
              "i64, index, f32 or f64 are)";
  };
  root->walk([&](Operation *op) {
    if (isa<kiln::vm::ModuleOp>(op) || op->getParentOfType<kiln::vm::ModuleOp>())
      return;
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      for (Type t : func.getArgumentTypes())
        if (bad(t))
          return report(op, t, "argument");
      for (Type t : func.getResultTypes())
        if (bad(t))
          return report(op, t, "result");
    }
    for (Type t : op->getResultTypes())
      if (bad(t))
        return report(op, t, "result");
    for (Region &region : op->getRegions())
      for (Block &block : region)
        if (!block.isEntryBlock() || !isa<func::FuncOp>(op))
          for (Type t : block.getArgumentTypes())
            if (bad(t))
              return report(op, t, "block argument");
  });
  return success(ok);
}

struct ConvertToVMPass : public impl::ConvertToVMPassBase<ConvertToVMPass> {
  using ConvertToVMPassBase::ConvertToVMPassBase;

  void runOnOperation() override {
    mlir::ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    if (indexBitwidth != 32 && indexBitwidth != 64) {
      module.emitError() << "index-bitwidth must be 32 or 64";
      return signalPassFailure();
    }

    // scf first, with upstream's own lowering to cf; scalar vector.print
    // as calls of the runner utilities.
    if (failed(tovm::lowerSCFToCF(module)) || failed(tovm::lowerVectorPrints(module)))
      return signalPassFailure();

    VMTypeConverter converter(indexBitwidth);
    if (failed(checkTypes(module, converter)))
      return signalPassFailure();

    // vm symbol names of functions: imports are renamed to module.function.
    llvm::StringMap<std::string> names;
    bool namesOk = true;
    for (auto func : module.getOps<func::FuncOp>()) {
      FailureOr<std::string> name = tovm::vmSymbolName(func);
      if (failed(name)) {
        func.emitOpError() << "declaration needs a module to import from: name it "
                              "`module.function` or set `vm.import_module`";
        namesOk = false;
      } else if (*name != func.getSymName()) {
        names[func.getSymName()] = *name;
      }
    }
    if (!namesOk)
      return signalPassFailure();

    // Move everything into the vm.module, then convert in place.
    StringRef name = module.getSymName().value_or(moduleName.empty() ? StringRef("module")
                                                                     : StringRef(moduleName));
    OpBuilder builder(ctx);
    builder.setInsertionPointToEnd(module.getBody());
    auto vmModule = kiln::vm::ModuleOp::create(builder, module.getLoc(), name);
    Block &vmBody = vmModule.getBlock();
    for (Operation &op : llvm::make_early_inc_range(module.getBody()->getOperations())) {
      if (&op == vmModule.getOperation() || isa<kiln::vm::ModuleOp>(op))
        continue;
      op.moveBefore(vmBody.getTerminator());
    }

    ConversionTarget target(*ctx);
    target.addLegalDialect<VMDialect>();
    RewritePatternSet patterns(ctx);
    tovm::populateFuncToVMPatterns(converter, names, patterns);
    tovm::populateArithToVMPatterns(converter, patterns);
    tovm::populateMathToVMPatterns(converter, patterns);
    tovm::populateCFToVMPatterns(converter, patterns);
    tovm::populateMemRefToVMPatterns(converter, patterns);
    tovm::populateVectorToVMPatterns(converter, patterns);
    if (failed(applyFullConversion(vmModule, target, std::move(patterns))))
      return signalPassFailure();
  }
};

struct LowerToVMPipelineOptions : public PassPipelineOptions<LowerToVMPipelineOptions> {
  Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bit width of index values in the vm module (32 or 64)"), llvm::cl::init(64)};
};

} // namespace

void registerConversionPasses() {
  PassRegistration<ConvertToVMPass>();
  PassPipelineRegistration<LowerToVMPipelineOptions>(
      "kiln-lower-to-vm", "Converts upstream dialects into vm, then canonicalizes and CSEs",
      [](OpPassManager &pm, const LowerToVMPipelineOptions &options) {
        ConvertToVMOptions o;
        o.indexBitwidth = options.indexBitwidth;
        pm.addPass(createConvertToVMPass(o));
        pm.addPass(createCanonicalizerPass());
        pm.addPass(createCSEPass());
      });
}

} // namespace mlir::kiln
