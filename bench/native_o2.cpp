// The buffer reduction's native twin built at -O2 (bench/CMakeLists.txt
// sets the flag for this file only): the scalar loop a C compiler emits for
// the plain source. GCC 12 does not vectorize it at -O2 (check with
// -fopt-info-vec); at -O3, the build type of vm_bench.cpp, it does, which is
// what native_reduce there measures. Both ratios are reported because they
// answer different questions: "vs. the best native code" and "vs. the same
// loop compiled without vectorization".
#include <cstddef>
#include <cstdint>

// Defined in its own file so the call stays opaque to the benchmark loop.
int32_t native_reduce_o2(const int32_t *data, size_t count) {
  uint32_t acc = 0;
  for (size_t i = 0; i < count; ++i)
    acc += static_cast<uint32_t>(data[i]);
  return static_cast<int32_t>(acc);
}
