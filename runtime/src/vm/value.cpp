#include "kiln/vm/value.h"

#include <cstdio>

namespace kiln::vm {

const char *value_type_name(ValueType type) {
  switch (type) {
  case ValueType::kNone:
    return "none";
  case ValueType::kI8:
    return "i8";
  case ValueType::kI16:
    return "i16";
  case ValueType::kI32:
    return "i32";
  case ValueType::kI64:
    return "i64";
  case ValueType::kF32:
    return "f32";
  case ValueType::kF64:
    return "f64";
  case ValueType::kRef:
    return "ref";
  }
  return "?";
}

size_t value_type_size(ValueType type) {
  switch (type) {
  case ValueType::kNone:
    return 0;
  case ValueType::kI8:
    return 1;
  case ValueType::kI16:
    return 2;
  case ValueType::kI32:
    return 4;
  case ValueType::kI64:
    return 8;
  case ValueType::kF32:
    return 4;
  case ValueType::kF64:
    return 8;
  case ValueType::kRef:
    return sizeof(void *);
  }
  return 0;
}

std::string Value::to_string() const {
  char buf[64];
  switch (type_) {
  case ValueType::kNone:
    return "none";
  case ValueType::kI8:
  case ValueType::kI16:
  case ValueType::kI32:
    std::snprintf(buf, sizeof(buf), "%s=%d", value_type_name(type_), as_i32());
    return buf;
  case ValueType::kI64:
    std::snprintf(buf, sizeof(buf), "i64=%lld", static_cast<long long>(as_i64()));
    return buf;
  case ValueType::kF32:
    std::snprintf(buf, sizeof(buf), "f32=%.9g", static_cast<double>(as_f32()));
    return buf;
  case ValueType::kF64:
    std::snprintf(buf, sizeof(buf), "f64=%.17g", as_f64());
    return buf;
  case ValueType::kRef:
    if (!bits_.ref)
      return "ref<null>";
    return std::string("ref<") + bits_.ref->type->name + ">";
  }
  return "?";
}

} // namespace kiln::vm
