//===- BytecodePlan.h - Instruction selection decisions ---------*- C++ -*-===//
//
// Decisions the bytecode encoder takes before registers are assigned, because
// they change which values need registers and where values are read:
//   - a `vm.cmp.*` whose only user is the condition of the `vm.cond_br` that
//     follows it in the same block is fused into a BR_IF_<cmp> instruction;
//   - `vm.add.*` / `vm.sub.*` with a `vm.const.*` operand becomes ADD_*_IMM;
//   - a `vm.const.*` whose every use was folded into an immediate is dropped.
// Liveness and register allocation see the reads this plan reports, not the
// raw operands, so the encoder and the allocator always agree.
//
// Works on generic Operation* (op names and attributes), so it does not
// depend on the C++ classes of the vm ops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_BYTECODEPLAN_H
#define KILN_COMPILER_ANALYSIS_BYTECODEPLAN_H

#include "mlir/IR/Operation.h"
#include "mlir/IR/Region.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <optional>
#include <string>

namespace mlir::kiln {

class BytecodePlan {
public:
  /// A `vm.add.*`/`vm.sub.*` encoded as ADD_*_IMM: `result = reg + imm`.
  struct AddImmediate {
    Value reg;
    int64_t imm;
  };

  /// A fused i32 compare with a constant operand, encoded as
  /// BR_IF_<relation>_IMM: the branch is taken when `reg <relation> imm`.
  /// `relation` is an opcode name stem ("LT_I32_S", "GTE_I32_U", "EQ_I32").
  struct CompareImmediate {
    Value reg;
    int64_t imm;
    std::string relation;
  };

  explicit BytecodePlan(Region &body);

  /// True when `op` emits no instruction of its own.
  bool isElided(Operation *op) const { return elided.contains(op); }

  /// The compare fused into `condBr`, or null.
  Operation *getFusedCompare(Operation *condBr) const {
    return fusedCompares.lookup(condBr);
  }

  /// The immediate form of `op`, if it has one.
  std::optional<AddImmediate> getAddImmediate(Operation *op) const {
    auto it = addImmediates.find(op);
    if (it == addImmediates.end())
      return std::nullopt;
    return it->second;
  }

  /// The immediate form of the compare fused into `condBr`, if it has one.
  std::optional<CompareImmediate> getCompareImmediate(Operation *condBr) const {
    auto it = compareImmediates.find(condBr);
    if (it == compareImmediates.end())
      return std::nullopt;
    return it->second;
  }

  /// Appends the values `op` reads when encoded (including the operands it
  /// forwards to successors), in operand order.
  void getReads(Operation *op, SmallVectorImpl<Value> &reads) const;

  /// Integer value of a `vm.const.i32`/`vm.const.i64` (or their zero forms).
  static std::optional<int64_t> getIntegerConstant(Value value);

  /// One entry per block argument of successor `succIndex` of `terminator`:
  /// the value the edge passes, or null where the op itself produces the
  /// argument (the results of `vm.call.yieldable`).
  static void getSuccessorValues(Operation *terminator, unsigned succIndex,
                                 SmallVectorImpl<Value> &values);

  /// `vm.cmp.gt*`/`vm.cmp.gte*` (pseudo ops without opcodes) are encoded as
  /// `vm.cmp.lt*`/`vm.cmp.lte*` with swapped operands: the name to use, or
  /// empty for other ops.
  static std::string getSwappedCompareName(StringRef name);

  /// For a `vm.cmp.*` that BR_IF_<cmp> can encode: the fused opcode name
  /// stem ("EQ_I32", "LT_I64_S", ...), else empty.
  /// Operands of a swapped compare come in reverse order.
  static StringRef getFusibleCompareStem(Operation *op);

private:
  /// The immediate form of a fusible i32 compare with a constant operand.
  static std::optional<CompareImmediate> matchCompareImmediate(Operation *cmp);

  llvm::DenseSet<Operation *> elided;
  llvm::DenseMap<Operation *, Operation *> fusedCompares;
  llvm::DenseMap<Operation *, CompareImmediate> compareImmediates;
  llvm::DenseMap<Operation *, AddImmediate> addImmediates;
};

} // namespace mlir::kiln

#endif // KILN_COMPILER_ANALYSIS_BYTECODEPLAN_H
