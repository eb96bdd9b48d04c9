// Execution limits of calls made from Python: fuel and a timeout per call
// (Context.set_limits), and Ctrl-C.
//
// Python's SIGINT handler only records the signal; the Python-level handler
// (which raises KeyboardInterrupt) runs when the main thread next checks.
// VM code runs with the GIL and never checks on its own, so every call
// carries a polled hook (vm::ExecutionLimits::interrupted) that the runtime
// asks once per slice of work (about 2^16 backward branches or calls) and
// between 50 ms slices of a wait in place. When a handler raises, the call
// ends as CANCELLED and the handler's exception is raised in place of the
// VMError. Emitted C modules built without bounds do not count work, so a
// long loop inside one is not interrupted (docs/python.md).
#include <pybind11/stl.h>

#include <optional>

#include "common.h"
#include "kiln/vm/budget.h"

namespace kiln::python {
namespace {

unsigned long main_thread_ident = 0;

// The exception a signal handler raised during a call, until the call
// returns to Python. Only the main thread runs signal handlers.
struct PendingInterrupt {
  PyObject *type = nullptr;
  PyObject *value = nullptr;
  PyObject *traceback = nullptr;
};
PendingInterrupt pending;

bool check_python_signals(void *) {
  if (PyThread_get_thread_ident() != main_thread_ident)
    return false;
  // With the GIL already held (VM code runs with it) this only counts.
  PyGILState_STATE gil = PyGILState_Ensure();
  bool raised = false;
  if (PyErr_CheckSignals() != 0) {
    raised = true;
    if (!pending.type) {
      PyErr_Fetch(&pending.type, &pending.value, &pending.traceback);
    } else {
      PyErr_Clear(); // the first interrupt already cancels the call
    }
  }
  PyGILState_Release(gil);
  return raised;
}

} // namespace

vm::ExecutionLimits call_limits(const ContextHolder &ctx) {
  vm::ExecutionLimits limits;
  limits.fuel = ctx.fuel;
  if (ctx.timeout_ns > 0)
    limits.deadline_ns = vm::now_ns() + ctx.timeout_ns;
  limits.interrupted = &check_python_signals;
  return limits;
}

void apply_call_limits(ContextHolder &ctx) { ctx.context->set_execution_limits(call_limits(ctx)); }

void raise_pending_interrupt() {
  if (!pending.type)
    return;
  PyErr_Restore(pending.type, pending.value, pending.traceback);
  pending = PendingInterrupt();
  throw py::error_already_set();
}

void bind_limits(ContextClass &context) {
  main_thread_ident =
      py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
  context.def(
      "set_limits",
      [](ContextHolder &c, std::optional<int64_t> fuel, std::optional<double> timeout) {
        if (fuel && *fuel < 0)
          throw py::value_error("fuel must be >= 0 (None: unlimited)");
        if (timeout && !(*timeout > 0 && *timeout < 1e9)) {
          throw py::value_error("timeout must be a positive number of seconds (None: none)");
        }
        c.fuel = fuel ? *fuel : vm::kUnlimitedFuel;
        c.timeout_ns = timeout ? static_cast<int64_t>(*timeout * 1e9) : 0;
        apply_call_limits(c);
      },
      py::arg("fuel") = py::none(), py::arg("timeout") = py::none());
  context.def_property_readonly("limits", [](const ContextHolder &c) {
    py::dict out;
    out["fuel"] = c.fuel == vm::kUnlimitedFuel ? py::object(py::none()) : py::int_(c.fuel);
    out["timeout"] =
        c.timeout_ns > 0 ? py::object(py::float_(c.timeout_ns / 1e9)) : py::object(py::none());
    return out;
  });
}

} // namespace kiln::python
