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
#include "mlir/Target/Cpp/CppEmitter.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace mlir::kiln {

FailureOr<OwningOpRef<ModuleOp>> convertVMToEmitC(Operation *vmModule,
                                                  const CTargetOptions &options) {
  ctarget::ModuleEmitter emitter(vmModule, options);
  return emitter.run();
}

LogicalResult convertVMToEmitC(Operation *vmModule, const CTargetOptions &options,
                               EmitCPieceSink sink) {
  ctarget::ModuleEmitter emitter(vmModule, options);
  return success(succeeded(emitter.run(sink)));
}

/// What upstream's --form-expressions pass does to an emitc.func (wrap each
/// single-result C operator in an emitc.expression, then fold expressions
/// into their users with the same patterns), with the pattern set frozen
/// once per module instead of once per function (docs/limits.md). Only the
/// patterns run: the greedy driver's folding, constant CSE and region
/// simplification found nothing to do on the C target's output beyond
/// identity casts (not built in the first place) and blocks that only
/// branch, yet cost a fifth of the target's time.
static LogicalResult formExpressions(emitc::FuncOp func, const FrozenRewritePatternSet &patterns) {
  OpBuilder builder(func.getContext());
  func->walk([&](Operation *op) {
    if (op->getNumResults() == 1 && !isa<emitc::LiteralOp>(op) &&
        isa<emitc::CExpressionInterface>(*op) && !op->getParentOfType<emitc::ExpressionOp>())
      emitc::createExpression(op, builder);
  });
  GreedyRewriteConfig config;
  config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  config.enableFolding(false);
  config.enableConstantCSE(false);
  return applyPatternsGreedily(func, patterns, config);
}

/// Drops what would print as C noise: reads nothing uses (an operand loaded
/// on a path that turned out not to need it prints as a set-but-unused
/// variable), and `(void)x;` for a variable something does read.
static void tidyEmitC(Operation *root) {
  root->walk<WalkOrder::PostOrder, mlir::ReverseIterator>([](Operation *op) {
    if (isa<emitc::LoadOp, emitc::LiteralOp, emitc::CastOp, emitc::CmpOp, emitc::GetGlobalOp,
            emitc::AddressOfOp, emitc::MemberOp, emitc::MemberOfPtrOp>(op) &&
        op->use_empty())
      op->erase();
  });
  root->walk([](emitc::VerbatimOp verbatim) {
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
}

LogicalResult printEmitCPiece(Operation *piece, ArrayRef<std::string> placedTexts,
                              raw_ostream &os) {
  if (placedTexts.empty())
    return emitc::translateToCpp(piece, os, /*declareVariablesAtTop=*/true);
  SmallString<4096> printed;
  llvm::raw_svector_ostream buffer(printed);
  if (failed(emitc::translateToCpp(piece, buffer, /*declareVariablesAtTop=*/true)))
    return failure();
  StringRef rest = printed;
  while (!rest.empty()) {
    size_t mark = rest.find(kPlacedTextMark);
    os << rest.take_front(mark);
    if (mark == StringRef::npos)
      break;
    rest = rest.drop_front(mark + 1);
    // A marker is the index and a closing mark; anything else is not one.
    size_t end = rest.find(kPlacedTextMark);
    unsigned index = 0;
    if (end == StringRef::npos || rest.take_front(end).getAsInteger(10, index) ||
        index >= placedTexts.size()) {
      os << kPlacedTextMark;
      continue;
    }
    os << placedTexts[index];
    rest = rest.drop_front(end + 1);
  }
  return success();
}

LogicalResult translateVMToC(Operation *op, raw_ostream &os, bool runPreparation,
                             const CTargetOptions &options) {
  if (runPreparation) {
    if (failed(runVMPreparation(op, VMPreparation::Native, options.versionLoops)))
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
  // Printed a function at a time: the emitc form of one function is alive
  // at once, so memory and time stay linear in the number of functions.
  // Loaded before the patterns are built: a pattern rooted at an op of a
  // dialect not loaded yet never matches.
  op->getContext()->getOrLoadDialect<emitc::EmitCDialect>();
  RewritePatternSet patternList(op->getContext());
  emitc::populateExpressionPatterns(patternList);
  FrozenRewritePatternSet patterns(std::move(patternList));
  auto printPiece = [&](Operation *piece, ArrayRef<std::string> placedTexts) -> LogicalResult {
    tidyEmitC(piece);
    // Fold single-use loads, casts and calls into the C expressions that
    // use them, so the C reads like hand-written code instead of one
    // temporary per op.
    if (auto func = dyn_cast<emitc::FuncOp>(piece))
      if (options.formExpressions && failed(formExpressions(func, patterns)))
        return failure();
    return printEmitCPiece(piece, placedTexts, os);
  };
  if (failed(convertVMToEmitC(vmModule, options, printPiece)))
    return failure();
  os << "\n"; // as printing the whole module ends
  return success();
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
  static llvm::cl::opt<bool> versionLoops(
      "vm-c-version-loops",
      llvm::cl::desc("Version loops whose buffer accesses are affine in the induction "
                     "variable: a copy without per-element index checks runs when a "
                     "check before the loop finds every index in range"),
      llvm::cl::init(true));
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
        options.versionLoops = versionLoops;
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
          if (failed(runVMPreparation(op, VMPreparation::Native, versionLoops)))
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
