//===- RegisterAllocation.h - Bytecode register assignment ------*- C++ -*-===//
//
// Assigns every value of a vm function body a register in one of two banks:
// 64-bit scalar slots (i32, i64, f32, f64) and ref slots. Linear scan over the
// liveness hulls of ValueLiveness, lowest free register first, with
// coalescing hints between block arguments and the values branches pass to
// them (so most edges need no copies). Entry block arguments are pinned to
// the lowest registers of their bank in signature order.
//
// Values produced by ops the target elides (OperandReads) get no register.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_ANALYSIS_REGISTERALLOCATION_H
#define KILN_COMPILER_ANALYSIS_REGISTERALLOCATION_H

#include "compiler/Analysis/OperandReads.h"
#include "compiler/Analysis/ValueLiveness.h"

#include "mlir/IR/Region.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"

#include "kiln/vm/limits.h"

namespace mlir::kiln {

/// A register: bank and index. Encoded as a u16; the ref bank's bit 15 is
/// the move bit, so both banks hold at most 0x7FFF registers.
struct Register {
  bool isRef = false;
  uint16_t index = 0;
  bool operator==(const Register &other) const {
    return isRef == other.isRef && index == other.index;
  }
  bool operator!=(const Register &other) const { return !(*this == other); }
};

/// The runtime's limit (kiln/vm/limits.h), one definition for both.
inline constexpr unsigned kMaxRegistersPerBank = ::kiln::vm::limits::kMaxRegistersPerBank;

class RegisterAllocation {
public:
  /// Allocates registers for `body`. Fails (with a diagnostic on `funcOp`)
  /// when a bank would need more than kMaxRegistersPerBank registers.
  static FailureOr<RegisterAllocation> compute(Operation *funcOp, Region &body,
                                               const OperandReads &reads,
                                               const ValueLiveness &liveness);

  /// True for values held in the ref bank.
  static bool isRefType(Type type);

  bool hasRegister(Value value) const { return registers.count(value); }
  Register get(Value value) const { return registers.lookup(value); }

  unsigned getScalarCount() const { return scalarCount; }
  unsigned getRefCount() const { return refCount; }

private:
  llvm::DenseMap<Value, Register> registers;
  unsigned scalarCount = 0;
  unsigned refCount = 0;
};

} // namespace mlir::kiln

#endif // KILN_COMPILER_ANALYSIS_REGISTERALLOCATION_H
