//===- MemRefToVM.cpp - memref to vm ----------------------------------------===//
//
// Patterns of the input conversion (ConvertToVM.cpp) for one source dialect;
// ToVMPatterns.h has the conventions they share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::kiln::tovm {
namespace {

//===----------------------------------------------------------------------===//
// memref
//===----------------------------------------------------------------------===//

/// The runtime view of a memref: buffer, element offset, every size (i64).
struct MemRefDesc {
  Value buffer;
  Value offset;
  SmallVector<Value> sizes;
};

static MemRefDesc unpack(Emitter &e, MemRefType type, ValueRange values) {
  MemRefDesc d;
  unsigned pos = 0;
  d.buffer = values[pos++];
  d.offset = hasDynamicOffset(type) ? values[pos++] : e.constI64(staticOffset(type));
  for (int64_t s : type.getShape())
    d.sizes.push_back(ShapedType::isDynamic(s) ? values[pos++] : e.constI64(s));
  return d;
}

static SmallVector<Value> pack(MemRefType type, const MemRefDesc &d) {
  SmallVector<Value> out{d.buffer};
  if (hasDynamicOffset(type))
    out.push_back(d.offset);
  for (auto [s, v] : llvm::zip_equal(type.getShape(), d.sizes))
    if (ShapedType::isDynamic(s))
      out.push_back(v);
  return out;
}

static unsigned elementBytes(Type t, unsigned indexBits) {
  if (isa<IndexType>(t))
    return indexBits / 8;
  unsigned w = t.getIntOrFloatBitWidth();
  return w == 1 ? 1 : w / 8;
}

/// offset + sum(index_i * stride_i), strides being suffix products.
static Value linearIndex(Emitter &e, const MemRefDesc &d, ArrayRef<Value> indices) {
  Value linear = d.offset;
  Value stride = e.constI64(1);
  for (int i = static_cast<int>(indices.size()) - 1; i >= 0; --i) {
    linear = e.add(linear, e.mul(e.toI64Signed(indices[i]), stride));
    if (i > 0)
      stride = e.mul(stride, d.sizes[i]);
  }
  return linear;
}

static Value numElements(Emitter &e, ArrayRef<Value> sizes) {
  Value n = e.constI64(1);
  for (Value s : sizes)
    n = e.mul(n, s);
  return n;
}

template <typename SrcOp> struct AllocConversion : VMPattern<SrcOp> {
  using VMPattern<SrcOp>::VMPattern;
  LogicalResult matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    MemRefType type = op.getType();
    if (!type.getLayout().isIdentity())
      return unsupported(op, "only identity layouts can be allocated");
    if (!op.getSymbolOperands().empty())
      return unsupported(op, "symbol operands are not supported");
    MemRefDesc d;
    d.offset = e.constI64(0);
    auto dyn = adaptor.getDynamicSizes();
    unsigned k = 0;
    for (int64_t s : type.getShape())
      d.sizes.push_back(ShapedType::isDynamic(s) ? e.toI64Signed(dyn[k++]) : e.constI64(s));
    unsigned eb = elementBytes(type.getElementType(), this->indexBits());
    // The byte size, checked: the static part here (a size that does not
    // fit a 64-bit length is a diagnostic at the alloc), each dynamic size
    // at run time (negative or overflowing: the alloc fails with
    // OUT_OF_RANGE at its own location, not later at some store).
    int64_t staticBytes = eb;
    for (int64_t s : type.getShape()) {
      if (ShapedType::isDynamic(s))
        continue;
      if (llvm::MulOverflow(staticBytes, s, staticBytes))
        return unsupported(op, "allocates " + typeString(type) +
                                   ", whose byte size does not fit a 64-bit length");
    }
    Value bytes = e.constI64(staticBytes);
    for (auto [s, size] : llvm::zip_equal(type.getShape(), d.sizes)) {
      if (!ShapedType::isDynamic(s))
        continue;
      // bytes * size overflows (or size < 0) iff size < 0 or
      // size > INT64_MAX / bytes (bytes >= 1 here).
      Value limit = e.constValue(bytes)
                        ? e.constI64(INT64_MAX / *e.constValue(bytes))
                        : e.binInt<DivI32SOp, DivI64SOp>(e.constI64(INT64_MAX), bytes);
      Value negative = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(size, e.constI64(0));
      Value tooBig = e.cmpInt<CmpLTI32SOp, CmpLTI64SOp>(limit, size);
      // OUT_OF_RANGE, as the runtime's status codes number it.
      CondFailOp::create(rewriter, op.getLoc(), e.orI(negative, tooBig), e.constI32(11),
                         rewriter.getStringAttr("memref.alloc size is negative or its byte "
                                                "size overflows a 64-bit length"));
      bytes = e.mul(bytes, size);
    }
    int64_t align = std::max<int64_t>(op.getAlignment().value_or(16), eb);
    d.buffer = BufferAllocOp::create(rewriter, op.getLoc(), getBufferRefType(op.getContext()),
                                     bytes, e.constI32(static_cast<int32_t>(align)));
    rewriter.replaceOpWithMultiple(op, {pack(type, d)});
    return success();
  }
};

struct DeallocConversion : VMPattern<memref::DeallocOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::DeallocOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    // Buffers are reference counted: the last reference frees them.
    rewriter.eraseOp(op);
    return success();
  }
};

struct LoadConversion : VMPattern<memref::LoadOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::LoadOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    MemRefType type = op.getMemRefType();
    MemRefDesc d = unpack(e, type, adaptor.getMemref());
    Value index = linearIndex(e, d, flatten(adaptor.getIndices()));
    Type elem = type.getElementType();
    Type result = convert(elem);
    unsigned w = widthOf(elem);
    Value v;
    if (isa<FloatType>(elem))
      v = elem.isF32() ? (Value)BufferLoadF32Op::create(rewriter, loc, result, d.buffer, index)
                       : (Value)BufferLoadF64Op::create(rewriter, loc, result, d.buffer, index);
    else if (w <= 8)
      v = BufferLoadI8UOp::create(rewriter, loc, result, d.buffer, index);
    else if (w == 16)
      v = BufferLoadI16UOp::create(rewriter, loc, result, d.buffer, index);
    else if (w == 32)
      v = BufferLoadI32Op::create(rewriter, loc, result, d.buffer, index);
    else
      v = BufferLoadI64Op::create(rewriter, loc, result, d.buffer, index);
    if (w == 1)
      v = e.normalize(v, 1);
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct StoreConversion : VMPattern<memref::StoreOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::StoreOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    Location loc = op.getLoc();
    MemRefType type = op.getMemRefType();
    MemRefDesc d = unpack(e, type, adaptor.getMemref());
    Value index = linearIndex(e, d, flatten(adaptor.getIndices()));
    Value v = adaptor.getValue().front();
    Type elem = type.getElementType();
    unsigned w = widthOf(elem);
    if (elem.isF32())
      BufferStoreF32Op::create(rewriter, loc, d.buffer, index, v);
    else if (elem.isF64())
      BufferStoreF64Op::create(rewriter, loc, d.buffer, index, v);
    else if (w <= 8)
      BufferStoreI8Op::create(rewriter, loc, d.buffer, index, v);
    else if (w == 16)
      BufferStoreI16Op::create(rewriter, loc, d.buffer, index, v);
    else if (w == 32)
      BufferStoreI32Op::create(rewriter, loc, d.buffer, index, v);
    else
      BufferStoreI64Op::create(rewriter, loc, d.buffer, index, v);
    rewriter.eraseOp(op);
    return success();
  }
};

struct DimConversion : VMPattern<memref::DimOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::DimOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto type = dyn_cast<MemRefType>(op.getSource().getType());
    if (!type)
      return unsupported(op, "unranked memrefs are not supported");
    std::optional<int64_t> index = op.getConstantIndex();
    if (!index || *index < 0 || *index >= type.getRank())
      return unsupported(op, "dimension index must be a constant in range");
    MemRefDesc d = unpack(e, type, adaptor.getSource());
    Value size = d.sizes[*index];
    if (indexBits() == 32)
      size = e.truncTo32(size);
    rewriter.replaceOp(op, size);
    return success();
  }
};

struct CopyConversion : VMPattern<memref::CopyOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::CopyOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto srcType = cast<MemRefType>(op.getSource().getType());
    auto dstType = cast<MemRefType>(op.getTarget().getType());
    MemRefDesc src = unpack(e, srcType, adaptor.getSource());
    MemRefDesc dst = unpack(e, dstType, adaptor.getTarget());
    Value eb = e.constI64(elementBytes(srcType.getElementType(), indexBits()));
    Value srcOffset = e.mul(src.offset, eb);
    Value dstOffset = e.mul(dst.offset, eb);
    Value length = e.mul(numElements(e, src.sizes), eb);
    BufferCopyOp::create(rewriter, op.getLoc(), src.buffer, srcOffset, dst.buffer, dstOffset,
                         length);
    rewriter.eraseOp(op);
    return success();
  }
};

/// A size value known to equal dimension `dim` of `source`.
static bool isFullDim(OpFoldResult size, Value source, int64_t dim) {
  auto type = cast<MemRefType>(source.getType());
  if (auto attr = dyn_cast<Attribute>(size))
    return !type.isDynamicDim(dim) && cast<IntegerAttr>(attr).getInt() == type.getDimSize(dim);
  auto dimOp = cast<Value>(size).getDefiningOp<memref::DimOp>();
  if (!dimOp || dimOp.getSource() != source)
    return false;
  std::optional<int64_t> idx = dimOp.getConstantIndex();
  return idx && *idx == dim;
}

struct SubViewConversion : VMPattern<memref::SubViewOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::SubViewOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    MemRefType srcType = op.getSourceType();
    MemRefType dstType = op.getType();
    SmallVector<OpFoldResult> offsets = op.getMixedOffsets();
    SmallVector<OpFoldResult> sizes = op.getMixedSizes();
    SmallVector<OpFoldResult> strides = op.getMixedStrides();
    for (OpFoldResult s : strides) {
      auto attr = dyn_cast<Attribute>(s);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 1)
        return unsupported(op, "only unit strides keep the view contiguous");
    }
    // Contiguous: after the first dimension whose size is not 1, every
    // dimension is taken whole.
    unsigned rank = srcType.getRank();
    unsigned first = rank;
    for (unsigned i = 0; i < rank; ++i) {
      auto attr = dyn_cast<Attribute>(sizes[i]);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 1) {
        first = i;
        break;
      }
    }
    for (unsigned i = first + 1; i < rank; ++i) {
      if (!isFullDim(sizes[i], op.getSource(), i))
        return unsupported(op, "the view is not contiguous: dimension " + Twine(i) +
                                   " must be taken whole");
      auto attr = dyn_cast<Attribute>(offsets[i]);
      if (!attr || cast<IntegerAttr>(attr).getInt() != 0)
        return unsupported(op, "the view is not contiguous: dimension " + Twine(i) +
                                   " must start at 0");
    }
    MemRefDesc src = unpack(e, srcType, adaptor.getSource());
    auto valueOf = [&](OpFoldResult r, ValueRange &dyn) -> Value {
      if (auto attr = dyn_cast<Attribute>(r))
        return e.constI64(cast<IntegerAttr>(attr).getInt());
      Value v = dyn.front();
      dyn = dyn.drop_front();
      return e.toI64Signed(v);
    };
    SmallVector<Value> dynOffsets = flatten(adaptor.getOffsets());
    SmallVector<Value> dynSizes = flatten(adaptor.getSizes());
    ValueRange offRange(dynOffsets), sizeRange(dynSizes);
    SmallVector<Value> offsetValues, sizeValues;
    for (OpFoldResult o : offsets)
      offsetValues.push_back(valueOf(o, offRange));
    for (OpFoldResult s : sizes)
      sizeValues.push_back(valueOf(s, sizeRange));
    MemRefDesc dst;
    dst.buffer = src.buffer;
    dst.offset = linearIndex(e, src, offsetValues);
    llvm::SmallBitVector dropped = op.getDroppedDims();
    for (unsigned i = 0; i < rank; ++i)
      if (!dropped.test(i))
        dst.sizes.push_back(sizeValues[i]);
    if (!isContiguousLayout(dstType))
      return unsupported(op, "result layout is not contiguous");
    rewriter.replaceOpWithMultiple(op, {pack(dstType, dst)});
    return success();
  }
};

struct CastConversion : VMPattern<memref::CastOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(memref::CastOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Emitter e{rewriter, op.getLoc()};
    auto srcType = dyn_cast<MemRefType>(op.getSource().getType());
    auto dstType = dyn_cast<MemRefType>(op.getType());
    if (!srcType || !dstType)
      return unsupported(op, "unranked memrefs are not supported");
    MemRefDesc d = unpack(e, srcType, adaptor.getSource());
    rewriter.replaceOpWithMultiple(op, {pack(dstType, d)});
    return success();
  }
};

} // namespace

void populateMemRefToVMPatterns(const VMTypeConverter &c, RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<AllocConversion<memref::AllocOp>, AllocConversion<memref::AllocaOp>,
               DeallocConversion, LoadConversion, StoreConversion, DimConversion, CopyConversion,
               SubViewConversion, CastConversion>(c, ctx);
}

} // namespace mlir::kiln::tovm
