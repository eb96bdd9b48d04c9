// kiln.runtime.Function: a plain CPython type with vectorcall, so a call
// goes straight from the interpreter to the packed-argument call path
// (pybind11's generic dispatcher costs several times the VM call itself).
#include "common.h"

#include <structmember.h> // after Python.h (through common.h)

namespace kiln::python {
namespace {

struct FunctionObject {
  PyObject_HEAD vectorcallfunc vectorcall;
  std::shared_ptr<FunctionHolder> *holder;
  PyObject *dict; // attributes set from Python (none by default)
};

PyTypeObject *function_type = nullptr;

// C++ exceptions of the call path -> Python exceptions.
void set_python_error() {
  try {
    throw;
  } catch (StatusError &e) {
    try {
      py::object error = make_vm_error(e.status);
      PyErr_SetObject(error.get_type().ptr(), error.ptr());
    } catch (py::error_already_set &raised) {
      raised.restore(); // e.g. a signal handler's exception while building it
    }
  } catch (py::error_already_set &e) {
    e.restore();
  } catch (py::builtin_exception &e) {
    e.set_error();
  } catch (std::exception &e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  } catch (...) {
    PyErr_SetString(PyExc_RuntimeError, "unknown C++ exception");
  }
}

PyObject *function_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf,
                              PyObject *kwnames) {
  auto *f = reinterpret_cast<FunctionObject *>(self);
  if (KILN_UNLIKELY(kwnames && PyTuple_GET_SIZE(kwnames) != 0)) {
    PyErr_SetString(PyExc_TypeError, "VM functions take positional arguments only");
    return nullptr;
  }
  try {
    return call_function(**f->holder, args, PyVectorcall_NARGS(nargsf)).release().ptr();
  } catch (...) {
    set_python_error();
    return nullptr;
  }
}

void function_dealloc(PyObject *self) {
  auto *f = reinterpret_cast<FunctionObject *>(self);
  PyTypeObject *type = Py_TYPE(self);
  PyObject_GC_UnTrack(self);
  Py_CLEAR(f->dict);
  delete f->holder;
  type->tp_free(self);
  Py_DECREF(type);
}

int function_traverse(PyObject *self, visitproc visit, void *arg) {
  Py_VISIT(reinterpret_cast<FunctionObject *>(self)->dict);
  Py_VISIT(Py_TYPE(self));
  return 0;
}

int function_clear(PyObject *self) {
  Py_CLEAR(reinterpret_cast<FunctionObject *>(self)->dict);
  return 0;
}

PyObject *get_name(PyObject *self, void *) {
  const std::string &s = (*reinterpret_cast<FunctionObject *>(self)->holder)->name;
  return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
}

PyObject *get_signature(PyObject *self, void *) {
  const std::string &s = (*reinterpret_cast<FunctionObject *>(self)->holder)->signature;
  return PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
}

PyObject *function_repr(PyObject *self) {
  const FunctionHolder &f = **reinterpret_cast<FunctionObject *>(self)->holder;
  std::string text = "<kiln.runtime.Function " + f.name + " " + f.signature + ">";
  return PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
}

PyObject *function_invoke_async(PyObject *self, PyObject *args) {
  try {
    FunctionHolder &f = **reinterpret_cast<FunctionObject *>(self)->holder;
    return invoke_async(f, py::reinterpret_borrow<py::args>(args)).release().ptr();
  } catch (...) {
    set_python_error();
    return nullptr;
  }
}

PyGetSetDef getset[] = {
    {"name", get_name, nullptr, "\"module.function\"", nullptr},
    {"signature", get_signature, nullptr, "the calling-convention string", nullptr},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef methods[] = {
    {"_invoke_async", function_invoke_async, METH_VARARGS,
     "An asyncio future for a call on the context's scheduler."},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef members[] = {
    {"__vectorcalloffset__", T_PYSSIZET,
     static_cast<Py_ssize_t>(offsetof(FunctionObject, vectorcall)), READONLY, nullptr},
    {"__dictoffset__", T_PYSSIZET, static_cast<Py_ssize_t>(offsetof(FunctionObject, dict)),
     READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

} // namespace

py::object wrap_function(std::shared_ptr<FunctionHolder> holder) {
  auto *f = PyObject_GC_New(FunctionObject, function_type);
  if (!f)
    throw py::error_already_set();
  f->vectorcall = &function_vectorcall;
  f->holder = new std::shared_ptr<FunctionHolder>(std::move(holder));
  f->dict = nullptr;
  PyObject_GC_Track(reinterpret_cast<PyObject *>(f));
  return py::reinterpret_steal<py::object>(reinterpret_cast<PyObject *>(f));
}

FunctionHolder &function_holder(py::handle function) {
  if (!function_type || !PyObject_TypeCheck(function.ptr(), function_type)) {
    throw py::type_error("expected a kiln.runtime.Function");
  }
  return **reinterpret_cast<FunctionObject *>(function.ptr())->holder;
}

void bind_function(py::module_ &m) {
  static PyType_Slot slots[] = {
      {Py_tp_dealloc, reinterpret_cast<void *>(&function_dealloc)},
      {Py_tp_traverse, reinterpret_cast<void *>(&function_traverse)},
      {Py_tp_clear, reinterpret_cast<void *>(&function_clear)},
      {Py_tp_call, reinterpret_cast<void *>(&PyVectorcall_Call)},
      {Py_tp_repr, reinterpret_cast<void *>(&function_repr)},
      {Py_tp_getset, getset},
      {Py_tp_methods, methods},
      {Py_tp_members, members},
      {Py_tp_doc, const_cast<char *>("A function of a context. Call it with Python values; "
                                     "`await f.invoke_async(*args)` inside asyncio.")},
      {0, nullptr},
  };
  static PyType_Spec spec = {"kiln.runtime.Function", sizeof(FunctionObject), 0,
                             Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC,
                             slots};
  PyObject *type = PyType_FromSpec(&spec);
  if (!type)
    throw py::error_already_set();
  function_type = reinterpret_cast<PyTypeObject *>(type);
  m.add_object("Function", py::reinterpret_borrow<py::object>(type));
}

} // namespace kiln::python
