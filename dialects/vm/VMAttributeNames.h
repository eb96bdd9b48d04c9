//===- VMAttributeNames.h - Discardable attributes of vm ops ----*- C++ -*-===//
//
// The names of the vm dialect's discardable attributes that passes and
// targets read, defined once.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_VMATTRIBUTENAMES_H
#define KILN_DIALECT_VM_VMATTRIBUTENAMES_H

#include "llvm/ADT/StringRef.h"

namespace mlir::kiln::vm {

/// On a vm.func or vm.import: calls to it may suspend (IREE's declared
/// yieldability).
inline constexpr llvm::StringLiteral kYieldAttrName("vm.yield");

/// On an argument of a vm.import (an `arg_attrs` entry): a variadic span.
inline constexpr llvm::StringLiteral kVariadicAttrName("vm.variadic");

/// On a vm.buffer.load.* / vm.buffer.store.* (the ODS `in_range` unit
/// attribute of ops with the BufferElementAccess trait): the element index
/// is proven inside the buffer (--vm-version-loops); the native targets
/// emit the access without its index comparison.
inline constexpr llvm::StringLiteral kInRangeAttrName("in_range");

/// On the vm.cond_br ending a loop header (a unit attribute): entries of
/// that header were paid for by vm.fuel.prepay_loop, so the native targets
/// count no fuel there (--vm-prepay-loop-fuel; the input's own are dropped).
inline constexpr llvm::StringLiteral kFuelPrepaidAttrName("fuel_prepaid");

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMATTRIBUTENAMES_H
