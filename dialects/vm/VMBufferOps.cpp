//===- VMBufferOps.cpp - vm dialect: Buffer ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

//===----------------------------------------------------------------------===//
// vm.buffer.length
//===----------------------------------------------------------------------===//

OpFoldResult BufferLengthOp::fold(FoldAdaptor) {
  // A buffer keeps the length it was created with: when it comes straight
  // from an allocation or a clone, that is the length operand of the op that
  // made it (which has run, and succeeded, before this op can execute).
  Value buffer = getBuffer();
  if (auto alloc = buffer.getDefiningOp<BufferAllocOp>())
    return alloc.getLength();
  if (auto clone = buffer.getDefiningOp<BufferCloneOp>())
    return clone.getLength();
  return {};
}

#define GET_OP_CLASSES
#include "dialects/vm/VMBufferOps.cpp.inc"
