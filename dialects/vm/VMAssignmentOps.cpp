//===- VMAssignmentOps.cpp - vm dialect: Assignment ops ---------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMAssignmentOps.cpp.inc"

//===----------------------------------------------------------------------===//
// vm.switch.ref
//===----------------------------------------------------------------------===//

// `%index[%v0, %v1, ...] else %default attr-dict : type`; every value and the
// default take the one type written after the colon.
ParseResult SwitchRefOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand index;
  OpAsmParser::UnresolvedOperand defaultValue;
  SmallVector<OpAsmParser::UnresolvedOperand> values;
  Type type;
  if (parser.parseOperand(index) ||
      parser.parseOperandList(values, OpAsmParser::Delimiter::Square) ||
      parser.parseKeyword("else") || parser.parseOperand(defaultValue) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColonType(type))
    return failure();
  Type indexType = parser.getBuilder().getI32Type();
  if (parser.resolveOperand(index, indexType, result.operands) ||
      parser.resolveOperand(defaultValue, type, result.operands) ||
      parser.resolveOperands(values, type, result.operands))
    return failure();
  result.addTypes(type);
  return success();
}

void SwitchRefOp::print(OpAsmPrinter &p) {
  p << ' ' << getIndex() << '[';
  p << getValues();
  p << "] else " << getDefaultValue();
  p.printOptionalAttrDict((*this)->getAttrs());
  p << " : " << getResult().getType();
}

LogicalResult SwitchRefOp::verify() {
  Type type = getResult().getType();
  for (auto [i, value] : llvm::enumerate(getValues())) {
    if (value.getType() != type)
      return emitOpError() << "value #" << i << " has type " << value.getType()
                           << " but the result has type " << type
                           << "; all values must have the result type";
  }
  return success();
}
