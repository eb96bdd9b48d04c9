//===- VMDebugOps.cpp - vm dialect: Debug ops ---------------------------===//
//
// Interfaces of the debug ops. Canonicalization patterns live in
// VMDebugFolders.cpp.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

using namespace mlir;
using namespace mlir::kiln::vm;

// custom<OptionalTypeList>: a comma-separated type list that may be empty,
// so that `vm.print "msg"() :` with no values parses back.
static ParseResult parseOptionalTypeList(OpAsmParser &parser, SmallVectorImpl<Type> &types) {
  Type type;
  OptionalParseResult first = parser.parseOptionalType(type);
  if (!first.has_value())
    return success();
  if (failed(*first))
    return failure();
  types.push_back(type);
  while (succeeded(parser.parseOptionalComma())) {
    if (parser.parseType(type))
      return failure();
    types.push_back(type);
  }
  return success();
}

static void printOptionalTypeList(OpAsmPrinter &p, Operation *, TypeRange types) {
  llvm::interleaveComma(types, p);
}

SuccessorOperands BreakOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.break has one successor");
  return SuccessorOperands(getDestOperandsMutable());
}

SuccessorOperands CondBreakOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.cond_break has one successor");
  return SuccessorOperands(getDestOperandsMutable());
}

#define GET_OP_CLASSES
#include "dialects/vm/VMDebugOps.cpp.inc"
