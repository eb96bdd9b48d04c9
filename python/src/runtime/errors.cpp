// Status <-> Python exceptions, and releasing Python objects from threads
// that do not hold the GIL.
#include <mutex>

#include "common.h"

namespace kiln::python {
namespace {

// The last Python exception a Python export turned into a status, with that
// status's message: when the status comes back out of the VM, the VMError
// gets it as __cause__.
struct LastPythonError {
  std::string message;
  py::object exception;
};
LastPythonError &last_python_error() {
  static LastPythonError *last = new LastPythonError();
  return *last;
}

} // namespace

void throw_status(vm::Status status) {
  // A call cancelled because a signal handler raised: raise that instead.
  if (status.code() == vm::StatusCode::kCancelled)
    raise_pending_interrupt();
  throw StatusError{std::move(status)};
}

py::object make_vm_error(const vm::Status &status) {
  py::list trace;
  if (status.has_trace()) {
    for (const vm::StackTraceFrame &frame : status.trace()) {
      trace.append(py::make_tuple(frame.module, frame.function, frame.pc, frame.location,
                                  frame.inlined, vm::format_trace_frame(frame)));
    }
  }
  // The printed form shortens long runs of recursion (vm::format_trace).
  py::list lines;
  if (status.has_trace()) {
    for (const std::string &line : vm::format_trace(status.trace()))
      lines.append(line);
  }
  py::object cls = py::module_::import("kiln._errors").attr("VMError");
  std::string_view message = status.message();
  py::object error = cls(static_cast<int>(status.code()), vm::status_code_name(status.code()),
                         py::str(message.data(), message.size()), trace, lines);
  LastPythonError &last = last_python_error();
  if (last.exception && !last.message.empty() &&
      message.substr(0, last.message.size()) == last.message) {
    error.attr("__cause__") = last.exception;
  }
  last.exception = py::object();
  last.message.clear();
  return error;
}

void register_error_translator() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p)
        std::rethrow_exception(p);
    } catch (const StatusError &e) {
      py::object error = make_vm_error(e.status);
      PyErr_SetObject(error.get_type().ptr(), error.ptr());
    }
  });
}

vm::Status status_from_python_error(py::error_already_set &error, const std::string &where) {
  vm::StatusCode code = vm::StatusCode::kUnknown;
  std::string message;
  try {
    py::object vm_error = py::module_::import("kiln._errors").attr("VMError");
    if (error.matches(vm_error)) {
      py::object value = error.value();
      code = static_cast<vm::StatusCode>(value.attr("code").cast<int>());
      if (code == vm::StatusCode::kOk || code == vm::StatusCode::kDeferred) {
        code = vm::StatusCode::kUnknown;
      }
      message = value.attr("message").cast<std::string>() + " (raised in " + where + ")";
    } else {
      py::object format = py::module_::import("traceback").attr("format_exception");
      py::object lines = format(error.type(), error.value(), error.trace());
      message = "Python exception in " + where + ":\n" +
                py::str("").attr("join")(lines).cast<std::string>();
      while (!message.empty() && message.back() == '\n')
        message.pop_back();
    }
  } catch (...) {
    message = "Python exception in " + where + " (unprintable)";
  }
  LastPythonError &last = last_python_error();
  last.message = message;
  last.exception = error.value();
  return vm::Status(code, message);
}

// ---- deferred release --------------------------------------------------------

namespace {

std::mutex &pending_mutex() {
  static std::mutex *mutex = new std::mutex();
  return *mutex;
}
std::vector<PyObject *> &pending_objects() {
  static std::vector<PyObject *> *objects = new std::vector<PyObject *>();
  return *objects;
}

int drain_pending_call(void *) {
  drain_released_objects();
  return 0;
}

} // namespace

void release_python_object(PyObject *object) {
  if (!object)
    return;
  if (!Py_IsInitialized())
    return; // interpreter gone: leak
  if (PyGILState_Check()) {
    Py_DECREF(object);
    return;
  }
  bool first;
  {
    std::lock_guard<std::mutex> lock(pending_mutex());
    first = pending_objects().empty();
    pending_objects().push_back(object);
  }
  // Runs on the main thread at its next chance; if the queue of pending
  // calls is full, the next invoke drains instead.
  if (first)
    Py_AddPendingCall(&drain_pending_call, nullptr);
}

void drain_released_objects() {
  std::vector<PyObject *> objects;
  {
    std::lock_guard<std::mutex> lock(pending_mutex());
    if (pending_objects().empty())
      return;
    objects.swap(pending_objects());
  }
  for (PyObject *object : objects)
    Py_DECREF(object);
}

} // namespace kiln::python
