// Python values <-> VM values and packed argument bytes; the synchronous
// call path (Function.__call__).
#include <cstring>

#include <pybind11/numpy.h>

#include "common.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/signature.h"

namespace kiln::python {
namespace {

using vm::code_type_name;

[[noreturn]] void type_error(size_t index, char code, py::handle value) {
  throw py::type_error("argument " + std::to_string(index) + ": expected " +
                       (code == 'f' || code == 'F' ? "a float" : "an int") + " for " +
                       code_type_name(code) + ", got " +
                       std::string(py::str(py::type::of(value).attr("__name__"))));
}

// An integer of `bits` (32 or 64) bits, signless: accepts the signed and
// the unsigned range.
int64_t to_integer(py::handle value, int bits, size_t index, char code) {
  if (PyFloat_Check(value.ptr()) || !PyIndex_Check(value.ptr()))
    type_error(index, code, value);
  int overflow = 0;
  long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (v == -1 && PyErr_Occurred())
    throw py::error_already_set();
  if (overflow == 0 && bits == 32 && v >= INT32_MIN && v <= UINT32_MAX)
    return v;
  if (overflow == 0 && bits == 64)
    return v;
  if (overflow > 0 && bits == 64) {
    unsigned long long u = PyLong_AsUnsignedLongLong(value.ptr());
    if (!PyErr_Occurred())
      return static_cast<int64_t>(u);
    PyErr_Clear();
  }
  throw py::value_error("argument " + std::to_string(index) + ": " + std::string(py::str(value)) +
                        " does not fit in " + code_type_name(code));
}

double to_double(py::handle value, size_t index, char code) {
  double d = PyFloat_AsDouble(value.ptr());
  if (d == -1.0 && PyErr_Occurred()) {
    PyErr_Clear();
    type_error(index, code, value);
  }
  return d;
}

// ---- Python memory as vm.buffer ----------------------------------------------

void release_memoryview(void *user) { release_python_object(static_cast<PyObject *>(user)); }

// A vm.buffer over the memory of a buffer-protocol object, without a copy.
// Writable objects (bytearray, writable memoryviews) give a mutable buffer,
// others a read-only one. Non-contiguous memory is copied.
vm::Ref wrap_python_buffer(py::handle value) {
  PyObject *view = PyMemoryView_FromObject(value.ptr());
  if (!view)
    throw py::error_already_set();
  Py_buffer *b = PyMemoryView_GET_BUFFER(view);
  if (!PyBuffer_IsContiguous(b, 'C')) {
    Py_DECREF(view);
    py::bytes copy = py::reinterpret_steal<py::bytes>(PyBytes_FromObject(value.ptr()));
    if (!copy)
      throw py::error_already_set();
    return wrap_python_buffer(copy);
  }
  vm::Buffer::ReleaseCallback release{&release_memoryview, view};
  auto buffer = vm::Buffer::wrap_external(
      b->buf, static_cast<size_t>(b->len),
      b->readonly ? vm::BufferAccess::kReadOnly : vm::BufferAccess::kMutable, release);
  if (!buffer.ok()) {
    Py_DECREF(view);
    throw_status(std::move(buffer).status());
  }
  return std::move(buffer).value();
}

// An element of a variant list: ints are i64, floats f64 (IREE's
// convention), everything else a ref.
vm::Value variant_value(py::handle item, size_t index) {
  if (PyFloat_Check(item.ptr()))
    return vm::Value::f64(PyFloat_AsDouble(item.ptr()));
  if (PyIndex_Check(item.ptr()) && !PyObject_CheckBuffer(item.ptr())) {
    return vm::Value::i64(to_integer(item, 64, index, 'I'));
  }
  return vm::Value::ref(to_ref(item));
}

vm::Ref list_from_sequence(py::handle value) {
  py::sequence seq = py::reinterpret_borrow<py::sequence>(value);
  size_t n = seq.size();
  vm::RefT<vm::List> list = check(vm::List::create(vm::ElementType::variant(), n));
  for (size_t i = 0; i < n; ++i)
    check(list->push_value(variant_value(seq[i], i)));
  return std::move(list).as_ref();
}

py::object list_to_python(vm::List &list) {
  py::list out(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    vm::Value v;
    check(list.get_value(i, &v));
    out[i] = from_value(v);
  }
  return std::move(out);
}

py::object buffer_to_python(vm::RefT<vm::Buffer> buffer) {
  py::object holder = py::cast(BufferHolder{std::move(buffer)});
  return py::reinterpret_steal<py::object>(PyMemoryView_FromObject(holder.ptr()));
}

} // namespace

vm::Ref to_ref(py::handle value) {
  if (value.is_none())
    return vm::Ref();
  PyObject *p = value.ptr();
  if (PyBytes_Check(p) || PyByteArray_Check(p))
    return wrap_python_buffer(value);
  if (PyMemoryView_Check(p)) {
    // A whole view of a vm.buffer result passes the same buffer back.
    Py_buffer *b = PyMemoryView_GET_BUFFER(p);
    if (b->obj && py::isinstance<BufferHolder>(b->obj)) {
      auto &holder = py::cast<BufferHolder &>(b->obj);
      if (holder.buffer && b->buf == holder.buffer->data() &&
          static_cast<size_t>(b->len) == holder.buffer->length()) {
        return holder.buffer.as_ref();
      }
    }
    return wrap_python_buffer(value);
  }
  if (PyList_Check(p) || PyTuple_Check(p))
    return list_from_sequence(value);
  vm::Ref view = ndarray_to_buffer_view(value);
  if (view)
    return view;
  if (py::isinstance<BufferHolder>(value))
    return py::cast<BufferHolder &>(value).buffer.as_ref();
  if (py::isinstance<BufferViewHolder>(value))
    return py::cast<BufferViewHolder &>(value).view.as_ref();
  if (py::isinstance<ListHolder>(value))
    return py::cast<ListHolder &>(value).list.as_ref();
  if (py::isinstance<RefHolder>(value))
    return py::cast<RefHolder &>(value).ref;
  if (PyObject_CheckBuffer(p))
    return wrap_python_buffer(value);
  throw py::type_error("cannot pass a " +
                       std::string(py::str(py::type::of(value).attr("__name__"))) +
                       " as a VM ref (expected bytes, bytearray, memoryview, "
                       "numpy.ndarray, list, None or a kiln ref)");
}

py::object from_ref(vm::Ref ref) {
  if (!ref)
    return py::none();
  if (ref.is_type(vm::Buffer::kType)) {
    return buffer_to_python(vm::RefT<vm::Buffer>::unchecked(std::move(ref)));
  }
  if (ref.is_type(hal::BufferView::kType)) {
    auto view = vm::RefT<hal::BufferView>::unchecked(std::move(ref));
    py::object array = buffer_view_to_ndarray(view);
    if (!array.is_none())
      return array;
    return py::cast(BufferViewHolder{std::move(view)});
  }
  if (ref.is_type(vm::List::kType))
    return list_to_python(*ref.as<vm::List>());
  return py::cast(RefHolder{std::move(ref)});
}

void store_packed(py::handle value, char code, uint8_t *slot, size_t index) {
  switch (code) {
  case 'i': {
    int32_t v = static_cast<int32_t>(to_integer(value, 32, index, code));
    std::memcpy(slot, &v, 4);
    return;
  }
  case 'I': {
    int64_t v = to_integer(value, 64, index, code);
    std::memcpy(slot, &v, 8);
    return;
  }
  case 'f': {
    float v = static_cast<float>(to_double(value, index, code));
    std::memcpy(slot, &v, 4);
    return;
  }
  case 'F': {
    double v = to_double(value, index, code);
    std::memcpy(slot, &v, 8);
    return;
  }
  default:
    new (slot) vm::Ref(to_ref(value));
    return;
  }
}

py::object load_packed(char code, uint8_t *slot) {
  switch (code) {
  case 'i': {
    int32_t v;
    std::memcpy(&v, slot, 4);
    return py::reinterpret_steal<py::object>(PyLong_FromLong(v));
  }
  case 'I': {
    int64_t v;
    std::memcpy(&v, slot, 8);
    return py::reinterpret_steal<py::object>(PyLong_FromLongLong(v));
  }
  case 'f': {
    float v;
    std::memcpy(&v, slot, 4);
    return py::reinterpret_steal<py::object>(PyFloat_FromDouble(v));
  }
  case 'F': {
    double v;
    std::memcpy(&v, slot, 8);
    return py::reinterpret_steal<py::object>(PyFloat_FromDouble(v));
  }
  default: {
    vm::Ref ref = std::move(*reinterpret_cast<vm::Ref *>(slot));
    return from_ref(std::move(ref));
  }
  }
}

vm::Value to_value(py::handle value, char code, size_t index) {
  switch (code) {
  case 'i':
    return vm::Value::i32(static_cast<int32_t>(to_integer(value, 32, index, code)));
  case 'I':
    return vm::Value::i64(to_integer(value, 64, index, code));
  case 'f':
    return vm::Value::f32(static_cast<float>(to_double(value, index, code)));
  case 'F':
    return vm::Value::f64(to_double(value, index, code));
  default:
    return vm::Value::ref(to_ref(value));
  }
}

py::object from_value(vm::Value &value) {
  switch (value.type()) {
  case vm::ValueType::kNone:
    return py::none();
  case vm::ValueType::kI8:
  case vm::ValueType::kI16:
  case vm::ValueType::kI32:
    return py::int_(value.as_i32());
  case vm::ValueType::kI64:
    return py::int_(value.as_i64());
  case vm::ValueType::kF32:
    return py::float_(value.as_f32());
  case vm::ValueType::kF64:
    return py::float_(value.as_f64());
  case vm::ValueType::kRef:
    return from_ref(value.take_ref());
  }
  return py::none();
}

// ---- functions ---------------------------------------------------------------

namespace {

std::vector<uint32_t> offsets_for(std::string_view codes, size_t *size) {
  std::vector<uint32_t> offsets;
  size_t offset = 0, max_align = 1;
  for (char c : codes) {
    size_t a = vm::code_alignment(c);
    max_align = std::max(max_align, a);
    offset = vm::align_up(offset, a);
    offsets.push_back(static_cast<uint32_t>(offset));
    offset += vm::code_size(c);
  }
  *size = vm::align_up(offset, max_align);
  return offsets;
}

// Variadic arguments: each span is a sequence of tuples (or of scalars when
// the tuple has one element), flattened after its count (kiln/vm/value.h).
void append_variadic(py::handle value, std::string_view tuple_codes, size_t index,
                     vm::ValueList *out) {
  py::sequence seq = py::reinterpret_borrow<py::sequence>(value);
  out->push_back(vm::Value::i32(static_cast<int32_t>(seq.size())));
  for (py::handle item : seq) {
    if (tuple_codes.size() == 1) {
      out->push_back(to_value(item, tuple_codes[0], index));
      continue;
    }
    py::sequence tuple = py::reinterpret_borrow<py::sequence>(item);
    if (tuple.size() != tuple_codes.size()) {
      throw py::value_error("argument " + std::to_string(index) + ": tuples of " +
                            std::to_string(tuple_codes.size()) + " values expected");
    }
    for (size_t k = 0; k < tuple_codes.size(); ++k) {
      out->push_back(to_value(tuple[k], tuple_codes[k], index));
    }
  }
}

} // namespace

py::object results_to_python(vm::ValueList &results) {
  if (results.empty())
    return py::none();
  if (results.size() == 1)
    return from_value(results[0]);
  py::tuple out(results.size());
  for (size_t i = 0; i < results.size(); ++i)
    out[i] = from_value(results[i]);
  return std::move(out);
}

vm::ValueList python_arguments(FunctionHolder &f, py::args args) {
  vm::ValueList values;
  std::string_view codes = f.argument_codes;
  size_t arg = 0;
  for (size_t i = 0; i < codes.size(); ++i, ++arg) {
    if (arg >= args.size())
      throw py::type_error(f.name + " expects more arguments");
    if (codes[i] == 'C') {
      size_t end = codes.find('D', i);
      append_variadic(args[arg], codes.substr(i + 1, end - i - 1), arg, &values);
      i = end;
    } else {
      values.push_back(to_value(args[arg], codes[i], arg));
    }
  }
  if (arg != args.size())
    throw py::type_error(f.name + " got too many arguments");
  return values;
}

namespace {
py::object call_variadic(FunctionHolder &f, py::args args) {
  vm::ValueList values = python_arguments(f, std::move(args)), results;
  apply_call_limits(*f.context);
  ScopedSyncCall sync;
  vm::Status s = vm::invoke(*f.context->context, f.function, values, &results);
  drain_released_objects();
  check(std::move(s));
  return results_to_python(results);
}
// vm::invoke_packed, except that waiting on a fence releases the GIL, so
// other Python threads run meanwhile (VM code itself runs with the GIL),
// and that the call carries the context's limits and the Ctrl-C hook.
vm::Status run_packed(ContextHolder &ctx, const vm::Function &function, vm::ByteSpan arguments,
                      vm::ByteSpan results) {
  ScopedSyncCall sync;
  std::unique_ptr<vm::Stack> local;
  vm::Stack *stack;
  if (KILN_LIKELY(!ctx.stack_busy)) {
    if (!ctx.stack)
      ctx.stack.reset(new vm::Stack());
    stack = ctx.stack.get();
    ctx.stack_busy = true;
  } else {
    local.reset(new vm::Stack());
    stack = local.get();
  }
  vm::Budget budget(call_limits(ctx));
  vm::Budget *previous_budget = stack->budget();
  stack->set_budget(&budget);
  vm::Status s = vm::begin_packed(*stack, *ctx.context, function, arguments, results);
  while (KILN_UNLIKELY(s.is_deferred())) {
    {
      py::gil_scoped_release release;
      vm::wait_in_place(*stack); // also sees a timeout or Ctrl-C
    }
    s = vm::resume_packed(*stack, function, results);
  }
  stack->set_budget(previous_budget);
  if (!local)
    ctx.stack_busy = false;
  return s;
}

} // namespace

void prepare_function(FunctionHolder &f) {
  f.signature = std::string(f.function.module->function_signature(f.function));
  vm::Signature sig = check(vm::parse_signature(f.signature));
  f.argument_codes = std::string(sig.arguments == "v" ? "" : sig.arguments);
  f.result_codes = std::string(sig.results == "v" ? "" : sig.results);
  f.variadic = vm::has_variadic(f.argument_codes);
  if (vm::has_variadic(f.result_codes)) {
    throw py::type_error(f.name + ": variadic results cannot be returned to Python");
  }
  if (!f.variadic)
    f.argument_offsets = offsets_for(f.argument_codes, &f.arguments_size);
  f.result_offsets = offsets_for(f.result_codes, &f.results_size);
  f.argument_refs = vm::has_refs(f.argument_codes);
}

py::object call_function(FunctionHolder &f, PyObject *const *args, size_t nargs) {
  if (KILN_UNLIKELY(f.variadic)) {
    py::tuple tuple(nargs);
    for (size_t i = 0; i < nargs; ++i)
      tuple[i] = py::reinterpret_borrow<py::object>(args[i]);
    return call_variadic(f, py::args(std::move(tuple)));
  }
  size_t count = f.argument_codes.size();
  if (KILN_UNLIKELY(nargs != count)) {
    throw py::type_error(f.name + " takes " + std::to_string(count) + " argument(s) (" +
                         f.signature + "), got " + std::to_string(nargs));
  }
  alignas(8) uint8_t small_args[128];
  alignas(8) uint8_t small_results[128];
  std::vector<uint64_t> big_args, big_results;
  uint8_t *arg_bytes = small_args;
  uint8_t *result_bytes = small_results;
  if (f.arguments_size > sizeof(small_args)) {
    big_args.resize((f.arguments_size + 7) / 8);
    arg_bytes = reinterpret_cast<uint8_t *>(big_args.data());
  }
  if (f.results_size > sizeof(small_results)) {
    big_results.resize((f.results_size + 7) / 8);
    result_bytes = reinterpret_cast<uint8_t *>(big_results.data());
  }
  if (f.argument_refs || f.arguments_size > sizeof(small_args)) {
    std::memset(arg_bytes, 0, f.arguments_size);
  }
  std::memset(result_bytes, 0, f.results_size);
  try {
    for (size_t i = 0; i < count; ++i) {
      store_packed(py::handle(args[i]), f.argument_codes[i], arg_bytes + f.argument_offsets[i], i);
    }
  } catch (...) {
    if (f.argument_refs) {
      vm::release_packed_refs(f.argument_codes, arg_bytes, f.arguments_size);
    }
    throw;
  }
  vm::Status s = run_packed(*f.context, f.function, vm::ByteSpan{arg_bytes, f.arguments_size},
                            vm::ByteSpan{result_bytes, f.results_size});
  if (f.argument_refs) {
    // The argument bytes own their refs: release what the callee left.
    vm::release_packed_refs(f.argument_codes, arg_bytes, f.arguments_size);
    drain_released_objects();
  }
  check(std::move(s));
  size_t results = f.result_codes.size();
  if (results == 0)
    return py::none();
  if (results == 1)
    return load_packed(f.result_codes[0], result_bytes);
  py::tuple out(results);
  size_t i = 0;
  try {
    for (; i < results; ++i) {
      out[i] = load_packed(f.result_codes[i], result_bytes + f.result_offsets[i]);
    }
  } catch (...) {
    // Release the refs not converted yet.
    for (size_t k = i; k < results; ++k) {
      if (f.result_codes[k] == 'r') {
        reinterpret_cast<vm::Ref *>(result_bytes + f.result_offsets[k])->reset();
      }
    }
    throw;
  }
  return std::move(out);
}

// ---- ref types -----------------------------------------------------------------

namespace {

vm::ElementType list_element_type(const std::string &name) {
  if (name == "i8")
    return vm::ElementType::i8();
  if (name == "i16")
    return vm::ElementType::i16();
  if (name == "i32")
    return vm::ElementType::i32();
  if (name == "i64")
    return vm::ElementType::i64();
  if (name == "f32")
    return vm::ElementType::f32();
  if (name == "f64")
    return vm::ElementType::f64();
  if (name == "ref")
    return vm::ElementType::ref();
  if (name == "variant" || name == "any")
    return vm::ElementType::variant();
  throw py::value_error("unknown list element type '" + name +
                        "' (i8, i16, i32, i64, f32, f64, ref or variant)");
}

char code_for_list(vm::ElementType type) {
  switch (type.kind) {
  case vm::ElementType::kI8:
  case vm::ElementType::kI16:
  case vm::ElementType::kI32:
    return 'i';
  case vm::ElementType::kI64:
    return 'I';
  case vm::ElementType::kF32:
    return 'f';
  case vm::ElementType::kF64:
    return 'F';
  default:
    return 'r';
  }
}

} // namespace

void bind_values(py::module_ &m) {
  py::class_<RefHolder>(m, "Ref", "A VM object Python has no closer type for.")
      .def_property_readonly("type_name",
                             [](const RefHolder &r) {
                               return r.ref ? std::string(r.ref.type()->name) : std::string("null");
                             })
      .def("__repr__", [](const RefHolder &r) {
        return "<kiln.runtime.Ref " + std::string(r.ref ? r.ref.type()->name : "null") + ">";
      });

  py::class_<BufferHolder>(m, "Buffer", py::buffer_protocol(),
                           "A vm.buffer: memoryview(buffer) and numpy see its "
                           "bytes without a copy.")
      .def_buffer([](BufferHolder &b) {
        bool writable = b.buffer->is_mutable();
        return py::buffer_info(const_cast<uint8_t *>(b.buffer->data()), 1,
                               py::format_descriptor<uint8_t>::format(), 1,
                               {static_cast<py::ssize_t>(b.buffer->length())}, {1}, !writable);
      })
      .def("__len__", [](const BufferHolder &b) { return b.buffer->length(); });

  py::class_<ListHolder>(m, "List", "A vm.list with an explicit element type.")
      .def(py::init([](const std::string &element_type, py::iterable values) {
             vm::ElementType type = list_element_type(element_type);
             ListHolder h{check(vm::List::create(type))};
             char code = code_for_list(type);
             size_t i = 0;
             for (py::handle item : values) {
               check(h.list->push_value(type.kind == vm::ElementType::kVariant
                                            ? variant_value(item, i)
                                            : to_value(item, code, i)));
               ++i;
             }
             return h;
           }),
           py::arg("element_type"), py::arg("values") = py::list())
      .def("__len__", [](const ListHolder &h) { return h.list->size(); })
      .def("to_list", [](const ListHolder &h) { return list_to_python(*h.list); })
      .def_property_readonly(
          "element_type", [](const ListHolder &h) { return h.list->element_type().to_string(); });
}

} // namespace kiln::python
