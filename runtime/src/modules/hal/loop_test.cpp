// vm::Loop with the hal module: invocations suspend in hal.fence.await and
// are resumed by device workers signalling fences, all on one thread.
#include "kiln/vm/loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/vm/context.h"

namespace kiln::hal {
namespace {

using vm::Value;
using vm::ValueList;

class LoopTest : public ::testing::Test {
protected:
  void SetUp() override {
    DeviceOptions o;
    o.name = "local-task";
    o.workers = 2;
    auto m = create_modules(instance_, o);
    ASSERT_TRUE(m.ok());
    modules_ = std::move(m).value();
    context_.reset(new vm::Context(instance_));
    ASSERT_TRUE(context_->register_module(modules_.hal.get()).ok());
    await_ = *context_->lookup_function("hal.fence.await");
  }
  ValueList await_args(const vm::RefT<Fence> &f, int32_t timeout = -1) {
    return {Value::i32(timeout), Value::i64(0), Value::i32(1), Value::ref(f.as_ref())};
  }

  vm::Instance instance_;
  Modules modules_;
  std::unique_ptr<vm::Context> context_;
  vm::Function await_;
};

TEST_F(LoopTest, ThousandInvocationsOnOneThread) {
  constexpr int kCount = 1000;
  vm::Loop loop;
  std::vector<vm::RefT<Fence>> fences;
  std::vector<int32_t> values(kCount, 0);
  std::atomic<int> done{0};
  std::thread::id loop_thread = std::this_thread::get_id();
  bool all_on_loop_thread = true;
  for (int i = 0; i < kCount; ++i) {
    auto f = Fence::create();
    fences.push_back(f);
    // The work a worker does before the invocation may continue.
    ASSERT_TRUE(modules_.device
                    ->queue_submit(-1, nullptr, f,
                                   [&values, i] {
                                     values[i] = i * 3;
                                     return vm::Status();
                                   })
                    .ok());
    loop.spawn(*context_, await_, await_args(f), [&, i](vm::Status s, ValueList &r) {
      EXPECT_TRUE(s.ok()) << s.message();
      EXPECT_EQ(r.size(), 1u);
      if (!r.empty()) {
        EXPECT_EQ(r[0].as_i32(), 0);
      }
      EXPECT_EQ(values[i], i * 3); // the work happened first
      all_on_loop_thread &= std::this_thread::get_id() == loop_thread;
      ++done;
    });
  }
  ASSERT_TRUE(loop.run().ok());
  EXPECT_EQ(done.load(), kCount);
  EXPECT_TRUE(all_on_loop_thread);
  EXPECT_EQ(loop.live(), 0u);
}

TEST_F(LoopTest, SuspendedInvocationsWaitForTheirFence) {
  vm::Loop loop;
  auto gate = Fence::create();
  int finished = 0;
  for (int i = 0; i < 10; ++i) {
    loop.spawn(*context_, await_, await_args(gate), [&](vm::Status s, ValueList &) {
      EXPECT_TRUE(s.ok());
      ++finished;
    });
  }
  std::thread signaller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(finished, 0);
    ASSERT_TRUE(gate->signal().ok());
  });
  ASSERT_TRUE(loop.run().ok());
  signaller.join();
  EXPECT_EQ(finished, 10);
}

TEST_F(LoopTest, TimeoutEndsTheWait) {
  vm::Loop loop;
  auto never = Fence::create();
  int32_t result = -1;
  loop.spawn(*context_, await_, await_args(never, 15), [&](vm::Status s, ValueList &r) {
    ASSERT_TRUE(s.ok()) << s.message();
    result = r[0].as_i32();
  });
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(loop.run().ok());
  EXPECT_EQ(result, static_cast<int32_t>(vm::StatusCode::kDeadlineExceeded));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(14));
}

TEST_F(LoopTest, InvocationDeadline) {
  vm::Loop loop;
  auto never = Fence::create();
  int32_t result = -1;
  loop.spawn(
      *context_, await_, await_args(never),
      [&](vm::Status s, ValueList &r) { result = s.ok() ? r[0].as_i32() : -2; },
      vm::now_ns() + 10'000'000);
  ASSERT_TRUE(loop.run().ok());
  EXPECT_EQ(result, static_cast<int32_t>(vm::StatusCode::kDeadlineExceeded));
}

TEST_F(LoopTest, CancellationFromAnotherThread) {
  vm::Loop loop;
  auto never = Fence::create();
  auto gate = Fence::create();
  vm::StatusCode cancelled_code = vm::StatusCode::kOk;
  bool other_ok = false;
  uint64_t id = loop.spawn(*context_, await_, await_args(never),
                           [&](vm::Status s, ValueList &) { cancelled_code = s.code(); });
  loop.spawn(*context_, await_, await_args(gate),
             [&](vm::Status s, ValueList &) { other_ok = s.ok(); });
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    loop.cancel(id);
    ASSERT_TRUE(gate->signal().ok());
  });
  ASSERT_TRUE(loop.run().ok());
  canceller.join();
  EXPECT_EQ(cancelled_code, vm::StatusCode::kCancelled);
  EXPECT_TRUE(other_ok);
}

TEST_F(LoopTest, FailedFenceFailsTheInvocation) {
  vm::Loop loop;
  auto f = Fence::create();
  vm::Status result;
  loop.spawn(*context_, await_, await_args(f),
             [&](vm::Status s, ValueList &) { result = std::move(s); });
  ASSERT_TRUE(modules_.device
                  ->queue_submit(-1, nullptr, f,
                                 [] {
                                   return vm::Status(vm::StatusCode::kResourceExhausted,
                                                     "worker ran out");
                                 })
                  .ok());
  ASSERT_TRUE(loop.run().ok());
  EXPECT_EQ(result.code(), vm::StatusCode::kResourceExhausted);
  EXPECT_NE(result.message().find("worker ran out"), std::string_view::npos);
}

TEST_F(LoopTest, UnstartedInvocationsReleaseTheirArguments) {
  auto never = Fence::create();
  {
    vm::Loop loop;
    loop.spawn(*context_, await_, await_args(never), [](vm::Status, ValueList &) {});
    // Never run: the loop is destroyed with the task unstarted.
  }
  EXPECT_EQ(never.as_ref().ref_count(), 1u);
}

} // namespace
} // namespace kiln::hal

namespace kiln::hal {
namespace {

// Driven from another event loop: run_once never blocks when told not to,
// the wakeup callback fires when a parked invocation becomes ready, and
// next_deadline reports a timed wait.
TEST_F(LoopTest, RunOnceWithWakeup) {
  vm::Loop loop;
  std::atomic<int> wakeups{0};
  loop.set_wakeup([](void *user) { ++*static_cast<std::atomic<int> *>(user); }, &wakeups);
  auto fence = Fence::create();
  int finished = 0;
  loop.spawn(*context_, await_, await_args(fence), [&](vm::Status s, ValueList &) {
    EXPECT_TRUE(s.ok()) << s.message();
    ++finished;
  });
  EXPECT_TRUE(loop.has_ready());
  loop.run_once(0); // starts it: it parks on the fence
  EXPECT_FALSE(loop.has_ready());
  EXPECT_EQ(loop.live(), 1u);
  EXPECT_EQ(loop.next_deadline(), vm::kInfiniteDeadline);
  loop.run_once(0); // nothing to do: returns at once
  EXPECT_EQ(finished, 0);
  EXPECT_EQ(wakeups.load(), 0);
  ASSERT_TRUE(fence->signal().ok());
  EXPECT_EQ(wakeups.load(), 1);
  loop.run_once(0);
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(loop.live(), 0u);

  auto never = Fence::create();
  loop.spawn(*context_, await_, await_args(never, 10), [&](vm::Status s, ValueList &r) {
    EXPECT_TRUE(s.ok());
    EXPECT_EQ(r[0].as_i32(), 4); // DEADLINE_EXCEEDED
    ++finished;
  });
  loop.run_once(0);
  EXPECT_NE(loop.next_deadline(), vm::kInfiniteDeadline);
  while (loop.live() > 0)
    loop.run_once(loop.next_deadline());
  EXPECT_EQ(finished, 2);
}

} // namespace
} // namespace kiln::hal
