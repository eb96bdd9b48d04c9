//===- VMControlFlowOps.cpp - vm dialect: ControlFlow ops ---------------------------===//
//
// Custom syntax, interfaces and verifiers of branches, calls, failures and
// yields. Canonicalization patterns live in VMControlFlowFolders.cpp.
//
// Callees (`vm.func`, `vm.import`) belong to the structural family; they are
// looked up through the symbol table and inspected only through
// FunctionOpInterface and their `vm.variadic` argument attributes, so this
// file does not depend on their classes.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::kiln::vm;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

// custom<ResultTypeList>: `(` type-list `)`, kept in a TypeArrayAttr.
static ParseResult parseResultTypeList(OpAsmParser &parser, ArrayAttr &resultTypes) {
  SmallVector<Attribute> typeAttrs;
  auto parseOne = [&]() -> ParseResult {
    Type type;
    if (parser.parseType(type))
      return failure();
    typeAttrs.push_back(TypeAttr::get(type));
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, parseOne))
    return failure();
  resultTypes = parser.getBuilder().getArrayAttr(typeAttrs);
  return success();
}

static void printResultTypeList(OpAsmPrinter &p, Operation *, ArrayAttr resultTypes) {
  p << '(';
  llvm::interleaveComma(resultTypes, p,
                        [&](Attribute attr) { p.printType(cast<TypeAttr>(attr).getValue()); });
  p << ')';
}

// custom<ParenTypeList>: `(` type-list `)` where the list may be empty.
static ParseResult parseParenTypeList(OpAsmParser &parser, SmallVectorImpl<Type> &types) {
  return parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, [&]() -> ParseResult {
    Type type;
    if (parser.parseType(type))
      return failure();
    types.push_back(type);
    return success();
  });
}

static void printParenTypeList(OpAsmPrinter &p, Operation *, TypeRange types) {
  p << '(';
  llvm::interleaveComma(types, p);
  p << ')';
}

static SmallVector<Type> typesOf(ArrayAttr typeArray) {
  return llvm::map_to_vector(typeArray,
                             [](Attribute attr) { return cast<TypeAttr>(attr).getValue(); });
}

static DenseIntElementsAttr makeSegmentSizesAttr(Builder &builder, ArrayRef<int16_t> sizes) {
  return DenseIntElementsAttr::get(
      VectorType::get({static_cast<int64_t>(sizes.size())}, builder.getIntegerType(16)), sizes);
}

static ArrayAttr makeSegmentTypesAttr(Builder &builder, ArrayRef<Type> types) {
  return builder.getTypeArrayAttr(types);
}

/// The function `callee` names, or an error on `op`.
static FailureOr<FunctionOpInterface> resolveCallee(Operation *op, FlatSymbolRefAttr callee,
                                                    SymbolTableCollection &symbolTable) {
  Operation *target = symbolTable.lookupNearestSymbolFrom(op, callee);
  if (!target)
    return op->emitOpError() << "callee " << callee << " does not reference a symbol";
  auto function = dyn_cast<FunctionOpInterface>(target);
  if (!function)
    return op->emitOpError() << "callee " << callee << " is a '" << target->getName()
                             << "', not a function";
  return function;
}

/// True when argument `index` of `function` is variadic (`%arg : T ...` on a
/// `vm.import`, recorded as the `vm.variadic` argument attribute).
static bool isVariadicArgument(FunctionOpInterface function, unsigned index) {
  return static_cast<bool>(function.getArgAttr(index, "vm.variadic"));
}

static bool isVariadicFunction(FunctionOpInterface function) {
  for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
    if (isVariadicArgument(function, i))
      return true;
  return false;
}

static LogicalResult verifyCalleeResults(Operation *op, FlatSymbolRefAttr callee,
                                         FunctionOpInterface function, TypeRange resultTypes) {
  ArrayRef<Type> expected = function.getResultTypes();
  if (expected.size() != resultTypes.size())
    return op->emitOpError() << "has " << resultTypes.size() << " results but callee " << callee
                             << " returns " << expected.size();
  for (auto [i, types] : llvm::enumerate(llvm::zip(resultTypes, expected))) {
    auto [actual, want] = types;
    if (!isAssignableType(want, actual))
      return op->emitOpError() << "result #" << i << " has type " << actual << " but callee "
                               << callee << " returns " << want;
  }
  return success();
}

/// Checks a non-variadic call of `callee` against the callee's signature.
static LogicalResult verifyPlainCall(Operation *op, FlatSymbolRefAttr callee,
                                     TypeRange operandTypes, TypeRange resultTypes,
                                     SymbolTableCollection &symbolTable) {
  FailureOr<FunctionOpInterface> function = resolveCallee(op, callee, symbolTable);
  if (failed(function))
    return failure();
  if (isVariadicFunction(*function))
    return op->emitOpError() << "callee " << callee
                             << " is variadic; call it with a variadic call op";
  ArrayRef<Type> expected = function->getArgumentTypes();
  if (expected.size() != operandTypes.size())
    return op->emitOpError() << "has " << operandTypes.size() << " operands but callee " << callee
                             << " takes " << expected.size();
  for (auto [i, types] : llvm::enumerate(llvm::zip(operandTypes, expected))) {
    auto [actual, want] = types;
    if (!isAssignableType(actual, want))
      return op->emitOpError() << "operand #" << i << " has type " << actual << " but callee "
                               << callee << " expects " << want;
  }
  return verifyCalleeResults(op, callee, *function, resultTypes);
}

/// Checks that the segments describe the flat operand list exactly.
static LogicalResult verifySegments(Operation *op, DenseIntElementsAttr segmentSizes,
                                    ArrayAttr segmentTypes, TypeRange operandTypes) {
  if (segmentSizes.getNumElements() != static_cast<int64_t>(segmentTypes.size()))
    return op->emitOpError() << "has " << segmentSizes.getNumElements() << " segment sizes but "
                             << segmentTypes.size() << " segment types";
  size_t operandIndex = 0;
  auto expectOperand = [&](unsigned segment, Type type) -> LogicalResult {
    if (operandIndex >= operandTypes.size())
      return op->emitOpError() << "segments describe more than the " << operandTypes.size()
                               << " operands the op has";
    Type actual = operandTypes[operandIndex];
    if (!isAssignableType(actual, type))
      return op->emitOpError() << "operand #" << operandIndex << " has type " << actual
                               << " but segment #" << segment << " expects " << type;
    ++operandIndex;
    return success();
  };
  for (auto [segment, entry] :
       llvm::enumerate(llvm::zip(segmentSizes.getValues<APInt>(), segmentTypes))) {
    int64_t size = std::get<0>(entry).getSExtValue();
    Type type = cast<TypeAttr>(std::get<1>(entry)).getValue();
    if (size < -1)
      return op->emitOpError() << "segment #" << segment << " has invalid size " << size;
    if (size == -1) {
      if (failed(expectOperand(segment, type)))
        return failure();
      continue;
    }
    auto tupleType = dyn_cast<TupleType>(type);
    for (int64_t i = 0; i < size; ++i) {
      if (tupleType) {
        for (Type element : tupleType.getTypes())
          if (failed(expectOperand(segment, element)))
            return failure();
      } else if (failed(expectOperand(segment, type))) {
        return failure();
      }
    }
  }
  if (operandIndex != operandTypes.size())
    return op->emitOpError() << "segments describe " << operandIndex << " operands but the op has "
                             << operandTypes.size();
  return success();
}

/// Checks a variadic call against its callee: one segment per argument, same
/// declared types, groups exactly where the callee is variadic.
static LogicalResult verifyVariadicCall(Operation *op, FlatSymbolRefAttr callee,
                                        DenseIntElementsAttr segmentSizes, ArrayAttr segmentTypes,
                                        TypeRange resultTypes, SymbolTableCollection &symbolTable) {
  FailureOr<FunctionOpInterface> function = resolveCallee(op, callee, symbolTable);
  if (failed(function))
    return failure();
  ArrayRef<Type> expected = function->getArgumentTypes();
  if (expected.size() != segmentTypes.size())
    return op->emitOpError() << "has " << segmentTypes.size() << " segments but callee " << callee
                             << " takes " << expected.size() << " arguments";
  for (auto [i, entry] :
       llvm::enumerate(llvm::zip(segmentSizes.getValues<APInt>(), segmentTypes))) {
    int64_t size = std::get<0>(entry).getSExtValue();
    Type type = cast<TypeAttr>(std::get<1>(entry)).getValue();
    if (!isAssignableType(type, expected[i]))
      return op->emitOpError() << "segment #" << i << " has type " << type << " but argument #" << i
                               << " of callee " << callee << " has type " << expected[i];
    bool variadic = isVariadicArgument(*function, i);
    if (size == -1 && variadic)
      return op->emitOpError() << "segment #" << i << " is a single operand but argument #" << i
                               << " of callee " << callee << " is variadic";
    // IREE's runtime reads a segment size only where the callee is
    // variadic, and its own programs give a plain argument's segment as 1
    // (one operand) as well as -1; vm-normalize-call-segments makes it -1.
    if (size != -1 && size != 1 && !variadic)
      return op->emitOpError() << "segment #" << i << " is a variadic group but argument #" << i
                               << " of callee " << callee << " is not variadic";
  }
  return verifyCalleeResults(op, callee, *function, resultTypes);
}

/// Checks that the block a yieldable call resumes at takes its results.
static LogicalResult verifyResumeBlock(Operation *op, Block *dest, ArrayRef<Type> resultTypes) {
  if (dest->getNumArguments() != resultTypes.size())
    return op->emitOpError() << "has " << resultTypes.size()
                             << " result types but its successor takes " << dest->getNumArguments()
                             << " arguments";
  for (auto [i, types] : llvm::enumerate(llvm::zip(resultTypes, dest->getArgumentTypes()))) {
    auto [result, arg] = types;
    if (result != arg)
      return op->emitOpError() << "result type #" << i << " (" << result
                               << ") does not match successor argument type (" << arg << ")";
  }
  return success();
}

/// Fails when `status` is a known 0 (OK): failing with OK is meaningless.
static LogicalResult verifyFailStatus(Operation *op, Value status) {
  APInt value;
  if (matchPattern(status, m_ConstantInt(&value)) && value.isZero())
    return op->emitOpError() << "status is 0 (OK); a failure needs an error "
                                "status";
  return success();
}

static void
addCallEffects(Operation *op,
               SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  if (op->hasAttr("nosideeffects"))
    return;
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
}

//===----------------------------------------------------------------------===//
// vm.br / vm.cond_br / vm.br_table
//===----------------------------------------------------------------------===//

SuccessorOperands BranchOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.br has one successor");
  return SuccessorOperands(getDestOperandsMutable());
}

SuccessorOperands CondBranchOp::getSuccessorOperands(unsigned index) {
  assert(index < 2 && "vm.cond_br has two successors");
  return SuccessorOperands(index == trueIndex ? getTrueDestOperandsMutable()
                                              : getFalseDestOperandsMutable());
}

Block *CondBranchOp::getSuccessorForOperands(ArrayRef<Attribute> operands) {
  auto condition = dyn_cast_if_present<IntegerAttr>(operands.front());
  if (!condition)
    return nullptr;
  return condition.getValue().isZero() ? getFalseDest() : getTrueDest();
}

static ParseResult
parseSuccessorWithOperands(OpAsmParser &parser, Block *&dest,
                           SmallVectorImpl<OpAsmParser::UnresolvedOperand> &operands,
                           SmallVectorImpl<Type> &types) {
  if (parser.parseSuccessor(dest))
    return failure();
  if (failed(parser.parseOptionalLParen()))
    return success();
  if (parser.parseOperandList(operands, OpAsmParser::Delimiter::None,
                              /*allowResultNumber=*/false) ||
      parser.parseColonTypeList(types) || parser.parseRParen())
    return failure();
  return success();
}

// custom<BranchTableCases>:
//   `default` `:` successor-and-operands (`,` index `:` successor-and-operands)*
// with case indices 0, 1, 2, ... in order.
static ParseResult
parseBranchTableCases(OpAsmParser &parser, Block *&defaultDestination,
                      SmallVectorImpl<OpAsmParser::UnresolvedOperand> &defaultOperands,
                      SmallVectorImpl<Type> &defaultOperandTypes,
                      SmallVectorImpl<Block *> &caseDestinations,
                      SmallVectorImpl<SmallVector<OpAsmParser::UnresolvedOperand>> &caseOperands,
                      SmallVectorImpl<SmallVector<Type>> &caseOperandTypes) {
  if (parser.parseKeyword("default") || parser.parseColon() ||
      parseSuccessorWithOperands(parser, defaultDestination, defaultOperands, defaultOperandTypes))
    return failure();
  while (succeeded(parser.parseOptionalComma())) {
    SMLoc loc = parser.getCurrentLocation();
    int64_t index = 0;
    if (parser.parseInteger(index))
      return failure();
    if (index != static_cast<int64_t>(caseDestinations.size()))
      return parser.emitError(loc) << "expected case " << caseDestinations.size() << ", got case "
                                   << index << " (cases must be numbered 0, 1, 2, ... in order)";
    Block *dest = nullptr;
    SmallVector<OpAsmParser::UnresolvedOperand> operands;
    SmallVector<Type> types;
    if (parser.parseColon() || parseSuccessorWithOperands(parser, dest, operands, types))
      return failure();
    caseDestinations.push_back(dest);
    caseOperands.push_back(std::move(operands));
    caseOperandTypes.push_back(std::move(types));
  }
  return success();
}

static void printBranchTableCases(OpAsmPrinter &p, Operation *, Block *defaultDestination,
                                  OperandRange defaultOperands, TypeRange defaultOperandTypes,
                                  SuccessorRange caseDestinations, OperandRangeRange caseOperands,
                                  const TypeRangeRange &caseOperandTypes) {
  p.increaseIndent();
  p.printNewline();
  p << "default: ";
  p.printSuccessorAndUseList(defaultDestination, defaultOperands);
  for (auto [index, dest, operands] : llvm::enumerate(caseDestinations, caseOperands)) {
    p << ',';
    p.printNewline();
    p << index << ": ";
    p.printSuccessorAndUseList(dest, operands);
  }
  p.decreaseIndent();
  p.printNewline();
}

LogicalResult BranchTableOp::verify() {
  size_t numCases = getCaseDestinations().size();
  size_t numGroups = getCaseOperandSegments().size();
  if (numCases != numGroups)
    return emitOpError() << "has " << numCases << " case destinations but " << numGroups
                         << " case operand groups";
  return success();
}

SuccessorOperands BranchTableOp::getSuccessorOperands(unsigned index) {
  assert(index < getNumSuccessors() && "invalid successor index");
  if (index == 0)
    return SuccessorOperands(getDefaultOperandsMutable());
  // Guard against a malformed op whose operand groups do not cover every
  // case (the verifier reports it; interface verification runs first).
  if (index - 1 >= getCaseOperandSegments().size())
    return SuccessorOperands(MutableOperandRange(getOperation(), 0, 0));
  return SuccessorOperands(getCaseOperandsMutable(index - 1));
}

Block *BranchTableOp::getSuccessorForOperands(ArrayRef<Attribute> operands) {
  auto index = dyn_cast_if_present<IntegerAttr>(operands.front());
  if (!index)
    return nullptr;
  SuccessorRange cases = getCaseDestinations();
  int64_t value = index.getValue().getSExtValue();
  if (value < 0 || value >= static_cast<int64_t>(cases.size()))
    return getDefaultDestination();
  return cases[value];
}

//===----------------------------------------------------------------------===//
// Branch operand types
//===----------------------------------------------------------------------===//

bool BranchOp::areTypesCompatible(Type lhs, Type rhs) { return isAssignableType(lhs, rhs); }
bool CondBranchOp::areTypesCompatible(Type lhs, Type rhs) { return isAssignableType(lhs, rhs); }
bool BranchTableOp::areTypesCompatible(Type lhs, Type rhs) { return isAssignableType(lhs, rhs); }

//===----------------------------------------------------------------------===//
// vm.call
//===----------------------------------------------------------------------===//

void CallOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  addCallEffects(getOperation(), effects);
}

LogicalResult CallOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyPlainCall(getOperation(), getCalleeAttr(), getOperands().getTypes(),
                         getResultTypes(), symbolTable);
}

//===----------------------------------------------------------------------===//
// vm.call.variadic
//===----------------------------------------------------------------------===//

void CallVariadicOp::build(OpBuilder &builder, OperationState &state, FlatSymbolRefAttr callee,
                           TypeRange resultTypes, ArrayRef<int16_t> segmentSizes,
                           ArrayRef<Type> segmentTypes, ValueRange operands) {
  state.addAttribute(getCalleeAttrName(state.name), callee);
  state.addAttribute(getSegmentSizesAttrName(state.name),
                     makeSegmentSizesAttr(builder, segmentSizes));
  state.addAttribute(getSegmentTypesAttrName(state.name),
                     makeSegmentTypesAttr(builder, segmentTypes));
  state.addOperands(operands);
  state.addTypes(resultTypes);
}

// @callee `(` segment (`,` segment)* `)` attr-dict
//   `:` `(` type [`...`] (`,` type [`...`])* `)` (`->` result-types)?
// where a segment is an operand, or `[` ... `]` holding operands or, for
// tuple-typed segments, parenthesized operand groups.
ParseResult CallVariadicOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  FlatSymbolRefAttr callee;
  if (parser.parseAttribute(callee, getCalleeAttrName(result.name), result.attributes))
    return failure();

  // Operands, flattened; per segment the flat count, or -1 for a plain one.
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  SmallVector<int64_t> flatCounts;
  auto parseGroupItem = [&]() -> ParseResult {
    if (succeeded(parser.parseOptionalLParen())) {
      if (parser.parseOperandList(operands) || parser.parseRParen())
        return failure();
      return success();
    }
    OpAsmParser::UnresolvedOperand operand;
    if (parser.parseOperand(operand))
      return failure();
    operands.push_back(operand);
    return success();
  };
  auto parseSegment = [&]() -> ParseResult {
    if (succeeded(parser.parseOptionalLSquare())) {
      size_t before = operands.size();
      if (succeeded(parser.parseOptionalRSquare())) {
        flatCounts.push_back(0);
        return success();
      }
      if (parser.parseCommaSeparatedList(parseGroupItem) || parser.parseRSquare())
        return failure();
      flatCounts.push_back(operands.size() - before);
      return success();
    }
    OpAsmParser::UnresolvedOperand operand;
    if (parser.parseOperand(operand))
      return failure();
    operands.push_back(operand);
    flatCounts.push_back(-1);
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, parseSegment) ||
      parser.parseOptionalAttrDict(result.attributes) || parser.parseColon())
    return failure();

  SMLoc typesLoc = parser.getCurrentLocation();
  SmallVector<Type> segmentTypes;
  SmallVector<bool> segmentIsVariadic;
  auto parseSegmentType = [&]() -> ParseResult {
    Type type;
    if (parser.parseType(type))
      return failure();
    segmentTypes.push_back(type);
    segmentIsVariadic.push_back(succeeded(parser.parseOptionalEllipsis()));
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, parseSegmentType))
    return failure();
  if (segmentTypes.size() != flatCounts.size())
    return parser.emitError(typesLoc)
           << "expected " << flatCounts.size() << " segment types, got " << segmentTypes.size();

  SmallVector<Type> operandTypes;
  SmallVector<int16_t> segmentSizes;
  for (auto [i, type] : llvm::enumerate(segmentTypes)) {
    int64_t flatCount = flatCounts[i];
    if ((flatCount == -1) == segmentIsVariadic[i])
      return parser.emitError(typesLoc)
             << "segment #" << i
             << (segmentIsVariadic[i] ? " is a single operand but its type is marked `...`"
                                      : " is a `[...]` group but its type is not marked `...`");
    if (flatCount == -1) {
      operandTypes.push_back(type);
      segmentSizes.push_back(-1);
      continue;
    }
    if (auto tupleType = dyn_cast<TupleType>(type)) {
      int64_t width = tupleType.size();
      if (width == 0 ? flatCount != 0 : flatCount % width != 0)
        return parser.emitError(typesLoc)
               << "segment #" << i << " has " << flatCount << " operands, not a multiple of the "
               << width << " elements of " << type;
      int64_t count = width == 0 ? 0 : flatCount / width;
      for (int64_t j = 0; j < count; ++j)
        llvm::append_range(operandTypes, tupleType.getTypes());
      segmentSizes.push_back(static_cast<int16_t>(count));
    } else {
      operandTypes.append(flatCount, type);
      segmentSizes.push_back(static_cast<int16_t>(flatCount));
    }
  }
  if (parser.resolveOperands(operands, operandTypes, typesLoc, result.operands))
    return failure();
  result.addAttribute(getSegmentSizesAttrName(result.name),
                      makeSegmentSizesAttr(builder, segmentSizes));
  result.addAttribute(getSegmentTypesAttrName(result.name),
                      makeSegmentTypesAttr(builder, segmentTypes));
  return parser.parseOptionalArrowTypeList(result.types);
}

void CallVariadicOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printAttributeWithoutType(getCalleeAttr());
  p << '(';
  unsigned operandIndex = 0;
  auto printNext = [&](size_t count) {
    for (size_t i = 0; i < count; ++i) {
      if (i)
        p << ", ";
      p.printOperand(getOperand(operandIndex++));
    }
  };
  auto segments = llvm::zip(getSegmentSizes().getValues<APInt>(), getSegmentTypes());
  llvm::interleaveComma(segments, p, [&](auto segment) {
    int64_t size = std::get<0>(segment).getSExtValue();
    Type type = cast<TypeAttr>(std::get<1>(segment)).getValue();
    if (size == -1) {
      printNext(1);
      return;
    }
    p << '[';
    if (auto tupleType = dyn_cast<TupleType>(type)) {
      for (int64_t i = 0; i < size; ++i) {
        if (i)
          p << ", ";
        p << '(';
        printNext(tupleType.size());
        p << ')';
      }
    } else {
      printNext(size);
    }
    p << ']';
  });
  p << ')';
  p.printOptionalAttrDict((*this)->getAttrs(), {getCalleeAttrName(), getSegmentSizesAttrName(),
                                                getSegmentTypesAttrName()});
  p << " : (";
  llvm::interleaveComma(segments, p, [&](auto segment) {
    p.printType(cast<TypeAttr>(std::get<1>(segment)).getValue());
    if (std::get<0>(segment).getSExtValue() != -1)
      p << " ...";
  });
  p << ')';
  if (getNumResults() != 0)
    p.printArrowTypeList(getResultTypes());
}

LogicalResult CallVariadicOp::verify() {
  return verifySegments(getOperation(), getSegmentSizes(), getSegmentTypes(),
                        getOperands().getTypes());
}

LogicalResult CallVariadicOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyVariadicCall(getOperation(), getCalleeAttr(), getSegmentSizes(), getSegmentTypes(),
                            getResultTypes(), symbolTable);
}

void CallVariadicOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  addCallEffects(getOperation(), effects);
}

//===----------------------------------------------------------------------===//
// vm.call.yieldable / vm.call.variadic.yieldable
//===----------------------------------------------------------------------===//

SmallVector<Type> CallYieldableOp::getResultTypesVec() { return typesOf(getResultTypes()); }

SuccessorOperands CallYieldableOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.call.yieldable has one successor");
  // The callee produces every argument of the resume block.
  return SuccessorOperands(getResultTypes().size(), MutableOperandRange(getOperation(), 0, 0));
}

void CallYieldableOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  // Yielding is itself an effect, so these calls are never removable.
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
}

LogicalResult CallYieldableOp::verify() {
  return verifyResumeBlock(getOperation(), getDest(), getResultTypesVec());
}

LogicalResult CallYieldableOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyPlainCall(getOperation(), getCalleeAttr(), getArguments().getTypes(),
                         getResultTypesVec(), symbolTable);
}

void CallVariadicYieldableOp::build(OpBuilder &builder, OperationState &state,
                                    FlatSymbolRefAttr callee, ArrayRef<int16_t> segmentSizes,
                                    ArrayRef<Type> segmentTypes, ValueRange operands, Block *dest,
                                    TypeRange resultTypes) {
  state.addAttribute(getCalleeAttrName(state.name), callee);
  state.addAttribute(getSegmentSizesAttrName(state.name),
                     makeSegmentSizesAttr(builder, segmentSizes));
  state.addAttribute(getSegmentTypesAttrName(state.name),
                     makeSegmentTypesAttr(builder, segmentTypes));
  state.addOperands(operands);
  state.addAttribute(getResultTypesAttrName(state.name), builder.getTypeArrayAttr(resultTypes));
  state.addSuccessors(dest);
}

SmallVector<Type> CallVariadicYieldableOp::getResultTypesVec() { return typesOf(getResultTypes()); }

SuccessorOperands CallVariadicYieldableOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.call.variadic.yieldable has one successor");
  return SuccessorOperands(getResultTypes().size(), MutableOperandRange(getOperation(), 0, 0));
}

void CallVariadicYieldableOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>> &effects) {
  effects.emplace_back(MemoryEffects::Read::get());
  effects.emplace_back(MemoryEffects::Write::get());
}

LogicalResult CallVariadicYieldableOp::verify() {
  if (failed(verifySegments(getOperation(), getSegmentSizes(), getSegmentTypes(),
                            getOperands().getTypes())))
    return failure();
  return verifyResumeBlock(getOperation(), getDest(), getResultTypesVec());
}

LogicalResult CallVariadicYieldableOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyVariadicCall(getOperation(), getCalleeAttr(), getSegmentSizes(), getSegmentTypes(),
                            getResultTypesVec(), symbolTable);
}

//===----------------------------------------------------------------------===//
// vm.fail / vm.cond_fail
//===----------------------------------------------------------------------===//

LogicalResult FailOp::verify() { return verifyFailStatus(getOperation(), getStatus()); }

LogicalResult CondFailOp::verify() { return verifyFailStatus(getOperation(), getStatus()); }

// %condition `,` %status (`,` "message")? attr-dict
// or, when the status is its own condition:
// %status (`,` "message")? attr-dict
ParseResult CondFailOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand first;
  if (parser.parseOperand(first))
    return failure();
  OpAsmParser::UnresolvedOperand status = first;
  bool expectMessage = false;
  if (succeeded(parser.parseOptionalComma())) {
    OpAsmParser::UnresolvedOperand second;
    OptionalParseResult parsedSecond = parser.parseOptionalOperand(second);
    if (parsedSecond.has_value()) {
      if (failed(*parsedSecond))
        return failure();
      status = second;
      expectMessage = succeeded(parser.parseOptionalComma());
    } else {
      expectMessage = true;
    }
  }
  if (expectMessage) {
    StringAttr message;
    if (parser.parseAttribute(message, getMessageAttrName(result.name), result.attributes))
      return failure();
  }
  Type i32 = parser.getBuilder().getI32Type();
  if (parser.resolveOperand(first, i32, result.operands) ||
      parser.resolveOperand(status, i32, result.operands))
    return failure();
  return parser.parseOptionalAttrDict(result.attributes);
}

void CondFailOp::print(OpAsmPrinter &p) {
  p << ' ';
  if (getCondition() != getStatus()) {
    p.printOperand(getCondition());
    p << ", ";
  }
  p.printOperand(getStatus());
  if (StringAttr message = getMessageAttr()) {
    p << ", ";
    p.printAttributeWithoutType(message);
  }
  p.printOptionalAttrDict((*this)->getAttrs(), {getMessageAttrName()});
}

//===----------------------------------------------------------------------===//
// vm.import.resolved
//===----------------------------------------------------------------------===//

void ImportResolvedOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  std::string name = ("has_" + getImport()).str();
  for (char &c : name)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  setNameFn(getResult(), name);
}

LogicalResult ImportResolvedOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *target = symbolTable.lookupNearestSymbolFrom(getOperation(), getImportAttr());
  if (!target)
    return emitOpError() << getImportAttr() << " does not reference a symbol";
  if (target->getName().getStringRef() != "vm.import")
    return emitOpError() << getImportAttr() << " is a '" << target->getName()
                         << "', not a 'vm.import'";
  return success();
}

//===----------------------------------------------------------------------===//
// vm.yield
//===----------------------------------------------------------------------===//

SuccessorOperands YieldOp::getSuccessorOperands(unsigned index) {
  assert(index == 0 && "vm.yield has one successor");
  return SuccessorOperands(getDestOperandsMutable());
}

LogicalResult YieldOp::verify() {
  Operation *parent = (*this)->getParentOp();
  if (!parent || parent->getName().getStringRef() != "vm.func")
    return emitOpError() << "expects parent op 'vm.func'";
  return success();
}

#define GET_OP_CLASSES
#include "dialects/vm/VMControlFlowOps.cpp.inc"
