//===- OpTableTest.cpp - The opcode table against the vm dialect ----------===//
//
// A build-time check that runtime/schema/opcodes.txt (through the generated
// kiln/bytecode/opcodes.h) and the vm dialect's ODS ops agree: every op an
// opcode row lists is an ODS op, and every ODS op has an opcode row or
// exactly one documented lowering in compiler/Target/Bytecode/
// op_lowerings.txt (a swapped compare names an op that has an opcode).
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

namespace {

using ::kiln::bytecode::kOpcodeCount;
using ::kiln::bytecode::kOpcodeInfo;

/// The registered ops of the vm dialect, by full name.
llvm::StringSet<> odsOps(mlir::MLIRContext &ctx) {
  ctx.getOrLoadDialect<mlir::kiln::vm::VMDialect>();
  llvm::StringSet<> ops;
  for (mlir::RegisteredOperationName name : ctx.getRegisteredOperations())
    if (name.getDialectNamespace() == "vm")
      ops.insert(name.getStringRef());
  return ops;
}

/// vm op -> the opcode rows that list it.
llvm::StringMap<std::string> tableOps() {
  llvm::StringMap<std::string> ops;
  for (uint16_t i = 0; i < kOpcodeCount; ++i) {
    llvm::SmallVector<llvm::StringRef> names;
    llvm::StringRef(kOpcodeInfo[i].vmOps).split(names, ',', -1, false);
    for (llvm::StringRef name : names)
      ops[name] = kOpcodeInfo[i].name;
  }
  return ops;
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
                lowering.how == "swapped" || lowering.how == "encoder")
        << op.str() << ": unknown kind '" << lowering.how << "'";
    EXPECT_FALSE(lowering.note.empty()) << op.str() << ": no note";
    if (lowering.how == "swapped") {
      EXPECT_TRUE(table.count(lowering.note))
          << op.str() << " is encoded as " << lowering.note << ", which has no opcode";
    }
  }
}

} // namespace
