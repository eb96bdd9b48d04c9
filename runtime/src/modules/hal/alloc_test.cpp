// An await that suspends and resumes allocates nothing in steady state.
// This binary replaces the global allocation functions to count.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "kiln/modules/hal/api.h"
#include "kiln/modules/hal/fence.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"

#include "../../testing/count_allocations.h"

namespace kiln::hal {
namespace {

TEST(AwaitAllocationTest, SuspendAndResumeAllocateNothing) {
  vm::Instance instance;
  DeviceOptions o;
  o.name = "local-sync";
  auto mods = create_modules(instance, o);
  ASSERT_TRUE(mods.ok());
  vm::Context context(instance);
  ASSERT_TRUE(context.register_module(mods->hal.get()).ok());
  vm::Function await = *context.lookup_function("hal.fence.await");
  vm::Invocation inv(context);
  vm::ValueList results;
  results.reserve(4);
  for (int round = 0; round < 3; ++round) {
    auto fence = Fence::create();
    vm::ValueList args = {vm::Value::i32(-1), vm::Value::i64(0), vm::Value::i32(1),
                          vm::Value::ref(fence.as_ref())};
    long before = g_allocations.load();
    vm::Status s = vm::begin_invoke(inv, await, args, &results);
    long suspended = g_allocations.load();
    ASSERT_TRUE(s.is_deferred());
    vm::WaitRequest wait = inv.stack().take_wait();
    ASSERT_EQ(wait.source, static_cast<vm::WaitSource *>(fence.get()));
    ASSERT_TRUE(fence->signal().ok());
    long resume_before = g_allocations.load();
    s = vm::resume_invoke(inv, &results);
    long after = g_allocations.load();
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].as_i32(), 0);
    if (round > 0) { // the first round sizes the invocation's scratch
      EXPECT_EQ(suspended - before, 0) << "allocations while suspending";
      EXPECT_EQ(after - resume_before, 0) << "allocations while resuming";
    }
  }
}

} // namespace
} // namespace kiln::hal
