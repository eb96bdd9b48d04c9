// Steady-state calls must not touch the heap. This binary replaces the
// global allocation functions to count every allocation.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/native_module.h"

namespace {
std::atomic<long> g_allocations{0};

void *counted_alloc(std::size_t size, std::size_t alignment) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (size == 0)
    size = 1;
  if (alignment <= alignof(std::max_align_t))
    return std::malloc(size);
  void *p = nullptr;
  if (posix_memalign(&p, alignment, size) != 0)
    return nullptr;
  return p;
}
} // namespace

void *operator new(std::size_t size) {
  void *p = counted_alloc(size, 0);
  if (!p)
    std::abort();
  return p;
}
void *operator new[](std::size_t size) { return operator new(size); }
void *operator new(std::size_t size, const std::nothrow_t &) noexcept {
  return counted_alloc(size, 0);
}
void *operator new[](std::size_t size, const std::nothrow_t &) noexcept {
  return counted_alloc(size, 0);
}
void *operator new(std::size_t size, std::align_val_t a) {
  void *p = counted_alloc(size, static_cast<std::size_t>(a));
  if (!p)
    std::abort();
  return p;
}
void *operator new[](std::size_t size, std::align_val_t a) { return operator new(size, a); }
void *operator new(std::size_t size, std::align_val_t a, const std::nothrow_t &) noexcept {
  return counted_alloc(size, static_cast<std::size_t>(a));
}
void *operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t &) noexcept {
  return counted_alloc(size, static_cast<std::size_t>(a));
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace kiln::vm {
namespace {

int32_t add(int32_t a, int32_t b) { return a + b; }

StatusOr<int32_t> resume_once(NativeCall &, uint64_t token) { return static_cast<int32_t>(token); }

class AllocTest : public ::testing::Test {
protected:
  AllocTest() : context_(instance_) {
    module_ = NativeModule::create("m");
    module_->export_function("add", &add);
    module_->export_function("empty", []() {});
    module_->export_function("keep", [](RefT<Buffer> b) { return b; });
    module_->export_function("later", [](NativeCall &call, int32_t v) -> StatusOr<int32_t> {
      return call.defer(&resume_once, static_cast<uint64_t>(v));
    });
    EXPECT_TRUE(context_.register_module(module_.get()).ok());
  }
  long allocations() const { return g_allocations.load(); }

  Instance instance_;
  Context context_;
  RefT<NativeModule> module_;
};

TEST_F(AllocTest, CounterWorks) {
  long before = allocations();
  int *p = new int(1);
  delete p;
  EXPECT_EQ(allocations(), before + 1);
}

TEST_F(AllocTest, SyncInvokeSteadyStateDoesNotAllocate) {
  Function fn = context_.lookup_function("add").value();
  Function empty = context_.lookup_function("empty").value();
  ValueList args = {Value::i32(1), Value::i32(2)};
  ValueList none;
  ValueList results;
  results.reserve(4);
  ASSERT_TRUE(invoke(context_, fn, args, &results).ok()); // warm up
  ASSERT_TRUE(invoke(context_, empty, none, &results).ok());
  long before = allocations();
  for (int i = 0; i < 1000; ++i) {
    Status s = invoke(context_, fn, args, &results);
    if (!s.ok())
      FAIL() << s.to_string();
    s = invoke(context_, empty, none, &results);
    if (!s.ok())
      FAIL() << s.to_string();
  }
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(results.size(), 0u);
}

TEST_F(AllocTest, PackedInvokeAndRefsDoNotAllocate) {
  Function fn = context_.lookup_function("add").value();
  Function keep = context_.lookup_function("keep").value();
  RefT<Buffer> buffer = Buffer::allocate(16).value();
  alignas(8) int32_t args[2] = {3, 4};
  alignas(8) int32_t result = 0;
  ASSERT_TRUE(invoke_packed(context_, fn, ByteSpan{reinterpret_cast<uint8_t *>(args), 8},
                            ByteSpan{reinterpret_cast<uint8_t *>(&result), 4})
                  .ok());
  long before = allocations();
  for (int i = 0; i < 1000; ++i) {
    Status s = invoke_packed(context_, fn, ByteSpan{reinterpret_cast<uint8_t *>(args), 8},
                             ByteSpan{reinterpret_cast<uint8_t *>(&result), 4});
    if (!s.ok())
      FAIL() << s.to_string();
    alignas(8) uint8_t ref_args[sizeof(void *)];
    alignas(8) uint8_t ref_result[sizeof(void *)] = {};
    new (ref_args) Ref(buffer.as_ref());
    s = invoke_packed(context_, keep, ByteSpan{ref_args, sizeof(ref_args)},
                      ByteSpan{ref_result, sizeof(ref_result)});
    if (!s.ok())
      FAIL() << s.to_string();
    reinterpret_cast<Ref *>(ref_result)->reset();
    // Ref traffic and stack frames.
    Ref a = buffer.as_ref();
    Ref b = std::move(a);
    b.reset();
  }
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(result, 7);
  EXPECT_EQ(buffer.as_ref().ref_count(), 1u);
}

TEST_F(AllocTest, StackPushPopDoesNotAllocate) {
  Stack stack;
  long before = allocations();
  for (int i = 0; i < 10000; ++i) {
    Frame *f;
    if (!stack.push_frame(FrameType::kBytecode, module_->export_function(0), nullptr, 64, &f)
             .ok()) {
      FAIL();
    }
    stack.pop_frame();
  }
  EXPECT_EQ(allocations(), before);
}

TEST_F(AllocTest, DeferredInvocationSteadyStateDoesNotAllocate) {
  Function later = context_.lookup_function("later").value();
  Invocation invocation(context_);
  ValueList args = {Value::i32(9)};
  ValueList results;
  results.reserve(4);
  ASSERT_TRUE(begin_invoke(invocation, later, args, &results).is_deferred());
  ASSERT_TRUE(resume_invoke(invocation, &results).ok());
  long before = allocations();
  for (int i = 0; i < 1000; ++i) {
    Status s = begin_invoke(invocation, later, args, &results);
    if (!s.is_deferred())
      FAIL() << s.to_string();
    s = resume_invoke(invocation, &results);
    if (!s.ok())
      FAIL() << s.to_string();
  }
  EXPECT_EQ(allocations(), before);
  EXPECT_EQ(results[0].as_i32(), 9);
}

} // namespace
} // namespace kiln::vm
