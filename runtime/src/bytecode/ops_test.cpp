// kiln/c/ops.h: the one definition of op semantics, tested directly.
#include "kiln/c/ops.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "gtest/gtest.h"

namespace {

TEST(Ops, IntegerDivision) {
  int32_t q = 0;
  EXPECT_EQ(kiln_div_i32_s(7, 0, &q), KILN_OP_DIV_BY_ZERO);
  EXPECT_EQ(kiln_div_i32_s(INT32_MIN, -1, &q), KILN_OP_OK);
  EXPECT_EQ(q, INT32_MIN);
  EXPECT_EQ(kiln_rem_i32_s(INT32_MIN, -1, &q), KILN_OP_OK);
  EXPECT_EQ(q, 0);
  int64_t q64 = 0;
  EXPECT_EQ(kiln_div_i64_s(INT64_MIN, -1, &q64), KILN_OP_OK);
  EXPECT_EQ(q64, INT64_MIN);
  EXPECT_EQ(kiln_rem_i64_u(5, 0, &q64), KILN_OP_DIV_BY_ZERO);
  EXPECT_EQ(kiln_div_i32_u(-1, 2, &q), KILN_OP_OK);
  EXPECT_EQ(q, 0x7FFFFFFF);
}

TEST(Ops, ShiftsAndBits) {
  EXPECT_EQ(kiln_shl_i32(1, 32), 1);
  EXPECT_EQ(kiln_shl_i32(1, 31), INT32_MIN);
  EXPECT_EQ(kiln_shr_i32_u(-1, 63), 1);
  EXPECT_EQ(kiln_shl_i64(1, 64), 1);
  EXPECT_EQ(kiln_ctlz_i32(0), 32);
  EXPECT_EQ(kiln_ctlz_i64(0), 64);
  EXPECT_EQ(kiln_ctlz_i64(1), 63);
  EXPECT_EQ(kiln_abs_i32(INT32_MIN), INT32_MIN);
  EXPECT_EQ(kiln_add_i32(INT32_MAX, 1), INT32_MIN);
}

TEST(Ops, FloatMinMaxAndRounding) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_TRUE(std::isnan(kiln_min_f32(nan, 1.0f)));
  EXPECT_EQ(kiln_min_f32(1.0f, nan), 1.0f);
  EXPECT_EQ(kiln_max_f32(1.0f, nan), 1.0f);
  EXPECT_TRUE(std::isnan(kiln_max_f32(nan, 1.0f)));
  EXPECT_EQ(kiln_round_f32(0.5f), 1.0f);
  EXPECT_EQ(kiln_round_f32(-0.5f), -1.0f);
  EXPECT_EQ(kiln_round_even_f32(0.5f), 0.0f);
  EXPECT_EQ(kiln_round_even_f32(1.5f), 2.0f);
  EXPECT_EQ(kiln_round_even_f64(-2.5), -2.0);
  EXPECT_EQ(kiln_rem_f64(7.0, 4.0), -1.0);
}

TEST(Ops, FloatToIntCasts) {
  EXPECT_EQ(kiln_cast_f32_si32(std::numeric_limits<float>::quiet_NaN()), 0);
  EXPECT_EQ(kiln_cast_f32_si32(std::numeric_limits<float>::infinity()), INT32_MAX);
  EXPECT_EQ(kiln_cast_f32_si32(-std::numeric_limits<float>::infinity()), INT32_MIN);
  EXPECT_EQ(kiln_cast_f32_si32(1.5f), 2);
  EXPECT_EQ(kiln_cast_f32_si32(-1.5f), -2);
  EXPECT_EQ(kiln_cast_f64_si64(-9223372036854775808.0), INT64_MIN);
  EXPECT_EQ(kiln_cast_f64_si64(9223372036854775808.0), INT64_MAX);
  EXPECT_EQ(static_cast<uint64_t>(kiln_cast_f64_ui64(1e30)), UINT64_MAX);
  EXPECT_EQ(kiln_cast_f32_ui64(-3.0f), 0);
  EXPECT_EQ(kiln_cast_f32_si64(2.5f), 3);
}

TEST(Ops, NearEquality) {
  EXPECT_EQ(kiln_cmp_eq_f32_near(2.0f, 2.0f), 1);
  EXPECT_EQ(kiln_cmp_eq_f32_near(-2.0f, 2.0f), 0);
  EXPECT_EQ(kiln_cmp_eq_f32_near(0.0f, -0.0f), 1);
  float a = 1.0f;
  float b = a;
  for (int i = 0; i < 99; ++i)
    b = std::nextafter(b, 2.0f);
  EXPECT_EQ(kiln_cmp_eq_f32_near(a, b), 1);
  EXPECT_EQ(kiln_cmp_eq_f32_near(a, std::nextafter(b, 2.0f)), 0);
  EXPECT_EQ(kiln_cmp_eq_f64_near(1.0, 1.0 + 1e-9), 1);
  EXPECT_EQ(kiln_cmp_eq_f64_near(1.0, 1.1), 0);
}

// The edges where a sign-bit rule and IREE's `x >= 0` rule part ways (the
// compiler's folder and expansion agree with these; see
// test/e2e/comparisons.mlir, test_cmp_near_edges).
float f32_bits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}
double f64_bits(uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

TEST(Ops, NearEqualityEdges) {
  const float nan = f32_bits(0x7FC00000u);
  EXPECT_EQ(kiln_cmp_eq_f32_near(-0.0f, f32_bits(0x80000001u)), 0);
  EXPECT_EQ(kiln_cmp_eq_f32_near(nan, nan), 1);
  EXPECT_EQ(kiln_cmp_eq_f32_near(nan, f32_bits(0x7FC00001u)), 1);
  EXPECT_EQ(kiln_cmp_eq_f32_near(nan, 1.0f), 0);
  EXPECT_EQ(kiln_cmp_eq_f32_near(f32_bits(0x7F800000u), f32_bits(0x7F800001u)), 0);
  EXPECT_EQ(kiln_cmp_eq_f32_near(f32_bits(0xFF800000u), f32_bits(0xFF800001u)), 1);
  EXPECT_EQ(kiln_cmp_eq_f32_near(f32_bits(0xFFC00000u), -1.0f), 0);
  EXPECT_EQ(kiln_cmp_eq_f64_near(-0.0, f64_bits(0x8000000000000001ull)), 0);
  EXPECT_EQ(kiln_cmp_eq_f64_near(0.0, -0.0), 1);
  EXPECT_EQ(kiln_cmp_eq_f64_near(f64_bits(0x7FF8000000000000ull), 1.0), 0);
}

TEST(Ops, BufferRanges) {
  uint64_t off = 0;
  EXPECT_EQ(kiln_buffer_element(16, 3, 4, &off), KILN_OP_OK);
  EXPECT_EQ(off, 12u);
  EXPECT_EQ(kiln_buffer_element(16, 4, 4, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_element(16, -1, 4, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_element(15, 3, 4, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_range(16, 2, 2, 4, &off), KILN_OP_OK);
  EXPECT_EQ(kiln_buffer_range(16, 2, 3, 4, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_range(16, INT64_MAX, 1, 1, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_range(16, 1, INT64_MAX, 1, &off), KILN_OP_OUT_OF_RANGE);
  EXPECT_EQ(kiln_buffer_range(16, 16, 0, 1, &off), KILN_OP_OK);
}

// vm.buffer.hash is IREE's SipHash-2-4 (key 00..0f, length in the top
// byte): the reference implementation's vectors for the messages 00 01 ..
// (n-1), plus longer inputs (length >= 256 keeps only the low byte).
TEST(Ops, BufferHashIsSipHash24) {
  uint8_t data[300];
  for (int i = 0; i < 300; ++i)
    data[i] = static_cast<uint8_t>(i);
  struct Vector {
    uint64_t length, hash;
  };
  const Vector vectors[] = {
      {0, 0x726fdb47dd0e0e31ull},  {1, 0x74f839c593dc67fdull},  {7, 0xab0200f58b01d137ull},
      {8, 0x93f5f5799a932462ull},  {9, 0x9e0082df0ba9e4b0ull},  {15, 0xa129ca6149be45e5ull},
      {16, 0x3f2acc7f57c29bdbull}, {63, 0x958a324ceb064572ull}, {300, 0x4b0b710db6117839ull},
  };
  for (const Vector &v : vectors) {
    EXPECT_EQ(static_cast<uint64_t>(kiln_buffer_hash_bytes(data, v.length)), v.hash)
        << "length " << v.length;
  }
  // At an offset: the bytes hashed are data[o, o + n).
  EXPECT_EQ(kiln_hash_bytes_at(data, 0, 15), kiln_buffer_hash_bytes(data, 15));
  EXPECT_NE(kiln_hash_bytes_at(data, 1, 15), kiln_buffer_hash_bytes(data, 15));
}

TEST(Ops, IntegerCompares) {
  EXPECT_EQ(kiln_cmp_lt_i32_s(-1, 0), 1);
  EXPECT_EQ(kiln_cmp_lt_i32_u(-1, 0), 0);
  EXPECT_EQ(kiln_cmp_lte_i32_u(INT32_MIN, INT32_MIN), 1);
  EXPECT_EQ(kiln_cmp_gt_i32_s(INT32_MIN, INT32_MAX), 0);
  EXPECT_EQ(kiln_cmp_gt_i32_u(INT32_MIN, INT32_MAX), 1);
  EXPECT_EQ(kiln_cmp_gte_i64_u(-1, INT64_MAX), 1);
  EXPECT_EQ(kiln_cmp_gte_i64_s(-1, INT64_MAX), 0);
  EXPECT_EQ(kiln_cmp_eq_i64(INT64_MIN, INT64_MIN), 1);
  EXPECT_EQ(kiln_cmp_ne_i32(0, -1), 1);
  EXPECT_EQ(kiln_cmp_nz_i64(INT64_MIN), 1);
  EXPECT_EQ(kiln_cmp_nz_i32(0), 0);
}

} // namespace
