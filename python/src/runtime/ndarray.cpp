// numpy arrays <-> hal buffer views, without copies where the memory allows:
// an array becomes a view over its own memory (the view keeps the array
// alive), and a view comes back as an array over the buffer's memory (the
// array keeps the view alive).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "common.h"
#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/buffer_view.h"
#include "kiln/vm/buffer.h"

namespace kiln::python {
namespace {

namespace et = hal::element_type;

// numpy is only looked at once something imported it: an object cannot be
// an ndarray before, and importing numpy costs tens of milliseconds.
bool numpy_loaded() {
  static bool loaded = false;
  if (!loaded)
    loaded = PyDict_GetItemString(PyImport_GetModuleDict(), "numpy") != nullptr;
  return loaded;
}

// numpy's name for the dtype of `type`, or nullptr when numpy has none.
const char *dtype_name(hal::ElementType type) {
  switch (type) {
  case et::kBool8:
    return "bool";
  case et::kInt8:
  case et::kSint8:
    return "int8";
  case et::kUint8:
    return "uint8";
  case et::kInt16:
  case et::kSint16:
    return "int16";
  case et::kUint16:
    return "uint16";
  case et::kInt32:
  case et::kSint32:
    return "int32";
  case et::kUint32:
    return "uint32";
  case et::kInt64:
  case et::kSint64:
    return "int64";
  case et::kUint64:
    return "uint64";
  case et::kFloat16:
    return "float16";
  case et::kFloat32:
    return "float32";
  case et::kFloat64:
    return "float64";
  case et::kComplexFloat64:
    return "complex64";
  case et::kComplexFloat128:
    return "complex128";
  default:
    return nullptr;
  }
}

// numpy's dtype object for `name`, made once.
py::dtype cached_dtype(const char *name) {
  static std::vector<std::pair<const char *, PyObject *>> *cache =
      new std::vector<std::pair<const char *, PyObject *>>();
  for (auto &entry : *cache) {
    if (entry.first == name)
      return py::reinterpret_borrow<py::dtype>(entry.second);
  }
  py::dtype dtype(name);
  cache->emplace_back(name, dtype.inc_ref().ptr());
  return dtype;
}

void release_array(void *user) { release_python_object(static_cast<PyObject *>(user)); }

// The view `base` stands for, when `array` is exactly an array this module
// made over it (so passing a result back passes the same view).
vm::Ref reuse_view(const py::array &array, hal::ElementType type) {
  py::handle base = array.base();
  if (!base || !py::isinstance<BufferViewHolder>(base))
    return {};
  const auto &view = py::cast<const BufferViewHolder &>(base).view;
  if (!view || view->element_type() != type || view->rank() != static_cast<size_t>(array.ndim())) {
    return {};
  }
  for (size_t i = 0; i < view->rank(); ++i) {
    if (view->shape()[i] != array.shape(i))
      return {};
  }
  auto mapped = view->buffer()->map(0, view->byte_length(), hal::memory_access::kRead);
  if (!mapped.ok() || *mapped != array.data())
    return {};
  return view.as_ref();
}

} // namespace

hal::ElementType element_type_for_dtype(py::handle dtype_object) {
  py::dtype dtype = py::dtype::from_args(py::reinterpret_borrow<py::object>(dtype_object));
  const auto *descr = py::detail::array_descriptor_proxy(dtype.ptr());
  char kind = descr->kind;
  size_t size = static_cast<size_t>(descr->elsize);
  if (descr->fields && descr->fields != Py_None)
    kind = 'V'; // structured
  uint32_t bits = static_cast<uint32_t>(size * 8);
  switch (kind) {
  case 'b':
    return et::kBool8;
  case 'i':
    if (size == 1 || size == 2 || size == 4 || size == 8) {
      return hal::make_element_type(hal::numerical::kIntegerSigned, bits);
    }
    break;
  case 'u':
    if (size == 1 || size == 2 || size == 4 || size == 8) {
      return hal::make_element_type(hal::numerical::kIntegerUnsigned, bits);
    }
    break;
  case 'f':
    if (size == 2 || size == 4 || size == 8) {
      return hal::make_element_type(hal::numerical::kFloatIeee, bits);
    }
    break;
  case 'c':
    if (size == 8 || size == 16) {
      return hal::make_element_type(hal::numerical::kFloatComplex, bits);
    }
    break;
  default:
    break;
  }
  throw py::type_error("numpy dtype " + std::string(py::str(dtype)) + " has no hal element type");
}

vm::Ref ndarray_to_buffer_view(py::handle value) {
  if (!numpy_loaded() || !py::isinstance<py::array>(value))
    return {};
  py::array array = py::reinterpret_borrow<py::array>(value);
  hal::ElementType type = element_type_for_dtype(array.dtype());
  if (vm::Ref same = reuse_view(array, type))
    return same;
  // Copies only for memory a dense row-major view cannot describe.
  if (py::detail::array_descriptor_proxy(array.dtype().ptr())->byteorder == '>') {
    array = array.attr("astype")(array.dtype().attr("newbyteorder")("="));
  }
  if (!(array.flags() & py::array::c_style)) {
    array = py::module_::import("numpy").attr("ascontiguousarray")(array);
  }
  std::vector<int64_t> shape(array.shape(), array.shape() + array.ndim());
  size_t bytes = static_cast<size_t>(array.nbytes());
  bool writable = array.writeable();
  PyObject *owner = array.ptr();
  Py_INCREF(owner);
  auto storage =
      vm::Buffer::wrap_external(const_cast<void *>(array.data()), bytes,
                                writable ? vm::BufferAccess::kMutable : vm::BufferAccess::kReadOnly,
                                vm::Buffer::ReleaseCallback{&release_array, owner});
  if (!storage.ok()) {
    Py_DECREF(owner);
    throw_status(std::move(storage).status());
  }
  vm::RefT<hal::Buffer> buffer = check(hal::Buffer::wrap(
      std::move(storage).value(), 0, bytes,
      hal::memory_type::kDeviceLocal | hal::memory_type::kHostVisible,
      hal::buffer_usage::kDefault | hal::buffer_usage::kMapping, hal::memory_access::kAll));
  return check(hal::BufferView::create(std::move(buffer), shape.data(), shape.size(), type,
                                       hal::encoding_type::kDenseRowMajor))
      .as_ref();
}

py::object buffer_view_to_ndarray(const vm::RefT<hal::BufferView> &view) {
  const char *name = dtype_name(view->element_type());
  if (!name || view->encoding_type() != hal::encoding_type::kDenseRowMajor) {
    return py::none();
  }
  size_t bytes = view->byte_length();
  bool writable = true;
  auto mapped =
      view->buffer()->map(0, bytes, hal::memory_access::kRead | hal::memory_access::kWrite);
  if (!mapped.ok()) {
    writable = false;
    mapped = view->buffer()->map(0, bytes, hal::memory_access::kRead);
  }
  uint8_t *data = check(std::move(mapped));
  py::dtype dtype = cached_dtype(name);
  std::vector<py::ssize_t> shape(view->shape().begin(), view->shape().end());
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = dtype.itemsize();
  for (size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  py::object base = py::cast(BufferViewHolder{view});
  py::array array(dtype, shape, strides, data, base);
  if (!writable) {
    py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  }
  return std::move(array);
}

void bind_ndarray(py::module_ &m) {
  py::class_<BufferViewHolder>(m, "BufferView",
                               "A hal.buffer_view (numpy arrays stand for the "
                               "ones numpy has an element type for).")
      .def_property_readonly(
          "shape", [](const BufferViewHolder &h) { return py::tuple(py::cast(h.view->shape())); })
      .def_property_readonly("element_type",
                             [](const BufferViewHolder &h) {
                               return hal::format_element_type(h.view->element_type());
                             })
      .def("__eq__", [](const BufferViewHolder &a,
                        const BufferViewHolder &b) { return a.view.get() == b.view.get(); })
      .def("__hash__",
           [](const BufferViewHolder &h) { return std::hash<const void *>()(h.view.get()); })
      .def("to_bytes",
           [](const BufferViewHolder &h) {
             auto contents = check(hal::read_buffer_view(*h.view));
             return py::bytes(reinterpret_cast<const char *>(contents.bytes.data()),
                              contents.bytes.size());
           })
      .def("__repr__", [](const BufferViewHolder &h) {
        auto text = hal::format_buffer_view(*h.view, 16);
        return "<kiln.runtime.BufferView " +
               (text.ok() ? *text
                          : hal::format_shape_and_type(h.view->shape().data(), h.view->rank(),
                                                       h.view->element_type())) +
               ">";
      });
  m.def(
      "element_type_for_dtype", [](py::handle dtype) { return element_type_for_dtype(dtype); },
      "IREE's numeric hal element type for a numpy dtype.");
  m.def(
      "buffer_view",
      [](py::handle array) {
        vm::Ref ref = ndarray_to_buffer_view(array);
        if (!ref)
          throw py::type_error("expected a numpy.ndarray");
        return BufferViewHolder{vm::RefT<hal::BufferView>::unchecked(std::move(ref))};
      },
      "A hal.buffer_view over a numpy array's memory (no copy).");
}

} // namespace kiln::python
