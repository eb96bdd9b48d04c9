// A device queue: issues operations in submission order once their wait
// fences are reached, runs them inline (local-sync: no pool) or on a worker
// pool (local-task), and signals or fails their signal fences.
// Internal to the hal module; see device.h for the user-visible contract.
#ifndef KILN_MODULES_HAL_QUEUE_H_
#define KILN_MODULES_HAL_QUEUE_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "kiln/modules/hal/device.h"
#include "kiln/modules/hal/fence.h"
#include "worker_pool.h"

namespace kiln::hal {

class Queue {
public:
  // workers == 0: run operations inline (local-sync).
  explicit Queue(int32_t workers);
  // Fails operations still waiting (CANCELLED), finishes issued ones.
  ~Queue();

  vm::Status submit(vm::RefT<Fence> wait, vm::RefT<Fence> signal, Device::Work work);
  void drain();
  WorkerPool *pool() const { return pool_.get(); }

private:
  struct Op : PoolTask {
    vm::RefT<Fence> wait;
    vm::RefT<Fence> signal;
    Device::Work work;
    Queue *queue = nullptr;
    Op *next_pending = nullptr;
  };
  static void run_op(PoolTask *task);
  static void on_fence_notified(vm::Waiter *waiter);
  void pump();

  std::unique_ptr<WorkerPool> pool_;
  std::mutex mutex_;
  std::condition_variable idle_cv_;
  Op *pending_head_ = nullptr; // submitted, not yet issued, in order
  Op *pending_tail_ = nullptr;
  size_t outstanding_ = 0; // submitted, not yet finished
  bool pumping_ = false;
  bool repump_ = false;
  // The queue waits on the fence of its first pending operation.
  struct QueueWaiter {
    vm::Waiter waiter; // first: a Waiter* is a QueueWaiter*
    Queue *queue = nullptr;
  };
  QueueWaiter waiter_;
  vm::RefT<Fence> waiting_on_;
  std::atomic<int32_t> notifying_{0};
  std::atomic<bool> closed_{false};
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_QUEUE_H_
