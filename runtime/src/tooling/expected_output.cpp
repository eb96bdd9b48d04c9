// Checking results against --expected-output values; see expected_output.h.
#include "kiln/tooling/expected_output.h"

#include <cmath>
#include <cstring>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/buffer_view.h"
#include "kiln/tooling/tensor_io.h"
#include "kiln/tooling/value_io.h"

namespace kiln::tooling {

namespace {

using vm::Status;
using vm::StatusOr;

bool within(double actual, double expected, double threshold) {
  if (std::isnan(actual) || std::isnan(expected)) {
    return std::isnan(actual) && std::isnan(expected);
  }
  if (actual == expected)
    return true; // also equal infinities
  return std::fabs(actual - expected) <= threshold;
}

double threshold_for(hal::ElementType type, const ExpectedThresholds &t) {
  switch (hal::element_bit_count(type)) {
  case 16:
    return t.f16;
  case 32:
    return t.f32;
  default:
    return t.f64;
  }
}

// Formatting without truncation, so long values compare in full.
std::string full_text(const vm::Value &value) {
  FormatOptions options;
  options.max_buffer_bytes = SIZE_MAX;
  options.max_list_elements = SIZE_MAX;
  options.max_depth = 64;
  options.max_tensor_elements = SIZE_MAX;
  return format_value(value, options);
}

// A buffer view result against a tensor-syntax expected value. Returns the
// mismatch, or an empty string.
StatusOr<std::string> compare_tensor(hal::BufferView &view, std::string_view text,
                                     const ExpectedThresholds &thresholds) {
  KILN_ASSIGN_OR_RETURN(HostTensor expected, parse_tensor(text));
  KILN_ASSIGN_OR_RETURN(hal::BufferViewContents actual, hal::read_buffer_view(view));
  if (actual.shape != expected.shape || actual.element_type != expected.element_type) {
    return "metadata is " +
           hal::format_shape_and_type(actual.shape.data(), actual.shape.size(),
                                      actual.element_type) +
           "; expected that the view matches " +
           hal::format_shape_and_type(expected.shape.data(), expected.shape.size(),
                                      expected.element_type);
  }
  const size_t size = hal::element_byte_size(actual.element_type);
  const int64_t count = expected.element_count();
  if (size == 0 || actual.bytes.size() < size * static_cast<size_t>(count) ||
      expected.bytes.size() < size * static_cast<size_t>(count)) {
    return std::string("the view's contents cannot be compared element by element");
  }
  const double threshold = threshold_for(actual.element_type, thresholds);
  for (int64_t i = 0; i < count; ++i) {
    const uint8_t *a = actual.bytes.data() + static_cast<size_t>(i) * size;
    const uint8_t *e = expected.bytes.data() + static_cast<size_t>(i) * size;
    double x, y;
    bool match = hal::load_float_element(a, actual.element_type, &x) &&
                         hal::load_float_element(e, actual.element_type, &y)
                     ? within(x, y, threshold)
                     : std::memcmp(a, e, size) == 0;
    if (!match) {
      return "element at index " + std::to_string(i) + " (" +
             hal::format_element(a, actual.element_type) + ") does not match the expected (" +
             hal::format_element(e, actual.element_type) + ")";
    }
  }
  return std::string();
}

// A scalar result against its expected value (already parsed).
std::string compare_scalar(const vm::Value &actual, const vm::Value &expected,
                           const ExpectedThresholds &thresholds) {
  bool match;
  if (actual.type() != expected.type()) {
    match = false;
  } else if (actual.type() == vm::ValueType::kF32) {
    match = within(actual.as_f32(), expected.as_f32(), thresholds.f32);
  } else if (actual.type() == vm::ValueType::kF64) {
    match = within(actual.as_f64(), expected.as_f64(), thresholds.f64);
  } else {
    match = actual.as_i64() == expected.as_i64();
  }
  if (match)
    return std::string();
  return format_value(actual) + " does not match the expected " + format_value(expected);
}

} // namespace

StatusOr<std::vector<std::string>>
compare_expected_outputs(const vm::ValueList &results, const std::vector<std::string> &expected,
                         std::string_view result_codes, vm::Instance &instance,
                         const ExpectedThresholds &thresholds) {
  if (expected.size() != results.size()) {
    return vm::invalid_argument_error(std::to_string(expected.size()) +
                                      " --expected-output values for " +
                                      std::to_string(results.size()) + " results");
  }
  std::vector<std::string> mismatches;
  for (size_t k = 0; k < results.size(); ++k) {
    const std::string &text = expected[k];
    if (text == "(ignored)")
      continue;
    const vm::Value &actual = results[k];
    std::string mismatch;
    if (actual.is_ref() && is_tensor_value(actual)) {
      vm::Ref ref = actual.as_ref();
      auto compared = compare_tensor(*ref.as<hal::BufferView>(), text, thresholds);
      if (!compared.ok()) {
        Status s = std::move(compared).status();
        s.annotate("--expected-output " + std::to_string(k));
        return s;
      }
      mismatch = std::move(*compared);
    } else {
      char code = k < result_codes.size() ? result_codes[k] : 0;
      auto parsed = parse_value(text, code, instance);
      if (!parsed.ok()) {
        Status s = std::move(parsed).status();
        s.annotate("--expected-output " + std::to_string(k));
        return s;
      }
      if (actual.is_ref() || parsed->is_ref()) {
        std::string have = full_text(actual), want = full_text(*parsed);
        if (have != want)
          mismatch = have + " does not match the expected " + want;
      } else {
        mismatch = compare_scalar(actual, *parsed, thresholds);
      }
    }
    if (!mismatch.empty()) {
      mismatches.push_back("result[" + std::to_string(k) + "]: " + mismatch);
    }
  }
  return mismatches;
}

} // namespace kiln::tooling
