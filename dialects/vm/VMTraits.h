//===- VMTraits.h - Native op traits of the vm dialect ----------*- C++ -*-===//
//
// Marker traits that passes and targets query; only AssignmentOp verifies.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_VMTRAITS_H
#define KILN_DIALECT_VM_VMTRAITS_H

#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::kiln::vm {

template <typename ConcreteType>
class PseudoOp : public OpTrait::TraitBase<ConcreteType, PseudoOp> {};

template <typename ConcreteType>
class DebugOnly : public OpTrait::TraitBase<ConcreteType, DebugOnly> {};

template <typename ConcreteType>
class FullBarrier : public OpTrait::TraitBase<ConcreteType, FullBarrier> {};

template <typename ConcreteType> class ExtF32 : public OpTrait::TraitBase<ConcreteType, ExtF32> {};

template <typename ConcreteType> class ExtF64 : public OpTrait::TraitBase<ConcreteType, ExtF64> {};

template <typename ConcreteType>
class MayFail : public OpTrait::TraitBase<ConcreteType, MayFail> {};

/// vm.buffer.load.* and vm.buffer.store.*: operand 0 is the buffer, operand
/// 1 the element index, and the op may carry the `in_range` unit attribute
/// (kInRangeAttrName).
template <typename ConcreteType>
class BufferElementAccess : public OpTrait::TraitBase<ConcreteType, BufferElementAccess> {};

/// The resource a failing op writes (VM_FaultResource): keeps ops that may
/// fail at run time alive when their results are unused.
struct FaultResource : public SideEffects::Resource::Base<FaultResource> {
  StringRef getName() final { return "vm::Fault"; }
};

template <typename ConcreteType>
class AssignmentOp : public OpTrait::TraitBase<ConcreteType, AssignmentOp> {
public:
  static LogicalResult verifyTrait(Operation *op) {
    if (op->getNumOperands() != op->getNumResults())
      return op->emitOpError() << "assigns " << op->getNumOperands() << " operands to "
                               << op->getNumResults() << " results; the counts must match";
    return success();
  }
};

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMTRAITS_H
