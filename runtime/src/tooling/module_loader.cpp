#include "kiln/tooling/module_loader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#if defined(KILN_TOOLING_HAVE_BYTECODE)
#include "kiln/bytecode/bytecode_module.h"
#endif
#if defined(KILN_TOOLING_HAVE_CMODULE)
#include "kiln/cmodule/c_module.h"
#endif

namespace kiln::tooling {
namespace {

using vm::Status;
using vm::StatusOr;

using LoaderFn = StatusOr<vm::Ref> (*)(vm::Instance& instance,
                                       const std::string& path,
                                       const ModuleLoadOptions& options);

#if defined(KILN_TOOLING_HAVE_BYTECODE)
StatusOr<vm::Ref> load_bytecode(vm::Instance& instance, const std::string& path,
                                const ModuleLoadOptions& options) {
  kiln::bytecode::ModuleOptions bytecode_options;
  bytecode_options.trace = options.trace;
  return kiln::bytecode::load_module_from_file(instance, path.c_str(),
                                               bytecode_options);
}
#endif

#if defined(KILN_TOOLING_HAVE_CMODULE)
StatusOr<vm::Ref> load_c_module(vm::Instance& instance, const std::string& path,
                                const ModuleLoadOptions& options) {
  if (options.trace) {
    std::fprintf(stderr,
                 "warning: --trace: emitted C modules have no instruction "
                 "trace; running without it\n");
  }
  // dlopen searches the library path for a bare name; make it a path.
  std::string p = path.find('/') == std::string::npos ? "./" + path : path;
  return kiln::cmodule::load_module_from_file(instance, p.c_str());
}
#endif

struct KindRow {
  ModuleKind kind;
  const char* suffix;
  const char* name;
  LoaderFn loader;  // nullptr: not supported by this build
};

// One row per module kind. The emitted-C loader (dlopen + the kiln/c ABI
// adapter) fills in the kEmittedC row when it lands.
const KindRow kKinds[] = {
#if defined(KILN_TOOLING_HAVE_BYTECODE)
    {ModuleKind::kBytecode, ".vmfb", "bytecode", load_bytecode},
#else
    {ModuleKind::kBytecode, ".vmfb", "bytecode", nullptr},
#endif
#if defined(KILN_TOOLING_HAVE_CMODULE)
    {ModuleKind::kEmittedC, ".so", "emitted C shared library", load_c_module},
#else
    {ModuleKind::kEmittedC, ".so", "emitted C shared library", nullptr},
#endif
};

const KindRow* row_for(ModuleKind kind) {
  for (const KindRow& row : kKinds) {
    if (row.kind == kind) return &row;
  }
  return nullptr;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

const char* module_kind_name(ModuleKind kind) {
  const KindRow* row = row_for(kind);
  return row ? row->name : "unknown";
}

ModuleKind module_kind_for_path(std::string_view path) {
  for (const KindRow& row : kKinds) {
    if (ends_with(path, row.suffix)) return row.kind;
  }
  return ModuleKind::kUnknown;
}

bool module_kind_supported(ModuleKind kind) {
  const KindRow* row = row_for(kind);
  return row && row->loader;
}

bool module_trace_supported() {
#if defined(KILN_TOOLING_HAVE_BYTECODE)
  return true;
#else
  return false;
#endif
}

StatusOr<vm::Ref> load_module(vm::Instance& instance, const std::string& path,
                              const ModuleLoadOptions& options) {
  ModuleKind kind = module_kind_for_path(path);
  if (kind == ModuleKind::kUnknown) {
    return vm::invalid_argument_error(
        "cannot tell the kind of module '" + path +
        "': expected a .vmfb (bytecode) or a .so (emitted C) file");
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    return vm::not_found_error("cannot open module '" + path +
                               "': " + std::strerror(errno));
  }
  std::fclose(f);
  const KindRow* row = row_for(kind);
  if (!row->loader) {
    return vm::unimplemented_error(std::string("unsupported module kind '") +
                                   row->name + "' for '" + path +
                                   "': this build has no loader for it");
  }
  auto module = row->loader(instance, path, options);
  if (!module.ok()) {
    Status s = std::move(module).status();
    s.annotate("while loading module '" + path + "'");
    return s;
  }
  return module;
}

}  // namespace kiln::tooling
