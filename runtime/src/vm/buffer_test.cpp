#include "kiln/vm/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace kiln::vm {
namespace {

TEST(BufferTest, AllocateZeroFilledAndAligned) {
  auto b = Buffer::allocate(100, 64);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*b)->length(), 100u);
  EXPECT_TRUE((*b)->is_mutable());
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*b)->data()) % 64, 0u);
  for (size_t i = 0; i < 100; ++i)
    EXPECT_EQ((*b)->data()[i], 0);
  EXPECT_TRUE((*b).as_ref().is_type(Buffer::kType));
  EXPECT_FALSE(Buffer::allocate(8, 3).ok());
}

TEST(BufferTest, LoadStoreAndBounds) {
  RefT<Buffer> b = Buffer::allocate(16).value();
  EXPECT_TRUE(b->store<int32_t>(0, -5).ok());
  EXPECT_TRUE(b->store<double>(8, 2.5).ok());
  EXPECT_TRUE(b->store<int64_t>(3, 77).ok()); // unaligned is fine
  int64_t i64 = 0;
  EXPECT_TRUE(b->load<int64_t>(3, &i64).ok());
  EXPECT_EQ(i64, 77);
  double d = 0;
  EXPECT_TRUE(b->load<double>(8, &d).ok());
  EXPECT_EQ(d, 2.5);

  int32_t i32;
  Status s = b->load<int32_t>(13, &i32);
  EXPECT_EQ(s.code(), StatusCode::kOutOfRange);
  EXPECT_EQ(s.message(), "buffer access out of range: [13, 13 + 4) is not within a buffer "
                         "of 16 bytes");
  EXPECT_EQ(b->store<int32_t>(SIZE_MAX - 1, 0).code(), StatusCode::kOutOfRange);
  EXPECT_TRUE(b->check_range(16, 0).ok());
  EXPECT_FALSE(b->check_range(17, 0).ok());
}

TEST(BufferTest, FillCopyCompare) {
  RefT<Buffer> a = Buffer::allocate(16).value();
  RefT<Buffer> b = Buffer::allocate(16).value();
  uint32_t pattern = 0xAABBCCDDu;
  EXPECT_TRUE(a->fill(4, 8, &pattern, 4).ok());
  uint32_t v = 0;
  EXPECT_TRUE(a->load<uint32_t>(8, &v).ok());
  EXPECT_EQ(v, pattern);
  EXPECT_EQ(a->fill(0, 6, &pattern, 4).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(a->fill(0, 6, &pattern, 3).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(a->fill(12, 8, &pattern, 4).code(), StatusCode::kOutOfRange);
  uint8_t byte = 7;
  EXPECT_TRUE(a->fill(0, 4, &byte, 1).ok());

  bool equal = true;
  EXPECT_TRUE(Buffer::compare(*a, 0, *b, 0, 16, &equal).ok());
  EXPECT_FALSE(equal);
  EXPECT_TRUE(Buffer::copy(*a, 0, *b, 0, 16).ok());
  EXPECT_TRUE(Buffer::compare(*a, 0, *b, 0, 16, &equal).ok());
  EXPECT_TRUE(equal);
  EXPECT_EQ(Buffer::copy(*a, 8, *b, 0, 9).code(), StatusCode::kOutOfRange);
  EXPECT_EQ(Buffer::compare(*a, 0, *b, 10, 7, &equal).code(), StatusCode::kOutOfRange);
  // Overlapping copy within one buffer.
  EXPECT_TRUE(Buffer::copy(*a, 0, *a, 1, 15).ok());

  auto c = Buffer::clone(*a, 4, 8);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->length(), 8u);
  EXPECT_FALSE(Buffer::clone(*a, 10, 8).ok());
}

int g_file_released = 0;
struct FakeFile : RefObject {
  static const RefType kType;
  FakeFile() : RefObject(&kType) {}
  uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
};
const RefType FakeFile::kType = {"test.file", [](RefObject *o) {
                                   ++g_file_released;
                                   delete static_cast<FakeFile *>(o);
                                 }};

TEST(BufferTest, ReadOnlyViewKeepsOwnerAlive) {
  g_file_released = 0;
  RefT<Buffer> view;
  {
    Ref file = Ref::adopt(new FakeFile());
    FakeFile *f = file.as<FakeFile>();
    view = Buffer::wrap_read_only(f->bytes + 2, 4, file).value();
  }
  EXPECT_EQ(g_file_released, 0);
  EXPECT_FALSE(view->is_mutable());
  EXPECT_EQ(view->mutable_data(), nullptr);
  uint8_t x = 0;
  EXPECT_TRUE(view->load<uint8_t>(0, &x).ok());
  EXPECT_EQ(x, 3);
  Status s = view->store<uint8_t>(0, 9);
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(view->fill(0, 1, &x, 1).code(), StatusCode::kPermissionDenied);
  RefT<Buffer> target = Buffer::allocate(4).value();
  EXPECT_EQ(Buffer::copy(*target, 0, *view, 0, 4).code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Buffer::copy(*view, 0, *target, 0, 4).ok());
  EXPECT_EQ(view->load<uint32_t>(1, nullptr).code(), StatusCode::kOutOfRange);
  view.reset();
  EXPECT_EQ(g_file_released, 1);
}

TEST(BufferTest, ExternalWithReleaseCallback) {
  static int released = 0;
  released = 0;
  uint8_t storage[4] = {};
  {
    auto b = Buffer::wrap_external(
        storage, 4, BufferAccess::kMutable,
        Buffer::ReleaseCallback{[](void *u) { ++*static_cast<int *>(u); }, &released});
    ASSERT_TRUE(b.ok());
    EXPECT_TRUE((*b)->store<uint16_t>(2, 0x0102).ok());
  }
  EXPECT_EQ(released, 1);
  EXPECT_EQ(storage[2], 0x02);
}

} // namespace
} // namespace kiln::vm
