//===- LLVMPipeline.h - Optimization levels and LLVM's pipeline -*- C++ -*-===//
//
// One reading of Kiln's -O0..3 for LLVM (code generator level, IR pipeline)
// and one way to run LLVM's default pipeline, shared by the LLVM target and
// the JIT. Header-only: kiln_jit_core links LLVM but not the compiler.
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

namespace kiln::llvmpipeline {

/// The code generator's level for -O`level` (3 and above: aggressive).
inline llvm::CodeGenOptLevel codeGenOptLevel(unsigned level) {
  switch (level) {
  case 0:
    return llvm::CodeGenOptLevel::None;
  case 1:
    return llvm::CodeGenOptLevel::Less;
  case 2:
    return llvm::CodeGenOptLevel::Default;
  default:
    return llvm::CodeGenOptLevel::Aggressive;
  }
}

/// LLVM's default<O`level`> pipeline for `machine`. Above -O0 the
/// always-inline functions (the ops.h helpers) are inlined and dropped
/// first, so the pipeline works on the module's own functions only, not on
/// a copy of every helper they call as well (about a fifth of its time on
/// a small module).
inline void runDefaultPipeline(llvm::Module &module, llvm::TargetMachine &machine, unsigned level) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassBuilder builder(&machine);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  if (level == 0) {
    builder.buildO0DefaultPipeline(llvm::OptimizationLevel::O0).run(module, modules);
    return;
  }
  llvm::ModulePassManager passes;
  passes.addPass(llvm::AlwaysInlinerPass(/*InsertLifetimeIntrinsics=*/true));
  passes.addPass(llvm::GlobalDCEPass());
  passes.addPass(builder.buildPerModuleDefaultPipeline(level == 1   ? llvm::OptimizationLevel::O1
                                                       : level == 2 ? llvm::OptimizationLevel::O2
                                                                    : llvm::OptimizationLevel::O3));
  passes.run(module, modules);
}

} // namespace kiln::llvmpipeline

#endif // KILN_COMPILER_TARGET_LLVM_LLVMPIPELINE_H
