// Calling-convention signature strings and the packed argument/result layout.
//
//   signature := '0' types '_' types
//   types     := 'v' | code*            ('v' and empty both mean "nothing")
//   code      := 'i' (i32) | 'I' (i64) | 'f' (f32) | 'F' (f64) | 'r' (ref)
//              | 'C' tuple-code+ 'D'     (variadic span of tuples)
//
// Packed layout (docs/runtime.md): values are laid out in order, each at the
// next offset aligned to its natural alignment (i32/f32: 4, i64/f64: 8, ref:
// a pointer-sized slot holding a Ref, pointer-aligned). A variadic span is an
// i32 count followed by `count` tuples, each tuple element aligned the same
// way. The total size is rounded up to the largest alignment that appears in
// the codes (so a C struct with the same fields has the same layout and
// size). Packed storage must be aligned to kPackedAlignment.
#ifndef KILN_VM_SIGNATURE_H_
#define KILN_VM_SIGNATURE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::vm {

inline constexpr size_t kPackedAlignment = 8;

struct Signature {
  std::string_view arguments; // codes; "" when none
  std::string_view results;   // codes; "" when none
};

// Validates and splits a signature string (views into `text`).
StatusOr<Signature> parse_signature(std::string_view text);
// The short name of a scalar code: "i32", "i64", "f32", "f64", "ref" ('r'),
// "?" for anything else.
const char *code_type_name(char code);
// The signature as types, as MLIR prints function types: "0ii_i" is
// "(i32, i32) -> i32", "0rF_v" "(!vm.ref<?>, f64) -> ()", a variadic span
// "0CiD_i" "(i32...) -> i32" ("tuple<i32, i64>..." for several codes). An
// invalid signature is returned as given.
std::string format_signature_types(std::string_view text);
// Whether two signature strings describe the same types ("0_v" == "0v_").
bool signatures_equivalent(std::string_view a, std::string_view b);

// Size and alignment of a single scalar code ('i','I','f','F','r'); 0 if
// not a scalar code.
constexpr size_t code_size(char code) {
  switch (code) {
  case 'i':
  case 'f':
    return 4;
  case 'I':
  case 'F':
    return 8;
  case 'r':
    return sizeof(void *);
  default:
    return 0;
  }
}
constexpr size_t code_alignment(char code) { return code_size(code); }
constexpr size_t align_up(size_t value, size_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// Whether the codes contain a variadic span.
bool has_variadic(std::string_view codes);
// Packed byte size of codes without variadic spans.
StatusOr<size_t> packed_size(std::string_view codes);
// Packed byte size with the given counts, one per variadic span in order.
StatusOr<size_t> packed_size(std::string_view codes, const int32_t *span_counts,
                             size_t span_count_count);
// Packed byte size of already-packed bytes (reads span counts from `bytes`).
StatusOr<size_t> packed_size_of(std::string_view codes, const uint8_t *bytes, size_t available);

// Host value lists <-> packed bytes. A variadic span appears in a value list
// as an i32 count followed by the flattened tuple values.
// Size needed to pack `values` by `codes` (checks count and types).
StatusOr<size_t> measure_values(std::string_view codes, const Value *values, size_t count);
// Packs `values`; refs are retained into the slots (the bytes then own them).
// `out` must be kPackedAlignment-aligned and hold measure_values() bytes;
// every byte of it is written (padding zeroed).
Status pack_values(std::string_view codes, const Value *values, size_t count, uint8_t *out,
                   size_t out_size);
// Appends unpacked values to `out`, moving refs out of the slots (which
// become null).
Status unpack_values(std::string_view codes, uint8_t *bytes, size_t size, ValueList *out);
// Releases every non-null ref slot in packed bytes (slots become null).
void release_packed_refs(std::string_view codes, uint8_t *bytes, size_t size);
// Whether the codes contain any ref.
bool has_refs(std::string_view codes);

} // namespace kiln::vm

#endif // KILN_VM_SIGNATURE_H_
