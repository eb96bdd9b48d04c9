// Fuel, deadlines and cancellation in the interpreter (kiln/vm/budget.h).
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/loop.h"
#include "testing/module_builder.h"
#include "gtest/gtest.h"

namespace kiln::bytecode {
namespace {

using testing::FunctionBuilder;
using testing::L;
using testing::Label;
using testing::ModuleBuilder;
using vm::Status;
using vm::StatusCode;
using vm::Value;
using vm::ValueList;

// spin(): loops forever. count(n): n iterations of a fused latch, returns
// n. rec(n): n nested calls.
ModuleBuilder make_module() {
  ModuleBuilder mb;
  {
    FunctionBuilder f;
    Label loop = f.label();
    f.bind(loop);
    f.emit(Opcode::BR, {loop});
    mb.add_export("spin", mb.add_function("spin", "0v_v", 0, 0, f));
  }
  {
    FunctionBuilder f;
    Label loop = f.label();
    f.emit(Opcode::CONST_I32, {1, testing::Operand(0)});
    f.bind(loop);
    f.emit(Opcode::ADD_BR_IF_LT_I32_S, {1, 1, testing::Operand(1), 0, loop});
    f.emit(Opcode::RETURN, {L({1})});
    mb.add_export("count", mb.add_function("count", "0i_i", 2, 0, f));
  }
  return mb;
}

struct Fixture {
  Fixture() : context(instance) {
    file = make_module().build();
    auto m = load_module(instance, file.data(), file.size(), vm::Ref());
    EXPECT_TRUE(m.ok()) << m.status().to_string();
    module = *m;
    EXPECT_TRUE(context.register_module(module).ok());
  }
  vm::Function fn(const char *name) { return context.lookup_function(name).value(); }

  vm::Instance instance;
  std::vector<uint8_t> file;
  vm::Ref module;
  vm::Context context;
};

TEST(BytecodeBudgetTest, FuelCountsBackwardBranchesExactly) {
  Fixture fx;
  ValueList results;
  vm::ExecutionLimits limits;
  // count(1000) takes 999 backward branches.
  limits.fuel = 999;
  fx.context.set_execution_limits(limits);
  Status s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(1000)}, &results);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(results[0].as_i32(), 1000);
  limits.fuel = 998;
  fx.context.set_execution_limits(limits);
  s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(1000)}, &results);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
  EXPECT_TRUE(s.has_trace());
  // Across slices too.
  limits.fuel = 3 * vm::Budget::kSlice + 5;
  fx.context.set_execution_limits(limits);
  s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(static_cast<int32_t>(limits.fuel + 1))},
                 &results);
  EXPECT_TRUE(s.ok()) << s.to_string();
  s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(static_cast<int32_t>(limits.fuel + 2))},
                 &results);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  // No limits: unbounded again.
  fx.context.set_execution_limits(vm::ExecutionLimits());
  s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(1 << 20)}, &results);
  EXPECT_TRUE(s.ok());
}

TEST(BytecodeBudgetTest, InfiniteLoopEndsAtTheDeadline) {
  Fixture fx;
  vm::ExecutionLimits limits;
  limits.deadline_ns = vm::now_ns() + 50 * 1000000;
  fx.context.set_execution_limits(limits);
  ValueList results;
  auto start = std::chrono::steady_clock::now();
  Status s = vm::invoke(fx.context, fx.fn("spin"), {}, &results);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.to_string();
  EXPECT_TRUE(s.has_trace());
  EXPECT_LT(ms, 5000);
}

TEST(BytecodeBudgetTest, RunningInvocationIsCancelledFromAnotherThread) {
  Fixture fx;
  vm::Invocation inv(fx.context);
  vm::ExecutionLimits limits;
  limits.deadline_ns = vm::now_ns() + int64_t{60} * 1000000000; // a backstop
  inv.set_limits(limits);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    inv.cancel();
  });
  ValueList results;
  Status s = vm::begin_invoke(inv, fx.fn("spin"), {}, &results);
  canceller.join();
  EXPECT_EQ(s.code(), StatusCode::kCancelled) << s.to_string();
  EXPECT_TRUE(s.has_trace());
  EXPECT_FALSE(inv.suspended());
}

// A host whose interrupts are polled (the Python bindings' Ctrl-C): the
// hook is asked once per slice, and its "yes" ends the call as CANCELLED.
TEST(BytecodeBudgetTest, PolledInterruptStopsAnInfiniteLoop) {
  Fixture fx;
  struct Poll {
    int calls = 0;
    static bool interrupted(void *user) { return ++static_cast<Poll *>(user)->calls == 3; }
  } poll;
  vm::ExecutionLimits limits;
  limits.interrupted = &Poll::interrupted;
  limits.interrupted_user = &poll;
  fx.context.set_execution_limits(limits);
  ValueList results;
  Status s = vm::invoke(fx.context, fx.fn("spin"), {}, &results);
  EXPECT_EQ(s.code(), StatusCode::kCancelled) << s.to_string();
  EXPECT_TRUE(s.has_trace());
  EXPECT_EQ(poll.calls, 3);
  // A call shorter than a slice asks once, on entry.
  poll.calls = -100;
  s = vm::invoke(fx.context, fx.fn("count"), {Value::i32(10)}, &results);
  EXPECT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(poll.calls, -99);
}

TEST(BytecodeBudgetTest, LoopCancelStopsARunningInvocation) {
  Fixture fx;
  vm::Loop loop;
  Status seen;
  uint64_t id = loop.spawn(fx.context, fx.fn("spin"), {},
                           [&](Status s, ValueList &) { seen = std::move(s); });
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    loop.cancel(id);
  });
  Status run = loop.run();
  canceller.join();
  EXPECT_TRUE(run.ok()) << run.to_string();
  EXPECT_EQ(seen.code(), StatusCode::kCancelled) << seen.to_string();
}

} // namespace
} // namespace kiln::bytecode
