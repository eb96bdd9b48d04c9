// Bytecode modules: load a .vmfb (docs/bytecode.md), verify it, and run it
// in the interpreter behind the vm::Module interface.
#ifndef KILN_BYTECODE_BYTECODE_MODULE_H_
#define KILN_BYTECODE_BYTECODE_MODULE_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kiln/vm/instance.h"
#include "kiln/vm/module.h"
#include "kiln/vm/observer.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::bytecode {

// Observers of execution (kiln/vm/observer.h), under their bytecode names.
using InstructionObserver = vm::ExecutionObserver;
using ExecutionCounters = vm::ExecutionCounters;

// How a loaded module runs. The defaults are what load_module without
// options gives.
struct ModuleOptions {
  // Print every instruction this module executes, before it executes, as one
  // line: module.function, bytecode offset, the disassembled instruction
  // (dump-module's syntax) and its source location from the debug database.
  // Checked once per invocation: the interpreter then runs a separate
  // instantiation of its dispatch loop, so modules loaded without tracing
  // pay nothing for it.
  bool trace = false;
  // Where trace lines go; stderr when null. Must outlive the module.
  std::FILE *trace_file = nullptr;
  // Told about every instruction (run-module --print-statistics, --profile):
  // the same separate loop instantiation as `trace`, so modules loaded
  // without either pay nothing. Must outlive the module.
  InstructionObserver *observer = nullptr;
};

// Loads a module from `size` bytes at `data` (header + FlatBuffer + external
// data). The bytes are used in place, not copied (unless `data` is not
// 8-byte aligned, in which case one aligned copy is made): rodata buffers
// are read-only views onto them. `keepalive` (any ref, may be null when the
// caller guarantees the bytes outlive the module and every buffer viewing
// them) is retained for as long as the module lives.
//
// Everything is checked before the module is returned: the header, the
// FlatBuffer, and all bytecode (see docs/bytecode.md, "Verification").
// Ref types named by the type table are resolved against `instance`'s type
// registry; a type that the bytecode needs at run time (the `type` operand
// of CAST_ANY_REF, LIST_GET_REF, LIST_ALLOC, GLOBAL_LOAD_REF,
// GLOBAL_LOAD_INDIRECT_REF) must be registered, others may be unknown.
//
// Returns a ref to a vm::Module (Ref::as<vm::Module>()).
vm::StatusOr<vm::Ref> load_module(vm::Instance &instance, const uint8_t *data, size_t size,
                                  vm::Ref keepalive);
vm::StatusOr<vm::Ref> load_module(vm::Instance &instance, const uint8_t *data, size_t size,
                                  vm::Ref keepalive, const ModuleOptions &options);

// Maps the file read-only (mmap) and loads it; rodata is served in place from
// the mapping, which lives as long as the module or any buffer viewing it.
vm::StatusOr<vm::Ref> load_module_from_file(vm::Instance &instance, const char *path);
vm::StatusOr<vm::Ref> load_module_from_file(vm::Instance &instance, const char *path,
                                            const ModuleOptions &options);

// What dump_module prints.
struct DumpOptions {
  // Header, types, imports/exports with signatures (raw and as types),
  // rodata sizes, strings, globals and one summary line per function.
  bool metadata = true;
  // Every function's instructions, annotated with source locations.
  bool disassembly = true;
};

// Human-readable dump: header, imports/exports with signatures, types,
// rodata sizes, globals, and a disassembly of every function annotated with
// source locations. `module` must be a module returned by load_module.
vm::Status dump_module(const vm::Module *module, std::string *out);
vm::Status dump_module(const vm::Module *module, std::string *out, const DumpOptions &options);
// Loads (with a private Instance when `instance` is null) and dumps a file.
// Types that are not registered are reported, not rejected.
vm::Status dump_module_file(const char *path, std::string *out, vm::Instance *instance = nullptr);
// The same for `size` bytes at `data` (copied when not 8-byte aligned).
vm::Status dump_module_bytes(const uint8_t *data, size_t size, std::string *out,
                             const DumpOptions &options, vm::Instance *instance = nullptr);

// Whether `module` is a bytecode module (created by load_module).
bool is_bytecode_module(const vm::Module *module);

} // namespace kiln::bytecode

#endif // KILN_BYTECODE_BYTECODE_MODULE_H_
