// Shared declarations of the kiln._runtime extension (pybind11).
//
// The runtime is built without exceptions and RTTI; this extension is built
// with both (pybind11 needs them). Two rules keep that sound:
//  * runtime classes with virtual functions are never bound to Python
//    directly (pybind11 would need their typeinfo, which the runtime does
//    not emit); Python sees small holder structs defined here;
//  * no C++ exception ever unwinds through runtime frames: every callback
//    the runtime calls (Python native exports, loop completions, buffer
//    releases) catches everything.
#ifndef KILN_PYTHON_RUNTIME_COMMON_H_
#define KILN_PYTHON_RUNTIME_COMMON_H_

#include <pybind11/pybind11.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/io_parameters/module.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/list.h"
#include "kiln/vm/loop.h"
#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::python {

namespace py = pybind11;

// ---- errors (errors.cpp) ----------------------------------------------------

// Thrown by binding code for a failed Status; translated into
// kiln.runtime.VMError (code, name, message, VM stack trace).
struct StatusError {
  vm::Status status;
};
[[noreturn]] void throw_status(vm::Status status);
inline void check(vm::Status status) {
  if (KILN_UNLIKELY(!status.ok()))
    throw_status(std::move(status));
}
template <typename T> T check(vm::StatusOr<T> value) {
  if (KILN_UNLIKELY(!value.ok()))
    throw_status(std::move(value).status());
  return std::move(value).value();
}
// The Python exception object for `status` (a kiln.runtime.VMError).
py::object make_vm_error(const vm::Status &status);
// The status for the Python exception being handled (Python native
// exports): a VMError keeps its code; anything else is UNKNOWN with the
// formatted traceback as message. `where` names the export.
vm::Status status_from_python_error(py::error_already_set &error, const std::string &where);
void register_error_translator();

// ---- releasing Python objects from any thread (errors.cpp) -------------------

// Drops one reference to `object`: at once when this thread holds the GIL,
// else later on a Python thread (Py_AddPendingCall, and at the end of every
// invoke). Buffers wrapping Python memory may die on device worker threads,
// which must never wait for the GIL.
void release_python_object(PyObject *object);
void drain_released_objects();

// ---- holders ---------------------------------------------------------------

struct InstanceHolder {
  InstanceHolder();
  vm::Instance instance;
};

struct ModuleHolder {
  vm::Ref module; // a vm::Module
  std::shared_ptr<InstanceHolder> instance;
  py::object keepalive; // Python native modules: their callables
  vm::Module *get() const { return module.as<vm::Module>(); }
};

struct AsyncDriver; // async.cpp
struct AsyncDriverDeleter {
  void operator()(AsyncDriver *driver) const;
};

struct ContextHolder {
  ContextHolder(std::shared_ptr<InstanceHolder> instance, hal::DeviceOptions device);
  ~ContextHolder();

  // Registers `module` after those before it; adds the hal and check modules
  // first when it imports them (as run-module does).
  void add_module(const std::shared_ptr<ModuleHolder> &module);
  // The device of the hal module (created on first use).
  hal::Device &device();

  std::shared_ptr<InstanceHolder> instance;
  hal::DeviceOptions device_options;
  hal::Modules hal; // empty until needed
  bool hal_registered = false;
  // Parameters by scope (--parameters); the io_parameters module serving
  // them is registered before the first module that imports it.
  std::shared_ptr<io_parameters::Parameters> parameters =
      std::make_shared<io_parameters::Parameters>();
  vm::RefT<vm::NativeModule> io_parameters_module;
  // runner_utils, yieldable_test (tooling::register_utility_modules).
  std::vector<vm::RefT<vm::NativeModule>> utility_modules;
  bool check_registered = false;
  std::vector<std::shared_ptr<ModuleHolder>> modules;
  std::unique_ptr<vm::Context> context;
  // The stack synchronous calls run on (a nested call, from a Python export
  // or another thread while this one waits, gets its own).
  std::unique_ptr<vm::Stack> stack;
  bool stack_busy = false;
  std::unique_ptr<AsyncDriver, AsyncDriverDeleter> async; // destroyed first
  // Context.set_limits: fuel per call (vm::kUnlimitedFuel: none) and a
  // timeout per call in ns (0: none).
  int64_t fuel = vm::kUnlimitedFuel;
  int64_t timeout_ns = 0;
};
using ContextClass = py::class_<ContextHolder, std::shared_ptr<ContextHolder>>;

// A function of a context, with its packed layout computed once.
struct FunctionHolder {
  std::shared_ptr<ContextHolder> context;
  vm::Function function;
  std::string name;      // "module.function"
  std::string signature; // "0ii_i"
  std::string argument_codes, result_codes;
  std::vector<uint32_t> argument_offsets, result_offsets;
  size_t arguments_size = 0, results_size = 0;
  bool variadic = false;
  bool argument_refs = false;
};

// A ref with no more specific Python type (hal.device, hal.fence, ...).
struct RefHolder {
  vm::Ref ref;
};
// A vm.buffer; exposes the Python buffer protocol (zero copy).
struct BufferHolder {
  vm::RefT<vm::Buffer> buffer;
};
// A hal.buffer_view whose element type numpy lacks (bf16, opaque, ...).
struct BufferViewHolder {
  vm::RefT<hal::BufferView> view;
};
// A vm.list given from Python with an explicit element type.
struct ListHolder {
  vm::RefT<vm::List> list;
};

// ---- values (values.cpp) ---------------------------------------------------

// Python value -> one packed slot of type `code` ('i','I','f','F','r'). A
// ref slot receives an owned reference (placement new).
void store_packed(py::handle value, char code, uint8_t *slot, size_t index);
// One packed slot -> Python; ref slots are moved out (left null).
py::object load_packed(char code, uint8_t *slot);
// Python value -> tagged VM value for `code`.
vm::Value to_value(py::handle value, char code, size_t index);
// Tagged VM value -> Python.
py::object from_value(vm::Value &value);
// Python object -> ref: bytes/bytearray/memoryview (vm.buffer), numpy
// arrays (hal.buffer_view), lists (vm.list), None (null), holders.
vm::Ref to_ref(py::handle value);
// Ref -> Python: vm.buffer as memoryview, hal.buffer_view as numpy array
// when numpy has the element type, vm.list as a list, others as holders.
py::object from_ref(vm::Ref ref);
// Computes the packed layout of `function`'s signature.
void prepare_function(FunctionHolder &holder);
// Calls `function` with Python arguments; returns None, one value, or a
// tuple for several results.
py::object call_function(FunctionHolder &function, PyObject *const *args, size_t nargs);
// Python arguments as host values for `function` (variadic spans: a
// sequence of tuples each, flattened after their count).
vm::ValueList python_arguments(FunctionHolder &function, py::args args);
// None, one value or a tuple.
py::object results_to_python(vm::ValueList &results);
void bind_values(py::module_ &m);

// ---- contexts (context.cpp) ----------------------------------------------------
void bind_context(py::module_ &m);

// ---- kiln.runtime.Function (function.cpp) ---------------------------------------
// A Function object (a vectorcall type: calls skip pybind11's dispatcher).
py::object wrap_function(std::shared_ptr<FunctionHolder> holder);
// The holder of a Function object (TypeError for anything else).
FunctionHolder &function_holder(py::handle function);
void bind_function(py::module_ &m);

// ---- numpy (ndarray.cpp) ----------------------------------------------------

// A numpy array -> hal.buffer_view over its memory (a copy only when the
// array is not C-contiguous or not in native byte order). Null when `value`
// is not an ndarray.
vm::Ref ndarray_to_buffer_view(py::handle value);
// A buffer view -> numpy array viewing the buffer's memory (the array keeps
// the view alive). None when numpy has no dtype for the element type.
py::object buffer_view_to_ndarray(const vm::RefT<hal::BufferView> &view);
// The hal element type for a numpy dtype (TypeError if none).
hal::ElementType element_type_for_dtype(py::handle dtype);
void bind_ndarray(py::module_ &m);

// ---- native modules in Python (native.cpp) -----------------------------------
void bind_native(py::module_ &m);

// ---- run-module's text inputs and outputs (tooling.cpp) ------------------------
void bind_tooling(py::module_ &m);

// ---- limits and Ctrl-C (limits.cpp) -------------------------------------------
// The limits of a call starting now: the context's fuel, its timeout as a
// deadline, and the Ctrl-C hook.
vm::ExecutionLimits call_limits(const ContextHolder &ctx);
// Sets the vm::Context's limits (used by vm::invoke, the loop, initializers)
// to call_limits(ctx).
void apply_call_limits(ContextHolder &ctx);
// Raises (as py::error_already_set) the exception a Python signal handler
// raised while a call ran, if any; the call was cancelled for it.
void raise_pending_interrupt();
void bind_limits(ContextClass &context);

// ---- async (async.cpp) -------------------------------------------------------
py::object invoke_async(FunctionHolder &function, py::args args);
// The asyncio loop whose Kiln round runs on this thread, or null (also
// inside a synchronous call made from such a round, which must not suspend
// on Python work: it waits in place). A Python export that returns an
// awaitable suspends its VM call only when this is set.
PyObject *&current_async_loop();
// Clears current_async_loop() for a synchronous call.
class ScopedSyncCall {
public:
  ScopedSyncCall() : saved_(current_async_loop()) { current_async_loop() = nullptr; }
  ~ScopedSyncCall() { current_async_loop() = saved_; }
  ScopedSyncCall(const ScopedSyncCall &) = delete;
  ScopedSyncCall &operator=(const ScopedSyncCall &) = delete;

private:
  PyObject *saved_;
};
void bind_async(py::module_ &m);

} // namespace kiln::python

#endif // KILN_PYTHON_RUNTIME_COMMON_H_
