//===- LLVMPipeline.h - Optimization levels and LLVM's pipeline -*- C++ -*-===//
//
// One reading of Kiln's -O0..3 for LLVM (code generator level, IR pipeline)
// and the JIT's quick level, and one way to run LLVM's default pipeline,
// shared by the LLVM target and the JIT. Header-only: kiln_jit_core links
// LLVM but not the compiler.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_LLVM_LLVMPIPELINE_H
#define KILN_COMPILER_TARGET_LLVM_LLVMPIPELINE_H

#include "llvm/IR/Module.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"

namespace kiln::llvmpipeline {

/// The JIT's quick level (kiln::jit::kQuickLevel, KILN_JIT_OPT_LEVEL_QUICK):
/// a short IR pipeline (runQuickPipeline) and the code generator at None
/// (fast instruction selection, fast register allocation). Not one of
/// LLVM's levels; vm-translate has no such level.
inline constexpr unsigned kQuickLevel = 0xffu;

/// The code generator's level for -O`level` (3 and above: aggressive; the
/// quick level: none).
inline llvm::CodeGenOptLevel codeGenOptLevel(unsigned level) {
  switch (level) {
  case 0:
  case kQuickLevel:
    return llvm::CodeGenOptLevel::None;
  case 1:
    return llvm::CodeGenOptLevel::Less;
  case 2:
    return llvm::CodeGenOptLevel::Default;
  default:
    return llvm::CodeGenOptLevel::Aggressive;
  }
}

/// The analysis managers a pipeline of `builder`'s runs with, registered
/// and cross-linked (declared loops first, so the module's goes first).
struct PipelineAnalyses {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;

  explicit PipelineAnalyses(llvm::PassBuilder &builder) {
    builder.registerModuleAnalyses(modules);
    builder.registerCGSCCAnalyses(sccs);
    builder.registerFunctionAnalyses(functions);
    builder.registerLoopAnalyses(loops);
    builder.crossRegisterProxies(loops, functions, sccs, modules);
  }
};

/// The quick level's IR pipeline: the always-inline functions (the ops.h
/// helpers) inlined and dropped, then per function SROA (values in
/// registers, not stack slots), early CSE, CFG simplification and
/// instcombine, once each. No inliner for the module's own functions, no
/// loop or vector passes: a fifth of -O2's time on a small module, and code
/// the code generator at None turns into machine code quickly.
inline void runQuickPipeline(llvm::Module &module, llvm::TargetMachine &machine) {
  llvm::PassBuilder builder(&machine);
  PipelineAnalyses analyses(builder);
  llvm::FunctionPassManager perFunction;
  perFunction.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
  perFunction.addPass(llvm::EarlyCSEPass());
  perFunction.addPass(llvm::SimplifyCFGPass());
  perFunction.addPass(llvm::InstCombinePass());
  llvm::ModulePassManager passes;
  passes.addPass(llvm::AlwaysInlinerPass(/*InsertLifetimeIntrinsics=*/false));
  passes.addPass(llvm::GlobalDCEPass());
  passes.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(perFunction)));
  passes.run(module, analyses.modules);
}

/// LLVM's default<O`level`> pipeline for `machine`. Above -O0 the
/// always-inline functions (the ops.h helpers) are inlined and dropped
/// first, so the pipeline works on the module's own functions only, not on
/// a copy of every helper they call as well (about a fifth of its time on
/// a small module).
/// The quick level: runQuickPipeline.
inline void runDefaultPipeline(llvm::Module &module, llvm::TargetMachine &machine, unsigned level) {
  if (level == kQuickLevel) {
    runQuickPipeline(module, machine);
    return;
  }
  llvm::PassBuilder builder(&machine);
  PipelineAnalyses analyses(builder);
  if (level == 0) {
    builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0).run(module, analyses.modules);
    return;
  }
  llvm::ModulePassManager passes;
  passes.addPass(llvm::AlwaysInlinerPass(/*InsertLifetimeIntrinsics=*/true));
  passes.addPass(llvm::GlobalDCEPass());
  passes.addPass(builder.buildPerModuleDefaultPipeline(level == 1   ? llvm::OptimizationLevel::O1
                                                       : level == 2 ? llvm::OptimizationLevel::O2
                                                                    : llvm::OptimizationLevel::O3));
  passes.run(module, analyses.modules);
}

} // namespace kiln::llvmpipeline

#endif // KILN_COMPILER_TARGET_LLVM_LLVMPIPELINE_H
