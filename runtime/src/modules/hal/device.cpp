#include "kiln/modules/hal/device.h"

#include <thread>
#include <utility>

#include "kiln/modules/hal/executable.h"
#include "queue.h"

namespace kiln::hal {

const vm::RefType Allocator::kType = {"hal.allocator", &Allocator::destroy};
const vm::RefType Device::kType = {"hal.device", &Device::destroy};

Allocator::Allocator(Device *device) : vm::RefObject(&kType), device_(device) {}

void Allocator::destroy(vm::RefObject *object) { delete static_cast<Allocator *>(object); }

vm::StatusOr<vm::RefT<Buffer>> Allocator::allocate(MemoryType memory_type, BufferUsage usage,
                                                   int64_t length) {
  if (length < 0) {
    return vm::make_status(vm::StatusCode::kInvalidArgument, "negative allocation size %lld",
                           static_cast<long long>(length));
  }
  return Buffer::allocate(memory_type, usage, static_cast<size_t>(length));
}

Device::Device() : vm::RefObject(&kType) {}

Device::~Device() { queue_.reset(); }

void Device::destroy(vm::RefObject *object) { delete static_cast<Device *>(object); }

vm::StatusOr<vm::RefT<Device>> Device::create(const DeviceOptions &options) {
  int32_t workers;
  if (options.name == "local-sync") {
    workers = 0;
  } else if (options.name == "local-task") {
    workers = options.workers;
    if (workers < 0) {
      return vm::make_status(vm::StatusCode::kInvalidArgument,
                             "--task-workers must be positive, got %d", workers);
    }
    if (workers == 0) {
      workers = static_cast<int32_t>(std::thread::hardware_concurrency());
      if (workers < 1)
        workers = 1;
    }
  } else {
    return vm::make_status(vm::StatusCode::kNotFound,
                           "unknown device '%s' (available: local-task, local-sync)",
                           options.name.c_str());
  }
  auto device = vm::RefT<Device>::adopt(new Device());
  device->name_ = options.name;
  device->workers_ = workers;
  device->allocator_ = vm::RefT<Allocator>::adopt(new Allocator(device.get()));
  device->queue_.reset(new Queue(workers));
  return device;
}

namespace {
// IREE's identifier patterns: '*' any run, '?' any one character.
bool match_pattern(std::string_view text, std::string_view pattern) {
  if (pattern.empty())
    return text.empty();
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (match_pattern(text.substr(i), pattern.substr(1)))
        return true;
    }
    return false;
  }
  if (text.empty())
    return false;
  if (pattern[0] != '?' && pattern[0] != text[0])
    return false;
  return match_pattern(text.substr(1), pattern.substr(1));
}
} // namespace

vm::StatusOr<int64_t> Device::query_i64(std::string_view category, std::string_view key) {
  if (category == "hal.device.id")
    return match_pattern(name_, key) ? 1 : 0;
  if (category == "hal.executable.format") {
    for (std::string_view format : Executable::supported_formats()) {
      if (match_pattern(format, key))
        return 1;
    }
    return 0;
  }
  if (category == "hal.device" && key == "concurrency")
    return 1;
  if (category == "hal.dispatch" && key == "concurrency") {
    return workers_ > 0 ? workers_ : 1;
  }
  return vm::make_status(
      vm::StatusCode::kNotFound, "unknown device configuration key '%.*s :: %.*s'",
      static_cast<int>(category.size()), category.data(), static_cast<int>(key.size()), key.data());
}

vm::Status Device::queue_submit(int64_t queue_affinity, vm::RefT<Fence> wait,
                                vm::RefT<Fence> signal, Work work) {
  if (queue_affinity == 0) {
    return vm::invalid_argument_error("queue affinity 0 selects no queue");
  }
  return queue_->submit(std::move(wait), std::move(signal), std::move(work));
}

void Device::queue_drain() { queue_->drain(); }

WorkerPool *Device::dispatch_pool() const { return queue_->pool(); }

} // namespace kiln::hal
