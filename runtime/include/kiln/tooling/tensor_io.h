// Tensors at the tool boundary, independent of any device: IREE's text
// syntax for shaped, typed values, IREE's element type encoding, and numpy
// .npy files. The tools turn a HostTensor into a hal buffer view (and back)
// through the hal module's API; everything here works on host bytes only.
//
// Input syntax (IREE's):
//   2x3xf32=1,2,3,4,5,6     shape, element type, elements (separated by
//                           spaces, commas or brackets: [1 2 3][4 5 6])
//   2x3xf32=1               one element fills the whole tensor (splat)
//   2x3xf32=                no elements: zeros
//   f32=1.5                 rank 0
//   2x3xf32=@file.bin       dense little-endian bytes of exactly that size
//   @file.npy               a numpy array (shape and dtype from the file)
// Element types: i1 (one byte per element), i8 i16 i32 i64, si8..si64,
// ui8..ui64, f16 bf16 f32 f64; IREE also names opaque types x8 .. x64 (or
// *8), whose elements are written as hex bytes.
//
// Output (format_tensor): IREE's buffer view form, e.g.
//   2x3xf32=[1 2 3][4 5 6]   3xi32=1 2 3   f32=1.5
// floats as C's "%G", integers in decimal, i1 and opaque elements as hex
// bytes; at most `max_elements` elements per innermost row, then "...".
#ifndef KILN_TOOLING_TENSOR_IO_H_
#define KILN_TOOLING_TENSOR_IO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/vm/status.h"

namespace kiln::tooling {

// IREE's iree_hal_element_type_t: (numerical type << 24) | bit count.
namespace element_types {
constexpr uint32_t make(uint32_t numerical_type, uint32_t bits) {
  return (numerical_type << 24) | bits;
}
// Numerical types.
constexpr uint32_t kUnknown = 0x00, kInteger = 0x10, kSigned = 0x11,
                   kUnsigned = 0x12, kBoolean = 0x13, kFloatIEEE = 0x21,
                   kFloatBrain = 0x22, kFloatComplex = 0x23;
constexpr uint32_t kNone = 0;
constexpr uint32_t kBool8 = make(kBoolean, 8);
constexpr uint32_t kInt8 = make(kInteger, 8), kInt16 = make(kInteger, 16),
                   kInt32 = make(kInteger, 32), kInt64 = make(kInteger, 64);
constexpr uint32_t kSint8 = make(kSigned, 8), kSint16 = make(kSigned, 16),
                   kSint32 = make(kSigned, 32), kSint64 = make(kSigned, 64);
constexpr uint32_t kUint8 = make(kUnsigned, 8), kUint16 = make(kUnsigned, 16),
                   kUint32 = make(kUnsigned, 32),
                   kUint64 = make(kUnsigned, 64);
constexpr uint32_t kFloat16 = make(kFloatIEEE, 16),
                   kFloat32 = make(kFloatIEEE, 32),
                   kFloat64 = make(kFloatIEEE, 64),
                   kBFloat16 = make(kFloatBrain, 16);
constexpr uint32_t numerical_type(uint32_t t) { return t >> 24; }
constexpr uint32_t bit_count(uint32_t t) { return t & 0xFFu; }
// Bytes one element occupies in a dense buffer.
constexpr size_t byte_size(uint32_t t) { return (bit_count(t) + 7) / 8; }
}  // namespace element_types

// IREE's iree_hal_encoding_type_t for dense row-major contents.
constexpr uint32_t kEncodingDenseRowMajor = 1;

// A shaped, typed value in host memory: dense, row-major, little-endian.
struct HostTensor {
  std::vector<int64_t> shape;
  uint32_t element_type = element_types::kNone;
  std::vector<uint8_t> bytes;

  // Product of the dimensions (1 for rank 0).
  int64_t element_count() const;
  // element_count() * element size.
  size_t byte_length() const;
};

// "f32" -> kFloat32 (IREE's names; error for anything else).
vm::StatusOr<uint32_t> parse_element_type(std::string_view name);
// kFloat32 -> "f32", as IREE formats element types.
std::string format_element_type(uint32_t element_type);
// "2x3xf32" (no "x" before the type at rank 0).
std::string format_shape_and_type(const std::vector<int64_t>& shape,
                                  uint32_t element_type);

// True when `text` is written in tensor syntax: SHAPExTYPE=..., TYPE=... for
// an element type the scalar syntax does not take (e.g. si8), or
// @PATH.npy. Scalars (i32=1, f32=1.5) stay scalars unless the function
// expects a ref; see value_io.
bool looks_like_tensor(std::string_view text);
// True for "TYPE=..." and "SHAPExTYPE=..." with a valid element type (the
// data part is not checked).
bool has_tensor_prefix(std::string_view text);

// Parses one input in the syntax above. Errors name the input.
vm::StatusOr<HostTensor> parse_tensor(std::string_view text);

// IREE's text of a tensor (see the file comment).
std::string format_tensor(const HostTensor& tensor,
                          size_t max_elements = 1024);

// numpy .npy files (format versions 1-3 read, 1 or 2 written; little-endian
// and C order only; dtypes b1 i1..i8 u1..u8 f2 f4 f8 and raw V<n>).
vm::StatusOr<HostTensor> read_npy_file(const std::string& path);
vm::StatusOr<HostTensor> parse_npy(std::string_view bytes,
                                   std::string_view what);
std::string serialize_npy(const HostTensor& tensor);
// Writes (append = false) or appends one array to `path`.
vm::Status write_npy_file(const std::string& path, const HostTensor& tensor,
                          bool append);

// IEEE half and bfloat16 conversions (round to nearest even).
float f16_to_f32(uint16_t value);
uint16_t f32_to_f16(float value);
float bf16_to_f32(uint16_t value);
uint16_t f32_to_bf16(float value);

}  // namespace kiln::tooling

#endif  // KILN_TOOLING_TENSOR_IO_H_
