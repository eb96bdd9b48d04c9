//===- VMToC.cpp - vm dialect -> emitc -> C ---------------------------------===//
//
// The C target (see VMToC.h). A vm.module becomes a builtin module of
// upstream `emitc` ops (convertVMToEmitC), which mlir::emitc::translateToCpp
// prints as C11 against runtime/include/kiln/c/.
//
// Each vm.func becomes an emitc.func. Block arguments, refs and every value
// of a function that may suspend live in emitc.variables; other scalar op
// results are plain emitc values (C temporaries, folded into expressions by
// form-expressions). Blocks become blocks (printed as labels and gotos),
// built in dominance order; block arguments are assigned on each edge as a
// parallel copy. Ref variables own
// one reference each and are released in the single cleanup block. Internal
// calls are emitc.call (direct C calls); imports go through kiln_call_import
// with arguments packed by the import's signature. Ops that can fail branch
// to a cold block that makes the status at the op's static source location
// (an emitc.global kiln_source_loc_t, chained through inlined call sites).
// `#line` directives (emitc.verbatim) map the C back to the .mlir.
//
// A function that may suspend enters a VM stack frame (kiln_frame_enter);
// one that can fail or call but never suspends enters a light frame
// (kiln_light_enter: a depth counter, no runtime call; its trace line is
// added on the error path only, see kiln/c/module.h). Either way the frame
// header's `loc` is kept at the op that may fail or call out, so traces show
// C frames like bytecode ones. A function that may suspend (vm.yield,
// vm.call.yieldable, any import call, or a call to such a function) is a
// resume state machine: each suspension point has a number; on DEFERRED the
// function spills its variables into its frame storage and returns
// DEFERRED; on resume kiln_frame_enter hands back the point, the function
// reloads its variables and branches to the point's block, which re-issues
// the call (or, for vm.yield, continues at the destination block).
//
// The pieces: CNames (naming and C types), CEmitter.h with FunctionEmitter
// (FunctionEmitter.cpp, ScalarOps.cpp, MemoryOps.cpp, CallOps.cpp) and
// ModuleEmitter (ModuleEmitter.cpp: state, entry points, descriptor); this
// file runs them and registers the translations.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/VMToC.h"
#include "compiler/Target/C/CEmitter.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Tools/TextTranslation.h"
#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/VerifyTargetLimits.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/EmitC/Transforms/Transforms.h"
#include "mlir/IR/Iterators.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace mlir::kiln {

FailureOr<OwningOpRef<ModuleOp>> convertVMToEmitC(Operation *vmModule,
                                                  const CTargetOptions &options) {
  ctarget::ModuleEmitter emitter(vmModule, options);
  return emitter.run();
}

/// What upstream's --form-expressions pass does to every emitc.func (wrap
/// each single-result C operator in an emitc.expression, then fold
/// expressions into their users with the same patterns and the same greedy
/// driver settings), with the pattern set frozen once for the module instead
/// of once per function: the pass rebuilt it for each of thousands of
/// functions, a quarter of the C target's time (docs/limits.md).
static LogicalResult formExpressions(ModuleOp module) {
  MLIRContext *context = module.getContext();
  RewritePatternSet patterns(context);
  emitc::populateExpressionPatterns(patterns);
  FrozenRewritePatternSet frozen(std::move(patterns));
  OpBuilder builder(context);
  GreedyRewriteConfig config;
  config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  config.enableFolding(false);
  config.enableConstantCSE(false);
  for (auto func : llvm::make_early_inc_range(module.getOps<emitc::FuncOp>())) {
    func->walk([&](Operation *op) {
      if (op->getNumResults() == 1 && !isa<emitc::LiteralOp>(op) &&
          isa<emitc::CExpressionInterface>(*op) &&
          !op->getParentOfType<emitc::ExpressionOp>())
        emitc::createExpression(op, builder);
    });
    if (failed(applyPatternsGreedily(func, frozen, config)))
      return failure();
  }
  return success();
}

LogicalResult translateVMToC(Operation *op, raw_ostream &os, bool runPreparation,
                             const CTargetOptions &options) {
  if (runPreparation) {
    PassManager pm(op->getContext(), op->getName().getStringRef());
    buildVMBytecodePreparationPipeline(pm);
    if (failed(pm.run(op)))
      return failure();
  }
  Operation *vmModule = nullptr;
  if (isa<vm::ModuleOp>(op)) {
    vmModule = op;
  } else {
    for (Region &r : op->getRegions())
      for (Block &blk : r)
        for (Operation &child : blk)
          if (isa<vm::ModuleOp>(child)) {
            if (vmModule)
              return op->emitError("--vm-to-c translates one vm.module at a time");
            vmModule = &child;
          }
  }
  if (!vmModule)
    return op->emitError("--vm-to-c expects a vm.module");
  if (failed(vm::verifyTargetLimits(vmModule)))
    return failure();
  FailureOr<OwningOpRef<ModuleOp>> emitc = convertVMToEmitC(vmModule, options);
  if (failed(emitc))
    return failure();
  // Fold single-use loads, casts and calls into the C expressions that use
  // them, so the C reads like hand-written code instead of one temporary
  // per op.
  // Reads nothing uses (an operand loaded on a path that turned out not to
  // need it) would print as set-but-unused C variables.
  emitc->get()->walk<WalkOrder::PostOrder, mlir::ReverseIterator>([](Operation *op) {
    if (isa<emitc::LoadOp, emitc::LiteralOp, emitc::CastOp, emitc::CmpOp, emitc::GetGlobalOp,
            emitc::AddressOfOp, emitc::MemberOp, emitc::MemberOfPtrOp>(op) &&
        op->use_empty())
      op->erase();
  });
  // `(void)x;` keeps a variable or parameter nothing reads quiet under
  // -Wunused; where something does read it, drop the noise.
  emitc->get()->walk([](emitc::VerbatimOp verbatim) {
    if (verbatim.getValue() != "(void){};" || verbatim.getFmtArgs().size() != 1)
      return;
    Value v = verbatim.getFmtArgs()[0];
    bool read = llvm::any_of(v.getUsers(), [&](Operation *user) {
      if (isa<emitc::VerbatimOp>(user))
        return false;
      auto assign = dyn_cast<emitc::AssignOp>(user);
      return !assign || assign.getValue() == v;
    });
    if (read)
      verbatim.erase();
  });
  if (options.formExpressions && failed(formExpressions(emitc->get())))
    return failure();
  return emitc::translateToCpp(emitc->get(), os, /*declareVariablesAtTop=*/true);
}

void registerVMToCTranslation() {
  static llvm::cl::opt<bool> noPreparation(
      "vm-c-no-preparation",
      llvm::cl::desc("Translate the input as is, without the preparation pipeline "
                     "(the module must already be prepared)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> lightFrames(
      "vm-c-light-frames",
      llvm::cl::desc("Give functions that can fail or call but never suspend a "
                     "light frame (kiln_light_enter) instead of a VM frame "
                     "through the services (off: for A/B measurements)"),
      llvm::cl::init(true));
  static llvm::cl::opt<bool> formExpressions(
      "vm-c-form-expressions",
      llvm::cl::desc("Fold single-use emitc ops into C expressions before printing"),
      llvm::cl::init(true));
  static llvm::cl::opt<bool> bounded(
      "vm-c-bounded",
      llvm::cl::desc("Write #define KILN_C_BOUNDED 1 into the C: the module counts "
                     "fuel at loops and calls and checks the native stack in "
                     "recursive and large functions (else: pass -DKILN_C_BOUNDED=1 "
                     "to the C compiler, or leave it off and pay nothing)"),
      llvm::cl::init(false));
  auto registerDialects = [](DialectRegistry &registry) {
    registerKilnDialects(registry);
    registry.insert<emitc::EmitCDialect, cf::ControlFlowDialect>();
  };
  registerTranslationFromText(
      "vm-to-c", "translate a vm.module to C (kiln/c/module.h ABI) through emitc",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        CTargetOptions options;
        options.lightFrames = lightFrames;
        options.formExpressions = formExpressions;
        options.bounded = bounded;
        return translateVMToC(op, os, !noPreparation, options);
      },
      registerDialects);
  // The emitc form itself, for inspection and lit tests of the conversion.
  registerTranslationFromText(
      "vm-to-emitc", "convert a vm.module to the emitc dialect (printed as MLIR)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        CTargetOptions options;
        options.lightFrames = lightFrames;
        if (!noPreparation) {
          PassManager pm(op->getContext(), op->getName().getStringRef());
          buildVMBytecodePreparationPipeline(pm);
          if (failed(pm.run(op)))
            return failure();
        }
        Operation *vmModule = isa<vm::ModuleOp>(op) ? op : nullptr;
        if (!vmModule)
          op->walk([&](Operation *child) {
            if (!vmModule && isa<vm::ModuleOp>(child))
              vmModule = child;
          });
        if (!vmModule)
          return op->emitError("--vm-to-emitc expects a vm.module");
        FailureOr<OwningOpRef<ModuleOp>> emitc = convertVMToEmitC(vmModule, options);
        if (failed(emitc))
          return failure();
        emitc->get()->print(os);
        os << "\n";
        return success();
      },
      registerDialects);
  registerInputConversionCLOptions();
}

} // namespace mlir::kiln
