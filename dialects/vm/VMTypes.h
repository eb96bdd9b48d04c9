//===- VMTypes.h - Types and attributes of the vm dialect -------*- C++ -*-===//

#ifndef KILN_DIALECT_VM_VMTYPES_H
#define KILN_DIALECT_VM_VMTYPES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Types.h"

#define GET_TYPEDEF_CLASSES
#include "dialects/vm/VMTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/vm/VMAttrs.h.inc"

namespace mlir::kiln::vm {

/// `!vm.buffer`, i.e. `!vm.ref<buffer>`.
inline RefType getBufferRefType(MLIRContext *context) {
  return RefType::get(BufferType::get(context));
}

/// `!vm.list<elementType>`, i.e. `!vm.ref<list<elementType>>`.
inline RefType getListRefType(Type elementType) { return RefType::get(ListType::get(elementType)); }

/// The list object a ref points at, or null when `type` is not a list ref.
inline ListType getListObjectType(Type type) {
  auto ref = llvm::dyn_cast<RefType>(type);
  return ref ? llvm::dyn_cast<ListType>(ref.getObjectType()) : ListType();
}

/// Whether a value of type `from` may flow where `to` is expected: a call
/// operand or result, a returned value, a branch operand. The same type, or
/// two refs either of which is `!vm.ref<?>`: as in IREE's VM, ref types are
/// not part of the run-time calling convention, and every op that needs a
/// particular object type checks it when it runs (docs/semantics.md).
inline bool isAssignableType(Type from, Type to) {
  if (from == to)
    return true;
  auto fromRef = llvm::dyn_cast<RefType>(from);
  auto toRef = llvm::dyn_cast<RefType>(to);
  return fromRef && toRef && (fromRef.isOpaque() || toRef.isOpaque());
}

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMTYPES_H
