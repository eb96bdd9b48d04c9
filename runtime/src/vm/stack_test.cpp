#include "kiln/vm/stack.h"

#include <gtest/gtest.h>

#include <string>

namespace kiln::vm {
namespace {

// A module that only names things, for traces.
class NamedModule final : public Module {
public:
  explicit NamedModule(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  int32_t export_count() const override { return 1; }
  ExportInfo export_info(int32_t) const override { return {"fn", "0v_v"}; }
  std::string source_location(const Frame &frame) const override {
    return frame.pc >= 0 ? "a.mlir:" + std::to_string(frame.pc) + ":1" : "";
  }
  Status begin_call(Stack &, const FunctionCall &) override { return Status(); }

private:
  std::string name_;
};

TEST(StackTest, PushPopReusesArena) {
  RefT<Module> m = RefT<Module>::adopt(new NamedModule("m"));
  Stack stack;
  EXPECT_TRUE(stack.empty());
  EXPECT_EQ(stack.top(), nullptr);
  Frame *a;
  ASSERT_TRUE(stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 40, &a).ok());
  EXPECT_EQ(stack.depth(), 1);
  EXPECT_EQ(a->storage_size, 40u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a->storage) % Stack::kStorageAlignment, 0u);
  EXPECT_EQ(a->pc, -1);
  EXPECT_EQ(stack.storage_used(), 48u);
  Frame *b;
  ASSERT_TRUE(stack.push_frame(FrameType::kNative, m->export_function(0), nullptr, 8, &b).ok());
  EXPECT_EQ(stack.top(), b);
  EXPECT_EQ(stack.frame_at(0), a);
  EXPECT_EQ(stack.frame_at(1), b);
  EXPECT_EQ(stack.frame_at(2), nullptr);
  EXPECT_EQ(b->storage, a->storage + 48);
  uint8_t *b_storage = b->storage;
  stack.pop_frame();
  Frame *c;
  ASSERT_TRUE(stack.push_frame(FrameType::kNative, m->export_function(0), nullptr, 8, &c).ok());
  EXPECT_EQ(c->storage, b_storage);
  stack.pop_frame();
  stack.pop_frame();
  EXPECT_EQ(stack.storage_used(), 0u);
}

TEST(StackTest, DepthLimitIsAnError) {
  RefT<Module> m = RefT<Module>::adopt(new NamedModule("deep"));
  StackOptions options;
  options.max_depth = 8;
  Stack stack(options);
  Frame *f;
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(
        stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 16, &f).ok());
    f->pc = i;
  }
  Status s = stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 16, &f);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("stack overflow: call depth limit of 8 frames exceeded"),
            std::string_view::npos);
  EXPECT_NE(s.message().find("while calling deep.fn"), std::string_view::npos);
  ASSERT_EQ(s.trace().size(), 8u);
  EXPECT_EQ(s.trace()[0].pc, 7);
  EXPECT_EQ(s.trace()[0].location, "a.mlir:7:1");
  EXPECT_EQ(s.trace()[7].pc, 0);
  EXPECT_EQ(stack.depth(), 8);
}

// The default stack is a 1 MiB byte budget: 8,192 frames of the estimated
// 128 bytes each; larger frames run out of storage first.
TEST(StackTest, DefaultLimitsFollowTheByteBudget) {
  RefT<Module> m = RefT<Module>::adopt(new NamedModule("m"));
  Stack stack;
  EXPECT_EQ(stack.max_depth(), 8192);
  EXPECT_EQ(stack.storage_capacity(), size_t{1} << 20);
  Frame *f;
  int pushed = 0;
  Status s;
  while (
      (s = stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 64, &f)).ok()) {
    ++pushed;
  }
  EXPECT_EQ(pushed, 8192);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  stack.unwind_to(0);
  pushed = 0;
  while (
      (s = stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 1024, &f)).ok()) {
    ++pushed;
  }
  EXPECT_EQ(pushed, 1024); // 1 MiB of 1 KiB frames
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
}

TEST(StackTest, ExplicitDepthAndDerivedDepth) {
  StackOptions options;
  options.max_depth = 100;
  EXPECT_EQ(Stack(options).max_depth(), 100);
  options.max_depth = 0;
  options.storage_bytes = 64 * 1024;
  EXPECT_EQ(Stack(options).max_depth(), 512);
  options.storage_bytes = 1;
  EXPECT_EQ(options.effective_max_depth(), 1);
  options.max_depth = INT32_MAX;
  EXPECT_EQ(options.effective_max_depth(), StackOptions::kMaxDepthLimit);
}

TEST(StackTest, StorageBudgetIsAnError) {
  RefT<Module> m = RefT<Module>::adopt(new NamedModule("m"));
  StackOptions options;
  options.storage_bytes = 256;
  Stack stack(options);
  Frame *f;
  ASSERT_TRUE(stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 200, &f).ok());
  Status s = stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 100, &f);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("stack overflow: frame needs 100 bytes"), std::string_view::npos);
  EXPECT_EQ(stack.depth(), 1);
  EXPECT_FALSE(
      stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, SIZE_MAX - 4, &f)
          .ok());
}

int g_cleanups = 0;

TEST(StackTest, UnwindRunsCleanups) {
  RefT<Module> m = RefT<Module>::adopt(new NamedModule("m"));
  g_cleanups = 0;
  {
    Stack stack;
    Frame *f;
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(
          stack.push_frame(FrameType::kBytecode, m->export_function(0), nullptr, 8, &f).ok());
      f->cleanup = [](Frame *) { ++g_cleanups; };
    }
    stack.unwind_to(1);
    EXPECT_EQ(stack.depth(), 1);
    EXPECT_EQ(g_cleanups, 2);
  }
  EXPECT_EQ(g_cleanups, 3); // destructor unwinds the rest
}

TEST(StackTest, CaptureTraceInnermostFirst) {
  RefT<Module> outer = RefT<Module>::adopt(new NamedModule("outer"));
  RefT<Module> inner = RefT<Module>::adopt(new NamedModule("inner"));
  Stack stack;
  Frame *f;
  ASSERT_TRUE(
      stack.push_frame(FrameType::kBytecode, outer->export_function(0), nullptr, 0, &f).ok());
  f->pc = 10;
  ASSERT_TRUE(stack.push_frame(FrameType::kNative, inner->export_function(0), nullptr, 0, &f).ok());
  Status s = internal_error("boom");
  stack.capture_trace(&s);
  EXPECT_EQ(s.to_string_with_trace(), "INTERNAL: boom\n"
                                      "  at inner.fn\n"
                                      "  at outer.fn @10 (a.mlir:10:1)");
  stack.capture_trace(&s); // already captured: unchanged
  EXPECT_EQ(s.trace().size(), 2u);
  Status deferred(StatusCode::kDeferred);
  stack.capture_trace(&deferred);
  EXPECT_FALSE(deferred.has_trace());
  stack.unwind_to(0);
}

} // namespace
} // namespace kiln::vm
