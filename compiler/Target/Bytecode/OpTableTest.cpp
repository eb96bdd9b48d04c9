//===- OpTableTest.cpp - The opcode table against the vm dialect ----------===//
//
// A build-time check that runtime/schema/opcodes.txt (through the generated
// kiln/bytecode/opcodes.h) and the vm dialect's ODS ops agree: every op an
// opcode row lists (directly or in its `swapped` column) is an ODS op, and
// every ODS op has an opcode row or exactly one documented lowering in
// compiler/Target/Bytecode/op_lowerings.txt. Also checks that the table's
// selection columns describe forms the encoder can emit: a branch form
// reads what its compare reads, an immediate form replaces one register
// with an immediate of its width, negations pair up.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMDialect.h"
#include "kiln/bytecode/opcodes.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using ::kiln::bytecode::getFusedSequence;
using ::kiln::bytecode::getOpcodeForms;
using ::kiln::bytecode::kFusedSequences;
using ::kiln::bytecode::kNoOpcode;
using ::kiln::bytecode::kOpcodeCount;
using ::kiln::bytecode::kOpcodeInfo;
using ::kiln::bytecode::Opcode;
using ::kiln::bytecode::OpcodeForms;
using ::kiln::bytecode::OperandKind;

/// The registered ops of the vm dialect, by full name.
llvm::StringSet<> odsOps(mlir::MLIRContext &ctx) {
  ctx.getOrLoadDialect<mlir::kiln::vm::VMDialect>();
  llvm::StringSet<> ops;
  for (mlir::RegisteredOperationName name : ctx.getRegisteredOperations())
    if (name.getDialectNamespace() == "vm")
      ops.insert(name.getStringRef());
  return ops;
}

/// vm op -> the opcode rows that list it (directly or swapped).
llvm::StringMap<std::string> tableOps() {
  llvm::StringMap<std::string> ops;
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    for (const char *list : {kOpcodeInfo[i].vmOps, kOpcodeInfo[i].swappedVmOps}) {
      llvm::SmallVector<llvm::StringRef> names;
      llvm::StringRef(list).split(names, ',', -1, false);
      for (llvm::StringRef name : names)
        ops[name] = kOpcodeInfo[i].name;
    }
  }
  return ops;
}

llvm::SmallVector<OperandKind, 8> operandsOf(Opcode opcode) {
  const auto &info = kOpcodeInfo[static_cast<uint16_t>(opcode)];
  return llvm::SmallVector<OperandKind, 8>(info.operands, info.operands + info.operandCount);
}

const char *nameOf(Opcode opcode) { return kOpcodeInfo[static_cast<uint16_t>(opcode)].name; }

bool isIntegerRead(OperandKind kind) {
  return kind == OperandKind::kReadI32 || kind == OperandKind::kReadI64;
}

OperandKind immediateFor(OperandKind read) {
  return read == OperandKind::kReadI32 ? OperandKind::kImmI32 : OperandKind::kImmI64;
}

/// `operands` with register read `which` (0: first, 1: second) removed and
/// an immediate of its width appended after the remaining reads.
llvm::SmallVector<OperandKind, 8> withImmediate(llvm::SmallVector<OperandKind, 8> operands,
                                                unsigned which) {
  llvm::SmallVector<size_t, 4> reads;
  for (size_t i = 0; i < operands.size(); ++i)
    if (isIntegerRead(operands[i]))
      reads.push_back(i);
  if (reads.size() != 2)
    return {};
  OperandKind imm = immediateFor(operands[reads[which]]);
  operands.erase(operands.begin() + reads[which]);
  operands.insert(operands.begin() + reads[0] + 1, imm);
  return operands;
}

struct Lowering {
  std::string how, note;
};

/// op_lowerings.txt: VM_OP HOW NOTE..., '#' comments.
llvm::StringMap<Lowering> documentedLowerings(std::string &error) {
  llvm::StringMap<Lowering> lowerings;
  auto file = llvm::MemoryBuffer::getFile(KILN_OP_LOWERINGS_FILE);
  if (!file) {
    error = "cannot read " KILN_OP_LOWERINGS_FILE;
    return lowerings;
  }
  llvm::SmallVector<llvm::StringRef> lines;
  (*file)->getBuffer().split(lines, '\n');
  for (llvm::StringRef line : lines) {
    line = line.split('#').first.trim();
    if (line.empty())
      continue;
    auto [op, rest] = line.split(' ');
    auto [how, note] = rest.trim().split(' ');
    if (lowerings.count(op))
      error += "op_lowerings.txt lists " + op.str() + " twice\n";
    lowerings[op] = Lowering{how.str(), note.trim().str()};
  }
  return lowerings;
}

TEST(OpTable, EveryOpcodeRowNamesOdsOps) {
  mlir::MLIRContext ctx;
  llvm::StringSet<> ods = odsOps(ctx);
  ASSERT_GT(ods.size(), 100u);
  for (const auto &entry : tableOps())
    EXPECT_TRUE(ods.contains(entry.getKey()))
        << "opcode " << entry.getValue() << " lists " << entry.getKey().str()
        << ", which is not an op of the vm dialect";
}

TEST(OpTable, EveryOdsOpHasAnOpcodeOrADocumentedLowering) {
  mlir::MLIRContext ctx;
  llvm::StringSet<> ods = odsOps(ctx);
  llvm::StringMap<std::string> table = tableOps();
  std::string error;
  llvm::StringMap<Lowering> lowerings = documentedLowerings(error);
  ASSERT_EQ(error, "");
  for (const auto &entry : ods) {
    llvm::StringRef op = entry.getKey();
    bool inTable = table.count(op), documented = lowerings.count(op);
    EXPECT_TRUE(inTable || documented)
        << op.str() << " has no opcode in runtime/schema/opcodes.txt and no line in "
        << "compiler/Target/Bytecode/op_lowerings.txt";
    EXPECT_FALSE(inTable && documented) << op.str() << " has opcode " << table.lookup(op)
                                        << " and a line in op_lowerings.txt; drop the line";
  }
  for (const auto &entry : lowerings) {
    llvm::StringRef op = entry.getKey();
    const Lowering &lowering = entry.getValue();
    EXPECT_TRUE(ods.contains(op)) << "op_lowerings.txt lists " << op.str()
                                  << ", which is not an op of the vm dialect";
    EXPECT_TRUE(lowering.how == "structural" || lowering.how == "pass" ||
                lowering.how == "swapped" || lowering.how == "encoder" || lowering.how == "native")
        << op.str() << ": unknown kind '" << lowering.how << "'";
    EXPECT_FALSE(lowering.note.empty()) << op.str() << ": no note";
    if (lowering.how == "swapped") {
      EXPECT_TRUE(table.count(lowering.note))
          << op.str() << " is encoded as " << lowering.note << ", which has no opcode";
    }
  }
}

TEST(OpTable, SwappedRowsReadTwoRegisters) {
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    if (!*kOpcodeInfo[i].swappedVmOps)
      continue;
    unsigned reads = 0;
    for (OperandKind kind : operandsOf(static_cast<Opcode>(i)))
      reads += kind == OperandKind::kReadI32 || kind == OperandKind::kReadI64 ||
               kind == OperandKind::kReadF32 || kind == OperandKind::kReadF64 ||
               kind == OperandKind::kReadRef;
    EXPECT_EQ(reads, 2u) << kOpcodeInfo[i].name << " swaps the operands of "
                         << kOpcodeInfo[i].swappedVmOps << " but does not read two";
  }
}

TEST(OpTable, SelectionColumnsDescribeEncodableForms) {
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    Opcode opcode = static_cast<Opcode>(i);
    const OpcodeForms &forms = getOpcodeForms(opcode);
    llvm::SmallVector<OperandKind, 8> operands = operandsOf(opcode);
    if (forms.branch != kNoOpcode) {
      // A compare (one i32 result, then its reads) and a branch reading the
      // same registers, then the target.
      llvm::SmallVector<OperandKind, 8> expected(operands.begin() + 1, operands.end());
      expected.push_back(OperandKind::kTarget);
      EXPECT_EQ(operands.front(), OperandKind::kWriteI32) << nameOf(opcode);
      EXPECT_EQ(operandsOf(forms.branch), expected)
          << nameOf(forms.branch) << " is not the branch form of " << nameOf(opcode);
    }
    for (auto [form, which] : {std::pair{forms.immRhs, 1u}, std::pair{forms.immLhs, 0u},
                               std::pair{forms.immRhsNegated, 1u}}) {
      if (form == kNoOpcode)
        continue;
      llvm::SmallVector<OperandKind, 8> expected = withImmediate(operands, which);
      EXPECT_FALSE(expected.empty()) << nameOf(opcode) << " reads no two integer registers";
      EXPECT_EQ(operandsOf(form), expected)
          << nameOf(form) << " is not an immediate form of " << nameOf(opcode);
    }
    if (forms.negation != kNoOpcode) {
      const OpcodeForms &back = getOpcodeForms(forms.negation);
      EXPECT_EQ(operandsOf(forms.negation), operands)
          << nameOf(forms.negation) << " negates " << nameOf(opcode);
      EXPECT_EQ(back.negation, opcode) << "the negation of the negation of " << nameOf(opcode);
      EXPECT_EQ(back.negationSwapsRegisters, forms.negationSwapsRegisters) << nameOf(opcode);
      EXPECT_EQ(operands.back(), OperandKind::kTarget) << nameOf(opcode) << " is no branch";
    }
  }
}

TEST(OpTable, FusedSequencesFindTheirOpcode) {
  for (const auto &sequence : kFusedSequences) {
    if (sequence.fused == kNoOpcode)
      continue;
    EXPECT_EQ(getFusedSequence(sequence.first, sequence.second), sequence.fused);
    EXPECT_NE(kOpcodeInfo[static_cast<uint16_t>(sequence.fused)].fixedLength, 0)
        << nameOf(sequence.fused) << ": the encoder fuses fixed-size instructions only";
  }
  EXPECT_EQ(getFusedSequence(Opcode::ADD_I32_IMM, Opcode::BR_IF_LT_I32_S),
            Opcode::ADD_BR_IF_LT_I32_S);
  EXPECT_EQ(getFusedSequence(Opcode::BR_IF_LT_I32_S, Opcode::ADD_I32_IMM), kNoOpcode);
}

TEST(OpTable, FixedLengthsMatchTheOperands) {
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    unsigned length = 2;
    bool fixed = true;
    for (OperandKind kind : operandsOf(static_cast<Opcode>(i))) {
      unsigned size = ::kiln::bytecode::fixedOperandSize(kind);
      fixed = fixed && size != 0;
      length += size;
    }
    EXPECT_EQ(kOpcodeInfo[i].fixedLength, fixed ? length : 0u) << kOpcodeInfo[i].name;
  }
  EXPECT_EQ(kOpcodeInfo[static_cast<uint16_t>(Opcode::ADD_I32_IMM)].fixedLength, 10);
}

} // namespace
