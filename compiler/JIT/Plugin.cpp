//===- Plugin.cpp - The JIT behind kiln/tooling/jit_plugin.h -------------===//
//
// Built twice: libkiln_jit_ir.so (LLVM IR only) and, with
// KILN_JIT_PLUGIN_MLIR, libkiln_jit_mlir.so (.mlir through the LLVM target
// as well). kiln_tooling dlopen()s one when a module needs it.
//
//===----------------------------------------------------------------------===//

#include "kiln/tooling/jit_plugin.h"
#include "kiln/vm/status.h"

#include "compiler/JIT/JIT.h"
#if KILN_JIT_PLUGIN_MLIR
#include "compiler/JIT/MLIRToJIT.h"
#endif

#include "llvm/ADT/StringRef.h"

#include <cstdlib>
#include <cstring>

namespace {

using kiln::jit::CompiledModule;

char *copyMessage(const std::string &message) {
  char *copy = static_cast<char *>(std::malloc(message.size() + 1));
  if (copy)
    std::memcpy(copy, message.c_str(), message.size() + 1);
  return copy;
}

llvm::Expected<std::unique_ptr<CompiledModule>> compileFile(llvm::StringRef path,
                                                            const kiln::jit::JITOptions &options) {
  if (!path.ends_with(".mlir"))
    return kiln::jit::compileIRFile(path, options);
#if KILN_JIT_PLUGIN_MLIR
  return kiln::jit::compileMLIRFile(path, options);
#else
  return llvm::createStringError(std::make_error_code(std::errc::function_not_supported),
                                 "this JIT plugin compiles LLVM IR only, not .mlir");
#endif
}

int32_t compile(const kiln_jit_request_t *request, const kiln_module_desc_t **descriptor,
                void **owner, char **error) {
  *descriptor = nullptr;
  *owner = nullptr;
  *error = nullptr;
  if (!request || request->struct_size < sizeof(kiln_jit_request_t) || !request->path) {
    *error = copyMessage("malformed JIT request");
    return static_cast<int32_t>(kiln::vm::StatusCode::kInvalidArgument);
  }
  kiln::jit::JITOptions options;
  options.optLevel = request->opt_level;
  options.bounded = (request->flags & KILN_JIT_FLAG_BOUNDED) != 0;
  llvm::Expected<std::unique_ptr<CompiledModule>> compiled = compileFile(request->path, options);
  if (!compiled) {
    kiln::jit::Failure failure = kiln::jit::describeFailure(compiled.takeError());
    *error = copyMessage(failure.message);
    return failure.code;
  }
  *descriptor = (*compiled)->descriptor();
  *owner = compiled->release();
  return 0;
}

void release(void *owner) { delete static_cast<CompiledModule *>(owner); }

void freeError(char *error) { std::free(error); }

const kiln_jit_plugin_t kPlugin = {
    KILN_JIT_PLUGIN_VERSION, sizeof(kiln_jit_plugin_t), compile, release, freeError,
};

} // namespace

extern "C" __attribute__((visibility("default"))) const kiln_jit_plugin_t *kiln_jit_plugin_v1() {
  return &kPlugin;
}
