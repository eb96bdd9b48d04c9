#include "kiln/vm/signature.h"

#include <gtest/gtest.h>

#include <cstring>

#include "kiln/vm/buffer.h"

namespace kiln::vm {
namespace {

TEST(SignatureTest, Parse) {
  auto s = parse_signature("0iI_fF");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->arguments, "iI");
  EXPECT_EQ(s->results, "fF");
  auto v = parse_signature("0v_v");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->arguments, "");
  EXPECT_EQ(v->results, "");
  auto c = parse_signature("0rCiID_r");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->arguments, "rCiID");
  EXPECT_TRUE(parse_signature("0_").ok());
}

TEST(SignatureTest, ParseErrors) {
  EXPECT_EQ(parse_signature("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parse_signature("1i_i").status().message(),
            "signature '1i_i' does not start with the version '0'");
  EXPECT_FALSE(parse_signature("0ii").ok());
  EXPECT_FALSE(parse_signature("0i_i_i").ok());
  EXPECT_EQ(parse_signature("0x_i").status().message(),
            "invalid type code 'x' in signature '0x_i'");
  EXPECT_FALSE(parse_signature("0Ci_i").ok());
  EXPECT_FALSE(parse_signature("0CD_i").ok());
  EXPECT_FALSE(parse_signature("0CCiDD_i").ok());
}

TEST(SignatureTest, Equivalence) {
  EXPECT_TRUE(signatures_equivalent("0v_v", "0_"));
  EXPECT_TRUE(signatures_equivalent("0i_v", "0i_"));
  EXPECT_FALSE(signatures_equivalent("0i_i", "0I_i"));
  EXPECT_FALSE(signatures_equivalent("0i_i", "garbage"));
}

TEST(SignatureTest, FixedLayoutSizes) {
  EXPECT_EQ(packed_size("").value(), 0u);
  EXPECT_EQ(packed_size("i").value(), 4u);
  EXPECT_EQ(packed_size("ii").value(), 8u);
  EXPECT_EQ(packed_size("iI").value(), 16u); // 4 + pad 4 + 8
  EXPECT_EQ(packed_size("Ii").value(), 16u); // tail padded to 8
  EXPECT_EQ(packed_size("fFf").value(), 24u);
  EXPECT_EQ(packed_size("ir").value(), 8u + sizeof(void *));
  EXPECT_EQ(packed_size("iii").value(), 12u);
  EXPECT_FALSE(packed_size("q").ok());
}

TEST(SignatureTest, VariadicLayout) {
  EXPECT_TRUE(has_variadic("iCiD"));
  EXPECT_FALSE(has_variadic("iI"));
  int32_t counts[] = {3};
  // i (4) | count (4) | 3 x (i 4, I 8 aligned) -> 8 + 3 * 16 = 56
  EXPECT_EQ(packed_size("iCiID", counts, 1).value(), 56u);
  int32_t zero[] = {0};
  EXPECT_EQ(packed_size("CiD", zero, 1).value(), 4u);
  EXPECT_FALSE(packed_size("CiD", nullptr, 0).ok());
  int32_t negative[] = {-1};
  EXPECT_FALSE(packed_size("CiD", negative, 1).ok());
}

TEST(SignatureTest, PackUnpackRoundTrip) {
  RefT<Buffer> buffer = Buffer::allocate(4).value();
  ValueList in = {Value::i32(-1), Value::i64(1LL << 33), Value::f32(1.5f), Value::f64(2.25),
                  Value::ref(buffer.as_ref())};
  const char *codes = "iIfFr";
  size_t size = measure_values(codes, in.data(), in.size()).value();
  EXPECT_EQ(size, 32u + sizeof(void *));
  alignas(8) uint8_t bytes[64];
  ASSERT_TRUE(pack_values(codes, in.data(), in.size(), bytes, sizeof(bytes)).ok());
  EXPECT_EQ(buffer.as_ref().ref_count(), 3u); // in + packed slot
  int32_t i32;
  std::memcpy(&i32, bytes + 0, 4);
  EXPECT_EQ(i32, -1);
  int64_t i64;
  std::memcpy(&i64, bytes + 8, 8);
  EXPECT_EQ(i64, 1LL << 33);
  float f32;
  std::memcpy(&f32, bytes + 16, 4);
  EXPECT_EQ(f32, 1.5f);
  double f64;
  std::memcpy(&f64, bytes + 24, 8);
  EXPECT_EQ(f64, 2.25);

  ValueList out;
  ASSERT_TRUE(unpack_values(codes, bytes, size, &out).ok());
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].as_i32(), -1);
  EXPECT_EQ(out[1].as_i64(), 1LL << 33);
  EXPECT_EQ(out[2].as_f32(), 1.5f);
  EXPECT_EQ(out[3].as_f64(), 2.25);
  EXPECT_EQ(out[4].ref_object(), buffer.get());
  EXPECT_EQ(buffer.as_ref().ref_count(), 3u); // moved out of the slot
  release_packed_refs(codes, bytes, size);    // slot already null: no-op
  EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
}

TEST(SignatureTest, PackVariadic) {
  ValueList in = {Value::i32(9),  Value::i32(2),  Value::i32(10),
                  Value::i64(11), Value::i32(20), Value::i64(21)};
  const char *codes = "iCiID";
  size_t size = measure_values(codes, in.data(), in.size()).value();
  EXPECT_EQ(size, 40u); // 4 + 4 + 2 * 16
  alignas(8) uint8_t bytes[64];
  ASSERT_TRUE(pack_values(codes, in.data(), in.size(), bytes, sizeof(bytes)).ok());
  int32_t count;
  std::memcpy(&count, bytes + 4, 4);
  EXPECT_EQ(count, 2);
  int64_t second;
  std::memcpy(&second, bytes + 32, 8);
  EXPECT_EQ(second, 21);
  EXPECT_EQ(packed_size_of(codes, bytes, size).value(), size);
  EXPECT_FALSE(packed_size_of(codes, bytes, 20).ok());
  ValueList out;
  ASSERT_TRUE(unpack_values(codes, bytes, size, &out).ok());
  ASSERT_EQ(out.size(), in.size());
  EXPECT_EQ(out[5].as_i64(), 21);
}

TEST(SignatureTest, PackErrors) {
  ValueList wrong_type = {Value::f32(1)};
  Status s = measure_values("i", wrong_type.data(), wrong_type.size()).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "value 0 has type f32 but the signature expects i32");
  ValueList too_many = {Value::i32(1), Value::i32(2)};
  EXPECT_EQ(measure_values("i", too_many.data(), too_many.size()).status().message(),
            "too many values: the signature takes 1, got 2");
  EXPECT_FALSE(measure_values("ii", too_many.data(), 1).ok());
  alignas(8) uint8_t bytes[4];
  ValueList two = {Value::i32(1), Value::i32(2)};
  EXPECT_EQ(pack_values("ii", two.data(), 2, bytes, 4).code(), StatusCode::kOutOfRange);
  ValueList none_as_ref = {Value()};
  EXPECT_TRUE(measure_values("r", none_as_ref.data(), 1).ok());
}

TEST(SignatureTest, ReleasePackedRefs) {
  RefT<Buffer> buffer = Buffer::allocate(4).value();
  ValueList in = {Value::i32(1), Value::ref(buffer.as_ref())};
  alignas(8) uint8_t bytes[32];
  ASSERT_TRUE(pack_values("ir", in.data(), 2, bytes, sizeof(bytes)).ok());
  EXPECT_EQ(buffer.as_ref().ref_count(), 3u);
  release_packed_refs("ir", bytes, sizeof(bytes));
  EXPECT_EQ(buffer.as_ref().ref_count(), 2u);
}

} // namespace
} // namespace kiln::vm

TEST(SignatureTest, FormatsAsTypes) {
  using kiln::vm::format_signature_types;
  EXPECT_EQ(format_signature_types("0ii_i"), "(i32, i32) -> i32");
  EXPECT_EQ(format_signature_types("0rF_v"), "(!vm.ref<?>, f64) -> ()");
  EXPECT_EQ(format_signature_types("0v_IF"), "() -> (i64, f64)");
  EXPECT_EQ(format_signature_types("0CiD_i"), "(i32...) -> i32");
  EXPECT_EQ(format_signature_types("0iCiID_r"), "(i32, tuple<i32, i64>...) -> !vm.ref<?>");
  EXPECT_EQ(format_signature_types("bogus"), "bogus");
}
