// The compiler as kiln.compiler uses it: MLIR text in, .vmfb bytes, C or
// MLIR text out, diagnostics collected with their locations. Plain C++
// types only, so the pybind11 side (built with RTTI and exceptions) never
// sees MLIR, and this side is built like the tools (-fno-rtti).
#ifndef KILN_PYTHON_COMPILER_BRIDGE_H_
#define KILN_PYTHON_COMPILER_BRIDGE_H_

#include <string>
#include <vector>

namespace kiln::python::compiler {

struct Diagnostic {
  std::string severity; // "error", "warning", "note", "remark"
  std::string message;
  std::string file; // empty when the location has no file
  unsigned line = 0, column = 0;
  std::vector<Diagnostic> notes;
};

struct Options {
  // "vmfb" (bytes), "c" (C source), "vm" (the vm module after input
  // lowering, as MLIR text), "mlir" (the input after `pipeline`).
  std::string target = "vmfb";
  // A pass pipeline run on the parsed module first ("canonicalize,cse",
  // "builtin.module(kiln-lower-to-vm)", a registered pipeline's name).
  std::string pipeline;
  // Plain MLIR: memref functions take and return hal buffer views
  // (vm-translate --vm-buffer-view-exports).
  bool buffer_view_exports = true;
  unsigned index_bitwidth = 64; // --vm-input-index-bitwidth
  std::string module_name;      // --vm-module-name
  bool strip_debug = false;     // --vm-bytecode-strip-debug
  // Plain MLIR: top-level parallel loops become hal dispatches
  // (vm-translate --kiln-dispatch-parallel-loops, docs/executables.md),
  // their kernels compiled to `kernel_form`, "bytecode" or "c" (a shared
  // object built by `kernel_cc` with `kernel_cc_flags`), each loop split
  // into at most `dispatch_workgroups` workgroups.
  bool dispatch_parallel_loops = false;
  std::string kernel_form = "bytecode";
  std::string kernel_cc = "cc";
  std::string kernel_cc_flags = "-O2";
  bool kernel_c_bounded = true; // --kernel-c-bounded
  long long dispatch_workgroups = 64;
};

struct Result {
  bool ok = false;
  std::string output;
  std::vector<Diagnostic> diagnostics;
};

// Compiles `text`; `filename` names it in locations (and, for plain MLIR
// without a module name, names the vm module after its stem).
Result compile(const std::string &text, const std::string &filename, const Options &options);

} // namespace kiln::python::compiler

#endif // KILN_PYTHON_COMPILER_BRIDGE_H_
