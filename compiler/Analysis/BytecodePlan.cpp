//===- BytecodePlan.cpp - Instruction selection decisions -----------------===//

#include "compiler/Analysis/BytecodePlan.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cstring>

namespace mlir::kiln {

std::optional<int64_t> BytecodePlan::getIntegerConstant(Value value) {
  Operation *def = value.getDefiningOp();
  if (!def)
    return std::nullopt;
  StringRef name = def->getName().getStringRef();
  if (name == "vm.const.i32.zero" || name == "vm.const.i64.zero")
    return 0;
  if (name != "vm.const.i32" && name != "vm.const.i64")
    return std::nullopt;
  auto attr = def->getAttrOfType<IntegerAttr>("value");
  if (!attr)
    return std::nullopt;
  return attr.getValue().getSExtValue();
}

std::string BytecodePlan::getSwappedCompareName(StringRef name) {
  if (name.starts_with("vm.cmp.gte."))
    return ("vm.cmp.lte." + name.drop_front(strlen("vm.cmp.gte."))).str();
  if (name.starts_with("vm.cmp.gt."))
    return ("vm.cmp.lt." + name.drop_front(strlen("vm.cmp.gt."))).str();
  return "";
}

StringRef BytecodePlan::getFusibleCompareStem(Operation *op) {
  std::string swapped = getSwappedCompareName(op->getName().getStringRef());
  StringRef name =
      swapped.empty() ? op->getName().getStringRef() : StringRef(swapped);
  return llvm::StringSwitch<StringRef>(name)
      .Case("vm.cmp.eq.i32", "EQ_I32")
      .Case("vm.cmp.ne.i32", "NE_I32")
      .Case("vm.cmp.lt.i32.s", "LT_I32_S")
      .Case("vm.cmp.lt.i32.u", "LT_I32_U")
      .Case("vm.cmp.lte.i32.s", "LTE_I32_S")
      .Case("vm.cmp.lte.i32.u", "LTE_I32_U")
      .Case("vm.cmp.eq.i64", "EQ_I64")
      .Case("vm.cmp.ne.i64", "NE_I64")
      .Case("vm.cmp.lt.i64.s", "LT_I64_S")
      .Case("vm.cmp.lt.i64.u", "LT_I64_U")
      .Case("vm.cmp.lte.i64.s", "LTE_I64_S")
      .Case("vm.cmp.lte.i64.u", "LTE_I64_U")
      .Default("");
}

void BytecodePlan::getSuccessorValues(Operation *terminator,
                                      unsigned succIndex,
                                      SmallVectorImpl<Value> &values) {
  Block *succ = terminator->getSuccessor(succIndex);
  unsigned numArgs = succ->getNumArguments();
  values.assign(numArgs, Value());
  StringRef name = terminator->getName().getStringRef();
  if (name == "vm.call.yieldable" || name == "vm.call.variadic.yieldable")
    return;
  if (auto branch = llvm::dyn_cast<BranchOpInterface>(terminator)) {
    SuccessorOperands operands = branch.getSuccessorOperands(succIndex);
    unsigned produced = operands.getProducedOperandCount();
    for (unsigned i = produced; i < numArgs && i < operands.size(); ++i)
      values[i] = operands[i];
    return;
  }
  // Single-successor ops that forward their trailing operands.
  unsigned skip = name == "vm.cond_break" ? 1 : 0;
  unsigned available = terminator->getNumOperands() - skip;
  for (unsigned i = 0; i < numArgs && i < available; ++i)
    values[i] = terminator->getOperand(skip + i);
}

BytecodePlan::BytecodePlan(Region &body) {
  llvm::DenseSet<Operation *> constCandidates;
  for (Block &block : body) {
    for (Operation &op : block) {
      StringRef name = op.getName().getStringRef();

      // Compare-and-branch: the compare must be the only producer of the
      // condition, used once, right before the branch in the same block.
      if (name == "vm.cond_br" && op.getNumOperands() > 0) {
        Value cond = op.getOperand(0);
        Operation *cmp = cond.getDefiningOp();
        if (cmp && cmp->getBlock() == &block && cond.hasOneUse() &&
            cmp->getNextNode() == &op &&
            (!getFusibleCompareStem(cmp).empty() ||
             cmp->getName().getStringRef() == "vm.cmp.nz.i32")) {
          fusedCompares[&op] = cmp;
          elided.insert(cmp);
          if (auto imm = matchCompareImmediate(cmp)) {
            compareImmediates[&op] = *imm;
            Value constant = cmp->getOperand(0) == imm->reg
                                 ? cmp->getOperand(1)
                                 : cmp->getOperand(0);
            constCandidates.insert(constant.getDefiningOp());
          }
        }
        continue;
      }

      // Add (or subtract) an immediate.
      bool isAdd = name == "vm.add.i32" || name == "vm.add.i64";
      bool isSub = name == "vm.sub.i32" || name == "vm.sub.i64";
      if ((isAdd || isSub) && op.getNumOperands() == 2) {
        bool is32 = name.ends_with("i32");
        auto fits = [&](int64_t v) {
          return !is32 || (v >= INT32_MIN && v <= INT32_MAX);
        };
        std::optional<int64_t> rhs = getIntegerConstant(op.getOperand(1));
        std::optional<int64_t> lhs = getIntegerConstant(op.getOperand(0));
        if (rhs && fits(*rhs)) {
          int64_t imm = rhs.value();
          // Two's complement negation wraps exactly like the subtraction.
          if (isSub)
            imm = is32 ? static_cast<int64_t>(static_cast<int32_t>(
                             0u - static_cast<uint32_t>(imm)))
                       : static_cast<int64_t>(0ull - static_cast<uint64_t>(imm));
          addImmediates[&op] = {op.getOperand(0), imm};
          constCandidates.insert(op.getOperand(1).getDefiningOp());
        } else if (isAdd && lhs && fits(lhs.value_or(0))) {
          addImmediates[&op] = {op.getOperand(1), lhs.value_or(0)};
          constCandidates.insert(op.getOperand(0).getDefiningOp());
        }
      }
    }
  }

  // A constant is dropped when nothing reads its register any more: every
  // use is an add folded to ADD_*_IMM or a compare folded to BR_IF_*_IMM.
  for (Operation *constOp : constCandidates) {
    Value value = constOp->getResult(0);
    bool allFolded = llvm::all_of(value.getUses(), [&](OpOperand &use) {
      Operation *user = use.getOwner();
      auto it = addImmediates.find(user);
      if (it != addImmediates.end())
        return it->second.reg != value;
      if (elided.contains(user) && user->hasOneUse()) {
        Operation *branch = *user->getUsers().begin();
        auto ci = compareImmediates.find(branch);
        return ci != compareImmediates.end() && ci->second.reg != value;
      }
      return false;
    });
    if (allFolded)
      elided.insert(constOp);
  }
}

std::optional<BytecodePlan::CompareImmediate>
BytecodePlan::matchCompareImmediate(Operation *cmp) {
  StringRef stem = getFusibleCompareStem(cmp);
  if (!stem.ends_with("_I32") && !stem.ends_with("_I32_S") &&
      !stem.ends_with("_I32_U"))
    return std::nullopt;
  // Operands in the stem's order (a swapped compare reads them reversed).
  Value lhs = cmp->getOperand(0), rhs = cmp->getOperand(1);
  if (!getSwappedCompareName(cmp->getName().getStringRef()).empty())
    std::swap(lhs, rhs);
  if (std::optional<int64_t> k = getIntegerConstant(rhs))
    return CompareImmediate{lhs, *k, stem.str()};
  std::optional<int64_t> k = getIntegerConstant(lhs);
  if (!k)
    return std::nullopt;
  // k < x is x > k: mirror the relation.
  std::string relation = stem.str();
  if (stem.starts_with("LTE_"))
    relation = ("GTE_" + stem.drop_front(4)).str();
  else if (stem.starts_with("LT_"))
    relation = ("GT_" + stem.drop_front(3)).str();
  return CompareImmediate{rhs, *k, relation};
}

void BytecodePlan::getReads(Operation *op,
                            SmallVectorImpl<Value> &reads) const {
  if (isElided(op))
    return;
  if (auto imm = getCompareImmediate(op)) {
    reads.push_back(imm->reg);
    reads.append(std::next(op->operand_begin()), op->operand_end());
    return;
  }
  if (Operation *cmp = getFusedCompare(op)) {
    reads.append(cmp->operand_begin(), cmp->operand_end());
    if (!getSwappedCompareName(cmp->getName().getStringRef()).empty())
      std::reverse(reads.end() - cmp->getNumOperands(), reads.end());
    reads.append(std::next(op->operand_begin()), op->operand_end());
    return;
  }
  if (auto addImm = getAddImmediate(op)) {
    reads.push_back(addImm->reg);
    return;
  }
  reads.append(op->operand_begin(), op->operand_end());
  if (!getSwappedCompareName(op->getName().getStringRef()).empty())
    std::reverse(reads.begin(), reads.end());
}

} // namespace mlir::kiln
