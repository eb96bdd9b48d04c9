#include "dispatch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <utility>

#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "worker_pool.h"

namespace kiln::hal {
namespace {

// What every participant of one dispatch shares. The dispatching thread
// and each posted helper hold a reference; the last one deletes it. A
// helper that starts after the dispatch closed (every workgroup taken and
// the dispatching thread gone) only drops its reference.
struct Shared;

struct Helper : PoolTask {
  Shared *shared = nullptr;
};

struct Shared {
  Executable *executable = nullptr;
  const Kernel *kernel = nullptr;
  int32_t kernel_ordinal = 0;
  uint32_t count[3] = {0, 0, 0};
  uint64_t total = 0;
  uint64_t batch = 1; // workgroups taken from `next` at a time
  vm::Ref constants;
  vm::Ref bindings;
  vm::ExecutionLimits limits; // each workgroup's (fuel and deadline)
  std::atomic<uint64_t> next{0};
  std::atomic<bool> failed{false};
  std::atomic<int32_t> refs{1};
  std::mutex mutex;
  std::condition_variable idle;
  int32_t active = 0; // helpers inside run_workgroups
  bool closed = false;
  vm::Status error; // the first failure
  std::vector<Helper> helpers;
};

void release(Shared *s) {
  if (s->refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
    delete s;
}

void record_failure(Shared *s, vm::Status status) {
  std::lock_guard<std::mutex> lock(s->mutex);
  if (s->error.ok())
    s->error = std::move(status);
  s->failed.store(true, std::memory_order_relaxed);
}

// Size of the kernel ABI's packed arguments: three refs, nine i32.
constexpr size_t kArgBytes = 64;

// A helper's own handles on the dispatch's constants and bindings, so the
// reference counts each workgroup touches are not shared between workers
// (a cache line bouncing between cores per workgroup).
vm::Status own_copies(const Shared *s, vm::Ref *constants, vm::Ref *bindings) {
  const vm::Buffer *shared_constants = s->constants.as<vm::Buffer>();
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> c,
                        vm::Buffer::wrap_read_only(shared_constants->data(),
                                                   shared_constants->length(), s->constants));
  const vm::List *shared_bindings = s->bindings.as<vm::List>();
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::List> b,
                        vm::List::create(shared_bindings->element_type(), shared_bindings->size()));
  KILN_RETURN_IF_ERROR(b->resize(shared_bindings->size()));
  for (size_t i = 0; i < shared_bindings->size(); ++i) {
    vm::Ref element;
    KILN_RETURN_IF_ERROR(shared_bindings->get_ref(i, &element));
    KILN_RETURN_IF_ERROR(b->set_ref(i, std::move(element)));
  }
  *constants = std::move(c).as_ref();
  *bindings = std::move(b).as_ref();
  return vm::Status();
}

void run_workgroups(Shared *s, bool helper) {
  vm::Ref constants = s->constants;
  vm::Ref bindings = s->bindings;
  if (helper) {
    vm::Status copied = own_copies(s, &constants, &bindings);
    if (!copied.ok()) {
      record_failure(s, std::move(copied));
      return;
    }
  }
  vm::StatusOr<Executable::WorkerState *> acquired = s->executable->acquire_worker_state();
  if (!acquired.ok()) {
    record_failure(s, std::move(acquired).status());
    return;
  }
  Executable::WorkerState *w = *acquired;
  const Kernel &kernel = *s->kernel;
  size_t kernels = static_cast<size_t>(s->executable->kernel_count());
  if (w->local_memory.size() < kernels)
    w->local_memory.resize(kernels);
  vm::RefT<vm::Buffer> &local = w->local_memory[static_cast<size_t>(s->kernel_ordinal)];
  if (!local) {
    vm::StatusOr<vm::RefT<vm::Buffer>> made =
        vm::Buffer::allocate(static_cast<size_t>(kernel.local_memory_bytes));
    if (!made.ok()) {
      record_failure(s, std::move(made).status());
      s->executable->release_worker_state(w);
      return;
    }
    local = std::move(*made);
  }
  const uint64_t cx = s->count[0], cy = s->count[1];
  // With limits, each workgroup runs on a budget reset to them.
  const bool bounded = s->limits.enabled();
  vm::Budget budget;
  alignas(16) uint8_t args[kArgBytes];
  uint64_t i = 0, end = 0; // the batch of workgroups this worker holds
  for (;; ++i) {
    if (s->failed.load(std::memory_order_relaxed))
      break;
    if (i >= end) {
      i = s->next.fetch_add(s->batch, std::memory_order_relaxed);
      if (i >= s->total)
        break;
      end = std::min(i + s->batch, s->total);
    }
    int32_t ints[9] = {
        static_cast<int32_t>(i % cx),
        static_cast<int32_t>((i / cx) % cy),
        static_cast<int32_t>(i / (cx * cy)),
        kernel.workgroup_size[0],
        kernel.workgroup_size[1],
        kernel.workgroup_size[2],
        static_cast<int32_t>(s->count[0]),
        static_cast<int32_t>(s->count[1]),
        static_cast<int32_t>(s->count[2]),
    };
    new (args) vm::Ref(local.as_ref());
    new (args + 8) vm::Ref(constants);
    new (args + 16) vm::Ref(bindings);
    std::memcpy(args + 24, ints, sizeof(ints));
    vm::ByteSpan no_results{nullptr, 0};
    if (bounded) {
      budget.reset(s->limits);
      w->stack->set_budget(&budget);
    }
    vm::Status status = vm::begin_packed(*w->stack, *w->context, kernel.function,
                                         vm::ByteSpan{args, kArgBytes}, no_results);
    while (status.is_deferred()) { // a kernel that waits: wait here
      vm::wait_in_place(*w->stack);
      status = vm::resume_packed(*w->stack, kernel.function, no_results);
    }
    if (bounded)
      w->stack->set_budget(nullptr);
    for (size_t slot = 0; slot < 3; ++slot) {
      reinterpret_cast<vm::Ref *>(args + 8 * slot)->~Ref();
    }
    if (KILN_UNLIKELY(!status.ok())) {
      status.annotate("in kernel '" + kernel.name + "', workgroup (" + std::to_string(ints[0]) +
                      "," + std::to_string(ints[1]) + "," + std::to_string(ints[2]) + ") of " +
                      std::to_string(s->count[0]) + "x" + std::to_string(s->count[1]) + "x" +
                      std::to_string(s->count[2]));
      record_failure(s, std::move(status));
      break;
    }
  }
  s->executable->release_worker_state(w);
}

void run_helper(PoolTask *task) {
  Shared *s = static_cast<Helper *>(task)->shared;
  bool join;
  {
    std::lock_guard<std::mutex> lock(s->mutex);
    join = !s->closed;
    if (join)
      ++s->active;
  }
  if (join) {
    run_workgroups(s, /*helper=*/true);
    std::lock_guard<std::mutex> lock(s->mutex);
    if (--s->active == 0)
      s->idle.notify_all();
  }
  release(s);
}

// The hal buffer a range resolves to (direct, or through the table).
Buffer *resolved_buffer(const BufferRange &range, const std::vector<Binding> &table) {
  if (range.buffer)
    return range.buffer.get();
  if (range.slot < 0 || static_cast<size_t>(range.slot) >= table.size())
    return nullptr;
  return table[static_cast<size_t>(range.slot)].buffer.get();
}

// A vm.buffer over binding `index`, checked against its buffer's range,
// usage and access; it keeps the hal buffer alive.
vm::StatusOr<vm::Ref> map_binding(const BufferRange &range, const std::vector<Binding> &table,
                                  size_t index) {
  std::string what = "dispatch binding " + std::to_string(index);
  Buffer *buffer = resolved_buffer(range, table);
  bool writable = buffer && (buffer->access() & memory_access::kWrite);
  MemoryAccess access = memory_access::kRead | (writable ? memory_access::kWrite : 0);
  size_t length = 0;
  KILN_ASSIGN_OR_RETURN(uint8_t * data,
                        map_range(range, table, -1, buffer_usage::kDispatchStorageRead, access,
                                  what.c_str(), &length));
  KILN_ASSIGN_OR_RETURN(
      vm::RefT<vm::Buffer> view,
      vm::Buffer::wrap_external(data, length,
                                writable ? vm::BufferAccess::kMutable : vm::BufferAccess::kReadOnly,
                                vm::Buffer::ReleaseCallback(), vm::Ref::retain(buffer)));
  return std::move(view).as_ref();
}

vm::Status read_indirect_count(const DispatchCommand &c, const std::vector<Binding> &table,
                               uint32_t count[3]) {
  size_t n = 0;
  KILN_ASSIGN_OR_RETURN(
      uint8_t * p, map_range(c.count_range, table, 12, buffer_usage::kDispatchIndirectParameters,
                             memory_access::kRead, "dispatch.indirect workgroup count", &n));
  std::memcpy(count, p, 12);
  return vm::Status();
}

} // namespace

vm::Status run_dispatch(const DispatchCommand &c, const std::vector<Binding> &table,
                        WorkerPool *pool, const vm::ExecutionLimits &limits) {
  Executable &executable = *c.executable;
  uint32_t count[3] = {c.workgroup_count[0], c.workgroup_count[1], c.workgroup_count[2]};
  if (c.indirect)
    KILN_RETURN_IF_ERROR(read_indirect_count(c, table, count));
  // Every binding is mapped (range, usage, access) before any workgroup runs.
  KILN_ASSIGN_OR_RETURN(
      vm::RefT<vm::List> bindings,
      vm::List::create(vm::ElementType::ref(&vm::Buffer::kType), c.bindings.size()));
  KILN_RETURN_IF_ERROR(bindings->resize(c.bindings.size()));
  for (size_t i = 0; i < c.bindings.size(); ++i) {
    KILN_ASSIGN_OR_RETURN(vm::Ref view, map_binding(c.bindings[i], table, i));
    KILN_RETURN_IF_ERROR(bindings->set_ref(i, std::move(view)));
  }
  unsigned __int128 grid = static_cast<unsigned __int128>(count[0]) * count[1] * count[2];
  if (grid == 0)
    return vm::Status();
  if (count[0] > INT32_MAX || count[1] > INT32_MAX || count[2] > INT32_MAX ||
      grid > (static_cast<unsigned __int128>(1) << 62)) {
    return vm::make_status(vm::StatusCode::kOutOfRange,
                           "workgroup count %ux%ux%u exceeds the kernel ABI's range "
                           "(i32 per dimension, 2^62 in all)",
                           count[0], count[1], count[2]);
  }
  uint64_t total = static_cast<uint64_t>(grid);
  size_t constant_bytes = c.constants.size() * sizeof(uint32_t);
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> constant_storage,
                        vm::Buffer::allocate(constant_bytes));
  if (constant_bytes) {
    std::memcpy(constant_storage->mutable_data(), c.constants.data(), constant_bytes);
  }
  const uint8_t *constant_data = constant_storage->data();
  KILN_ASSIGN_OR_RETURN(vm::RefT<vm::Buffer> constants,
                        vm::Buffer::wrap_read_only(constant_data, constant_bytes,
                                                   std::move(constant_storage).as_ref()));

  Shared *s = new Shared();
  s->executable = &executable;
  s->kernel = &executable.kernel(c.kernel);
  s->kernel_ordinal = c.kernel;
  std::memcpy(s->count, count, sizeof(count));
  s->total = total;
  s->limits = limits;
  s->limits.cancel = nullptr;
  s->limits.interrupted = nullptr;
  s->constants = std::move(constants).as_ref();
  s->bindings = std::move(bindings).as_ref();
  // This thread is one of the pool's workers (local-task runs queue work
  // there): it takes workgroups itself and invites the other workers.
  size_t helpers = 0;
  if (pool && pool->size() > 1) {
    helpers =
        static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(pool->size() - 1), total - 1));
  }
  // Batches: few enough trips to the shared counter that workers do not
  // fight over its cache line, small enough to balance uneven workgroups.
  s->batch = std::max<uint64_t>(1, std::min<uint64_t>(64, total / ((helpers + 1) * 16)));
  s->helpers.resize(helpers);
  s->refs.store(static_cast<int32_t>(helpers + 1));
  for (Helper &h : s->helpers) {
    h.run = &run_helper;
    h.shared = s;
    pool->post(&h);
  }
  run_workgroups(s, /*helper=*/false);
  vm::Status status;
  {
    std::unique_lock<std::mutex> lock(s->mutex);
    s->closed = true;
    s->idle.wait(lock, [s] { return s->active == 0; });
    status = std::move(s->error);
  }
  s->constants.reset();
  s->bindings.reset();
  release(s);
  return status;
}

} // namespace kiln::hal
