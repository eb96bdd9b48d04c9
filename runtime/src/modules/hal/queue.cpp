#include "queue.h"

#include <cstddef>
#include <thread>
#include <utility>

namespace kiln::hal {

Queue::Queue(int32_t workers) {
  if (workers > 0)
    pool_.reset(new WorkerPool(workers));
  waiter_.waiter.notify = &Queue::on_fence_notified;
  waiter_.queue = this;
}

Queue::~Queue() {
  closed_.store(true);
  Op *orphans = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (waiting_on_)
      waiting_on_->remove_waiter(&waiter_.waiter);
    orphans = pending_head_;
    pending_head_ = pending_tail_ = nullptr;
  }
  // A notification that was already under way may still be running.
  while (notifying_.load() != 0)
    std::this_thread::yield();
  while (orphans) {
    Op *next = orphans->next_pending;
    if (orphans->signal) {
      orphans->signal->fail(
          vm::Status(vm::StatusCode::kCancelled, "device destroyed before queued work ran"));
    }
    delete orphans;
    orphans = next;
  }
  pool_.reset(); // runs what was issued, joins the workers
  waiting_on_.reset();
}

vm::Status Queue::submit(vm::RefT<Fence> wait, vm::RefT<Fence> signal, Device::Work work) {
  Op *op = new Op();
  op->run = &Queue::run_op;
  op->wait = std::move(wait);
  op->signal = std::move(signal);
  op->work = std::move(work);
  op->queue = this;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_tail_)
      pending_tail_->next_pending = op;
    else
      pending_head_ = op;
    pending_tail_ = op;
    ++outstanding_;
  }
  pump();
  return vm::Status();
}

void Queue::drain() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_cv_.wait(lock, [this] { return outstanding_ == 0; });
}

void Queue::on_fence_notified(vm::Waiter *waiter) {
  Queue *queue = reinterpret_cast<QueueWaiter *>(waiter)->queue;
  queue->notifying_.fetch_add(1);
  if (!queue->closed_.load()) {
    vm::RefT<Fence> fence;
    {
      std::lock_guard<std::mutex> lock(queue->mutex_);
      fence = std::move(queue->waiting_on_);
    }
    queue->pump();
  }
  queue->notifying_.fetch_sub(1);
}

// Issues every operation at the head of the queue whose wait fence is
// reached (or failed: run_op then fails its signal fence). Re-entrant calls
// (an inline operation signalling a fence this queue waits on) only ask the
// active pump to look again, so chains of inline work do not recurse.
void Queue::pump() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pumping_) {
      repump_ = true;
      return;
    }
    pumping_ = true;
  }
  for (;;) {
    Op *issue_head = nullptr;
    Op *issue_tail = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      repump_ = false;
      while (pending_head_ && !closed_.load()) {
        Op *op = pending_head_;
        if (op->wait && op->wait->query().is_deferred()) {
          if (waiting_on_)
            break; // already registered; wait for it
          if (op->wait->add_waiter(&waiter_.waiter)) {
            waiting_on_ = op->wait;
            break;
          }
          continue; // became ready meanwhile: look again
        }
        pending_head_ = op->next_pending;
        if (!pending_head_)
          pending_tail_ = nullptr;
        op->next_pending = nullptr;
        if (issue_tail)
          issue_tail->next_pending = op;
        else
          issue_head = op;
        issue_tail = op;
      }
    }
    while (issue_head) {
      Op *op = issue_head;
      issue_head = op->next_pending;
      if (pool_)
        pool_->post(op);
      else
        run_op(op);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (!repump_) {
      pumping_ = false;
      return;
    }
  }
}

void Queue::run_op(PoolTask *task) {
  Op *op = static_cast<Op *>(task);
  vm::Status status;
  if (op->wait)
    status = op->wait->query(); // reached, or its failure
  if (status.ok())
    status = op->work();
  if (op->signal) {
    if (status.ok()) {
      vm::Status s = op->signal->signal();
      (void)s; // a fence failed by someone else keeps its first failure
    } else {
      op->signal->fail(std::move(status));
    }
  }
  Queue *queue = op->queue;
  delete op;
  std::lock_guard<std::mutex> lock(queue->mutex_);
  if (--queue->outstanding_ == 0)
    queue->idle_cv_.notify_all();
}

} // namespace kiln::hal
