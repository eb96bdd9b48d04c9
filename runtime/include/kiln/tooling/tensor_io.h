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

#include "kiln/modules/hal/types.h"
#include "kiln/tooling/host_bytes.h"
#include "kiln/vm/status.h"

namespace kiln::tooling {

// Element types are IREE's numeric encoding, hal::ElementType
// (kiln/modules/hal/types.h): parse_element_type / format_element_type there
// read and write their names.

// A shaped, typed value in host memory: dense, row-major, little-endian.
struct HostTensor {
  std::vector<int64_t> shape;
  hal::ElementType element_type = hal::element_type::kNone;
  HostBytes bytes; // allocated without throwing (see host_bytes.h)

  // Product of the dimensions (1 for rank 0).
  int64_t element_count() const;
  // element_count() * element size.
  size_t byte_length() const;
};

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

// IREE's text of a tensor (see the file comment), as
// hal::format_buffer_view prints a view of it.
std::string format_tensor(const HostTensor &tensor, size_t max_elements = 1024);

// numpy .npy files (format versions 1-3 read, 1 or 2 written; little-endian
// and C order only; dtypes b1 i1..i8 u1..u8 f2 f4 f8 and raw V<n>).
vm::StatusOr<HostTensor> read_npy_file(const std::string &path);
vm::StatusOr<HostTensor> parse_npy(std::string_view bytes, std::string_view what);
std::string serialize_npy(const HostTensor &tensor);
// Writes (append = false) or appends one array to `path`.
vm::Status write_npy_file(const std::string &path, const HostTensor &tensor, bool append);

// IEEE half and bfloat16 conversions (round to nearest even).
float f16_to_f32(uint16_t value);
uint16_t f32_to_f16(float value);
float bf16_to_f32(uint16_t value);
uint16_t f32_to_bf16(float value);

} // namespace kiln::tooling

#endif // KILN_TOOLING_TENSOR_IO_H_
