// Bounded execution: limits on what one context's calls may consume.
//
// Memory: a Context may have a host allocation limit (Context::
// set_memory_limit). While a call of that context runs on a thread, the
// runtime's host allocations on that thread (vm.buffer and vm.list storage,
// hal buffers, buffers emitted C allocates through its services) go through
// current_allocator(), which charges the context's MemoryBudget; past the
// limit an allocation fails with RESOURCE_EXHAUSTED. An object is charged to
// the budget current when it was allocated and credits that budget when it
// is freed, even after its context is gone (the budget is reference
// counted).
//
// Execution: ExecutionLimits bound one invocation: fuel (units of work: one
// per taken backward branch and one per call, in both bytecode and emitted
// C), a wall-clock deadline, and a cancellation flag another thread may set.
// A call that runs out ends with RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED or
// CANCELLED and the VM stack trace of where it stopped. Modules read the
// Budget from the Stack (Stack::budget(); null when no limit is set, and
// then they count nothing).
#ifndef KILN_VM_BUDGET_H_
#define KILN_VM_BUDGET_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "kiln/vm/allocator.h"
#include "kiln/vm/status.h"
#include "kiln/vm/wait.h"

namespace kiln::vm {

// ---------------------------------------------------------------- memory --

class MemoryBudget {
public:
  static constexpr size_t kUnlimited = SIZE_MAX;

  // A new budget (one reference, the caller's); nullptr if out of memory.
  static MemoryBudget *create(size_t limit);
  void retain() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release();

  size_t limit() const { return limit_.load(std::memory_order_relaxed); }
  void set_limit(size_t limit) { limit_.store(limit, std::memory_order_relaxed); }
  size_t used() const { return used_.load(std::memory_order_relaxed); }
  size_t peak() const { return peak_.load(std::memory_order_relaxed); }
  // Successful charges so far: allocations made under the budget.
  uint64_t charges() const { return charges_.load(std::memory_order_relaxed); }

  // An allocator that charges this budget and allocates from `base`.
  Allocator allocator() { return Allocator{this, &allocate, &deallocate}; }
  // True when `allocator` charges some MemoryBudget; *out receives it.
  static bool is_budget_allocator(const Allocator &allocator, MemoryBudget **out);

  // Reserves/returns `bytes` without allocating (for memory a module
  // obtains some other way). charge() fails past the limit.
  bool charge(size_t bytes);
  void credit(size_t bytes);

private:
  explicit MemoryBudget(size_t limit) : limit_(limit) {}
  static void *allocate(void *self, size_t size, size_t alignment);
  static void deallocate(void *self, void *ptr, size_t size, size_t alignment);

  std::atomic<size_t> limit_;
  std::atomic<size_t> used_{0};
  std::atomic<size_t> peak_{0};
  std::atomic<uint64_t> charges_{0};
  std::atomic<int64_t> refs_{1};
  Allocator base_ = Allocator::system();
};

namespace internal {
// The budget current on this thread. initial-exec: one instruction to
// read, no __tls_get_addr on the invoke path (the runtime is PIC).
extern thread_local MemoryBudget *g_current_memory_budget
    __attribute__((tls_model("initial-exec")));
} // namespace internal

// The allocator for runtime objects created now on this thread: the
// current MemoryBudget's while a limited context's call runs, else the
// system allocator.
Allocator current_allocator();
inline MemoryBudget *current_memory_budget() { return internal::g_current_memory_budget; }

// Makes `budget` (may be null: no limit) current on this thread for its
// lifetime; restores the previous one after.
class ScopedMemoryBudget {
public:
  explicit ScopedMemoryBudget(MemoryBudget *budget) : previous_(internal::g_current_memory_budget) {
    if (KILN_UNLIKELY(budget != previous_))
      internal::g_current_memory_budget = budget;
  }
  ~ScopedMemoryBudget() {
    if (KILN_UNLIKELY(internal::g_current_memory_budget != previous_)) {
      internal::g_current_memory_budget = previous_;
    }
  }
  ScopedMemoryBudget(const ScopedMemoryBudget &) = delete;
  ScopedMemoryBudget &operator=(const ScopedMemoryBudget &) = delete;

private:
  MemoryBudget *previous_;
};

// The error for an allocation of `bytes` that `allocator` refused: names
// the memory limit when a budget refused it. `what` is e.g. "a buffer".
Status allocation_error(const Allocator &allocator, size_t bytes, const char *what);

// ------------------------------------------------------------- execution --

inline constexpr int64_t kUnlimitedFuel = -1;

struct ExecutionLimits {
  // Units of work the invocation may do (>= 0), or kUnlimitedFuel.
  int64_t fuel = kUnlimitedFuel;
  // Absolute deadline on the now_ns() clock, or kInfiniteDeadline.
  int64_t deadline_ns = kInfiniteDeadline;
  // When non-null, setting it to true (from any thread) cancels the call at
  // its next check. The host owns the flag; it must outlive the call.
  const std::atomic<bool> *cancel = nullptr;
  // When non-null, asked at every check (once per slice of fuel, before a
  // suspended call resumes, and between the slices of a wait in place):
  // true cancels the call as the flag does. For hosts whose interrupts are
  // polled rather than flagged (the Python bindings check for Ctrl-C here).
  // Runs on the thread running the call; must be quick.
  bool (*interrupted)(void *user) = nullptr;
  void *interrupted_user = nullptr;

  bool enabled() const {
    return fuel != kUnlimitedFuel || deadline_ns != kInfiniteDeadline || cancel != nullptr ||
           interrupted != nullptr;
  }
};

// The running account of one invocation's limits. Modules draw fuel in
// slices: take() hands out up to kSlice units (fewer when less is left),
// which the module counts down locally; when a slice is spent it calls
// take() again, which also checks the deadline and the cancel flag. A
// module gives back what is left of its slice when it returns or suspends
// (put_back), so the count is exact at module boundaries.
class Budget {
public:
  // Units per slice: bounds how long a deadline or a cancellation may go
  // unnoticed (about 2^16 backward branches or calls).
  static constexpr int64_t kSlice = int64_t{1} << 16;

  Budget() = default;
  explicit Budget(const ExecutionLimits &limits) { reset(limits); }
  void reset(const ExecutionLimits &limits);

  // OK with *units > 0, or RESOURCE_EXHAUSTED / DEADLINE_EXCEEDED /
  // CANCELLED (no trace: the caller captures it).
  Status take(int64_t *units);
  void put_back(int64_t units) {
    if (units > 0 && fuel_ != kUnlimitedFuel)
      fuel_ += units;
  }
  // Fuel left (kUnlimitedFuel when unlimited), not counting slices out.
  int64_t fuel_left() const { return fuel_; }
  const ExecutionLimits &limits() const { return limits_; }
  // The status a check would give now, fuel aside (for a suspended call
  // about to resume).
  Status check_interrupts() const;

private:
  ExecutionLimits limits_;
  int64_t fuel_ = kUnlimitedFuel;
};

// The budget of the module initializers that Context::register_module runs
// on this thread (the context's execution limits), or null. Modules run
// their initializer on a private Stack and give it this budget.
Budget *current_initializer_budget();

class ScopedInitializerBudget {
public:
  explicit ScopedInitializerBudget(Budget *budget);
  ~ScopedInitializerBudget();
  ScopedInitializerBudget(const ScopedInitializerBudget &) = delete;
  ScopedInitializerBudget &operator=(const ScopedInitializerBudget &) = delete;

private:
  Budget *previous_;
};

// ------------------------------------------------------------ C stack --

// The lowest address native code running on this thread should let its
// stack grow to: the thread's stack bottom (pthread attributes; the main
// thread's from RLIMIT_STACK) plus a reserve for the runtime's own calls
// (error paths, services) of kNativeStackReserve or a quarter of the stack,
// whichever is smaller. Computed once per thread; 0 when unknown (then
// nothing is checked). Bounded C modules compare their stack pointer with it.
inline constexpr size_t kNativeStackReserve = 64 * 1024;
uintptr_t native_stack_limit();
// The size of this thread's stack in bytes (0 when unknown).
size_t native_stack_size();

} // namespace kiln::vm

#endif // KILN_VM_BUDGET_H_
