#include "kiln/tooling/module_loader.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "kiln/vm/buffer.h"

#if defined(KILN_TOOLING_HAVE_BYTECODE)
#include "kiln/bytecode/bytecode_module.h"
#endif
#if defined(KILN_TOOLING_HAVE_CMODULE)
#include "jit_loader.h"
#include "kiln/cmodule/c_module.h"
#endif

namespace kiln::tooling {
namespace {

using vm::Status;
using vm::StatusOr;

using LoaderFn = StatusOr<vm::Ref> (*)(vm::Instance &instance, const std::string &path,
                                       const ModuleLoadOptions &options);

#if defined(KILN_TOOLING_HAVE_BYTECODE)
StatusOr<vm::Ref> load_bytecode(vm::Instance &instance, const std::string &path,
                                const ModuleLoadOptions &options) {
  kiln::bytecode::ModuleOptions bytecode_options;
  bytecode_options.trace = options.trace;
  bytecode_options.observer = options.observer;
  return kiln::bytecode::load_module_from_file(instance, path.c_str(), bytecode_options);
}
#endif

#if defined(KILN_TOOLING_HAVE_CMODULE)
StatusOr<vm::Ref> load_c_module(vm::Instance &instance, const std::string &path,
                                const ModuleLoadOptions &options) {
  if (options.trace) {
    std::fprintf(stderr, "warning: --trace: emitted C modules have no instruction "
                         "trace; running without it\n");
  }
  // dlopen searches the library path for a bare name; make it a path.
  std::string p = path.find('/') == std::string::npos ? "./" + path : path;
  return kiln::cmodule::load_module_from_file(instance, p.c_str(), options.observer);
}
#endif

struct KindRow {
  ModuleKind kind;
  std::string_view magic;  // the file's first bytes
  std::string_view suffix; // or, for a text format, the end of its name
  const char *name;
  LoaderFn loader; // nullptr: not supported by this build
};

// One row per module kind.
const KindRow kKinds[] = {
#if defined(KILN_TOOLING_HAVE_BYTECODE)
    {ModuleKind::kBytecode, "KILNVMFB", "", "bytecode", load_bytecode},
#else
    {ModuleKind::kBytecode, "KILNVMFB", "", "bytecode", nullptr},
#endif
#if defined(KILN_TOOLING_HAVE_CMODULE)
    {ModuleKind::kEmittedC,
     "\x7f"
     "ELF",
     "", "emitted C shared library", load_c_module},
    {ModuleKind::kLLVMBitcode, "BC\xc0\xde", "", "LLVM bitcode", load_jit_module},
    {ModuleKind::kLLVMIR, "", ".ll", "LLVM IR", load_jit_module},
    {ModuleKind::kMLIR, "", ".mlir", "MLIR", load_jit_module},
#else
    {ModuleKind::kEmittedC,
     "\x7f"
     "ELF",
     "", "emitted C shared library", nullptr},
    {ModuleKind::kLLVMBitcode, "BC\xc0\xde", "", "LLVM bitcode", nullptr},
    {ModuleKind::kLLVMIR, "", ".ll", "LLVM IR", nullptr},
    {ModuleKind::kMLIR, "", ".mlir", "MLIR", nullptr},
#endif
};

// A module larger than this read from stdin is refused, not buffered.
constexpr size_t kMaxStdinModuleBytes = size_t{1} << 31;

// The bytes of a bytecode module on stdin, in a buffer that the module keeps
// alive (its rodata views them).
StatusOr<vm::Ref> load_stdin_module(vm::Instance &instance, const ModuleLoadOptions &options) {
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
    if (bytes.size() + n > kMaxStdinModuleBytes) {
      return vm::resource_exhausted_error("the module on stdin is larger than " +
                                          std::to_string(kMaxStdinModuleBytes) + " bytes");
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
  if (std::ferror(stdin)) {
    return vm::unavailable_error(std::string("reading a module from stdin: ") +
                                 std::strerror(errno));
  }
  if (module_kind_of_bytes(bytes.data(), bytes.size()) != ModuleKind::kBytecode) {
    return vm::invalid_argument_error(
        "the module on stdin is not a .vmfb (C modules are loaded from files)");
  }
#if defined(KILN_TOOLING_HAVE_BYTECODE)
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> storage, vm::Buffer::allocate(bytes.size(), 64));
  std::memcpy(storage->mutable_data(), bytes.data(), bytes.size());
  kiln::bytecode::ModuleOptions bytecode_options;
  bytecode_options.trace = options.trace;
  bytecode_options.observer = options.observer;
  const uint8_t *data = storage->data();
  return kiln::bytecode::load_module(instance, data, bytes.size(), vm::Ref(std::move(storage)),
                                     bytecode_options);
#else
  (void)instance;
  (void)options;
  return vm::unimplemented_error("this build cannot load bytecode modules");
#endif
}

const KindRow *row_for(ModuleKind kind) {
  for (const KindRow &row : kKinds) {
    if (row.kind == kind)
      return &row;
  }
  return nullptr;
}

} // namespace

const char *module_kind_name(ModuleKind kind) {
  const KindRow *row = row_for(kind);
  return row ? row->name : "unknown";
}

ModuleKind module_kind_of_bytes(const uint8_t *data, size_t size) {
  for (const KindRow &row : kKinds) {
    if (!row.magic.empty() && size >= row.magic.size() &&
        std::memcmp(data, row.magic.data(), row.magic.size()) == 0) {
      return row.kind;
    }
  }
  return ModuleKind::kUnknown;
}

ModuleKind module_kind_of_name(std::string_view path) {
  for (const KindRow &row : kKinds) {
    if (!row.suffix.empty() && path.size() > row.suffix.size() &&
        path.substr(path.size() - row.suffix.size()) == row.suffix) {
      return row.kind;
    }
  }
  return ModuleKind::kUnknown;
}

bool module_kind_supported(ModuleKind kind) {
  const KindRow *row = row_for(kind);
  return row && row->loader;
}

bool module_trace_supported() {
#if defined(KILN_TOOLING_HAVE_BYTECODE)
  return true;
#else
  return false;
#endif
}

StatusOr<vm::Ref> load_module(vm::Instance &instance, const std::string &path,
                              const ModuleLoadOptions &options) {
  if (path == "-") {
    auto module = load_stdin_module(instance, options);
    if (!module.ok()) {
      Status s = std::move(module).status();
      s.annotate("while loading a module from stdin");
      return s;
    }
    return module;
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return vm::not_found_error("cannot open module '" + path + "': " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    return vm::invalid_argument_error("module '" + path + "' is a directory");
  }
  if (!S_ISREG(st.st_mode)) {
    // A FIFO or a device (e.g. /dev/zero) would block or never end.
    return vm::invalid_argument_error("module '" + path +
                                      "' is not a regular file (a FIFO or device)");
  }
  uint8_t head[8] = {};
  size_t got = 0;
  if (std::FILE *f = std::fopen(path.c_str(), "rb")) {
    got = std::fread(head, 1, sizeof(head), f);
    std::fclose(f);
  } else {
    return vm::not_found_error("cannot open module '" + path + "': " + std::strerror(errno));
  }
  ModuleKind kind = module_kind_of_bytes(head, got);
  if (kind == ModuleKind::kUnknown)
    kind = module_kind_of_name(path);
  if (kind == ModuleKind::kUnknown) {
    return vm::invalid_argument_error(
        "'" + path +
        "' is not a module: a .vmfb starts with KILNVMFB, a C module is a "
        "shared library (ELF), LLVM bitcode starts with BC; LLVM IR and MLIR "
        "files end in .ll and .mlir");
  }
  const KindRow *row = row_for(kind);
  if (!row->loader) {
    return vm::unimplemented_error(std::string("unsupported module kind '") + row->name +
                                   "' for '" + path + "': this build has no loader for it");
  }
  auto module = row->loader(instance, path, options);
  if (!module.ok()) {
    Status s = std::move(module).status();
    s.annotate("while loading module '" + path + "'");
    return s;
  }
  return module;
}

} // namespace kiln::tooling
