#include "kiln/modules/hal/semaphore.h"

#include <chrono>
#include <utility>

namespace kiln::hal {

const vm::RefType Semaphore::kType = {"hal.semaphore", &Semaphore::destroy};

Semaphore::Semaphore(uint64_t value) : vm::RefObject(&kType), value_(value) {}

void Semaphore::destroy(vm::RefObject *object) { delete static_cast<Semaphore *>(object); }

vm::RefT<Semaphore> Semaphore::create(uint64_t initial_value) {
  return vm::RefT<Semaphore>::adopt(new Semaphore(initial_value));
}

vm::StatusOr<uint64_t> Semaphore::query() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failure_.ok())
    return failure_;
  return value_;
}

// Detaches every waiter, then notifies them without the lock: a notify may
// take other locks (the scheduler's, a queue's) that are never held while
// calling into a semaphore, so no lock order is needed.
void Semaphore::notify_all_locked(std::unique_lock<std::mutex> &lock) {
  vm::Waiter *list = waiters_;
  waiters_ = nullptr;
  for (vm::Waiter *w = list; w; w = w->next)
    w->registered_with = nullptr;
  lock.unlock();
  cv_.notify_all();
  while (list) {
    vm::Waiter *next = list->next; // `list` may be gone after notify
    list->next = list->prev = nullptr;
    list->notify(list);
    list = next;
  }
}

vm::Status Semaphore::signal(uint64_t value) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (!failure_.ok())
    return failure_;
  if (value < value_) {
    return vm::make_status(
        vm::StatusCode::kOutOfRange, "semaphore signalled to %llu, below its value %llu",
        static_cast<unsigned long long>(value), static_cast<unsigned long long>(value_));
  }
  value_ = value;
  notify_all_locked(lock);
  return vm::Status();
}

void Semaphore::fail(vm::Status status) {
  if (status.ok()) {
    status = vm::make_status(vm::StatusCode::kUnknown, "semaphore failed");
  }
  std::unique_lock<std::mutex> lock(mutex_);
  if (!failure_.ok())
    return;
  failure_ = std::move(status);
  notify_all_locked(lock);
}

bool Semaphore::is_reached(uint64_t value, vm::Status *failure) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failure_.ok()) {
    *failure = failure_;
    return true;
  }
  *failure = vm::Status();
  return value_ >= value;
}

vm::Status Semaphore::wait(uint64_t value, int64_t deadline_ns) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto done = [&] { return !failure_.ok() || value_ >= value; };
  if (deadline_ns == vm::kInfiniteDeadline) {
    cv_.wait(lock, done);
  } else {
    auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline_ns));
    if (!cv_.wait_until(lock, deadline, done)) {
      return vm::Status(vm::StatusCode::kDeadlineExceeded, "wait deadline exceeded");
    }
  }
  return failure_;
}

bool Semaphore::add_waiter(vm::Waiter *waiter, uint64_t value) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!failure_.ok() || value_ >= value)
    return false;
  waiter->prev = nullptr;
  waiter->next = waiters_;
  if (waiters_)
    waiters_->prev = waiter;
  waiters_ = waiter;
  waiter->registered_with = this;
  return true;
}

bool Semaphore::remove_waiter(vm::Waiter *waiter) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (waiter->registered_with != this)
    return false;
  if (waiter->prev)
    waiter->prev->next = waiter->next;
  else
    waiters_ = waiter->next;
  if (waiter->next)
    waiter->next->prev = waiter->prev;
  waiter->next = waiter->prev = nullptr;
  waiter->registered_with = nullptr;
  return true;
}

} // namespace kiln::hal
