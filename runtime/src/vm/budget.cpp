#include "kiln/vm/budget.h"

#include <new>

namespace kiln::vm {
namespace internal {
thread_local MemoryBudget *g_current_memory_budget __attribute__((tls_model("initial-exec"))) =
    nullptr;
} // namespace internal

// ---------------------------------------------------------------- memory --

MemoryBudget *MemoryBudget::create(size_t limit) { return new (std::nothrow) MemoryBudget(limit); }

void MemoryBudget::release() {
  if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete this;
}

bool MemoryBudget::charge(size_t bytes) {
  size_t limit = this->limit();
  size_t used = used_.load(std::memory_order_relaxed);
  do {
    if (bytes > limit || used > limit - bytes)
      return false;
  } while (!used_.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
  charges_.fetch_add(1, std::memory_order_relaxed);
  size_t now = used + bytes;
  size_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return true;
}

void MemoryBudget::credit(size_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

void *MemoryBudget::allocate(void *self, size_t size, size_t alignment) {
  MemoryBudget *budget = static_cast<MemoryBudget *>(self);
  if (!budget->charge(size))
    return nullptr;
  void *p = budget->base_.allocate(size, alignment);
  if (!p) {
    budget->credit(size);
    return nullptr;
  }
  budget->retain(); // live allocations keep the budget alive
  return p;
}

void MemoryBudget::deallocate(void *self, void *ptr, size_t size, size_t alignment) {
  MemoryBudget *budget = static_cast<MemoryBudget *>(self);
  budget->base_.deallocate(ptr, size, alignment);
  budget->credit(size);
  budget->release();
}

bool MemoryBudget::is_budget_allocator(const Allocator &allocator, MemoryBudget **out) {
  if (allocator.allocate_fn != &MemoryBudget::allocate)
    return false;
  *out = static_cast<MemoryBudget *>(allocator.self);
  return true;
}

Allocator current_allocator() {
  MemoryBudget *budget = internal::g_current_memory_budget;
  return budget ? budget->allocator() : Allocator::system();
}

Status allocation_error(const Allocator &allocator, size_t bytes, const char *what) {
  MemoryBudget *budget = nullptr;
  if (MemoryBudget::is_budget_allocator(allocator, &budget)) {
    size_t limit = budget->limit(), used = budget->used();
    if (bytes > limit || used > limit - bytes) {
      return make_status(StatusCode::kResourceExhausted,
                         "memory limit exceeded: allocating %s of %zu bytes with "
                         "%zu of the context's %zu bytes in use",
                         what, bytes, used, limit);
    }
  }
  return make_status(StatusCode::kResourceExhausted,
                     "out of host memory allocating %s of %zu bytes", what, bytes);
}

// ------------------------------------------------------------- execution --

namespace {
thread_local Budget *g_initializer_budget = nullptr;
} // namespace

Budget *current_initializer_budget() { return g_initializer_budget; }

ScopedInitializerBudget::ScopedInitializerBudget(Budget *budget) : previous_(g_initializer_budget) {
  g_initializer_budget = budget;
}

ScopedInitializerBudget::~ScopedInitializerBudget() { g_initializer_budget = previous_; }

void Budget::reset(const ExecutionLimits &limits) {
  limits_ = limits;
  fuel_ = limits.fuel < 0 ? kUnlimitedFuel : limits.fuel;
}

Status Budget::check_interrupts() const {
  if ((limits_.cancel && limits_.cancel->load(std::memory_order_relaxed)) ||
      (limits_.interrupted && limits_.interrupted(limits_.interrupted_user))) {
    return make_status(StatusCode::kCancelled, "the invocation was cancelled");
  }
  if (limits_.deadline_ns != kInfiniteDeadline && now_ns() >= limits_.deadline_ns) {
    return make_status(StatusCode::kDeadlineExceeded, "the invocation ran past its deadline");
  }
  return Status();
}

Status Budget::take(int64_t *units) {
  KILN_RETURN_IF_ERROR(check_interrupts());
  if (fuel_ == kUnlimitedFuel) {
    *units = kSlice;
    return Status();
  }
  if (fuel_ <= 0) {
    *units = 0;
    return make_status(StatusCode::kResourceExhausted,
                       "out of fuel: the invocation used its budget of %lld units "
                       "(one per backward branch and per call)",
                       static_cast<long long>(limits_.fuel));
  }
  int64_t n = fuel_ < kSlice ? fuel_ : kSlice;
  fuel_ -= n;
  *units = n;
  return Status();
}

} // namespace kiln::vm
