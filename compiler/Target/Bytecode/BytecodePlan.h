//===- BytecodePlan.h - Instruction selection decisions ---------*- C++ -*-===//
//
// Decisions the bytecode encoder takes before registers are assigned, because
// they change which values need registers and where values are read. Every
// decision comes from the opcode table's selection columns
// (runtime/schema/opcodes.txt):
//   - a compare whose only user is the `vm.cond_br` right after it in the
//     same block is fused into the compare's `branch` form, and into that
//     form's `imm_rhs`/`imm_lhs` form when one operand is a constant;
//   - an op with an immediate form (`imm_rhs`, `imm_lhs`,
//     `imm_rhs_negated`: vm.add.*, vm.sub.*) and a constant operand is
//     encoded in that form;
//   - a constant whose every use was folded into an immediate is dropped;
//   - ops listed as `swapped` read their two operands in reverse order.
// Liveness and register allocation see the reads this plan reports (it is
// their OperandReads), so the encoder and the allocator always agree.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_BYTECODE_BYTECODEPLAN_H
#define KILN_COMPILER_TARGET_BYTECODE_BYTECODEPLAN_H

#include "compiler/Analysis/OperandReads.h"
#include "compiler/Target/Bytecode/OpcodeSelection.h"

#include "mlir/IR/Operation.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace mlir::kiln {

class BytecodePlan final : public OperandReads {
public:
  /// An op encoded in an immediate form: `opcode result, reg, imm`.
  struct Immediate {
    ::kiln::bytecode::Opcode opcode;
    Value reg;
    int64_t imm;
  };

  /// How a `vm.cond_br` branches when its condition holds: `opcode` reads
  /// `regs`, then `imm` when the opcode has an immediate, then the target.
  /// Unfused: BR_IF_NZ on the condition.
  struct Branch {
    ::kiln::bytecode::Opcode opcode;
    SmallVector<Value, 2> regs;
    std::optional<int64_t> imm;
  };

  BytecodePlan(Region &body, const OpcodeTable &table);

  const OpcodeTable &getOpcodeTable() const { return table; }

  bool isElided(Operation *op) const override { return elided.contains(op); }

  /// The immediate form of `op`, if it has one.
  std::optional<Immediate> getImmediate(Operation *op) const {
    auto it = immediates.find(op);
    if (it == immediates.end())
      return std::nullopt;
    return it->second;
  }

  /// How the `vm.cond_br` `condBr` branches.
  Branch getBranch(Operation *condBr) const;

  void getReads(Operation *op, SmallVectorImpl<Value> &reads) const override;

  /// Integer value of a `vm.const.i32`/`vm.const.i64` (or their zero forms).
  static std::optional<int64_t> getIntegerConstant(Value value);

private:
  /// The immediate form of `op` with opcode `opcode`, when one of the
  /// operands `lhs`, `rhs` (in the opcode's order) is a fitting constant.
  static std::optional<Immediate> matchImmediate(::kiln::bytecode::Opcode opcode, Value lhs,
                                                 Value rhs);

  const OpcodeTable &table;
  llvm::DenseSet<Operation *> elided;
  /// vm.cond_br -> the compare fused into it.
  llvm::DenseMap<Operation *, Operation *> fusedCompares;
  /// Ops in immediate form.
  llvm::DenseMap<Operation *, Immediate> immediates;
  /// vm.cond_br ops whose fused compare is in immediate form.
  llvm::DenseMap<Operation *, Immediate> branchImmediates;
};

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_BYTECODE_BYTECODEPLAN_H
