// Loading a module from a file, dispatched on the kind of file.
//
//   *.vmfb   bytecode (kiln::bytecode::load_module_from_file)
//   *.so     a shared library built from emitted C (loader not written yet)
//
// Each kind is one row of a table in module_loader.cpp, so the emitted-C
// loader slots in by filling in its row.
#ifndef KILN_TOOLING_MODULE_LOADER_H_
#define KILN_TOOLING_MODULE_LOADER_H_

#include <string>
#include <string_view>

#include "kiln/vm/instance.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::tooling {

enum class ModuleKind {
  kUnknown = 0,
  kBytecode,   // .vmfb
  kEmittedC,   // .so built from vm-translate --vm-to-c output
};

// "bytecode", "emitted C shared library", "unknown".
const char* module_kind_name(ModuleKind kind);
// By file name suffix.
ModuleKind module_kind_for_path(std::string_view path);
// Whether this build can load modules of that kind.
bool module_kind_supported(ModuleKind kind);

struct ModuleLoadOptions {
  // Print every executed bytecode instruction with its source location (to
  // stderr; see kiln::bytecode::ModuleOptions::trace). Emitted C modules
  // have no instruction trace and warn.
  bool trace = false;
};

// Loads the module at `path`. Errors name the file: a missing file, an
// unknown suffix, a kind this build does not support, or the loader's error.
vm::StatusOr<vm::Ref> load_module(vm::Instance& instance,
                                  const std::string& path,
                                  const ModuleLoadOptions& options);

// Whether load_module honors ModuleLoadOptions::trace in this build.
bool module_trace_supported();

}  // namespace kiln::tooling

#endif  // KILN_TOOLING_MODULE_LOADER_H_
