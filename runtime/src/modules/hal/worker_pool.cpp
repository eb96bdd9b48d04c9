#include "worker_pool.h"

namespace kiln::hal {

WorkerPool::WorkerPool(int32_t workers) {
  if (workers < 1)
    workers = 1;
  threads_.reserve(static_cast<size_t>(workers));
  for (int32_t i = 0; i < workers; ++i) {
    threads_.emplace_back([this] { worker_main(); });
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread &t : threads_)
    t.join();
}

void WorkerPool::post(PoolTask *task) {
  task->next = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (tail_)
      tail_->next = task;
    else
      head_ = task;
    tail_ = task;
  }
  cv_.notify_one();
}

void WorkerPool::worker_main() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] { return head_ != nullptr || stopping_; });
    if (!head_)
      return; // stopping and nothing left
    PoolTask *task = head_;
    head_ = task->next;
    if (!head_)
      tail_ = nullptr;
    lock.unlock();
    task->run(task);
    lock.lock();
  }
}

} // namespace kiln::hal
