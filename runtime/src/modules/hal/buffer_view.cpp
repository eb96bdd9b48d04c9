#include "kiln/modules/hal/buffer_view.h"

#include <utility>

namespace kiln::hal {

const vm::RefType BufferView::kType = {"hal.buffer_view", &BufferView::destroy};

void BufferView::destroy(vm::RefObject *object) { delete static_cast<BufferView *>(object); }

vm::StatusOr<vm::RefT<BufferView>> BufferView::create(vm::RefT<Buffer> buffer, const int64_t *shape,
                                                      size_t rank, ElementType element_type,
                                                      EncodingType encoding_type) {
  if (!buffer)
    return vm::invalid_argument_error("buffer view of a null buffer");
  auto view = vm::RefT<BufferView>::adopt(new BufferView());
  view->shape_.assign(shape, shape + rank);
  view->element_type_ = element_type;
  view->encoding_type_ = encoding_type;
  // Dense views must fit: everything that reads elements relies on it.
  unsigned __int128 bytes = element_byte_size(element_type);
  for (size_t i = 0; i < rank; ++i) {
    if (shape[i] < 0) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "buffer view dimension %zu is negative (%lld)", i,
                             static_cast<long long>(shape[i]));
    }
    if (shape[i] == 0)
      bytes = 0; // empty, whatever the other dimensions
  }
  for (size_t i = 0; i < rank && bytes != 0; ++i) {
    bytes *= static_cast<uint64_t>(shape[i]);
    if (bytes > buffer->length())
      break; // before the product can overflow
  }
  if (encoding_type == encoding_type::kDenseRowMajor && bytes > buffer->length()) {
    return vm::make_status(
        vm::StatusCode::kOutOfRange, "buffer view %s needs more bytes than its buffer's %zu",
        format_shape_and_type(shape, rank, element_type).c_str(), buffer->length());
  }
  view->buffer_ = std::move(buffer);
  return view;
}

int64_t BufferView::element_count() const {
  int64_t n = 1;
  for (int64_t d : shape_)
    n *= d;
  return n;
}

size_t BufferView::byte_length() const {
  return static_cast<size_t>(element_count()) * element_byte_size(element_type_);
}

} // namespace kiln::hal
