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
inline RefType getListRefType(Type elementType) {
  return RefType::get(ListType::get(elementType));
}

/// The list object a ref points at, or null when `type` is not a list ref.
inline ListType getListObjectType(Type type) {
  auto ref = llvm::dyn_cast<RefType>(type);
  return ref ? llvm::dyn_cast<ListType>(ref.getObjectType()) : ListType();
}

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMTYPES_H
