// Loading a module from a file, dispatched on the kind of file, which its
// first bytes decide (text formats without a magic: the file name's suffix):
//
//   KILNVMFB...  bytecode (kiln::bytecode::load_module_from_file)
//   \x7fELF...   a shared library built from emitted C
//                (kiln::cmodule::load_module_from_file)
//   BC\xc0\xde   LLVM bitcode implementing the C module ABI    } JIT-compiled
//   *.ll         textual LLVM IR of the same                   } in the process
//   *.mlir       a vm module (or upstream input): lowered by   } by a kiln_jit
//                the LLVM target                               } plugin
//
// The last three go through a JIT plugin (kiln/tooling/jit_plugin.h) that
// is dlopen()ed only then: the tools themselves never load LLVM.
//
// `-` reads a bytecode module from stdin. Each kind is one row of a table in
// module_loader.cpp.
#ifndef KILN_TOOLING_MODULE_LOADER_H_
#define KILN_TOOLING_MODULE_LOADER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/tooling/jit_plugin.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/observer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::tooling {

enum class ModuleKind {
  kUnknown = 0,
  kBytecode, // .vmfb
  kEmittedC, // .so built from vm-translate --vm-to-c output
  kLLVMBitcode,
  kLLVMIR,
  kMLIR,
};

// "bytecode", "emitted C shared library", ..., "unknown".
const char *module_kind_name(ModuleKind kind);
// By the first bytes of a module (kUnknown when they match no kind).
ModuleKind module_kind_of_bytes(const uint8_t *data, size_t size);
// By the name of a file, for the kinds without a magic (.ll, .mlir).
ModuleKind module_kind_of_name(std::string_view path);
// Whether this build can load modules of that kind.
bool module_kind_supported(ModuleKind kind);

struct ModuleLoadOptions {
  // Print every executed bytecode instruction with its source location (to
  // stderr; see kiln::bytecode::ModuleOptions::trace). Emitted C modules
  // have no instruction trace and warn.
  bool trace = false;
  // Sees every executed bytecode instruction and every VM frame of emitted
  // C (run-module --print-statistics and --profile; kiln/vm/observer.h).
  vm::ExecutionObserver *observer = nullptr;
  // The optimization level of JIT-compiled modules: 0..3 or
  // KILN_JIT_OPT_LEVEL_QUICK (kiln/tooling/jit_plugin.h, docs/jit.md).
  // 2 by default (the Python runtime); run-module asks for quick.
  uint32_t jit_opt_level = 2;
  // Compile .mlir modules bounded (run-module does with --fuel or
  // --deadline), so fuel and deadlines stop their loops.
  bool jit_bounded = false;
};

// Loads the module at `path` ("-": a .vmfb on stdin). Errors name the file:
// NOT_FOUND for a missing file; INVALID_ARGUMENT for a directory, a device
// or FIFO, a file that is no kind of module (e.g. not a shared library), or
// what the loader (or the JIT) rejects; UNIMPLEMENTED for a kind this build
// cannot load (e.g. no JIT plugin installed).
vm::StatusOr<vm::Ref> load_module(vm::Instance &instance, const std::string &path,
                                  const ModuleLoadOptions &options);

// Whether load_module honors ModuleLoadOptions::trace in this build.
bool module_trace_supported();

} // namespace kiln::tooling

#endif // KILN_TOOLING_MODULE_LOADER_H_
