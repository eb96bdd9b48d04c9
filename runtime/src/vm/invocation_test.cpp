#include "kiln/vm/invocation.h"

#include <gtest/gtest.h>

#include <cstring>

#include "kiln/vm/buffer.h"
#include "kiln/vm/native_module.h"

namespace kiln::vm {
namespace {

class InvocationTest : public ::testing::Test {
protected:
  InvocationTest() : context_(instance_) {
    module_ = NativeModule::create("m");
    module_->export_function("add", [](int32_t a, int32_t b) { return a + b; });
    module_->export_function("wide", [](int64_t a, double b) { return std::make_tuple(b, a); });
    module_->export_function("keep", [](Ref r) { return r; });
    module_->export_function("sum_tuples", [](int32_t) { return 0; });
    EXPECT_TRUE(context_.register_module(module_.get()).ok());
  }
  Instance instance_;
  Context context_;
  RefT<NativeModule> module_;
  ValueList results_;
};

TEST_F(InvocationTest, ValueListInvoke) {
  Function add = context_.lookup_function("add").value();
  ASSERT_TRUE(invoke(context_, add, {Value::i32(40), Value::i32(2)}, &results_).ok());
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].type(), ValueType::kI32);
  EXPECT_EQ(results_[0].as_i32(), 42);
  Function wide = context_.lookup_function("m.wide").value();
  ASSERT_TRUE(invoke(context_, wide, {Value::i64(-7), Value::f64(0.5)}, &results_).ok());
  ASSERT_EQ(results_.size(), 2u);
  EXPECT_EQ(results_[0].as_f64(), 0.5);
  EXPECT_EQ(results_[1].as_i64(), -7);
}

TEST_F(InvocationTest, ArgumentErrors) {
  Function add = context_.lookup_function("add").value();
  Status s = invoke(context_, add, {Value::i32(1)}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  s = invoke(context_, add, {Value::i32(1), Value::f32(2)}, &results_);
  EXPECT_EQ(s.message(), "value 1 has type f32 but the signature expects i32");
  EXPECT_EQ(invoke(context_, Function{}, {}, &results_).code(), StatusCode::kInvalidArgument);
}

TEST_F(InvocationTest, UnregisteredModule) {
  RefT<NativeModule> other = NativeModule::create("other");
  other->export_function("f", []() {});
  Status s = invoke(context_, other->export_function(0), {}, &results_);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "module 'other' is not registered in this context");
}

TEST_F(InvocationTest, PackedInvoke) {
  Function add = context_.lookup_function("add").value();
  alignas(8) int32_t args[2] = {5, 6};
  alignas(8) int32_t result = 0;
  ASSERT_TRUE(invoke_packed(context_, add, ByteSpan{reinterpret_cast<uint8_t *>(args), 8},
                            ByteSpan{reinterpret_cast<uint8_t *>(&result), 4})
                  .ok());
  EXPECT_EQ(result, 11);
}

TEST_F(InvocationTest, PackedInvokeReleasesArgumentRefs) {
  Function keep = context_.lookup_function("keep").value();
  RefT<Buffer> b = Buffer::allocate(1).value();
  alignas(8) uint8_t args[sizeof(void *)];
  new (args) Ref(b.as_ref());
  alignas(8) uint8_t result[sizeof(void *)] = {};
  EXPECT_EQ(b.as_ref().ref_count(), 2u);
  ASSERT_TRUE(
      invoke_packed(context_, keep, ByteSpan{args, sizeof(args)}, ByteSpan{result, sizeof(result)})
          .ok());
  // The callee moved the argument into its result: args slot now null.
  EXPECT_EQ(b.as_ref().ref_count(), 2u);
  Ref out = std::move(*reinterpret_cast<Ref *>(result));
  EXPECT_EQ(out, b.as_ref());
  out.reset();
  EXPECT_EQ(b.as_ref().ref_count(), 1u);
}

TEST_F(InvocationTest, BeginPackedOnCallerStack) {
  Function add = context_.lookup_function("add").value();
  Stack stack;
  alignas(8) int32_t args[2] = {1, 2};
  alignas(8) int32_t result = 0;
  ASSERT_TRUE(begin_packed(stack, context_, add, ByteSpan{reinterpret_cast<uint8_t *>(args), 8},
                           ByteSpan{reinterpret_cast<uint8_t *>(&result), 4})
                  .ok());
  EXPECT_EQ(result, 3);
  EXPECT_EQ(resume_packed(stack, add, ByteSpan{}).code(), StatusCode::kFailedPrecondition);
}

TEST_F(InvocationTest, ReusedResultListIsOverwritten) {
  Function add = context_.lookup_function("add").value();
  results_.push_back(Value::i64(99));
  ASSERT_TRUE(invoke(context_, add, {Value::i32(1), Value::i32(1)}, &results_).ok());
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].as_i32(), 2);
}

TEST_F(InvocationTest, ReentrantInvokeFromNative) {
  RefT<NativeModule> outer = NativeModule::create("outer");
  Context *ctx = &context_;
  Function add = context_.lookup_function("add").value();
  outer->export_function("twice", [ctx, add](int32_t x) -> StatusOr<int32_t> {
    ValueList r;
    KILN_RETURN_IF_ERROR(invoke(*ctx, add, {Value::i32(x), Value::i32(x)}, &r));
    return r[0].as_i32();
  });
  ASSERT_TRUE(context_.register_module(outer.get()).ok());
  ASSERT_TRUE(
      invoke(context_, context_.lookup_function("twice").value(), {Value::i32(21)}, &results_)
          .ok());
  EXPECT_EQ(results_[0].as_i32(), 42);
}

} // namespace
} // namespace kiln::vm
