//===- VMToLLVM.h - vm dialect -> LLVM IR --------------------------*- C++ -*-===//
//
// The LLVM target: lowers a vm.module straight to LLVM IR implementing the C
// module ABI of runtime/include/kiln/c/module.h (the descriptor returned by
// kiln_module_v1_get, entry functions, the services table, light frames with
// their depth parameter, VM frames with spills and the resume state machine
// for functions that may suspend, fuel in bounded modules, static source
// locations for traces). The result loads exactly like a C-form shared
// object (ahead of time: vm-translate --vm-to-object) or through an LLVM JIT.
//
// Op semantics are not restated here: the static inline helpers of
// runtime/include/kiln/c/ (ops.h, module.h, print.h) are compiled to LLVM
// bitcode once at build time, embedded in this library, linked into every
// module and inlined by the optimizer.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_LLVM_VMTOLLVM_H
#define KILN_COMPILER_TARGET_LLVM_VMTOLLVM_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class raw_pwrite_stream;
class TargetMachine;
} // namespace llvm

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::kiln {

/// Choices of the LLVM target (vm-translate flags set them).
struct LLVMTargetOptions {
  /// -O0..-O3: the optimization pipeline run on the module after the ops
  /// bitcode is linked in (and the code generator's level).
  unsigned optLevel = 2;
  /// The target triple; empty: the host's. The embedded ops bitcode is
  /// compiled for the host, so only the host's architecture is accepted.
  std::string triple;
  /// The target CPU (e.g. "native", "x86-64-v3"); empty: the generic CPU
  /// of the triple.
  std::string cpu;
  /// Target features ("+avx2,..."); empty: the CPU's.
  std::string features;
  /// DWARF line tables pointing at the .mlir (each op's file:line:col; the
  /// inlined helpers take their call's position).
  bool debugInfo = false;
  /// Like the C target's --vm-c-bounded: count fuel at loops and calls of
  /// recursive functions and check the native stack (kiln/c/module.h,
  /// "Bounded modules"); the descriptor says KILN_MODULE_FLAG_BOUNDED.
  bool bounded = false;
  /// Run the vm preparation pipeline (as vm-translate does) first; false
  /// when the caller already ran it.
  bool runPreparation = true;
  /// The preparation versions loops (vm-version-loops), as the C target's
  /// --vm-c-version-loops.
  bool versionLoops = true;
  /// Run LLVM's pipeline at optLevel on the module; false leaves it to the
  /// caller (the JIT runs it, on a machine it built on another thread
  /// meanwhile: createLLVMTargetMachine).
  bool optimize = true;
  /// Position-independent code (shared objects, JIT).
  bool pic = true;
  /// Define kiln_module_v1_get (off: only `<module>_kiln_module`, so several
  /// modules link statically into one binary, as KILN_MODULE_NO_ENTRY does
  /// for the C form).
  bool entrySymbol = true;
};

/// Registers the host's LLVM target (code generator, assembly printer and
/// parser) once; translateVMToLLVMModule calls it. Not safe to run beside
/// other LLVM code: a caller that starts other threads using LLVM calls it
/// before them.
void initializeLLVMTarget();

/// The target machine the LLVM target optimizes and compiles for with
/// `options` (the host's triple; options.cpu, else the generic CPU).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createLLVMTargetMachine(const LLVMTargetOptions &options);

/// Lowers `vmModule` (a vm.module, or a builtin.module holding exactly one,
/// or upstream func/arith/... input, which is lowered to vm first) to an
/// LLVM module in `ctx`: runs the same preparation the C target runs,
/// lowers, links the ops bitcode and optimizes at options.optLevel (unless
/// options.optimize is false). The
/// returned module defines `kiln_module_v1_get` (and
/// `<module>_kiln_module` for static registration) and needs only
/// libc/libm symbols, like a C-form module. Diagnostics go to the MLIR
/// context's handler; the Error then says "translation failed".
llvm::Expected<std::unique_ptr<llvm::Module>>
translateVMToLLVMModule(mlir::Operation *vmModule, llvm::LLVMContext &ctx,
                        const LLVMTargetOptions &options);

/// Compiles `module` (as returned above) to a relocatable object file for
/// options.triple/cpu into `os`.
llvm::Error emitObjectFile(llvm::Module &module, const LLVMTargetOptions &options,
                           llvm::raw_pwrite_stream &os);

/// Registers `--vm-to-llvm-ir` and `--vm-to-object` with
/// mlir-translate-style tools (with -O0..-O3, --target-triple, --target-cpu,
/// --vm-llvm-bounded).
void registerVMToLLVMTranslation();

/// The tool's output file name: `--vm-to-object` links a shared object
/// (with ld.lld) when it ends in `.so`, else writes the relocatable object.
void setObjectOutputName(llvm::StringRef name);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_LLVM_VMTOLLVM_H
