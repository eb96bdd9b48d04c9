#include "kiln/vm/list.h"

#include <gtest/gtest.h>

#include "kiln/vm/buffer.h"

namespace kiln::vm {
namespace {

TEST(ListTest, ScalarLists) {
  RefT<List> i8 = List::create(ElementType::i8()).value();
  ASSERT_TRUE(i8->resize(2).ok());
  EXPECT_TRUE(i8->set_i32(0, 300).ok()); // truncated to int8
  int32_t v = 0;
  EXPECT_TRUE(i8->get_i32(0, &v).ok());
  EXPECT_EQ(v, static_cast<int8_t>(300));
  EXPECT_TRUE(i8->set_i32(1, -1).ok());
  EXPECT_TRUE(i8->get_i32(1, &v).ok());
  EXPECT_EQ(v, -1);

  RefT<List> i16 = List::create(ElementType::i16(), 4).value();
  EXPECT_EQ(i16->capacity(), 4u);
  EXPECT_TRUE(i16->resize(1).ok());
  EXPECT_TRUE(i16->set_i32(0, -1234).ok());
  EXPECT_TRUE(i16->get_i32(0, &v).ok());
  EXPECT_EQ(v, -1234);

  RefT<List> i32 = List::create(ElementType::i32()).value();
  EXPECT_TRUE(i32->resize(3).ok());
  EXPECT_TRUE(i32->get_i32(2, &v).ok());
  EXPECT_EQ(v, 0);
  EXPECT_TRUE(i32->set_i32(2, 42).ok());
  EXPECT_TRUE(i32->get_i32(2, &v).ok());
  EXPECT_EQ(v, 42);
  int64_t i;
  // Another scalar type converts, as in IREE's list.c (ConversionsMatchIree).
  EXPECT_TRUE(i32->set_i32(0, -7).ok());
  EXPECT_TRUE(i32->get_i64(0, &i).ok());
  EXPECT_EQ(i, -7);
  // A ref read from a list of values: IREE's FAILED_PRECONDITION.
  Ref r;
  EXPECT_EQ(i32->get_ref(0, &r).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(i32->set_value(0, Value::ref(Ref())).code(), StatusCode::kFailedPrecondition);

  RefT<List> i64 = List::create(ElementType::i64()).value();
  EXPECT_TRUE(i64->resize(1).ok());
  EXPECT_TRUE(i64->set_i64(0, INT64_MIN).ok());
  EXPECT_TRUE(i64->get_i64(0, &i).ok());
  EXPECT_EQ(i, INT64_MIN);
  EXPECT_TRUE(i64->set_i32(0, -1).ok());
  EXPECT_TRUE(i64->get_i64(0, &i).ok());
  EXPECT_EQ(i, -1);

  RefT<List> f32 = List::create(ElementType::f32()).value();
  EXPECT_TRUE(f32->resize(1).ok());
  EXPECT_TRUE(f32->set_f32(0, 1.5f).ok());
  float f;
  EXPECT_TRUE(f32->get_f32(0, &f).ok());
  EXPECT_EQ(f, 1.5f);
  double d;
  EXPECT_TRUE(f32->get_f64(0, &d).ok());
  EXPECT_EQ(d, 1.5);

  RefT<List> f64 = List::create(ElementType::f64()).value();
  EXPECT_TRUE(f64->resize(1).ok());
  EXPECT_TRUE(f64->set_f64(0, -0.25).ok());
  EXPECT_TRUE(f64->get_f64(0, &d).ok());
  EXPECT_EQ(d, -0.25);
  Value val;
  EXPECT_TRUE(f64->get_value(0, &val).ok());
  EXPECT_EQ(val.type(), ValueType::kF64);
  EXPECT_EQ(val.as_f64(), -0.25);
}

// Found by the diff fuzzer under UBSan (vm.list.resize to 0 of a list
// allocated with capacity 0): resizing a list that has no storage to its
// own size must not pass a null pointer to memset.
TEST(ListTest, ResizeWithoutStorage) {
  for (ElementType type : {ElementType::i32(), ElementType::f64()}) {
    RefT<List> list = List::create(type, 0).value();
    EXPECT_TRUE(list->resize(0).ok());
    EXPECT_EQ(list->size(), 0u);
    EXPECT_TRUE(list->resize(2).ok());
    EXPECT_EQ(list->size(), 2u);
  }
}

TEST(ListTest, BoundsErrors) {
  RefT<List> l = List::create(ElementType::i32()).value();
  int32_t v;
  Status s = l->get_i32(0, &v);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "list index 0 out of range for a list of 0 elements");
  EXPECT_EQ(l->set_i32(5, 1).code(), StatusCode::kOutOfRange);
  Ref r;
  EXPECT_EQ(l->get_ref(0, &r).code(), StatusCode::kOutOfRange);
}

TEST(ListTest, GrowAndShrinkAndPush) {
  RefT<List> l = List::create(ElementType::i32()).value();
  for (int i = 0; i < 100; ++i)
    EXPECT_TRUE(l->push_value(Value::i32(i)).ok());
  EXPECT_EQ(l->size(), 100u);
  EXPECT_GE(l->capacity(), 100u);
  int32_t v;
  EXPECT_TRUE(l->get_i32(99, &v).ok());
  EXPECT_EQ(v, 99);
  // A float pushed into an integer list is IREE's zero (ConversionsMatchIree).
  EXPECT_TRUE(l->push_value(Value::f32(1.0f)).ok());
  EXPECT_EQ(l->size(), 101u);
  EXPECT_TRUE(l->get_i32(100, &v).ok());
  EXPECT_EQ(v, 0);
  // A ref cannot go into a list of values.
  EXPECT_EQ(l->push_value(Value::ref(Ref())).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(l->size(), 101u);
  EXPECT_TRUE(l->resize(10).ok());
  EXPECT_EQ(l->size(), 10u);
  EXPECT_TRUE(l->resize(20).ok());
  EXPECT_TRUE(l->get_i32(15, &v).ok());
  EXPECT_EQ(v, 0); // re-grown elements are zero
}

TEST(ListTest, RefListsRetainAndRelease) {
  RefT<Buffer> buffer = Buffer::allocate(4).value();
  RefT<List> inner = List::create(ElementType::i32()).value();
  {
    RefT<List> l = List::create(ElementType::ref(&Buffer::kType)).value();
    EXPECT_TRUE(l->resize(3).ok());
    EXPECT_TRUE(l->set_ref(0, buffer.as_ref()).ok());
    EXPECT_EQ(buffer.as_ref().ref_count(), 2u);
    EXPECT_TRUE(l->set_ref(1, buffer.as_ref()).ok());
    EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
    Status s = l->set_ref(2, inner.as_ref());
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(s.message(), "ref type mismatch: expected 'vm.buffer' but got 'vm.list'");
    Ref out;
    EXPECT_TRUE(l->get_ref(0, &out).ok());
    EXPECT_EQ(out, buffer.as_ref());
    EXPECT_EQ(buffer.as_ref().ref_count(), 4u);
    EXPECT_TRUE(l->get_ref(2, &out).ok());
    EXPECT_TRUE(out.is_null());
    EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
    EXPECT_TRUE(l->set_ref(1, Ref()).ok()); // overwrite releases
    EXPECT_EQ(buffer.as_ref().ref_count(), 2u);
    int32_t v;
    // A value read from a list of refs: IREE's FAILED_PRECONDITION.
    EXPECT_EQ(l->get_i32(0, &v).code(), StatusCode::kFailedPrecondition);
    // Moving a ref in does not retain.
    Ref moved = buffer.as_ref();
    EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
    EXPECT_TRUE(l->set_ref(2, std::move(moved)).ok());
    EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
    EXPECT_TRUE(l->resize(1).ok()); // shrink releases
    EXPECT_EQ(buffer.as_ref().ref_count(), 2u);
  }
  EXPECT_EQ(buffer.as_ref().ref_count(), 1u); // list destroyed -> released
  EXPECT_EQ(inner.as_ref().ref_count(), 1u);
}

TEST(ListTest, AnyRefList) {
  RefT<List> l = List::create(ElementType::ref()).value();
  EXPECT_EQ(l->element_type().to_string(), "ref<?>");
  EXPECT_TRUE(l->resize(2).ok());
  RefT<Buffer> b = Buffer::allocate(1).value();
  RefT<List> other = List::create(ElementType::f32()).value();
  EXPECT_TRUE(l->set_ref(0, b.as_ref()).ok());
  EXPECT_TRUE(l->set_ref(1, other.as_ref()).ok());
  Value v;
  EXPECT_TRUE(l->get_value(1, &v).ok());
  EXPECT_TRUE(v.is_ref());
  EXPECT_EQ(v.ref_object()->type, &List::kType);
}

TEST(ListTest, VariantList) {
  RefT<List> l = List::create(ElementType::variant()).value();
  RefT<Buffer> b = Buffer::allocate(1).value();
  EXPECT_TRUE(l->push_value(Value::i8(-3)).ok());
  EXPECT_TRUE(l->push_value(Value::i16(300)).ok());
  EXPECT_TRUE(l->push_value(Value::i32(7)).ok());
  EXPECT_TRUE(l->push_value(Value::i64(1LL << 40)).ok());
  EXPECT_TRUE(l->push_value(Value::f32(0.5f)).ok());
  EXPECT_TRUE(l->push_value(Value::f64(0.25)).ok());
  EXPECT_TRUE(l->push_value(Value::ref(b.as_ref())).ok());
  EXPECT_TRUE(l->resize(8).ok()); // element 7 is none
  EXPECT_EQ(b.as_ref().ref_count(), 2u);

  int32_t i32;
  EXPECT_TRUE(l->get_i32(0, &i32).ok());
  EXPECT_EQ(i32, -3);
  EXPECT_TRUE(l->get_i32(1, &i32).ok());
  EXPECT_EQ(i32, 300);
  EXPECT_TRUE(l->get_i32(2, &i32).ok());
  EXPECT_EQ(i32, 7);
  int64_t i64;
  EXPECT_TRUE(l->get_i64(3, &i64).ok());
  EXPECT_EQ(i64, 1LL << 40);
  float f;
  EXPECT_TRUE(l->get_f32(4, &f).ok());
  EXPECT_EQ(f, 0.5f);
  double d;
  EXPECT_TRUE(l->get_f64(5, &d).ok());
  EXPECT_EQ(d, 0.25);
  Ref r;
  EXPECT_TRUE(l->get_ref(6, &r).ok());
  EXPECT_EQ(r, b.as_ref());
  r.reset();
  EXPECT_TRUE(l->get_ref(7, &r).ok());
  EXPECT_TRUE(r.is_null());

  // Variant elements convert like typed ones (IREE's get_value_as).
  EXPECT_TRUE(l->get_i32(3, &i32).ok());
  EXPECT_EQ(i32, 0); // 2^40 truncated
  EXPECT_TRUE(l->get_f32(5, &f).ok());
  EXPECT_EQ(f, 0.25f);
  EXPECT_TRUE(l->get_f32(2, &f).ok());
  EXPECT_EQ(f, 0.0f); // integer -> float is zero
  EXPECT_EQ(l->get_ref(2, &r).code(), StatusCode::kFailedPrecondition);
  Status s = l->get_i32(6, &i32);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "list element 6 is ref, not i32");

  Value v;
  EXPECT_TRUE(l->get_value(6, &v).ok());
  EXPECT_EQ(v.to_string(), "ref<vm.buffer>");
  v.reset();
  EXPECT_TRUE(l->set_i32(6, 1).ok()); // replaces the ref: released
  EXPECT_EQ(b.as_ref().ref_count(), 1u);
  EXPECT_TRUE(l->set_ref(0, b.as_ref()).ok());
  EXPECT_EQ(b.as_ref().ref_count(), 2u);
  l.reset();
  EXPECT_EQ(b.as_ref().ref_count(), 1u);
}

TEST(ListTest, ListOfListsDestroysRecursively) {
  RefT<List> leaf = List::create(ElementType::i32()).value();
  {
    RefT<List> outer = List::create(ElementType::ref(&List::kType)).value();
    EXPECT_TRUE(outer->push_value(Value::ref(leaf.as_ref())).ok());
    EXPECT_EQ(leaf.as_ref().ref_count(), 2u);
  }
  EXPECT_EQ(leaf.as_ref().ref_count(), 1u);
}

// Every scalar get and set converts between the access type and the stored
// type as IREE's iree_vm_list_convert_value_type does: integers sign-extend or
// truncate, f32 <-> f64 cast, integer <-> float gives zero.
TEST(ListTest, ConversionsMatchIree) {
  RefT<List> i8 = List::create(ElementType::i8()).value();
  ASSERT_TRUE(i8->resize(1).ok());
  ASSERT_TRUE(i8->set_i32(0, 0x1ff).ok()); // truncated to 0xff = -1
  int64_t wide = 0;
  ASSERT_TRUE(i8->get_i64(0, &wide).ok());
  EXPECT_EQ(wide, -1);
  ASSERT_TRUE(i8->set_i64(0, 0x7f80).ok());
  int32_t narrow = 0;
  ASSERT_TRUE(i8->get_i32(0, &narrow).ok());
  EXPECT_EQ(narrow, -128);
  float f = 1.0f;
  ASSERT_TRUE(i8->get_f32(0, &f).ok());
  EXPECT_EQ(f, 0.0f);
  ASSERT_TRUE(i8->set_f64(0, 3.0).ok());
  ASSERT_TRUE(i8->get_i32(0, &narrow).ok());
  EXPECT_EQ(narrow, 0);

  RefT<List> i64 = List::create(ElementType::i64()).value();
  ASSERT_TRUE(i64->resize(1).ok());
  ASSERT_TRUE(i64->set_i64(0, 0x123456789abcdef0LL).ok());
  ASSERT_TRUE(i64->get_i32(0, &narrow).ok());
  EXPECT_EQ(narrow, static_cast<int32_t>(0x9abcdef0u));
  double d = 1.0;
  ASSERT_TRUE(i64->get_f64(0, &d).ok());
  EXPECT_EQ(d, 0.0);

  RefT<List> f32 = List::create(ElementType::f32()).value();
  ASSERT_TRUE(f32->resize(1).ok());
  ASSERT_TRUE(f32->set_f64(0, 0.1).ok());
  ASSERT_TRUE(f32->get_f32(0, &f).ok());
  EXPECT_EQ(f, 0.1f);
  ASSERT_TRUE(f32->get_f64(0, &d).ok());
  EXPECT_EQ(d, static_cast<double>(0.1f));
  ASSERT_TRUE(f32->set_i32(0, 5).ok());
  ASSERT_TRUE(f32->get_f32(0, &f).ok());
  EXPECT_EQ(f, 0.0f);
  ASSERT_TRUE(f32->get_i64(0, &wide).ok());
  EXPECT_EQ(wide, 0);

  // A variant list stores the access type itself; reads convert.
  RefT<List> any = List::create(ElementType::variant()).value();
  ASSERT_TRUE(any->resize(1).ok());
  ASSERT_TRUE(any->set_i32(0, -2).ok());
  Value stored;
  ASSERT_TRUE(any->get_value(0, &stored).ok());
  EXPECT_EQ(stored.type(), ValueType::kI32);
  ASSERT_TRUE(any->get_i64(0, &wide).ok());
  EXPECT_EQ(wide, -2);
}

} // namespace
} // namespace kiln::vm
