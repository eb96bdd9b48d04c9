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

#include <link.h>
#include <sys/mman.h>

#include <cstdint>
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

// The plugin's code is one large mapping of which a compilation touches
// pages all over: mapping them in one call (MADV_POPULATE_READ, Linux
// 5.14; the pages are in the page cache after the first run) costs less
// than the thousand page faults it replaces. Runs before the plugin's other
// static initializers (LLVM's); where the call is unsupported, nothing
// changes.
int prefaultSegment(dl_phdr_info *info, size_t, void *self) {
  auto address = reinterpret_cast<uintptr_t>(self);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &segment = info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + segment.p_vaddr;
    if (segment.p_type != PT_LOAD || address < start || address >= start + segment.p_memsz)
      continue;
    if (!(segment.p_flags & PF_X))
      return 1;
    uintptr_t page = ~static_cast<uintptr_t>(4095);
    uintptr_t begin = start & page, end = (start + segment.p_memsz + 4095) & page;
    madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_READ);
    return 1;
  }
  return 0;
}

__attribute__((constructor(101))) void prefaultCode() {
  dl_iterate_phdr(prefaultSegment, reinterpret_cast<void *>(&prefaultCode));
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
