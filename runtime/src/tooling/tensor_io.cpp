#include "kiln/tooling/tensor_io.h"

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/buffer_view.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <system_error>

namespace kiln::tooling {
namespace {

namespace et = hal::element_type;
using hal::element_bit_count;
using hal::element_byte_size;
using hal::element_numerical_type;
using hal::format_element_type;
using hal::parse_element_type;
std::string format_shape_and_type(const std::vector<int64_t> &shape, hal::ElementType type) {
  return hal::format_shape_and_type(shape.data(), shape.size(), type);
}
using vm::Status;
using vm::StatusOr;

std::string str(std::string_view s) { return std::string(s); }

Status tensor_error(std::string_view text, std::string_view why) {
  return vm::invalid_argument_error("cannot parse tensor input '" + str(text) + "': " + str(why));
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <typename T> bool parse_int(std::string_view s, T *out) {
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  int base = 10;
  bool negative = !s.empty() && s[0] == '-';
  std::string_view body = negative ? s.substr(1) : s;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    // Hex: parse the magnitude, then apply the sign in the type's range.
    uint64_t magnitude;
    auto r = std::from_chars(body.data() + 2, body.data() + body.size(), magnitude, 16);
    if (r.ec != std::errc() || r.ptr != body.data() + body.size())
      return false;
    if (negative) {
      if (!std::numeric_limits<T>::is_signed ||
          magnitude > static_cast<uint64_t>(std::numeric_limits<T>::max()) + 1)
        return false;
      *out = static_cast<T>(0 - magnitude);
    } else {
      if (magnitude > static_cast<uint64_t>(std::numeric_limits<T>::max()))
        return false;
      *out = static_cast<T>(magnitude);
    }
    return true;
  }
  (void)base;
  if (s.empty())
    return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <typename T> bool parse_fp(std::string_view s, T *out) {
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  if (s.empty())
    return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (r.ec == std::errc() && r.ptr == s.data() + s.size())
    return true;
  // from_chars rejects "inf"/"nan" spelled in capitals or with a sign in
  // front of nan on some libstdc++ versions; accept the common spellings.
  std::string lower;
  for (char c : s)
    lower.push_back(static_cast<char>(std::tolower(c)));
  bool negative = !lower.empty() && lower[0] == '-';
  std::string_view body = negative ? std::string_view(lower).substr(1) : std::string_view(lower);
  if (body == "inf" || body == "infinity") {
    *out = negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    return true;
  }
  if (body == "nan") {
    *out = std::numeric_limits<T>::quiet_NaN();
    return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool parse_hex_bytes(std::string_view s, size_t count, uint8_t *out) {
  if (s.size() != 2 * count)
    return false;
  for (size_t i = 0; i < count; ++i) {
    int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return false;
    out[i] = static_cast<uint8_t>(hi * 16 + lo);
  }
  return true;
}

template <typename T> void store(uint8_t *out, T value) { std::memcpy(out, &value, sizeof(T)); }
template <typename T> T load(const uint8_t *in) {
  T value;
  std::memcpy(&value, in, sizeof(T));
  return value;
}

// Parses one element of `type` into `out` (element byte size bytes). The
// integer ranges are IREE's: iN takes both the signed and unsigned range,
// siN only signed values, uiN only unsigned ones.
bool parse_element(std::string_view s, uint32_t type, uint8_t *out) {
  switch (type) {
  case et::kInt8: {
    int32_t v;
    if (!parse_int(s, &v) || v < INT8_MIN || v > UINT8_MAX)
      return false;
    store(out, static_cast<int8_t>(v));
    return true;
  }
  case et::kSint8: {
    int8_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kUint8: {
    uint8_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kInt16: {
    int32_t v;
    if (!parse_int(s, &v) || v < INT16_MIN || v > UINT16_MAX)
      return false;
    store(out, static_cast<int16_t>(v));
    return true;
  }
  case et::kSint16: {
    int16_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kUint16: {
    uint16_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kInt32:
  case et::kSint32: {
    int32_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kUint32: {
    uint32_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kInt64:
  case et::kSint64: {
    int64_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kUint64: {
    uint64_t v;
    if (!parse_int(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kFloat16:
  case et::kBfloat16: {
    float v;
    if (!parse_fp(s, &v))
      return false;
    store(out, type == et::kFloat16 ? f32_to_f16(v) : f32_to_bf16(v));
    return true;
  }
  case et::kFloat32: {
    float v;
    if (!parse_fp(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kFloat64: {
    double v;
    if (!parse_fp(s, &v))
      return false;
    store(out, v);
    return true;
  }
  case et::kBool8:
    // IREE reads i1 elements as hex bytes ("01"); Kiln also takes 0, 1,
    // true and false, which is what users type.
    if (s == "0" || s == "false") {
      out[0] = 0;
      return true;
    }
    if (s == "1" || s == "true") {
      out[0] = 1;
      return true;
    }
    return parse_hex_bytes(s, 1, out);
  default:
    return parse_hex_bytes(s, element_byte_size(type), out);
  }
}

StatusOr<HostBytes> read_file(std::string_view text, const std::string &path) {
  return read_file_bounded(path, "input '" + str(text) + "'");
}

// Splits "2x3xf32" into dims and element type.
Status parse_shape_and_type(std::string_view text, std::string_view spec,
                            std::vector<int64_t> *shape, uint32_t *type) {
  size_t last_x = spec.rfind('x');
  std::string_view type_name = spec;
  shape->clear();
  if (last_x != std::string_view::npos) {
    type_name = spec.substr(last_x + 1);
    std::string_view dims = spec.substr(0, last_x);
    size_t start = 0;
    while (true) {
      size_t x = dims.find('x', start);
      std::string_view dim =
          dims.substr(start, x == std::string_view::npos ? std::string_view::npos : x - start);
      int64_t d;
      auto r = std::from_chars(dim.data(), dim.data() + dim.size(), d);
      if (dim.empty() || r.ec != std::errc() || r.ptr != dim.data() + dim.size() || d < 0) {
        return tensor_error(text, "bad dimension '" + str(dim) + "' in shape '" + str(dims) + "'");
      }
      shape->push_back(d);
      if (x == std::string_view::npos)
        break;
      start = x + 1;
    }
    if (shape->size() > 128)
      return tensor_error(text, "rank above 128");
  }
  auto parsed = parse_element_type(type_name);
  if (!parsed.ok())
    return tensor_error(text, parsed.status().message());
  *type = parsed.value();
  if (element_bit_count(*type) % 8 != 0 || element_bit_count(*type) == 0) {
    return tensor_error(text,
                        "element type '" + str(type_name) + "' is not a whole number of bytes");
  }
  return Status();
}

// Checked element count and byte size of a shape.
Status checked_size(std::string_view text, const std::vector<int64_t> &shape, uint32_t type,
                    size_t *bytes) {
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d != 0 && count > (uint64_t{1} << 40) / static_cast<uint64_t>(d)) {
      return tensor_error(text, "tensor is too large");
    }
    count *= static_cast<uint64_t>(d);
  }
  *bytes = static_cast<size_t>(count) * element_byte_size(type);
  return Status();
}

} // namespace

int64_t HostTensor::element_count() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

size_t HostTensor::byte_length() const {
  return static_cast<size_t>(element_count()) * element_byte_size(element_type);
}

bool has_tensor_prefix(std::string_view text) {
  text = trim(text);
  size_t eq = text.find('=');
  if (eq == std::string_view::npos)
    return false;
  std::vector<int64_t> shape;
  uint32_t type;
  return parse_shape_and_type(text, text.substr(0, eq), &shape, &type).ok();
}

bool looks_like_tensor(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text[0] == '@')
    return ends_with(text, ".npy");
  size_t eq = text.find('=');
  if (eq == std::string_view::npos)
    return false;
  std::string_view head = text.substr(0, eq);
  // DIMx...: a tensor, even a malformed one (its parser says what is wrong).
  if (head.find('x') != std::string_view::npos)
    return (head[0] >= '0' && head[0] <= '9') || has_tensor_prefix(text);
  // TYPE=... without a shape: a tensor only for types that are not also
  // scalar type names of the value syntax.
  static const char *const kScalarNames[] = {"i8", "i16", "i32", "i64", "f32", "f64"};
  for (const char *name : kScalarNames)
    if (head == name)
      return false;
  return has_tensor_prefix(text);
}

StatusOr<HostTensor> parse_tensor(std::string_view input) {
  std::string_view text = trim(input);
  if (!text.empty() && text.front() == '"' && text.back() == '"' && text.size() >= 2)
    text = text.substr(1, text.size() - 2);
  if (text.empty())
    return tensor_error(input, "empty input");
  if (text[0] == '@') {
    std::string path = str(text.substr(1));
    KILN_ASSIGN_OR_RETURN(HostBytes bytes, read_file(input, path));
    return parse_npy(bytes.view(), "input '" + str(input) + "' ('" + path + "')");
  }
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    return tensor_error(input, "expected SHAPExTYPE=VALUES, e.g. 2x3xf32=1,2,3,4,5,6");
  }
  HostTensor t;
  KILN_RETURN_IF_ERROR(parse_shape_and_type(input, text.substr(0, eq), &t.shape, &t.element_type));
  size_t byte_length = 0;
  KILN_RETURN_IF_ERROR(checked_size(input, t.shape, t.element_type, &byte_length));
  std::string_view data = trim(text.substr(eq + 1));
  if (!data.empty() && data[0] == '@') {
    std::string path = str(data.substr(1));
    KILN_ASSIGN_OR_RETURN(HostBytes bytes, read_file(input, path));
    if (bytes.size() != byte_length) {
      return tensor_error(input, "file '" + path + "' has " + std::to_string(bytes.size()) +
                                     " bytes but " +
                                     format_shape_and_type(t.shape, t.element_type) + " needs " +
                                     std::to_string(byte_length));
    }
    t.bytes = std::move(bytes);
    return t;
  }
  size_t element_size = element_byte_size(t.element_type);
  size_t capacity = byte_length / element_size;
  KILN_ASSIGN_OR_RETURN(t.bytes, HostBytes::zeros(byte_length));
  size_t count = 0;
  size_t i = 0;
  while (i < data.size()) {
    char c = data[i];
    if (is_space(c) || c == ',' || c == '[' || c == ']') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < data.size() && !is_space(data[i]) && data[i] != ',' && data[i] != '[' &&
           data[i] != ']')
      ++i;
    std::string_view token = data.substr(start, i - start);
    if (count >= capacity) {
      return tensor_error(input, "more than the " + std::to_string(capacity) + " elements of " +
                                     format_shape_and_type(t.shape, t.element_type));
    }
    if (!parse_element(token, t.element_type, t.bytes.data() + count * element_size)) {
      return tensor_error(input, "element " + std::to_string(count) + " '" + str(token) +
                                     "' is not a valid " + format_element_type(t.element_type));
    }
    ++count;
  }
  if (count == 1 && capacity > 1) {
    // IREE splats a single element over the whole tensor.
    for (size_t k = 1; k < capacity; ++k)
      std::memcpy(t.bytes.data() + k * element_size, t.bytes.data(), element_size);
  } else if (count != 0 && count < capacity) {
    return tensor_error(input, "only " + std::to_string(count) + " of the " +
                                   std::to_string(capacity) + " elements of " +
                                   format_shape_and_type(t.shape, t.element_type));
  }
  return t;
}

std::string format_tensor(const HostTensor &t, size_t max_elements) {
  std::string head = format_shape_and_type(t.shape, t.element_type) + "=";
  if (t.bytes.size() < t.byte_length()) {
    return head + "(" + std::to_string(t.bytes.size()) + " bytes, expected " +
           std::to_string(t.byte_length()) + ")";
  }
  // One printer of IREE's form: the hal module's, over a host view.
  auto buffer = hal::Buffer::allocate(hal::memory_type::kHostLocal, hal::buffer_usage::kMapping,
                                      t.byte_length());
  vm::Status status =
      buffer.ok() ? buffer.value()->write(0, t.bytes.data(), t.byte_length()) : buffer.status();
  if (status.ok()) {
    auto view = hal::BufferView::create(std::move(buffer).value(), t.shape.data(), t.shape.size(),
                                        t.element_type, hal::encoding_type::kDenseRowMajor);
    if (view.ok()) {
      auto text = hal::format_buffer_view(*view.value(), max_elements);
      if (text.ok())
        return std::move(text).value();
      status = text.status();
    } else {
      status = view.status();
    }
  }
  return head + "(" + status.to_string() + ")";
}

// ---- numpy ---------------------------------------------------------------

namespace {

// npy dtype "descr" <-> IREE element type (as IREE's numpy_io maps them:
// 'i' is signed, 'u' unsigned, 'b' boolean, 'V' opaque bytes).
StatusOr<uint32_t> descr_to_type(std::string_view descr, std::string_view what) {
  std::string_view d = descr;
  if (!d.empty() && (d[0] == '<' || d[0] == '|' || d[0] == '=')) {
    d.remove_prefix(1);
  } else if (!d.empty() && d[0] == '>') {
    return vm::unimplemented_error(str(what) + ": big-endian dtype '" + str(descr) +
                                   "' is not supported");
  }
  if (d.size() < 2) {
    return vm::invalid_argument_error(str(what) + ": bad dtype '" + str(descr) + "'");
  }
  uint32_t numerical;
  switch (d[0]) {
  case 'b':
    numerical = hal::numerical::kBoolean;
    break;
  case 'i':
    numerical = hal::numerical::kIntegerSigned;
    break;
  case 'u':
    numerical = hal::numerical::kIntegerUnsigned;
    break;
  case 'f':
    numerical = hal::numerical::kFloatIeee;
    break;
  case 'c':
    numerical = hal::numerical::kFloatComplex;
    break;
  case 'V':
    numerical = hal::numerical::kUnknown;
    break;
  default:
    return vm::unimplemented_error(str(what) + ": dtype '" + str(descr) + "' is not supported");
  }
  uint32_t width = 0;
  std::string_view digits = d.substr(1);
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), width);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || width == 0 || width > 31) {
    return vm::invalid_argument_error(str(what) + ": bad dtype '" + str(descr) + "'");
  }
  return hal::make_element_type(numerical, width * 8);
}

StatusOr<std::string> type_to_descr(uint32_t type) {
  char kind;
  switch (element_numerical_type(type)) {
  case hal::numerical::kBoolean:
    kind = 'b';
    break;
  case hal::numerical::kInteger: // signless integers are written as signed
  case hal::numerical::kIntegerSigned:
    kind = 'i';
    break;
  case hal::numerical::kIntegerUnsigned:
    kind = 'u';
    break;
  case hal::numerical::kFloatIeee:
    kind = 'f';
    break;
  case hal::numerical::kFloatComplex:
    kind = 'c';
    break;
  case hal::numerical::kUnknown:
    kind = 'V';
    break;
  default:
    return vm::unimplemented_error("element type " + format_element_type(type) +
                                   " has no numpy dtype");
  }
  size_t size = element_byte_size(type);
  return std::string(size == 1 || kind == 'V' ? "|" : "<") + kind + std::to_string(size);
}

// The value of `key` in the header dict (text up to the next top-level ',').
bool header_value(std::string_view header, std::string_view key, std::string_view *value) {
  std::string quoted = "'" + str(key) + "'";
  size_t k = header.find(quoted);
  if (k == std::string_view::npos)
    return false;
  size_t colon = header.find(':', k + quoted.size());
  if (colon == std::string_view::npos)
    return false;
  size_t start = colon + 1;
  while (start < header.size() && is_space(header[start]))
    ++start;
  size_t end = start;
  int depth = 0;
  while (end < header.size()) {
    char c = header[end];
    if (c == '(')
      ++depth;
    if (c == ')')
      --depth;
    if ((c == ',' || c == '}') && depth == 0)
      break;
    ++end;
  }
  *value = trim(header.substr(start, end - start));
  return true;
}

} // namespace

StatusOr<HostTensor> parse_npy(std::string_view bytes, std::string_view what) {
  auto bad = [&](std::string_view why) {
    return vm::invalid_argument_error(str(what) + ": not a valid .npy file: " + str(why));
  };
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || bytes.substr(0, 6) != std::string_view(kMagic, 6))
    return bad("missing the \\x93NUMPY magic");
  uint8_t major = static_cast<uint8_t>(bytes[6]);
  size_t header_length, offset;
  if (major == 1) {
    header_length =
        static_cast<uint8_t>(bytes[8]) | (static_cast<size_t>(static_cast<uint8_t>(bytes[9])) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return bad("truncated header");
    header_length = 0;
    for (int i = 0; i < 4; ++i)
      header_length |= static_cast<size_t>(static_cast<uint8_t>(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    return bad("format version " + std::to_string(major) + " is not supported");
  }
  if (bytes.size() < offset + header_length)
    return bad("truncated header");
  std::string_view header = bytes.substr(offset, header_length);
  std::string_view descr, fortran, shape_text;
  if (!header_value(header, "descr", &descr) || !header_value(header, "fortran_order", &fortran) ||
      !header_value(header, "shape", &shape_text))
    return bad("header lacks descr, fortran_order or shape");
  if (fortran != "False")
    return vm::unimplemented_error(str(what) + ": Fortran-order arrays are not supported");
  if (descr.size() < 2 || (descr.front() != '\'' && descr.front() != '"'))
    return bad("descr is not a simple dtype string");
  descr = descr.substr(1, descr.size() - 2);
  HostTensor t;
  KILN_ASSIGN_OR_RETURN(t.element_type, descr_to_type(descr, what));
  if (shape_text.size() < 2 || shape_text.front() != '(' || shape_text.back() != ')')
    return bad("bad shape");
  std::string_view dims = shape_text.substr(1, shape_text.size() - 2);
  size_t i = 0;
  while (i < dims.size()) {
    while (i < dims.size() && (is_space(dims[i]) || dims[i] == ','))
      ++i;
    if (i >= dims.size())
      break;
    size_t start = i;
    while (i < dims.size() && dims[i] >= '0' && dims[i] <= '9')
      ++i;
    int64_t d;
    auto r = std::from_chars(dims.data() + start, dims.data() + i, d);
    if (start == i || r.ec != std::errc())
      return bad("bad shape");
    t.shape.push_back(d);
  }
  size_t byte_length = 0;
  KILN_RETURN_IF_ERROR(checked_size(what, t.shape, t.element_type, &byte_length));
  size_t data_offset = offset + header_length;
  if (bytes.size() - data_offset < byte_length) {
    return bad("data has " + std::to_string(bytes.size() - data_offset) + " bytes, " +
               format_shape_and_type(t.shape, t.element_type) + " needs " +
               std::to_string(byte_length));
  }
  KILN_ASSIGN_OR_RETURN(t.bytes, HostBytes::copy_of(bytes.data() + data_offset, byte_length));
  return t;
}

StatusOr<HostTensor> read_npy_file(const std::string &path) {
  KILN_ASSIGN_OR_RETURN(HostBytes bytes, read_file("@" + path, path));
  return parse_npy(bytes.view(), "'" + path + "'");
}

std::string serialize_npy(const HostTensor &t) {
  auto descr = type_to_descr(t.element_type);
  std::string dict = "{'descr': '" + (descr.ok() ? descr.value() : std::string("|V1")) +
                     "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < t.shape.size(); ++i) {
    dict += std::to_string(t.shape[i]);
    if (t.shape.size() == 1 || i + 1 < t.shape.size())
      dict += ",";
    if (i + 1 < t.shape.size())
      dict += " ";
  }
  dict += "), }";
  // Header (magic, version, length, dict, padding, '\n') is a multiple of
  // 64 bytes; version 2 only when the dict does not fit a 16-bit length.
  bool v2 = dict.size() + 1 + 12 > 0xFFFF;
  size_t prefix = v2 ? 12 : 10;
  size_t total = (prefix + dict.size() + 1 + 63) / 64 * 64;
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict.push_back('\n');
  std::string out("\x93NUMPY", 6);
  out.push_back(static_cast<char>(v2 ? 2 : 1));
  out.push_back(0);
  size_t n = dict.size();
  out.push_back(static_cast<char>(n & 0xFF));
  out.push_back(static_cast<char>((n >> 8) & 0xFF));
  if (v2) {
    out.push_back(static_cast<char>((n >> 16) & 0xFF));
    out.push_back(static_cast<char>((n >> 24) & 0xFF));
  }
  out += dict;
  out.append(reinterpret_cast<const char *>(t.bytes.data()), t.bytes.size());
  return out;
}

Status write_npy_file(const std::string &path, const HostTensor &t, bool append) {
  auto descr = type_to_descr(t.element_type);
  if (!descr.ok())
    return descr.status();
  std::string bytes = serialize_npy(t);
  std::FILE *f = std::fopen(path.c_str(), append ? "ab" : "wb");
  if (!f) {
    return vm::not_found_error("cannot open '" + path + "' for writing: " + std::strerror(errno));
  }
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok &= std::fclose(f) == 0;
  if (!ok)
    return vm::data_loss_error("error writing '" + path + "'");
  return Status();
}

// ---- half and bfloat16 ------------------------------------------------------

float f16_to_f32(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  uint32_t exponent = (h >> 10) & 0x1F;
  uint32_t mantissa = h & 0x3FF;
  uint32_t bits;
  if (exponent == 0x1F) {
    bits = sign | 0x7F800000u | (mantissa << 13);
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {
    // Subnormal half: exact as a scaled float.
    float v = std::ldexp(static_cast<float>(mantissa), -24);
    return sign ? -v : v;
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t f32_to_f16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  uint32_t abs = bits & 0x7FFFFFFFu;
  if (abs >= 0x7F800000u) { // inf or nan (keep nan quiet and non-zero)
    return static_cast<uint16_t>(sign | 0x7C00 | (abs > 0x7F800000u ? 0x200 : 0));
  }
  if (abs >= 0x477FF000u)
    return static_cast<uint16_t>(sign | 0x7C00); // overflow
  if (abs < 0x38800000u) {
    // Half subnormal or zero: round |f| * 2^24 to nearest even.
    float a;
    std::memcpy(&a, &abs, 4);
    float scaled = a * 16777216.0f;
    return static_cast<uint16_t>(sign | static_cast<uint16_t>(std::nearbyint(scaled)));
  }
  uint32_t rounded = abs + 0xFFFu + ((abs >> 13) & 1u);
  return static_cast<uint16_t>(sign | ((rounded - 0x38000000u) >> 13));
}

float bf16_to_f32(uint16_t b) {
  uint32_t bits = static_cast<uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

uint16_t f32_to_bf16(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if ((bits & 0x7FFFFFFFu) > 0x7F800000u)
    return static_cast<uint16_t>((bits >> 16) | 0x40);
  bits += 0x7FFFu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

} // namespace kiln::tooling
