//===- OperandReads.h - What ops read once lowered --------------*- C++ -*-===//
//
// Liveness and register allocation work on the values an op reads once a
// target has lowered it, which are not always its operands: a target may
// fold a constant operand into an immediate, fuse a compare into the branch
// that uses it, or drop an op whose every use was folded. A target says so
// by implementing OperandReads (the bytecode target's BytecodePlan); the
// default reads every operand and drops nothing.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_OPERANDREADS_H
#define KILN_COMPILER_ANALYSIS_OPERANDREADS_H

#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"

namespace mlir::kiln {

class OperandReads {
public:
  virtual ~OperandReads();

  /// True when `op` emits no code of its own (its results need no
  /// register).
  virtual bool isElided(Operation *op) const;

  /// Appends the values `op` reads (including the operands it forwards to
  /// successors), in the order the target reads them.
  virtual void getReads(Operation *op, SmallVectorImpl<Value> &reads) const;
};

/// One entry per block argument of successor `succIndex` of `terminator`:
/// the value the edge passes, or null where the op itself produces the
/// argument (the results of `vm.call.yieldable`).
void getSuccessorValues(Operation *terminator, unsigned succIndex, SmallVectorImpl<Value> &values);

} // namespace mlir::kiln

#endif // KILN_COMPILER_ANALYSIS_OPERANDREADS_H
