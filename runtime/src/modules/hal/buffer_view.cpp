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
  // The element count and byte length are computed once, checked, and
  // kept: every reader (check, the printer, the tools) loops over them, so a
  // product that wrapped would read past the buffer. Dense views must also
  // fit their buffer; other encodings may be larger than their storage,
  // whose reads are then refused by the buffer's range checks.
  bool empty = false;
  for (size_t i = 0; i < rank; ++i) {
    if (shape[i] < 0) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "buffer view dimension %zu is negative (%lld)", i,
                             static_cast<long long>(shape[i]));
    }
    empty |= shape[i] == 0;
  }
  int64_t count = empty ? 0 : 1;
  size_t bytes = 0;
  for (size_t i = 0; i < rank && !empty; ++i) {
    if (__builtin_mul_overflow(count, shape[i], &count)) {
      return vm::make_status(vm::StatusCode::kOutOfRange,
                             "buffer view %s has more elements than 2^63 - 1",
                             format_shape_and_type(shape, rank, element_type).c_str());
    }
  }
  if (__builtin_mul_overflow(static_cast<uint64_t>(count), element_byte_size(element_type),
                             &bytes)) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "buffer view %s has more bytes than a size holds",
                           format_shape_and_type(shape, rank, element_type).c_str());
  }
  if (encoding_type == encoding_type::kDenseRowMajor && bytes > buffer->length()) {
    return vm::make_status(
        vm::StatusCode::kOutOfRange, "buffer view %s needs more bytes than its buffer's %zu",
        format_shape_and_type(shape, rank, element_type).c_str(), buffer->length());
  }
  view->element_count_ = count;
  view->byte_length_ = bytes;
  view->buffer_ = std::move(buffer);
  return view;
}

} // namespace kiln::hal
