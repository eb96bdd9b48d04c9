//===- VMToC.cpp - vm dialect -> C source ---------------------------------===//
//
// A direct C printer over vm IR (see VMToC.h). Every SSA value becomes a C
// local declared at the top of its function; blocks become labels; block
// arguments are assigned on each edge as a parallel copy. Ref locals own one
// reference each and are released at the single exit label. Internal calls
// are direct C calls; imports go through the services table with arguments
// packed by the import's signature. #line directives map back to the .mlir.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/VMToC.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Tools/Registration.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Region.h"
#include "mlir/Support/LogicalResult.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <string>

using namespace mlir;

namespace mlir::kiln {
namespace {

enum class Kind { I32, I64, F32, F64, Ref };

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
  case Kind::I32: return "int32_t";
  case Kind::I64: return "int64_t";
  case Kind::F32: return "float";
  case Kind::F64: return "double";
  case Kind::Ref: return "kiln_ref_t";
  }
  return "void";
}

char code(Kind k) {
  switch (k) {
  case Kind::I32: return 'i';
  case Kind::I64: return 'I';
  case Kind::F32: return 'f';
  case Kind::F64: return 'F';
  case Kind::Ref: return 'r';
  }
  return '?';
}

std::string signatureOf(FunctionType type) {
  std::string s = "0";
  for (Type t : type.getInputs()) s += code(kindOf(t));
  if (type.getInputs().empty()) s += 'v';
  s += '_';
  for (Type t : type.getResults()) s += code(kindOf(t));
  if (type.getResults().empty()) s += 'v';
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
    if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
    else if (c >= 0x20 && c < 0x7f && c != '?') out += static_cast<char>(c);
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
    if (v == INT64_MIN) return "INT64_MIN";
    return "INT64_C(" + std::to_string(v) + ")";
  }
  int32_t v32 = static_cast<int32_t>(v);
  if (v32 == INT32_MIN) return "INT32_MIN";
  return std::to_string(v32);
}

FileLineColLoc fileLoc(Location loc) {
  if (auto f = dyn_cast<FileLineColLoc>(loc)) return f;
  if (auto n = dyn_cast<NameLoc>(loc)) return fileLoc(n.getChildLoc());
  if (auto c = dyn_cast<CallSiteLoc>(loc)) return fileLoc(c.getCallee());
  if (auto f = dyn_cast<FusedLoc>(loc))
    for (Location l : f.getLocations())
      if (auto r = fileLoc(l)) return r;
  return {};
}

// Pure ops whose C helper is kiln_<name with '.' -> '_'> in ops.h.
bool isHelperOp(StringRef name) {
  static const char *prefixes[] = {
      "add.", "sub.", "mul.", "fma.", "neg.", "abs.", "min.", "max.",
      "not.", "and.", "or.", "xor.", "shl.", "shr.", "ctlz.", "ceil.",
      "floor.", "round.", "atan.", "atan2.", "cos.", "sin.", "exp.",
      "exp2.", "expm1.", "log.", "log10.", "log1p.", "log2.", "pow.",
      "rsqrt.", "sqrt.", "tanh.", "erf.", "trunc.", "ext.", "cast.",
      "bitcast.", "div.f", "rem.f"};
  for (const char *p : prefixes)
    if (name.starts_with(p)) return true;
  return false;
}

class Printer {
public:
  Printer(Operation *module, raw_ostream &os) : module(module), os(os) {}
  LogicalResult run();

private:
  // Per-module.
  Operation *module;
  raw_ostream &os;
  std::string prefix; // C identifier prefix: module name + '_'
  llvm::StringMap<Operation *> funcs;
  llvm::StringMap<int> importOrdinals;
  llvm::StringMap<Operation *> imports;
  llvm::StringMap<Kind> globals;
  llvm::StringSet<> rodata;
  std::string locs; // static kiln_source_loc_t definitions
  int locCount = 0;

  // Per-function.
  std::string body;
  llvm::raw_string_ostream b{body};
  llvm::DenseMap<Value, std::string> names;
  llvm::DenseMap<Block *, int> blockIds;
  SmallVector<Value> refLocals;
  int tmpCount = 0;

  std::string fnName(StringRef sym) { return prefix + "f_" + cIdent(sym); }
  std::string v(Value value) { return names.lookup(value); }
  std::string tmp() { return "t" + std::to_string(tmpCount++); }
  std::string locFor(Operation *op);
  void lineDirective(Operation *op);
  std::string prototype(Operation *func);
  LogicalResult printFunction(Operation *func);
  LogicalResult printOp(Operation &op);
  void printEdge(Block *dest, OperandRange operands);
  void printFail(Operation *op, const std::string &code, const std::string &message);
};

std::string Printer::locFor(Operation *op) {
  auto fl = fileLoc(op->getLoc());
  if (!fl) return "NULL";
  std::string name = prefix + "loc" + std::to_string(locCount++);
  llvm::raw_string_ostream l(locs);
  l << "static const kiln_source_loc_t " << name << " = {"
    << cString(fl.getFilename().getValue()) << ", " << fl.getLine() << ", "
    << fl.getColumn() << "};\n";
  return "&" + name;
}

void Printer::lineDirective(Operation *op) {
  auto fl = fileLoc(op->getLoc());
  if (fl && fl.getLine() > 0)
    b << "#line " << fl.getLine() << " " << cString(fl.getFilename().getValue()) << "\n";
}

std::string Printer::prototype(Operation *func) {
  auto type = cast<FunctionType>(
      func->getAttrOfType<TypeAttr>("function_type").getValue());
  std::string s;
  llvm::raw_string_ostream p(s);
  p << "KILN_MODULE_MAYBE_UNUSED static kiln_status_t "
    << fnName(func->getAttrOfType<StringAttr>("sym_name").getValue())
    << "(kiln_exec_t* exec, " << prefix << "state_t* state";
  for (auto [i, t] : llvm::enumerate(type.getInputs()))
    p << ", " << cType(kindOf(t)) << " a" << i;
  for (auto [i, t] : llvm::enumerate(type.getResults()))
    p << ", " << cType(kindOf(t)) << "* r" << i;
  p << ")";
  return s;
}

void Printer::printFail(Operation *op, const std::string &code,
                        const std::string &message) {
  b << "  st = S->make_status(exec, " << code << ", " << message << ", -1, "
    << locFor(op) << "); goto cleanup;\n";
}

void Printer::printEdge(Block *dest, OperandRange operands) {
  if (!operands.empty()) {
    b << "  {\n";
    SmallVector<std::string> temps;
    for (auto [i, operand] : llvm::enumerate(operands)) {
      Kind k = kindOf(operand.getType());
      std::string t = tmp();
      temps.push_back(t);
      b << "    " << cType(k) << " " << t << " = " << v(operand) << ";\n";
      if (k == Kind::Ref) b << "    kiln_ref_retain(S, " << t << ");\n";
    }
    for (auto [i, arg] : llvm::enumerate(dest->getArguments())) {
      if (kindOf(arg.getType()) == Kind::Ref)
        b << "    kiln_ref_release(S, " << v(arg) << ");\n";
      b << "    " << v(arg) << " = " << temps[i] << ";\n";
    }
    b << "  }\n";
  }
  b << "  goto bb" << blockIds.lookup(dest) << ";\n";
}

LogicalResult Printer::printOp(Operation &op) {
  StringRef full = op.getName().getStringRef();
  if (!full.consume_front("vm."))
    return op.emitOpError("is not a vm op; the C target only prints vm");
  StringRef name = full;
  lineDirective(&op);
  auto res = [&](unsigned i = 0) { return v(op.getResult(i)); };
  auto arg = [&](unsigned i) { return v(op.getOperand(i)); };

  // Constants.
  if (name == "const.i32" || name == "const.i64") {
    auto a = op.getAttrOfType<IntegerAttr>("value");
    b << "  " << res() << " = " << intLiteral(a.getValue().getSExtValue(), name == "const.i64") << ";\n";
    return success();
  }
  if (name == "const.f32" || name == "const.f64") {
    auto a = op.getAttrOfType<FloatAttr>("value");
    b << "  " << res() << " = " << floatLiteral(a.getValueAsDouble(), name == "const.f32") << ";\n";
    return success();
  }
  if (name.starts_with("const.") && name.ends_with(".zero")) {
    if (name == "const.ref.zero") b << "  kiln_ref_reset(S, &" << res() << ");\n";
    else b << "  " << res() << " = 0;\n";
    return success();
  }
  if (name == "const.ref.rodata") {
    auto sym = op.getAttrOfType<FlatSymbolRefAttr>("rodata");
    std::string t = tmp();
    b << "  { kiln_ref_t " << t << " = NULL;\n"
      << "    st = S->buffer_wrap_rodata(exec, " << prefix << "rodata_" << cIdent(sym.getValue())
      << ", (int64_t)sizeof(" << prefix << "rodata_" << cIdent(sym.getValue()) << "), &" << t << ");\n"
      << "    if (st) goto cleanup;\n"
      << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << "; }\n";
    return success();
  }
  // Integer division/remainder (may fail).
  if ((name.starts_with("div.i") || name.starts_with("rem.i"))) {
    b << "  if (kiln_" << cIdent(name) << "(" << arg(0) << ", " << arg(1) << ", &" << res()
      << ") != KILN_OP_OK) {\n  ";
    printFail(&op, "KILN_STATUS_INVALID_ARGUMENT", "\"integer division by zero\"");
    b << "  }\n";
    return success();
  }
  if (name == "round.f32.even" || name == "round.f64.even") {
    b << "  " << res() << " = kiln_round_even_" << (name == "round.f32.even" ? "f32" : "f64")
      << "(" << arg(0) << ");\n";
    return success();
  }
  // Comparisons.
  if (name.starts_with("cmp.")) {
    SmallVector<StringRef> parts;
    name.split(parts, '.');
    StringRef pred = parts[1], ty = parts.size() > 2 ? parts[2] : "";
    bool isInt = ty.starts_with("i") || ty == "ref";
    if (isInt) {
      bool u = parts.size() > 3 && parts[3] == "u";
      std::string cast = u ? (ty == "i64" ? "(uint64_t)" : "(uint32_t)") : "";
      if (pred == "nz") {
        b << "  " << res() << " = " << arg(0) << " != 0;\n";
        return success();
      }
      const char *opc = pred == "eq" ? "==" : pred == "ne" ? "!=" : pred == "lt" ? "<"
                      : pred == "lte" ? "<=" : pred == "gt" ? ">" : pred == "gte" ? ">=" : nullptr;
      if (!opc) return op.emitOpError("unsupported comparison in the C target");
      b << "  " << res() << " = " << cast << arg(0) << " " << opc << " " << cast << arg(1) << ";\n";
      return success();
    }
    // Floats: helpers for eq/ne/lt/lte; gt/gte swap operands.
    std::string helper = "kiln_" + cIdent(name);
    bool swap = false;
    if (pred == "gt" || pred == "gte") {
      std::string n = name.str();
      n.replace(4, pred.size(), pred == "gt" ? "lt" : "lte");
      helper = "kiln_" + cIdent(n);
      swap = true;
    }
    b << "  " << res() << " = " << helper << "(";
    if (op.getNumOperands() == 1) b << arg(0);
    else if (swap) b << arg(1) << ", " << arg(0);
    else b << arg(0) << ", " << arg(1);
    b << ");\n";
    return success();
  }
  if (name == "trunc.i16.i8") {
    b << "  " << res() << " = kiln_trunc_i32_i8(" << arg(0) << ");\n";
    return success();
  }
  if (name == "cast.ref.any") {
    b << "  kiln_ref_assign(S, &" << res() << ", " << arg(0) << ");\n";
    return success();
  }
  if (name == "cast.any.ref") {
    std::string type;
    if (auto rt = dyn_cast<vm::RefType>(op.getResult(0).getType())) {
      if (isa<vm::BufferType>(rt.getObjectType())) type = "S->buffer_type";
      else if (isa<vm::ListType>(rt.getObjectType())) type = "S->list_type";
    }
    if (!type.empty()) {
      b << "  if (" << arg(0) << " && " << arg(0) << "->type != " << type << ") {\n"
        << "    st = S->ref_type_error(exec, " << arg(0) << ", " << type << ");\n"
        << "    S->set_location(exec, " << locFor(&op) << ");\n    goto cleanup;\n  }\n";
    }
    b << "  kiln_ref_assign(S, &" << res() << ", " << arg(0) << ");\n";
    return success();
  }
  if (name == "check.nearly_eq") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    std::string m = cString(msg ? msg.getValue() : StringRef("check failed"));
    bool f32 = op.getOperand(0).getType().isF32();
    b << "  if (!kiln_cmp_eq_" << (f32 ? "f32" : "f64") << "_near(" << arg(0) << ", " << arg(1)
      << ")) {\n  ";
    printFail(&op, "KILN_STATUS_FAILED_PRECONDITION", m);
    b << "  }\n";
    return success();
  }
  if (isHelperOp(name)) {
    b << "  " << res() << " = kiln_" << cIdent(name) << "(";
    for (unsigned i = 0; i < op.getNumOperands(); ++i) b << (i ? ", " : "") << arg(i);
    b << ");\n";
    return success();
  }
  if (name.starts_with("select.")) {
    if (name == "select.ref")
      b << "  kiln_ref_assign(S, &" << res() << ", " << arg(0) << " ? " << arg(1) << " : " << arg(2) << ");\n";
    else
      b << "  " << res() << " = " << arg(0) << " ? " << arg(1) << " : " << arg(2) << ";\n";
    return success();
  }
  if (name == "optimization_barrier") {
    for (unsigned i = 0; i < op.getNumOperands(); ++i) {
      if (kindOf(op.getOperand(i).getType()) == Kind::Ref)
        b << "  kiln_ref_assign(S, &" << res(i) << ", " << arg(i) << ");\n";
      else
        b << "  " << res(i) << " = " << arg(i) << ";\n";
    }
    return success();
  }
  // Globals.
  if (name.starts_with("global.load.") || name.starts_with("global.store.")) {
    auto sym = op.getAttrOfType<FlatSymbolRefAttr>("global");
    if (!sym) return op.emitOpError("indirect globals are not supported by the C target yet");
    std::string g = "state->g_" + cIdent(sym.getValue());
    bool isRef = name.ends_with(".ref");
    if (name.starts_with("global.load."))
      b << (isRef ? "  kiln_ref_assign(S, &" + res() + ", " + g + ");\n"
                  : "  " + res() + " = " + g + ";\n");
    else
      b << (isRef ? "  kiln_ref_assign(S, &" + g + ", " + arg(0) + ");\n"
                  : "  " + g + " = " + arg(0) + ";\n");
    return success();
  }
  // Refs and buffers (as far as the first step goes).
  if (name == "buffer.alloc") {
    std::string t = tmp();
    b << "  { kiln_ref_t " << t << " = NULL;\n"
      << "    st = S->buffer_allocate(exec, " << arg(0) << ", "
      << (op.getNumOperands() > 1 ? arg(1) : std::string("16")) << ", &" << t << ");\n"
      << "    if (st) goto cleanup;\n"
      << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << "; }\n";
    return success();
  }
  if (name == "buffer.length") {
    std::string d = tmp(), l = tmp(), w = tmp();
    b << "  if (!" << arg(0) << ") {\n  ";
    printFail(&op, "KILN_STATUS_INVALID_ARGUMENT", "\"null buffer\"");
    b << "  }\n  { uint8_t* " << d << "; uint64_t " << l << "; int32_t " << w << ";\n"
      << "    S->buffer_span(" << arg(0) << ", &" << d << ", &" << l << ", &" << w << ");\n"
      << "    " << res() << " = (int64_t)" << l << "; }\n";
    return success();
  }
  // Buffer element loads/stores: offsets are element indices (ops.h).
  if (name.starts_with("buffer.load.") || name.starts_with("buffer.store.")) {
    bool isLoad = name.starts_with("buffer.load.");
    StringRef ty = name.drop_front(isLoad ? 12 : 13);
    unsigned size = ty.starts_with("i8") ? 1 : ty.starts_with("i16") ? 2
                  : (ty == "i64" || ty == "f64") ? 8 : 4;
    std::string buf = arg(0), off = arg(1);
    std::string d = tmp(), l = tmp(), w = tmp(), o = tmp();
    b << "  if (!" << buf << ") {\n  ";
    printFail(&op, "KILN_STATUS_INVALID_ARGUMENT", "\"null buffer\"");
    b << "  }\n  { uint8_t* " << d << "; uint64_t " << l << ", " << o << "; int32_t " << w << ";\n"
      << "    S->buffer_span(" << buf << ", &" << d << ", &" << l << ", &" << w << ");\n"
      << "    if (kiln_buffer_element(" << l << ", " << off << ", " << size << ", &" << o
      << ") != KILN_OP_OK) {\n    ";
    printFail(&op, "KILN_STATUS_OUT_OF_RANGE", "\"buffer access out of range\"");
    b << "    }\n";
    if (isLoad) {
      const char *narrow = ty == "i8.u" ? "uint8_t" : ty == "i8.s" ? "int8_t"
                         : ty == "i16.u" ? "uint16_t" : ty == "i16.s" ? "int16_t" : nullptr;
      if (narrow) {
        std::string n = tmp();
        b << "    { " << narrow << " " << n << "; memcpy(&" << n << ", " << d << " + " << o
          << ", " << size << "); " << res() << " = (int32_t)" << n << "; }\n";
      } else {
        b << "    memcpy(&" << res() << ", " << d << " + " << o << ", " << size << ");\n";
      }
    } else {
      b << "    if (!" << w << ") {\n    ";
      printFail(&op, "KILN_STATUS_PERMISSION_DENIED", "\"write to a read-only buffer\"");
      b << "    }\n";
      if (size < 4) {
        std::string n = tmp();
        b << "    { " << (size == 1 ? "uint8_t " : "uint16_t ") << n << " = (" << (size == 1 ? "uint8_t" : "uint16_t")
          << ")" << arg(2) << "; memcpy(" << d << " + " << o << ", &" << n << ", " << size << "); }\n";
      } else {
        b << "    memcpy(" << d << " + " << o << ", &" << arg(2) << ", " << size << ");\n";
      }
    }
    b << "  }\n";
    return success();
  }
  // Lists, through the services table.
  if (name.starts_with("list.")) {
    auto nullCheck = [&](const std::string &list) {
      b << "  if (!" << list << ") {\n  ";
      printFail(&op, "KILN_STATUS_INVALID_ARGUMENT", "\"null list\"");
      b << "  }\n";
    };
    auto check = [&]() { b << "  if (st) goto cleanup;\n"; };
    if (name == "list.alloc") {
      vm::ListType lt = vm::getListObjectType(op.getResult(0).getType());
      std::string kind = "KILN_ELEMENT_VARIANT", refType = "NULL";
      if (lt) {
        Type et = lt.getElementType();
        if (auto it = dyn_cast<IntegerType>(et))
          kind = it.getWidth() == 8 ? "KILN_ELEMENT_I8" : it.getWidth() == 16 ? "KILN_ELEMENT_I16"
               : it.getWidth() == 64 ? "KILN_ELEMENT_I64" : "KILN_ELEMENT_I32";
        else if (et.isF32()) kind = "KILN_ELEMENT_F32";
        else if (et.isF64()) kind = "KILN_ELEMENT_F64";
        else if (auto rt = dyn_cast<vm::RefType>(et)) {
          kind = "KILN_ELEMENT_REF";
          if (isa<vm::BufferType>(rt.getObjectType())) refType = "S->buffer_type";
          else if (isa<vm::ListType>(rt.getObjectType())) refType = "S->list_type";
        }
      }
      std::string t = tmp();
      b << "  { kiln_ref_t " << t << " = NULL;\n    st = S->list_create(exec, " << kind << ", "
        << refType << ", " << arg(0) << ", &" << t << ");\n    if (st) goto cleanup;\n"
        << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << "; }\n";
      return success();
    }
    nullCheck(arg(0));
    if (name == "list.size") {
      b << "  " << res() << " = S->list_size(" << arg(0) << ");\n";
      return success();
    }
    if (name == "list.reserve" || name == "list.resize") {
      b << "  st = S->" << (name == "list.reserve" ? "list_reserve" : "list_resize") << "(exec, "
        << arg(0) << ", " << arg(1) << ");\n";
      check();
      return success();
    }
    if (name.starts_with("list.get.")) {
      Kind k = kindOf(op.getResult(0).getType());
      if (k == Kind::Ref) {
        std::string t = tmp();
        b << "  { kiln_ref_t " << t << " = NULL;\n    st = S->list_get(exec, " << arg(0) << ", "
          << arg(1) << ", 'r', &" << t << ");\n    if (st) goto cleanup;\n"
          << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << "; }\n";
      } else {
        b << "  st = S->list_get(exec, " << arg(0) << ", " << arg(1) << ", '" << code(k) << "', &"
          << res() << ");\n";
        check();
      }
      return success();
    }
    if (name.starts_with("list.set.")) {
      Kind k = kindOf(op.getOperand(2).getType());
      b << "  st = S->list_set(exec, " << arg(0) << ", " << arg(1) << ", '" << code(k) << "', &"
        << arg(2) << ");\n";
      check();
      return success();
    }
  }
  // Control flow.
  if (name == "br") {
    printEdge(op.getSuccessor(0), op.getOperands());
    return success();
  }
  if (name == "cond_br") {
    // Operands: condition, then true operands, then false operands.
    Block *t = op.getSuccessor(0), *f = op.getSuccessor(1);
    unsigned nt = t->getNumArguments();
    auto ops = op.getOperands();
    b << "  if (" << arg(0) << ") {\n";
    printEdge(t, ops.slice(1, nt));
    b << "  }\n";
    printEdge(f, ops.slice(1 + nt, f->getNumArguments()));
    return success();
  }
  if (name == "br_table") {
    // Operands: index, default operands, then each case's operands.
    auto ops = op.getOperands();
    unsigned pos = 1;
    Block *def = op.getSuccessor(0);
    OperandRange defOps = ops.slice(pos, def->getNumArguments());
    pos += def->getNumArguments();
    b << "  switch (" << arg(0) << ") {\n";
    for (unsigned i = 1; i < op.getNumSuccessors(); ++i) {
      Block *c = op.getSuccessor(i);
      b << "  case " << (i - 1) << ": {\n";
      printEdge(c, ops.slice(pos, c->getNumArguments()));
      pos += c->getNumArguments();
      b << "  }\n";
    }
    b << "  default: break;\n  }\n";
    printEdge(def, defOps);
    return success();
  }
  if (name == "return") {
    for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
      if (kindOf(operand.getType()) == Kind::Ref)
        b << "  kiln_ref_retain(S, " << v(operand) << ");\n";
      b << "  *r" << i << " = " << v(operand) << ";\n";
    }
    b << "  goto cleanup;\n";
    return success();
  }
  if (name == "fail" || name == "cond_fail") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    std::string m = cString(msg ? msg.getValue() : StringRef(""));
    if (name == "cond_fail") {
      // (cond, status) or (status): fails when cond (or status) is non-zero.
      unsigned s = op.getNumOperands() > 1 ? 1 : 0;
      b << "  if (" << arg(0) << ") {\n  ";
      printFail(&op, arg(s), m);
      b << "  }\n";
    } else {
      printFail(&op, op.getNumOperands() ? arg(0) : std::string("KILN_STATUS_UNKNOWN"), m);
    }
    return success();
  }
  if (name == "check.eq" || name == "check.ne" || name == "check.nz") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    std::string m = cString(msg ? msg.getValue() : StringRef("check failed"));
    std::string cond = name == "check.nz" ? arg(0) + " == 0"
                     : name == "check.eq" ? arg(0) + " != " + arg(1)
                                          : arg(0) + " == " + arg(1);
    b << "  if (" << cond << ") {\n  ";
    printFail(&op, "KILN_STATUS_FAILED_PRECONDITION", m);
    b << "  }\n";
    return success();
  }
  if (name == "call") {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("callee").getValue();
    if (funcs.count(callee)) {
      SmallVector<std::string> temps;
      b << "  {\n";
      for (Value r : op.getResults()) {
        std::string t = tmp();
        temps.push_back(t);
        Kind k = kindOf(r.getType());
        b << "    " << cType(k) << " " << t << (k == Kind::Ref ? " = NULL" : " = 0") << ";\n";
      }
      b << "    st = " << fnName(callee) << "(exec, state";
      for (Value a : op.getOperands()) b << ", " << v(a);
      for (auto &t : temps) b << ", &" << t;
      b << ");\n    if (st) goto cleanup;\n";
      for (auto [i, r] : llvm::enumerate(op.getResults())) {
        if (kindOf(r.getType()) == Kind::Ref) b << "    kiln_ref_release(S, " << v(r) << ");\n";
        b << "    " << v(r) << " = " << temps[i] << ";\n";
      }
      b << "  }\n";
      return success();
    }
    auto it = importOrdinals.find(callee);
    if (it == importOrdinals.end())
      return op.emitOpError("calls unknown function @") << callee;
    std::string in = tmp(), out = tmp();
    b << "  {\n";
    if (op.getNumOperands()) {
      b << "    struct {";
      for (auto [i, a] : llvm::enumerate(op.getOperands()))
        b << " " << cType(kindOf(a.getType())) << " a" << i << ";";
      b << " } " << in << ";\n";
      for (auto [i, a] : llvm::enumerate(op.getOperands())) {
        b << "    " << in << ".a" << i << " = " << v(a) << ";\n";
        if (kindOf(a.getType()) == Kind::Ref) b << "    kiln_ref_retain(S, " << v(a) << ");\n";
      }
    }
    if (op.getNumResults()) {
      b << "    struct {";
      for (auto [i, r] : llvm::enumerate(op.getResults()))
        b << " " << cType(kindOf(r.getType())) << " r" << i << ";";
      b << " } " << out << ";\n";
    }
    b << "    S->set_location(exec, " << locFor(&op) << ");\n";
    b << "    st = S->call_import(exec, " << it->second << ", "
      << (op.getNumOperands() ? "&" + in + ", sizeof(" + in + ")" : std::string("NULL, 0"))
      << ", "
      << (op.getNumResults() ? "&" + out + ", sizeof(" + out + ")" : std::string("NULL, 0"))
      << ");\n";
    for (auto [i, a] : llvm::enumerate(op.getOperands()))
      if (kindOf(a.getType()) == Kind::Ref) b << "    kiln_ref_release(S, " << in << ".a" << i << ");\n";
    b << "    if (st) goto cleanup;\n";
    for (auto [i, r] : llvm::enumerate(op.getResults())) {
      if (kindOf(r.getType()) == Kind::Ref) b << "    kiln_ref_release(S, " << v(r) << ");\n";
      b << "    " << v(r) << " = " << out << ".r" << i << ";\n";
    }
    b << "  }\n";
    return success();
  }
  if (name == "import.resolved") {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("import").getValue();
    b << "  " << res() << " = S->import_resolved(exec, " << importOrdinals.lookup(callee) << ");\n";
    return success();
  }
  return op.emitOpError("is not supported by the C target yet");
}

LogicalResult Printer::printFunction(Operation *func) {
  body.clear();
  names.clear();
  blockIds.clear();
  refLocals.clear();
  tmpCount = 0;
  Region &region = func->getRegion(0);
  auto type = cast<FunctionType>(func->getAttrOfType<TypeAttr>("function_type").getValue());

  // Name every value; declare locals.
  std::string decls;
  llvm::raw_string_ostream d(decls);
  int valueCount = 0, blockCount = 0;
  auto declare = [&](Value value) {
    std::string n = "v" + std::to_string(valueCount++);
    names[value] = n;
    Kind k = kindOf(value.getType());
    d << "  " << cType(k) << " " << n << (k == Kind::Ref ? " = NULL" : " = 0")
      << "; (void)" << n << ";\n";
    if (k == Kind::Ref) refLocals.push_back(value);
  };
  for (Block &block : region) {
    blockIds[&block] = blockCount++;
    for (BlockArgument a : block.getArguments()) declare(a);
    for (Operation &op : block)
      for (Value r : op.getResults()) declare(r);
  }

  // Entry: parameters into the entry block's arguments (refs retained).
  Block &entry = region.front();
  for (auto [i, a] : llvm::enumerate(entry.getArguments())) {
    if (kindOf(a.getType()) == Kind::Ref)
      b << "  kiln_ref_retain(S, a" << i << ");\n";
    b << "  " << v(a) << " = a" << i << ";\n";
  }
  for (Block &block : region) {
    if (!block.hasNoPredecessors() || &block == &entry) {
      if (&block != &entry) b << "bb" << blockIds[&block] << ":\n";
    }
    for (Operation &op : block)
      if (failed(printOp(op))) return failure();
  }
  os << prototype(func) << " {\n"
     << "  const kiln_services_t* S = exec->services;\n"
     << "  kiln_status_t st = KILN_OK;\n";
  os << decls;
  os << "  (void)S; (void)state;\n";
  for (unsigned i = 0; i < type.getNumResults(); ++i) os << "  (void)r" << i << ";\n";
  os << body;
  os << "cleanup:\n";
  for (Value r : refLocals) os << "  kiln_ref_release(S, " << v(r) << ");\n";
  os << "  return st;\n}\n\n";
  return success();
}

LogicalResult Printer::run() {
  StringRef moduleName = module->getAttrOfType<StringAttr>("sym_name").getValue();
  prefix = cIdent(moduleName) + "_";
  SmallVector<Operation *> funcList, exportList, importList, globalList, rodataList;
  for (Operation &op : module->getRegion(0).front()) {
    StringRef n = op.getName().getStringRef();
    if (n == "vm.func") {
      funcList.push_back(&op);
      funcs[op.getAttrOfType<StringAttr>("sym_name").getValue()] = &op;
    } else if (n == "vm.export") {
      exportList.push_back(&op);
    } else if (n == "vm.import") {
      importOrdinals[op.getAttrOfType<StringAttr>("sym_name").getValue()] = importList.size();
      importList.push_back(&op);
    } else if (n.starts_with("vm.global.")) {
      globalList.push_back(&op);
    } else if (n == "vm.rodata") {
      rodataList.push_back(&op);
    } else if (n == "vm.module_terminator") {
    } else {
      return op.emitOpError("is not supported by the C target yet");
    }
  }

  os << "/* Generated by vm-translate --vm-to-c from vm.module @" << moduleName
     << ". Do not edit.\n * Build: cc -std=c11 -O2 -shared -fPIC -I runtime/include x.c -lm -o x.so */\n"
     << "#include \"kiln/c/module.h\"\n#include \"kiln/c/ops.h\"\n\n";

  // State: globals.
  os << "typedef struct {\n  int32_t unused_;\n";
  for (Operation *g : globalList) {
    Kind k = kindOf(g->getAttrOfType<TypeAttr>("type").getValue());
    os << "  " << cType(k) << " g_" << cIdent(g->getAttrOfType<StringAttr>("sym_name").getValue()) << ";\n";
  }
  os << "} " << prefix << "state_t;\n\n";

  // Rodata.
  for (Operation *r : rodataList) {
    std::string n = prefix + "rodata_" + cIdent(r->getAttrOfType<StringAttr>("sym_name").getValue());
    std::string bytes;
    Attribute value = r->getAttr("value");
    if (auto s = dyn_cast<StringAttr>(value)) bytes = s.getValue().str();
    else if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
      ArrayRef<char> raw = dense.getRawData();
      if (dense.isSplat()) {
        auto st = cast<ShapedType>(dense.getType());
        for (int64_t i = 0; i < st.getNumElements(); ++i) bytes.append(raw.begin(), raw.end());
      } else {
        bytes.assign(raw.begin(), raw.end());
      }
    } else {
      return r->emitOpError("rodata value kind not supported by the C target yet");
    }
    if (bytes.empty()) bytes.push_back('\0');
    os << "KILN_MODULE_MAYBE_UNUSED static const uint8_t " << n << "[" << bytes.size() << "] = {";
    for (size_t i = 0; i < bytes.size(); ++i)
      os << (i % 16 ? " " : "\n  ") << static_cast<unsigned>(static_cast<uint8_t>(bytes[i])) << ",";
    os << "\n};\n";
  }

  // Prototypes.
  for (Operation *f : funcList) os << prototype(f) << ";\n";
  os << "\n";

  // Bodies go to a buffer so the location table can precede them.
  std::string funcsText;
  {
    llvm::raw_string_ostream fo(funcsText);
    // Each function prints through its own Printer into a string.
    for (Operation *f : funcList) {
      std::string one;
      llvm::raw_string_ostream oneOs(one);
      Printer sub(module, oneOs);
      sub.prefix = prefix;
      sub.funcs = funcs;
      sub.importOrdinals = importOrdinals;
      sub.locCount = locCount;
      if (failed(sub.printFunction(f))) return failure();
      locCount = sub.locCount;
      locs += sub.locs;
      fo << one;
    }
  }
  os << locs << "\n" << funcsText;

  // Export entry points: packed arguments/results -> typed C call.
  for (Operation *e : exportList) {
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    Operation *f = funcs.lookup(fnSym);
    if (!f) return e->emitOpError("exports an unknown function");
    auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
    os << "static kiln_status_t " << prefix << "e_" << cIdent(exportName)
       << "(kiln_exec_t* exec, void* state, const void* args, void* results) {\n";
    if (type.getNumInputs()) {
      os << "  const struct {";
      for (auto [i, t] : llvm::enumerate(type.getInputs())) os << " " << cType(kindOf(t)) << " a" << i << ";";
      os << " }* in = args;\n";
    } else {
      os << "  (void)args;\n";
    }
    if (type.getNumResults()) {
      os << "  struct {";
      for (auto [i, t] : llvm::enumerate(type.getResults())) os << " " << cType(kindOf(t)) << " r" << i << ";";
      os << " }* out = results;\n";
    } else {
      os << "  (void)results;\n";
    }
    os << "  return " << fnName(fnSym) << "(exec, (" << prefix << "state_t*)state";
    for (unsigned i = 0; i < type.getNumInputs(); ++i) os << ", in->a" << i;
    for (unsigned i = 0; i < type.getNumResults(); ++i) os << ", &out->r" << i;
    os << ");\n}\n\n";
  }

  // State init: global initial values.
  os << "static kiln_status_t " << prefix << "state_init(kiln_exec_t* exec, void* state) {\n"
     << "  " << prefix << "state_t* s = (" << prefix << "state_t*)state;\n  (void)exec; (void)s;\n";
  for (Operation *g : globalList) {
    Attribute init = g->getAttr("initial_value");
    std::string field = "s->g_" + cIdent(g->getAttrOfType<StringAttr>("sym_name").getValue());
    if (auto i = dyn_cast_or_null<IntegerAttr>(init))
      os << "  " << field << " = " << intLiteral(i.getValue().getSExtValue(), i.getType().isInteger(64)) << ";\n";
    else if (auto fl = dyn_cast_or_null<FloatAttr>(init))
      os << "  " << field << " = " << floatLiteral(fl.getValueAsDouble(), fl.getType().isF32()) << ";\n";
  }
  os << "  return KILN_OK;\n}\n\n";
  os << "static void " << prefix << "state_deinit(const kiln_services_t* S, void* state) {\n"
     << "  " << prefix << "state_t* s = (" << prefix << "state_t*)state;\n  (void)S; (void)s;\n";
  for (Operation *g : globalList)
    if (kindOf(g->getAttrOfType<TypeAttr>("type").getValue()) == Kind::Ref)
      os << "  kiln_ref_reset(S, &s->g_" << cIdent(g->getAttrOfType<StringAttr>("sym_name").getValue()) << ");\n";
  os << "}\n\n";

  // Tables and descriptor.
  if (!importList.empty()) {
    os << "static const kiln_import_desc_t " << prefix << "imports[] = {\n";
    for (Operation *i : importList) {
      auto type = cast<FunctionType>(i->getAttrOfType<TypeAttr>("function_type").getValue());
      os << "  {" << cString(i->getAttrOfType<StringAttr>("sym_name").getValue()) << ", "
         << cString(signatureOf(type)) << ", "
         << (i->hasAttr("is_optional") ? "KILN_IMPORT_OPTIONAL" : "0") << "},\n";
    }
    os << "};\n";
  }
  if (!exportList.empty()) {
    os << "static const kiln_function_desc_t " << prefix << "functions[] = {\n";
    for (Operation *e : exportList) {
      StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
      Operation *f = funcs.lookup(e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue());
      auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
      os << "  {" << cString(exportName) << ", " << cString(signatureOf(type)) << ", "
         << prefix << "e_" << cIdent(exportName) << "},\n";
    }
    os << "};\nstatic const kiln_export_desc_t " << prefix << "exports[] = {\n";
    for (auto [idx, e] : llvm::enumerate(exportList)) {
      StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
      Operation *f = funcs.lookup(e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue());
      auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
      os << "  {" << cString(exportName) << ", " << cString(signatureOf(type)) << ", " << idx << "},\n";
    }
    os << "};\n";
  }
  uint32_t version = 0;
  if (auto ver = module->getAttrOfType<IntegerAttr>("version")) version = ver.getInt();
  os << "static const kiln_module_desc_t " << prefix << "descriptor = {\n"
     << "  KILN_MODULE_ABI_VERSION, sizeof(kiln_module_desc_t),\n"
     << "  " << cString(moduleName) << ", " << version << "u,\n"
     << "  " << importList.size() << ", " << (importList.empty() ? "NULL" : prefix + "imports") << ",\n"
     << "  " << exportList.size() << ", " << (exportList.empty() ? "NULL" : prefix + "exports") << ",\n"
     << "  " << exportList.size() << ", " << (exportList.empty() ? "NULL" : prefix + "functions") << ",\n"
     << "  sizeof(" << prefix << "state_t), " << prefix << "state_init, " << prefix << "state_deinit,\n"
     << "};\n\n"
     << "/* For static linking: register with kiln::cmodule::register_static_module. */\n"
     << "const kiln_module_desc_t* " << prefix << "kiln_module(void);\n"
     << "const kiln_module_desc_t* " << prefix << "kiln_module(void) { return &" << prefix << "descriptor; }\n"
     << "#if !defined(KILN_MODULE_NO_ENTRY)\n"
     << "const kiln_module_desc_t* kiln_module_v1_get(void);\n"
     << "const kiln_module_desc_t* kiln_module_v1_get(void) { return &" << prefix << "descriptor; }\n"
     << "#endif\n";
  return success();
}

} // namespace

LogicalResult translateVMToC(Operation *op, raw_ostream &os) {
  Operation *vmModule = nullptr;
  if (op->getName().getStringRef() == "vm.module") {
    vmModule = op;
  } else {
    for (Region &r : op->getRegions())
      for (Block &blk : r)
        for (Operation &child : blk)
          if (child.getName().getStringRef() == "vm.module") {
            if (vmModule)
              return op->emitError("--vm-to-c translates one vm.module at a time");
            vmModule = &child;
          }
  }
  if (!vmModule) return op->emitError("--vm-to-c expects a vm.module");
  Printer printer(vmModule, os);
  return printer.run();
}

void registerVMToCTranslation() {
  static TranslateFromMLIRRegistration reg(
      "vm-to-c", "translate a vm.module to C (kiln/c/module.h ABI)",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        return translateVMToC(op, os);
      },
      [](DialectRegistry &registry) { registerKilnDialects(registry); });
  registerInputConversionCLOptions();
}

} // namespace mlir::kiln
