//===- RodataUtils.h - Bytes of read-only data ------------------*- C++ -*-===//

#ifndef KILN_COMPILER_TRANSFORMS_RODATAUTILS_H
#define KILN_COMPILER_TRANSFORMS_RODATAUTILS_H

#include "mlir/IR/Attributes.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::kiln::vm {

/// Appends the bytes `value` (a string, or dense int/float/resource elements)
/// stands for to `out`: UTF-8 for strings, packed little-endian elements
/// (each padded to whole bytes) for elements. Fails on anything else.
LogicalResult appendSerializedBytes(Attribute value, SmallVectorImpl<char> &out);

/// The alignment a vm.rodata gets when it does not say.
inline constexpr int64_t kDefaultRodataAlignment = 16;

} // namespace mlir::kiln::vm

#endif // KILN_COMPILER_TRANSFORMS_RODATAUTILS_H
