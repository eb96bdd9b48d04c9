//===- BytecodePlan.cpp - Instruction selection decisions -----------------===//

#include "compiler/Target/Bytecode/BytecodePlan.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>

namespace mlir::kiln {

using ::kiln::bytecode::getOpcodeForms;
using ::kiln::bytecode::kNoOpcode;
using ::kiln::bytecode::kOpcodeInfo;
using ::kiln::bytecode::Opcode;
using ::kiln::bytecode::OpcodeForms;
using ::kiln::bytecode::OperandKind;

namespace {

/// True when the immediate operand of `opcode` can hold `value`.
bool immediateFits(Opcode opcode, int64_t value) {
  const auto &info = kOpcodeInfo[static_cast<uint16_t>(opcode)];
  for (uint8_t i = 0; i < info.operandCount; ++i)
    if (info.operands[i] == OperandKind::kImmI32)
      return value >= INT32_MIN && value <= INT32_MAX;
  return true;
}

/// `-value` in the width of `opcode`'s immediate: two's complement negation
/// wraps exactly like the subtraction it replaces.
int64_t negateImmediate(Opcode opcode, int64_t value) {
  const auto &info = kOpcodeInfo[static_cast<uint16_t>(opcode)];
  for (uint8_t i = 0; i < info.operandCount; ++i)
    if (info.operands[i] == OperandKind::kImmI32)
      return static_cast<int32_t>(0u - static_cast<uint32_t>(value));
  return static_cast<int64_t>(0ull - static_cast<uint64_t>(value));
}

/// The two operands of `op` in the order its opcode reads them.
std::pair<Value, Value> orderedPair(Operation *op, const OpcodeChoice &choice) {
  Value lhs = op->getOperand(0), rhs = op->getOperand(1);
  if (choice.swapReads)
    std::swap(lhs, rhs);
  return {lhs, rhs};
}

} // namespace

std::optional<int64_t> BytecodePlan::getIntegerConstant(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  if (isa<vm::ConstI32ZeroOp, vm::ConstI64ZeroOp>(def))
    return 0;
  if (!isa<vm::ConstI32Op, vm::ConstI64Op>(def))
    return std::nullopt;
  auto attr = def->getAttrOfType<IntegerAttr>("value");
  if (!attr)
    return std::nullopt;
  return attr.getValue().getSExtValue();
}

std::optional<BytecodePlan::Immediate> BytecodePlan::matchImmediate(Opcode opcode, Value lhs,
                                                                    Value rhs) {
  const OpcodeForms &forms = getOpcodeForms(opcode);
  std::optional<int64_t> k = getIntegerConstant(rhs);
  if (k && forms.immRhs != kNoOpcode && immediateFits(forms.immRhs, *k))
    return Immediate{forms.immRhs, lhs, *k};
  if (k && forms.immRhsNegated != kNoOpcode && immediateFits(forms.immRhsNegated, *k))
    return Immediate{forms.immRhsNegated, lhs, negateImmediate(forms.immRhsNegated, *k)};
  k = getIntegerConstant(lhs);
  if (k && forms.immLhs != kNoOpcode && immediateFits(forms.immLhs, *k))
    return Immediate{forms.immLhs, rhs, *k};
  return std::nullopt;
}

BytecodePlan::BytecodePlan(Region &body, const OpcodeTable &table) : table(table) {
  llvm::DenseSet<Operation *> constCandidates;
  auto foldConstant = [&](Operation *op, const Immediate &imm) {
    Value constant = op->getOperand(0) == imm.reg ? op->getOperand(1) : op->getOperand(0);
    constCandidates.insert(constant.getDefiningOp());
  };
  for (Block &block : body) {
    for (Operation &op : block) {
      // Compare-and-branch: the compare must be the only producer of the
      // condition, used once, right before the branch in the same block.
      if (isa<vm::CondBranchOp>(op)) {
        Value cond = op.getOperand(0);
        Operation *cmp = cond.getDefiningOp();
        if (!cmp || cmp->getBlock() != &block || !cond.hasOneUse() || cmp->getNextNode() != &op)
          continue;
        std::optional<OpcodeChoice> choice = table.lookup(cmp);
        if (!choice || getOpcodeForms(choice->opcode).branch == kNoOpcode)
          continue;
        fusedCompares[&op] = cmp;
        elided.insert(cmp);
        if (cmp->getNumOperands() != 2)
          continue;
        auto [lhs, rhs] = orderedPair(cmp, *choice);
        if (std::optional<Immediate> imm =
                matchImmediate(getOpcodeForms(choice->opcode).branch, lhs, rhs)) {
          branchImmediates[&op] = *imm;
          foldConstant(cmp, *imm);
        }
        continue;
      }

      // An op with an immediate form and a constant operand.
      if (op.getNumOperands() != 2 || op.getNumResults() != 1)
        continue;
      std::optional<OpcodeChoice> choice = table.lookup(&op);
      if (!choice)
        continue;
      auto [lhs, rhs] = orderedPair(&op, *choice);
      if (std::optional<Immediate> imm = matchImmediate(choice->opcode, lhs, rhs)) {
        immediates[&op] = *imm;
        foldConstant(&op, *imm);
      }
    }
  }

  // A constant is dropped when nothing reads its register any more: every
  // use is an op in immediate form or a compare fused into a branch in
  // immediate form, with the constant as the immediate.
  for (Operation *constOp : constCandidates) {
    Value value = constOp->getResult(0);
    bool allFolded = llvm::all_of(value.getUses(), [&](OpOperand &use) {
      Operation *user = use.getOwner();
      const llvm::DenseMap<Operation *, Immediate> *forms = &immediates;
      if (elided.contains(user) && user->hasOneUse()) {
        user = *user->getUsers().begin();
        forms = &branchImmediates;
      }
      auto it = forms->find(user);
      return it != forms->end() && it->second.reg != value;
    });
    if (allFolded)
      elided.insert(constOp);
  }
}

BytecodePlan::Branch BytecodePlan::getBranch(Operation *condBr) const {
  if (auto it = branchImmediates.find(condBr); it != branchImmediates.end())
    return Branch{it->second.opcode, {it->second.reg}, it->second.imm};
  Operation *cmp = fusedCompares.lookup(condBr);
  if (!cmp)
    return Branch{table.lookupOpcode(condBr), {condBr->getOperand(0)}, {}};
  OpcodeChoice choice = *table.lookup(cmp);
  Branch branch{
      getOpcodeForms(choice.opcode).branch, SmallVector<Value, 2>(cmp->getOperands()), {}};
  if (choice.swapReads)
    std::reverse(branch.regs.begin(), branch.regs.end());
  return branch;
}

void BytecodePlan::getReads(Operation *op, SmallVectorImpl<Value> &reads) const {
  if (isElided(op))
    return;
  if (isa<vm::CondBranchOp>(op)) {
    Branch branch = getBranch(op);
    reads.append(branch.regs.begin(), branch.regs.end());
    reads.append(std::next(op->operand_begin()), op->operand_end());
    return;
  }
  if (std::optional<Immediate> imm = getImmediate(op)) {
    reads.push_back(imm->reg);
    return;
  }
  size_t start = reads.size();
  reads.append(op->operand_begin(), op->operand_end());
  std::optional<OpcodeChoice> choice = table.lookup(op);
  if (choice && choice->swapReads)
    std::reverse(reads.begin() + start, reads.end());
}

} // namespace mlir::kiln
