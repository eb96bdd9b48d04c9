//===- CNames.cpp - C spellings of vm types and values --------------------===//

#include "compiler/Target/C/CNames.h"

#include "dialects/vm/VMTypes.h"

#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace mlir::kiln::ctarget {

Kind kindOf(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.getWidth() == 64 ? Kind::I64 : Kind::I32;
  if (t.isF32())
    return Kind::F32;
  if (t.isF64())
    return Kind::F64;
  return Kind::Ref;
}

const char *cType(Kind k) {
  switch (k) {
  case Kind::I32:
    return "int32_t";
  case Kind::I64:
    return "int64_t";
  case Kind::F32:
    return "float";
  case Kind::F64:
    return "double";
  case Kind::Ref:
    return "kiln_ref_t";
  }
  return "void";
}

char code(Kind k) {
  switch (k) {
  case Kind::I32:
    return 'i';
  case Kind::I64:
    return 'I';
  case Kind::F32:
    return 'f';
  case Kind::F64:
    return 'F';
  case Kind::Ref:
    return 'r';
  }
  return '?';
}

std::string signatureOf(FunctionType type) {
  std::string s = "0";
  for (Type t : type.getInputs())
    s += code(kindOf(t));
  if (type.getInputs().empty())
    s += 'v';
  s += '_';
  for (Type t : type.getResults())
    s += code(kindOf(t));
  if (type.getResults().empty())
    s += 'v';
  return s;
}

/// An import's signature: like signatureOf, with each argument marked
/// `vm.variadic` in arg_attrs spelled as a C...D span of its (flattened
/// tuple) element codes.
std::string importSignatureOf(Operation *import, FunctionType type) {
  auto argAttrs = import->getAttrOfType<ArrayAttr>("arg_attrs");
  std::string s = "0";
  if (type.getInputs().empty())
    s += 'v';
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    bool variadic = false;
    if (argAttrs && i < argAttrs.size())
      if (auto dict = dyn_cast<DictionaryAttr>(argAttrs[i]))
        variadic = static_cast<bool>(dict.get("vm.variadic"));
    SmallVector<Type> flat;
    if (auto tuple = dyn_cast<TupleType>(t))
      tuple.getFlattenedTypes(flat);
    else
      flat.push_back(t);
    if (variadic)
      s += 'C';
    for (Type e : flat)
      s += code(kindOf(e));
    if (variadic)
      s += 'D';
  }
  s += '_';
  for (Type t : type.getResults())
    s += code(kindOf(t));
  if (type.getResults().empty())
    s += 'v';
  return s;
}

std::string cIdent(StringRef name) {
  std::string out;
  for (char c : name)
    out += (isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

std::string cString(StringRef s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f && c != '?')
      out += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

std::string floatLiteral(double v, bool isF32) {
  if (std::isfinite(v)) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%a", v);
    return std::string(buf) + (isF32 ? "f" : "");
  }
  char buf[64];
  if (isF32) {
    float f = static_cast<float>(v);
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    std::snprintf(buf, sizeof(buf), "kiln_bitcast_i32_f32((int32_t)0x%08" PRIx32 "u)", bits);
  } else {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    std::snprintf(buf, sizeof(buf), "kiln_bitcast_i64_f64((int64_t)0x%016" PRIx64 "ull)", bits);
  }
  return buf;
}

std::string intLiteral(int64_t v, bool is64) {
  if (is64) {
    if (v == INT64_MIN)
      return "INT64_MIN";
    return "INT64_C(" + std::to_string(v) + ")";
  }
  int32_t v32 = static_cast<int32_t>(v);
  if (v32 == INT32_MIN)
    return "INT32_MIN";
  return std::to_string(v32);
}

FileLineColLoc fileLoc(Location loc) {
  if (auto f = dyn_cast<FileLineColLoc>(loc))
    return f;
  if (auto n = dyn_cast<NameLoc>(loc))
    return fileLoc(n.getChildLoc());
  if (auto c = dyn_cast<CallSiteLoc>(loc))
    return fileLoc(c.getCallee());
  if (auto f = dyn_cast<FusedLoc>(loc))
    for (Location l : f.getLocations())
      if (auto r = fileLoc(l))
        return r;
  return {};
}

/// The ref kind constant of kiln/c/module.h for a ref of `type`.
const char *refKind(Type type) {
  if (auto rt = dyn_cast<vm::RefType>(type)) {
    if (isa<vm::BufferType>(rt.getObjectType()))
      return "KILN_REF_KIND_BUFFER";
    if (isa<vm::ListType>(rt.getObjectType()))
      return "KILN_REF_KIND_LIST";
  }
  return "KILN_REF_KIND_ANY";
}

/// The name the runtime registers the object type of ref type `type` under:
/// the object type's spelling without its leading `!` and parameters
/// (`!vm.ref<!hal.buffer>` -> `hal.buffer`), as the bytecode loader resolves
/// type table entries. Empty for `!vm.ref<?>` and non-refs.
std::string registeredTypeName(Type type) {
  auto rt = dyn_cast<vm::RefType>(type);
  if (!rt || isa<vm::OpaqueType>(rt.getObjectType()))
    return "";
  std::string spelling;
  llvm::raw_string_ostream os(spelling);
  rt.getObjectType().print(os);
  StringRef name(spelling);
  name.consume_front("!");
  return name.take_until([](char c) { return c == '<'; }).str();
}

/// The C spelling of an emitc type of this file (as translateToCpp prints
/// it).
std::string cTypeName(Type type) {
  if (auto i = dyn_cast<IntegerType>(type)) {
    if (i.getWidth() == 1)
      return "bool";
    return (i.isUnsigned() ? "uint" : "int") + std::to_string(i.getWidth()) + "_t";
  }
  if (type.isF32())
    return "float";
  if (type.isF64())
    return "double";
  if (auto o = dyn_cast<emitc::OpaqueType>(type))
    return o.getValue().str();
  if (auto p = dyn_cast<emitc::PointerType>(type))
    return cTypeName(p.getPointee()) + "*";
  if (isa<emitc::SizeTType>(type))
    return "size_t";
  return "void";
}

} // namespace mlir::kiln::ctarget
