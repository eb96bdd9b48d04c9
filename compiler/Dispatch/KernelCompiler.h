//===- KernelCompiler.h - A kernel vm.module to executable bytes -*- C++ -*-===//
//
// Compiles the vm.module of an outlined kernel into the data of a
// hal.executable (docs/executables.md): a .vmfb for `kiln-vm-bytecode`, or
// a shared object built from emitted C by the system C compiler for
// `kiln-vm-c-so`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_DISPATCH_KERNELCOMPILER_H
#define KILN_COMPILER_DISPATCH_KERNELCOMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mlir::kiln {

enum class KernelForm { Bytecode, C };

/// "bytecode" or "c"; nullopt for anything else.
std::optional<KernelForm> parseKernelForm(StringRef text);

/// The executable format name hal.executable.create takes for `form`.
StringRef executableFormat(KernelForm form);

struct KernelCompilerOptions {
  KernelForm form = KernelForm::Bytecode;
  /// The C compiler: a name looked up on PATH, or a path.
  std::string cc = "cc";
  /// Flags before the fixed ones (-std=c11 -shared -fPIC -I...), split at
  /// spaces.
  std::string ccFlags = "-O2";
  /// Emitted C counts fuel at loops and calls (KILN_C_BOUNDED), so the
  /// dispatching invocation's fuel and deadline stop a kernel inside its
  /// loops; without it they are checked only between workgroups.
  bool cBounded = true;
  /// kernel-form=c: the preparation versions loops (vm-version-loops).
  bool versionLoops = true;
};

/// Runs the vm preparation pipeline on `module` (a builtin.module holding one
/// vm.module), then produces the executable's bytes. Failures are reported
/// at `loc` (the loop the kernel came from).
FailureOr<std::vector<uint8_t>>
compileKernelModule(ModuleOp module, const KernelCompilerOptions &options, Location loc);

} // namespace mlir::kiln

#endif // KILN_COMPILER_DISPATCH_KERNELCOMPILER_H
