// A C module built by kiln_add_c_module(STATIC) from Inputs/cvar.mlir and
// linked into this test: variadic import calls packed by the emitted C are
// read back by a hand-written host module that parses the packed layout
// (docs/runtime.md) itself.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "kiln/cmodule/c_module.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/stack.h"

extern "C" const kiln_module_desc_t *cvar_kiln_module(void);
extern "C" const kiln_module_desc_t *csusp_kiln_module(void);

namespace {

using kiln::vm::ByteSpan;
using kiln::vm::Function;
using kiln::vm::FunctionCall;
using kiln::vm::Stack;
using kiln::vm::Status;
using kiln::vm::StatusCode;
using kiln::vm::Value;
using kiln::vm::ValueList;

// Exports sum(i32, i32...) -> i32 and pairs((i32, i64)...) -> i64.
class HostModule final : public kiln::vm::Module {
public:
  std::string_view name() const override { return "host"; }
  int32_t export_count() const override { return 2; }
  kiln::vm::ExportInfo export_info(int32_t ordinal) const override {
    return ordinal == 0 ? kiln::vm::ExportInfo{"sum", "0iCiD_i"}
                        : kiln::vm::ExportInfo{"pairs", "0CiID_I"};
  }
  Status begin_call(Stack &, const FunctionCall &call) override {
    const uint8_t *in = call.arguments.data;
    if (call.function.ordinal == 0) {
      int32_t a, count;
      std::memcpy(&a, in, 4);
      std::memcpy(&count, in + 4, 4);
      if (call.arguments.size != 8 + 4 * static_cast<size_t>(count)) {
        return Status(StatusCode::kInvalidArgument, "bad packed size for sum");
      }
      int32_t total = a;
      for (int32_t k = 0; k < count; ++k) {
        int32_t x;
        std::memcpy(&x, in + 8 + 4 * k, 4);
        total += x * (k + 2); // weights show the order
      }
      std::memcpy(call.results.data, &total, 4);
      return Status();
    }
    int32_t count;
    std::memcpy(&count, in, 4);
    // After the count, each tuple element at the next offset aligned to its
    // size: (i32, i64) tuples put the i32 right after the previous field.
    size_t offset = 4;
    int64_t total = 0;
    for (int32_t k = 0; k < count; ++k) {
      int32_t x;
      int64_t y;
      offset = (offset + 3) & ~size_t{3};
      std::memcpy(&x, in + offset, 4);
      offset = ((offset + 4) + 7) & ~size_t{7};
      std::memcpy(&y, in + offset, 8);
      offset += 8;
      total = total * 1000 + x * y;
    }
    offset = (offset + 7) & ~size_t{7}; // rounded to the largest alignment
    if (call.arguments.size != offset) {
      return Status(StatusCode::kInvalidArgument, "bad packed size for pairs");
    }
    std::memcpy(call.results.data, &total, 8);
    return Status();
  }
};

class CModuleCMakeTest : public ::testing::Test {
protected:
  CModuleCMakeTest() : context_(instance_) {}
  void SetUp() override {
    host_ = kiln::vm::Ref::adopt(new HostModule());
    ASSERT_TRUE(context_.register_module(host_).ok());
    for (auto *desc : {cvar_kiln_module(), csusp_kiln_module()}) {
      auto m = kiln::cmodule::create_module(desc);
      ASSERT_TRUE(m.ok()) << m.status().to_string();
      Status s = context_.register_module(*m);
      ASSERT_TRUE(s.ok()) << s.to_string();
    }
  }
  Function Fn(const char *name) {
    auto f = context_.lookup_function(std::string(std::strchr(name, '.') ? "" : "cvar.") + name);
    EXPECT_TRUE(f.ok()) << f.status().to_string();
    return f.ok() ? *f : Function();
  }
  kiln::vm::Instance instance_;
  kiln::vm::Context context_;
  kiln::vm::Ref host_;
  ValueList results_;
};

TEST_F(CModuleCMakeTest, VariadicSpan) {
  Status s = kiln::vm::invoke(context_, Fn("sum4"),
                              {Value::i32(1), Value::i32(10), Value::i32(100), Value::i32(1000)},
                              &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i32(), 1 + 10 * 2 + 100 * 3 + 1000 * 4);
}

TEST_F(CModuleCMakeTest, EmptyVariadicSpan) {
  Status s = kiln::vm::invoke(context_, Fn("sum_none"), {Value::i32(7)}, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i32(), 7);
}

TEST_F(CModuleCMakeTest, VariadicTuples) {
  Status s =
      kiln::vm::invoke(context_, Fn("pairs"),
                       {Value::i32(2), Value::i64(3), Value::i32(5), Value::i64(7)}, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i64(), 6 * 1000 + 35);
}

// A suspended C frame owns the refs it spilled: one more reference while
// suspended, released when the call completes or is abandoned.
TEST_F(CModuleCMakeTest, SuspendedFrameOwnsSpilledRefs) {
  auto buffer = kiln::vm::Buffer::allocate(24);
  ASSERT_TRUE(buffer.ok());
  kiln::vm::Ref b = std::move(*buffer).as_ref();
  ValueList args;
  args.push_back(Value::ref(b));
  const uint32_t base = b.ref_count();
  {
    kiln::vm::Invocation invocation(context_);
    Status s = kiln::vm::begin_invoke(invocation, Fn("csusp.hold"), args, &results_);
    ASSERT_TRUE(s.is_deferred()) << s.to_string_with_trace();
    EXPECT_EQ(b.ref_count(), base + 1);
    invocation.abandon();
    EXPECT_EQ(b.ref_count(), base);
  }
  kiln::vm::Invocation invocation(context_);
  Status s = kiln::vm::begin_invoke(invocation, Fn("csusp.hold"), args, &results_);
  ASSERT_TRUE(s.is_deferred()) << s.to_string_with_trace();
  s = kiln::vm::resume_invoke(invocation, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string_with_trace();
  EXPECT_EQ(results_[0].as_i64(), 24);
  EXPECT_EQ(b.ref_count(), base);
}

// resume_call with a frame that is not a suspended C entry frame is an
// error, never undefined behavior.
TEST_F(CModuleCMakeTest, ResumeWithoutSuspendedFrameIsAnError) {
  Function f = Fn("csusp.hold");
  Stack stack;
  Status s = f.module->resume_call(stack, nullptr, ByteSpan{});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.to_string();
  kiln::vm::Frame *frame = nullptr;
  ASSERT_TRUE(stack.push_frame(kiln::vm::FrameType::kHost, Function{}, nullptr, 0, &frame).ok());
  s = f.module->resume_call(stack, frame, ByteSpan{});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.to_string();
}

} // namespace
