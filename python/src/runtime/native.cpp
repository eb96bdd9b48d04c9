// Native modules written in Python: each export is a Python callable with a
// declared calling-convention signature ("0ii_i"), served through
// vm::NativeModule::export_packed so bytecode, C and native callers reach it
// like any other module. A Python exception becomes the call's status (a
// kiln.runtime.VMError keeps its code; anything else is UNKNOWN with the
// Python traceback as message), and the VM adds its stack trace.
#include <set>

#include "common.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/signature.h"

namespace kiln::python {
namespace {

// export_packed keeps the code strings it is given: they live forever here.
const char* intern(const std::string& codes) {
  static std::set<std::string>* strings = new std::set<std::string>();
  return strings->insert(codes).first->c_str();
}

struct PythonExport {
  PythonExport(std::string where, std::string arguments, std::string results,
               py::handle fn)
      : where(std::move(where)),
        argument_codes(std::move(arguments)),
        result_codes(std::move(results)),
        fn(fn.inc_ref().ptr()) {}
  ~PythonExport() { release_python_object(fn); }
  PythonExport(const PythonExport&) = delete;
  PythonExport& operator=(const PythonExport&) = delete;

  std::string where;  // "module.function"
  std::string argument_codes, result_codes;
  PyObject* fn;
};

vm::Status pack_results(const PythonExport& e, py::handle ret, vm::ByteSpan results) {
  size_t n = e.result_codes.size();
  if (n == 0) return vm::Status();
  vm::ValueList values;
  if (n == 1) {
    values.push_back(to_value(ret, e.result_codes[0], 0));
  } else {
    if (!PySequence_Check(ret.ptr()) || static_cast<size_t>(PySequence_Size(ret.ptr())) != n) {
      return vm::invalid_argument_error(e.where + " must return a sequence of " +
                                        std::to_string(n) + " values (" +
                                        e.result_codes + ")");
    }
    py::sequence seq = py::reinterpret_borrow<py::sequence>(ret);
    for (size_t i = 0; i < n; ++i) values.push_back(to_value(seq[i], e.result_codes[i], i));
  }
  return vm::pack_values(e.result_codes, values.data(), values.size(), results.data,
                         results.size);
}

vm::Status call_python(const PythonExport& e, vm::ByteSpan arguments,
                       vm::ByteSpan results) {
  py::gil_scoped_acquire gil;
  try {
    vm::ValueList values;
    vm::Status s = vm::unpack_values(e.argument_codes, arguments.data, arguments.size,
                                     &values);
    if (!s.ok()) return s;
    py::tuple args(values.size());
    for (size_t i = 0; i < values.size(); ++i) args[i] = from_value(values[i]);
    PyObject* ret = PyObject_Call(e.fn, args.ptr(), nullptr);
    if (!ret) throw py::error_already_set();
    py::object result = py::reinterpret_steal<py::object>(ret);
    s = pack_results(e, result, results);
    if (!s.ok()) s.annotate("results of " + e.where);
    return s;
  } catch (py::error_already_set& error) {
    return status_from_python_error(error, e.where);
  } catch (StatusError& error) {
    return std::move(error.status);
  } catch (std::exception& error) {
    return vm::Status(vm::StatusCode::kUnknown,
                      "Python exception in " + e.where + ": " + error.what());
  } catch (...) {
    return vm::Status(vm::StatusCode::kUnknown, "unknown exception in " + e.where);
  }
}

// exports: (name, signature, callable) triples, in export order.
std::shared_ptr<ModuleHolder> create_python_module(
    const std::string& name, py::list exports,
    std::shared_ptr<InstanceHolder> instance) {
  auto module = vm::NativeModule::create(name);
  for (py::handle item : exports) {
    py::tuple t = py::reinterpret_borrow<py::tuple>(item);
    std::string export_name = t[0].cast<std::string>();
    std::string signature = t[1].cast<std::string>();
    auto sig = vm::parse_signature(signature);
    if (!sig.ok()) {
      throw py::value_error("export '" + export_name + "': bad signature '" +
                            signature + "': " + std::string(sig.status().message()));
    }
    std::string arguments(sig->arguments == "v" ? "" : sig->arguments);
    std::string results(sig->results == "v" ? "" : sig->results);
    if (vm::has_variadic(arguments) || vm::has_variadic(results)) {
      throw py::value_error("export '" + export_name +
                            "': variadic signatures are not supported in Python");
    }
    auto e = std::make_shared<PythonExport>(name + "." + export_name, arguments,
                                            results, t[2]);
    module->export_packed(export_name, intern(arguments), intern(results),
                          [e](vm::NativeCall&, vm::ByteSpan args, vm::ByteSpan res) {
                            return call_python(*e, args, res);
                          });
  }
  auto holder = std::make_shared<ModuleHolder>();
  holder->instance = instance;
  holder->module = std::move(module).as_ref();
  holder->keepalive = exports;
  return holder;
}

}  // namespace

void bind_native(py::module_& m) {
  m.def("_create_python_module", &create_python_module, py::arg("name"),
        py::arg("exports"), py::arg("instance") = nullptr);
}

}  // namespace kiln::python
