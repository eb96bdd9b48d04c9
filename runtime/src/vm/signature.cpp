#include "kiln/vm/signature.h"

#include "kiln/vm/limits.h"

#include <cstring>
#include <string>

namespace kiln::vm {
namespace {

bool is_scalar_code(char c) { return c == 'i' || c == 'I' || c == 'f' || c == 'F' || c == 'r'; }

// Validates `codes` (already stripped of 'v'). Returns an error naming `what`.
Status validate_codes(std::string_view codes, std::string_view text) {
  for (size_t i = 0; i < codes.size(); ++i) {
    char c = codes[i];
    if (is_scalar_code(c))
      continue;
    if (c == 'C') {
      size_t j = i + 1;
      while (j < codes.size() && is_scalar_code(codes[j]))
        ++j;
      if (j == i + 1 || j >= codes.size() || codes[j] != 'D') {
        return make_status(StatusCode::kInvalidArgument,
                           "malformed variadic span in signature '%.*s'",
                           static_cast<int>(text.size()), text.data());
      }
      i = j;
      continue;
    }
    return make_status(StatusCode::kInvalidArgument, "invalid type code '%c' in signature '%.*s'",
                       c, static_cast<int>(text.size()), text.data());
  }
  return Status();
}

std::string_view strip_void(std::string_view codes) {
  return codes == "v" ? std::string_view() : codes;
}

// Walks a code string computing aligned offsets. `Visitor` provides:
//   bool span_count(int32_t* count)   -- count of the next variadic span
//   bool scalar(char code, size_t offset)
// Returns false if a visitor call failed.
template <typename Visitor> bool walk(std::string_view codes, Visitor &v, size_t *out_size) {
  size_t offset = 0;
  size_t max_align = 1;
  for (size_t i = 0; i < codes.size(); ++i) {
    char c = codes[i];
    if (c != 'C') {
      size_t a = code_alignment(c);
      if (a > max_align)
        max_align = a;
      offset = align_up(offset, a);
      if (!v.scalar(c, offset))
        return false;
      offset += code_size(c);
      continue;
    }
    size_t begin = i + 1;
    size_t end = begin;
    while (codes[end] != 'D')
      ++end;
    std::string_view tuple = codes.substr(begin, end - begin);
    for (char t : tuple) {
      if (code_alignment(t) > max_align)
        max_align = code_alignment(t);
    }
    if (max_align < 4)
      max_align = 4;
    offset = align_up(offset, 4);
    int32_t count = 0;
    if (!v.span_count(&count, offset))
      return false;
    offset += 4;
    for (int32_t k = 0; k < count; ++k) {
      for (char t : tuple) {
        offset = align_up(offset, code_alignment(t));
        if (!v.scalar(t, offset))
          return false;
        offset += code_size(t);
      }
    }
    i = end;
  }
  *out_size = align_up(offset, max_align);
  return true;
}

struct CountsVisitor {
  const int32_t *counts;
  size_t n;
  size_t next = 0;
  Status status;
  bool span_count(int32_t *count, size_t) {
    if (next >= n) {
      status = invalid_argument_error("missing variadic span count");
      return false;
    }
    *count = counts[next++];
    if (*count < 0) {
      status = invalid_argument_error("negative variadic span count");
      return false;
    }
    return true;
  }
  bool scalar(char, size_t) { return true; }
};

struct BytesVisitor {
  const uint8_t *bytes;
  size_t available;
  Status status;
  bool span_count(int32_t *count, size_t offset) {
    if (offset + 4 > available) {
      status = out_of_range_error("packed bytes too short for a span count");
      return false;
    }
    std::memcpy(count, bytes + offset, 4);
    if (*count < 0) {
      status = invalid_argument_error("negative variadic span count");
      return false;
    }
    return true;
  }
  bool scalar(char c, size_t offset) {
    if (offset + code_size(c) > available) {
      status = out_of_range_error("packed bytes too short for their signature");
      return false;
    }
    return true;
  }
};

bool value_matches(char code, const Value &v) {
  switch (code) {
  case 'i':
    return v.type() == ValueType::kI32 || v.type() == ValueType::kI16 || v.type() == ValueType::kI8;
  case 'I':
    return v.type() == ValueType::kI64;
  case 'f':
    return v.type() == ValueType::kF32;
  case 'F':
    return v.type() == ValueType::kF64;
  case 'r':
    return v.type() == ValueType::kRef || v.type() == ValueType::kNone;
  }
  return false;
}

const char *code_name(char code) {
  switch (code) {
  case 'i':
    return "i32";
  case 'I':
    return "i64";
  case 'f':
    return "f32";
  case 'F':
    return "f64";
  case 'r':
    return "ref";
  }
  return "?";
}

// Reads values in order while walking; optionally writes them.
struct ValuesVisitor {
  const Value *values;
  size_t count;
  uint8_t *out; // null when measuring
  size_t next = 0;
  Status status;
  const Value *take(const char *what) {
    if (next >= count) {
      status = make_status(StatusCode::kInvalidArgument,
                           "too few values: expected more (%s) after %zu", what, next);
      return nullptr;
    }
    return &values[next++];
  }
  bool span_count(int32_t *c, size_t offset) {
    const Value *v = take("span count");
    if (!v)
      return false;
    if (v->type() != ValueType::kI32 || v->as_i32() < 0) {
      status = make_status(StatusCode::kInvalidArgument,
                           "value %zu must be a non-negative i32 span count", next - 1);
      return false;
    }
    *c = v->as_i32();
    if (out)
      std::memcpy(out + offset, c, 4);
    return true;
  }
  bool scalar(char code, size_t offset) {
    const Value *v = take(code_name(code));
    if (!v)
      return false;
    if (!value_matches(code, *v)) {
      status = make_status(StatusCode::kInvalidArgument,
                           "value %zu has type %s but the signature expects %s", next - 1,
                           value_type_name(v->type()), code_name(code));
      return false;
    }
    if (!out)
      return true;
    uint8_t *p = out + offset;
    switch (code) {
    case 'i': {
      int32_t x = v->as_i32();
      std::memcpy(p, &x, 4);
      break;
    }
    case 'I': {
      int64_t x = v->as_i64();
      std::memcpy(p, &x, 8);
      break;
    }
    case 'f': {
      float x = v->as_f32();
      std::memcpy(p, &x, 4);
      break;
    }
    case 'F': {
      double x = v->as_f64();
      std::memcpy(p, &x, 8);
      break;
    }
    case 'r':
      new (p) Ref(v->as_ref());
      break;
    }
    return true;
  }
};

struct UnpackVisitor {
  uint8_t *bytes;
  size_t size;
  ValueList *out;
  Status status;
  bool span_count(int32_t *c, size_t offset) {
    if (offset + 4 > size) {
      status = out_of_range_error("packed bytes too short for a span count");
      return false;
    }
    std::memcpy(c, bytes + offset, 4);
    if (*c < 0) {
      status = invalid_argument_error("negative variadic span count");
      return false;
    }
    out->push_back(Value::i32(*c));
    return true;
  }
  bool scalar(char code, size_t offset) {
    if (offset + code_size(code) > size) {
      status = out_of_range_error("packed bytes too short for their signature");
      return false;
    }
    uint8_t *p = bytes + offset;
    switch (code) {
    case 'i': {
      int32_t x;
      std::memcpy(&x, p, 4);
      out->push_back(Value::i32(x));
      break;
    }
    case 'I': {
      int64_t x;
      std::memcpy(&x, p, 8);
      out->push_back(Value::i64(x));
      break;
    }
    case 'f': {
      float x;
      std::memcpy(&x, p, 4);
      out->push_back(Value::f32(x));
      break;
    }
    case 'F': {
      double x;
      std::memcpy(&x, p, 8);
      out->push_back(Value::f64(x));
      break;
    }
    case 'r':
      out->push_back(Value::ref(std::move(*reinterpret_cast<Ref *>(p))));
      break;
    }
    return true;
  }
};

struct ReleaseVisitor {
  uint8_t *bytes;
  size_t size;
  bool span_count(int32_t *c, size_t offset) {
    if (offset + 4 > size)
      return false;
    std::memcpy(c, bytes + offset, 4);
    return *c >= 0;
  }
  bool scalar(char code, size_t offset) {
    if (offset + code_size(code) > size)
      return false;
    if (code == 'r')
      reinterpret_cast<Ref *>(bytes + offset)->reset();
    return true;
  }
};

} // namespace

StatusOr<Signature> parse_signature(std::string_view text) {
  if (text.empty() || text[0] != '0') {
    return make_status(StatusCode::kInvalidArgument,
                       "signature '%.*s' does not start with the version '0'",
                       static_cast<int>(text.size()), text.data());
  }
  size_t sep = text.find('_');
  if (sep == std::string_view::npos || text.find('_', sep + 1) != std::string_view::npos) {
    return make_status(StatusCode::kInvalidArgument,
                       "signature '%.*s' needs exactly one '_' between "
                       "arguments and results",
                       static_cast<int>(text.size()), text.data());
  }
  Signature sig;
  sig.arguments = strip_void(text.substr(1, sep - 1));
  sig.results = strip_void(text.substr(sep + 1));
  KILN_RETURN_IF_ERROR(validate_codes(sig.arguments, text));
  KILN_RETURN_IF_ERROR(validate_codes(sig.results, text));
  // The compiler rejects larger signatures (kiln/vm/limits.h); a module
  // that carries one was not made by it.
  if (sig.arguments.size() > limits::kMaxSignatureArguments ||
      sig.results.size() > limits::kMaxSignatureResults) {
    return make_status(StatusCode::kInvalidArgument,
                       "signature has %zu argument and %zu result codes; at "
                       "most %zu and %zu are supported",
                       sig.arguments.size(), sig.results.size(), limits::kMaxSignatureArguments,
                       limits::kMaxSignatureResults);
  }
  return sig;
}

bool signatures_equivalent(std::string_view a, std::string_view b) {
  auto pa = parse_signature(a);
  auto pb = parse_signature(b);
  if (!pa.ok() || !pb.ok())
    return false;
  return pa->arguments == pb->arguments && pa->results == pb->results;
}

const char *code_type_name(char code) {
  switch (code) {
  case 'i':
    return "i32";
  case 'I':
    return "i64";
  case 'f':
    return "f32";
  case 'F':
    return "f64";
  case 'r':
    return "ref";
  default:
    return "?";
  }
}

namespace {
// As MLIR prints the type of a ref code.
const char *code_mlir_type(char code) { return code == 'r' ? "!vm.ref<?>" : code_type_name(code); }

// "i32, !vm.ref<?>, tuple<i32, i64>..." for a validated code list.
std::string format_code_types(std::string_view codes) {
  std::string out;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (!out.empty())
      out += ", ";
    if (codes[i] != 'C') {
      out += code_mlir_type(codes[i]);
      continue;
    }
    size_t end = codes.find('D', i);
    if (end == std::string_view::npos)
      end = codes.size();
    std::string_view tuple = codes.substr(i + 1, end - i - 1);
    if (tuple.size() == 1) {
      out += code_mlir_type(tuple[0]);
    } else {
      out += "tuple<" + format_code_types(tuple) + ">";
    }
    out += "...";
    i = end;
  }
  return out;
}
} // namespace

std::string format_signature_types(std::string_view text) {
  auto sig = parse_signature(text);
  if (!sig.ok())
    return std::string(text);
  std::string out = "(" + format_code_types(sig->arguments) + ") -> ";
  std::string results = format_code_types(sig->results);
  if (sig->results.size() == 1)
    return out + results;
  return out + "(" + results + ")";
}

bool has_variadic(std::string_view codes) { return codes.find('C') != std::string_view::npos; }

bool has_refs(std::string_view codes) { return codes.find('r') != std::string_view::npos; }

StatusOr<size_t> packed_size(std::string_view codes) { return packed_size(codes, nullptr, 0); }

StatusOr<size_t> packed_size(std::string_view codes, const int32_t *span_counts,
                             size_t span_count_count) {
  KILN_RETURN_IF_ERROR(validate_codes(codes, codes));
  CountsVisitor v{span_counts, span_count_count, 0, Status()};
  size_t size = 0;
  if (!walk(codes, v, &size))
    return std::move(v.status);
  return size;
}

StatusOr<size_t> packed_size_of(std::string_view codes, const uint8_t *bytes, size_t available) {
  KILN_RETURN_IF_ERROR(validate_codes(codes, codes));
  BytesVisitor v{bytes, available, Status()};
  size_t size = 0;
  if (!walk(codes, v, &size))
    return std::move(v.status);
  return size;
}

StatusOr<size_t> measure_values(std::string_view codes, const Value *values, size_t count) {
  KILN_RETURN_IF_ERROR(validate_codes(codes, codes));
  ValuesVisitor v{values, count, nullptr, 0, Status()};
  size_t size = 0;
  if (!walk(codes, v, &size))
    return std::move(v.status);
  if (v.next != count) {
    return make_status(StatusCode::kInvalidArgument,
                       "too many values: the signature takes %zu, got %zu", v.next, count);
  }
  return size;
}

Status pack_values(std::string_view codes, const Value *values, size_t count, uint8_t *out,
                   size_t out_size) {
  KILN_ASSIGN_OR_RETURN(size_t needed, measure_values(codes, values, count));
  if (needed > out_size) {
    return make_status(StatusCode::kOutOfRange,
                       "packing needs %zu bytes but only %zu are available", needed, out_size);
  }
  if (needed)
    std::memset(out, 0, needed);
  ValuesVisitor v{values, count, out, 0, Status()};
  size_t size = 0;
  walk(codes, v, &size); // cannot fail: measured above
  return Status();
}

Status unpack_values(std::string_view codes, uint8_t *bytes, size_t size, ValueList *out) {
  KILN_RETURN_IF_ERROR(validate_codes(codes, codes));
  UnpackVisitor v{bytes, size, out, Status()};
  size_t total = 0;
  if (!walk(codes, v, &total))
    return std::move(v.status);
  return Status();
}

void release_packed_refs(std::string_view codes, uint8_t *bytes, size_t size) {
  if (!has_refs(codes))
    return;
  if (!validate_codes(codes, codes).ok())
    return;
  ReleaseVisitor v{bytes, size};
  size_t total = 0;
  walk(codes, v, &total);
}

} // namespace kiln::vm
