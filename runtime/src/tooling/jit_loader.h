// Loading .ll, .bc and .mlir modules through a JIT plugin
// (kiln/tooling/jit_plugin.h), found and dlopen()ed on first use.
#ifndef KILN_TOOLING_JIT_LOADER_H_
#define KILN_TOOLING_JIT_LOADER_H_

#include <string>

#include "kiln/tooling/module_loader.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::tooling {

// Compiles the module at `path` with the plugin for its kind (.mlir: the
// MLIR plugin; else the LLVM IR plugin) and wraps it like a C module.
// UNIMPLEMENTED when the plugin is not installed.
vm::StatusOr<vm::Ref> load_jit_module(vm::Instance &instance, const std::string &path,
                                      const ModuleLoadOptions &options);

} // namespace kiln::tooling

#endif // KILN_TOOLING_JIT_LOADER_H_
