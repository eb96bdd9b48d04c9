// Host-side value I/O shared by the command-line tools (run-module,
// benchmark-module) and, later, the Python bindings: parsing `--input`
// strings into VM values checked against a function signature, and
// formatting results one per line.
//
// Input syntax (see input_syntax_help() for the text the tools print):
//   42  -7  0x2a         a scalar of the type the signature expects
//                        (i32 when there is no signature). An i32 takes
//                        -2147483648 .. 4294967295: values above INT32_MAX
//                        are the unsigned bit pattern (4294967295 is -1),
//                        as for i64 up to 2^64-1; anything else is an error
//   i32=42  i64=-5       explicitly typed scalars
//   f32=1.5  f64=0.25    (also nan, inf, -inf, hex floats)
//   @path                a mutable vm.buffer with the raw bytes of a file
//   buffer=@path         the same
//   buffer=hex:0011ff    a buffer from hex bytes ('_' separators allowed)
//   buffer=i32:1,2,3     a buffer of little-endian elements
//                        (element types i8 i16 i32 i64 f32 f64)
//   buffer=zeros:16      a zero-filled buffer of 16 bytes
//   list<i32>=1,2,3      a vm.list (element types i8 i16 i32 i64 f32 f64)
//   null  ref=null       a null ref
//   2x3xf32=1,2,3,4,5,6  a hal buffer view (IREE's syntax; see tensor_io.h),
//   @file.npy            also f32=1.5 where the function expects a ref
//
// Result format (format_value):
//   i32=42  i64=-5  f32=1.5  f64=0.25   (shortest round-trip floats)
//   buffer[16]=hex:000102...            (length, then a hex preview)
//   list<i32>[3]=[1, 2, 3]              (element type, size, elements)
//   list<variant>[2]=[i32=1, ref=null]
//   2x3xf32=[1 2 3][4 5 6]              (hal buffer views, IREE's form)
//   ref=null  ref<hal.buffer>
#ifndef KILN_TOOLING_VALUE_IO_H_
#define KILN_TOOLING_VALUE_IO_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/vm/instance.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::hal {
class Device;
} // namespace kiln::hal

namespace kiln::tooling {

// Parses one input. `code` is the signature type code the value must have
// ('i', 'I', 'f', 'F', 'r') or 0 when unknown (an untyped number is then an
// i32, or an f32 if it has a fraction or exponent). Tensor inputs become
// buffer views allocated on `device`; without one they are an error.
vm::StatusOr<vm::Value> parse_value(std::string_view text, char code, vm::Instance &instance,
                                    hal::Device *device = nullptr);

// Parses every input against the argument codes of `signature` and checks
// the count. `function_name` only appears in error messages.
vm::StatusOr<vm::ValueList> parse_arguments(const std::vector<std::string> &inputs,
                                            std::string_view signature,
                                            std::string_view function_name, vm::Instance &instance,
                                            hal::Device *device = nullptr);

struct FormatOptions {
  size_t max_buffer_bytes = 64;      // hex preview length
  size_t max_list_elements = 64;     // elements printed per list
  int max_depth = 4;                 // nesting of lists inside lists
  size_t max_tensor_elements = 1024; // elements printed per buffer view
};

// One value as described in the file comment.
std::string format_value(const vm::Value &value, const FormatOptions &options = FormatOptions());
// Shortest text that parses back to the same float ("1.5", "0.1", "nan").
std::string format_f32(float value);
std::string format_f64(double value);

// True for a buffer view value (what --output can write to a file).
bool is_tensor_value(const vm::Value &value);
// Writes a buffer view result as --output=SPEC says: "@PATH" (a .npy file,
// or raw bytes for other extensions), "+PATH" (appended), "-" (nothing:
// the caller prints it).
vm::Status write_tensor_output(const vm::Value &value, std::string_view spec);

// The help text describing the --input syntax.
const char *input_syntax_help();

} // namespace kiln::tooling

#endif // KILN_TOOLING_VALUE_IO_H_
