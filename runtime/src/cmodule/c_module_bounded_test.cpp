// Bounded C modules (kiln/c/module.h, "Bounded modules"): fuel, deadlines
// and the native stack check, on a hand-written module built with
// KILN_C_BOUNDED (testdata/deep_module.c), on the main thread and on a
// thread with a 256 KiB stack.
#include <pthread.h>

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kiln/cmodule/c_module.h"
#include "kiln/vm/budget.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"

extern "C" const kiln_module_desc_t *kiln_test_deep_module(void);

namespace kiln::cmodule {
namespace {

using vm::Status;
using vm::StatusCode;
using vm::Value;
using vm::ValueList;

struct Deep {
  Deep() : context(instance) {
    register_static_module(kiln_test_deep_module);
    auto m = load_static_module("deep");
    EXPECT_TRUE(m.ok()) << m.status().to_string();
    module = std::move(*m);
    EXPECT_TRUE(context.register_module(module).ok());
  }
  Status call(const char *name, int32_t n, int32_t *out) {
    ValueList results;
    Status s =
        vm::invoke(context, context.lookup_function(name).value(), {Value::i32(n)}, &results);
    if (s.ok())
      *out = results[0].as_i32();
    return s;
  }
  vm::Instance instance;
  vm::Context context;
  vm::Ref module;
};

// Runs `body` on a new thread with a `stack_bytes` stack.
void on_small_stack(size_t stack_bytes, std::function<void()> body) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, stack_bytes), 0);
  pthread_t thread;
  auto run = [](void *p) -> void * {
    (*static_cast<std::function<void()> *>(p))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, &body), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST(CModuleBoundedTest, NativeStackOverflowIsAnErrorOnA256KiBThread) {
  Deep d;
  int32_t r = -1;
  on_small_stack(256 * 1024, [&] {
    EXPECT_NE(vm::native_stack_limit(), 0u);
    // 8 KiB per level: 10 levels fit.
    Status s = d.call("deep", 10, &r);
    EXPECT_TRUE(s.ok()) << s.to_string();
    EXPECT_EQ(r, 10);
    // 200 levels (1.6 MiB) do not: an error, not SIGSEGV, well below the
    // VM's depth limit.
    s = d.call("deep", 200, &r);
    EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
    EXPECT_NE(s.to_string().find("native stack overflow"), std::string::npos) << s.to_string();
    EXPECT_TRUE(s.has_trace());
    // The thread is fine afterwards.
    s = d.call("deep", 5, &r);
    EXPECT_TRUE(s.ok()) << s.to_string();
  });
}

TEST(CModuleBoundedTest, MainThreadRunsDeepRecursionUpToTheDepthLimit) {
  Deep d;
  int32_t r = -1;
  Status s = d.call("deep", 200, &r);
  EXPECT_TRUE(s.ok()) << s.to_string();
  EXPECT_EQ(r, 200);
  s = d.call("deep", 100000, &r);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
}

TEST(CModuleBoundedTest, FuelDeadlineAndCancel) {
  Deep d;
  int32_t r = -1;
  // No limits: counts nothing that matters.
  EXPECT_TRUE(d.call("spin", 1000000, &r).ok());
  vm::ExecutionLimits limits;
  limits.fuel = 1000;
  d.context.set_execution_limits(limits);
  EXPECT_TRUE(d.call("spin", 999, &r).ok()); // one tick per iteration
  EXPECT_EQ(r, 999);
  Status s = d.call("spin", 2000, &r);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted) << s.to_string();
  EXPECT_TRUE(s.has_trace());
  limits.fuel = vm::kUnlimitedFuel;
  limits.deadline_ns = vm::now_ns() + 30 * 1000000;
  d.context.set_execution_limits(limits);
  s = d.call("spin", -1, &r);
  EXPECT_EQ(s.code(), StatusCode::kDeadlineExceeded) << s.to_string();
  std::atomic<bool> cancel{true};
  limits.deadline_ns = vm::kInfiniteDeadline;
  limits.cancel = &cancel;
  d.context.set_execution_limits(limits);
  s = d.call("spin", -1, &r);
  EXPECT_EQ(s.code(), StatusCode::kCancelled) << s.to_string();
}

} // namespace
} // namespace kiln::cmodule
