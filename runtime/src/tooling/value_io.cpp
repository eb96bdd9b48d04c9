#include "kiln/tooling/value_io.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/buffer_view.h"
#include "kiln/tooling/host_bytes.h"
#include "kiln/tooling/tensor_io.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/list.h"
#include "kiln/vm/signature.h"

namespace kiln::tooling {
namespace {

using vm::Status;
using vm::StatusOr;
using vm::Value;

std::string str(std::string_view s) { return std::string(s); }

Status input_error(std::string_view text, std::string_view why) {
  return vm::invalid_argument_error("cannot parse input '" + str(text) + "': " + str(why));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// Integer text: optional sign, decimal or 0x/0b hex/binary.
bool parse_integer(std::string_view text, int64_t min, uint64_t max_unsigned, int64_t *out) {
  bool negative = false;
  std::string_view s = text;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
    base = 2;
    s.remove_prefix(2);
  }
  if (s.empty())
    return false;
  uint64_t magnitude = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), magnitude, base);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    return false;
  if (negative) {
    // -magnitude must be >= min.
    if (magnitude > static_cast<uint64_t>(-(min + 1)) + 1)
      return false;
    *out = static_cast<int64_t>(0 - magnitude);
  } else {
    if (magnitude > max_unsigned)
      return false;
    *out = static_cast<int64_t>(magnitude);
  }
  return true;
}

// i32 accepts [-2^31, 2^32): "0xffffffff" is -1.
bool parse_i32(std::string_view text, int32_t *out) {
  int64_t v;
  if (!parse_integer(text, std::numeric_limits<int32_t>::min(),
                     std::numeric_limits<uint32_t>::max(), &v)) {
    return false;
  }
  *out = static_cast<int32_t>(static_cast<uint32_t>(v));
  return true;
}

bool parse_i64(std::string_view text, int64_t *out) {
  return parse_integer(text, std::numeric_limits<int64_t>::min(),
                       std::numeric_limits<uint64_t>::max(), out);
}

template <typename T> bool parse_float(std::string_view text, T *out) {
  std::string_view s = text;
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  bool negative = !s.empty() && s[0] == '-';
  std::string_view body = negative ? s.substr(1) : s;
  std::chars_format format = std::chars_format::general;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    // from_chars takes hex floats without the prefix.
    std::string hex = str(body.substr(2));
    T v;
    auto r = std::from_chars(hex.data(), hex.data() + hex.size(), v, std::chars_format::hex);
    if (r.ec != std::errc() || r.ptr != hex.data() + hex.size())
      return false;
    *out = negative ? -v : v;
    return true;
  }
  if (s.empty())
    return false;
  T v;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v, format);
  // Out of range (ERANGE) still yields inf/0, which is what a user typing
  // 1e400 wants to see rejected.
  if (r.ec != std::errc() || r.ptr != s.data() + s.size())
    return false;
  *out = v;
  return true;
}

bool looks_like_float(std::string_view s) {
  if (starts_with(s, "0x") || starts_with(s, "-0x")) {
    return s.find('p') != std::string_view::npos || s.find('P') != std::string_view::npos;
  }
  return s.find_first_of(".eEnNiI") != std::string_view::npos;
}

using vm::code_type_name;

StatusOr<Value> parse_scalar(std::string_view text, std::string_view body, char code) {
  switch (code) {
  case 'i': {
    int32_t v;
    if (!parse_i32(body, &v))
      return input_error(text, "not an i32");
    return Value::i32(v);
  }
  case 'I': {
    int64_t v;
    if (!parse_i64(body, &v))
      return input_error(text, "not an i64");
    return Value::i64(v);
  }
  case 'f': {
    float v;
    if (!parse_float(body, &v))
      return input_error(text, "not an f32");
    return Value::f32(v);
  }
  case 'F': {
    double v;
    if (!parse_float(body, &v))
      return input_error(text, "not an f64");
    return Value::f64(v);
  }
  }
  return input_error(text, "internal: bad scalar code");
}

// Element types shared by buffer=T:... and list<T>=...
enum class Elem { kI8, kI16, kI32, kI64, kF32, kF64, kNone };
Elem parse_elem(std::string_view name) {
  if (name == "i8")
    return Elem::kI8;
  if (name == "i16")
    return Elem::kI16;
  if (name == "i32")
    return Elem::kI32;
  if (name == "i64")
    return Elem::kI64;
  if (name == "f32")
    return Elem::kF32;
  if (name == "f64")
    return Elem::kF64;
  return Elem::kNone;
}
size_t elem_size(Elem e) {
  switch (e) {
  case Elem::kI8:
    return 1;
  case Elem::kI16:
    return 2;
  case Elem::kI32:
  case Elem::kF32:
    return 4;
  case Elem::kI64:
  case Elem::kF64:
    return 8;
  default:
    return 0;
  }
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> parts;
  if (s.empty())
    return parts;
  size_t start = 0;
  while (true) {
    size_t comma = s.find(',', start);
    parts.push_back(
        s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos)
      break;
    start = comma + 1;
  }
  return parts;
}

// Parses one element into 8 bytes (little-endian host assumed, as the VM).
bool parse_elem_value(std::string_view s, Elem e, uint8_t out[8]) {
  switch (e) {
  case Elem::kI8:
  case Elem::kI16:
  case Elem::kI32: {
    int64_t v;
    uint64_t max = e == Elem::kI8 ? 0xff : e == Elem::kI16 ? 0xffff : 0xffffffffu;
    int64_t min = e == Elem::kI8 ? -128 : e == Elem::kI16 ? -32768 : INT32_MIN;
    if (!parse_integer(s, min, max, &v))
      return false;
    std::memcpy(out, &v, 8);
    return true;
  }
  case Elem::kI64: {
    int64_t v;
    if (!parse_i64(s, &v))
      return false;
    std::memcpy(out, &v, 8);
    return true;
  }
  case Elem::kF32: {
    float v;
    if (!parse_float(s, &v))
      return false;
    std::memcpy(out, &v, 4);
    return true;
  }
  case Elem::kF64: {
    double v;
    if (!parse_float(s, &v))
      return false;
    std::memcpy(out, &v, 8);
    return true;
  }
  default:
    return false;
  }
}

StatusOr<Value> buffer_value(std::string_view text, const void *data, size_t size) {
  auto buffer = vm::Buffer::allocate(size, 64);
  if (!buffer.ok()) {
    Status s = std::move(buffer).status();
    s.annotate("input '" + str(text) + "'");
    return s;
  }
  if (size) {
    Status s = buffer.value()->write(0, data, size);
    if (!s.ok())
      return s;
  }
  return Value::ref(std::move(buffer).value().as_ref());
}

StatusOr<Value> buffer_value(std::string_view text, const std::string &bytes) {
  return buffer_value(text, bytes.data(), bytes.size());
}

StatusOr<Value> parse_file_buffer(std::string_view text, std::string_view path) {
  KILN_ASSIGN_OR_RETURN(HostBytes bytes, read_file_bounded(str(path), "input '" + str(text) + "'"));
  return buffer_value(text, bytes.data(), bytes.size());
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

StatusOr<Value> parse_buffer(std::string_view text, std::string_view spec) {
  if (starts_with(spec, "@"))
    return parse_file_buffer(text, spec.substr(1));
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos) {
    return input_error(text, "expected buffer=@PATH, buffer=hex:BYTES, "
                             "buffer=zeros:N or buffer=TYPE:V,V,...");
  }
  std::string_view kind = spec.substr(0, colon);
  std::string_view body = spec.substr(colon + 1);
  std::string bytes;
  if (kind == "hex") {
    int pending = -1;
    for (char c : body) {
      if (c == '_' || c == ' ')
        continue;
      int d = hex_digit(c);
      if (d < 0)
        return input_error(text, "bad hex digit");
      if (pending < 0) {
        pending = d;
      } else {
        bytes.push_back(static_cast<char>(pending * 16 + d));
        pending = -1;
      }
    }
    if (pending >= 0)
      return input_error(text, "odd number of hex digits");
    return buffer_value(text, bytes);
  }
  if (kind == "zeros") {
    int64_t n;
    if (!parse_i64(body, &n) || n < 0)
      return input_error(text, "bad length");
    // Allocated zero-filled in place (no host copy); a size the host cannot
    // provide is a RESOURCE_EXHAUSTED error, not an abort.
    auto buffer = vm::Buffer::allocate(static_cast<size_t>(n), 64);
    if (!buffer.ok()) {
      Status s = std::move(buffer).status();
      s.annotate("input '" + str(text) + "'");
      return s;
    }
    return Value::ref(std::move(buffer).value().as_ref());
  }
  Elem e = parse_elem(kind);
  if (e == Elem::kNone) {
    return input_error(text, "unknown buffer form '" + str(kind) +
                                 "' (hex, zeros, i8, i16, i32, i64, f32, f64)");
  }
  for (std::string_view part : split_commas(body)) {
    uint8_t raw[8] = {};
    if (!parse_elem_value(part, e, raw)) {
      return input_error(text, "bad " + str(kind) + " element '" + str(part) + "'");
    }
    bytes.append(reinterpret_cast<const char *>(raw), elem_size(e));
  }
  return buffer_value(text, bytes);
}

StatusOr<Value> parse_list(std::string_view text, std::string_view type, std::string_view body) {
  Elem e = parse_elem(type);
  vm::ElementType et;
  switch (e) {
  case Elem::kI8:
    et = vm::ElementType::i8();
    break;
  case Elem::kI16:
    et = vm::ElementType::i16();
    break;
  case Elem::kI32:
    et = vm::ElementType::i32();
    break;
  case Elem::kI64:
    et = vm::ElementType::i64();
    break;
  case Elem::kF32:
    et = vm::ElementType::f32();
    break;
  case Elem::kF64:
    et = vm::ElementType::f64();
    break;
  default:
    return input_error(text, "unsupported list element type '" + str(type) +
                                 "' (i8, i16, i32, i64, f32, f64)");
  }
  std::vector<std::string_view> parts = split_commas(body);
  auto list = vm::List::create(et, parts.size());
  if (!list.ok())
    return std::move(list).status();
  for (std::string_view part : parts) {
    uint8_t raw[8] = {};
    if (!parse_elem_value(part, e, raw)) {
      return input_error(text, "bad " + str(type) + " element '" + str(part) + "'");
    }
    Value v;
    switch (e) {
    case Elem::kI8:
    case Elem::kI16:
    case Elem::kI32: {
      int64_t x;
      std::memcpy(&x, raw, 8);
      v = Value::i32(static_cast<int32_t>(x));
      break;
    }
    case Elem::kI64: {
      int64_t x;
      std::memcpy(&x, raw, 8);
      v = Value::i64(x);
      break;
    }
    case Elem::kF32: {
      float x;
      std::memcpy(&x, raw, 4);
      v = Value::f32(x);
      break;
    }
    case Elem::kF64: {
      double x;
      std::memcpy(&x, raw, 8);
      v = Value::f64(x);
      break;
    }
    default:
      break;
    }
    Status s = list.value()->push_value(v);
    if (!s.ok())
      return s;
  }
  return Value::ref(std::move(list).value().as_ref());
}

Status type_mismatch(std::string_view text, char want, char got) {
  return vm::invalid_argument_error("input '" + str(text) + "' is " + code_type_name(got) +
                                    ", but the function expects " + code_type_name(want) + " here");
}

} // namespace

StatusOr<Value> parse_value(std::string_view text, char code, vm::Instance &instance,
                            hal::Device *device) {
  (void)instance;
  if (text.empty())
    return input_error(text, "empty input");
  // Tensors: IREE's syntax, and TYPE=VALUE where the function takes a ref.
  if (looks_like_tensor(text) || (code == 'r' && has_tensor_prefix(text))) {
    if (code != 0 && code != 'r') {
      return vm::invalid_argument_error("input '" + str(text) +
                                        "' is a tensor, but the function expects " +
                                        code_type_name(code) + " here");
    }
    if (!device) {
      return vm::failed_precondition_error("input '" + str(text) +
                                           "' is a tensor, which needs a hal device");
    }
    KILN_ASSIGN_OR_RETURN(HostTensor tensor, parse_tensor(text));
    auto view =
        hal::make_buffer_view(*device, tensor.shape.data(), tensor.shape.size(),
                              tensor.element_type, tensor.bytes.data(), tensor.bytes.size());
    if (!view.ok()) {
      Status s = std::move(view).status();
      s.annotate("input '" + str(text) + "'");
      return s;
    }
    return Value::ref(std::move(view).value().as_ref());
  }
  StatusOr<Value> parsed = input_error(text, "unrecognized");
  char got = 0;
  size_t eq = text.find('=');
  std::string_view head = eq == std::string_view::npos ? text : text.substr(0, eq);
  std::string_view body = eq == std::string_view::npos ? std::string_view() : text.substr(eq + 1);

  if (text == "null" || text == "ref=null") {
    parsed = Value::ref(vm::Ref());
    got = 'r';
  } else if (text[0] == '@') {
    parsed = parse_file_buffer(text, text.substr(1));
    got = 'r';
  } else if (eq != std::string_view::npos && head == "buffer") {
    parsed = parse_buffer(text, body);
    got = 'r';
  } else if (eq != std::string_view::npos && starts_with(head, "list<") && head.back() == '>') {
    parsed = parse_list(text, head.substr(5, head.size() - 6), body);
    got = 'r';
  } else if (eq != std::string_view::npos) {
    char c = head == "i32"   ? 'i'
             : head == "i64" ? 'I'
             : head == "f32" ? 'f'
             : head == "f64" ? 'F'
                             : 0;
    if (!c) {
      return input_error(text,
                         "unknown type '" + str(head) + "' (i32, i64, f32, f64, buffer, list<T>)");
    }
    parsed = parse_scalar(text, body, c);
    got = c;
  } else {
    // Untyped scalar: takes the type the signature wants.
    char c = code;
    if (c == 'r') {
      return input_error(text, "the function expects a ref here (a buffer, "
                               "list or null), not a number");
    }
    if (c == 0)
      c = looks_like_float(text) ? 'f' : 'i';
    if ((c == 'i' || c == 'I') && looks_like_float(text)) {
      return vm::invalid_argument_error("input '" + str(text) +
                                        "' is a floating-point number, but the "
                                        "function expects " +
                                        code_type_name(c) + " here");
    }
    parsed = parse_scalar(text, text, c);
    got = c;
  }
  if (!parsed.ok())
    return parsed;
  if (code != 0 && got != code)
    return type_mismatch(text, code, got);
  return parsed;
}

StatusOr<vm::ValueList> parse_arguments(const std::vector<std::string> &inputs,
                                        std::string_view signature, std::string_view function_name,
                                        vm::Instance &instance, hal::Device *device) {
  auto sig = vm::parse_signature(signature);
  if (!sig.ok())
    return std::move(sig).status();
  std::string_view codes = sig->arguments;
  if (codes == "v")
    codes = "";
  if (vm::has_variadic(codes)) {
    return vm::unimplemented_error("function '" + str(function_name) +
                                   "' has variadic arguments (signature '" + str(signature) +
                                   "'); the run tools cannot pass them yet");
  }
  if (codes.size() != inputs.size()) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%zu argument%s", codes.size(), codes.size() == 1 ? "" : "s");
    std::string types;
    for (char c : codes) {
      if (!types.empty())
        types += ", ";
      types += code_type_name(c);
    }
    return vm::invalid_argument_error("function '" + str(function_name) + "' takes " + buf + " (" +
                                      (types.empty() ? std::string("none") : types) +
                                      "; signature '" + str(signature) + "'), but " +
                                      std::to_string(inputs.size()) + " --input " +
                                      (inputs.size() == 1 ? "was" : "were") + " given");
  }
  vm::ValueList values;
  values.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto v = parse_value(inputs[i], codes[i], instance, device);
    if (!v.ok()) {
      Status s = std::move(v).status();
      s.annotate("argument " + std::to_string(i) + " of '" + str(function_name) + "' (signature '" +
                 str(signature) + "')");
      return s;
    }
    values.push_back(std::move(v).value());
  }
  return values;
}

std::string format_f32(float value) {
  if (std::isnan(value))
    return std::signbit(value) ? "-nan" : "nan";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), value);
  return std::string(buf, r.ptr);
}

std::string format_f64(double value) {
  if (std::isnan(value))
    return std::signbit(value) ? "-nan" : "nan";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof(buf), value);
  return std::string(buf, r.ptr);
}

namespace {

std::string format_ref(const vm::Ref &ref, const FormatOptions &options, int depth);

std::string format_scalar_value(const Value &v) {
  switch (v.type()) {
  case vm::ValueType::kNone:
    return "none";
  case vm::ValueType::kI8:
    return "i8=" + std::to_string(v.as_i32());
  case vm::ValueType::kI16:
    return "i16=" + std::to_string(v.as_i32());
  case vm::ValueType::kI32:
    return "i32=" + std::to_string(v.as_i32());
  case vm::ValueType::kI64:
    return "i64=" + std::to_string(v.as_i64());
  case vm::ValueType::kF32:
    return "f32=" + format_f32(v.as_f32());
  case vm::ValueType::kF64:
    return "f64=" + format_f64(v.as_f64());
  default:
    return "?";
  }
}

std::string format_buffer(const vm::Buffer &buffer, const FormatOptions &options) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "buffer[" + std::to_string(buffer.length()) + "]=hex:";
  size_t n =
      buffer.length() < options.max_buffer_bytes ? buffer.length() : options.max_buffer_bytes;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kHex[buffer.data()[i] >> 4]);
    out.push_back(kHex[buffer.data()[i] & 15]);
  }
  if (n < buffer.length())
    out += "...";
  return out;
}

std::string format_list(const vm::List &list, const FormatOptions &options, int depth) {
  std::string out =
      "list<" + list.element_type().to_string() + ">[" + std::to_string(list.size()) + "]=[";
  if (depth >= options.max_depth)
    return out + "...]";
  size_t n = list.size() < options.max_list_elements ? list.size() : options.max_list_elements;
  bool typed_scalar = list.element_type().kind != vm::ElementType::kRef &&
                      list.element_type().kind != vm::ElementType::kVariant;
  for (size_t i = 0; i < n; ++i) {
    if (i)
      out += ", ";
    Value v;
    Status s = list.get_value(i, &v);
    if (!s.ok()) {
      out += "<" + s.to_string() + ">";
      continue;
    }
    if (v.is_ref() || list.element_type().kind == vm::ElementType::kRef) {
      out += format_ref(v.as_ref(), options, depth + 1);
    } else if (typed_scalar) {
      // Element type is already in the header: print the bare value.
      std::string full = format_scalar_value(v);
      out += full.substr(full.find('=') + 1);
    } else {
      out += format_scalar_value(v);
    }
  }
  if (n < list.size())
    out += ", ...";
  return out + "]";
}

std::string format_ref(const vm::Ref &ref, const FormatOptions &options, int depth) {
  if (!ref)
    return "ref=null";
  if (ref.is_type(vm::Buffer::kType))
    return format_buffer(*ref.as<vm::Buffer>(), options);
  if (ref.is_type(vm::List::kType))
    return format_list(*ref.as<vm::List>(), options, depth);
  if (ref.is_type(hal::BufferView::kType)) {
    auto text = hal::format_buffer_view(*ref.as<hal::BufferView>(), options.max_tensor_elements);
    if (text.ok())
      return std::move(text).value();
    return "hal.buffer_view (unreadable: " + text.status().to_string() + ")";
  }
  return std::string("ref<") + ref.type()->name + ">";
}

} // namespace

std::string format_value(const Value &value, const FormatOptions &options) {
  if (value.is_ref())
    return format_ref(value.as_ref(), options, 0);
  return format_scalar_value(value);
}

bool is_tensor_value(const Value &value) {
  return value.is_ref() && value.as_ref().is_type(hal::BufferView::kType);
}

Status write_tensor_output(const Value &value, std::string_view spec) {
  if (spec == "-")
    return Status();
  if (spec.empty() || (spec[0] != '@' && spec[0] != '+')) {
    return vm::invalid_argument_error("bad --output '" + str(spec) +
                                      "': expected @PATH, +PATH or -");
  }
  if (!is_tensor_value(value)) {
    return vm::invalid_argument_error("--output '" + str(spec) +
                                      "': the result is not a buffer view");
  }
  auto contents = hal::read_buffer_view(*value.as_ref().as<hal::BufferView>());
  if (!contents.ok())
    return std::move(contents).status();
  HostTensor tensor;
  tensor.shape = contents->shape;
  tensor.element_type = contents->element_type;
  KILN_ASSIGN_OR_RETURN(tensor.bytes,
                        HostBytes::copy_of(contents->bytes.data(), contents->bytes.size()));
  std::string path = str(spec.substr(1));
  bool append = spec[0] == '+';
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".npy") == 0) {
    return write_npy_file(path, tensor, append);
  }
  std::FILE *f = std::fopen(path.c_str(), append ? "ab" : "wb");
  if (!f) {
    return vm::not_found_error("--output: cannot open '" + path + "': " + std::strerror(errno));
  }
  bool ok = std::fwrite(tensor.bytes.data(), 1, tensor.bytes.size(), f) == tensor.bytes.size();
  ok &= std::fclose(f) == 0;
  if (!ok)
    return vm::data_loss_error("--output: error writing '" + path + "'");
  return Status();
}

const char *input_syntax_help() {
  return "Inputs (--input=VALUE, one per function argument, in order):\n"
         "  42, -7, 0x2a        a number of the type the signature expects\n"
         "                      (i32/i64 integers, f32/f64 floats)\n"
         "  i32=42  i64=-5      explicitly typed scalars; the type must match\n"
         "  f32=1.5 f64=0.25    the signature (floats also take nan, inf, -inf\n"
         "                      and hex floats like 0x1.8p1)\n"
         "  @PATH               a vm.buffer holding the raw bytes of a file\n"
         "  buffer=@PATH        the same\n"
         "  buffer=hex:0011ff   a vm.buffer from hex bytes ('_' may separate)\n"
         "  buffer=i32:1,2,3    a vm.buffer of little-endian elements\n"
         "                      (i8, i16, i32, i64, f32, f64)\n"
         "  buffer=zeros:N      a zero-filled vm.buffer of N bytes\n"
         "  list<i32>=1,2,3     a vm.list of scalars (i8 i16 i32 i64 f32 f64)\n"
         "  null, ref=null      a null ref\n"
         "  2x3xf32=1,2,3,4,5,6 a hal buffer view: shape, element type (i1 i8\n"
         "                      i16 i32 i64 si8.. ui8.. f16 bf16 f32 f64) and\n"
         "                      elements (one element fills it; none: zeros)\n"
         "  2x3xf32=@FILE.bin   a buffer view of a file's dense bytes\n"
         "  @FILE.npy           a buffer view of a numpy array\n"
         "Results are printed one per line: i32=42, i64=-5, f32=1.5, f64=0.25\n"
         "(shortest round-trip form), buffer[LEN]=hex:BYTES... (first 64 bytes),\n"
         "list<TYPE>[SIZE]=[elements], buffer views as 2x3xf32=[1 2 3][4 5 6],\n"
         "ref=null, or ref<TYPE> for other objects.\n";
}

} // namespace kiln::tooling
