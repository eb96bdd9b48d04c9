#include "kiln/vm/budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/native_module.h"

namespace kiln::vm {
namespace {

TEST(MemoryBudgetTest, ChargesAndCreditsUpToTheLimit) {
  MemoryBudget *budget = MemoryBudget::create(100);
  ASSERT_NE(budget, nullptr);
  EXPECT_TRUE(budget->charge(60));
  EXPECT_FALSE(budget->charge(41));
  EXPECT_TRUE(budget->charge(40));
  EXPECT_EQ(budget->used(), 100u);
  budget->credit(100);
  EXPECT_EQ(budget->used(), 0u);
  EXPECT_EQ(budget->peak(), 100u);
  EXPECT_FALSE(budget->charge(SIZE_MAX));
  budget->release();
}

TEST(MemoryBudgetTest, ScopedBudgetChargesRuntimeObjects) {
  MemoryBudget *budget = MemoryBudget::create(4096);
  {
    ScopedMemoryBudget scope(budget);
    auto small = Buffer::allocate(1000);
    ASSERT_TRUE(small.ok());
    EXPECT_GE(budget->used(), 1000u);
    auto big = Buffer::allocate(4000);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
    EXPECT_NE(big.status().message().find("memory limit exceeded"), std::string::npos)
        << big.status().to_string();
    auto list = List::create(ElementType::i64(), 8);
    ASSERT_TRUE(list.ok());
    Status grow = list.value()->reserve(100000);
    EXPECT_EQ(grow.code(), StatusCode::kResourceExhausted);
  }
  EXPECT_EQ(budget->used(), 0u);
  // Outside the scope nothing is charged.
  auto free_buffer = Buffer::allocate(1 << 20);
  ASSERT_TRUE(free_buffer.ok());
  EXPECT_EQ(budget->used(), 0u);
  budget->release();
}

TEST(MemoryBudgetTest, ContextLimitAppliesToCallsAndOutlivesTheContext) {
  Instance instance;
  RefT<Buffer> kept;
  {
    Context context(instance);
    ASSERT_TRUE(context.set_memory_limit(64 * 1024).ok());
    RefT<NativeModule> m = NativeModule::create("m");
    m->export_function("make", [](int32_t n) -> StatusOr<RefT<Buffer>> {
      return Buffer::allocate(static_cast<size_t>(n));
    });
    ASSERT_TRUE(context.register_module(m.get()).ok());
    Function make = m->lookup_export("make").value();
    ValueList results;
    ASSERT_TRUE(invoke(context, make, {Value::i32(1000)}, &results).ok());
    EXPECT_GE(context.memory_used(), 1000u);
    kept = RefT<Buffer>::cast(results[0].as_ref()).value();
    results.clear();
    Status s = invoke(context, make, {Value::i32(100000)}, &results);
    EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
    // Raising the limit lets the same call through.
    ASSERT_TRUE(context.set_memory_limit(MemoryBudget::kUnlimited).ok());
    EXPECT_TRUE(invoke(context, make, {Value::i32(100000)}, &results).ok());
  }
  // The buffer outlives its context; freeing it credits a live budget.
  EXPECT_EQ(kept->length(), 1000u);
  kept.reset();
}

TEST(BudgetTest, FuelIsHandedOutInSlicesAndRunsOutExactly) {
  ExecutionLimits limits;
  limits.fuel = Budget::kSlice + 10;
  Budget budget(limits);
  int64_t units = 0;
  ASSERT_TRUE(budget.take(&units).ok());
  EXPECT_EQ(units, Budget::kSlice);
  ASSERT_TRUE(budget.take(&units).ok());
  EXPECT_EQ(units, 10);
  budget.put_back(4);
  ASSERT_TRUE(budget.take(&units).ok());
  EXPECT_EQ(units, 4);
  Status s = budget.take(&units);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("out of fuel"), std::string::npos);
}

TEST(BudgetTest, DeadlineAndCancellation) {
  std::atomic<bool> cancel{false};
  ExecutionLimits limits;
  limits.cancel = &cancel;
  Budget budget(limits);
  int64_t units = 0;
  EXPECT_TRUE(budget.take(&units).ok());
  std::thread other([&] { cancel.store(true); });
  other.join();
  EXPECT_EQ(budget.take(&units).code(), StatusCode::kCancelled);

  ExecutionLimits late;
  late.deadline_ns = now_ns() - 1;
  Budget expired(late);
  EXPECT_EQ(expired.take(&units).code(), StatusCode::kDeadlineExceeded);
}

TEST(StackTest, HugeStackOptionsDoNotAbort) {
  StackOptions options;
  options.max_depth = INT32_MAX;
  options.storage_bytes = SIZE_MAX / 2;
  Stack stack(options);
  Frame *frame = nullptr;
  Status s = stack.push_frame(FrameType::kHost, Function{}, nullptr, 16, &frame);
  // Either the storage was reserved (virtual memory) or the push fails
  // cleanly; never an abort.
  if (!s.ok())
    EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  else
    stack.pop_frame();
}

} // namespace
} // namespace kiln::vm
