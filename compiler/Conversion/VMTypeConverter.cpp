//===- VMTypeConverter.cpp - Types of the input conversion ----------------===//

#include "compiler/Conversion/VMTypeConverter.h"

#include "dialects/vm/VMTypes.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace mlir::kiln {

/// True for an element type a memref may have.
bool isSupportedElementType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.isSignless() && llvm::is_contained({1u, 8u, 16u, 32u, 64u}, i.getWidth());
  return isa<IndexType, Float32Type, Float64Type>(t);
}

/// True when the memref's layout is identity or a strided layout that can
/// describe a contiguous row-major region (its strides, where known, match
/// the suffix products of the sizes, ignoring unit dimensions).
bool isContiguousLayout(MemRefType type) {
  if (type.getLayout().isIdentity())
    return true;
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  if (!strided)
    return false;
  ArrayRef<int64_t> shape = type.getShape();
  ArrayRef<int64_t> strides = strided.getStrides();
  int64_t expected = 1;
  for (int i = type.getRank() - 1; i >= 0; --i) {
    if (shape[i] != 1 && !ShapedType::isDynamic(strides[i]) && expected != ShapedType::kDynamic &&
        strides[i] != expected)
      return false;
    if (ShapedType::isDynamic(shape[i]) || expected == ShapedType::kDynamic)
      expected = ShapedType::kDynamic;
    else
      expected *= shape[i];
  }
  return true;
}

bool hasDynamicOffset(MemRefType type) {
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  return strided && ShapedType::isDynamic(strided.getOffset());
}

int64_t staticOffset(MemRefType type) {
  auto strided = dyn_cast<StridedLayoutAttr>(type.getLayout());
  return strided ? strided.getOffset() : 0;
}

VMTypeConverter::VMTypeConverter(unsigned indexBitwidth) : indexBitwidth(indexBitwidth) {
  addConversion([](Type) -> std::optional<Type> { return std::nullopt; });
  addConversion([](RefType t) { return t; });
  addConversion([](IntegerType t) -> std::optional<Type> {
    if (!t.isSignless())
      return std::nullopt;
    switch (t.getWidth()) {
    case 1:
    case 8:
    case 16:
    case 32:
      return IntegerType::get(t.getContext(), 32);
    case 64:
      return t;
    default:
      return std::nullopt;
    }
  });
  addConversion([this](IndexType t) -> Type {
    return IntegerType::get(t.getContext(), this->indexBitwidth);
  });
  addConversion([](Float32Type t) { return t; });
  addConversion([](Float64Type t) { return t; });
  addConversion([](MemRefType t, SmallVectorImpl<Type> &results) -> std::optional<LogicalResult> {
    if (!isSupportedElementType(t.getElementType()) || !isContiguousLayout(t) || t.getMemorySpace())
      return std::nullopt;
    MLIRContext *ctx = t.getContext();
    Type i64 = IntegerType::get(ctx, 64);
    results.push_back(getBufferRefType(ctx));
    if (hasDynamicOffset(t))
      results.push_back(i64);
    for (int64_t d : t.getShape())
      if (ShapedType::isDynamic(d))
        results.push_back(i64);
    return success();
  });
}

/// The bit width a scalar has in the source program (index resolved).
unsigned sourceWidth(Type t, unsigned indexBitwidth) {
  if (isa<IndexType>(t))
    return indexBitwidth;
  return t.getIntOrFloatBitWidth();
}

} // namespace mlir::kiln
