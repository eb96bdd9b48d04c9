//===- OperandReads.cpp - What ops read once lowered ----------------------===//

#include "compiler/Analysis/OperandReads.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Block.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"

namespace mlir::kiln {

OperandReads::~OperandReads() = default;

bool OperandReads::isElided(Operation *) const { return false; }

void OperandReads::getReads(Operation *op, SmallVectorImpl<Value> &reads) const {
  reads.append(op->operand_begin(), op->operand_end());
}

void getSuccessorValues(Operation *terminator, unsigned succIndex, SmallVectorImpl<Value> &values) {
  Block *succ = terminator->getSuccessor(succIndex);
  unsigned numArgs = succ->getNumArguments();
  values.assign(numArgs, Value());
  // A yieldable call's successor arguments are its results.
  if (isa<vm::CallYieldableOp, vm::CallVariadicYieldableOp>(terminator))
    return;
  if (auto branch = dyn_cast<BranchOpInterface>(terminator)) {
    SuccessorOperands operands = branch.getSuccessorOperands(succIndex);
    unsigned produced = operands.getProducedOperandCount();
    for (unsigned i = produced; i < numArgs && i < operands.size(); ++i)
      values[i] = operands[i];
    return;
  }
  // Single-successor ops that forward their trailing operands (after the
  // condition of vm.cond_break).
  unsigned skip = isa<vm::CondBreakOp>(terminator) ? 1 : 0;
  unsigned available = terminator->getNumOperands() - skip;
  for (unsigned i = 0; i < numArgs && i < available; ++i)
    values[i] = terminator->getOperand(skip + i);
}

} // namespace mlir::kiln
