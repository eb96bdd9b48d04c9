// Native modules written in Python: each export is a Python callable with a
// declared calling-convention signature ("0ii_i", "0iCiD_i" with a variadic
// span), served through vm::NativeModule::export_packed so bytecode, C and
// native callers reach it like any other module. A Python exception becomes
// the call's status (a kiln.runtime.VMError keeps its code; anything else is
// UNKNOWN with the Python traceback as message), and the VM adds its stack
// trace.
//
// An export that returns an awaitable (an `async def`) suspends the VM call
// when it runs under invoke_async: the awaitable becomes an asyncio task,
// the call waits on a fence the task's completion signals, and the loop
// resumes it with the task's result, so other invocations and coroutines run
// meanwhile. A synchronous call runs the awaitable to completion in place.
#include <set>

#include "common.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/vm/native_module.h"
#include "kiln/vm/signature.h"

namespace kiln::python {
namespace {

// export_packed keeps the code strings it is given: they live forever here.
const char *intern(const std::string &codes) {
  static std::set<std::string> *strings = new std::set<std::string>();
  return strings->insert(codes).first->c_str();
}

struct PythonExport {
  PythonExport(std::string where, std::string arguments, std::string results, py::handle fn)
      : where(std::move(where)), argument_codes(std::move(arguments)),
        result_codes(std::move(results)), fn(fn.inc_ref().ptr()) {}
  ~PythonExport() { release_python_object(fn); }
  PythonExport(const PythonExport &) = delete;
  PythonExport &operator=(const PythonExport &) = delete;

  std::string where; // "module.function"
  std::string argument_codes, result_codes;
  PyObject *fn;
};

vm::Status pack_results(const PythonExport &e, py::handle ret, vm::ByteSpan results) {
  size_t n = e.result_codes.size();
  if (n == 0)
    return vm::Status();
  vm::ValueList values;
  if (n == 1) {
    values.push_back(to_value(ret, e.result_codes[0], 0));
  } else {
    if (!PySequence_Check(ret.ptr()) || static_cast<size_t>(PySequence_Size(ret.ptr())) != n) {
      return vm::invalid_argument_error(e.where + " must return a sequence of " +
                                        std::to_string(n) + " values (" + e.result_codes + ")");
    }
    py::sequence seq = py::reinterpret_borrow<py::sequence>(ret);
    for (size_t i = 0; i < n; ++i)
      values.push_back(to_value(seq[i], e.result_codes[i], i));
  }
  return vm::pack_values(e.result_codes, values.data(), values.size(), results.data, results.size);
}

// Unpacked values -> the Python arguments: a variadic span becomes a list
// of tuples (of plain values when its tuple has one element), the form
// Function calls take.
py::tuple python_arguments_for(const std::string &codes, vm::ValueList &values) {
  py::list args;
  size_t v = 0;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] != 'C') {
      args.append(from_value(values[v++]));
      continue;
    }
    size_t end = codes.find('D', i);
    size_t width = end - i - 1;
    int32_t count = values[v++].as_i32();
    py::list span;
    for (int32_t k = 0; k < count; ++k) {
      if (width == 1) {
        span.append(from_value(values[v++]));
      } else {
        py::tuple item(width);
        for (size_t w = 0; w < width; ++w)
          item[w] = from_value(values[v++]);
        span.append(std::move(item));
      }
    }
    args.append(std::move(span));
    i = end;
  }
  return py::tuple(std::move(args));
}

// The status for a C++ or Python exception thrown while serving `e`.
vm::Status status_from_exception(const PythonExport &e) {
  try {
    throw;
  } catch (py::error_already_set &error) {
    return status_from_python_error(error, e.where);
  } catch (StatusError &error) {
    return std::move(error.status);
  } catch (std::exception &error) {
    return vm::Status(vm::StatusCode::kUnknown,
                      "Python exception in " + e.where + ": " + error.what());
  } catch (...) {
    return vm::Status(vm::StatusCode::kUnknown, "unknown exception in " + e.where);
  }
}

bool is_awaitable(PyObject *object) {
  PyAsyncMethods *async = Py_TYPE(object)->tp_as_async;
  return async && async->am_await;
}

// A VM call suspended on a Python task. Owned by the suspended frame
// (its token); the frame's cleanup frees it if the call is abandoned.
struct PendingTask {
  std::shared_ptr<PythonExport> e;
  vm::RefT<hal::Fence> done; // signalled by the task's done callback
  PyObject *task;
};

void drop_pending(PendingTask *p, bool cancel_task) {
  if (Py_IsInitialized()) {
    PyGILState_STATE gil = PyGILState_Ensure();
    if (cancel_task) {
      PyObject *r = PyObject_CallMethod(p->task, "cancel", nullptr);
      if (r) {
        Py_DECREF(r);
      } else {
        PyErr_Clear();
      }
    }
    Py_DECREF(p->task);
    PyGILState_Release(gil);
  }
  delete p;
}

void abandon_pending(vm::Frame *frame) {
  auto *data = frame->storage_as<vm::native_detail::FrameData>();
  if (data->token)
    drop_pending(reinterpret_cast<PendingTask *>(data->token), true);
  data->token = 0;
}

vm::Status resume_with_task(vm::NativeCall &call, uint64_t token, vm::ByteSpan results);

vm::Status wait_for_task(vm::NativeCall &call, PendingTask *p) {
  call.frame().cleanup = &abandon_pending;
  call.stack().set_wait(p->done.get(), vm::kInfiniteDeadline);
  return call.defer_packed(&resume_with_task, reinterpret_cast<uint64_t>(p));
}

vm::Status resume_with_task(vm::NativeCall &call, uint64_t token, vm::ByteSpan results) {
  auto *p = reinterpret_cast<PendingTask *>(token);
  py::gil_scoped_acquire gil;
  try {
    py::handle task(p->task);
    if (!task.attr("done")().cast<bool>()) {
      vm::StatusCode why = call.stack().wait_result();
      if (why == vm::StatusCode::kOk)
        return wait_for_task(call, p); // resumed early
      call.frame().cleanup = nullptr;
      std::string where = p->e->where;
      drop_pending(p, true);
      return vm::Status(why, where + (why == vm::StatusCode::kCancelled
                                          ? ": cancelled while its Python task ran"
                                          : ": stopped while its Python task ran"));
    }
    call.frame().cleanup = nullptr;
    std::shared_ptr<PythonExport> e = p->e;
    py::object result;
    try {
      result = task.attr("result")();
    } catch (...) {
      drop_pending(p, false);
      return status_from_exception(*e);
    }
    drop_pending(p, false);
    vm::Status s = pack_results(*e, result, results);
    if (!s.ok())
      s.annotate("results of " + e->where);
    return s;
  } catch (...) {
    return status_from_exception(*p->e);
  }
}

// Runs `awaitable` as a task on `loop` and suspends the VM call on it.
vm::Status suspend_on_task(vm::NativeCall &call, const std::shared_ptr<PythonExport> &e,
                           py::object awaitable, py::handle loop) {
  py::object task = py::module_::import("asyncio").attr("ensure_future")(std::move(awaitable),
                                                                         py::arg("loop") = loop);
  vm::RefT<hal::Fence> done = hal::Fence::create();
  task.attr("add_done_callback")(py::cpp_function([done](py::handle) { (void)done->signal(); }));
  auto *p = new PendingTask{e, std::move(done), task.release().ptr()};
  return wait_for_task(call, p);
}

vm::Status call_python(vm::NativeCall &call, const std::shared_ptr<PythonExport> &ep,
                       vm::ByteSpan arguments, vm::ByteSpan results) {
  const PythonExport &e = *ep;
  py::gil_scoped_acquire gil;
  try {
    vm::ValueList values;
    vm::Status s = vm::unpack_values(e.argument_codes, arguments.data, arguments.size, &values);
    if (!s.ok())
      return s;
    py::tuple args = python_arguments_for(e.argument_codes, values);
    PyObject *ret = PyObject_Call(e.fn, args.ptr(), nullptr);
    if (!ret)
      throw py::error_already_set();
    py::object result = py::reinterpret_steal<py::object>(ret);
    if (KILN_UNLIKELY(is_awaitable(result.ptr()))) {
      if (PyObject *loop = current_async_loop()) {
        return suspend_on_task(call, ep, std::move(result), loop);
      }
      result = py::module_::import("kiln.runtime").attr("_run_sync")(std::move(result), e.where);
    }
    s = pack_results(e, result, results);
    if (!s.ok())
      s.annotate("results of " + e.where);
    return s;
  } catch (...) {
    return status_from_exception(e);
  }
}

// exports: (name, signature, callable) triples, in export order.
std::shared_ptr<ModuleHolder> create_python_module(const std::string &name, py::list exports,
                                                   std::shared_ptr<InstanceHolder> instance) {
  auto module = vm::NativeModule::create(name);
  for (py::handle item : exports) {
    py::tuple t = py::reinterpret_borrow<py::tuple>(item);
    std::string export_name = t[0].cast<std::string>();
    std::string signature = t[1].cast<std::string>();
    auto sig = vm::parse_signature(signature);
    if (!sig.ok()) {
      throw py::value_error("export '" + export_name + "': bad signature '" + signature +
                            "': " + std::string(sig.status().message()));
    }
    std::string arguments(sig->arguments == "v" ? "" : sig->arguments);
    std::string results(sig->results == "v" ? "" : sig->results);
    if (vm::has_variadic(results)) {
      // No vm function can receive them: variadic spans are operands only.
      throw py::value_error("export '" + export_name +
                            "': results cannot be variadic (spans are for arguments)");
    }
    auto e = std::make_shared<PythonExport>(name + "." + export_name, arguments, results, t[2]);
    module->export_packed(export_name, intern(arguments), intern(results),
                          [e](vm::NativeCall &call, vm::ByteSpan args, vm::ByteSpan res) {
                            return call_python(call, e, args, res);
                          });
  }
  auto holder = std::make_shared<ModuleHolder>();
  holder->instance = instance;
  holder->module = std::move(module).as_ref();
  holder->keepalive = exports;
  return holder;
}

} // namespace

void bind_native(py::module_ &m) {
  m.def("_create_python_module", &create_python_module, py::arg("name"), py::arg("exports"),
        py::arg("instance") = nullptr);
}

} // namespace kiln::python
