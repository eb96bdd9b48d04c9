// A fence: a set of semaphore timepoints, reached when every semaphore
// reaches its value, failed when any of them fails. `fence.create` makes a
// fence over a new semaphore (timepoint 1); `fence.join` merges fences.
//
// A fence is a vm::WaitSource, so a call that awaits one can suspend on it
// (the scheduler parks the call until the fence is reached or fails).
#ifndef KILN_MODULES_HAL_FENCE_H_
#define KILN_MODULES_HAL_FENCE_H_

#include <cstdint>
#include <vector>

#include "kiln/modules/hal/semaphore.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"
#include "kiln/vm/wait.h"

namespace kiln::hal {

class Fence final : public vm::RefObject, public vm::WaitSource {
public:
  static const vm::RefType kType; // "hal.fence"

  struct Timepoint {
    vm::RefT<Semaphore> semaphore;
    uint64_t value = 0;
  };

  // A fence over a new semaphore at 0, reached at 1.
  static vm::RefT<Fence> create();
  // A fence with the given timepoints (same semaphore twice: max value).
  static vm::RefT<Fence> create(std::vector<Timepoint> timepoints);

  const std::vector<Timepoint> &timepoints() const { return timepoints_; }

  // OK (reached), DEFERRED (pending) or the failure.
  vm::Status query();
  // Signals every timepoint.
  vm::Status signal();
  // Fails every semaphore with `status`.
  void fail(vm::Status status);
  // Blocks until reached (OK), failed (the failure) or the deadline.
  vm::Status wait(int64_t deadline_ns);

  // vm::WaitSource.
  bool is_ready() override;
  vm::Status wait_until(int64_t deadline_ns) override;
  bool add_waiter(vm::Waiter *waiter) override;
  bool remove_waiter(vm::Waiter *waiter) override;

private:
  explicit Fence(std::vector<Timepoint> timepoints);
  static void destroy(vm::RefObject *object);

  std::vector<Timepoint> timepoints_;
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_FENCE_H_
