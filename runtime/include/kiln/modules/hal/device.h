// The CPU device, in IREE's two flavours:
//  * "local-sync": queue operations run inline, in order, on the thread that
//    makes them runnable (the submitter, or whoever signals the fence an
//    operation waits on);
//  * "local-task": queue operations run on a pool of worker threads.
// Either way, operations on a queue are issued in submission order: one is
// issued after every earlier one was, and once its wait fence is reached.
// Issued operations of local-task may run concurrently (order between
// independent operations comes from fences, as in IREE). A finished
// operation signals its signal fence; a failed one (or one whose wait fence
// failed) fails it with the status, and whoever waits on it sees that error.
#ifndef KILN_MODULES_HAL_DEVICE_H_
#define KILN_MODULES_HAL_DEVICE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "kiln/modules/hal/buffer.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/modules/hal/types.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::hal {

class Device;
class Queue;
class WorkerPool;

// hal.allocator: host memory for the device's buffers.
class Allocator : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.allocator"
  explicit Allocator(Device *device);

  Device *device() const { return device_; }
  vm::StatusOr<vm::RefT<Buffer>> allocate(MemoryType memory_type, BufferUsage usage,
                                          int64_t length);

private:
  static void destroy(vm::RefObject *object);
  Device *device_; // not retained: the device owns its allocator
};

struct DeviceOptions {
  std::string name = "local-task"; // or "local-sync"
  int32_t workers = 0;             // local-task; 0: one per core
};

class Device : public vm::RefObject {
public:
  static const vm::RefType kType; // "hal.device"

  static vm::StatusOr<vm::RefT<Device>> create(const DeviceOptions &options);
  ~Device();

  const std::string &name() const { return name_; }
  bool is_synchronous() const { return workers_ == 0; }
  int32_t worker_count() const { return workers_; }
  Allocator &allocator() { return *allocator_; }
  vm::RefT<Allocator> allocator_ref() { return vm::RefT<Allocator>::retain(allocator_.get()); }

  // IREE's device.query.i64 keys for a CPU device: hal.device.id (pattern
  // match on the name), hal.device/concurrency, hal.dispatch/concurrency,
  // hal.executable.format (none yet). NOT_FOUND for anything else.
  vm::StatusOr<int64_t> query_i64(std::string_view category, std::string_view key);

  // Queues `work` to run once `wait` (null: nothing) is reached; signals
  // `signal` (null: nothing) when it finishes, or fails it with the status.
  // `queue_affinity` picks the queue (any bit; -1 means any).
  using Work = std::function<vm::Status()>;
  vm::Status queue_submit(int64_t queue_affinity, vm::RefT<Fence> wait, vm::RefT<Fence> signal,
                          Work work);
  // Blocks until every operation submitted so far has finished.
  void queue_drain();
  // The workers dispatches share (null for local-sync).
  WorkerPool *dispatch_pool() const;

private:
  Device();
  static void destroy(vm::RefObject *object);

  std::string name_;
  int32_t workers_ = 0;
  vm::RefT<Allocator> allocator_;
  std::unique_ptr<Queue> queue_;
};

} // namespace kiln::hal

#endif // KILN_MODULES_HAL_DEVICE_H_
