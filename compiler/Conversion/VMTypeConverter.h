//===- VMTypeConverter.h - Types of the input conversion ---------*- C++ -*-===//
//
// How upstream types become vm types (docs/conversion.md):
//
//  * i1, i8 and i16 live in i32 registers, zero-extended (i1 is 0 or 1).
//  * index is i64 (or i32 with index-bitwidth=32).
//  * A memref becomes a !vm.buffer, then its element offset when the layout
//    has a dynamic offset, then one i64 per dynamic dimension. Only
//    contiguous row-major memrefs are representable: strides follow from
//    the sizes.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_CONVERSION_VMTYPECONVERTER_H
#define KILN_COMPILER_CONVERSION_VMTYPECONVERTER_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::kiln {

/// True for an element type a memref may have.
bool isSupportedElementType(Type t);

/// True when the memref's layout is identity or a strided layout that can
/// describe a contiguous row-major region (its strides, where known, match
/// the suffix products of the sizes, ignoring unit dimensions).
bool isContiguousLayout(MemRefType type);

/// True when the memref's strided layout has a dynamic offset (carried as a
/// value after the buffer).
bool hasDynamicOffset(MemRefType type);

/// The static element offset of the memref's layout (0 for identity).
int64_t staticOffset(MemRefType type);

/// The bit width a scalar has in the source program (index resolved).
unsigned sourceWidth(Type t, unsigned indexBitwidth);

/// Maps upstream scalar and memref types to vm types (see the file comment).
class VMTypeConverter : public TypeConverter {
public:
  explicit VMTypeConverter(unsigned indexBitwidth);

  unsigned indexBitwidth;
};

} // namespace mlir::kiln

#endif // KILN_COMPILER_CONVERSION_VMTYPECONVERTER_H
