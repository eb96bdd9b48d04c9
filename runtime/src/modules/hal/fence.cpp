#include "kiln/modules/hal/fence.h"

#include <utility>

namespace kiln::hal {

const vm::RefType Fence::kType = {"hal.fence", &Fence::destroy};

Fence::Fence(std::vector<Timepoint> timepoints)
    : vm::RefObject(&kType), timepoints_(std::move(timepoints)) {}

void Fence::destroy(vm::RefObject *object) { delete static_cast<Fence *>(object); }

vm::RefT<Fence> Fence::create() {
  std::vector<Timepoint> t(1);
  t[0].semaphore = Semaphore::create(0);
  t[0].value = 1;
  return vm::RefT<Fence>::adopt(new Fence(std::move(t)));
}

vm::RefT<Fence> Fence::create(std::vector<Timepoint> timepoints) {
  // Deduplicate by semaphore keeping the largest value: one wait each.
  std::vector<Timepoint> unique;
  unique.reserve(timepoints.size());
  for (Timepoint &t : timepoints) {
    bool merged = false;
    for (Timepoint &u : unique) {
      if (u.semaphore.get() == t.semaphore.get()) {
        if (t.value > u.value)
          u.value = t.value;
        merged = true;
        break;
      }
    }
    if (!merged)
      unique.push_back(std::move(t));
  }
  return vm::RefT<Fence>::adopt(new Fence(std::move(unique)));
}

vm::Status Fence::query() {
  bool pending = false;
  for (Timepoint &t : timepoints_) {
    vm::Status failure;
    if (!t.semaphore->is_reached(t.value, &failure))
      pending = true;
    if (!failure.ok())
      return failure;
  }
  return pending ? vm::Status(vm::StatusCode::kDeferred) : vm::Status();
}

vm::Status Fence::signal() {
  for (Timepoint &t : timepoints_) {
    KILN_RETURN_IF_ERROR(t.semaphore->signal(t.value));
  }
  return vm::Status();
}

void Fence::fail(vm::Status status) {
  for (Timepoint &t : timepoints_)
    t.semaphore->fail(status);
}

vm::Status Fence::wait(int64_t deadline_ns) {
  for (Timepoint &t : timepoints_) {
    KILN_RETURN_IF_ERROR(t.semaphore->wait(t.value, deadline_ns));
  }
  return vm::Status();
}

bool Fence::is_ready() {
  vm::Status s = query();
  return !s.is_deferred();
}

vm::Status Fence::wait_until(int64_t deadline_ns) {
  vm::Status s = wait(deadline_ns);
  // A failed fence is ready too; the awaiting function reports the failure.
  if (s.code() == vm::StatusCode::kDeadlineExceeded)
    return s;
  return vm::Status();
}

// Registers on the first semaphore that has not reached its value; the
// waiter looks again when notified and registers on the next one.
bool Fence::add_waiter(vm::Waiter *waiter) {
  for (Timepoint &t : timepoints_) {
    vm::Status failure;
    if (t.semaphore->is_reached(t.value, &failure)) {
      if (!failure.ok())
        return false;
      continue;
    }
    if (t.semaphore->add_waiter(waiter, t.value))
      return true;
    // Reached or failed in between: look at it again.
    if (t.semaphore->is_reached(t.value, &failure) && !failure.ok())
      return false;
  }
  return false;
}

bool Fence::remove_waiter(vm::Waiter *waiter) {
  auto *semaphore = static_cast<Semaphore *>(waiter->registered_with.load());
  if (!semaphore)
    return false;
  return semaphore->remove_waiter(waiter);
}

} // namespace kiln::hal
