// The CPU devices and fences without the VM: timelines, queue ordering,
// failure propagation, many waiters.
#include "kiln/modules/hal/device.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "kiln/modules/hal/fence.h"

namespace kiln::hal {
namespace {

vm::RefT<Device> make_device(const char *name, int32_t workers = 4) {
  DeviceOptions o;
  o.name = name;
  o.workers = workers;
  auto d = Device::create(o);
  EXPECT_TRUE(d.ok()) << d.status().message();
  return std::move(d).value();
}

TEST(SemaphoreTest, Timeline) {
  auto s = Semaphore::create(0);
  EXPECT_EQ(*s->query(), 0u);
  ASSERT_TRUE(s->signal(5).ok());
  EXPECT_EQ(*s->query(), 5u);
  vm::Status failure;
  EXPECT_TRUE(s->is_reached(3, &failure));
  EXPECT_FALSE(s->is_reached(6, &failure));
  EXPECT_EQ(s->signal(4).code(), vm::StatusCode::kOutOfRange); // backwards
  s->fail(vm::Status(vm::StatusCode::kAborted, "boom"));
  EXPECT_EQ(s->query().status().code(), vm::StatusCode::kAborted);
  EXPECT_EQ(s->wait(100, vm::kInfiniteDeadline).code(), vm::StatusCode::kAborted);
}

TEST(FenceTest, SignalQueryJoin) {
  auto a = Fence::create();
  auto b = Fence::create();
  EXPECT_TRUE(a->query().is_deferred());
  std::vector<Fence::Timepoint> t = a->timepoints();
  t.insert(t.end(), b->timepoints().begin(), b->timepoints().end());
  t.push_back(a->timepoints()[0]); // duplicate semaphore: merged
  auto joined = Fence::create(t);
  EXPECT_EQ(joined->timepoints().size(), 2u);
  ASSERT_TRUE(a->signal().ok());
  EXPECT_TRUE(a->query().ok());
  EXPECT_TRUE(joined->query().is_deferred());
  ASSERT_TRUE(b->signal().ok());
  EXPECT_TRUE(joined->query().ok());
}

TEST(FenceTest, WaitDeadline) {
  auto f = Fence::create();
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(f->wait(vm::now_ns() + 20'000'000).code(), vm::StatusCode::kDeadlineExceeded);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(19));
}

TEST(FenceTest, ManyThreadsWaitOnOneFence) {
  auto f = Fence::create();
  std::atomic<int> woken{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 32; ++i) {
    threads.emplace_back([&] {
      if (f->wait(vm::kInfiniteDeadline).ok())
        ++woken;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(woken.load(), 0);
  ASSERT_TRUE(f->signal().ok());
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(woken.load(), 32);
}

TEST(FenceTest, RegisteredWaitersAreNotified) {
  auto f = Fence::create();
  struct Counting {
    vm::Waiter waiter;
    std::atomic<int> *count;
  };
  std::atomic<int> count{0};
  std::vector<Counting> waiters(100);
  for (auto &w : waiters) {
    w.count = &count;
    w.waiter.notify = [](vm::Waiter *self) { ++*reinterpret_cast<Counting *>(self)->count; };
    ASSERT_TRUE(f->add_waiter(&w.waiter));
  }
  EXPECT_TRUE(f->remove_waiter(&waiters[0].waiter));
  EXPECT_FALSE(f->remove_waiter(&waiters[0].waiter));
  ASSERT_TRUE(f->signal().ok());
  EXPECT_EQ(count.load(), 99);
  EXPECT_FALSE(f->add_waiter(&waiters[0].waiter)); // reached: not added
}

class QueueTest : public ::testing::TestWithParam<const char *> {};

TEST_P(QueueTest, ChainedOperationsRunInOrder) {
  auto device = make_device(GetParam());
  std::mutex mu;
  std::vector<int> order;
  vm::RefT<Fence> previous;
  for (int i = 0; i < 100; ++i) {
    auto signal = Fence::create();
    ASSERT_TRUE(device
                    ->queue_submit(-1, previous, signal,
                                   [&, i] {
                                     std::lock_guard<std::mutex> lock(mu);
                                     order.push_back(i);
                                     return vm::Status();
                                   })
                    .ok());
    previous = signal;
  }
  ASSERT_TRUE(previous->wait(vm::kInfiniteDeadline).ok());
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i)
    EXPECT_EQ(order[i], i);
}

TEST_P(QueueTest, LaterWorkIsNotIssuedBeforeAnEarlierWait) {
  auto device = make_device(GetParam());
  auto gate = Fence::create();
  std::atomic<int> ran{0};
  auto done = Fence::create();
  ASSERT_TRUE(device
                  ->queue_submit(-1, gate, nullptr,
                                 [&] {
                                   ++ran;
                                   return vm::Status();
                                 })
                  .ok());
  ASSERT_TRUE(device
                  ->queue_submit(-1, nullptr, done,
                                 [&] {
                                   ++ran;
                                   return vm::Status();
                                 })
                  .ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(ran.load(), 0);
  EXPECT_TRUE(done->query().is_deferred());
  ASSERT_TRUE(gate->signal().ok());
  ASSERT_TRUE(done->wait(vm::kInfiniteDeadline).ok());
  device->queue_drain();
  EXPECT_EQ(ran.load(), 2);
}

TEST_P(QueueTest, FailurePropagatesThroughFences) {
  auto device = make_device(GetParam());
  auto first = Fence::create();
  auto second = Fence::create();
  std::atomic<bool> second_ran{false};
  ASSERT_TRUE(
      device
          ->queue_submit(-1, nullptr, first,
                         [] { return vm::Status(vm::StatusCode::kDataLoss, "disk on fire"); })
          .ok());
  ASSERT_TRUE(device
                  ->queue_submit(-1, first, second,
                                 [&] {
                                   second_ran = true;
                                   return vm::Status();
                                 })
                  .ok());
  vm::Status s = second->wait(vm::kInfiniteDeadline);
  EXPECT_EQ(s.code(), vm::StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("disk on fire"), std::string_view::npos);
  EXPECT_EQ(first->query().code(), vm::StatusCode::kDataLoss);
  device->queue_drain();
  EXPECT_FALSE(second_ran.load());
}

TEST_P(QueueTest, DestroyedDeviceCancelsWaitingWork) {
  auto gate = Fence::create();
  auto signal = Fence::create();
  {
    auto device = make_device(GetParam());
    ASSERT_TRUE(device->queue_submit(-1, gate, signal, [] { return vm::Status(); }).ok());
  }
  EXPECT_EQ(signal->query().code(), vm::StatusCode::kCancelled);
  ASSERT_TRUE(gate->signal().ok()); // nothing is listening any more
}

INSTANTIATE_TEST_SUITE_P(Devices, QueueTest, ::testing::Values("local-sync", "local-task"));

TEST(LocalSyncTest, RunsInlineOnTheSubmittingThread) {
  auto device = make_device("local-sync");
  std::thread::id ran_on;
  ASSERT_TRUE(device
                  ->queue_submit(-1, nullptr, nullptr,
                                 [&] {
                                   ran_on = std::this_thread::get_id();
                                   return vm::Status();
                                 })
                  .ok());
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(LocalTaskTest, RunsOnWorkersConcurrently) {
  auto device = make_device("local-task", 4);
  EXPECT_EQ(device->worker_count(), 4);
  std::atomic<int> running{0}, peak{0};
  std::vector<vm::RefT<Fence>> fences;
  for (int i = 0; i < 8; ++i) {
    auto f = Fence::create();
    ASSERT_TRUE(device
                    ->queue_submit(-1, nullptr, f,
                                   [&] {
                                     int now = ++running;
                                     int p = peak.load();
                                     while (now > p && !peak.compare_exchange_weak(p, now)) {
                                     }
                                     std::this_thread::sleep_for(std::chrono::milliseconds(10));
                                     --running;
                                     return vm::Status();
                                   })
                    .ok());
    fences.push_back(f);
  }
  for (auto &f : fences)
    ASSERT_TRUE(f->wait(vm::kInfiniteDeadline).ok());
  EXPECT_GT(peak.load(), 1);
}

TEST(DeviceTest, QueryAndErrors) {
  auto device = make_device("local-task", 3);
  EXPECT_EQ(*device->query_i64("hal.device.id", "local-*"), 1);
  EXPECT_EQ(*device->query_i64("hal.device.id", "cuda"), 0);
  EXPECT_EQ(*device->query_i64("hal.dispatch", "concurrency"), 3);
  EXPECT_EQ(device->query_i64("hal.bogus", "x").status().code(), vm::StatusCode::kNotFound);
  DeviceOptions o;
  o.name = "vulkan";
  EXPECT_EQ(Device::create(o).status().code(), vm::StatusCode::kNotFound);
  EXPECT_EQ(device->queue_submit(0, nullptr, nullptr, [] { return vm::Status(); }).code(),
            vm::StatusCode::kInvalidArgument);
}

} // namespace
} // namespace kiln::hal
