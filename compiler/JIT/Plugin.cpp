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
#include <unistd.h>

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
  // Opt-in: a cache of compiled .mlir modules (docs/jit.md).
  if (const char *cache = std::getenv("KILN_JIT_CACHE_DIR"))
    options.cacheDirectory = cache;
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
// pages all over, and its static initializers write all of its zeroed data
// (LLVM's command-line options): mapping both in one call each
// (MADV_POPULATE_READ and _WRITE, Linux 5.14; the code is in the page
// cache after the first run) costs less than the page faults they replace,
// over a thousand. Runs before the plugin's other static initializers;
// where the calls are unsupported, nothing changes.
void populate(uintptr_t begin, uintptr_t end, int advice) {
  uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  begin = (begin + page - 1) & ~(page - 1);
  end = (end + page - 1) & ~(page - 1);
  if (end > begin)
    madvise(reinterpret_cast<void *>(begin), end - begin, advice);
}

int prefaultSegments(dl_phdr_info *info, size_t, void *self) {
  auto address = reinterpret_cast<uintptr_t>(self);
  bool ours = false;
  for (int i = 0; i < info->dlpi_phnum && !ours; ++i) {
    const ElfW(Phdr) &segment = info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + segment.p_vaddr;
    ours = segment.p_type == PT_LOAD && address >= start && address < start + segment.p_memsz;
  }
  if (!ours)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr) &segment = info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + segment.p_vaddr;
    if (segment.p_type != PT_LOAD)
      continue;
    if (segment.p_flags & PF_X)
      populate(start & ~uintptr_t(4095), start + segment.p_memsz, MADV_POPULATE_READ);
    else if (segment.p_flags & PF_W) // its zero-filled part (.bss)
      populate(start + segment.p_filesz, start + segment.p_memsz, MADV_POPULATE_WRITE);
  }
  return 1;
}

__attribute__((constructor(101))) void prefault() {
  dl_iterate_phdr(prefaultSegments, reinterpret_cast<void *>(&prefault));
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
