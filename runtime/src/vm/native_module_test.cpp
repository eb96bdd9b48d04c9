#include "kiln/vm/native_module.h"

#include <gtest/gtest.h>

#include <string>

#include "kiln/vm/buffer.h"
#include "kiln/vm/context.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"

namespace kiln::vm {
namespace {

class NativeModuleTest : public ::testing::Test {
protected:
  NativeModuleTest() : context_(instance_), module_(NativeModule::create("native", 3)) {}
  void Register() { ASSERT_TRUE(context_.register_module(module_.get()).ok()); }
  Function Fn(const char *name) { return module_->lookup_export(name).value(); }
  std::string Sig(const char *name) { return std::string(module_->function_signature(Fn(name))); }

  Instance instance_;
  Context context_;
  RefT<NativeModule> module_;
  ValueList results_;
};

TEST_F(NativeModuleTest, SignaturesFromCppTypes) {
  module_->export_function("none", []() {});
  module_->export_function("status", []() { return Status(); });
  module_->export_function("scalars", [](int32_t, int64_t, float, double) { return 1.0; });
  module_->export_function(
      "refs", [](Ref, RefT<Buffer>, const RefT<List> &) -> RefT<Buffer> { return nullptr; });
  module_->export_function(
      "tuple", [](NativeCall &, int32_t) { return std::make_tuple(int64_t{1}, 2.0f, Ref()); });
  module_->export_function("statusor", [](double) -> StatusOr<std::tuple<int32_t, int32_t>> {
    return std::make_tuple(1, 2);
  });
  EXPECT_EQ(Sig("none"), "0_");
  EXPECT_EQ(Sig("status"), "0_");
  EXPECT_EQ(Sig("scalars"), "0iIfF_F");
  EXPECT_EQ(Sig("refs"), "0rrr_r");
  EXPECT_EQ(Sig("tuple"), "0i_Ifr");
  EXPECT_EQ(Sig("statusor"), "0F_ii");
  EXPECT_EQ(module_->name(), "native");
  EXPECT_EQ(module_->version(), 3u);
  EXPECT_EQ(module_->export_count(), 6);
  EXPECT_EQ(module_->lookup_export("nope").status().code(), StatusCode::kNotFound);
}

int32_t free_function(int32_t a) { return a * 10; }

TEST_F(NativeModuleTest, ScalarCallsThroughInvoke) {
  module_->export_function("mix", [](int32_t a, int64_t b, float c, double d) {
    return std::make_tuple(static_cast<double>(a) + static_cast<double>(b), c * 2.0f, int32_t{-1});
  });
  module_->export_function("free", &free_function);
  std::string prefix = "captured";
  module_->export_function("capture",
                           [prefix](int32_t n) { return static_cast<int32_t>(prefix.size()) + n; });
  Register();
  ASSERT_TRUE(invoke(context_, Fn("mix"),
                     {Value::i32(2), Value::i64(40), Value::f32(1.25f), Value::f64(0)}, &results_)
                  .ok());
  ASSERT_EQ(results_.size(), 3u);
  EXPECT_EQ(results_[0].as_f64(), 42.0);
  EXPECT_EQ(results_[1].as_f32(), 2.5f);
  EXPECT_EQ(results_[2].as_i32(), -1);
  ASSERT_TRUE(invoke(context_, Fn("free"), {Value::i32(4)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 40);
  ASSERT_TRUE(invoke(context_, Fn("capture"), {Value::i32(1)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 9);
}

TEST_F(NativeModuleTest, RefArgumentsAndResults) {
  module_->export_function("length", [](const RefT<Buffer> &b) -> StatusOr<int64_t> {
    if (!b)
      return invalid_argument_error("null buffer");
    return static_cast<int64_t>(b->length());
  });
  module_->export_function("make", [](int32_t n) -> StatusOr<RefT<Buffer>> {
    return Buffer::allocate(static_cast<size_t>(n));
  });
  module_->export_function("identity", [](Ref r) { return r; });
  Register();

  RefT<Buffer> buffer = Buffer::allocate(12).value();
  ASSERT_TRUE(invoke(context_, Fn("length"), {Value::ref(buffer.as_ref())}, &results_).ok());
  EXPECT_EQ(results_[0].as_i64(), 12);
  EXPECT_EQ(buffer.as_ref().ref_count(), 1u); // the argument was released

  RefT<List> list = List::create(ElementType::i32()).value();
  Status s = invoke(context_, Fn("length"), {Value::ref(list.as_ref())}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "ref type mismatch: expected 'vm.buffer' but got 'vm.list'");
  EXPECT_EQ(list.as_ref().ref_count(), 1u); // released despite the error
  s = invoke(context_, Fn("length"), {Value::ref(Ref())}, &results_);
  EXPECT_EQ(s.message(), "null buffer");

  ASSERT_TRUE(invoke(context_, Fn("make"), {Value::i32(5)}, &results_).ok());
  ASSERT_EQ(results_.size(), 1u);
  ASSERT_TRUE(results_[0].is_ref());
  Ref made = results_[0].as_ref();
  EXPECT_TRUE(made.is_type(Buffer::kType));
  EXPECT_EQ(made.as<Buffer>()->length(), 5u);
  EXPECT_EQ(made.ref_count(), 2u); // results_ + made
  results_.clear();
  EXPECT_EQ(made.ref_count(), 1u);

  ASSERT_TRUE(invoke(context_, Fn("identity"), {Value::ref(list.as_ref())}, &results_).ok());
  EXPECT_EQ(results_[0].ref_object(), list.get());
  EXPECT_EQ(list.as_ref().ref_count(), 2u);
  results_.clear();
  EXPECT_EQ(list.as_ref().ref_count(), 1u);
}

TEST_F(NativeModuleTest, ErrorsCarryATrace) {
  module_->export_function("fail", [](int32_t code) -> Status {
    return make_status(StatusCode::kFailedPrecondition, "failed with %d", code);
  });
  Register();
  Status s = invoke(context_, Fn("fail"), {Value::i32(7)}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.to_string_with_trace(), "FAILED_PRECONDITION: failed with 7\n"
                                      "  at native.fail");
  s = invoke(context_, Fn("fail"), {Value::f32(1)}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = invoke(context_, Fn("fail"), {}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
}

TEST_F(NativeModuleTest, BadPackedCalls) {
  module_->export_function("add", [](int32_t a, int32_t b) { return a + b; });
  Register();
  Stack stack;
  alignas(8) uint8_t bytes[8] = {};
  Status s = module_->begin_call(
      stack, FunctionCall{Fn("add"), nullptr, ByteSpan{bytes, 4}, ByteSpan{bytes, 4}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  Function bogus{module_.get(), Linkage::kExport, 9};
  s = module_->begin_call(stack, FunctionCall{bogus, nullptr, {}, {}});
  EXPECT_EQ(s.message(), "module 'native' has no export with ordinal 9");
  EXPECT_TRUE(stack.empty());
}

// A native function that defers `token` times, then returns the sum of its
// arguments plus the number of resumes.
StatusOr<int32_t> resume_countdown(NativeCall &call, uint64_t token) {
  int32_t remaining = static_cast<int32_t>(token >> 32);
  int32_t value = static_cast<int32_t>(token & 0xffffffffu);
  if (remaining > 0) {
    return call.defer(&resume_countdown, (static_cast<uint64_t>(remaining - 1) << 32) |
                                             static_cast<uint32_t>(value + 1));
  }
  return value;
}

StatusOr<int32_t> resume_fail(NativeCall &, uint64_t) {
  return aborted_error("resumed into failure");
}

class DeferTest : public NativeModuleTest {
protected:
  void SetUp() override {
    module_->export_function(
        "countdown", [](NativeCall &call, int32_t times, int32_t base) -> StatusOr<int32_t> {
          if (times == 0)
            return base;
          return call.defer(&resume_countdown,
                            (static_cast<uint64_t>(times - 1) << 32) | static_cast<uint32_t>(base));
        });
    module_->export_function("defer_then_fail", [](NativeCall &call) -> StatusOr<int32_t> {
      return call.defer(&resume_fail, 0);
    });
    module_->export_function("bogus_defer",
                             []() -> Status { return Status(StatusCode::kDeferred); });
    Register();
  }
};

TEST_F(DeferTest, BeginAndResumeInvoke) {
  Invocation invocation(context_);
  Status s = begin_invoke(invocation, Fn("countdown"), {Value::i32(2), Value::i32(10)}, &results_);
  ASSERT_TRUE(s.is_deferred()) << s.to_string();
  EXPECT_TRUE(invocation.suspended());
  EXPECT_EQ(invocation.stack().depth(), 1);
  EXPECT_EQ(invocation.stack().top()->type, FrameType::kNative);
  s = resume_invoke(invocation, &results_);
  ASSERT_TRUE(s.is_deferred());
  s = resume_invoke(invocation, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string();
  EXPECT_FALSE(invocation.suspended());
  EXPECT_TRUE(invocation.stack().empty());
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].as_i32(), 11);
  EXPECT_EQ(resume_invoke(invocation, &results_).code(), StatusCode::kFailedPrecondition);
}

TEST_F(DeferTest, ImmediateCompletion) {
  Invocation invocation(context_);
  ASSERT_TRUE(
      begin_invoke(invocation, Fn("countdown"), {Value::i32(0), Value::i32(5)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 5);
}

TEST_F(DeferTest, InterleavedInvocations) {
  Invocation a(context_), b(context_);
  ValueList ra, rb;
  ASSERT_TRUE(
      begin_invoke(a, Fn("countdown"), {Value::i32(1), Value::i32(100)}, &ra).is_deferred());
  ASSERT_TRUE(
      begin_invoke(b, Fn("countdown"), {Value::i32(1), Value::i32(200)}, &rb).is_deferred());
  EXPECT_EQ(begin_invoke(a, Fn("countdown"), {Value::i32(1), Value::i32(1)}, &ra).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(resume_invoke(b, &rb).ok());
  ASSERT_TRUE(resume_invoke(a, &ra).ok());
  EXPECT_EQ(ra[0].as_i32(), 100); // base + (times - 1)
  EXPECT_EQ(rb[0].as_i32(), 200);
}

TEST_F(DeferTest, SyncInvokeResumesUntilDone) {
  ASSERT_TRUE(invoke(context_, Fn("countdown"), {Value::i32(5), Value::i32(0)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 4);
}

TEST_F(DeferTest, ResumeIntoFailure) {
  Invocation invocation(context_);
  ASSERT_TRUE(begin_invoke(invocation, Fn("defer_then_fail"), {}, &results_).is_deferred());
  Status s = resume_invoke(invocation, &results_);
  EXPECT_EQ(s.code(), StatusCode::kAborted);
  EXPECT_EQ(s.to_string_with_trace(), "ABORTED: resumed into failure\n  at native.defer_then_fail");
  EXPECT_TRUE(invocation.stack().empty());
  EXPECT_FALSE(invocation.suspended());
}

TEST_F(DeferTest, DeferredWithoutDeferIsInternal) {
  Status s = invoke(context_, Fn("bogus_defer"), {}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kInternal);
}

// A packed export that defers once, then writes "iI" results itself.
Status resume_packed_pair(NativeCall &, uint64_t token, ByteSpan results) {
  int32_t a = static_cast<int32_t>(token);
  int64_t b = int64_t{a} * 1000;
  std::memcpy(results.data, &a, 4);
  std::memcpy(results.data + 8, &b, 8);
  return Status();
}

TEST_F(NativeModuleTest, PackedExportDefersAndResumesWithPackedResults) {
  module_->export_packed(
      "pair", "i", "iI", [](NativeCall &call, ByteSpan args, ByteSpan) -> Status {
        int32_t x;
        std::memcpy(&x, args.data, 4);
        return call.defer_packed(&resume_packed_pair, static_cast<uint64_t>(x + 1));
      });
  Register();
  Invocation invocation(context_);
  ASSERT_TRUE(begin_invoke(invocation, Fn("pair"), {Value::i32(6)}, &results_).is_deferred());
  Status s = resume_invoke(invocation, &results_);
  ASSERT_TRUE(s.ok()) << s.to_string();
  ASSERT_EQ(results_.size(), 2u);
  EXPECT_EQ(results_[0].as_i32(), 7);
  EXPECT_EQ(results_[1].as_i64(), 7000);
  EXPECT_TRUE(invocation.stack().empty());
}

TEST_F(DeferTest, AbandonLeavesStackEmpty) {
  Invocation invocation(context_);
  ASSERT_TRUE(begin_invoke(invocation, Fn("countdown"), {Value::i32(3), Value::i32(0)}, &results_)
                  .is_deferred());
  invocation.abandon();
  EXPECT_TRUE(invocation.stack().empty());
  ASSERT_TRUE(
      begin_invoke(invocation, Fn("countdown"), {Value::i32(0), Value::i32(4)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 4);
}

TEST_F(NativeModuleTest, RecursionHitsStackLimitNotTheCStack) {
  // Recurses through begin_call on a VM stack with a small depth limit.
  module_->export_function("recurse", [](NativeCall &call, int32_t n) -> StatusOr<int32_t> {
    if (n == 0)
      return 0;
    alignas(8) int32_t arg = n - 1;
    alignas(8) int32_t result = 0;
    Function self = call.frame().function;
    KILN_RETURN_IF_ERROR(self.module->begin_call(
        call.stack(),
        FunctionCall{self, call.module_state(), ByteSpan{reinterpret_cast<uint8_t *>(&arg), 4},
                     ByteSpan{reinterpret_cast<uint8_t *>(&result), 4}}));
    return result + 1;
  });
  Register();
  Invocation small(context_, StackOptions{16, 4096});
  ASSERT_TRUE(begin_invoke(small, Fn("recurse"), {Value::i32(10)}, &results_).ok());
  EXPECT_EQ(results_[0].as_i32(), 10);
  Status s = begin_invoke(small, Fn("recurse"), {Value::i32(100)}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(s.message().find("stack overflow"), std::string_view::npos);
  EXPECT_EQ(s.trace().size(), 16u);
  EXPECT_EQ(s.trace()[0].function, "recurse");
  EXPECT_TRUE(small.stack().empty());
}

} // namespace
} // namespace kiln::vm
