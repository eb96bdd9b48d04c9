//===- OpcodeSelection.cpp - Opcodes from the generated table -------------===//

#include "compiler/Target/Bytecode/OpcodeSelection.h"

namespace mlir::kiln {

using ::kiln::bytecode::kOpcodeCount;
using ::kiln::bytecode::kOpcodeInfo;
using ::kiln::bytecode::Opcode;
using llvm::SmallVector;
using llvm::StringRef;

const llvm::StringMap<SmallVector<Opcode, 2>> &getOpcodeMap() {
  static const llvm::StringMap<SmallVector<Opcode, 2>> map = [] {
    llvm::StringMap<SmallVector<Opcode, 2>> result;
    for (uint16_t i = 0; i < kOpcodeCount; ++i) {
      SmallVector<StringRef> names;
      StringRef(kOpcodeInfo[i].vmOps).split(names, ',', -1, false);
      for (StringRef name : names)
        result[name].push_back(static_cast<Opcode>(i));
    }
    return result;
  }();
  return map;
}

// Built once from the generated opcode info.
std::optional<Opcode> lookupOpcodeByName(StringRef name) {
  static const llvm::StringMap<Opcode> byName = [] {
    llvm::StringMap<Opcode> result;
    for (uint16_t i = 0; i < kOpcodeCount; ++i)
      result[kOpcodeInfo[i].name] = static_cast<Opcode>(i);
    return result;
  }();
  auto it = byName.find(name);
  if (it == byName.end())
    return std::nullopt;
  return it->second;
}

namespace {
constexpr BranchNegation kBranchNegations[] = {
    {Opcode::BR_IF_EQ_I32, Opcode::BR_IF_NE_I32, false},
    {Opcode::BR_IF_NE_I32, Opcode::BR_IF_EQ_I32, false},
    {Opcode::BR_IF_LT_I32_S, Opcode::BR_IF_LTE_I32_S, true},
    {Opcode::BR_IF_LTE_I32_S, Opcode::BR_IF_LT_I32_S, true},
    {Opcode::BR_IF_LT_I32_U, Opcode::BR_IF_LTE_I32_U, true},
    {Opcode::BR_IF_LTE_I32_U, Opcode::BR_IF_LT_I32_U, true},
    {Opcode::BR_IF_EQ_I64, Opcode::BR_IF_NE_I64, false},
    {Opcode::BR_IF_NE_I64, Opcode::BR_IF_EQ_I64, false},
    {Opcode::BR_IF_LT_I64_S, Opcode::BR_IF_LTE_I64_S, true},
    {Opcode::BR_IF_LTE_I64_S, Opcode::BR_IF_LT_I64_S, true},
    {Opcode::BR_IF_LT_I64_U, Opcode::BR_IF_LTE_I64_U, true},
    {Opcode::BR_IF_LTE_I64_U, Opcode::BR_IF_LT_I64_U, true},
    {Opcode::BR_IF_EQ_I32_IMM, Opcode::BR_IF_NE_I32_IMM, false},
    {Opcode::BR_IF_NE_I32_IMM, Opcode::BR_IF_EQ_I32_IMM, false},
    {Opcode::BR_IF_LT_I32_S_IMM, Opcode::BR_IF_GTE_I32_S_IMM, false},
    {Opcode::BR_IF_GTE_I32_S_IMM, Opcode::BR_IF_LT_I32_S_IMM, false},
    {Opcode::BR_IF_LTE_I32_S_IMM, Opcode::BR_IF_GT_I32_S_IMM, false},
    {Opcode::BR_IF_GT_I32_S_IMM, Opcode::BR_IF_LTE_I32_S_IMM, false},
    {Opcode::BR_IF_LT_I32_U_IMM, Opcode::BR_IF_GTE_I32_U_IMM, false},
    {Opcode::BR_IF_GTE_I32_U_IMM, Opcode::BR_IF_LT_I32_U_IMM, false},
    {Opcode::BR_IF_LTE_I32_U_IMM, Opcode::BR_IF_GT_I32_U_IMM, false},
    {Opcode::BR_IF_GT_I32_U_IMM, Opcode::BR_IF_LTE_I32_U_IMM, false},
};

} // namespace

std::optional<BranchNegation> negationOf(Opcode opcode) {
  for (const BranchNegation &n : kBranchNegations)
    if (n.opcode == opcode)
      return n;
  return std::nullopt;
}

} // namespace mlir::kiln
