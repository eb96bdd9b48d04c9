//===- VMTypes.cpp - Types and attributes of the vm dialect ---------------===//
//
// The textual forms follow IREE: `!vm.buffer` and `!vm.list<T>` are the
// spellings of refs to buffer and list objects, `?` is the opaque type inside
// `ref<>` and `list<>`, and the bare object types print as `buffer`,
// `list<T>` and `opaque` when they appear on their own.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMTypes.h"

#include "dialects/vm/VMDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kiln::vm;
namespace vm = mlir::kiln::vm;

#define GET_TYPEDEF_CLASSES
#include "dialects/vm/VMTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/vm/VMAttrs.cpp.inc"

void VMDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/vm/VMTypes.cpp.inc"
      >();
}

void VMDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/vm/VMAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Type verification
//===----------------------------------------------------------------------===//

bool ListType::isCompatible(Type type) {
  if (isa<vm::OpaqueType, RefType>(type))
    return true;
  if (type.isIntOrFloat() && !type.isIndex())
    return type.getIntOrFloatBitWidth() % 8 == 0;
  return false;
}

LogicalResult ListType::verify(function_ref<InFlightDiagnostic()> emitError, Type elementType) {
  if (!elementType || !isCompatible(elementType))
    return emitError() << "invalid list element type " << elementType
                       << "; expected a byte-sized integer or float, a ref "
                          "type or '?'";
  return success();
}

bool RefType::isCompatible(Type type) {
  if (!type || isa<RefType>(type))
    return false;
  return !(type.isSignlessIntOrIndexOrFloat() || isa<ComplexType>(type));
}

LogicalResult RefType::verify(function_ref<InFlightDiagnostic()> emitError, Type objectType) {
  if (!isCompatible(objectType))
    return emitError() << "invalid ref object type " << objectType
                       << "; refs hold objects, not scalars or other refs";
  return success();
}

//===----------------------------------------------------------------------===//
// Parsing and printing
//===----------------------------------------------------------------------===//

namespace {

/// Parses `<` (`?` | type) `>`; `?` yields the opaque type.
Type parseBracketedObjectType(DialectAsmParser &parser, StringRef what) {
  if (parser.parseLess())
    return {};
  Type inner;
  if (succeeded(parser.parseOptionalQuestion())) {
    inner = vm::OpaqueType::get(parser.getContext());
  } else {
    // Inside the brackets, bare `buffer`, `list<...>` and `opaque` name the
    // vm object types; anything else is a full MLIR type.
    StringRef keyword;
    llvm::SMLoc loc = parser.getCurrentLocation();
    if (succeeded(parser.parseOptionalKeyword(&keyword, {"buffer", "list", "opaque"}))) {
      if (keyword == "buffer") {
        inner = BufferType::get(parser.getContext());
      } else if (keyword == "opaque") {
        inner = vm::OpaqueType::get(parser.getContext());
      } else {
        Type element = parseBracketedObjectType(parser, "list");
        if (!element)
          return {};
        inner = ListType::getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                                     element);
      }
    } else if (parser.parseType(inner)) {
      return {};
    }
  }
  if (!inner || parser.parseGreater())
    return {};
  (void)what;
  return inner;
}

void printObjectType(Type type, DialectAsmPrinter &printer) {
  if (isa<vm::OpaqueType>(type))
    printer << "?";
  else
    printer << type;
}

} // namespace

Type VMDialect::parseType(DialectAsmParser &parser) const {
  llvm::SMLoc loc = parser.getNameLoc();
  auto emitError = [&] { return parser.emitError(loc); };
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return {};
  MLIRContext *context = parser.getContext();
  if (keyword == "buffer")
    return RefType::get(BufferType::get(context));
  if (keyword == "opaque")
    return vm::OpaqueType::get(context);
  if (keyword == "list") {
    Type element = parseBracketedObjectType(parser, "list");
    if (!element)
      return {};
    ListType list = ListType::getChecked(emitError, context, element);
    if (!list)
      return {};
    return RefType::get(list);
  }
  if (keyword == "ref") {
    Type object = parseBracketedObjectType(parser, "ref");
    if (!object)
      return {};
    return RefType::getChecked(emitError, context, object);
  }
  parser.emitError(loc) << "unknown vm type '" << keyword
                        << "'; expected buffer, list<T>, ref<T> or opaque";
  return {};
}

void VMDialect::printType(Type type, DialectAsmPrinter &printer) const {
  if (auto ref = dyn_cast<RefType>(type)) {
    Type object = ref.getObjectType();
    if (isa<BufferType, ListType>(object)) {
      printType(object, printer);
      return;
    }
    printer << "ref<";
    printObjectType(object, printer);
    printer << ">";
    return;
  }
  if (isa<vm::OpaqueType>(type)) {
    printer << "opaque";
  } else if (isa<BufferType>(type)) {
    printer << "buffer";
  } else if (auto list = dyn_cast<ListType>(type)) {
    printer << "list<";
    printObjectType(list.getElementType(), printer);
    printer << ">";
  }
}
