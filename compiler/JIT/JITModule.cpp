//===- JITModule.cpp - JIT-compiled modules as runtime modules -----------===//

#include "compiler/JIT/JITModule.h"

#include "kiln/cmodule/c_module.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"

#include <string>

namespace kiln::jit {
namespace {

void releaseCompiled(void *handle) { delete static_cast<CompiledModule *>(handle); }

vm::StatusOr<vm::Ref> wrapOrFail(llvm::Expected<std::unique_ptr<CompiledModule>> compiled,
                                 const std::string &origin, vm::ExecutionObserver *observer) {
  if (!compiled) {
    Failure failure = describeFailure(compiled.takeError());
    return vm::Status(static_cast<vm::StatusCode>(failure.code), origin + ": " + failure.message);
  }
  return wrapModule(std::move(*compiled), origin.c_str(), observer);
}

} // namespace

vm::StatusOr<vm::Ref> wrapModule(std::unique_ptr<CompiledModule> compiled, const char *origin,
                                 vm::ExecutionObserver *observer) {
  const kiln_module_desc_t *descriptor = compiled->descriptor();
  return cmodule::wrap_module(descriptor, origin,
                              cmodule::CodeOwner{releaseCompiled, compiled.release()}, observer);
}

vm::StatusOr<vm::Ref> loadModule(std::unique_ptr<llvm::Module> module,
                                 std::unique_ptr<llvm::LLVMContext> context, const char *origin,
                                 const JITOptions &options, vm::ExecutionObserver *observer) {
  return wrapOrFail(compileModule(std::move(module), std::move(context), options), origin,
                    observer);
}

vm::StatusOr<vm::Ref> loadIR(llvm::StringRef ir, llvm::StringRef name, const JITOptions &options,
                             vm::ExecutionObserver *observer) {
  return wrapOrFail(compileIR(ir, name, options), name.str(), observer);
}

vm::StatusOr<vm::Ref> loadIRFile(llvm::StringRef path, const JITOptions &options,
                                 vm::ExecutionObserver *observer) {
  return wrapOrFail(compileIRFile(path, options), path.str(), observer);
}

} // namespace kiln::jit
