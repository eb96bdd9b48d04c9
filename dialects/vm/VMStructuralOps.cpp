//===- VMStructuralOps.cpp - vm dialect: Structural ops ---------------------------===//

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMStructuralAsm.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionImplementation.h"

#include <map>

using namespace mlir;
using namespace mlir::kiln::vm;

#define GET_OP_CLASSES
#include "dialects/vm/VMStructuralOps.cpp.inc"

//===----------------------------------------------------------------------===//
// vm.module
//===----------------------------------------------------------------------===//

void kiln::vm::ModuleOp::build(OpBuilder &builder, OperationState &state, StringRef name) {
  state.addAttribute(::mlir::SymbolTable::getSymbolAttrName(), builder.getStringAttr(name));
  ensureTerminator(*state.addRegion(), builder, state.location);
}

LogicalResult kiln::vm::ModuleOp::verify() {
  // Two exports under one name could not be told apart by the runtime.
  llvm::DenseMap<StringAttr, ExportOp> exportsByName;
  for (auto exportOp : getBlock().getOps<ExportOp>()) {
    auto [it, inserted] = exportsByName.try_emplace(exportOp.getExportNameAttr(), exportOp);
    if (!inserted) {
      return exportOp.emitOpError()
             << "exports the name \"" << exportOp.getExportName()
             << "\" already exported by the vm.export of @" << it->second.getFunctionRef();
    }
  }
  return success();
}

SmallVector<kiln::vm::ModuleOp::Dependency> kiln::vm::ModuleOp::getDependencies() {
  std::map<StringRef, Dependency> byName;
  for (auto importOp : getBlock().getOps<ImportOp>()) {
    StringRef moduleName = importOp.getSymName().split('.').first;
    Dependency &dep = byName[moduleName];
    dep.name = moduleName;
    if (!importOp.getIsOptional()) {
      dep.isOptional = false;
      dep.minimumVersion = std::max(dep.minimumVersion, importOp.getMinimumVersion().value_or(0));
    }
  }
  SmallVector<Dependency> result;
  for (auto &it : byName)
    result.push_back(it.second);
  return result;
}

//===----------------------------------------------------------------------===//
// vm.func
//===----------------------------------------------------------------------===//

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &result) {
  auto buildType = [](Builder &builder, ArrayRef<Type> inputs, ArrayRef<Type> results,
                      function_interface_impl::VariadicFlag,
                      std::string &) -> Type { return builder.getFunctionType(inputs, results); };
  return function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false, getFunctionTypeAttrName(result.name), buildType,
      getArgAttrsAttrName(result.name), getResAttrsAttrName(result.name));
}

void FuncOp::print(OpAsmPrinter &p) {
  function_interface_impl::printFunctionOp(p, *this, /*isVariadic=*/false,
                                           getFunctionTypeAttrName(), getArgAttrsAttrName(),
                                           getResAttrsAttrName());
}

void FuncOp::build(OpBuilder &builder, OperationState &state, StringRef name, FunctionType type,
                   ArrayRef<NamedAttribute> attrs, ArrayRef<DictionaryAttr> argAttrs) {
  state.addAttribute(::mlir::SymbolTable::getSymbolAttrName(), builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  state.attributes.append(attrs.begin(), attrs.end());
  state.addRegion();
  if (argAttrs.empty())
    return;
  assert(type.getNumInputs() == argAttrs.size() && "one attribute dictionary per argument");
  call_interface_impl::addArgAndResultAttrs(builder, state, argAttrs, /*resultAttrs=*/{},
                                            getArgAttrsAttrName(state.name),
                                            getResAttrsAttrName(state.name));
}

Block *FuncOp::addEntryBlock() {
  assert(getBody().empty() && "function already has an entry block");
  auto *block = new Block();
  getBody().push_back(block);
  SmallVector<Location> locs(getFunctionType().getNumInputs(), getLoc());
  block->addArguments(getFunctionType().getInputs(), locs);
  return block;
}

Block *FuncOp::addBlock() {
  assert(!getBody().empty() && "function has no entry block");
  getBody().push_back(new Block());
  return &getBody().back();
}

void FuncOp::setReflectionAttr(StringRef name, Attribute value) {
  NamedAttrList attrs;
  if (auto existing = (*this)->getAttrOfType<DictionaryAttr>("iree.reflection"))
    attrs.append(existing.getValue());
  attrs.set(name, value);
  (*this)->setAttr("iree.reflection", attrs.getDictionary(getContext()));
}

//===----------------------------------------------------------------------===//
// vm.export
//===----------------------------------------------------------------------===//

ParseResult ExportOp::parse(OpAsmParser &parser, OperationState &result) {
  FlatSymbolRefAttr functionRef;
  if (failed(parser.parseAttribute(functionRef, getFunctionRefAttrName(result.name),
                                   result.attributes)))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("as"))) {
    StringAttr exportName;
    if (failed(parser.parseLParen()) ||
        failed(parser.parseAttribute(exportName, getExportNameAttrName(result.name),
                                     result.attributes)) ||
        failed(parser.parseRParen()))
      return failure();
  } else {
    result.addAttribute(getExportNameAttrName(result.name), functionRef.getAttr());
  }
  return parser.parseOptionalAttrDictWithKeyword(result.attributes);
}

void ExportOp::print(OpAsmPrinter &p) {
  p << ' ';
  p.printSymbolName(getFunctionRef());
  if (getExportName() != getFunctionRef()) {
    p << " as(";
    p.printAttributeWithoutType(getExportNameAttr());
    p << ')';
  }
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      /*elidedAttrs=*/{getFunctionRefAttrName(), getExportNameAttrName()});
}

void ExportOp::build(OpBuilder &builder, OperationState &state, FuncOp function,
                     StringRef exportName, ArrayRef<NamedAttribute> attrs) {
  build(builder, state, FlatSymbolRefAttr::get(function.getSymNameAttr()),
        exportName.empty() ? function.getSymName() : exportName, attrs);
}

void ExportOp::build(OpBuilder &builder, OperationState &state, FlatSymbolRefAttr functionRef,
                     StringRef exportName, ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(getFunctionRefAttrName(state.name), functionRef);
  state.addAttribute(
      getExportNameAttrName(state.name),
      builder.getStringAttr(exportName.empty() ? functionRef.getValue() : exportName));
  state.attributes.append(attrs.begin(), attrs.end());
}

LogicalResult ExportOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *target = symbolTable.lookupNearestSymbolFrom(*this, getFunctionRefAttr());
  if (!target || !isa<FuncOp>(target)) {
    return emitOpError() << "vm.func op named '" << getFunctionRef() << "' not found for export";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// vm.import
//===----------------------------------------------------------------------===//

ParseResult ImportOp::parse(OpAsmParser &parser, OperationState &result) {
  Builder &builder = parser.getBuilder();
  StringAttr visibility;
  if (failed(parseSymbolVisibility(parser, visibility)))
    return failure();
  if (visibility)
    result.addAttribute(getSymVisibilityAttrName(result.name), visibility);
  if (succeeded(parser.parseOptionalKeyword("optional")))
    result.addAttribute(getIsOptionalAttrName(result.name), builder.getUnitAttr());

  StringAttr name;
  if (failed(parser.parseSymbolName(name, ::mlir::SymbolTable::getSymbolAttrName(),
                                    result.attributes)))
    return failure();

  // (%name : type ..., type, ...)
  SmallVector<Type> argTypes;
  SmallVector<DictionaryAttr> argAttrs;
  auto parseArgument = [&]() -> ParseResult {
    NamedAttrList attrs;
    OpAsmParser::UnresolvedOperand operand;
    OptionalParseResult hasName = parser.parseOptionalOperand(operand);
    Type type;
    if (hasName.has_value()) {
      if (failed(*hasName) || failed(parser.parseColonType(type)))
        return failure();
      attrs.set("vm.name", builder.getStringAttr(operand.name.drop_front()));
    } else if (failed(parser.parseType(type))) {
      return failure();
    }
    if (succeeded(parser.parseOptionalEllipsis()))
      attrs.set("vm.variadic", builder.getUnitAttr());
    argTypes.push_back(type);
    argAttrs.push_back(attrs.getDictionary(builder.getContext()));
    return success();
  };
  if (failed(parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, parseArgument)))
    return failure();

  SmallVector<Type> resultTypes;
  if (failed(parser.parseOptionalArrowTypeList(resultTypes)))
    return failure();

  call_interface_impl::addArgAndResultAttrs(builder, result, argAttrs, /*resultAttrs=*/{},
                                            getArgAttrsAttrName(result.name),
                                            getResAttrsAttrName(result.name));
  if (failed(parser.parseOptionalAttrDictWithKeyword(result.attributes)))
    return failure();
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(builder.getFunctionType(argTypes, resultTypes)));
  result.addRegion();
  return success();
}

void ImportOp::print(OpAsmPrinter &p) {
  p << ' ';
  printSymbolVisibility(p, *this, getSymVisibilityAttr());
  p << ' ';
  if (getIsOptional())
    p << "optional ";
  p.printSymbolName(getSymName());
  p << '(';
  for (unsigned i = 0, e = getArgumentTypes().size(); i < e; ++i) {
    if (i)
      p << ", ";
    StringRef argName = getFuncArgumentName(i);
    if (!argName.empty())
      p << '%' << argName << " : ";
    p.printType(getArgumentTypes()[i]);
    if (isFuncArgumentVariadic(i))
      p << " ...";
  }
  p << ')';
  ArrayRef<Type> results = getResultTypes();
  if (results.size() == 1) {
    p << " -> ";
    p.printType(results.front());
  } else if (results.size() > 1) {
    p << " -> (";
    llvm::interleaveComma(results, p);
    p << ')';
  }
  p.printOptionalAttrDictWithKeyword(
      (*this)->getAttrs(),
      /*elidedAttrs=*/{::mlir::SymbolTable::getSymbolAttrName(), getFunctionTypeAttrName(),
                       getArgAttrsAttrName(), getResAttrsAttrName(), getIsOptionalAttrName(),
                       getSymVisibilityAttrName()});
}

void ImportOp::build(OpBuilder &builder, OperationState &state, StringRef name, FunctionType type,
                     ArrayRef<NamedAttribute> attrs, ArrayRef<DictionaryAttr> argAttrs) {
  state.addAttribute(::mlir::SymbolTable::getSymbolAttrName(), builder.getStringAttr(name));
  state.addAttribute(getFunctionTypeAttrName(state.name), TypeAttr::get(type));
  state.attributes.append(attrs.begin(), attrs.end());
  if (!argAttrs.empty()) {
    assert(type.getNumInputs() == argAttrs.size() && "one attribute dictionary per argument");
    call_interface_impl::addArgAndResultAttrs(builder, state, argAttrs, /*resultAttrs=*/{},
                                              getArgAttrsAttrName(state.name),
                                              getResAttrsAttrName(state.name));
  }
  state.addRegion();
}

LogicalResult ImportOp::verify() {
  if (!getBody().empty())
    return emitOpError() << "must not have a body; an import is defined by "
                            "the module it comes from";
  for (unsigned i = 0, e = getArgumentTypes().size(); i < e; ++i) {
    // A variadic argument is passed as a span of tuples, so tuple is
    // fine there; anywhere else the type must be a register type.
    if (isFuncArgumentVariadic(i))
      continue;
    Type type = getArgumentTypes()[i];
    if (!type.isInteger(32) && !type.isInteger(64) && !type.isF32() && !type.isF64() &&
        !isa<RefType>(type) && !isa<TupleType>(type))
      return emitOpError() << "argument " << i << " has type " << type
                           << " that no vm register can hold";
  }
  return success();
}

StringRef ImportOp::getFuncArgumentName(unsigned i) {
  auto name = getArgAttrOfType<StringAttr>(i, "vm.name");
  return name ? name.getValue() : StringRef();
}

bool ImportOp::isFuncArgumentVariadic(unsigned i) {
  return static_cast<bool>(getArgAttrOfType<UnitAttr>(i, "vm.variadic"));
}

bool ImportOp::isVariadic() {
  for (unsigned i = 0, e = getArgumentTypes().size(); i < e; ++i)
    if (isFuncArgumentVariadic(i))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// vm.initializer
//===----------------------------------------------------------------------===//

void InitializerOp::build(OpBuilder &builder, OperationState &state,
                          ArrayRef<NamedAttribute> attrs) {
  state.addAttribute(getFunctionTypeAttrName(state.name),
                     TypeAttr::get(builder.getFunctionType({}, {})));
  state.attributes.append(attrs.begin(), attrs.end());
  state.addRegion();
}

ParseResult InitializerOp::parse(OpAsmParser &parser, OperationState &result) {
  result.addAttribute(getFunctionTypeAttrName(result.name),
                      TypeAttr::get(parser.getBuilder().getFunctionType({}, {})));
  if (failed(parser.parseOptionalAttrDictWithKeyword(result.attributes)))
    return failure();
  return parser.parseRegion(*result.addRegion());
}

void InitializerOp::print(OpAsmPrinter &p) {
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs(), {getFunctionTypeAttrName()});
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

LogicalResult InitializerOp::verify() {
  FunctionType type = getFunctionType();
  if (type.getNumInputs() != 0 || type.getNumResults() != 0)
    return emitOpError() << "must have no arguments and no results, not " << type;
  if (getBody().empty())
    return emitOpError() << "must have a body";
  return success();
}

Block *InitializerOp::addEntryBlock() {
  assert(getBody().empty() && "initializer already has an entry block");
  getBody().push_back(new Block());
  return &getBody().front();
}

Block *InitializerOp::addBlock() {
  assert(!getBody().empty() && "initializer has no entry block");
  getBody().push_back(new Block());
  return &getBody().back();
}

namespace {

/// Erases an initializer that does nothing but return.
struct EraseEmptyInitializer : OpRewritePattern<InitializerOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(InitializerOp op, PatternRewriter &rewriter) const override {
    if (!op.getBody().hasOneBlock())
      return failure();
    Block &block = op.getBody().front();
    if (!block.empty() && !isa<ReturnOp>(block.front()))
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void InitializerOp::getCanonicalizationPatterns(RewritePatternSet &results, MLIRContext *context) {
  // Constant stores move into initial values in the
  // vm-inline-initializer-constants pass: the check needs what every earlier
  // initializer touches, which a pattern would recompute per initializer.
  results.add<EraseEmptyInitializer>(context);
}

//===----------------------------------------------------------------------===//
// vm.return
//===----------------------------------------------------------------------===//

/// The name to mention in diagnostics about a function-like op.
static std::string describeFunction(FunctionOpInterface function) {
  if (auto name = function->getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName()))
    return ("'" + name.getValue() + "'").str();
  return function->getName().getStringRef().str();
}

LogicalResult ReturnOp::verify() {
  auto function = dyn_cast<FunctionOpInterface>((*this)->getParentOp());
  if (!function)
    return success();
  ArrayRef<Type> expected = function.getResultTypes();
  if (getNumOperands() != expected.size())
    return emitOpError() << "returns " << getNumOperands() << " values but the enclosing function "
                         << describeFunction(function) << " has " << expected.size() << " results";
  for (auto [i, value, type] : llvm::enumerate(getOperands(), expected)) {
    if (!isAssignableType(value.getType(), type))
      return emitOpError() << "operand " << i << " has type " << value.getType()
                           << " but the enclosing function " << describeFunction(function)
                           << " returns " << type;
  }
  return success();
}
