//===- fuzz_translate.cpp - libFuzzer target for vm-translate -------------===//
//
// vm-translate's front door on arbitrary text: the nesting check, the
// parser, the verifier, the preparation passes and both targets (bytecode
// and C). Every input must end in output or diagnostics, never a crash,
// a hang or a sanitizer report. scripts/fuzz.sh translate SECONDS runs it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/VMToC.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

// allow_user_poisoning=0: LLVM's BumpPtrAllocator (inline, in its headers)
// poisons a new slab and unpoisons each allocation, but only where it is
// compiled with ASan. The target is, libMLIR.so is not, so a slab our code
// made poisoned and libMLIR's inlined fast path then carved up unpoisoned
// reads as a use-after-poison (the first 1-hour campaign's one report: a
// vm.func's attribute dictionary). Ignoring manual poisoning keeps every
// check ASan makes on its own (heap bounds, use after free, the stack).
extern "C" const char *__asan_default_options() {
  return "allocator_may_return_null=1:allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry();
    mlir::kiln::registerKilnDialects(*r);
    return r;
  }();
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.mlir");
  if (mlir::failed(mlir::kiln::checkInputNesting(*buffer)))
    return 0;
  mlir::MLIRContext context(*registry, mlir::MLIRContext::Threading::DISABLED);
  // Diagnostics are the expected outcome: swallow them.
  mlir::ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) { return mlir::success(); });
  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sources, &context);
  if (!module || mlir::failed(mlir::verify(*module)))
    return 0;
  // Each target prepares its own copy (preparation rewrites the module).
  mlir::OwningOpRef<mlir::ModuleOp> forC(module->clone());
  std::string bytes;
  llvm::raw_string_ostream bytecode(bytes);
  (void)mlir::kiln::translateModuleToBytecode(*module, mlir::kiln::BytecodeTargetOptions(),
                                              bytecode);
  std::string text;
  llvm::raw_string_ostream c(text);
  (void)mlir::kiln::translateVMToC(*forC, c);
  return 0;
}
