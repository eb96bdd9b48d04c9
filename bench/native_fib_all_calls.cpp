// The recursive fib's native twin with every call made. At -O2 GCC turns
// the second recursive call of `n < 2 ? n : fib(n - 1) + fib(n - 2)` into a
// loop (tail recursion with an accumulator), so the plain native version
// makes about half the calls the workload counts, while the bytecode and C
// forms make all of them (a status check follows every call). This build
// (-O2 -fno-optimize-sibling-calls, set in bench/CMakeLists.txt) keeps both
// calls (and noinline keeps it from inlining itself a few levels deep, as
// the plain version is kept too), so x_native_all_calls compares call for
// call.
#include <cstdint>

__attribute__((noinline)) int32_t native_fib_all_calls(int32_t n) {
  return n < 2 ? n : native_fib_all_calls(n - 1) + native_fib_all_calls(n - 2);
}
