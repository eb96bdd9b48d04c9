// hal module exports: fence.*. fence.await suspends the calling invocation
// (DEFERRED plus the fence as its wait source) instead of blocking; see
// kiln/vm/wait.h for who waits and how.
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "../packed_args.h"
#include "kiln/vm/stack.h"
#include "module_internal.h"

namespace kiln::hal {
namespace {

constexpr uint32_t kInfiniteTimeoutMillis = UINT32_MAX;

// The awaited fence is retained in the suspended frame's token; an
// abandoned frame releases it here.
void release_awaited_fence(vm::Frame *frame) {
  auto *data = frame->storage_as<vm::native_detail::FrameData>();
  if (data->token) {
    vm::ref_release(reinterpret_cast<vm::RefObject *>(data->token));
    data->token = 0;
  }
}

vm::StatusOr<int32_t> resume_await(vm::NativeCall &call, uint64_t token);

vm::Status suspend_on(vm::NativeCall &call, vm::RefT<Fence> fence, int64_t deadline_ns) {
  Fence *f = fence.get();
  vm::RefObject *held = std::move(fence).as_ref().detach();
  call.frame().cleanup = &release_awaited_fence;
  call.frame().user[0] = static_cast<uint64_t>(deadline_ns);
  call.stack().set_wait(f, deadline_ns);
  return call.defer(&resume_await, reinterpret_cast<uint64_t>(held));
}

vm::StatusOr<int32_t> resume_await(vm::NativeCall &call, uint64_t token) {
  call.frame().cleanup = nullptr;
  auto fence = vm::RefT<Fence>::unchecked(vm::Ref::adopt(reinterpret_cast<vm::RefObject *>(token)));
  vm::Status q = fence->query();
  if (q.ok())
    return 0;
  // The fence failed: its status, with the awaiting frames below its trace.
  if (!q.is_deferred())
    return vm::reopen_trace(q);
  switch (call.stack().wait_result()) {
  case vm::StatusCode::kDeadlineExceeded:
    return static_cast<int32_t>(vm::StatusCode::kDeadlineExceeded);
  case vm::StatusCode::kCancelled:
    return vm::Status(vm::StatusCode::kCancelled, "hal.fence.await cancelled");
  default:
    break;
  }
  // Resumed before the fence was reached (a driver that only yields):
  // wait again with the same deadline.
  int64_t deadline_ns = static_cast<int64_t>(call.frame().user[0]);
  vm::Status s = suspend_on(call, std::move(fence), deadline_ns);
  return s;
}

} // namespace

void add_fence_exports(vm::NativeModule &m, HalData) {
  m.export_function("fence.create",
                    [](vm::RefT<Device> device, int64_t flags) -> vm::StatusOr<vm::RefT<Fence>> {
                      (void)flags;
                      KILN_RETURN_IF_ERROR(require(device, "device"));
                      return Fence::create();
                    });
  m.export_packed("fence.join", "ICrD", "r",
                  [](vm::NativeCall &, vm::ByteSpan args, vm::ByteSpan results) -> vm::Status {
                    modules::PackedArgs a(args);
                    vm::Status status;
                    a.i64(); // flags
                    int32_t count = a.span_count();
                    std::vector<Fence::Timepoint> timepoints;
                    for (int32_t i = 0; i < count && a.ok(); ++i) {
                      vm::RefT<Fence> f = a.ref_as<Fence>(&status);
                      if (f) {
                        for (const Fence::Timepoint &t : f->timepoints())
                          timepoints.push_back(t);
                      }
                    }
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    // All fences empty or null: a null fence (already reached), as IREE.
                    vm::Ref joined;
                    if (!timepoints.empty())
                      joined = Fence::create(std::move(timepoints)).as_ref();
                    new (results.data) vm::Ref(std::move(joined));
                    return vm::Status();
                  });
  m.export_function("fence.query", [](vm::RefT<Fence> fence) -> vm::StatusOr<int32_t> {
    KILN_RETURN_IF_ERROR(require(fence, "fence"));
    return static_cast<int32_t>(fence->query().code());
  });
  m.export_function("fence.signal", [](vm::RefT<Fence> fence) -> vm::Status {
    KILN_RETURN_IF_ERROR(require(fence, "fence"));
    return fence->signal();
  });
  m.export_function("fence.fail", [](vm::RefT<Fence> fence, int32_t code) -> vm::Status {
    KILN_RETURN_IF_ERROR(require(fence, "fence"));
    uint32_t c = static_cast<uint32_t>(code) & 0x1F;
    if (c == 0 || c > static_cast<uint32_t>(vm::StatusCode::kDeferred)) {
      c = static_cast<uint32_t>(vm::StatusCode::kUnknown);
    }
    vm::StatusCode sc = static_cast<vm::StatusCode>(c);
    fence->fail(vm::make_status(sc, "fence failed by the program (%s)", vm::status_code_name(sc)));
    return vm::Status();
  });
  m.export_packed("fence.await", "iICrD", "i",
                  [](vm::NativeCall &call, vm::ByteSpan args, vm::ByteSpan results) -> vm::Status {
                    modules::PackedArgs a(args);
                    vm::Status status;
                    uint32_t timeout_millis = static_cast<uint32_t>(a.i32());
                    a.i64(); // flags
                    int32_t count = a.span_count();
                    // Fast path: one fence, no allocation.
                    vm::RefT<Fence> single;
                    std::vector<Fence::Timepoint> pending;
                    int32_t pending_fences = 0;
                    for (int32_t i = 0; i < count && a.ok(); ++i) {
                      vm::RefT<Fence> f = a.ref_as<Fence>(&status);
                      if (!f)
                        continue;
                      vm::Status q = f->query();
                      if (q.ok())
                        continue;
                      // Failed: its status, with the awaiting frames below its trace.
                      if (!q.is_deferred())
                        return vm::reopen_trace(q);
                      // Several pending fences: wait on their union (allocates).
                      if (++pending_fences == 1) {
                        single = std::move(f);
                        continue;
                      }
                      if (pending_fences == 2) {
                        for (const Fence::Timepoint &t : single->timepoints())
                          pending.push_back(t);
                      }
                      for (const Fence::Timepoint &t : f->timepoints())
                        pending.push_back(t);
                    }
                    if (!a.ok())
                      return a.error();
                    KILN_RETURN_IF_ERROR(status);
                    int32_t result = 0;
                    if (pending_fences > 0 && timeout_millis == 0) {
                      result = static_cast<int32_t>(vm::StatusCode::kDeadlineExceeded);
                    } else if (pending_fences > 0) {
                      int64_t deadline = timeout_millis == kInfiniteTimeoutMillis
                                             ? vm::kInfiniteDeadline
                                             : vm::now_ns() + int64_t{timeout_millis} * 1000000;
                      vm::RefT<Fence> wait = pending_fences == 1
                                                 ? std::move(single)
                                                 : Fence::create(std::move(pending));
                      return suspend_on(call, std::move(wait), deadline);
                    }
                    std::memcpy(results.data, &result, sizeof(result));
                    return vm::Status();
                  });
}

} // namespace kiln::hal
