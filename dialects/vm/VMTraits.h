//===- VMTraits.h - Native op traits of the vm dialect ----------*- C++ -*-===//
//
// Marker traits that passes and targets query; only AssignmentOp verifies.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_VMTRAITS_H
#define KILN_DIALECT_VM_VMTRAITS_H

#include "mlir/IR/OpDefinition.h"

namespace mlir::kiln::vm {

template <typename ConcreteType>
class PseudoOp : public OpTrait::TraitBase<ConcreteType, PseudoOp> {};

template <typename ConcreteType>
class DebugOnly : public OpTrait::TraitBase<ConcreteType, DebugOnly> {};

template <typename ConcreteType>
class FullBarrier : public OpTrait::TraitBase<ConcreteType, FullBarrier> {};

template <typename ConcreteType>
class ExtF32 : public OpTrait::TraitBase<ConcreteType, ExtF32> {};

template <typename ConcreteType>
class ExtF64 : public OpTrait::TraitBase<ConcreteType, ExtF64> {};

template <typename ConcreteType>
class MayFail : public OpTrait::TraitBase<ConcreteType, MayFail> {};

template <typename ConcreteType>
class AssignmentOp : public OpTrait::TraitBase<ConcreteType, AssignmentOp> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    if (op->getNumOperands() != op->getNumResults())
      return op->emitOpError()
             << "assigns " << op->getNumOperands() << " operands to "
             << op->getNumResults() << " results; the counts must match";
    return success();
  }
};

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMTRAITS_H
