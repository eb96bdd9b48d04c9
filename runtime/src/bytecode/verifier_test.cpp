// Loader and verifier rejections, and hostile inputs.
#include <cstdint>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/vm/instance.h"
#include "module_impl.h"
#include "testing/module_builder.h"
#include "gtest/gtest.h"

namespace kiln::bytecode {
namespace {

using testing::FunctionBuilder;
using testing::L;
using testing::Label;
using testing::ModuleBuilder;
using testing::MOVE;
using vm::Status;
using vm::StatusCode;

Status load(const std::vector<uint8_t> &file) {
  vm::Instance instance;
  auto m = load_module(instance, file.data(), file.size(), vm::Ref());
  return m.ok() ? Status() : m.status();
}
Status load(const ModuleBuilder &mb) { return load(mb.build()); }

// A module with one function `f` built by `body` and signature `sig`.
ModuleBuilder one(const std::string &sig, uint16_t scalars, uint16_t refs,
                  const FunctionBuilder &body) {
  ModuleBuilder mb;
  mb.add_export("f", mb.add_function("f", sig, scalars, refs, body));
  return mb;
}

void expect_rejected(const ModuleBuilder &mb, const std::string &needle) {
  Status s = load(mb);
  ASSERT_FALSE(s.ok()) << "expected rejection containing '" << needle << "'";
  EXPECT_NE(s.to_string().find(needle), std::string::npos) << s.to_string();
}

ModuleBuilder valid() {
  ModuleBuilder mb;
  mb.global_bytes = 8;
  mb.add_rodata({1, 2, 3, 4});
  mb.add_string("msg");
  FunctionBuilder f;
  Label l = f.label();
  f.emit(Opcode::ADD_I32, {1, 0, 0});
  f.emit(Opcode::BR_IF_NZ, {1, l});
  f.bind(l);
  f.emit(Opcode::GLOBAL_STORE_I32, {4, 1});
  f.emit(Opcode::RETURN, {L({1})});
  mb.add_export("f", mb.add_function("f", "0i_i", 2, 0, f));
  return mb;
}

TEST(Verifier, ValidModuleLoads) {
  Status s = load(valid());
  EXPECT_TRUE(s.ok()) << s.to_string();
}

TEST(Verifier, RejectsBadScalarRegister) {
  FunctionBuilder f;
  f.emit(Opcode::ADD_I32, {0, 0, 5});
  f.emit(Opcode::RETURN, {L({0})});
  expect_rejected(one("0i_i", 2, 0, f), "scalar register 5 out of range");
}

TEST(Verifier, RejectsBadRefRegisterAndMoveOnWrite) {
  FunctionBuilder f;
  f.emit(Opcode::MOV_REF, {0, MOVE(3)});
  f.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0_", 0, 1, f), "ref register 3");
  FunctionBuilder g;
  g.emit(Opcode::MOV_REF, {MOVE(0), 0});
  g.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0_", 0, 1, g), "ref register");
}

TEST(Verifier, ErrorNamesFunctionAndOffset) {
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {0, 1});
  f.emit(Opcode::ADD_I32, {0, 0, 9});
  f.emit(Opcode::RETURN, {L({0})});
  Status s = load(one("0i_i", 1, 0, f));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.to_string().find("function 0 'f' at offset 8"), std::string::npos) << s.to_string();
}

TEST(Verifier, RejectsBranchIntoInstruction) {
  FunctionBuilder f;
  f.emit(Opcode::BR, {uint64_t{1}});
  f.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0_", 0, 0, f), "not the start of an instruction");
  FunctionBuilder g;
  g.emit(Opcode::BR, {uint64_t{1000}});
  expect_rejected(one("0_", 0, 0, g), "branch target 1000");
}

TEST(Verifier, RejectsBadCompareImmediateBranch) {
  // Register out of range, target inside an instruction, target past the
  // end, and the immediate cut off by the end of the function.
  FunctionBuilder f;
  f.emit(Opcode::BR_IF_LT_I32_S_IMM, {3, 2, uint64_t{0}});
  f.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0i_", 1, 0, f), "scalar register 3 out of range");
  FunctionBuilder g;
  g.emit(Opcode::BR_IF_GTE_I32_U_IMM, {0, -1, uint64_t{2}});
  g.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0i_", 1, 0, g), "not the start of an instruction");
  FunctionBuilder h;
  h.emit(Opcode::BR_IF_EQ_I32_IMM, {0, 5, uint64_t{4096}});
  h.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0i_", 1, 0, h), "branch target 4096");
  FunctionBuilder t;
  t.emit(Opcode::RETURN, {L({})});
  t.raw(static_cast<uint16_t>(Opcode::BR_IF_NE_I32_IMM), 2).raw(0, 2).raw(7, 2);
  expect_rejected(one("0i_", 1, 0, t), "truncated operand");
}

TEST(Verifier, RejectsBadAddAndBranch) {
  // The bound register out of range; an i64 latch on an i32 register
  // bank is just a register index here, so check the target too.
  FunctionBuilder f;
  f.emit(Opcode::ADD_BR_IF_LT_I32_S, {0, 0, 1, 9, uint64_t{0}});
  f.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0i_", 1, 0, f), "scalar register 9 out of range");
  FunctionBuilder g;
  g.emit(Opcode::ADD_BR_IF_LT_I64_U, {0, 0, int64_t{1}, 0, uint64_t{3}});
  g.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0I_", 1, 0, g), "not the start of an instruction");
}

TEST(Verifier, RejectsTruncatedOperandAndUnknownOpcode) {
  FunctionBuilder f;
  f.emit(Opcode::RETURN, {L({})});
  f.raw(static_cast<uint16_t>(Opcode::CONST_I64), 2).raw(0, 2).raw(0, 3);
  expect_rejected(one("0_", 1, 0, f), "truncated operand");
  FunctionBuilder g;
  g.raw(0xFFF0, 2);
  expect_rejected(one("0_", 0, 0, g), "unknown opcode");
  FunctionBuilder h;
  h.emit(Opcode::RETURN, {L({})});
  h.raw(1, 1);
  expect_rejected(one("0_", 0, 0, h), "truncated opcode");
  FunctionBuilder lst;
  lst.raw(static_cast<uint16_t>(Opcode::RETURN), 2).raw(40, 2).raw(0, 2);
  expect_rejected(one("0_", 0, 0, lst), "truncated operand");
}

TEST(Verifier, RejectsMissingTerminator) {
  FunctionBuilder f;
  f.emit(Opcode::CONST_I32, {0, 1});
  expect_rejected(one("0_", 1, 0, f), "terminator");
  ModuleBuilder empty;
  empty.add_function_bytes("e", "0_", 0, 0, {});
  expect_rejected(empty, "no bytecode");
}

TEST(Verifier, RejectsBadOrdinals) {
  {
    FunctionBuilder f;
    f.emit(Opcode::CALL, {7, L({}), L({})});
    f.emit(Opcode::RETURN, {L({})});
    expect_rejected(one("0_", 0, 0, f), "function index 7");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::CALL_IMPORT, {0, L({}), L({})});
    f.emit(Opcode::RETURN, {L({})});
    expect_rejected(one("0_", 0, 0, f), "import index 0");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::CONST_REF_RODATA, {0, 2});
    f.emit(Opcode::RETURN, {L({})});
    expect_rejected(one("0_", 0, 1, f), "rodata index 2");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::CAST_ANY_REF, {0, 0, 3});
    f.emit(Opcode::RETURN, {L({})});
    expect_rejected(one("0_", 0, 1, f), "type index 3");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::CONST_I32, {0, 1});
    f.emit(Opcode::FAIL, {0, 0});
    expect_rejected(one("0_", 1, 0, f), "string index 0");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::GLOBAL_LOAD_I64, {0, 4});
    f.emit(Opcode::RETURN, {L({})});
    ModuleBuilder mb = one("0_", 1, 0, f);
    mb.global_bytes = 8;
    expect_rejected(mb, "exceeds global_bytes");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::GLOBAL_STORE_REF, {1, 0});
    f.emit(Opcode::RETURN, {L({})});
    ModuleBuilder mb = one("0_", 0, 1, f);
    mb.global_refs = 1;
    expect_rejected(mb, "ref global index 1");
  }
  {
    FunctionBuilder f;
    f.emit(Opcode::RETURN, {L({})});
    ModuleBuilder mb;
    mb.add_function("f", "0_", 0, 0, f);
    mb.add_export("g", 3);
    expect_rejected(mb, "export 'g' names function 3");
    ModuleBuilder mi;
    mi.add_function("f", "0_", 0, 0, f);
    mi.init_function = 2;
    expect_rejected(mi, "init_function 2");
  }
}

TEST(Verifier, RejectsCallSignatureMismatch) {
  ModuleBuilder mb;
  FunctionBuilder callee;
  callee.emit(Opcode::RETURN, {L({0})});
  int c = mb.add_function("callee", "0r_i", 1, 1, callee);
  FunctionBuilder f;
  f.emit(Opcode::CALL, {c, L({0, 1}), L({0})}); // 2 args for 1
  f.emit(Opcode::RETURN, {L({})});
  mb.add_function("f", "0_", 2, 1, f);
  expect_rejected(mb, "argument count 2");

  ModuleBuilder bank;
  bank.add_function("callee", "0r_i", 1, 1, callee);
  FunctionBuilder g; // g has no ref registers: the ref argument is out of bank
  g.emit(Opcode::CALL, {0, L({0}), L({0})});
  g.emit(Opcode::RETURN, {L({})});
  bank.add_function("g", "0_", 2, 0, g);
  expect_rejected(bank, "ref register 0");

  FunctionBuilder r;
  r.emit(Opcode::RETURN, {L({0, 0})});
  expect_rejected(one("0i_i", 1, 0, r), "result count 2");
}

TEST(Verifier, RejectsBadSignatures) {
  FunctionBuilder f;
  f.emit(Opcode::RETURN, {L({})});
  expect_rejected(one("0x_", 0, 0, f), "invalid type code");
  expect_rejected(one("0iCi_", 0, 0, f), "variadic");
  ModuleBuilder mb;
  mb.add_import("m.f", "garbage");
  mb.add_function("f", "0_", 0, 0, f);
  EXPECT_FALSE(load(mb).ok());
  // More arguments than registers.
  expect_rejected(one("0ii_", 1, 0, f), "fewer registers than arguments");
}

TEST(Verifier, UnknownTypesOnlyMatterWhereUsed) {
  FunctionBuilder f;
  f.emit(Opcode::RETURN, {L({})});
  ModuleBuilder unused = one("0_", 0, 0, f);
  unused.add_type("!hal.buffer");
  EXPECT_TRUE(load(unused).ok());
  FunctionBuilder g;
  g.emit(Opcode::CAST_ANY_REF, {0, 0, 0});
  g.emit(Opcode::RETURN, {L({})});
  ModuleBuilder used = one("0_", 0, 1, g);
  used.add_type("!hal.buffer");
  Status s = load(used);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("!hal.buffer"), std::string::npos);
}

TEST(HostileInput, HeaderChecks) {
  std::vector<uint8_t> file = valid().build();
  EXPECT_FALSE(load(std::vector<uint8_t>()).ok());
  EXPECT_FALSE(load(std::vector<uint8_t>(file.begin(), file.begin() + kFileHeaderSize - 1)).ok());
  auto bad_magic = file;
  bad_magic[0] = 'X';
  EXPECT_NE(load(bad_magic).to_string().find("bad magic"), std::string::npos);
  auto bad_version = file;
  bad_version[8] = 1;
  EXPECT_NE(load(bad_version).to_string().find("version 1"), std::string::npos);
  auto bad_length = file;
  bad_length[16] = 0xFF;
  bad_length[20] = 0xFF;
  EXPECT_FALSE(load(bad_length).ok());
  auto bad_external = file;
  bad_external[kExternalOffsetOffset + 7] = 0x10;
  EXPECT_FALSE(load(bad_external).ok());
}

TEST(HostileInput, EveryTruncationIsRejected) {
  std::vector<uint8_t> file = valid().build();
  // Trailing bytes that are pure FlatBuffer padding may be dropped.
  size_t end = file.size();
  while (end > kFileHeaderSize && file[end - 1] == 0)
    --end;
  for (size_t n = 0; n < end; ++n) {
    std::vector<uint8_t> cut(file.begin(), file.begin() + n);
    // Keep the header's length consistent with the cut so the FlatBuffer
    // verifier (not only the header check) sees the truncation.
    if (n >= kFileHeaderSize) {
      uint64_t len = n - kFileHeaderSize;
      std::memcpy(cut.data() + kFlatbufferLengthOffset, &len, 8);
    }
    EXPECT_FALSE(load(cut).ok()) << "prefix of " << n << " bytes loaded";
  }
}

TEST(HostileInput, MutatedFilesNeverCrash) {
  std::vector<uint8_t> base = valid().build();
  std::mt19937 rng(1234);
  int loaded = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::vector<uint8_t> file = base;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits; ++e) {
      size_t at = kFileHeaderSize + rng() % (file.size() - kFileHeaderSize);
      file[at] = static_cast<uint8_t>(rng());
    }
    vm::Instance instance;
    auto m = load_module(instance, file.data(), file.size(), vm::Ref());
    if (m.ok()) {
      ++loaded;
      std::string text;
      EXPECT_TRUE(dump_module(m->as<vm::Module>(), &text).ok());
    }
  }
  // Random bytes with a valid header.
  for (int iteration = 0; iteration < 500; ++iteration) {
    std::vector<uint8_t> file(kFileHeaderSize + rng() % 512);
    for (auto &b : file)
      b = static_cast<uint8_t>(rng());
    std::memcpy(file.data(), kFileMagic, 8);
    uint32_t version = kFormatVersion;
    std::memcpy(file.data() + 8, &version, 4);
    uint64_t len = file.size() - kFileHeaderSize, ext = 0;
    std::memcpy(file.data() + kFlatbufferLengthOffset, &len, 8);
    std::memcpy(file.data() + kExternalOffsetOffset, &ext, 8);
    EXPECT_FALSE(load(file).ok());
  }
  SUCCEED() << loaded << " mutated files still verified";
}

TEST(HostileInput, UnalignedDataIsCopied) {
  std::vector<uint8_t> file = valid().build();
  std::vector<uint8_t> shifted(file.size() + 1);
  std::memcpy(shifted.data() + 1, file.data(), file.size());
  vm::Instance instance;
  auto m = load_module(instance, shifted.data() + 1, file.size(), vm::Ref());
  EXPECT_TRUE(m.ok()) << m.status().to_string();
}

// Embedded rodata is served in place at the alignment the file declares: a
// 64-byte segment lands on a 64-byte boundary whether the caller's bytes
// were aligned or had to be copied.
TEST(Rodata, EmbeddedSegmentsKeepTheirAlignment) {
  for (size_t shift : {size_t(0), size_t(1), size_t(8)}) {
    FunctionBuilder f;
    f.emit(Opcode::RETURN, {L({})});
    ModuleBuilder b = one("0_", 0, 0, f);
    b.add_rodata(std::vector<uint8_t>(100, 7), /*external=*/false, /*alignment=*/64);
    std::vector<uint8_t> file = b.build();
    std::unique_ptr<uint8_t[]> storage(new uint8_t[file.size() + 128]);
    uintptr_t base = reinterpret_cast<uintptr_t>(storage.get());
    uint8_t *at = storage.get() + (64 - base % 64) % 64 + shift;
    std::memcpy(at, file.data(), file.size());
    vm::Instance instance;
    auto m = load_module(instance, at, file.size(), vm::Ref());
    ASSERT_TRUE(m.ok()) << m.status().to_string();
    const auto *bm = static_cast<const BytecodeModule *>(m->as<vm::Module>());
    ASSERT_EQ(bm->rodata().size(), 1u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(bm->rodata()[0].data) % 64, 0u) << "shift " << shift;
  }
}

// A segment that promises more alignment than its place in the file gives
// is rejected rather than served misaligned.
TEST(HostileInput, MisplacedRodataIsRejected) {
  FunctionBuilder f;
  f.emit(Opcode::RETURN, {L({})});
  ModuleBuilder b = one("0_", 0, 0, f);
  b.add_rodata(std::vector<uint8_t>(16, 1), /*external=*/false, /*alignment=*/128);
  Status s = load(b);
  EXPECT_NE(s.message().find("alignment of 128"), std::string::npos) << s.to_string();
}

// Which register words frame push zeroes: only the ref bank when every
// scalar read is preceded by a write on all paths, else the whole file.
TEST(Verifier, ProvesScalarsWrittenBeforeRead) {
  auto zero_range = [](const FunctionBuilder &body, uint16_t scalars, uint16_t refs) {
    ModuleBuilder mb = one("0i_i", scalars, refs, body);
    std::vector<uint8_t> file = mb.build();
    vm::Instance instance;
    auto m = load_module(instance, file.data(), file.size(), vm::Ref());
    EXPECT_TRUE(m.ok()) << m.status().to_string();
    const FunctionInfo &fi = static_cast<BytecodeModule *>(m->as<vm::Module>())->functions()[0];
    return std::make_pair(fi.zero_begin, fi.zero_words);
  };
  // Loop: r1 = 0; do { r1 += r0 } while (r1 < 100); r2 (ref bank) exists.
  FunctionBuilder loop;
  Label head = loop.label();
  loop.emit(Opcode::CONST_I32, {1, 0});
  loop.bind(head);
  loop.emit(Opcode::ADD_I32, {1, 1, 0});
  loop.emit(Opcode::BR_IF_LT_I32_S_IMM, {1, 100, head});
  loop.emit(Opcode::RETURN, {L({1})});
  EXPECT_EQ(zero_range(loop, 2, 1), std::make_pair(2u, 1u));
  // The same loop without the initialization reads r1 unwritten.
  FunctionBuilder uninit;
  Label head2 = uninit.label();
  uninit.bind(head2);
  uninit.emit(Opcode::ADD_I32, {1, 1, 0});
  uninit.emit(Opcode::BR_IF_LT_I32_S_IMM, {1, 100, head2});
  uninit.emit(Opcode::RETURN, {L({1})});
  EXPECT_EQ(zero_range(uninit, 2, 1), std::make_pair(0u, 3u));
  // Written on one path of a diamond only.
  FunctionBuilder half;
  Label join = half.label();
  half.emit(Opcode::BR_IF_NZ, {0, join});
  half.emit(Opcode::CONST_I32, {1, 7});
  half.bind(join);
  half.emit(Opcode::RETURN, {L({1})});
  EXPECT_EQ(zero_range(half, 2, 0), std::make_pair(0u, 2u));
  // A register that is both read and written by one instruction is read first.
  FunctionBuilder self;
  self.emit(Opcode::ADD_I32, {1, 1, 0});
  self.emit(Opcode::RETURN, {L({1})});
  EXPECT_EQ(zero_range(self, 2, 0), std::make_pair(0u, 2u));
}

TEST(Verifier, BufferLoadAddOperandsAreChecked) {
  FunctionBuilder ok;
  ok.emit(Opcode::BUFFER_LOAD_ADD_I32, {1, 0, 0, 2});
  ok.emit(Opcode::RETURN, {L({1})});
  // Valid encoding (a null buffer faults at run time, not at load).
  EXPECT_TRUE(load(one("0i_i", 3, 1, ok)).ok());
  FunctionBuilder bad_ref;
  bad_ref.emit(Opcode::BUFFER_LOAD_ADD_I32, {1, 0, 1, 2});
  bad_ref.emit(Opcode::RETURN, {L({1})});
  expect_rejected(one("0i_i", 3, 1, bad_ref), "ref register 1 out of range");
  FunctionBuilder bad_scalar;
  bad_scalar.emit(Opcode::BUFFER_LOAD_ADD_I32, {1, 3, 0, 2});
  bad_scalar.emit(Opcode::RETURN, {L({1})});
  expect_rejected(one("0i_i", 3, 1, bad_scalar), "scalar register 3 out of range");
  // Truncated: the last operand runs past the end of the function.
  FunctionBuilder cut;
  cut.raw(static_cast<uint16_t>(Opcode::BUFFER_LOAD_ADD_I32), 2).raw(1, 2).raw(0, 2).raw(0, 2);
  expect_rejected(one("0i_i", 3, 1, cut), "truncated operand");
}

} // namespace
} // namespace kiln::bytecode
