// What a suspended call waits on.
//
// A function that suspends because something is not ready yet (hal's
// fence.await on an unsignalled fence) records a WaitSource on the Stack
// (Stack::set_wait) before returning DEFERRED. Whoever drives the call reads
// it back (Stack::take_wait):
//  * a synchronous invoke blocks in place (WaitSource::wait_until);
//  * the scheduler (kiln/vm/loop.h) parks the invocation, registers a
//    Waiter with the source and resumes the call when the waiter is
//    notified, or when the deadline passes or the wait is cancelled.
// Before resuming, the driver stores how the wait ended with
// Stack::set_wait_result (OK, DEADLINE_EXCEEDED, CANCELLED); the resumed
// function reads it with Stack::wait_result.
//
// A DEFERRED call that records no wait source is a plain yield: the driver
// resumes it at its next opportunity.
#ifndef KILN_VM_WAIT_H_
#define KILN_VM_WAIT_H_

#include <atomic>
#include <cstdint>

#include "kiln/vm/status.h"

namespace kiln::vm {

// Deadlines are absolute, in nanoseconds of std::chrono::steady_clock.
inline constexpr int64_t kInfiniteDeadline = INT64_MAX;
int64_t now_ns();

// A registration with a WaitSource. Intrusive (no allocation per wait): the
// waiter's owner keeps it alive while it is registered.
struct Waiter {
  // Called once, from any thread, after the source became ready (reached
  // or failed) or changed in a way that needs a new look. It must be quick
  // and must not call back into the source. After notify the waiter is no
  // longer registered.
  void (*notify)(Waiter *self) = nullptr;
  // Owned by the source while registered. `registered_with` names the
  // object whose list holds the waiter (null when none); read from other
  // threads, hence atomic.
  Waiter *next = nullptr;
  Waiter *prev = nullptr;
  std::atomic<void *> registered_with{nullptr};
};

class WaitSource {
public:
  // Ready = reached or failed: waiting longer cannot change the outcome.
  virtual bool is_ready() = 0;
  // Blocks until ready or `deadline_ns`. OK when ready, DEADLINE_EXCEEDED
  // otherwise.
  virtual Status wait_until(int64_t deadline_ns) = 0;
  // Registers `waiter`; false (not registered) if the source is ready now.
  virtual bool add_waiter(Waiter *waiter) = 0;
  // Unregisters `waiter`. False if it was not registered any more: its
  // notify has run or is running, and the caller must let it finish.
  virtual bool remove_waiter(Waiter *waiter) = 0;

protected:
  ~WaitSource() = default;
};

// What a suspended call waits on (Stack::set_wait). The source must stay
// alive while the call is suspended (the suspended frame owns it).
struct WaitRequest {
  WaitSource *source = nullptr;
  int64_t deadline_ns = kInfiniteDeadline;
};

} // namespace kiln::vm

#endif // KILN_VM_WAIT_H_
