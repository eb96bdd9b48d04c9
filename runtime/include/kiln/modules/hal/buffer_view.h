// hal.buffer_view: a buffer with a shape, an element type and an encoding
// (IREE's numeric values). Dense row-major views must fit their buffer.
#ifndef KILN_MODULES_HAL_BUFFER_VIEW_H_
#define KILN_MODULES_HAL_BUFFER_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/types.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

class BufferView : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.buffer_view"

  static vm::StatusOr<vm::RefT<BufferView>> create(vm::RefT<Buffer> buffer, const int64_t *shape,
                                                   size_t rank, ElementType element_type,
                                                   EncodingType encoding_type);

  Buffer *buffer() const { return buffer_.get(); }
  const vm::RefT<Buffer> &buffer_ref() const { return buffer_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  size_t rank() const { return shape_.size(); }
  ElementType element_type() const { return element_type_; }
  EncodingType encoding_type() const { return encoding_type_; }
  // Checked at creation: neither product overflows.
  int64_t element_count() const { return element_count_; }
  // Dense byte size of the elements.
  size_t byte_length() const { return byte_length_; }

private:
  BufferView() : vm::RefObject(&kType) {}
  static void destroy(vm::RefObject *object);

  vm::RefT<Buffer> buffer_;
  std::vector<int64_t> shape_;
  ElementType element_type_ = 0;
  EncodingType encoding_type_ = 0;
  int64_t element_count_ = 0;
  size_t byte_length_ = 0;
};

// "2x3xf32" (IREE's spelling; "f32" for rank 0).
std::string format_shape_and_type(const int64_t *shape, size_t rank, ElementType element_type);
// IREE's text form of a buffer view: "2x3xf32=[1 2 3][4 5 6]", "4xi8=1 2 3 4",
// "f32=1.5". At most `max_elements` elements are printed ("..." after).
vm::StatusOr<std::string> format_buffer_view(BufferView &view, size_t max_elements = SIZE_MAX);
// One element as IREE prints it ("%G" for floats, decimal integers).
std::string format_element(const uint8_t *data, ElementType element_type);

// The element at `data` as a double, for float types (f16, bf16, f32, f64);
// false for other types.
bool load_float_element(const uint8_t *data, ElementType element_type, double *out);

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_BUFFER_VIEW_H_
