#include "kiln/modules/hal/types.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace kiln::hal {

std::string format_element_type(ElementType type) {
  const char *prefix = "*";
  uint32_t bits = element_bit_count(type);
  switch (element_numerical_type(type)) {
  case numerical::kBoolean:
    prefix = "i";
    bits = 1;
    break;
  case numerical::kInteger:
    prefix = "i";
    break;
  case numerical::kIntegerSigned:
    prefix = "si";
    break;
  case numerical::kIntegerUnsigned:
    prefix = "ui";
    break;
  case numerical::kFloatIeee:
    prefix = "f";
    break;
  case numerical::kFloatBrain:
    prefix = "bf";
    break;
  case numerical::kFloatComplex:
    prefix = "cf";
    break;
  default:
    break;
  }
  return prefix + std::to_string(bits);
}

bool element_types_compatible(ElementType actual, ElementType expected) {
  if (element_numerical_type(actual) == numerical::kUnknown)
    return true;
  auto is_integer = [](ElementType t) {
    return (element_numerical_type(t) & numerical::kInteger) == numerical::kInteger;
  };
  if (is_integer(actual) && is_integer(expected) &&
      element_bit_count(actual) == element_bit_count(expected)) {
    return true;
  }
  return actual == expected;
}

vm::StatusOr<ElementType> parse_element_type(std::string_view text) {
  std::string_view rest = text;
  uint32_t numerical_type = numerical::kUnknown;
  auto take = [&](std::string_view prefix) {
    if (rest.substr(0, prefix.size()) != prefix)
      return false;
    rest.remove_prefix(prefix.size());
    return true;
  };
  if (text == "i1")
    return element_type::kBool8;
  if (take("si"))
    numerical_type = numerical::kIntegerSigned;
  else if (take("ui"))
    numerical_type = numerical::kIntegerUnsigned;
  else if (take("i"))
    numerical_type = numerical::kInteger;
  else if (take("bf"))
    numerical_type = numerical::kFloatBrain;
  else if (take("cf"))
    numerical_type = numerical::kFloatComplex;
  else if (take("f"))
    numerical_type = numerical::kFloatIeee;
  else if (take("x") || take("*"))
    numerical_type = numerical::kUnknown;
  else {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "unknown element type '%.*s'",
                           static_cast<int>(text.size()), text.data());
  }
  uint32_t bits = 0;
  bool digits = !rest.empty();
  for (char c : rest) {
    if (c < '0' || c > '9' || bits > 255) {
      digits = false;
      break;
    }
    bits = bits * 10 + static_cast<uint32_t>(c - '0');
  }
  if (!digits || bits == 0 || bits > 255) {
    return vm::make_status(vm::StatusCode::kInvalidArgument,
                           "invalid bit count in element type '%.*s'",
                           static_cast<int>(text.size()), text.data());
  }
  return make_element_type(numerical_type, bits);
}

} // namespace kiln::hal
