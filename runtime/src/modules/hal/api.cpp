#include "kiln/modules/hal/api.h"

#include <cstring>
#include <utility>

#include "kiln/modules/check/module.h"
#include "kiln/modules/hal/module.h"

namespace kiln::hal {

vm::StatusOr<Modules> create_modules(vm::Instance &instance, const DeviceOptions &options) {
  KILN_RETURN_IF_ERROR(register_types(instance));
  Modules m;
  KILN_ASSIGN_OR_RETURN(m.device, Device::create(options));
  KILN_ASSIGN_OR_RETURN(m.hal, create_hal_module(instance, {m.device}));
  KILN_ASSIGN_OR_RETURN(m.check, check::create_check_module(instance));
  return m;
}

vm::StatusOr<vm::RefT<BufferView>> make_buffer_view(Device &device, const int64_t *shape,
                                                    size_t rank, ElementType element_type,
                                                    const void *data, size_t size) {
  unsigned __int128 expected = element_byte_size(element_type);
  for (size_t i = 0; i < rank; ++i) {
    if (shape[i] < 0) {
      return vm::make_status(vm::StatusCode::kInvalidArgument, "dimension %zu of %s is negative", i,
                             format_shape_and_type(shape, rank, element_type).c_str());
    }
    expected *= static_cast<uint64_t>(shape[i]);
  }
  if (expected != size) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "%s needs %llu bytes of data, got %zu",
                           format_shape_and_type(shape, rank, element_type).c_str(),
                           static_cast<unsigned long long>(expected), size);
  }
  KILN_ASSIGN_OR_RETURN(
      vm::RefT<Buffer> buffer,
      device.allocator().allocate(memory_type::kDeviceLocal | memory_type::kHostVisible,
                                  buffer_usage::kDefault | buffer_usage::kMapping,
                                  static_cast<int64_t>(size)));
  KILN_RETURN_IF_ERROR(buffer->write(0, data, size));
  return BufferView::create(std::move(buffer), shape, rank, element_type,
                            encoding_type::kDenseRowMajor);
}

vm::StatusOr<BufferViewContents> read_buffer_view(BufferView &view) {
  BufferViewContents c;
  c.shape = view.shape();
  c.element_type = view.element_type();
  c.encoding_type = view.encoding_type();
  size_t n = view.byte_length();
  c.bytes.resize(n);
  KILN_RETURN_IF_ERROR(view.buffer()->read(0, c.bytes.data(), n));
  return c;
}

} // namespace kiln::hal
