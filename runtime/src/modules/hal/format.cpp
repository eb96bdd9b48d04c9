// IREE's text form of buffer views (what its tools print and parse).
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "kiln/modules/hal/buffer_view.h"

namespace kiln::hal {
namespace {

float half_to_float(uint16_t h) {
  uint32_t sign = (h >> 15) & 1, exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
  float v;
  if (exponent == 0)
    v = std::ldexp(static_cast<float>(mantissa), -24);
  else if (exponent == 31)
    v = mantissa ? NAN : INFINITY;
  else
    v = std::ldexp(static_cast<float>(mantissa | 0x400), static_cast<int>(exponent) - 25);
  return sign ? -v : v;
}

float bf16_to_float(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

template <typename T> T load(const uint8_t *p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// `budget` bounds the elements printed and `rows` the bracketed rows (a
// shape like 1x21000005817x0xf32 has no elements but billions of rows):
// past either, "..." ends the output.
void format_elements(const uint8_t *data, const int64_t *shape, size_t rank, ElementType type,
                     size_t *budget, size_t *rows, std::string &out) {
  size_t size = element_byte_size(type);
  if (rank > 1) {
    size_t stride = size;
    for (size_t i = 1; i < rank; ++i)
      stride *= static_cast<size_t>(shape[i]);
    for (int64_t i = 0; i < shape[0]; ++i) {
      if (*rows == 0) {
        out += "...";
        return;
      }
      --*rows;
      out += '[';
      format_elements(data + static_cast<size_t>(i) * stride, shape + 1, rank - 1, type, budget,
                      rows, out);
      out += ']';
    }
    return;
  }
  size_t count = static_cast<size_t>(shape[0]);
  size_t shown = count < *budget ? count : *budget;
  *budget -= shown;
  for (size_t i = 0; i < shown; ++i) {
    if (i)
      out += ' ';
    out += format_element(data + i * size, type);
  }
  if (shown < count)
    out += "...";
}

} // namespace

std::string format_element(const uint8_t *p, ElementType type) {
  char text[64];
  switch (type) {
  case element_type::kInt8:
  case element_type::kSint8:
    std::snprintf(text, sizeof(text), "%" PRIi8, load<int8_t>(p));
    break;
  case element_type::kUint8:
    std::snprintf(text, sizeof(text), "%" PRIu8, load<uint8_t>(p));
    break;
  case element_type::kInt16:
  case element_type::kSint16:
    std::snprintf(text, sizeof(text), "%" PRIi16, load<int16_t>(p));
    break;
  case element_type::kUint16:
    std::snprintf(text, sizeof(text), "%" PRIu16, load<uint16_t>(p));
    break;
  case element_type::kInt32:
  case element_type::kSint32:
    std::snprintf(text, sizeof(text), "%" PRIi32, load<int32_t>(p));
    break;
  case element_type::kUint32:
    std::snprintf(text, sizeof(text), "%" PRIu32, load<uint32_t>(p));
    break;
  case element_type::kInt64:
  case element_type::kSint64:
    std::snprintf(text, sizeof(text), "%" PRIi64, load<int64_t>(p));
    break;
  case element_type::kUint64:
    std::snprintf(text, sizeof(text), "%" PRIu64, load<uint64_t>(p));
    break;
  case element_type::kFloat16:
    std::snprintf(text, sizeof(text), "%G", static_cast<double>(half_to_float(load<uint16_t>(p))));
    break;
  case element_type::kBfloat16:
    std::snprintf(text, sizeof(text), "%G", static_cast<double>(bf16_to_float(load<uint16_t>(p))));
    break;
  case element_type::kFloat32:
    std::snprintf(text, sizeof(text), "%G", static_cast<double>(load<float>(p)));
    break;
  case element_type::kFloat64:
    std::snprintf(text, sizeof(text), "%G", load<double>(p));
    break;
  default: {
    // Anything else (i1 included) prints as hex bytes, as IREE does.
    std::string hex;
    size_t n = element_byte_size(type);
    for (size_t i = 0; i < n; ++i) {
      std::snprintf(text, sizeof(text), "%02X", p[i]);
      hex += text;
    }
    return hex;
  }
  }
  return text;
}

bool load_float_element(const uint8_t *p, ElementType type, double *out) {
  switch (type) {
  case element_type::kFloat16:
    *out = half_to_float(load<uint16_t>(p));
    return true;
  case element_type::kBfloat16:
    *out = bf16_to_float(load<uint16_t>(p));
    return true;
  case element_type::kFloat32:
    *out = load<float>(p);
    return true;
  case element_type::kFloat64:
    *out = load<double>(p);
    return true;
  default:
    return false;
  }
}

std::string format_shape_and_type(const int64_t *shape, size_t rank, ElementType element_type) {
  std::string out;
  for (size_t i = 0; i < rank; ++i) {
    out += std::to_string(shape[i]);
    out += 'x';
  }
  out += format_element_type(element_type);
  return out;
}

vm::StatusOr<std::string> format_buffer_view(BufferView &view, size_t max_elements) {
  std::string out = format_shape_and_type(view.shape().data(), view.rank(), view.element_type());
  out += '=';
  if (element_bit_count(view.element_type()) % 8 != 0) {
    return vm::make_status(vm::StatusCode::kUnimplemented, "cannot print sub-byte element type %s",
                           format_element_type(view.element_type()).c_str());
  }
  size_t bytes = view.byte_length();
  KILN_ASSIGN_OR_RETURN(uint8_t * data, view.buffer()->map(0, bytes, memory_access::kRead));
  int64_t scalar_shape = 1;
  const int64_t *shape = view.rank() ? view.shape().data() : &scalar_shape;
  size_t rank = view.rank() ? view.rank() : 1;
  size_t budget = max_elements, rows = max_elements;
  format_elements(data, shape, rank, view.element_type(), &budget, &rows, out);
  return out;
}

} // namespace kiln::hal
