// kiln/vm/ops.h: the checked op entry points both forms call, and the one
// wording of each op fault.
#include "kiln/vm/ops.h"

#include "gtest/gtest.h"

namespace kiln::vm {
namespace {

TEST(VmOps, ListCountsMustNotBeNegative) {
  auto bad = list_alloc_op(ElementType::i32(), -1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(bad.status().to_string(), "OUT_OF_RANGE: vm.list.alloc capacity: negative value -1");
  auto l = list_alloc_op(ElementType::i32(), 2);
  ASSERT_TRUE(l.ok());
  Status s = list_reserve_op(*l.value(), -5);
  EXPECT_EQ(s.to_string(), "OUT_OF_RANGE: vm.list.reserve capacity: negative value -5");
  s = list_resize_op(*l.value(), INT32_MIN);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_TRUE(list_resize_op(*l.value(), 3).ok());
  EXPECT_EQ(l.value()->size(), 3u);
  EXPECT_EQ(list_negative_index_error(-2).to_string(),
            "OUT_OF_RANGE: list index: negative value -2");
}

TEST(VmOps, ListGetRefOfAnotherTypeIsNull) {
  auto l = list_alloc_op(ElementType::variant(), 1);
  ASSERT_TRUE(l.ok());
  ASSERT_TRUE(list_resize_op(*l.value(), 1).ok());
  auto b = Buffer::allocate(4);
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(l.value()->set_ref(0, b.value().as_ref()).ok());
  Ref out;
  ASSERT_TRUE(list_get_ref_op(*l.value(), 0, &List::kType, false, &out).ok());
  EXPECT_EQ(out.get(), nullptr);
  ASSERT_TRUE(list_get_ref_op(*l.value(), 0, &Buffer::kType, false, &out).ok());
  EXPECT_EQ(out.get(), b.value().get());
  ASSERT_TRUE(list_get_ref_op(*l.value(), 0, nullptr, true, &out).ok());
  EXPECT_EQ(out.get(), b.value().get());
  EXPECT_EQ(list_get_ref_op(*l.value(), -1, nullptr, true, &out).code(), StatusCode::kOutOfRange);
  EXPECT_EQ(list_get_ref_op(*l.value(), 1, nullptr, true, &out).code(), StatusCode::kOutOfRange);
}

TEST(VmOps, BufferAllocAndCloneChecks) {
  EXPECT_EQ(buffer_alloc_op(-1, 0).status().to_string(),
            "OUT_OF_RANGE: vm.buffer.alloc length: negative value -1");
  EXPECT_EQ(buffer_alloc_op(8, 3).status().to_string(),
            "INVALID_ARGUMENT: vm.buffer.alloc alignment 3 is not a power of two");
  auto b = buffer_alloc_op(16, 0);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(buffer_clone_op(*b.value(), 8, 9, 0).status().to_string(),
            "OUT_OF_RANGE: out-of-bounds buffer access: element offset 8, count 9 of "
            "1-byte elements in a buffer of 16 bytes");
  EXPECT_EQ(buffer_clone_op(*b.value(), INT64_MAX, 1, 0).status().code(), StatusCode::kOutOfRange);
  EXPECT_EQ(buffer_clone_op(*b.value(), 0, 4, 6).status().code(), StatusCode::kInvalidArgument);
  auto c = buffer_clone_op(*b.value(), 4, 12, 0);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value()->length(), 12u);
}

TEST(VmOps, FaultWording) {
  EXPECT_EQ(op_fault(KILN_FAULT_DIV_BY_ZERO).to_string(),
            "INVALID_ARGUMENT: integer division by zero");
  EXPECT_EQ(op_fault(KILN_FAULT_BUFFER_READ_ONLY).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(op_fault(KILN_FAULT_GLOBAL_RANGE, -4, 8, 32).to_string(),
            "OUT_OF_RANGE: out-of-bounds indirect global access: byte offset -4 width 8, "
            "module has 32 global bytes");
  EXPECT_EQ(op_fault(KILN_FAULT_REF_GLOBAL_RANGE, 3, 1).code(), StatusCode::kOutOfRange);
  EXPECT_EQ(op_fault(99).code(), StatusCode::kInternal);
}

} // namespace
} // namespace kiln::vm
