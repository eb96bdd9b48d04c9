// The parsers on files the tests write: well-formed ones of each format and
// hostile ones (truncated, lying offsets, overlaps, duplicates, bad headers),
// which must fail with a status naming the file and the entry.
#include "kiln/modules/io_parameters/formats.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kiln/modules/io_parameters/index.h"
#include "test_writers.h"

namespace kiln::io_parameters {
namespace {

using testing::Bytes;
using testing::GgufWriter;
using testing::SafetensorsTensor;
using testing::TempFile;

using Parser = vm::Status (*)(const vm::RefT<Storage> &, Index *);

vm::StatusOr<Index> parse_bytes(const Bytes &bytes, const std::string &name = "test-file",
                                Parser parser = parse_storage) {
  KILN_ASSIGN_OR_RETURN(vm::RefT<Storage> storage,
                        Storage::copy_of(name, bytes.data(), bytes.size()));
  Index index;
  KILN_RETURN_IF_ERROR(parser(storage, &index));
  return index;
}

// The parse fails and the message contains every one of `parts`.
void expect_error(const Bytes &bytes, const std::vector<std::string> &parts,
                  Parser parser = parse_storage) {
  auto index = parse_bytes(bytes, "hostile.bin", parser);
  ASSERT_FALSE(index.ok()) << "expected a parse error";
  std::string message(index.status().message());
  EXPECT_NE(message.find("hostile.bin"), std::string::npos) << message;
  for (const std::string &part : parts) {
    EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
  }
}

std::string contents(const Entry &e) {
  return std::string(reinterpret_cast<const char *>(e.storage->data() + e.offset), e.length);
}

TEST(SafetensorsTest, ReadsTensors) {
  Bytes a = testing::bytes_of(std::vector<float>{1, 2, 3, 4, 5, 6});
  Bytes b = testing::bytes_of(std::vector<int32_t>{7, 8});
  TempFile file(".safetensors",
                testing::safetensors_file({{"a", "F32", {2, 3}, a}, {"b", "I32", {2}, b}}));
  auto storage = Storage::map_file(file.path());
  ASSERT_TRUE(storage.ok()) << storage.status().message();
  EXPECT_TRUE((*storage)->mapped());
  auto format = detect_format(**storage);
  ASSERT_TRUE(format.ok());
  EXPECT_EQ(*format, Format::kSafetensors);
  Index index;
  ASSERT_TRUE(parse_storage(*storage, &index).ok());
  ASSERT_EQ(index.size(), 2u);
  const Entry *ea = index.find("a");
  ASSERT_NE(ea, nullptr);
  EXPECT_EQ(ea->length, 24u);
  EXPECT_EQ(ea->description, "F32 [2, 3]");
  EXPECT_EQ(contents(*ea), std::string(a.begin(), a.end()));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(ea->storage->data() + ea->offset) % 64, 0u);
  EXPECT_EQ(contents(*index.find("b")), std::string(b.begin(), b.end()));
  EXPECT_EQ(index.find("__metadata__"), nullptr);
}

TEST(SafetensorsTest, HostileFiles) {
  Bytes data(16, 0);
  // Truncated: no header length; header length past the end.
  expect_error(Bytes{1, 2, 3}, {"not safetensors"});
  Bytes lying = testing::safetensors_file("{}", data);
  lying[0] = 0xff;
  expect_error(lying, {});
  // Not JSON, not an object.
  expect_error(testing::safetensors_file("{\"a\": {\"dtype\"", data), {"not valid JSON"});
  // Not told apart as safetensors by their first bytes: the parser itself.
  expect_error(testing::safetensors_file("[1, 2]", data), {"not a JSON object"}, parse_safetensors);
  expect_error(testing::safetensors_file("", data), {"not valid JSON"}, parse_safetensors);
  // Offsets past the end of the data section.
  expect_error(testing::safetensors_file(
                   "{\"w\":{\"dtype\":\"U8\",\"shape\":[32],\"data_offsets\":[0,32]}}", data),
               {"'w'", "past the end"});
  // End before begin; negative and non-integer offsets; missing fields.
  expect_error(testing::safetensors_file(
                   "{\"w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[8,4]}}", data),
               {"'w'", "before begin"});
  expect_error(testing::safetensors_file(
                   "{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[-1,0]}}", data),
               {"'w'", "data_offsets"});
  expect_error(testing::safetensors_file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,1]}}", data),
               {"'w'", "dtype"});
  expect_error(testing::safetensors_file("{\"w\":7}", data), {"'w'", "not a JSON object"});
  // Shape and size disagree.
  expect_error(testing::safetensors_file(
                   "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data),
               {"'w'", "needs 12 bytes"});
  expect_error(
      testing::safetensors_file("{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],"
                                "\"data_offsets\":[0,8]}}",
                                data),
      {"'w'", "needs"});
  // Overlapping entries and duplicate keys.
  expect_error(
      testing::safetensors_file("{\"x\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,8]},"
                                "\"y\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[4,12]}}",
                                data),
      {"'y'", "overlaps", "'x'"});
  expect_error(
      testing::safetensors_file("{\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                                "\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}",
                                data),
      {"duplicate key 'x'"});
}

TEST(GgufTest, ReadsTensors) {
  GgufWriter w(64);
  w.kv_text("general.name", "test");
  Bytes a = testing::bytes_of(std::vector<float>{1, 2, 3, 4});
  Bytes q(2 * 34, 7); // two q8_0 blocks of 32 elements
  w.tensor("a", {2, 2}, 0, a);
  w.tensor("q", {64}, 8, q);
  TempFile file(".gguf", w.file());
  auto storage = Storage::map_file(file.path());
  ASSERT_TRUE(storage.ok());
  Index index;
  vm::Status s = parse_storage(*storage, &index);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(index.size(), 2u);
  EXPECT_EQ(contents(*index.find("a")), std::string(a.begin(), a.end()));
  EXPECT_EQ(index.find("a")->description, "f32 [2, 2]");
  EXPECT_EQ(index.find("q")->length, 68u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>((*storage)->data() + index.find("q")->offset) % 64, 0u);
}

TEST(GgufTest, HostileFiles) {
  Bytes a(16, 1);
  {
    GgufWriter w;
    w.tensor("far", {4}, 0, a, 1 << 20);
    expect_error(w.file(), {"'far'", "past the end"});
  }
  {
    GgufWriter w;
    w.tensor("odd", {4}, 0, a, 3);
    expect_error(w.file(), {"'odd'", "alignment"});
  }
  {
    GgufWriter w;
    w.tensor("x", {4}, 0, a);
    w.tensor("y", {4}, 0, a, 0);
    expect_error(w.file(), {"overlaps"});
  }
  {
    GgufWriter w;
    w.tensor("x", {4}, 0, a);
    w.tensor("x", {4}, 0, a);
    expect_error(w.file(), {"duplicate key 'x'"});
  }
  {
    GgufWriter w;
    w.tensor("t", {4}, 99, a);
    expect_error(w.file(), {"'t'", "ggml type 99"});
  }
  {
    GgufWriter w;
    w.tensor("blocks", {33}, 8, Bytes(68));
    expect_error(w.file(), {"'blocks'", "blocks"});
  }
  {
    GgufWriter w;
    w.kv_text("k", "v");
    w.tensor("t", {4}, 0, a);
    Bytes f = w.file();
    // Truncate inside the tensor table, and lie about a string length.
    expect_error(Bytes(f.begin(), f.begin() + 40), {"truncated"});
    Bytes lying = f;
    lying[24] = 0xff; // the first key's length
    expect_error(lying, {"truncated"});
  }
  Bytes bad_version = GgufWriter().file();
  bad_version[4] = 9;
  expect_error(bad_version, {"version 9"});
  Bytes big_endian = GgufWriter().file();
  big_endian[4] = 0;
  big_endian[7] = 3;
  expect_error(big_endian, {"big-endian"});
}

TEST(IrpaTest, RoundTrip) {
  Bytes a = testing::bytes_of(std::vector<float>{1.5f, 2.5f});
  Bytes b(100, 9);
  Bytes file_bytes = build_irpa({{"a", a}, {"b", b}, {"empty", {}}});
  TempFile file(".irpa", file_bytes);
  auto storage = Storage::map_file(file.path());
  ASSERT_TRUE(storage.ok());
  Index index;
  vm::Status s = parse_storage(*storage, &index);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(index.size(), 3u);
  EXPECT_EQ(contents(*index.find("a")), std::string(a.begin(), a.end()));
  EXPECT_EQ(contents(*index.find("b")), std::string(b.begin(), b.end()));
  EXPECT_EQ(index.find("empty")->length, 0u);
  EXPECT_EQ(index.find("b")->offset % 64, 0u);
}

// Entry types other than data, patched into a built file field by field
// (which also pins the entry layout: type at +8, splat length at +60,
// pattern at +68, pattern length at +84). Entries sit at 96, 176, 256.
TEST(IrpaTest, SplatAndSkipEntries) {
  Bytes f = build_irpa({{"kept", Bytes(8, 1)}, {"pad", Bytes(8, 3)}, {"gone", Bytes(8, 2)}});
  auto put = [&](size_t at, const void *v, size_t n) { std::memcpy(f.data() + at, v, n); };
  uint64_t count = 2;
  put(32, &count, 8);
  // Entry 0: a splat of 16 bytes of the pattern 0xBBAA, its entry 160 bytes
  // long (an entry may be larger than its struct), so the next is at 256.
  uint64_t entry_size = 160, length = 16;
  uint32_t splat = 1, skip = 0;
  put(96, &entry_size, 8);
  put(96 + 8, &splat, 4);
  put(96 + 60, &length, 8);
  f[96 + 68] = 0xAA;
  f[96 + 69] = 0xBB;
  f[96 + 84] = 2;
  // Entry at 256 ("gone"): skipped.
  put(256 + 8, &skip, 4);
  auto index = parse_bytes(f);
  ASSERT_TRUE(index.ok()) << index.status().message();
  ASSERT_EQ(index->size(), 1u);
  const Entry *e = index->find("kept");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->is_splat());
  EXPECT_EQ(e->length, 16u);
  EXPECT_EQ(e->pattern[1], 0xBB);
}

TEST(IrpaTest, BuildsSplatEntries) {
  IrpaEntry data, splat;
  data.name = "d";
  data.bytes = Bytes(5, 7);
  splat.name = "s";
  splat.splat_length = 1 << 20;
  splat.pattern[0] = 0x11;
  splat.pattern[1] = 0x22;
  splat.pattern_length = 2;
  Bytes f = build_irpa_entries({splat, data});
  EXPECT_LT(f.size(), 4096u);
  auto index = parse_bytes(f);
  ASSERT_TRUE(index.ok()) << index.status().message();
  const Entry *s = index->find("s");
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->is_splat());
  EXPECT_EQ(s->length, 1u << 20);
  EXPECT_EQ(s->pattern[1], 0x22);
  EXPECT_EQ(contents(*index->find("d")), std::string(5, 7));
}

TEST(IrpaTest, HostileFiles) {
  Bytes good = build_irpa({{"a", Bytes(8, 1)}, {"b", Bytes(8, 2)}});
  expect_error(Bytes(good.begin(), good.begin() + 20), {});
  expect_error(Bytes(good.begin(), good.begin() + 100), {"past the end"});
  auto with = [&](size_t at, uint64_t v) {
    Bytes f = good;
    std::memcpy(f.data() + at, &v, 8);
    return f;
  };
  expect_error(with(8, 64), {"header size"});
  expect_error(with(32, 5), {"truncated"});                      // entry count
  expect_error(with(96 + 60, 4096), {"'a'", "storage segment"}); // data offset
  expect_error(with(96 + 20, 1 << 20), {"metadata segment"});    // name offset
  expect_error(with(96, 4), {"entry size"});
  expect_error(with(16, 1 << 30), {"next_header_offset"});
  expect_error(with(96 + 80 + 60, 0), {"'b'", "overlaps", "'a'"});
  // Both entries named "a".
  Bytes dup = with(96 + 80 + 20, 0);
  expect_error(dup, {"duplicate key 'a'"});
  Bytes version = good;
  version[4] = 1;
  expect_error(version, {"version 1.0"});
  Bytes splat_bad = good;
  uint32_t splat = 1;
  std::memcpy(splat_bad.data() + 96 + 8, &splat, 4);
  expect_error(splat_bad, {"'a'", "splat entry too small"});
}

// Random damage to well-formed files of each format (byte flips, u64 fields
// set to large values, truncation): every parse returns a status, and every
// entry it accepts lies inside the file. Run under ASan/UBSan by the
// sanitizer leg, this also shows that nothing reads outside the file.
TEST(FormatTest, RandomlyDamagedFilesNeverCrash) {
  GgufWriter g(64);
  g.kv_text("general.name", "damaged");
  g.tensor("a", {2, 2}, 0, Bytes(16, 1));
  g.tensor("b", {32}, 8, Bytes(34, 2));
  std::vector<Bytes> files = {
      testing::safetensors_file(
          {{"a", "F32", {2, 2}, Bytes(16, 1)}, {"b", "U8", {3}, Bytes(3, 2)}}),
      g.file(),
      build_irpa({{"a", Bytes(16, 1)}, {"b", Bytes(3, 2)}}),
  };
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state]() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const uint64_t kValues[] = {0,          1,          0xff,  0x7fffffff, 0xffffffff,
                              1ull << 32, 1ull << 63, ~0ull, ~0ull - 7};
  int accepted = 0, rejected = 0;
  for (const Bytes &good : files) {
    for (int round = 0; round < 3000; ++round) {
      Bytes f = good;
      int edits = 1 + static_cast<int>(next() % 3);
      for (int e = 0; e < edits; ++e) {
        size_t at = next() % f.size();
        switch (next() % 3) {
        case 0:
          f[at] ^= static_cast<uint8_t>(1u << (next() % 8));
          break;
        case 1:
          if (at + 8 <= f.size()) {
            uint64_t v = kValues[next() % (sizeof(kValues) / sizeof(kValues[0]))];
            std::memcpy(f.data() + at, &v, 8);
          }
          break;
        default:
          f.resize(at);
          break;
        }
        if (f.empty())
          break;
      }
      // Exactly the file's bytes on the heap (no slack for a stray read to
      // land in unnoticed), used in place.
      uint8_t *exact = new uint8_t[f.size()];
      if (!f.empty())
        std::memcpy(exact, f.data(), f.size());
      auto storage = Storage::wrap(
          "damaged", exact, f.size(), [](void *p) { delete[] static_cast<uint8_t *>(p); }, exact);
      ASSERT_TRUE(storage.ok());
      auto index = std::make_unique<Index>();
      vm::Status status = parse_storage(*storage, index.get());
      if (!status.ok()) {
        ++rejected;
        continue;
      }
      ++accepted;
      for (const Entry &entry : index->entries()) {
        if (entry.is_splat())
          continue;
        ASSERT_LE(entry.offset, f.size());
        ASSERT_LE(entry.length, f.size() - entry.offset);
      }
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(accepted, 0);
}

TEST(FormatTest, UnknownFormatNamesTheFile) {
  expect_error(Bytes{'n', 'o', 'p', 'e', 0, 0, 0, 0, 0, 0}, {"not safetensors, GGUF or IRPA"});
  auto missing = Storage::map_file("/nonexistent/weights.safetensors");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string(missing.status().message()).find("/nonexistent/weights.safetensors"),
            std::string::npos);
}

} // namespace
} // namespace kiln::io_parameters
