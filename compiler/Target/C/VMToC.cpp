//===- VMToC.cpp - vm dialect -> C source ---------------------------------===//
//
// A direct C printer over vm IR (see VMToC.h). Every SSA value becomes a C
// local declared at the top of its function; blocks become labels; block
// arguments are assigned on each edge as a parallel copy. Ref locals own one
// reference each and are released at the single exit label. Internal calls
// are direct C calls; imports go through the services table with arguments
// packed by the import's signature. #line directives map back to the .mlir.
//
// A function that may suspend enters a VM stack frame (services->
// frame_enter); one that can fail or call but never suspends enters a light
// frame (kiln_light_enter: a depth counter, no runtime call; its trace line
// is added on the error path only, see kiln/c/module.h). Either way the
// frame header's `loc` (for a light frame, a local header) is kept at the op
// that may fail or call out, so traces show C frames like bytecode ones.
// Calls between functions of the module are plain C calls. A function that
// may suspend (vm.yield,
// vm.call.yieldable, any import call, or a call to such a function) is a
// resume state machine: each suspension point has a number; on DEFERRED the
// function spills all its locals into its frame storage and returns
// DEFERRED; on resume frame_enter hands back the point, the function reloads
// its locals and jumps to the point's label, which re-issues the call (or,
// for vm.yield, continues at the destination block).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/VMToC.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Transforms/Passes.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Pass/PassManager.h"

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
#include "llvm/Support/CommandLine.h"
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

/// An import's signature: like signatureOf, with each argument marked
/// `vm.variadic` in arg_attrs spelled as a C...D span of its (flattened
/// tuple) element codes.
std::string importSignatureOf(Operation *import, FunctionType type) {
  auto argAttrs = import->getAttrOfType<ArrayAttr>("arg_attrs");
  std::string s = "0";
  if (type.getInputs().empty()) s += 'v';
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    bool variadic = false;
    if (argAttrs && i < argAttrs.size())
      if (auto dict = dyn_cast<DictionaryAttr>(argAttrs[i]))
        variadic = static_cast<bool>(dict.get("vm.variadic"));
    SmallVector<Type> flat;
    if (auto tuple = dyn_cast<TupleType>(t)) tuple.getFlattenedTypes(flat);
    else flat.push_back(t);
    if (variadic) s += 'C';
    for (Type e : flat) s += code(kindOf(e));
    if (variadic) s += 'D';
  }
  s += '_';
  for (Type t : type.getResults()) s += code(kindOf(t));
  if (type.getResults().empty()) s += 'v';
  return s;
}

/// The services-table expression for a ref type the runtime knows
/// ("S->buffer_type"), or "" for refs of any or unknown type.
std::string refTypeExpr(Type type) {
  if (auto rt = dyn_cast<vm::RefType>(type)) {
    if (isa<vm::BufferType>(rt.getObjectType())) return "S->buffer_type";
    if (isa<vm::ListType>(rt.getObjectType())) return "S->list_type";
  }
  return "";
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

/// True for ops that can neither fail nor call: a function made only of
/// these needs no VM frame (nothing can put it in a trace, it cannot
/// suspend and it cannot recurse).
bool isFramelessOp(Operation &op) {
  StringRef name = op.getName().getStringRef();
  if (!name.consume_front("vm.")) return false;
  if (name == "const.ref.rodata" || name == "cast.any.ref") return false;
  if (name.starts_with("const.") || name.starts_with("cmp.") ||
      name.starts_with("select.") || name.starts_with("switch.") || isHelperOp(name))
    return true;
  return llvm::is_contained(
      {"br", "cond_br", "br_table", "return", "global.address", "global.load.i32",
       "global.load.i64", "global.load.f32", "global.load.f64", "global.store.i32",
       "global.store.i64", "global.store.f32", "global.store.f64", "global.store.ref",
       "optimization_barrier", "cast.ref.any", "break", "cond_break", "trace", "print"},
      name);
}

/// --vm-c-light-frames (default on): off gives every function that is not
/// frameless a VM frame through the services, as ABI v2 did, for A/B
/// measurements of the light-frame path (bench/).
bool lightFramesEnabled = true;

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
  llvm::StringMap<int> funcIndex; // into the descriptor's function table
  llvm::StringSet<> suspendable;  // functions that may return DEFERRED
  llvm::StringMap<int> importOrdinals;
  llvm::StringMap<Operation *> imports;
  // Globals: scalar byte offset or ref ordinal (the `ordinal` attribute).
  llvm::StringMap<int64_t> globalSlots;
  int64_t globalBytes = 0;
  int64_t globalRefs = 0;
  std::string locs; // static kiln_source_loc_t definitions
  int locCount = 0;

  // Per-function.
  std::string body;
  llvm::raw_string_ostream b{body};
  llvm::DenseMap<Value, std::string> names;
  llvm::DenseMap<Block *, int> blockIds;
  llvm::DenseMap<Operation *, int> opOffsets;
  llvm::DenseMap<Operation *, std::string> opLocs;
  SmallVector<Value> refLocals;
  int tmpCount = 0;
  int resumePoints = 0;
  // The function being printed takes a light frame (see the file comment):
  // failures also store their location in the local frame header.
  bool lightFrame = false;

  std::string fnName(StringRef sym) { return prefix + "f_" + cIdent(sym); }
  std::string v(Value value) { return names.lookup(value); }
  std::string tmp() { return "t" + std::to_string(tmpCount++); }
  struct InlinedPosition {
    FileLineColLoc file;
    std::string inlinedFrom;
  };
  llvm::StringMap<std::string> sharedLocs;
  std::string locFor(Operation *op);
  void decomposeLocation(Location loc, StringRef inlinedFrom,
                         SmallVectorImpl<InlinedPosition> &out);
  std::string emitLoc(const InlinedPosition &position, int64_t offset,
                      const std::string &caller, bool shared);
  std::string statusCheck(Operation *op);
  void lineDirective(Operation *op);
  std::string prototype(Operation *func);
  LogicalResult printFunction(Operation *func);
  LogicalResult printOp(Operation &op);
  void printEdgeCopies(Block *dest, ValueRange operands);
  void printEdge(Block *dest, ValueRange operands);
  void printFail(Operation *op, const std::string &code, const std::string &message);
  void printWritableCheck(Operation *op, const std::string &writable);
  std::string bufferSpan(Operation *op, const std::string &buffer, const std::string &data,
                         const std::string &length, const std::string &writable);
  std::string rangeCheck(Operation *op, const std::string &length, const std::string &offset,
                         const std::string &count, unsigned elementSize,
                         const std::string &byteOffset);
  LogicalResult printCall(Operation &op, StringRef callee, ValueRange args,
                          ArrayRef<Type> resultTypes, ValueRange resultsTo,
                          Block *dest, ArrayRef<int16_t> segmentSizes);
};

// One static location per op, numbered by the op's offset in its function.
// Inlined code gets a chain: the op's own position, then (through `caller`)
// each call site it was inlined at, sharing the caller structs.
std::string Printer::locFor(Operation *op) {
  auto it = opLocs.find(op);
  if (it != opLocs.end()) return it->second;
  SmallVector<InlinedPosition> chain;
  decomposeLocation(op->getLoc(), /*inlinedFrom=*/"", chain);
  std::string caller = "NULL";
  for (size_t i = chain.size(); i-- > 1;)
    caller = emitLoc(chain[i], -1, caller, /*shared=*/true);
  InlinedPosition innermost = chain.empty() ? InlinedPosition{} : chain.front();
  std::string ref = emitLoc(innermost, opOffsets.lookup(op), caller, /*shared=*/false);
  opLocs[op] = ref;
  return ref;
}

// Innermost first, as the bytecode debug database records it: the callee
// side of a CallSiteLoc that the inliner wrapped in a NameLoc came from the
// function of that name, and its call site belongs to the enclosing level.
void Printer::decomposeLocation(Location loc, StringRef inlinedFrom,
                                SmallVectorImpl<InlinedPosition> &out) {
  if (auto f = dyn_cast<FileLineColLoc>(loc)) {
    out.push_back({f, inlinedFrom.str()});
    return;
  }
  if (auto n = dyn_cast<NameLoc>(loc))
    return decomposeLocation(n.getChildLoc(), inlinedFrom, out);
  if (auto c = dyn_cast<CallSiteLoc>(loc)) {
    if (auto named = dyn_cast<NameLoc>(c.getCallee()))
      decomposeLocation(named.getChildLoc(), named.getName().getValue(), out);
    else
      decomposeLocation(c.getCallee(), "", out);
    decomposeLocation(c.getCaller(), inlinedFrom, out);
    return;
  }
  if (auto f = dyn_cast<FusedLoc>(loc)) {
    for (Location l : f.getLocations()) {
      size_t before = out.size();
      decomposeLocation(l, inlinedFrom, out);
      if (out.size() != before) return;
    }
    return;
  }
  if (auto o = dyn_cast<OpaqueLoc>(loc))
    decomposeLocation(o.getFallbackLocation(), inlinedFrom, out);
}

// Writes one kiln_source_loc_t and returns its address expression. Caller
// positions (shared) are written once per distinct content.
std::string Printer::emitLoc(const InlinedPosition &position, int64_t offset,
                             const std::string &caller, bool shared) {
  std::string init;
  llvm::raw_string_ostream l(init);
  if (position.file)
    l << cString(position.file.getFilename().getValue()) << ", " << position.file.getLine()
      << ", " << position.file.getColumn();
  else
    l << "NULL, 0, 0";
  l << ", " << offset << ", ";
  if (position.inlinedFrom.empty()) l << "NULL";
  else l << cString(position.inlinedFrom);
  l << ", " << caller;
  if (shared) {
    auto found = sharedLocs.find(init);
    if (found != sharedLocs.end()) return found->second;
  }
  std::string name = prefix + "loc" + std::to_string(locCount++);
  llvm::raw_string_ostream(locs) << "static const kiln_source_loc_t " << name << " = {" << init
                                 << "};\n";
  std::string ref = "&" + name;
  if (shared) sharedLocs[init] = ref;
  return ref;
}

// After a service call that set `st`: on error, point the frame at `op`.
std::string Printer::statusCheck(Operation *op) {
  return "  if (st) { fh->loc = " + locFor(op) + "; goto cleanup; }\n";
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

// Stores into rodata fail as in the interpreter (same code and message).
void Printer::printWritableCheck(Operation *op, const std::string &writable) {
  b << "    if (!" << writable << ") {\n    ";
  printFail(op, "KILN_STATUS_PERMISSION_DENIED",
            "\"write to a read-only buffer (e.g. rodata)\"");
  b << "    }\n";
}

void Printer::printFail(Operation *op, const std::string &code,
                        const std::string &message) {
  // A light frame keeps its location itself (make_status cannot reach its
  // local header); same line, so the status line reads the same.
  b << "  ";
  if (lightFrame) b << "fh->loc = " << locFor(op) << "; ";
  b << "st = S->make_status(exec, " << code << ", " << message << ", -1, "
    << locFor(op) << "); goto cleanup;\n";
}

// Null check, then the buffer's span into fresh locals (declared by the
// caller's enclosing block text returned here).
std::string Printer::bufferSpan(Operation *op, const std::string &buffer,
                                const std::string &data, const std::string &length,
                                const std::string &writable) {
  b << "  if (!" << buffer << ") {\n  ";
  printFail(op, "KILN_STATUS_INVALID_ARGUMENT", "\"null ref where a vm.buffer is required\"");
  b << "  }\n";
  return "uint8_t* " + data + "; uint64_t " + length + "; int32_t " + writable + ";\n" +
         "    S->buffer_span(" + buffer + ", &" + data + ", &" + length + ", &" + writable + ");\n";
}

// kiln_buffer_range with the interpreter's OUT_OF_RANGE fault.
std::string Printer::rangeCheck(Operation *op, const std::string &length,
                                const std::string &offset, const std::string &count,
                                unsigned elementSize, const std::string &byteOffset) {
  std::string out = "    if (kiln_buffer_range(" + length + ", " + offset + ", " + count + ", " +
                    std::to_string(elementSize) + ", &" + byteOffset + ") != KILN_OP_OK) {\n" +
                    "      " + (lightFrame ? "fh->loc = " + locFor(op) + "; " : std::string()) +
                    "st = S->make_status(exec, KILN_STATUS_OUT_OF_RANGE, "
                    "\"out-of-bounds buffer access\", -1, " + locFor(op) + "); goto cleanup;\n    }\n";
  return out;
}

void Printer::printEdge(Block *dest, ValueRange operands) {
  printEdgeCopies(dest, operands);
  b << "  goto bb" << blockIds.lookup(dest) << ";\n";
}

void Printer::printEdgeCopies(Block *dest, ValueRange operands) {
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
      << "  " << statusCheck(&op)
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
        << "    fh->loc = " << locFor(&op) << ";\n    goto cleanup;\n  }\n";
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
  // Globals: scalars in the byte area `gb` at their byte offset, refs in
  // `gr` at their ordinal; vm.global.address is that offset or ordinal, as
  // in the bytecode form, and the indirect ops bounds-check it.
  if (name == "global.address") {
    auto sym = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = sym ? globalSlots.find(sym.getValue()) : globalSlots.end();
    if (it == globalSlots.end())
      return op.emitOpError("refers to an unknown global");
    b << "  " << res() << " = " << it->second << ";\n";
    return success();
  }
  if (name.starts_with("global.load.") || name.starts_with("global.store.")) {
    bool isLoad = name.starts_with("global.load.");
    bool indirect = name.contains(".indirect.");
    bool isRef = name.ends_with(".ref");
    Value value = isLoad ? op.getResult(0) : op.getOperand(0);
    std::string slot;
    if (indirect) {
      std::string address = isLoad ? arg(0) : arg(1);
      if (isRef) {
        b << "  if (" << address << " < 0 || " << address << " >= " << globalRefs << ") {\n  ";
        printFail(&op, "KILN_STATUS_OUT_OF_RANGE", "\"out-of-bounds indirect ref global access\"");
        b << "  }\n";
        slot = "state->gr[" + address + "]";
      } else {
        unsigned width = kindOf(value.getType()) == Kind::I64 ||
                                 kindOf(value.getType()) == Kind::F64 ? 8 : 4;
        b << "  if (kiln_global_range(" << address << ", " << width << ", " << globalBytes
          << ") != KILN_OP_OK) {\n  ";
        printFail(&op, "KILN_STATUS_OUT_OF_RANGE", "\"out-of-bounds indirect global access\"");
        b << "  }\n";
        slot = "state->gb + " + address;
      }
    } else {
      auto sym = op.getAttrOfType<FlatSymbolRefAttr>("global");
      auto it = sym ? globalSlots.find(sym.getValue()) : globalSlots.end();
      if (it == globalSlots.end())
        return op.emitOpError("refers to an unknown global");
      slot = isRef ? "state->gr[" + std::to_string(it->second) + "]"
                   : "state->gb + " + std::to_string(it->second);
    }
    if (isRef) {
      std::string type;
      if (isLoad) {
        if (auto rt = dyn_cast<vm::RefType>(value.getType())) {
          if (isa<vm::BufferType>(rt.getObjectType())) type = "S->buffer_type";
          else if (isa<vm::ListType>(rt.getObjectType())) type = "S->list_type";
        }
      }
      if (!type.empty()) {
        b << "  if (" << slot << " && " << slot << "->type != " << type << ") {\n"
          << "    st = S->ref_type_error(exec, " << slot << ", " << type << ");\n"
          << "    fh->loc = " << locFor(&op) << ";\n    goto cleanup;\n  }\n";
      }
      b << (isLoad ? "  kiln_ref_assign(S, &" + res() + ", " + slot + ");\n"
                   : "  kiln_ref_assign(S, &" + slot + ", " + arg(0) + ");\n");
    } else {
      b << (isLoad ? "  memcpy(&" + res() + ", " + slot + ", sizeof(" + res() + "));\n"
                   : "  memcpy(" + slot + ", &" + arg(0) + ", sizeof(" + arg(0) + "));\n");
    }
    return success();
  }
  // vm.switch.*: operand 0 is the index, 1 the default, then the cases.
  if (name.starts_with("switch.")) {
    bool isRef = name == "switch.ref";
    b << "  switch (" << arg(0) << ") {\n";
    for (unsigned i = 2; i < op.getNumOperands(); ++i) {
      b << "  case " << (i - 2) << ": ";
      if (isRef) b << "kiln_ref_assign(S, &" << res() << ", " << arg(i) << "); break;\n";
      else b << res() << " = " << arg(i) << "; break;\n";
    }
    b << "  default: ";
    if (isRef) b << "kiln_ref_assign(S, &" << res() << ", " << arg(1) << "); break;\n";
    else b << res() << " = " << arg(1) << "; break;\n";
    b << "  }\n";
    return success();
  }
  // Refs and buffers (as far as the first step goes).
  if (name == "buffer.alloc") {
    std::string t = tmp(), a = tmp();
    b << "  if (" << arg(0) << " < 0) {\n  ";
    printFail(&op, "KILN_STATUS_OUT_OF_RANGE", "\"vm.buffer.alloc length: negative value\"");
    b << "  }\n  { kiln_ref_t " << t << " = NULL; int32_t " << a << ";\n"
      << "    if (kiln_buffer_alignment(" << (op.getNumOperands() > 1 ? arg(1) : std::string("0"))
      << ", &" << a << ") != KILN_OP_OK) {\n    ";
    printFail(&op, "KILN_STATUS_INVALID_ARGUMENT",
              "\"vm.buffer.alloc alignment must be a power of two\"");
    b << "    }\n"
      << "    st = S->buffer_allocate(exec, " << arg(0) << ", " << a << ", &" << t << ");\n"
      << "  " << statusCheck(&op)
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
  // Bulk buffer ops: byte ranges (fill: element ranges), checked by
  // kiln_buffer_range exactly as the interpreter does.
  if (name.starts_with("buffer.fill.")) {
    StringRef ty = name.drop_front(12);
    unsigned size = ty == "i8" ? 1 : ty == "i16" ? 2 : (ty == "i64" || ty == "f64") ? 8 : 4;
    const char *ctype = ty == "i8" ? "uint8_t" : ty == "i16" ? "uint16_t" : ty == "i32" ? "int32_t"
                      : ty == "i64" ? "int64_t" : ty == "f32" ? "float" : "double";
    std::string d = tmp(), l = tmp(), w = tmp(), o = tmp(), x = tmp();
    std::string decl = bufferSpan(&op, arg(0), d, l, w);
    b << "  { " << decl << "    uint64_t " << o << ";\n    " << ctype << " " << x << " = ("
      << ctype << ")" << arg(3) << ";\n"
      << rangeCheck(&op, l, arg(1), arg(2), size, o)
;
    printWritableCheck(&op, w);
    b << "    kiln_buffer_fill(" << d << " + " << o << ", " << arg(2) << ", &" << x << ", "
      << size << ");\n  }\n";
    return success();
  }
  if (name == "buffer.copy") {
    std::string sd = tmp(), sl = tmp(), sw = tmp(), so = tmp();
    std::string dd = tmp(), dl = tmp(), dw = tmp(), dof = tmp();
    std::string sdecl = bufferSpan(&op, arg(0), sd, sl, sw);
    std::string ddecl = bufferSpan(&op, arg(2), dd, dl, dw);
    b << "  { " << sdecl << "    " << ddecl << "    uint64_t " << so << ", " << dof << ";\n"
      << "    (void)" << sw << ";\n"
      << rangeCheck(&op, sl, arg(1), arg(4), 1, so) << rangeCheck(&op, dl, arg(3), arg(4), 1, dof)
;
    printWritableCheck(&op, dw);
    b << "    memmove(" << dd << " + " << dof << ", " << sd << " + " << so << ", (size_t)"
      << arg(4) << ");\n  }\n";
    return success();
  }
  if (name == "buffer.compare") {
    std::string ad = tmp(), al = tmp(), aw = tmp(), ao = tmp();
    std::string bd = tmp(), bl = tmp(), bw = tmp(), bo = tmp();
    std::string adecl = bufferSpan(&op, arg(0), ad, al, aw);
    std::string bdecl = bufferSpan(&op, arg(2), bd, bl, bw);
    b << "  { " << adecl << "    " << bdecl << "    uint64_t " << ao << ", " << bo << ";\n"
      << "    (void)" << aw << "; (void)" << bw << ";\n"
      << rangeCheck(&op, al, arg(1), arg(4), 1, ao) << rangeCheck(&op, bl, arg(3), arg(4), 1, bo)
      << "    " << res() << " = memcmp(" << ad << " + " << ao << ", " << bd << " + " << bo
      << ", (size_t)" << arg(4) << ") == 0;\n  }\n";
    return success();
  }
  if (name == "buffer.hash") {
    std::string d = tmp(), l = tmp(), w = tmp(), o = tmp();
    std::string decl = bufferSpan(&op, arg(0), d, l, w);
    b << "  { " << decl << "    uint64_t " << o << ";\n    (void)" << w << ";\n"
      << rangeCheck(&op, l, arg(1), arg(2), 1, o) << "    " << res()
      << " = kiln_buffer_hash_bytes(" << d << " + " << o << ", (uint64_t)" << arg(2) << ");\n  }\n";
    return success();
  }
  if (name == "buffer.clone") {
    std::string d = tmp(), l = tmp(), w = tmp(), o = tmp(), a = tmp(), t = tmp();
    std::string decl = bufferSpan(&op, arg(0), d, l, w);
    b << "  { " << decl << "    uint64_t " << o << "; int32_t " << a << "; kiln_ref_t " << t
      << " = NULL;\n    (void)" << d << "; (void)" << w << ";\n"
      << rangeCheck(&op, l, arg(1), arg(2), 1, o)
      << "    if (kiln_buffer_alignment(" << arg(3) << ", &" << a << ") != KILN_OP_OK) {\n    ";
    printFail(&op, "KILN_STATUS_INVALID_ARGUMENT",
              "\"vm.buffer.clone alignment must be a power of two\"");
    b << "    }\n    st = S->buffer_clone(exec, " << arg(0) << ", (int64_t)" << o << ", " << arg(2)
      << ", " << a << ", &" << t << ");\n  " << statusCheck(&op)
      << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << ";\n  }\n";
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
      << "    kiln_buffer_span(" << buf << ", &" << d << ", &" << l << ", &" << w << ");\n"
      << "    if (kiln_buffer_element(" << l << ", " << off << ", " << size << ", &" << o
      << ") != KILN_OP_OK) {\n    ";
    printFail(&op, "KILN_STATUS_OUT_OF_RANGE", "\"out-of-bounds buffer access\"");
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
      printWritableCheck(&op, w);
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
    auto check = [&]() { b << statusCheck(&op); };
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
        << refType << ", " << arg(0) << ", &" << t << ");\n  " << statusCheck(&op)
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
          << arg(1) << ", 'r', &" << t << ");\n  " << statusCheck(&op);
        // Like the interpreter: the element must have the result's type.
        std::string type = refTypeExpr(op.getResult(0).getType());
        if (!type.empty())
          b << "    if (" << t << " && " << t << "->type != " << type << ") {\n"
            << "      st = S->ref_type_error(exec, " << t << ", " << type << ");\n"
            << "      kiln_ref_release(S, " << t << "); fh->loc = " << locFor(&op)
            << "; goto cleanup;\n    }\n";
        b << "    kiln_ref_release(S, " << res() << "); " << res() << " = " << t << "; }\n";
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
  // Debugging: vm.break / vm.cond_break continue at their destination (the
  // interpreter has no debugger to stop in either); vm.trace records
  // nothing without a tracer, as in the interpreter.
  if (name == "break" || name == "cond_break") {
    Block *dest = op.getSuccessor(0);
    printEdge(dest, op.getOperands().take_back(dest->getNumArguments()));
    return success();
  }
  if (name == "trace") return success();
  // vm.print writes the same line the interpreter writes to stdout. A
  // module built with KILN_MODULE_NO_STDIO (a target without stdio) drops it.
  if (name == "print") {
    b << "#if !defined(KILN_MODULE_NO_STDIO)\n  fputs("
      << cString(op.getAttrOfType<StringAttr>("message").getValue()) << ", stdout);\n";
    for (Value value : op.getOperands()) {
      Type type = value.getType();
      std::string x = v(value);
      if (type.isInteger(32))
        b << "  printf(\" %\" PRId32, " << x << ");\n";
      else if (type.isInteger(64))
        b << "  printf(\" %\" PRId64, " << x << ");\n";
      else if (isa<FloatType>(type))
        b << "  printf(\" %g\", (double)" << x << ");\n";
      else
        b << "  printf(\" %s\", " << x << " ? (" << x << "->type ? " << x
          << "->type->name : \"?\") : \"null\");\n";
    }
    b << "  fputs(\"\\n\", stdout);\n  fflush(stdout);\n#endif\n";
    return success();
  }
  if (name == "yield") {
    // Block arguments first, then suspend; resuming continues at the
    // destination.
    Block *dest = op.getSuccessor(0);
    printEdgeCopies(dest, op.getOperands());
    int k = ++resumePoints;
    b << "  fh->loc = " << locFor(&op) << ";\n  rp = " << k << "; goto suspend;\n"
      << "resume" << k << ":\n  goto bb" << blockIds.lookup(dest) << ";\n";
    return success();
  }
  if (name == "call" || name == "call.yieldable" || name == "call.variadic" ||
      name == "call.variadic.yieldable") {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("callee");
    if (!callee) return op.emitOpError("has no callee");
    SmallVector<int16_t> segments;
    if (name.starts_with("call.variadic")) {
      auto sizes = op.getAttrOfType<DenseIntElementsAttr>("segment_sizes");
      if (!sizes) return op.emitOpError("has no segment_sizes");
      for (APInt size : sizes) segments.push_back(static_cast<int16_t>(size.getSExtValue()));
    }
    Block *dest = op.getNumSuccessors() ? op.getSuccessor(0) : nullptr;
    SmallVector<Type> resultTypes;
    if (dest) {
      for (BlockArgument a : dest->getArguments()) resultTypes.push_back(a.getType());
      return printCall(op, callee.getValue(), op.getOperands(), resultTypes,
                       dest->getArguments(), dest, segments);
    }
    for (Value r : op.getResults()) resultTypes.push_back(r.getType());
    return printCall(op, callee.getValue(), op.getOperands(), resultTypes, op.getResults(),
                     nullptr, segments);
  }
  if (name == "import.resolved") {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("import").getValue();
    b << "  " << res() << " = S->import_resolved(exec, " << importOrdinals.lookup(callee) << ");\n";
    return success();
  }
  return op.emitOpError("is not supported by the C target yet");
}

// A call to an internal function (direct C call) or an import (packed through
// services->call_import). Results go to `resultsTo` (op results or the
// destination block's arguments, then `goto` it). A callee that may suspend
// makes this a resume point: the label precedes the call, so resuming
// re-issues it and the callee (or the runtime, for an import) resumes.
LogicalResult Printer::printCall(Operation &op, StringRef callee, ValueRange args,
                                 ArrayRef<Type> resultTypes, ValueRange resultsTo,
                                 Block *dest, ArrayRef<int16_t> segmentSizes) {
  std::string label;
  auto finish = [&](const std::string &from) {
    for (auto [i, r] : llvm::enumerate(resultsTo)) {
      if (kindOf(r.getType()) == Kind::Ref) b << "    kiln_ref_release(S, " << v(r) << ");\n";
      b << "    " << v(r) << " = " << from << i << ";\n";
    }
    b << "  }\n";
    if (dest) b << "  goto bb" << blockIds.lookup(dest) << ";\n";
  };
  if (funcs.count(callee)) {
    if (!segmentSizes.empty())
      return op.emitOpError("variadic calls must target an import");
    Operation *f = funcs.lookup(callee);
    auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    if (type.getNumInputs() != args.size() || type.getNumResults() != resultTypes.size())
      return op.emitOpError("does not match the signature of @") << callee;
    bool mayYield = suspendable.contains(callee);
    if (mayYield) {
      label = "resume" + std::to_string(++resumePoints);
      b << label << ":\n";
    }
    b << "  {\n";
    std::string r = tmp();
    for (auto [i, t] : llvm::enumerate(resultTypes)) {
      Kind k = kindOf(t);
      b << "    " << cType(k) << " " << r << "_" << i << (k == Kind::Ref ? " = NULL" : " = 0") << ";\n";
    }
    b << "    fh->loc = " << locFor(&op) << ";\n";
    b << "    st = " << fnName(callee) << "(exec, state";
    for (Value a : args) b << ", " << v(a);
    for (unsigned i = 0; i < resultTypes.size(); ++i) b << ", &" << r << "_" << i;
    b << ");\n";
    if (mayYield)
      b << "    if (st == KILN_DEFERRED) { rp = " << label.substr(6) << "; goto suspend; }\n";
    b << "    if (st) goto cleanup;\n";
    finish(r + "_");
    return success();
  }
  auto it = importOrdinals.find(callee);
  if (it == importOrdinals.end())
    return op.emitOpError("calls unknown function @") << callee;
  Operation *import = imports.lookup(callee);
  auto type = cast<FunctionType>(import->getAttrOfType<TypeAttr>("function_type").getValue());
  if (type.getNumResults() != resultTypes.size())
    return op.emitOpError("does not match the signature of @") << callee;
  // Arguments as one struct laid out like the packed signature (a variadic
  // span is an int32_t count and then its values).
  SmallVector<std::string> fields;   // C declarations
  SmallVector<std::string> stores;   // assignments
  SmallVector<std::string> refFields;
  std::string in = tmp(), out = tmp();
  if (segmentSizes.empty()) {
    for (auto [i, a] : llvm::enumerate(args)) {
      std::string f = "a" + std::to_string(i);
      fields.push_back(std::string(cType(kindOf(a.getType()))) + " " + f);
      stores.push_back(in + "." + f + " = " + v(a));
      if (kindOf(a.getType()) == Kind::Ref) refFields.push_back(f);
    }
  } else {
    if (segmentSizes.size() != type.getNumInputs())
      return op.emitOpError("segment_sizes does not match the callee's arguments");
    unsigned pos = 0;
    for (auto [i, size] : llvm::enumerate(segmentSizes)) {
      if (size < 0) {
        if (pos >= args.size()) return op.emitOpError("has too few operands for its segments");
        std::string f = "a" + std::to_string(pos);
        fields.push_back(std::string(cType(kindOf(args[pos].getType()))) + " " + f);
        stores.push_back(in + "." + f + " = " + v(args[pos]));
        if (kindOf(args[pos].getType()) == Kind::Ref) refFields.push_back(f);
        ++pos;
        continue;
      }
      SmallVector<Type> flat;
      if (auto tuple = dyn_cast<TupleType>(type.getInput(i))) tuple.getFlattenedTypes(flat);
      else flat.push_back(type.getInput(i));
      std::string n = "n" + std::to_string(i);
      fields.push_back("int32_t " + n);
      stores.push_back(in + "." + n + " = " + std::to_string(size));
      unsigned count = static_cast<unsigned>(size) * flat.size();
      for (unsigned k = 0; k < count; ++k, ++pos) {
        if (pos >= args.size()) return op.emitOpError("has too few operands for its segments");
        std::string f = "a" + std::to_string(pos);
        fields.push_back(std::string(cType(kindOf(args[pos].getType()))) + " " + f);
        stores.push_back(in + "." + f + " = " + v(args[pos]));
        if (kindOf(args[pos].getType()) == Kind::Ref) refFields.push_back(f);
      }
    }
    if (pos != args.size()) return op.emitOpError("has more operands than its segments");
  }
  // Any import may suspend (a bytecode import can yield).
  int k = ++resumePoints;
  label = "resume" + std::to_string(k);
  b << label << ":\n  {\n";
  if (!fields.empty()) {
    b << "    struct {";
    for (auto &f : fields) b << " " << f << ";";
    b << " } " << in << ";\n";
    for (auto &st : stores) b << "    " << st << ";\n";
    for (auto &f : refFields) b << "    kiln_ref_retain(S, " << in << "." << f << ");\n";
  }
  if (!resultTypes.empty()) {
    b << "    struct {";
    for (auto [i, t] : llvm::enumerate(resultTypes)) b << " " << cType(kindOf(t)) << " r" << i << ";";
    b << " } " << out << ";\n";
    for (auto [i, t] : llvm::enumerate(resultTypes))
      if (kindOf(t) == Kind::Ref) b << "    " << out << ".r" << i << " = NULL;\n";
  }
  b << "    fh->loc = " << locFor(&op) << ";\n";
  b << "    st = S->call_import(exec, " << it->second << ", "
    << (fields.empty() ? std::string("NULL, 0") : "&" + in + ", sizeof(" + in + ")") << ", "
    << (resultTypes.empty() ? std::string("NULL, 0") : "&" + out + ", sizeof(" + out + ")")
    << ");\n";
  for (auto &f : refFields) b << "    kiln_ref_release(S, " << in << "." << f << ");\n";
  b << "    if (st == KILN_DEFERRED) { rp = " << k << "; goto suspend; }\n";
  b << "    if (st) goto cleanup;\n";
  finish(out + ".r");
  return success();
}

LogicalResult Printer::printFunction(Operation *func) {
  body.clear();
  names.clear();
  blockIds.clear();
  opOffsets.clear();
  opLocs.clear();
  refLocals.clear();
  tmpCount = 0;
  resumePoints = 0;
  Region &region = func->getRegion(0);
  if (region.empty()) return func->emitOpError("has no body");
  auto type = cast<FunctionType>(func->getAttrOfType<TypeAttr>("function_type").getValue());
  StringRef sym = func->getAttrOfType<StringAttr>("sym_name").getValue();
  bool mayYield = suspendable.contains(sym);
  bool frameless = !mayYield;
  for (Block &block : region)
    for (Operation &op : block)
      frameless = frameless && isFramelessOp(op);
  lightFrame = lightFramesEnabled && !frameless && !mayYield;
  std::string frameType = prefix + "frame_" + cIdent(sym) + "_t";

  // Name every value; declare locals; number the ops (trace offsets).
  std::string decls;
  llvm::raw_string_ostream d(decls);
  SmallVector<Value> scalarLocals;
  int valueCount = 0, blockCount = 0, opCount = 0;
  auto declare = [&](Value value) {
    std::string n = "v" + std::to_string(valueCount++);
    names[value] = n;
    Kind k = kindOf(value.getType());
    d << "  " << cType(k) << " " << n << (k == Kind::Ref ? " = NULL" : " = 0")
      << "; (void)" << n << ";\n";
    if (k == Kind::Ref) refLocals.push_back(value);
    else scalarLocals.push_back(value);
  };
  for (Block &block : region) {
    blockIds[&block] = blockCount++;
    for (BlockArgument a : block.getArguments()) declare(a);
    for (Operation &op : block) {
      opOffsets[&op] = opCount++;
      for (Value r : op.getResults()) declare(r);
    }
  }

  // Entry: parameters into the entry block's arguments (refs retained).
  Block &entry = region.front();
  if (entry.getNumArguments() != type.getNumInputs())
    return func->emitOpError("entry block does not match the function type");
  for (auto [i, a] : llvm::enumerate(entry.getArguments())) {
    if (kindOf(a.getType()) == Kind::Ref)
      b << "  kiln_ref_retain(S, a" << i << ");\n";
    b << "  " << v(a) << " = a" << i << ";\n";
  }
  for (Block &block : region) {
    if (&block != &entry && !block.hasNoPredecessors())
      b << "bb" << blockIds[&block] << ":\n";
    for (Operation &op : block)
      if (failed(printOp(op))) return failure();
    if (block.empty() || !block.back().hasTrait<OpTrait::IsTerminator>())
      return func->emitOpError("has a block without a terminator");
  }
  if (resumePoints && !mayYield)
    return func->emitOpError("suspends but was not found suspendable (internal error)");

  // The frame's storage: header, then (for a state machine) the spilled
  // locals, refs first.
  if (mayYield) {
    os << "typedef struct {\n  kiln_frame_header_t header;\n";
    for (Value r : refLocals) os << "  kiln_ref_t " << v(r) << ";\n";
    for (Value r : scalarLocals) os << "  " << cType(kindOf(r.getType())) << " " << v(r) << ";\n";
    os << "} " << frameType << ";\n";
  }
  os << prototype(func) << " {\n"
     << "  const kiln_services_t* S = exec->services;\n"
     << "  kiln_status_t st = KILN_OK;\n"
     << (frameless || lightFrame ? "" : "  kiln_frame_header_t* fh = NULL;\n  int32_t rp = 0;\n")
     << (!lightFrame ? "" : "  kiln_frame_header_t lf = {NULL, NULL};\n  kiln_frame_header_t* fh = &lf;\n");
  os << decls;
  os << "  (void)S; (void)state;\n";
  for (unsigned i = 0; i < type.getNumInputs(); ++i) os << "  (void)a" << i << ";\n";
  for (unsigned i = 0; i < type.getNumResults(); ++i) os << "  (void)r" << i << ";\n";
  if (frameless)
    os << "  /* cannot fail, call or suspend: no VM frame */\n";
  else if (lightFrame)
    os << "  /* never suspends: a light frame */\n"
       << "  st = kiln_light_enter(exec, " << funcIndex.lookup(sym) << ");\n"
       << "  if (st) return st;\n";
  else
    os << "  st = S->frame_enter(exec, " << funcIndex.lookup(sym) << ", &fh, &rp);\n"
       << "  if (st) return st;\n";
  if (mayYield) {
    // Resuming: reload the locals (taking the refs out of the frame) and
    // jump to the suspension point.
    os << "  if (rp) {\n    " << frameType << "* fr = (" << frameType << "*)(void*)fh;\n"
       << "    (void)fr;\n";
    for (Value r : refLocals)
      os << "    " << v(r) << " = fr->" << v(r) << "; fr->" << v(r) << " = NULL;\n";
    for (Value r : scalarLocals) os << "    " << v(r) << " = fr->" << v(r) << ";\n";
    os << "    switch (rp) {\n";
    for (int k = 1; k <= resumePoints; ++k)
      os << "    case " << k << ": goto resume" << k << ";\n";
    os << "    default: break;\n    }\n"
       << "    st = S->make_status(exec, KILN_STATUS_INTERNAL, \"bad resume point\", -1, NULL);\n"
       << "    goto cleanup;\n  }\n";
  }
  os << body;
  if (mayYield) {
    // Suspending: move every local into the frame; it stays on the stack.
    os << "suspend:\n  {\n    " << frameType << "* fr = (" << frameType << "*)(void*)fh;\n"
       << "    (void)fr;\n";
    for (Value r : refLocals) os << "    fr->" << v(r) << " = " << v(r) << ";\n";
    for (Value r : scalarLocals) os << "    fr->" << v(r) << " = " << v(r) << ";\n";
    os << "  }\n  S->frame_suspend(exec, rp);\n  return KILN_DEFERRED;\n";
  }
  os << "cleanup:\n";
  for (Value r : refLocals) os << "  kiln_ref_release(S, " << v(r) << ");\n";
  if (!frameless && !lightFrame) os << "  S->frame_leave(exec, st);\n";
  if (lightFrame)
    os << "  return kiln_light_leave(exec, st, " << funcIndex.lookup(sym) << ", fh->loc);\n}\n\n";
  else
    os << "  return st;\n}\n\n";
  return success();
}

/// Functions that may return DEFERRED: those holding vm.yield or any import
/// call (an import may suspend, e.g. a bytecode function that yields), and
/// every caller of one (plain or yieldable call alike).
static llvm::StringSet<> findSuspendable(ArrayRef<Operation *> funcList,
                                         const llvm::StringMap<int> &importOrdinals) {
  llvm::StringSet<> result;
  llvm::StringMap<SmallVector<StringRef>> callers;
  SmallVector<StringRef> work;
  for (Operation *f : funcList) {
    StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
    bool direct = false;
    f->walk([&](Operation *op) {
      StringRef n = op->getName().getStringRef();
      if (n == "vm.yield") direct = true;
      if (auto callee = op->getAttrOfType<FlatSymbolRefAttr>("callee")) {
        if (importOrdinals.count(callee.getValue())) direct = true;
        else callers[callee.getValue()].push_back(sym);
      }
    });
    if (direct && result.insert(sym).second) work.push_back(sym);
  }
  while (!work.empty()) {
    StringRef callee = work.pop_back_val();
    for (StringRef caller : callers.lookup(callee))
      if (result.insert(caller).second) work.push_back(caller);
  }
  return result;
}

LogicalResult Printer::run() {
  auto nameAttr = module->getAttrOfType<StringAttr>("sym_name");
  if (!nameAttr) return module->emitOpError("has no name");
  StringRef moduleName = nameAttr.getValue();
  prefix = cIdent(moduleName) + "_";
  SmallVector<Operation *> funcList, exportList, importList, globalList, rodataList;
  for (Operation &op : module->getRegion(0).front()) {
    StringRef n = op.getName().getStringRef();
    if (n == "vm.func") {
      funcIndex[op.getAttrOfType<StringAttr>("sym_name").getValue()] = funcList.size();
      funcList.push_back(&op);
      funcs[op.getAttrOfType<StringAttr>("sym_name").getValue()] = &op;
    } else if (n == "vm.export") {
      exportList.push_back(&op);
    } else if (n == "vm.import") {
      importOrdinals[op.getAttrOfType<StringAttr>("sym_name").getValue()] = importList.size();
      imports[op.getAttrOfType<StringAttr>("sym_name").getValue()] = &op;
      importList.push_back(&op);
    } else if (n.starts_with("vm.global.")) {
      globalList.push_back(&op);
    } else if (n == "vm.rodata") {
      rodataList.push_back(&op);
    } else if (n == "vm.module_terminator") {
    } else if (n == "vm.initializer") {
      return op.emitOpError("must be merged into __init by the preparation pipeline "
                            "before the C target runs");
    } else {
      return op.emitOpError("is not supported by the C target");
    }
  }
  suspendable = findSuspendable(funcList, importOrdinals);

  // Globals: the ordinals from ordinal allocation (byte offsets for scalars).
  for (Operation *g : globalList) {
    StringRef sym = g->getAttrOfType<StringAttr>("sym_name").getValue();
    auto ordinal = g->getAttrOfType<IntegerAttr>("ordinal");
    if (!ordinal)
      return g->emitOpError("has no ordinal; the C target needs the preparation pipeline");
    int64_t slot = ordinal.getInt();
    globalSlots[sym] = slot;
    auto typeAttr = g->getAttrOfType<TypeAttr>("type");
    if (!typeAttr) return g->emitOpError("has no type");
    Kind k = kindOf(typeAttr.getValue());
    if (k == Kind::Ref) {
      globalRefs = std::max(globalRefs, slot + 1);
    } else {
      int64_t width = (k == Kind::I64 || k == Kind::F64) ? 8 : 4;
      if (slot < 0 || slot % width)
        return g->emitOpError("has a misaligned byte offset ") << slot;
      globalBytes = std::max(globalBytes, slot + width);
    }
  }

  os << "/* Generated by vm-translate --vm-to-c from vm.module @" << moduleName
     << ". Do not edit.\n * Build: cc -std=c11 -O2 -shared -fPIC -I runtime/include x.c -lm -o x.so */\n"
     << "#include \"kiln/c/module.h\"\n#include \"kiln/c/ops.h\"\n\n";
  bool printsDebugOutput = false;
  module->walk([&](Operation *op) {
    if (op->getName().getStringRef() == "vm.print") printsDebugOutput = true;
  });
  if (printsDebugOutput)
    os << "#if !defined(KILN_MODULE_NO_STDIO)\n#include <inttypes.h>\n#include <stdio.h>\n#endif\n\n";

  // State: the scalar globals' byte area and the ref globals.
  os << "typedef struct {\n  int64_t gb_align_;\n"
     << "  uint8_t gb[" << std::max<int64_t>(globalBytes, 8) << "];\n"
     << "  kiln_ref_t gr[" << std::max<int64_t>(globalRefs, 1) << "];\n"
     << "} " << prefix << "state_t;\n\n";

  // Rodata.
  for (Operation *r : rodataList) {
    std::string n = prefix + "rodata_" + cIdent(r->getAttrOfType<StringAttr>("sym_name").getValue());
    std::string bytes;
    Attribute value = r->getAttr("value");
    if (auto s = dyn_cast_or_null<StringAttr>(value)) bytes = s.getValue().str();
    else if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
      ArrayRef<char> raw = dense.getRawData();
      if (dense.isSplat()) {
        auto st = cast<ShapedType>(dense.getType());
        for (int64_t i = 0; i < st.getNumElements(); ++i) bytes.append(raw.begin(), raw.end());
      } else {
        bytes.assign(raw.begin(), raw.end());
      }
    } else {
      return r->emitOpError("rodata value kind not supported by the C target");
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
    for (Operation *f : funcList) {
      std::string one;
      llvm::raw_string_ostream oneOs(one);
      Printer sub(module, oneOs);
      sub.prefix = prefix;
      sub.funcs = funcs;
      sub.funcIndex = funcIndex;
      sub.suspendable = suspendable;
      sub.importOrdinals = importOrdinals;
      sub.imports = imports;
      sub.globalSlots = globalSlots;
      sub.globalBytes = globalBytes;
      sub.globalRefs = globalRefs;
      sub.locCount = locCount;
      if (failed(sub.printFunction(f))) return failure();
      locCount = sub.locCount;
      locs += sub.locs;
      fo << one;
    }
  }
  os << locs << "\n" << funcsText;

  // Export entry points: packed arguments/results -> typed C call. A resumed
  // call passes no arguments (the function reloads its frame instead).
  llvm::StringMap<std::string> entryOf; // function symbol -> entry function
  for (Operation *e : exportList) {
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    Operation *f = funcs.lookup(fnSym);
    if (!f) return e->emitOpError("exports an unknown function");
    if (entryOf.count(fnSym)) continue;
    auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    std::string entry = prefix + "e_" + cIdent(fnSym);
    entryOf[fnSym] = entry;
    os << "static kiln_status_t " << entry
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
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      os << ", in ? in->a" << i << " : " << (kindOf(t) == Kind::Ref ? "NULL" : "0");
    for (unsigned i = 0; i < type.getNumResults(); ++i) os << ", &out->r" << i;
    os << ");\n}\n\n";
  }

  // State init: global initial values still on the globals (the
  // preparation pipeline usually moves them into __init).
  os << "static kiln_status_t " << prefix << "state_init(kiln_exec_t* exec, void* state) {\n"
     << "  " << prefix << "state_t* s = (" << prefix << "state_t*)state;\n  (void)exec; (void)s;\n";
  for (Operation *g : globalList) {
    Attribute init = g->getAttr("initial_value");
    int64_t slot = globalSlots.lookup(g->getAttrOfType<StringAttr>("sym_name").getValue());
    std::string literal, ctype;
    if (auto i = dyn_cast_or_null<IntegerAttr>(init)) {
      bool is64 = i.getType().isInteger(64);
      literal = intLiteral(i.getValue().getSExtValue(), is64);
      ctype = is64 ? "int64_t" : "int32_t";
    } else if (auto fl = dyn_cast_or_null<FloatAttr>(init)) {
      bool isF32 = fl.getType().isF32();
      literal = floatLiteral(fl.getValueAsDouble(), isF32);
      ctype = isF32 ? "float" : "double";
    }
    if (!literal.empty())
      os << "  { " << ctype << " v = " << literal << "; memcpy(s->gb + " << slot
         << ", &v, sizeof(v)); }\n";
  }
  os << "  return KILN_OK;\n}\n\n";
  os << "static void " << prefix << "state_deinit(const kiln_services_t* S, void* state) {\n"
     << "  " << prefix << "state_t* s = (" << prefix << "state_t*)state;\n";
  if (globalRefs)
    os << "  int32_t i;\n  for (i = 0; i < " << globalRefs << "; ++i) kiln_ref_reset(S, &s->gr[i]);\n";
  else
    os << "  (void)S; (void)s;\n";
  os << "}\n\n";

  // Tables and descriptor.
  if (!importList.empty()) {
    os << "static const kiln_import_desc_t " << prefix << "imports[] = {\n";
    for (Operation *i : importList) {
      auto type = cast<FunctionType>(i->getAttrOfType<TypeAttr>("function_type").getValue());
      os << "  {" << cString(i->getAttrOfType<StringAttr>("sym_name").getValue()) << ", "
         << cString(importSignatureOf(i, type)) << ", "
         << (i->hasAttr("is_optional") ? "KILN_IMPORT_OPTIONAL" : "0") << "},\n";
    }
    os << "};\n";
  }
  if (!funcList.empty()) {
    os << "static const kiln_function_desc_t " << prefix << "functions[] = {\n";
    for (Operation *f : funcList) {
      StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
      auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
      std::string entry = entryOf.count(sym) ? entryOf.lookup(sym) : "NULL";
      os << "  {" << cString(sym) << ", " << cString(signatureOf(type)) << ", " << entry << ", ";
      if (suspendable.contains(sym)) {
        std::string frameType = prefix + "frame_" + cIdent(sym) + "_t";
        unsigned refs = 0;
        for (Block &block : f->getRegion(0)) {
          for (BlockArgument a : block.getArguments()) refs += kindOf(a.getType()) == Kind::Ref;
          for (Operation &op : block)
            for (Value r : op.getResults()) refs += kindOf(r.getType()) == Kind::Ref;
        }
        os << "sizeof(" << frameType << "), " << refs << "},\n";
      } else {
        os << "sizeof(kiln_frame_header_t), 0},\n";
      }
    }
    os << "};\n";
  }
  if (!exportList.empty()) {
    os << "static const kiln_export_desc_t " << prefix << "exports[] = {\n";
    for (Operation *e : exportList) {
      StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
      StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
      auto type = cast<FunctionType>(funcs.lookup(fnSym)->getAttrOfType<TypeAttr>("function_type").getValue());
      os << "  {" << cString(exportName) << ", " << cString(signatureOf(type)) << ", "
         << funcIndex.lookup(fnSym) << "},\n";
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
     << "  " << funcList.size() << ", " << (funcList.empty() ? "NULL" : prefix + "functions") << ",\n"
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

LogicalResult translateVMToC(Operation *op, raw_ostream &os, bool runPreparation) {
  if (runPreparation) {
    PassManager pm(op->getContext(), op->getName().getStringRef());
    buildVMBytecodePreparationPipeline(pm);
    if (failed(pm.run(op))) return failure();
  }
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
  static llvm::cl::opt<bool> noPreparation(
      "vm-c-no-preparation",
      llvm::cl::desc("Print the input as is, without the preparation pipeline "
                     "(the module must already be prepared)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> lightFrames(
      "vm-c-light-frames",
      llvm::cl::desc("Give functions that can fail or call but never suspend a "
                     "light frame (kiln_light_enter) instead of a VM frame "
                     "through the services (off: for A/B measurements)"),
      llvm::cl::init(true));
  static TranslateFromMLIRRegistration reg(
      "vm-to-c", "translate a vm.module to C (kiln/c/module.h ABI)",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        lightFramesEnabled = lightFrames;
        return translateVMToC(op, os, !noPreparation);
      },
      [](DialectRegistry &registry) { registerKilnDialects(registry); });
  registerInputConversionCLOptions();
}

} // namespace mlir::kiln
