// The scheduler: runs many invocations on one thread. An invocation that
// suspends on something (a fence, through kiln/vm/wait.h) is parked with a
// registration on its wait source and resumed when the source notifies the
// loop (from any thread: device workers wake the loop), when its deadline
// passes (the wait ends with DEADLINE_EXCEEDED) or when it is cancelled
// (CANCELLED). A suspension with no wait source is a plain yield: the
// invocation goes to the back of the ready queue.
//
//   vm::Loop loop;
//   for (int i = 0; i < 1000; ++i)
//     loop.spawn(context, fn, args, [](vm::Status s, vm::ValueList& r) {...});
//   KILN_RETURN_IF_ERROR(loop.run());  // returns when all have finished
//
// Parking and resuming allocate nothing; each spawn allocates its
// invocation (stack included).
#ifndef KILN_VM_LOOP_H_
#define KILN_VM_LOOP_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/module.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"
#include "kiln/vm/value.h"
#include "kiln/vm/wait.h"

namespace kiln::vm {

class Loop {
public:
  // Called on the loop thread when an invocation finishes (OK: `results`
  // holds its results; error: the call's status with its stack trace).
  using Done = std::function<void(Status status, ValueList &results)>;

  explicit Loop(const StackOptions &stack_options = StackOptions());
  // Abandons invocations that have not finished (their frames are unwound).
  ~Loop();
  Loop(const Loop &) = delete;
  Loop &operator=(const Loop &) = delete;

  // Queues a call of `function`; it starts when run() runs (spawning from
  // a Done callback is fine). `deadline_ns` bounds every wait of the
  // invocation. Returns an id for cancel().
  uint64_t spawn(Context &context, const Function &function, ValueList args, Done done,
                 int64_t deadline_ns = kInfiniteDeadline);
  // Runs on the calling thread until every spawned invocation finished.
  Status run();
  // One round of run(), for a loop embedded in another event loop (the
  // Python bindings drive it from asyncio): waits for work until
  // `block_until_ns` at most (0: not at all), takes notifications, ends
  // expired or cancelled waits, then steps every invocation that was ready
  // when the round began. run() is this in a loop.
  void run_once(int64_t block_until_ns);
  // Whether an invocation is ready to step now (run_once would not block).
  bool has_ready() const { return ready_head_ != nullptr; }
  // The earliest deadline of a parked wait (kInfiniteDeadline: none).
  int64_t next_deadline() const { return next_deadline_; }
  // `fn(user)` is called from any thread after a parked invocation was
  // notified or a cancel arrived, so an outer event loop knows to call
  // run_once. It must be quick and must not call into the loop.
  void set_wakeup(void (*fn)(void *user), void *user) {
    wakeup_ = fn;
    wakeup_user_ = user;
  }
  // Ends the current or next wait of invocation `id` with CANCELLED. Safe
  // from any thread; unknown ids are ignored.
  void cancel(uint64_t id);
  // Invocations spawned and not finished.
  size_t live() const { return live_; }

private:
  struct Task;
  struct TaskWaiter {
    Waiter waiter; // first: a Waiter* is a TaskWaiter*
    Task *task;
  };
  static void on_notify(Waiter *waiter);
  void push_ready(Task *task);
  void step(Task *task);
  void park(Task *task, WaitSource *source, int64_t deadline_ns);
  void scan_parked(int64_t now);
  void finish(Task *task, Status status);

  StackOptions stack_options_;
  uint64_t next_id_ = 1;
  size_t live_ = 0;
  std::vector<Task *> tasks_; // every live task (loop thread)
  Task *ready_head_ = nullptr;
  Task *ready_tail_ = nullptr;
  size_t parked_ = 0;
  int64_t next_deadline_ = kInfiniteDeadline;
  void (*wakeup_)(void *user) = nullptr;
  void *wakeup_user_ = nullptr;

  // Shared with other threads.
  std::mutex mutex_;
  std::condition_variable cv_;
  Task *notified_head_ = nullptr;
  Task *notified_tail_ = nullptr;
  bool cancel_pending_ = false;
  std::unordered_map<uint64_t, Task *> by_id_;
};

} // namespace kiln::vm

#endif // KILN_VM_LOOP_H_
