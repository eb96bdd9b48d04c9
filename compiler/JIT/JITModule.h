//===- JITModule.h - JIT-compiled modules as runtime modules ------*- C++ -*-===//
//
// The runtime half of kiln_jit: a CompiledModule (JIT.h) behind the
// runtime's module interface, wrapped by the same code as a dlopen()ed C
// module (kiln::cmodule::wrap_module), so callers cannot tell the two
// apart. The module owns the JIT and its code memory.
//
// Tools do not link this: they reach the JIT through a plugin
// (kiln/tooling/jit_plugin.h) so they never load LLVM unless a module needs
// it. Tests and embedders that link LLVM anyway call it directly.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_JIT_JITMODULE_H
#define KILN_COMPILER_JIT_JITMODULE_H

#include "compiler/JIT/JIT.h"

#include "kiln/vm/observer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::jit {

/// Wraps `compiled` into a runtime module that owns it. `origin` names the
/// module's source in errors (a file name). Fails (and frees the code) when
/// the descriptor is rejected: another ABI version, malformed tables.
vm::StatusOr<vm::Ref> wrapModule(std::unique_ptr<CompiledModule> compiled, const char *origin,
                                 vm::ExecutionObserver *observer = nullptr);

/// compileModule / compileIR / compileIRFile, then wrapModule. Compile
/// errors become statuses (describeFailure), annotated with `origin`.
vm::StatusOr<vm::Ref> loadModule(std::unique_ptr<llvm::Module> module,
                                 std::unique_ptr<llvm::LLVMContext> context, const char *origin,
                                 const JITOptions &options = {},
                                 vm::ExecutionObserver *observer = nullptr);
vm::StatusOr<vm::Ref> loadIR(llvm::StringRef ir, llvm::StringRef name,
                             const JITOptions &options = {},
                             vm::ExecutionObserver *observer = nullptr);
vm::StatusOr<vm::Ref> loadIRFile(llvm::StringRef path, const JITOptions &options = {},
                                 vm::ExecutionObserver *observer = nullptr);

} // namespace kiln::jit

#endif // KILN_COMPILER_JIT_JITMODULE_H
