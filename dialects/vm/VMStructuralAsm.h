//===- VMStructuralAsm.h - custom<> directives of module-level ops -*- C++ -*-===//
//
// Parsers and printers for the custom assembly directives shared by the
// structural, global and constant op families:
//
//   custom<SymbolVisibility>  `public` | `private` | `nested`, printed always
//                             (`public` when the attribute is absent);
//   custom<TypeOrAttr>        `: type`, `= value`, or `: type = value`.
//
// Functions are `static inline` so that each family's translation unit gets
// its own copy and nothing clashes at link time.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_VMSTRUCTURALASM_H
#define KILN_DIALECT_VM_VMSTRUCTURALASM_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/OpImplementation.h"

namespace mlir::kiln::vm {

static inline ParseResult parseSymbolVisibility(OpAsmParser &parser, StringAttr &visibility) {
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword, {"public", "private", "nested"})))
    visibility = parser.getBuilder().getStringAttr(keyword);
  return success();
}

static inline void printSymbolVisibility(OpAsmPrinter &p, Operation *, StringAttr visibility) {
  p << (visibility ? visibility.getValue() : StringRef("public"));
}

/// Parses `: type`, `= attr` (type taken from the attribute) or
/// `: type = attr` into a type and an optional attribute of kind `AttrT`.
template <typename AttrT>
static inline ParseResult parseTypeOrAttr(OpAsmParser &parser, TypeAttr &typeAttr, AttrT &value) {
  auto parseValue = [&](Type type) -> ParseResult {
    llvm::SMLoc loc = parser.getCurrentLocation();
    Attribute attr;
    if (failed(parser.parseAttribute(attr, type)))
      return failure();
    value = llvm::dyn_cast<AttrT>(attr);
    if (!value)
      return parser.emitError(loc, "unsupported initial value ") << attr;
    return success();
  };
  if (succeeded(parser.parseOptionalEqual())) {
    if (failed(parseValue(Type())))
      return failure();
    auto typed = llvm::dyn_cast<TypedAttr>(Attribute(value));
    if (!typed)
      return parser.emitError(parser.getCurrentLocation(), "initial value must carry a type");
    typeAttr = TypeAttr::get(typed.getType());
    return success();
  }
  Type type;
  if (failed(parser.parseColonType(type)))
    return failure();
  typeAttr = TypeAttr::get(type);
  if (succeeded(parser.parseOptionalEqual()))
    return parseValue(Type());
  return success();
}

template <typename AttrT>
static inline void printTypeOrAttr(OpAsmPrinter &p, Operation *, TypeAttr typeAttr, AttrT value) {
  auto typed = llvm::dyn_cast_if_present<TypedAttr>(Attribute(value));
  if (typed && typed.getType() == typeAttr.getValue()) {
    p << "= ";
    p.printAttribute(value);
    return;
  }
  p << ": ";
  p.printType(typeAttr.getValue());
  if (value) {
    p << " = ";
    p.printAttribute(value);
  }
}

} // namespace mlir::kiln::vm

#endif // KILN_DIALECT_VM_VMSTRUCTURALASM_H
