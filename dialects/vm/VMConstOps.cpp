//===- VMConstOps.cpp - vm dialect: Const ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMConstOps.cpp.inc"

// Materializes folded constants. Owned by the constants family; until the
// const ops land nothing can be materialized.
Operation *VMDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  return nullptr;
}
