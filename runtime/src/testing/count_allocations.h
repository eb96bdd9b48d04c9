// Counts every heap allocation of the program that includes it, for tests
// and benchmarks that assert "no allocation in steady state": replaces the
// global operator new/delete (plain, array and nothrow forms; the runtime
// allocates its stacks with the nothrow ones) with malloc/free plus a count
// in g_allocations. Include it from exactly one source file per binary.
#ifndef KILN_RUNTIME_SRC_TESTING_COUNT_ALLOCATIONS_H_
#define KILN_RUNTIME_SRC_TESTING_COUNT_ALLOCATIONS_H_

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations{0};
void *counted(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  void *p = std::malloc(size ? size : 1);
  if (!p)
    std::abort();
  return p;
}
} // namespace

void *operator new(std::size_t size) { return counted(size); }
void *operator new[](std::size_t size) { return counted(size); }
void *operator new(std::size_t size, const std::nothrow_t &) noexcept { return counted(size); }
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept { return counted(size); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }

#endif // KILN_RUNTIME_SRC_TESTING_COUNT_ALLOCATIONS_H_
