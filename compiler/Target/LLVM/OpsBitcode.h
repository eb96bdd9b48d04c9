//===- OpsBitcode.h - The kiln/c/ helpers as embedded bitcode ---*- C++ -*-===//
//
// OpsBitcode.c compiled by clang at build time (once per KILN_C_BOUNDED
// setting) and embedded in the LLVM target's library.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_LLVM_OPSBITCODE_H
#define KILN_COMPILER_TARGET_LLVM_OPSBITCODE_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace mlir::kiln::llvmtarget {

/// A fresh copy of the helpers' module in `ctx`: the bounded build
/// (KILN_C_BOUNDED=1: fuel and native stack checks) or the unbounded one.
/// Loaded lazily: the declarations are there, a body is read when it is
/// materialized (the linker does so for the helpers a module uses).
llvm::Expected<std::unique_ptr<llvm::Module>> loadOpsBitcode(llvm::LLVMContext &ctx, bool bounded);

} // namespace mlir::kiln::llvmtarget

#endif // KILN_COMPILER_TARGET_LLVM_OPSBITCODE_H
