#include "kiln/tooling/tensor_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace kiln::tooling {
namespace {

namespace et = hal::element_type;

std::string round_trip(const char *text) {
  auto t = parse_tensor(text);
  if (!t.ok())
    return "ERROR " + t.status().to_string();
  return format_tensor(t.value());
}

std::string error_of(const char *text) {
  auto t = parse_tensor(text);
  return t.ok() ? std::string("OK") : t.status().to_string();
}

std::string temp_path(const char *name) {
  return ::testing::TempDir() + "/kiln_tensor_io_" + std::to_string(getpid()) + "_" + name;
}

TEST(TensorIo, ElementTypeEncodingIsIREEs) {
  EXPECT_EQ(hal::parse_element_type("f32").value(), 0x21000020u);
  EXPECT_EQ(hal::parse_element_type("f16").value(), 0x21000010u);
  EXPECT_EQ(hal::parse_element_type("bf16").value(), 0x22000010u);
  EXPECT_EQ(hal::parse_element_type("f64").value(), 0x21000040u);
  EXPECT_EQ(hal::parse_element_type("i32").value(), 0x10000020u);
  EXPECT_EQ(hal::parse_element_type("si8").value(), 0x11000008u);
  EXPECT_EQ(hal::parse_element_type("ui64").value(), 0x12000040u);
  EXPECT_EQ(hal::parse_element_type("i1").value(), 0x13000008u);
  EXPECT_EQ(hal::parse_element_type("x16").value(), 0x00000010u);
  for (const char *name : {"i1", "i8", "i16", "i32", "i64", "si8", "si16", "si32", "si64", "ui8",
                           "ui16", "ui32", "ui64", "f16", "bf16", "f32", "f64"}) {
    EXPECT_EQ(hal::format_element_type(hal::parse_element_type(name).value()), name);
  }
  EXPECT_FALSE(hal::parse_element_type("q32").ok());
  EXPECT_FALSE(hal::parse_element_type("i").ok());
  EXPECT_FALSE(hal::parse_element_type("i999").ok());
}

TEST(TensorIo, FormatsLikeIREE) {
  EXPECT_EQ(round_trip("2x3xf32=1,2,3,4,5,6"), "2x3xf32=[1 2 3][4 5 6]");
  EXPECT_EQ(round_trip("2x3xf32=[1 2 3][4 5 6]"), "2x3xf32=[1 2 3][4 5 6]");
  EXPECT_EQ(round_trip("3xi32=1 -2 3"), "3xi32=1 -2 3");
  EXPECT_EQ(round_trip("f32=1.5"), "f32=1.5");
  EXPECT_EQ(round_trip("2x2x2xi8=1,2,3,4,5,6,7,8"), "2x2x2xi8=[[1 2][3 4]][[5 6][7 8]]");
  EXPECT_EQ(round_trip("4xf64=0.5,1e-7,-2.25,1e20"), "4xf64=0.5 1E-07 -2.25 1E+20");
  EXPECT_EQ(round_trip("2xf16=0.5,-3"), "2xf16=0.5 -3");
  EXPECT_EQ(round_trip("2xbf16=1.5,256"), "2xbf16=1.5 256");
  EXPECT_EQ(round_trip("2xui8=255,0"), "2xui8=255 0");
  EXPECT_EQ(round_trip("2xi8=255,-128"), "2xi8=-1 -128");
  EXPECT_EQ(round_trip("2xsi64=-9223372036854775808,7"), "2xsi64=-9223372036854775808 7");
  EXPECT_EQ(round_trip("3xi1=1,0,01"), "3xi1=01 00 01");
  EXPECT_EQ(round_trip("0x3xf32="), "0x3xf32=");
  EXPECT_EQ(round_trip("2x0xf32="), "2x0xf32=[][]");
  EXPECT_EQ(round_trip("2xf32=nan,-inf"), "2xf32=NAN -INF");
}

TEST(TensorIo, SplatAndZeros) {
  EXPECT_EQ(round_trip("2x2xi32=7"), "2x2xi32=[7 7][7 7]");
  EXPECT_EQ(round_trip("3xf32="), "3xf32=0 0 0");
}

TEST(TensorIo, ElisionAfterMaxElements) {
  auto t = parse_tensor("2x3xi32=1,2,3,4,5,6");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(format_tensor(t.value(), 4), "2x3xi32=[1 2 3][4...]");
}

TEST(TensorIo, BadInputsNameTheInput) {
  EXPECT_NE(error_of("2x3xf32=1,2").find("'2x3xf32=1,2'"), std::string::npos);
  EXPECT_NE(error_of("2x3xf32=1,2").find("only 2 of the 6 elements"), std::string::npos);
  EXPECT_NE(error_of("2xf32=1,2,3").find("more than the 2 elements"), std::string::npos);
  EXPECT_NE(error_of("2xf32=1,abc").find("element 1 'abc' is not a valid f32"), std::string::npos);
  EXPECT_NE(error_of("2xq32=1").find("unknown element type 'q32'"), std::string::npos);
  EXPECT_NE(error_of("2x-1xf32=1").find("bad dimension '-1'"), std::string::npos);
  EXPECT_NE(error_of("axf32=1").find("bad dimension 'a'"), std::string::npos);
  EXPECT_NE(error_of("2xsi8=128").find("not a valid si8"), std::string::npos);
  EXPECT_NE(error_of("2xui8=-1").find("not a valid ui8"), std::string::npos);
  EXPECT_NE(error_of("2xi8=256").find("not a valid i8"), std::string::npos);
  EXPECT_NE(error_of("f32").find("expected SHAPExTYPE=VALUES"), std::string::npos);
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
  EXPECT_NE(error_of("2xf32=@/nonexistent/x.bin").find("cannot open '/nonexistent/x.bin'"),
            std::string::npos);
  EXPECT_NE(error_of("@/nonexistent/x.npy").find("cannot open"), std::string::npos);
  EXPECT_NE(error_of("1000000x1000000x1000000xf32=").find("too large"), std::string::npos);
}

TEST(TensorIo, Syntax) {
  EXPECT_TRUE(looks_like_tensor("2x3xf32=1"));
  EXPECT_TRUE(looks_like_tensor("@a.npy"));
  EXPECT_TRUE(looks_like_tensor("si8=1"));
  EXPECT_TRUE(looks_like_tensor("f16=1"));
  EXPECT_TRUE(looks_like_tensor("2x3xq9=1")); // malformed, but a tensor
  EXPECT_FALSE(looks_like_tensor("f32=1"));   // a scalar unless a ref is expected
  EXPECT_FALSE(looks_like_tensor("i32=1"));
  EXPECT_FALSE(looks_like_tensor("@a.bin"));
  EXPECT_FALSE(looks_like_tensor("buffer=hex:00"));
  EXPECT_FALSE(looks_like_tensor("list<i32>=1,2"));
  EXPECT_FALSE(looks_like_tensor("42"));
  EXPECT_TRUE(has_tensor_prefix("f32=1"));
  EXPECT_FALSE(has_tensor_prefix("buffer=hex:00"));
}

TEST(TensorIo, RawFile) {
  std::string path = temp_path("raw.bin");
  float values[6] = {1, 2, 3, 4, 5, 6};
  std::FILE *f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(values, sizeof(float), 6, f);
  std::fclose(f);
  EXPECT_EQ(round_trip(("2x3xf32=@" + path).c_str()), "2x3xf32=[1 2 3][4 5 6]");
  std::string wrong = error_of(("2x2xf32=@" + path).c_str());
  EXPECT_NE(wrong.find("has 24 bytes but 2x2xf32 needs 16"), std::string::npos) << wrong;
  std::remove(path.c_str());
}

TEST(TensorIo, NpyRoundTrip) {
  std::string path = temp_path("a.npy");
  for (const char *text : {"2x3xf32=1,2,3,4,5,6", "4xsi32=-1,2,-3,4", "ui8=7",
                           "2x2xf64=0.5,0.25,1,2", "3xi1=1,0,1", "2xf16=1,2", "0x4xsi16="}) {
    auto t = parse_tensor(text);
    ASSERT_TRUE(t.ok()) << text;
    ASSERT_TRUE(write_npy_file(path, t.value(), false).ok()) << text;
    auto back = read_npy_file(path);
    ASSERT_TRUE(back.ok()) << back.status().to_string();
    EXPECT_EQ(format_tensor(back.value()), format_tensor(t.value())) << text;
    EXPECT_EQ(round_trip(("@" + path).c_str()), format_tensor(t.value()));
  }
  std::remove(path.c_str());
}

TEST(TensorIo, NpyHeaderIsNumpys) {
  HostTensor t;
  t.shape = {2, 3};
  t.element_type = et::kFloat32;
  ASSERT_TRUE(t.bytes.resize(24).ok());
  std::string npy = serialize_npy(t);
  EXPECT_EQ(npy.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  size_t header_length = static_cast<uint8_t>(npy[8]) | (static_cast<uint8_t>(npy[9]) << 8);
  EXPECT_EQ((10 + header_length) % 64, 0u);
  std::string dict = npy.substr(10, header_length);
  EXPECT_EQ(dict.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0), 0u);
  EXPECT_EQ(dict.back(), '\n');
  EXPECT_EQ(npy.size(), 10 + header_length + 24);
  // One-element shapes keep Python's tuple comma.
  t.shape = {6};
  EXPECT_NE(serialize_npy(t).find("'shape': (6,)"), std::string::npos);
  // Signless integers are written as signed numpy ints, as IREE does.
  t.element_type = et::kInt32;
  EXPECT_NE(serialize_npy(t).find("'<i4'"), std::string::npos);
}

TEST(TensorIo, NpyErrors) {
  auto bad = parse_npy("not numpy at all", "input 'x'");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().to_string().find("input 'x': not a valid .npy file"), std::string::npos);
  HostTensor t;
  t.shape = {4};
  t.element_type = et::kFloat32;
  ASSERT_TRUE(t.bytes.resize(16).ok());
  std::string npy = serialize_npy(t);
  auto truncated = parse_npy(npy.substr(0, npy.size() - 4), "f");
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().to_string().find("data has 12 bytes, 4xf32 needs 16"),
            std::string::npos);
  std::string fortran = npy;
  size_t at = fortran.find("False");
  fortran.replace(at, 5, "True ");
  EXPECT_NE(parse_npy(fortran, "f").status().to_string().find("Fortran"), std::string::npos);
  std::string big = npy;
  big.replace(big.find("<f4"), 3, ">f4");
  EXPECT_NE(parse_npy(big, "f").status().to_string().find("big-endian"), std::string::npos);
}

TEST(TensorIo, HalfAndBfloat) {
  EXPECT_EQ(f32_to_f16(1.0f), 0x3C00);
  EXPECT_EQ(f32_to_f16(-2.0f), 0xC000);
  EXPECT_EQ(f32_to_f16(65504.0f), 0x7BFF);
  EXPECT_EQ(f32_to_f16(1e6f), 0x7C00);
  EXPECT_EQ(f32_to_f16(5.9604645e-8f), 0x0001); // smallest subnormal
  EXPECT_TRUE(std::isnan(f16_to_f32(f32_to_f16(NAN))));
  for (uint32_t h = 0; h < 0x7C00; ++h) {
    ASSERT_EQ(f32_to_f16(f16_to_f32(static_cast<uint16_t>(h))), h);
  }
  EXPECT_EQ(f32_to_bf16(1.0f), 0x3F80);
  EXPECT_EQ(bf16_to_f32(0x4080), 4.0f);
  EXPECT_EQ(f32_to_bf16(1.00390625f), 0x3F80); // ties to even
}

} // namespace
} // namespace kiln::tooling
