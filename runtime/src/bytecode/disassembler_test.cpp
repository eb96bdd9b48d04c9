// The shared disassembler (kiln/bytecode/disassembler.h) on well-formed and
// on malformed bytes: it must name what it can, print raw indices for what
// the tables lack, and stop at a malformed instruction without reading past
// the function.
#include "kiln/bytecode/disassembler.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::bytecode {
namespace {

// Tables with one function, one variadic import, one type and one string.
class TestNames final : public DisassemblyNames {
public:
  bool function(uint32_t index, std::string_view *name,
                std::string_view *signature) const override {
    if (index != 0)
      return false;
    *name = "callee";
    *signature = "0ir_r";
    return true;
  }
  bool import(uint32_t index, std::string_view *name, std::string_view *signature) const override {
    if (index != 0)
      return false;
    *name = "io.print";
    *signature = "0iCrD_v";
    return true;
  }
  bool type(uint32_t index, std::string_view *name) const override {
    if (index != 0)
      return false;
    *name = "!vm.buffer";
    return true;
  }
  bool string(uint32_t index, std::string_view *text) const override {
    if (index != 0)
      return false;
    *text = "say \"hi\"";
    return true;
  }
};

class Code {
public:
  Code &op(Opcode opcode) { return u16(static_cast<uint16_t>(opcode)); }
  Code &u16(uint16_t v) {
    bytes.push_back(v & 0xFF);
    bytes.push_back(v >> 8);
    return *this;
  }
  Code &u32(uint32_t v) {
    for (int i = 0; i < 4; ++i)
      bytes.push_back((v >> (8 * i)) & 0xFF);
    return *this;
  }
  Code &u8(uint8_t v) {
    bytes.push_back(v);
    return *this;
  }
  std::vector<std::string> disassemble(std::string_view signature, bool *ok) const {
    std::vector<DisassembledLine> lines;
    *ok = disassemble_function(
        TestNames(), FunctionCode{bytes.data(), static_cast<uint32_t>(bytes.size()), signature},
        &lines);
    std::vector<std::string> text;
    for (const DisassembledLine &line : lines) {
      text.push_back(std::to_string(line.pc) + ": " + line.text);
    }
    return text;
  }
  std::vector<uint8_t> bytes;
};

TEST(Disassembler, NamesOperandsFromTheTables) {
  Code code;
  code.op(Opcode::CONST_I32).u16(1).u32(static_cast<uint32_t>(-5));
  code.op(Opcode::CALL).u32(0).u16(2).u16(1).u16(0x8002).u16(1).u16(3);
  code.op(Opcode::CALL_IMPORT_VARIADIC)
      .u32(0)
      .u16(1)
      .u16(2)
      .u16(3)
      .u16(0)
      .u16(1)
      .u16(0x8004)
      .u16(0);
  code.op(Opcode::PRINT).u32(0).u16(2).u8('i').u16(1).u8('r').u16(0x8003);
  code.op(Opcode::LIST_ALLOC).u16(5).u32(0).u16(1);
  code.op(Opcode::BR).u32(0);
  bool ok = false;
  std::vector<std::string> lines = code.disassemble("0v_v", &ok);
  EXPECT_TRUE(ok);
  std::vector<std::string> expected = {
      "0: CONST_I32 s1, -5",
      "8: CALL @callee, (s1, r2!), (r3)",
      "24: CALL_IMPORT_VARIADIC @io.print, segments[2], (s0, r1, r4!), ()",
      "44: PRINT \"say \\\"hi\\\"\", (i:s1, r3!)",
      "58: LIST_ALLOC r5, !vm.buffer, s1",
      "68: BR ^0000",
  };
  EXPECT_EQ(lines, expected);
}

TEST(Disassembler, PrintsIndicesTheTablesDoNotHold) {
  Code code;
  code.op(Opcode::CALL).u32(7).u16(1).u16(4).u16(0);
  code.op(Opcode::FAIL).u16(0).u32(9);
  code.op(Opcode::CAST_ANY_REF).u16(0).u16(1).u32(3);
  code.op(Opcode::CALL_IMPORT).u32(2).u16(0).u16(0);
  bool ok = false;
  std::vector<std::string> lines = code.disassemble("0v_v", &ok);
  EXPECT_TRUE(ok);
  std::vector<std::string> expected = {
      "0: CALL func[7], (s4), ()",
      "12: FAIL s0, string[9]",
      "20: CAST_ANY_REF r0, r1, type[3]",
      "30: CALL_IMPORT import[2], (), ()",
  };
  EXPECT_EQ(lines, expected);
}

TEST(Disassembler, StopsAtAMalformedInstruction) {
  struct Case {
    Code code;
    std::string last;
  };
  std::vector<Case> cases;
  cases.push_back({Code().op(Opcode::ADD_I32).u16(0).u16(1),
                   "0: <truncated operand 2 of ADD_I32 at offset 0>"});
  cases.push_back({Code().u16(0xFFFE), "0: <unknown opcode 65534 at offset 0>"});
  cases.push_back({Code().op(Opcode::BR).u32(0).u8(1), "6: <truncated opcode at offset 6>"});
  cases.push_back(
      {Code().op(Opcode::RETURN).u8(3), "0: <truncated operand list of RETURN at offset 0>"});
  // A list whose count runs far past the end is not read.
  cases.push_back({Code().op(Opcode::RETURN).u16(0xFFFF).u16(1),
                   "0: <truncated operand 0 of RETURN at offset 0>"});
  cases.push_back({Code().op(Opcode::BR_TABLE).u16(0).u32(0).u16(2).u32(4),
                   "0: <truncated operand 2 of BR_TABLE at offset 0>"});
  for (const Case &c : cases) {
    bool ok = true;
    std::vector<std::string> lines = c.code.disassemble("0v_v", &ok);
    EXPECT_FALSE(ok) << c.last;
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.back(), c.last);
  }
}

TEST(Disassembler, ReturnUsesTheFunctionsResultBanks) {
  Code code;
  code.op(Opcode::RETURN).u16(2).u16(1).u16(0x8000);
  bool ok = false;
  EXPECT_EQ(code.disassemble("0v_ir", &ok), std::vector<std::string>{"0: RETURN (s1, r0!)"});
  EXPECT_TRUE(ok);
  // A signature without results' banks: every value prints as a scalar.
  EXPECT_EQ(code.disassemble("garbage", &ok), std::vector<std::string>{"0: RETURN (s1, s32768)"});
}

TEST(Disassembler, ExpandsVariadicSpans) {
  const uint16_t segments[] = {2, 0};
  EXPECT_EQ(expand_signature_banks("0iCrID_v", false, segments, 2), "irIrI");
  EXPECT_EQ(expand_signature_banks("0iCrID_v", false, nullptr, 0), "i");
  EXPECT_EQ(expand_signature_banks("0v_iF", true, nullptr, 0), "iF");
  EXPECT_EQ(expand_signature_banks("0iCr_v", false, segments, 2), "i"); // unterminated span
  EXPECT_EQ(expand_signature_banks("", false, nullptr, 0), "");
}

TEST(Disassembler, DescribesEveryDecodeError) {
  DecodedInstruction inst;
  const uint8_t one[] = {0};
  DecodeResult result = try_decode_instruction(one, 1, 0, &inst);
  EXPECT_EQ(result.error, DecodeError::kTruncatedOpcode);
  EXPECT_EQ(describe_decode_error(result, 0), "truncated opcode at offset 0");
  // A pc past the end (or near UINT32_MAX) is not read.
  EXPECT_EQ(try_decode_instruction(one, 1, 0xFFFFFFFFu, &inst).error,
            DecodeError::kTruncatedOpcode);
}

} // namespace
} // namespace kiln::bytecode
