// kiln._compiler: the extension behind kiln.compiler (python/kiln/compiler.py
// turns failures into CompilerError).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "bridge.h"

namespace py = pybind11;
namespace kc = kiln::python::compiler;

namespace {

py::tuple diagnostic_tuple(const kc::Diagnostic &d) {
  py::list notes;
  for (const kc::Diagnostic &note : d.notes)
    notes.append(diagnostic_tuple(note));
  return py::make_tuple(d.severity, d.message, d.file, d.line, d.column, notes);
}

} // namespace

PYBIND11_MODULE(_compiler, m) {
  m.doc() = "Kiln compiler bindings (use kiln.compiler)";
  // Returns (ok, output bytes, [(severity, message, file, line, column, notes)]).
  m.def(
      "compile",
      [](const std::string &text, const std::string &filename, const std::string &target,
         const std::string &pipeline, bool buffer_view_exports, unsigned index_bitwidth,
         const std::string &module_name, bool strip_debug, bool dispatch_parallel_loops,
         const std::string &kernel_form, const std::string &kernel_cc,
         const std::string &kernel_cc_flags, bool kernel_c_bounded, long long dispatch_workgroups) {
        kc::Options options;
        options.target = target;
        options.pipeline = pipeline;
        options.buffer_view_exports = buffer_view_exports;
        options.index_bitwidth = index_bitwidth;
        options.module_name = module_name;
        options.strip_debug = strip_debug;
        options.dispatch_parallel_loops = dispatch_parallel_loops;
        options.kernel_form = kernel_form;
        options.kernel_cc = kernel_cc;
        options.kernel_cc_flags = kernel_cc_flags;
        options.kernel_c_bounded = kernel_c_bounded;
        options.dispatch_workgroups = dispatch_workgroups;
        kc::Result result;
        {
          py::gil_scoped_release release;
          result = kc::compile(text, filename, options);
        }
        py::list diagnostics;
        for (const kc::Diagnostic &d : result.diagnostics) {
          diagnostics.append(diagnostic_tuple(d));
        }
        return py::make_tuple(result.ok, py::bytes(result.output), diagnostics);
      },
      py::arg("text"), py::arg("filename"), py::arg("target"), py::arg("pipeline"),
      py::arg("buffer_view_exports"), py::arg("index_bitwidth"), py::arg("module_name"),
      py::arg("strip_debug"), py::arg("dispatch_parallel_loops"), py::arg("kernel_form"),
      py::arg("kernel_cc"), py::arg("kernel_cc_flags"), py::arg("kernel_c_bounded"),
      py::arg("dispatch_workgroups"));
}
