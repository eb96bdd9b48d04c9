// libFuzzer target: loader + verifier + interpreter. Any bytes that load,
// verify and link have every export run under fuel, a deadline and a
// memory limit (testing/run_exports.h). Crashes, hangs and sanitizer
// reports are bugs. scripts/fuzz.sh run SECONDS runs it.
#include <cstddef>
#include <cstdint>

#include "testing/run_exports.h"

extern "C" const char *__asan_default_options() {
  // A hostile size must be a clean RESOURCE_EXHAUSTED, which needs the
  // allocator to return null instead of aborting.
  return "allocator_may_return_null=1";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kiln::bytecode::testing::RunLimits limits;
  limits.fuel = 20000;
  limits.deadline_ms = 1000;
  limits.memory_bytes = 16 << 20;
  (void)kiln::bytecode::testing::run_exports(data, size, limits);
  return 0;
}
