//===- VMListOps.cpp - vm dialect: List ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// Scalar element classes that a list accessor can convert between.
enum class ScalarClass { Integer, Float, Other };

ScalarClass classify(Type type) {
  if (isa<IntegerType>(type))
    return ScalarClass::Integer;
  if (isa<FloatType>(type))
    return ScalarClass::Float;
  return ScalarClass::Other;
}

/// Checks that a scalar accessor reading or writing `valueType` fits the
/// elements of `listType`: any variant list; integer lists for integer
/// accessors; float lists for float accessors. Lists of refs are already
/// rejected by the operand's type constraint.
LogicalResult verifyPrimitiveAccess(Operation *op, Type listType, Type valueType, StringRef verb) {
  ListType list = getListObjectType(listType);
  Type elementType = list.getElementType();
  if (list.isVariant())
    return success();
  if (classify(elementType) != classify(valueType))
    return op->emitOpError() << "cannot " << verb << " " << valueType << " values in a list of "
                             << elementType << " elements";
  return success();
}

/// Checks that a ref accessor reading or writing `refType` fits the elements
/// of `listType`: any ref in a variant list or a list of `!vm.ref<?>`,
/// exactly the element type in a list of a specific ref type.
LogicalResult verifyRefAccess(Operation *op, Type listType, Type refType, StringRef verb) {
  ListType list = getListObjectType(listType);
  Type elementType = list.getElementType();
  if (list.isVariant())
    return success();
  auto elementRef = dyn_cast<RefType>(elementType);
  if (!elementRef)
    return op->emitOpError() << "cannot " << verb << " refs in a list of " << elementType
                             << " elements";
  if (!elementRef.isOpaque() && elementRef != refType)
    return op->emitOpError() << "cannot " << verb << " " << refType << " values in a list of "
                             << elementType << " elements; the types must match";
  return success();
}

} // namespace

#define KILN_LIST_GET_VERIFIER(OpT)                                                                \
  LogicalResult OpT::verify() {                                                                    \
    return verifyPrimitiveAccess(getOperation(), getList().getType(), getResult().getType(),       \
                                 "read");                                                          \
  }
#define KILN_LIST_SET_VERIFIER(OpT)                                                                \
  LogicalResult OpT::verify() {                                                                    \
    return verifyPrimitiveAccess(getOperation(), getList().getType(), getValue().getType(),        \
                                 "write");                                                         \
  }

namespace mlir::kiln::vm {
KILN_LIST_GET_VERIFIER(ListGetI32Op)
KILN_LIST_GET_VERIFIER(ListGetI64Op)
KILN_LIST_GET_VERIFIER(ListGetF32Op)
KILN_LIST_GET_VERIFIER(ListGetF64Op)
KILN_LIST_SET_VERIFIER(ListSetI32Op)
KILN_LIST_SET_VERIFIER(ListSetI64Op)
KILN_LIST_SET_VERIFIER(ListSetF32Op)
KILN_LIST_SET_VERIFIER(ListSetF64Op)

LogicalResult ListGetRefOp::verify() {
  return verifyRefAccess(getOperation(), getList().getType(), getResult().getType(), "read");
}

LogicalResult ListSetRefOp::verify() {
  return verifyRefAccess(getOperation(), getList().getType(), getValue().getType(), "write");
}
} // namespace mlir::kiln::vm

#undef KILN_LIST_GET_VERIFIER
#undef KILN_LIST_SET_VERIFIER

#define GET_OP_CLASSES
#include "dialects/vm/VMListOps.cpp.inc"
