#include "kiln/vm/loop.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace kiln::vm {

struct Loop::Task {
  Task(Loop *loop, Context &context, const StackOptions &options)
      : loop(loop), invocation(context, options) {}

  enum class State : uint8_t {
    kReady,         // in the ready queue
    kParked,        // registered with `source`
    kNotifyPending, // unregistration lost the race: notify is coming
  };

  Loop *loop;
  uint64_t id = 0;
  size_t index = 0; // in Loop::tasks_
  Invocation invocation;
  Function function;
  ValueList args;
  ValueList results;
  Done done;
  int64_t deadline_ns = kInfiniteDeadline; // of every wait
  bool started = false;
  State state = State::kReady;
  StatusCode wait_result = StatusCode::kOk;
  WaitSource *source = nullptr;
  int64_t wait_deadline_ns = kInfiniteDeadline;
  std::atomic<bool> cancel_requested{false};
  TaskWaiter waiter;
  Task *next_ready = nullptr;
  Task *next_notified = nullptr;
};

Loop::Loop(const StackOptions &stack_options) : stack_options_(stack_options) {}

Loop::~Loop() {
  for (Task *t : tasks_) {
    if (t->state == Task::State::kParked) {
      if (!t->source->remove_waiter(&t->waiter.waiter))
        t->state = Task::State::kNotifyPending;
    }
  }
  // Notifications already under way still arrive; wait for them before
  // freeing the tasks they point at.
  for (Task *t : tasks_) {
    while (t->state == Task::State::kNotifyPending) {
      std::unique_lock<std::mutex> lock(mutex_);
      for (Task *n = notified_head_; n; n = n->next_notified) {
        n->state = Task::State::kReady;
      }
      notified_head_ = notified_tail_ = nullptr;
      if (t->state == Task::State::kNotifyPending)
        cv_.wait(lock);
    }
  }
  for (Task *t : tasks_)
    delete t;
}

uint64_t Loop::spawn(Context &context, const Function &function, ValueList args, Done done,
                     int64_t deadline_ns) {
  Task *t = new Task(this, context, stack_options_);
  t->function = function;
  t->args = std::move(args);
  t->done = std::move(done);
  t->deadline_ns = deadline_ns;
  // The deadline bounds the invocation's work as well as its waits, and
  // cancel() stops it while it runs (its budget checks the flag).
  ExecutionLimits limits = context.execution_limits();
  if (deadline_ns < limits.deadline_ns)
    limits.deadline_ns = deadline_ns;
  limits.cancel = &t->cancel_requested;
  t->invocation.set_limits(limits);
  t->waiter.task = t;
  t->waiter.waiter.notify = &Loop::on_notify;
  t->index = tasks_.size();
  tasks_.push_back(t);
  ++live_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    t->id = next_id_++;
    by_id_[t->id] = t;
  }
  push_ready(t);
  return t->id;
}

void Loop::cancel(uint64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = by_id_.find(id);
  if (it == by_id_.end())
    return;
  it->second->cancel_requested.store(true);
  cancel_pending_ = true;
  cv_.notify_one();
  if (wakeup_)
    wakeup_(wakeup_user_);
}

void Loop::push_ready(Task *t) {
  t->state = Task::State::kReady;
  t->next_ready = nullptr;
  if (ready_tail_)
    ready_tail_->next_ready = t;
  else
    ready_head_ = t;
  ready_tail_ = t;
}

// Runs on whichever thread signalled the source; only hands the task over.
void Loop::on_notify(Waiter *waiter) {
  Task *t = reinterpret_cast<TaskWaiter *>(waiter)->task;
  Loop *loop = t->loop;
  std::lock_guard<std::mutex> lock(loop->mutex_);
  t->next_notified = nullptr;
  if (loop->notified_tail_)
    loop->notified_tail_->next_notified = t;
  else
    loop->notified_head_ = t;
  loop->notified_tail_ = t;
  loop->cv_.notify_one();
  if (loop->wakeup_)
    loop->wakeup_(loop->wakeup_user_);
}

void Loop::park(Task *t, WaitSource *source, int64_t deadline_ns) {
  t->source = source;
  t->wait_deadline_ns = deadline_ns;
  t->state = Task::State::kParked;
  ++parked_;
  if (deadline_ns < next_deadline_)
    next_deadline_ = deadline_ns;
}

void Loop::step(Task *t) {
  Status s;
  if (!t->started) {
    t->started = true;
    s = begin_invoke(t->invocation, t->function, t->args, &t->results);
    t->args.clear();
  } else {
    t->invocation.stack().set_wait_result(t->wait_result);
    s = resume_invoke(t->invocation, &t->results);
  }
  if (!s.is_deferred()) {
    finish(t, std::move(s));
    return;
  }
  WaitRequest wait = t->invocation.stack().take_wait();
  t->wait_result = StatusCode::kOk;
  if (!wait.source) { // a plain yield
    push_ready(t);
    return;
  }
  if (t->cancel_requested.load()) {
    t->wait_result = StatusCode::kCancelled;
    push_ready(t);
    return;
  }
  int64_t deadline = std::min(wait.deadline_ns, t->deadline_ns);
  if (wait.source->is_ready()) {
    push_ready(t);
    return;
  }
  if (deadline != kInfiniteDeadline && now_ns() >= deadline) {
    t->wait_result = StatusCode::kDeadlineExceeded;
    push_ready(t);
    return;
  }
  if (!wait.source->add_waiter(&t->waiter.waiter)) { // became ready
    push_ready(t);
    return;
  }
  park(t, wait.source, deadline);
}

void Loop::finish(Task *t, Status status) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    by_id_.erase(t->id);
  }
  // Swap-remove from tasks_.
  Task *last = tasks_.back();
  tasks_[t->index] = last;
  last->index = t->index;
  tasks_.pop_back();
  --live_;
  Done done = std::move(t->done);
  ValueList results = std::move(t->results);
  delete t;
  if (done)
    done(std::move(status), results);
}

// Ends the waits of parked tasks that are cancelled or past their deadline.
void Loop::scan_parked(int64_t now) {
  next_deadline_ = kInfiniteDeadline;
  for (Task *t : tasks_) {
    if (t->state != Task::State::kParked)
      continue;
    bool cancelled = t->cancel_requested.load();
    if (!cancelled && t->wait_deadline_ns > now) {
      next_deadline_ = std::min(next_deadline_, t->wait_deadline_ns);
      continue;
    }
    --parked_;
    if (t->source->remove_waiter(&t->waiter.waiter)) {
      t->wait_result = cancelled ? StatusCode::kCancelled : StatusCode::kDeadlineExceeded;
      push_ready(t);
    } else {
      t->state = Task::State::kNotifyPending;
    }
  }
}

Status Loop::run() {
  while (live_ > 0)
    run_once(kInfiniteDeadline);
  return Status();
}

void Loop::run_once(int64_t block_until_ns) {
  bool cancel_scan = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    int64_t until = std::min(block_until_ns, next_deadline_);
    if (!ready_head_ && !notified_head_ && !cancel_pending_ && until > 0) {
      if (until == kInfiniteDeadline) {
        cv_.wait(lock, [this] { return notified_head_ || cancel_pending_; });
      } else {
        auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(until));
        cv_.wait_until(lock, deadline, [this] { return notified_head_ || cancel_pending_; });
      }
    }
    Task *n = notified_head_;
    notified_head_ = notified_tail_ = nullptr;
    cancel_scan = cancel_pending_;
    cancel_pending_ = false;
    lock.unlock();
    while (n) {
      Task *next = n->next_notified;
      if (n->state == Task::State::kParked)
        --parked_;
      push_ready(n);
      n = next;
    }
  }
  if (parked_ > 0 &&
      (cancel_scan || (next_deadline_ != kInfiniteDeadline && now_ns() >= next_deadline_))) {
    scan_parked(now_ns());
  }
  // Run what is ready now; tasks readied meanwhile wait for the next round.
  Task *tail = ready_tail_;
  while (ready_head_) {
    Task *t = ready_head_;
    ready_head_ = t->next_ready;
    if (!ready_head_)
      ready_tail_ = nullptr;
    bool last = t == tail;
    step(t);
    if (last)
      break;
  }
}

} // namespace kiln::vm
