// A fixed pool of worker threads running posted tasks in FIFO order.
// Internal to the local-task device.
#ifndef KILN_MODULES_HAL_WORKER_POOL_H_
#define KILN_MODULES_HAL_WORKER_POOL_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace kiln::hal {

// Intrusive: the poster owns the task until `run` is called with it.
struct PoolTask {
  void (*run)(PoolTask *self) = nullptr;
  PoolTask *next = nullptr;
};

class WorkerPool {
public:
  explicit WorkerPool(int32_t workers);
  // Runs every task already posted, then joins the workers.
  ~WorkerPool();
  WorkerPool(const WorkerPool &) = delete;
  WorkerPool &operator=(const WorkerPool &) = delete;

  int32_t size() const { return static_cast<int32_t>(threads_.size()); }
  void post(PoolTask *task);

private:
  void worker_main();

  std::mutex mutex_;
  std::condition_variable cv_;
  PoolTask *head_ = nullptr;
  PoolTask *tail_ = nullptr;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_WORKER_POOL_H_
