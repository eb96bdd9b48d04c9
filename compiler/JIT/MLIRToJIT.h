//===- MLIRToJIT.h - .mlir -> LLVM target -> JIT ------------------*- C++ -*-===//
//
// The whole pipeline in one process: parse a .mlir file (a vm module or
// upstream func/arith/... input), lower it with the LLVM target
// (compiler/Target/LLVM, translateVMToLLVMModule, which prepares and
// optimizes it as vm-translate --vm-to-llvm-ir does) and JIT-compile the
// result (JIT.h). run-module --module=x.mlir comes here through the MLIR
// JIT plugin.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_JIT_MLIRTOJIT_H
#define KILN_COMPILER_JIT_MLIRTOJIT_H

#include "compiler/JIT/JIT.h"

namespace kiln::jit {

/// Compiles the .mlir text `source` (named `name` in diagnostics and
/// source locations). The error carries every diagnostic on one line
/// ("file:line:col: error: ...; ..."). `options.optLevel` is the LLVM target's
/// -O level and the code generator's.
llvm::Expected<std::unique_ptr<CompiledModule>>
compileMLIR(llvm::StringRef source, llvm::StringRef name, const JITOptions &options = {});

/// The same for a file.
llvm::Expected<std::unique_ptr<CompiledModule>> compileMLIRFile(llvm::StringRef path,
                                                                const JITOptions &options = {});

} // namespace kiln::jit

#endif // KILN_COMPILER_JIT_MLIRTOJIT_H
