// A timeline semaphore: a monotonically increasing 64-bit value that work
// signals and waiters wait on, or a failure status that ends every wait.
// Fences (fence.h) are sets of (semaphore, value) timepoints.
//
// Waiting: blocking (wait) or by registration (add_waiter, for the
// scheduler and the device queues). Registered waiters are notified on
// every signal or failure, outside the semaphore's lock, and then are no
// longer registered; they look again and re-register if they still wait.
#ifndef KILN_MODULES_HAL_SEMAPHORE_H_
#define KILN_MODULES_HAL_SEMAPHORE_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"
#include "kiln/vm/wait.h"

namespace kiln::hal {

class Semaphore : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.semaphore"

  static vm::RefT<Semaphore> create(uint64_t initial_value);

  // The current value; a failed semaphore reports its failure instead.
  vm::StatusOr<uint64_t> query();
  // Advances the value to `value` (must not go backwards).
  vm::Status signal(uint64_t value);
  // Fails the semaphore: every present and future wait ends with `status`.
  // The first failure wins.
  void fail(vm::Status status);

  // True when `value` is reached or the semaphore failed; `*failure` gets
  // the failure (OK when reached).
  bool is_reached(uint64_t value, vm::Status *failure);
  // Blocks until `value` is reached (OK), the semaphore fails (its status)
  // or the deadline passes (DEADLINE_EXCEEDED).
  vm::Status wait(uint64_t value, int64_t deadline_ns);

  // See kiln/vm/wait.h. add_waiter returns false if `value` is reached or
  // the semaphore failed.
  bool add_waiter(vm::Waiter *waiter, uint64_t value);
  bool remove_waiter(vm::Waiter *waiter);

private:
  explicit Semaphore(uint64_t value);
  static void destroy(vm::RefObject *object);
  void notify_all_locked(std::unique_lock<std::mutex> &lock);

  std::mutex mutex_;
  std::condition_variable cv_;
  uint64_t value_;
  vm::Status failure_;
  vm::Waiter *waiters_ = nullptr; // intrusive, doubly linked
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_SEMAPHORE_H_
