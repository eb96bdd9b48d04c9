//===- RodataUtils.cpp - Bytes of read-only data --------------------------===//

#include "compiler/Transforms/RodataUtils.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

static void appendLittleEndian(const APInt &value, unsigned byteWidth, SmallVectorImpl<char> &out) {
  APInt wide = value.zextOrTrunc(byteWidth * 8);
  for (unsigned i = 0; i < byteWidth; ++i)
    out.push_back(static_cast<char>(wide.extractBitsAsZExtValue(8, i * 8)));
}

LogicalResult mlir::kiln::vm::appendSerializedBytes(Attribute value, SmallVectorImpl<char> &out) {
  if (auto str = dyn_cast<StringAttr>(value)) {
    out.append(str.getValue().begin(), str.getValue().end());
    return success();
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return failure();
    ArrayRef<char> data = blob->getData();
    out.append(data.begin(), data.end());
    return success();
  }
  auto elements = dyn_cast<DenseElementsAttr>(value);
  if (!elements)
    return failure();
  Type elementType = elements.getElementType();
  unsigned bitWidth = elementType.getIntOrFloatBitWidth();
  unsigned byteWidth = std::max(1u, (bitWidth + 7) / 8);
  if (isa<IntegerType>(elementType)) {
    for (const APInt &element : elements.getValues<APInt>())
      appendLittleEndian(element, byteWidth, out);
    return success();
  }
  if (isa<FloatType>(elementType)) {
    for (const APFloat &element : elements.getValues<APFloat>())
      appendLittleEndian(element.bitcastToAPInt(), byteWidth, out);
    return success();
  }
  return failure();
}
