// Async benchmarks of the hal module and vm::Loop (docs/runtime.md, "Devices
// and async"):
//  * BM_AwaitRoundTrip: one invocation of hal.fence.await on a fence that a
//    local-task worker signals: submit -> worker signals -> the waiting
//    thread is woken -> the call resumes and returns. Counter
//    allocs_per_await: heap allocations inside begin_invoke + resume_invoke
//    (the await itself; creating the fence and submitting the work are
//    outside it).
//  * BM_LoopRoundTrip: the same through vm::Loop (spawn + park + resume).
//  * BM_Concurrent / BM_Sequential: N invocations, each waiting on queued
//    work of ~50 us on a local-task device, run concurrently on one loop
//    thread vs one after another with synchronous invoke. The ratio of
//    their times is the speed-up from overlapping waits (bounded by the
//    worker count and the machine's cores).
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <new>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/loop.h"

#include "../runtime/src/testing/count_allocations.h"

namespace kiln {
namespace {

using vm::Value;
using vm::ValueList;

struct Env {
  explicit Env(int32_t workers) {
    hal::DeviceOptions o;
    o.name = "local-task";
    o.workers = workers;
    modules = std::move(hal::create_modules(instance, o)).value();
    context.reset(new vm::Context(instance));
    (void)context->register_module(modules.hal.get());
    await = *context->lookup_function("hal.fence.await");
  }
  vm::Instance instance;
  hal::Modules modules;
  std::unique_ptr<vm::Context> context;
  vm::Function await;
};

ValueList await_args(const vm::RefT<hal::Fence> &f) {
  return {Value::i32(-1), Value::i64(0), Value::i32(1), Value::ref(f.as_ref())};
}

void spin_for(std::chrono::microseconds d) {
  auto end = std::chrono::steady_clock::now() + d;
  while (std::chrono::steady_clock::now() < end) {
  }
}

// Wakes this thread when the fence is reached (a one-invocation "loop").
struct Wake {
  vm::Waiter waiter;
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
};

void BM_AwaitRoundTrip(benchmark::State &state) {
  Env env(2);
  vm::Invocation inv(*env.context);
  ValueList results;
  long allocations = 0, awaits = 0;
  Wake wake;
  wake.waiter.notify = [](vm::Waiter *w) {
    Wake *k = reinterpret_cast<Wake *>(w);
    std::lock_guard<std::mutex> lock(k->mu);
    k->woken = true;
    k->cv.notify_one();
  };
  for (auto _ : state) {
    auto fence = hal::Fence::create();
    ValueList args = await_args(fence);
    (void)env.modules.device->queue_submit(-1, nullptr, fence, [] { return vm::Status(); });
    long before = g_allocations.load();
    vm::Status s = vm::begin_invoke(inv, env.await, args, &results);
    long mid = g_allocations.load();
    if (s.is_deferred()) {
      vm::WaitRequest w = inv.stack().take_wait();
      wake.woken = false;
      if (w.source && w.source->add_waiter(&wake.waiter)) {
        std::unique_lock<std::mutex> lock(wake.mu);
        wake.cv.wait(lock, [&] { return wake.woken; });
      }
      long resume_before = g_allocations.load();
      s = vm::resume_invoke(inv, &results);
      allocations += g_allocations.load() - resume_before;
    }
    allocations += mid - before;
    ++awaits;
    if (!s.ok())
      state.SkipWithError("await failed");
  }
  state.counters["allocs_per_await"] = static_cast<double>(allocations) / awaits;
}
BENCHMARK(BM_AwaitRoundTrip)->UseRealTime();

void BM_LoopRoundTrip(benchmark::State &state) {
  Env env(2);
  vm::Loop loop;
  for (auto _ : state) {
    auto fence = hal::Fence::create();
    loop.spawn(*env.context, env.await, await_args(fence), [](vm::Status, ValueList &) {});
    (void)env.modules.device->queue_submit(-1, nullptr, fence, [] { return vm::Status(); });
    (void)loop.run();
  }
}
BENCHMARK(BM_LoopRoundTrip)->UseRealTime();

constexpr auto kWork = std::chrono::microseconds(50);

void BM_Concurrent(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  Env env(static_cast<int32_t>(state.range(1)));
  for (auto _ : state) {
    vm::Loop loop;
    for (int i = 0; i < n; ++i) {
      auto fence = hal::Fence::create();
      (void)env.modules.device->queue_submit(-1, nullptr, fence, [] {
        spin_for(kWork);
        return vm::Status();
      });
      loop.spawn(*env.context, env.await, await_args(fence), [](vm::Status, ValueList &) {});
    }
    (void)loop.run();
  }
  state.counters["workers"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_Concurrent)->Args({64, 1})->Args({64, 2})->Args({64, 4})->UseRealTime();

void BM_Sequential(benchmark::State &state) {
  int n = static_cast<int>(state.range(0));
  Env env(static_cast<int32_t>(state.range(1)));
  ValueList results;
  for (auto _ : state) {
    for (int i = 0; i < n; ++i) {
      auto fence = hal::Fence::create();
      (void)env.modules.device->queue_submit(-1, nullptr, fence, [] {
        spin_for(kWork);
        return vm::Status();
      });
      (void)vm::invoke(*env.context, env.await, await_args(fence), &results);
    }
  }
  state.counters["workers"] = static_cast<double>(state.range(1));
}
BENCHMARK(BM_Sequential)->Args({64, 1})->Args({64, 2})->Args({64, 4})->UseRealTime();

} // namespace
} // namespace kiln

BENCHMARK_MAIN();
