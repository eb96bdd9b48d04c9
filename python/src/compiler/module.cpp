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
  // The fields of kc::Options, each named as kiln.compiler.compile's keyword.
  py::class_<kc::Options>(m, "Options")
      .def(py::init<>())
      .def_readwrite("target", &kc::Options::target)
      .def_readwrite("pipeline", &kc::Options::pipeline)
      .def_readwrite("buffer_view_exports", &kc::Options::buffer_view_exports)
      .def_readwrite("index_bitwidth", &kc::Options::index_bitwidth)
      .def_readwrite("module_name", &kc::Options::module_name)
      .def_readwrite("strip_debug", &kc::Options::strip_debug)
      .def_readwrite("dispatch_parallel_loops", &kc::Options::dispatch_parallel_loops)
      .def_readwrite("kernel_form", &kc::Options::kernel_form)
      .def_readwrite("kernel_cc", &kc::Options::kernel_cc)
      .def_readwrite("kernel_cc_flags", &kc::Options::kernel_cc_flags)
      .def_readwrite("kernel_c_bounded", &kc::Options::kernel_c_bounded)
      .def_readwrite("dispatch_workgroups", &kc::Options::dispatch_workgroups);
  // Returns (ok, output bytes, [(severity, message, file, line, column, notes)]).
  m.def(
      "compile",
      [](const std::string &text, const std::string &filename, const kc::Options &options) {
        kc::Result result;
        {
          py::gil_scoped_release release;
          result = kc::compile(text, filename, options);
        }
        py::list diagnostics;
        for (const kc::Diagnostic &d : result.diagnostics)
          diagnostics.append(diagnostic_tuple(d));
        return py::make_tuple(result.ok, py::bytes(result.output), diagnostics);
      },
      py::arg("text"), py::arg("filename"), py::arg("options"));
}
