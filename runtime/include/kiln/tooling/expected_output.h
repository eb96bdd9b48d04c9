// Checking a function's results against expected values, as IREE's
// `--expected_output` does: one expected value per result, written in the
// --input syntax (value_io.h, tensor_io.h), or "(ignored)" to skip a result.
// Integers, buffers and lists must match exactly; floats (scalars and
// buffer view elements) may differ by a threshold per type, IREE's
// defaults below.
#ifndef KILN_TOOLING_EXPECTED_OUTPUT_H_
#define KILN_TOOLING_EXPECTED_OUTPUT_H_

#include <string>
#include <string_view>
#include <vector>

#include "kiln/vm/instance.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"

namespace kiln::tooling {

// |actual - expected| <= threshold passes; two NaNs match.
struct ExpectedThresholds {
  double f16 = 0.001;  // --expected-f16-threshold (also bf16)
  double f32 = 0.0001; // --expected-f32-threshold
  double f64 = 0.0001; // --expected-f64-threshold
};

// Compares `results` with `expected` (result k with expected[k]; the counts
// must be equal). `result_codes` are the result type codes of the function's
// signature ("iIfFr"). Returns one line per mismatch, e.g.
//   result[1]: element at index 0 (2) does not match the expected (4.5)
// and no lines when everything matches. An expected value that does not
// parse is an error.
vm::StatusOr<std::vector<std::string>>
compare_expected_outputs(const vm::ValueList &results, const std::vector<std::string> &expected,
                         std::string_view result_codes, vm::Instance &instance,
                         const ExpectedThresholds &thresholds = ExpectedThresholds());

} // namespace kiln::tooling

#endif // KILN_TOOLING_EXPECTED_OUTPUT_H_
