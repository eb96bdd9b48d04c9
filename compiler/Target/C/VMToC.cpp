//===- VMToC.cpp - vm dialect -> emitc -> C ---------------------------------===//
//
// The C target (see VMToC.h). A vm.module becomes a builtin module of
// upstream `emitc` ops (convertVMToEmitC), which mlir::emitc::translateToCpp
// prints as C11 against runtime/include/kiln/c/.
//
// Each vm.func becomes an emitc.func. Block arguments, refs and every value
// of a function that may suspend live in emitc.variables; other scalar op
// results are plain emitc values (C temporaries, folded into expressions by
// form-expressions). Blocks become blocks (printed as labels and gotos),
// built in dominance order; block arguments are assigned on each edge as a
// parallel copy. Ref variables own
// one reference each and are released in the single cleanup block. Internal
// calls are emitc.call (direct C calls); imports go through kiln_call_import
// with arguments packed by the import's signature. Ops that can fail branch
// to a cold block that makes the status at the op's static source location
// (an emitc.global kiln_source_loc_t, chained through inlined call sites).
// `#line` directives (emitc.verbatim) map the C back to the .mlir.
//
// A function that may suspend enters a VM stack frame (kiln_frame_enter);
// one that can fail or call but never suspends enters a light frame
// (kiln_light_enter: a depth counter, no runtime call; its trace line is
// added on the error path only, see kiln/c/module.h). Either way the frame
// header's `loc` is kept at the op that may fail or call out, so traces show
// C frames like bytecode ones. A function that may suspend (vm.yield,
// vm.call.yieldable, any import call, or a call to such a function) is a
// resume state machine: each suspension point has a number; on DEFERRED the
// function spills its variables into its frame storage and returns
// DEFERRED; on resume kiln_frame_enter hands back the point, the function
// reloads its variables and branches to the point's block, which re-issues
// the call (or, for vm.yield, continues at the destination block).
//
//===----------------------------------------------------------------------===//


#include "compiler/Target/C/VMToC.h"
#include "compiler/Target/C/CRodata.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Tools/TextTranslation.h"
#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/VerifyTargetLimits.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/EmitC/Transforms/Passes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Analysis/Liveness.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "llvm/ADT/StringSwitch.h"

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
#include "llvm/ADT/DenseSet.h"
#include "mlir/IR/Iterators.h"
#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
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
/// --vm-c-form-expressions (default on): emitc's form-expressions before
/// printing (off: one C statement per emitc op).
bool formExpressionsEnabled = true;

/// The ref kind constant of kiln/c/module.h for a ref of `type`.
const char *refKind(Type type) {
  if (auto rt = dyn_cast<vm::RefType>(type)) {
    if (isa<vm::BufferType>(rt.getObjectType())) return "KILN_REF_KIND_BUFFER";
    if (isa<vm::ListType>(rt.getObjectType())) return "KILN_REF_KIND_LIST";
  }
  return "KILN_REF_KIND_ANY";
}

/// The name the runtime registers the object type of ref type `type` under:
/// the object type's spelling without its leading `!` and parameters
/// (`!vm.ref<!hal.buffer>` -> `hal.buffer`), as the bytecode loader resolves
/// type table entries. Empty for `!vm.ref<?>` and non-refs.
std::string registeredTypeName(Type type) {
  auto rt = dyn_cast<vm::RefType>(type);
  if (!rt || isa<vm::OpaqueType>(rt.getObjectType())) return "";
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
    if (i.getWidth() == 1) return "bool";
    return (i.isUnsigned() ? "uint" : "int") + std::to_string(i.getWidth()) + "_t";
  }
  if (type.isF32()) return "float";
  if (type.isF64()) return "double";
  if (auto o = dyn_cast<emitc::OpaqueType>(type)) return o.getValue().str();
  if (auto p = dyn_cast<emitc::PointerType>(type)) return cTypeName(p.getPointee()) + "*";
  if (isa<emitc::SizeTType>(type)) return "size_t";
  return "void";
}

/// The C types of the emitted code as emitc types.
struct CTypes {
  explicit CTypes(MLIRContext *ctx, StringRef prefix) {
    Builder b(ctx);
    auto opaque = [&](StringRef s) { return emitc::OpaqueType::get(ctx, s); };
    auto ptr = [&](Type t) { return emitc::PointerType::get(t); };
    i1 = b.getI1Type();
    i32 = b.getI32Type();
    i64 = b.getI64Type();
    f32 = b.getF32Type();
    f64 = b.getF64Type();
    u64 = IntegerType::get(ctx, 64, IntegerType::Unsigned);
    u32 = IntegerType::get(ctx, 32, IntegerType::Unsigned);
    sizeT = emitc::SizeTType::get(ctx);
    ref = opaque("kiln_ref_t");
    status = opaque("kiln_status_t");
    exec = ptr(opaque("kiln_exec_t"));
    services = ptr(opaque("const kiln_services_t"));
    header = opaque("kiln_frame_header_t");
    headerPtr = ptr(header);
    loc = opaque("const kiln_source_loc_t");
    locPtr = ptr(loc);
    bytes = ptr(IntegerType::get(ctx, 8, IntegerType::Unsigned));
    voidPtr = ptr(opaque("void"));
    constVoidPtr = ptr(opaque("const void"));
    cstr = ptr(opaque("const char"));
    charT = opaque("char");
    state = ptr(opaque((prefix + "state_t").str()));
  }
  Type i1, i32, i64, f32, f64, u32, u64, sizeT, ref, status, exec, services, header, headerPtr,
      loc, locPtr, bytes, voidPtr, constVoidPtr, cstr, charT, state;

  Type of(Kind k) const {
    switch (k) {
    case Kind::I32: return i32;
    case Kind::I64: return i64;
    case Kind::F32: return f32;
    case Kind::F64: return f64;
    case Kind::Ref: return ref;
    }
    return i32;
  }
  Type of(Type vmType) const { return of(kindOf(vmType)); }
};

class ModuleEmitter;

/// Builds one emitc.func from one vm.func. Vm values live in emitc.variables
/// declared at the top (refs own one reference each and are released at the
/// single cleanup block) or, when isDirect, are plain emitc values; vm blocks
/// become blocks whose
/// labels translateToCpp prints; block arguments are assigned on each edge
/// as a parallel copy (all operands are loaded before any is assigned).
class FunctionEmitter {
public:
  FunctionEmitter(ModuleEmitter &m, Operation *func, emitc::FuncOp cfunc);
  LogicalResult run();

private:
  ModuleEmitter &m;
  const CTypes &t;
  Operation *func;
  emitc::FuncOp cfunc;
  OpBuilder b;
  Location l;
  StringRef sym;
  FunctionType type;
  bool mayYield = false, frameless = false, lightFrame = false;

  Value exec, state, depth; // depth: light frames below (light functions only)
  Value pair;               // the {status, result} being returned, if paired
  SmallVector<Value> params, resultPtrs;
  Value S, st, fh, rp, lf;                 // lvalues
  llvm::DenseMap<Value, Value> vars;       // vm value -> lvalue
  llvm::DenseMap<Value, Value> direct;     // vm value -> emitc value (isDirect)
  llvm::DenseSet<Value> liveAcrossSuspension;
  bool usedBeforeDefined = false, inUnreachableBlock = false;
  llvm::DenseMap<Value, int> valueIds;     // vm value -> frame field number
  SmallVector<Value> refValues, scalarValues;
  SmallVector<Value> refTemps;             // extra ref lvalues, released at cleanup
  llvm::DenseMap<Block *, Block *> blocks; // vm block -> emitc block
  llvm::DenseMap<Operation *, int> opOffsets;
  llvm::DenseMap<Operation *, std::string> opLocs;
  Block *entry = nullptr, *cleanup = nullptr, *suspend = nullptr;
  SmallVector<Block *> resumeBlocks;

  // Building blocks.
  Value lit(Type type, const Twine &text) {
    return emitc::LiteralOp::create(b, l, type, text.str());
  }
  Value i32c(int64_t v) { return lit(t.i32, Twine(v)); }
  Value i64c(int64_t v) { return lit(t.i64, Twine(v)); }
  Value str(StringRef s) { return lit(t.cstr, cString(s)); }
  Value call(Type result, StringRef callee, ValueRange operands) {
    auto op = emitc::CallOpaqueOp::create(b, l, result ? TypeRange(result) : TypeRange(),
                                          callee, operands);
    return result ? op.getResult(0) : Value();
  }
  void callVoid(StringRef callee, ValueRange operands) { call(Type(), callee, operands); }
  Value load(Value lvalue) {
    Type vt = cast<emitc::LValueType>(lvalue.getType()).getValueType();
    return emitc::LoadOp::create(b, l, vt, lvalue);
  }
  void assign(Value lvalue, Value value) { emitc::AssignOp::create(b, l, lvalue, value); }
  Value addr(Value lvalue) {
    Type vt = cast<emitc::LValueType>(lvalue.getType()).getValueType();
    return emitc::AddressOfOp::create(b, l, emitc::PointerType::get(vt), lvalue);
  }
  Value member(Value lvalue, StringRef name, Type type) {
    return emitc::MemberOp::create(b, l, emitc::LValueType::get(type), name, lvalue);
  }
  Value memberOfPtr(Value lvalue, StringRef name, Type type) {
    return emitc::MemberOfPtrOp::create(b, l, emitc::LValueType::get(type), name, lvalue);
  }
  Value cmp(emitc::CmpPredicate pred, Value a, Value c) {
    return emitc::CmpOp::create(b, l, t.i1, pred, a, c);
  }
  Value isNonZero(Value v) { return cmp(emitc::CmpPredicate::ne, v, lit(v.getType(), "0")); }
  Value castTo(Type type, Value v) { return emitc::CastOp::create(b, l, type, v); }
  /// A fresh variable at the top of the function.
  Value variable(Type type, Attribute init) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(entry);
    Value v = emitc::VariableOp::create(b, l, emitc::LValueType::get(type), init);
    // A variable a path never reads stays quiet under
    // -Wunused-but-set-variable.
    emitc::VerbatimOp::create(b, l, b.getStringAttr("(void){};"), ValueRange{v});
    return v;
  }
  Value variable(Type type, StringRef init) {
    return variable(type, emitc::OpaqueAttr::get(b.getContext(), init));
  }
  Value refTemp() {
    Value v = variable(t.ref, "NULL");
    refTemps.push_back(v);
    return v;
  }
  /// Scalar op results of a function that never suspends are plain emitc
  /// values (C temporaries the printer names); block arguments, refs and
  /// everything in a function that may suspend (which spills its values)
  /// live in variables.
  bool isDirect(Value vm) const {
    return kindOf(vm.getType()) != Kind::Ref && !isa<BlockArgument>(vm) &&
           !liveAcrossSuspension.contains(vm);
  }
  /// Scalars a resume point needs after the function reloads its frame: the
  /// operands of a call it re-issues and every value live across it.
  void findLiveAcrossSuspension();
  Value get(Value vm) {
    if (!isDirect(vm)) return load(vars.lookup(vm));
    Value v = direct.lookup(vm);
    if (!v) {
      // Only in unreachable code (blocks are built in dominance order).
      usedBeforeDefined = usedBeforeDefined || !inUnreachableBlock;
      return lit(t.of(vm.getType()), "0");
    }
    return v;
  }
  /// A pointer to the vm value's current value (a temporary copy for a
  /// direct value).
  Value addressOf(Value vm) {
    if (!isDirect(vm)) return addr(vars.lookup(vm));
    Value temp = variable(t.of(vm.getType()), "0");
    assign(temp, get(vm));
    return addr(temp);
  }
  Value services() { return load(S); }

  /// A new block placed right after the current one.
  Block *newBlock() {
    Block *current = b.getInsertionBlock();
    return b.createBlock(current->getParent(), std::next(Region::iterator(current)));
  }
  /// A new block at the end of the function (error paths), leaving the
  /// insertion point where it was.
  Block *newColdBlock() {
    OpBuilder::InsertionGuard guard(b);
    return b.createBlock(&cfunc.getBody(), cfunc.getBody().end());
  }
  void br(Block *dest) { cf::BranchOp::create(b, l, dest); }
  /// if (cond) goto taken; continues in a fresh block.
  void branchIf(Value cond, Block *taken) {
    Block *next = newBlock();
    b.setInsertionPointToEnd(next->getPrevNode());
    cf::CondBranchOp::create(b, l, cond, taken, next);
    b.setInsertionPointToEnd(next);
  }

  std::string locFor(Operation *op);
  void decomposeLocation(Location loc, StringRef inlinedFrom,
                         SmallVectorImpl<std::pair<FileLineColLoc, std::string>> &out);
  Value locAddr(Operation *op);
  void setLoc(Operation *op) { assign(memberOfPtr(fh, "loc", t.locPtr), locAddr(op)); }
  void lineDirective(Operation *op);

  /// if (cond) fail with `code` and `message` at `op`.
  void failIf(Value cond, Operation *op, StringRef code, StringRef message);
  void failIf(Value cond, Operation *op, Value code, StringRef message);
  /// Fails with the runtime's status for op fault `kind` (KILN_FAULT_* of
  /// kiln/c/ops.h) and its operands when `cond` holds: the interpreter's
  /// code and message, built by the same runtime function.
  void faultIf(Value cond, Operation *op, StringRef kind, ArrayRef<Value> operands);
  /// After a call that set `st`: an error leaves through cleanup at `op`.
  void checkStatus(Operation *op);
  void checkOpCode(Value opResult, Operation *op, StringRef code, StringRef message) {
    failIf(isNonZero(opResult), op, code, message);
  }

  // Refs.
  void retain(Value ref) { callVoid("kiln_ref_retain", {services(), ref}); }
  void release(Value ref) { callVoid("kiln_ref_release", {services(), ref}); }
  /// dst = src with a new reference to src.
  void refAssign(Value dstLvalue, Value src) {
    callVoid("kiln_ref_assign", {services(), addr(dstLvalue), src});
  }
  /// dst takes the reference owned by `tempLvalue`, which becomes NULL.
  void refMove(Value dstLvalue, Value tempLvalue) {
    callVoid("kiln_ref_move", {services(), addr(dstLvalue), addr(tempLvalue)});
  }
  /// Stores `value` (owned when a ref) into the vm value's variable.
  void setOwned(Value vm, Value value);
  /// Stores a copy of `value` (retained when a ref).
  void setCopy(Value vm, Value value);

  void edge(Block *dest, ValueRange operands);
  void checkRefKind(Value ref, Type vmType, Operation *op);
  /// A buffer or list operand must be a non-null ref of that kind (the C
  /// signature only says "ref"); fails like the interpreter otherwise.
  void requireRefKind(Value ref, StringRef kind, Operation *op);
  void failUnlessKind(StringRef test, Value ref, StringRef kind, Operation *op);

  LogicalResult emitOp(Operation &op);
  LogicalResult emitCall(Operation &op, StringRef callee, ValueRange args,
                         ArrayRef<Type> resultTypes, ValueRange resultsTo, Block *dest,
                         ArrayRef<int16_t> segmentSizes);
  LogicalResult emitBufferOp(Operation &op, StringRef name);
  LogicalResult emitListOp(Operation &op, StringRef name);
  LogicalResult emitGlobalOp(Operation &op, StringRef name);
  LogicalResult emitPrint(Operation &op);
  /// A buffer's span in three variables (data, byte length, writable).
  struct Span {
    Value data, length, writable;
  };
  Span spanOf(Operation *op, Value buffer);
  Value bufferSpan(Operation *op, Value buffer, Value &length, Value &writable);
  void rangeCheck(Operation *op, Value length, Value offset, Value count, unsigned elementSize,
                  Value &byteOffset);
  void writableCheck(Operation *op, Value writable);
  int newResumePoint(Block *resumeBlock) {
    resumeBlocks.push_back(resumeBlock);
    return static_cast<int>(resumeBlocks.size());
  }
  void suspendAt(int point) {
    assign(rp, i32c(point));
    br(suspend);
  }
};

/// Builds the emitc module of one vm.module: includes, state and frame
/// layouts, rodata and source locations as emitc.global, one emitc.func per
/// vm.func, the export entry points and the module descriptor.
class ModuleEmitter {
public:
  ModuleEmitter(Operation *vmModule)
      : vm(vmModule), ctx(vmModule->getContext()), b(ctx), l(vmModule->getLoc()) {}
  FailureOr<OwningOpRef<ModuleOp>> run();

  Operation *vm;
  MLIRContext *ctx;
  OpBuilder b;
  Location l;
  std::unique_ptr<CTypes> t;
  OwningOpRef<ModuleOp> out;
  std::string prefix; // C identifier prefix: module name + '_'
  llvm::StringMap<Operation *> funcs;
  llvm::StringMap<int> funcIndex;
  llvm::StringSet<> suspendable;
  llvm::StringSet<> light; // functions taking a light frame (and a depth)
  // Light functions with one scalar result return it beside their status in
  // a two-field struct (two registers in the common C ABIs) instead of
  // through a pointer: function symbol -> struct type name.
  llvm::StringMap<std::string> pairReturn;
  llvm::StringMap<int> importOrdinals;
  llvm::StringMap<Operation *> imports;
  llvm::StringMap<emitc::FuncOp> cfuncs;
  llvm::StringMap<int64_t> globalSlots;
  int64_t globalBytes = 0, globalRefs = 0;
  int64_t refsOffset = 16; // byte offset of the ref globals in the state
  llvm::StringMap<std::string> sharedLocs;
  int locCount = 0, structCount = 0;
  Operation *firstFunction = nullptr;

  std::string fnName(StringRef s) const { return prefix + "f_" + cIdent(s); }
  void verbatim(const Twine &text) { emitc::VerbatimOp::create(b, l, text.str()); }
  /// A static const kiln_source_loc_t placed before `before`; returns its name.
  std::string locGlobal(Operation *before, const std::string &init, bool shared);
  /// A struct typedef placed before `before`; returns its type name.
  std::string structType(Operation *before, ArrayRef<std::string> fields, StringRef hint);
  emitc::FuncOp declareFunction(Operation *f);
  LogicalResult emitEntry(Operation *f, StringRef entryName);
  void emitStateFunctions(ArrayRef<Operation *> globalList);
};

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


FunctionEmitter::FunctionEmitter(ModuleEmitter &m, Operation *func, emitc::FuncOp cfunc)
    : m(m), t(*m.t), func(func), cfunc(cfunc), b(m.ctx), l(func->getLoc()) {
  sym = func->getAttrOfType<StringAttr>("sym_name").getValue();
  type = cast<FunctionType>(func->getAttrOfType<TypeAttr>("function_type").getValue());
}

// One static location per op, numbered by the op's offset in its function.
// Inlined code gets a chain: the op's own position, then (through `caller`)
// each call site it was inlined at, sharing the caller structs.
std::string FunctionEmitter::locFor(Operation *op) {
  auto it = opLocs.find(op);
  if (it != opLocs.end()) return it->second;
  SmallVector<std::pair<FileLineColLoc, std::string>> chain;
  decomposeLocation(op->getLoc(), /*inlinedFrom=*/"", chain);
  auto init = [&](const std::pair<FileLineColLoc, std::string> &position, int64_t offset,
                  const std::string &caller) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << "{";
    if (position.first)
      os << cString(position.first.getFilename().getValue()) << ", "
         << position.first.getLine() << ", " << position.first.getColumn();
    else
      os << "NULL, 0, 0";
    os << ", " << offset << ", "
       << (position.second.empty() ? std::string("NULL") : cString(position.second)) << ", "
       << (caller.empty() ? std::string("NULL") : "&" + caller) << "}";
    return s;
  };
  std::string caller;
  for (size_t i = chain.size(); i-- > 1;)
    caller = m.locGlobal(cfunc, init(chain[i], -1, caller), /*shared=*/true);
  std::pair<FileLineColLoc, std::string> innermost =
      chain.empty() ? std::pair<FileLineColLoc, std::string>{} : chain.front();
  std::string name = m.locGlobal(cfunc, init(innermost, opOffsets.lookup(op), caller),
                                 /*shared=*/false);
  opLocs[op] = name;
  return name;
}

// Innermost first, as the bytecode debug database records it: the callee
// side of a CallSiteLoc that the inliner wrapped in a NameLoc came from the
// function of that name, and its call site belongs to the enclosing level.
void FunctionEmitter::decomposeLocation(
    Location loc, StringRef inlinedFrom,
    SmallVectorImpl<std::pair<FileLineColLoc, std::string>> &out) {
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
    for (Location sub : f.getLocations()) {
      size_t before = out.size();
      decomposeLocation(sub, inlinedFrom, out);
      if (out.size() != before) return;
    }
    return;
  }
  if (auto o = dyn_cast<OpaqueLoc>(loc))
    decomposeLocation(o.getFallbackLocation(), inlinedFrom, out);
}

Value FunctionEmitter::locAddr(Operation *op) {
  std::string name = locFor(op);
  Value global = emitc::GetGlobalOp::create(b, l, emitc::LValueType::get(t.loc), name);
  return addr(global);
}

void FunctionEmitter::lineDirective(Operation *op) {
  auto fl = fileLoc(op->getLoc());
  if (fl && fl.getLine() > 0)
    emitc::VerbatimOp::create(b, l, ("#line " + Twine(fl.getLine()) + " " +
                                     cString(fl.getFilename().getValue()))
                                        .str());
}

void FunctionEmitter::failIf(Value cond, Operation *op, StringRef code, StringRef message) {
  Block *fail = newColdBlock();
  branchIf(cond, fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  failIf(Value(), op, lit(t.i32, code), message);
}

void FunctionEmitter::failIf(Value cond, Operation *op, Value code, StringRef message) {
  if (cond) {
    Block *fail = newColdBlock();
    branchIf(cond, fail);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(fail);
    failIf(Value(), op, code, message);
    return;
  }
  // Unconditional: the status, the frame's position (for the trace) and out.
  // A light frame reports its position itself on the way out (make_status
  // would put it on the enclosing VM frame).
  assign(st, call(t.status, "kiln_fail",
                  {exec, code, str(message), lightFrame ? lit(t.locPtr, "NULL") : locAddr(op)}));
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::faultIf(Value cond, Operation *op, StringRef kind,
                              ArrayRef<Value> operands) {
  Block *fail = newColdBlock();
  branchIf(cond, fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  SmallVector<Value> args{exec, lit(t.i32, kind)};
  for (unsigned i = 0; i < 4; ++i)
    args.push_back(i < operands.size() ? castTo(t.i64, operands[i]) : i64c(0));
  args.push_back(lightFrame ? lit(t.locPtr, "NULL") : locAddr(op));
  assign(st, call(t.status, "kiln_op_fault", args));
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::checkStatus(Operation *op) {
  Block *fail = newColdBlock();
  branchIf(cmp(emitc::CmpPredicate::ne, load(st), lit(t.status, "KILN_OK")), fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::setOwned(Value vm, Value value) {
  if (kindOf(vm.getType()) != Kind::Ref) return setCopy(vm, value);
  Value var = vars.lookup(vm);
  release(load(var));
  assign(var, value);
}

void FunctionEmitter::setCopy(Value vm, Value value) {
  if (isDirect(vm)) direct[vm] = value;
  else if (kindOf(vm.getType()) == Kind::Ref) refAssign(vars.lookup(vm), value);
  else assign(vars.lookup(vm), value);
}

// Block arguments as a parallel copy: every operand is loaded (and a ref
// retained) before any destination is written.
void FunctionEmitter::edge(Block *dest, ValueRange operands) {
  SmallVector<Value> values;
  for (Value operand : operands) {
    Value v = get(operand);
    if (kindOf(operand.getType()) == Kind::Ref) retain(v);
    values.push_back(v);
  }
  for (auto [arg, v] : llvm::zip(dest->getArguments(), values)) setOwned(arg, v);
  br(blocks.lookup(dest));
}

// Like the interpreter: a ref of a known type must hold that type (or null).
void FunctionEmitter::checkRefKind(Value ref, Type vmType, Operation *op) {
  StringRef kind = refKind(vmType);
  if (kind != "KILN_REF_KIND_ANY") {
    failUnlessKind("kiln_ref_has_kind", ref, kind, op);
    return;
  }
  // Other object types (`!hal.buffer`, ...) are known to the runtime by the
  // name it registers them under; compare by that name.
  std::string typeName = registeredTypeName(vmType);
  if (typeName.empty()) return;
  Value ok = call(t.i32, "kiln_ref_has_type_named", {ref, str(typeName)});
  Block *fail = newColdBlock();
  branchIf(cmp(emitc::CmpPredicate::eq, ok, i32c(0)), fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  assign(st, call(t.status, "kiln_ref_type_named_error", {exec, ref, str(typeName)}));
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::requireRefKind(Value ref, StringRef kind, Operation *op) {
  failUnlessKind("kiln_ref_is_kind", ref, kind, op);
}

// `test` (kiln_ref_has_kind: null passes; kiln_ref_is_kind: null fails) of
// `ref` against `kind`, failing with the runtime's ref type error at `op`.
void FunctionEmitter::failUnlessKind(StringRef test, Value ref, StringRef kind, Operation *op) {
  Value ok = call(t.i32, test, {exec, ref, lit(t.i32, kind)});
  Block *fail = newColdBlock();
  branchIf(cmp(emitc::CmpPredicate::eq, ok, i32c(0)), fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  assign(st, call(t.status, "kiln_ref_kind_error", {exec, ref, lit(t.i32, kind)}));
  setLoc(op);
  br(cleanup);
}

LogicalResult FunctionEmitter::emitOp(Operation &op) {
  StringRef name = op.getName().getStringRef();
  if (!name.consume_front("vm."))
    return op.emitOpError("is not a vm op; the C target only translates vm");
  l = op.getLoc();
  lineDirective(&op);
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto result = [&](unsigned i = 0) { return op.getResult(i); };
  auto resultType = [&](unsigned i = 0) { return t.of(op.getResult(i).getType()); };

  // Constants.
  if (name == "const.i32" || name == "const.i64") {
    auto a = op.getAttrOfType<IntegerAttr>("value");
    setCopy(result(), lit(resultType(), intLiteral(a.getValue().getSExtValue(),
                                                   name == "const.i64")));
    return success();
  }
  if (name == "const.f32" || name == "const.f64") {
    auto a = op.getAttrOfType<FloatAttr>("value");
    setCopy(result(), lit(resultType(), floatLiteral(a.getValueAsDouble(), name == "const.f32")));
    return success();
  }
  if (name.starts_with("const.") && name.ends_with(".zero")) {
    if (name == "const.ref.zero")
      callVoid("kiln_ref_reset", {services(), addr(vars.lookup(result()))});
    else
      setCopy(result(), lit(resultType(), "0"));
    return success();
  }
  if (name == "const.ref.rodata") {
    auto sym = op.getAttrOfType<FlatSymbolRefAttr>("rodata");
    std::string data = m.prefix + "rodata_" + cIdent(sym.getValue());
    Value temp = refTemp();
    setLoc(&op);
    assign(st, call(t.status, "kiln_buffer_wrap_rodata",
                    {exec, lit(t.constVoidPtr, data), lit(t.i64, "(int64_t)sizeof(" + data + ")"),
                     addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(result()), temp);
    return success();
  }
  // Integer division and remainder (fail on zero).
  if (name.starts_with("div.i") || name.starts_with("rem.i")) {
    Value out = variable(resultType(), "0");
    Value code = call(t.i32, "kiln_" + cIdent(name), {arg(0), arg(1), addr(out)});
    faultIf(isNonZero(code), &op, "KILN_FAULT_DIV_BY_ZERO", {});
    setCopy(result(), load(out));
    return success();
  }
  if (name == "round.f32.even" || name == "round.f64.even") {
    setCopy(result(), call(resultType(), name == "round.f32.even" ? "kiln_round_even_f32"
                                                                  : "kiln_round_even_f64",
                           {arg(0)}));
    return success();
  }
  if (name.starts_with("cmp.")) {
    SmallVector<StringRef> parts;
    name.split(parts, '.');
    StringRef pred = parts[1], ty = parts.size() > 2 ? parts[2] : "";
    if (ty.starts_with("i")) {
      // kiln_cmp_<pred>_<type>[_s|_u] of kiln/c/ops.h, as the interpreter.
      SmallVector<Value> operands;
      for (unsigned i = 0; i < op.getNumOperands(); ++i) operands.push_back(arg(i));
      setCopy(result(), call(t.i32, "kiln_" + cIdent(name), operands));
      return success();
    }
    if (ty == "ref") {
      if (pred == "nz") {
        Value v = arg(0);
        setCopy(result(), castTo(t.i32, cmp(emitc::CmpPredicate::ne, v, lit(v.getType(), "NULL"))));
        return success();
      }
      std::optional<emitc::CmpPredicate> p =
          llvm::StringSwitch<std::optional<emitc::CmpPredicate>>(pred)
              .Case("eq", emitc::CmpPredicate::eq)
              .Case("ne", emitc::CmpPredicate::ne)
              .Case("lt", emitc::CmpPredicate::lt)
              .Case("lte", emitc::CmpPredicate::le)
              .Case("gt", emitc::CmpPredicate::gt)
              .Case("gte", emitc::CmpPredicate::ge)
              .Default(std::nullopt);
      if (!p) return op.emitOpError("unsupported comparison in the C target");
      setCopy(result(), castTo(t.i32, cmp(*p, arg(0), arg(1))));
      return success();
    }
    // Floats: helpers for eq/ne/lt/lte (ordered/unordered, near); gt/gte
    // swap the operands.
    std::string helper = "kiln_" + cIdent(name);
    bool swap = false;
    if (pred == "gt" || pred == "gte") {
      std::string n = name.str();
      n.replace(4, pred.size(), pred == "gt" ? "lt" : "lte");
      helper = "kiln_" + cIdent(n);
      swap = true;
    }
    SmallVector<Value> operands;
    if (op.getNumOperands() == 1) operands.push_back(arg(0));
    else if (swap) operands.append({arg(1), arg(0)});
    else operands.append({arg(0), arg(1)});
    setCopy(result(), call(t.i32, helper, operands));
    return success();
  }
  if (name == "trunc.i16.i8") {
    setCopy(result(), call(t.i32, "kiln_trunc_i32_i8", {arg(0)}));
    return success();
  }
  if (name == "cast.ref.any") {
    setCopy(result(), arg(0));
    return success();
  }
  if (name == "cast.any.ref") {
    Value v = arg(0);
    checkRefKind(v, op.getResult(0).getType(), &op);
    setCopy(result(), v);
    return success();
  }
  if (name == "check.nearly_eq") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    bool f32 = op.getOperand(0).getType().isF32();
    Value near = call(t.i32, f32 ? "kiln_cmp_eq_f32_near" : "kiln_cmp_eq_f64_near",
                      {arg(0), arg(1)});
    failIf(cmp(emitc::CmpPredicate::eq, near, i32c(0)), &op, "KILN_STATUS_FAILED_PRECONDITION",
           msg ? msg.getValue() : StringRef("check failed"));
    return success();
  }
  if (isHelperOp(name)) {
    SmallVector<Value> operands;
    for (unsigned i = 0; i < op.getNumOperands(); ++i) operands.push_back(arg(i));
    setCopy(result(), call(resultType(), "kiln_" + cIdent(name), operands));
    return success();
  }
  if (name.starts_with("select.")) {
    Value chosen = emitc::ConditionalOp::create(b, l, resultType(), isNonZero(arg(0)), arg(1),
                                                arg(2));
    setCopy(result(), chosen);
    return success();
  }
  if (name == "optimization_barrier") {
    for (unsigned i = 0; i < op.getNumOperands(); ++i) setCopy(result(i), arg(i));
    return success();
  }
  // vm.switch.*: operand 0 is the index, 1 the default, then the cases.
  if (name.starts_with("switch.")) {
    Value index = arg(0);
    Value chosen = arg(1);
    for (unsigned i = op.getNumOperands(); i-- > 2;)
      chosen = emitc::ConditionalOp::create(
          b, l, resultType(), cmp(emitc::CmpPredicate::eq, index, i32c(i - 2)), arg(i), chosen);
    setCopy(result(), chosen);
    return success();
  }
  if (name.starts_with("global.")) return emitGlobalOp(op, name);
  if (name.starts_with("buffer.")) return emitBufferOp(op, name);
  if (name.starts_with("list.")) return emitListOp(op, name);

  // Control flow.
  if (name == "br") {
    edge(op.getSuccessor(0), op.getOperands());
    return success();
  }
  if (name == "cond_br") {
    // Operands: condition, then the true operands, then the false operands.
    Block *yes = op.getSuccessor(0), *no = op.getSuccessor(1);
    auto operands = op.getOperands();
    unsigned nt = yes->getNumArguments();
    Value cond = isNonZero(arg(0));
    Block *taken = newColdBlock();
    Block *notTaken = newColdBlock();
    cf::CondBranchOp::create(b, l, cond, taken, notTaken);
    b.setInsertionPointToEnd(taken);
    edge(yes, operands.slice(1, nt));
    b.setInsertionPointToEnd(notTaken);
    edge(no, operands.slice(1 + nt, no->getNumArguments()));
    return success();
  }
  if (name == "br_table") {
    // Operands: index, the default's operands, then each case's operands.
    auto operands = op.getOperands();
    Value index = arg(0);
    unsigned pos = 1;
    Block *def = op.getSuccessor(0);
    OperandRange defOperands = operands.slice(pos, def->getNumArguments());
    pos += def->getNumArguments();
    for (unsigned i = 1; i < op.getNumSuccessors(); ++i) {
      Block *c = op.getSuccessor(i);
      OperandRange caseOperands = operands.slice(pos, c->getNumArguments());
      pos += c->getNumArguments();
      Block *taken = newColdBlock();
      branchIf(cmp(emitc::CmpPredicate::eq, index, i32c(i - 1)), taken);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(taken);
      edge(c, caseOperands);
    }
    edge(def, defOperands);
    return success();
  }
  if (name == "return") {
    for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
      Value v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref) retain(v);
      if (pair)
        assign(member(pair, "r0", v.getType()), v);
      else
        assign(emitc::DereferenceOp::create(b, l, emitc::LValueType::get(v.getType()),
                                            resultPtrs[i]),
               v);
    }
    br(cleanup);
    return success();
  }
  if (name == "fail" || name == "cond_fail") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    StringRef message = msg ? msg.getValue() : StringRef("");
    if (name == "cond_fail") {
      // (cond, status) or (status): fails when cond (or status) is non-zero.
      unsigned s = op.getNumOperands() > 1 ? 1 : 0;
      Value status = arg(s);
      failIf(isNonZero(arg(0)), &op, status, message);
    } else {
      failIf(Value(), &op, op.getNumOperands() ? arg(0) : lit(t.i32, "KILN_STATUS_UNKNOWN"),
             message);
    }
    return success();
  }
  if (name == "check.eq" || name == "check.ne" || name == "check.nz") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    Value bad = name == "check.nz"   ? cmp(emitc::CmpPredicate::eq, arg(0),
                                           lit(arg(0).getType(), "0"))
                : name == "check.eq" ? cmp(emitc::CmpPredicate::ne, arg(0), arg(1))
                                     : cmp(emitc::CmpPredicate::eq, arg(0), arg(1));
    failIf(bad, &op, "KILN_STATUS_FAILED_PRECONDITION",
           msg ? msg.getValue() : StringRef("check failed"));
    return success();
  }
  // Debugging: vm.break / vm.cond_break continue at their destination (the
  // interpreter has no debugger to stop in either); vm.trace records
  // nothing without a tracer, as in the interpreter.
  if (name == "break" || name == "cond_break") {
    Block *dest = op.getSuccessor(0);
    edge(dest, op.getOperands().take_back(dest->getNumArguments()));
    return success();
  }
  if (name == "trace") return success();
  // vm.discard.refs: release each ref now (the variable becomes NULL), as
  // the interpreter clears the register.
  if (name == "discard.refs") {
    for (Value operand : op.getOperands()) {
      if (Value var = vars.lookup(operand)) callVoid("kiln_ref_reset", {services(), addr(var)});
    }
    return success();
  }
  if (name == "print") return emitPrint(op);
  if (name == "yield") {
    // Block arguments first, then suspend; resuming continues at the
    // destination.
    Block *dest = op.getSuccessor(0);
    SmallVector<Value> values;
    for (Value operand : op.getOperands()) {
      Value v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref) retain(v);
      values.push_back(v);
    }
    for (auto [a, v] : llvm::zip(dest->getArguments(), values)) setOwned(a, v);
    setLoc(&op);
    Block *resume = newColdBlock();
    suspendAt(newResumePoint(resume));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(resume);
    br(blocks.lookup(dest));
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
      return emitCall(op, callee.getValue(), op.getOperands(), resultTypes,
                      dest->getArguments(), dest, segments);
    }
    for (Value r : op.getResults()) resultTypes.push_back(r.getType());
    return emitCall(op, callee.getValue(), op.getOperands(), resultTypes, op.getResults(),
                    nullptr, segments);
  }
  if (name == "import.resolved") {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("import").getValue();
    setCopy(result(), call(t.i32, "kiln_import_resolved",
                           {exec, i32c(m.importOrdinals.lookup(callee))}));
    return success();
  }
  return op.emitOpError("is not supported by the C target yet");
}

// Globals: scalars in the state's byte area at their byte offset, refs
// after it at their ordinal; vm.global.address is that offset or ordinal, as
// in the bytecode form, and the indirect ops bounds-check it.
LogicalResult FunctionEmitter::emitGlobalOp(Operation &op, StringRef name) {
  if (name == "global.address") {
    auto symRef = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = symRef ? m.globalSlots.find(symRef.getValue()) : m.globalSlots.end();
    if (it == m.globalSlots.end()) return op.emitOpError("refers to an unknown global");
    setCopy(op.getResult(0), i32c(it->second));
    return success();
  }
  bool isLoad = name.starts_with("global.load.");
  if (!isLoad && !name.starts_with("global.store."))
    return op.emitOpError("is not supported by the C target yet");
  bool indirect = name.contains(".indirect.");
  Value value = isLoad ? op.getResult(0) : op.getOperand(0);
  Kind k = kindOf(value.getType());
  Value slot;
  if (indirect) {
    slot = get(op.getOperand(isLoad ? 0 : 1));
    if (k == Kind::Ref) {
      Value below = cmp(emitc::CmpPredicate::lt, slot, i32c(0));
      Value above = cmp(emitc::CmpPredicate::ge, slot, i32c(m.globalRefs));
      faultIf(emitc::LogicalOrOp::create(b, l, t.i1, below, above), &op,
              "KILN_FAULT_REF_GLOBAL_RANGE", {slot, i32c(m.globalRefs)});
    } else {
      unsigned width = (k == Kind::I64 || k == Kind::F64) ? 8 : 4;
      Value code = call(t.i32, "kiln_global_range",
                        {slot, lit(t.u32, Twine(width) + "u"), lit(t.u32, Twine(m.globalBytes) + "u")});
      faultIf(isNonZero(code), &op, "KILN_FAULT_GLOBAL_RANGE",
              {slot, i32c(width), i32c(m.globalBytes)});
    }
  } else {
    auto symRef = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = symRef ? m.globalSlots.find(symRef.getValue()) : m.globalSlots.end();
    if (it == m.globalSlots.end()) return op.emitOpError("refers to an unknown global");
    slot = i64c(it->second);
  }
  Value stateArg = state;
  if (k == Kind::Ref) {
    Value refsOffset = i64c(m.refsOffset);
    if (isLoad) {
      Value v = call(t.ref, "kiln_state_ref_get", {stateArg, refsOffset, slot});
      checkRefKind(v, value.getType(), &op);
      setCopy(value, v);
    } else {
      Value ptr = call(emitc::PointerType::get(t.ref), "kiln_state_ref",
                       {stateArg, refsOffset, slot});
      callVoid("kiln_ref_assign", {services(), ptr, get(value)});
    }
    return success();
  }
  const char *suffix = k == Kind::I32 ? "i32" : k == Kind::I64 ? "i64" : k == Kind::F32 ? "f32" : "f64";
  Value bytes = call(t.bytes, "kiln_state_bytes", {stateArg});
  Value offset = castTo(t.u64, slot);
  if (isLoad)
    setCopy(value, call(t.of(k), std::string("kiln_load_") + suffix, {bytes, offset}));
  else
    callVoid(std::string("kiln_store_") + suffix, {bytes, offset, get(value)});
  return success();
}

// Type check (a non-null vm.buffer), then the buffer's span.
FunctionEmitter::Span FunctionEmitter::spanOf(Operation *op, Value buffer) {
  requireRefKind(buffer, "KILN_REF_KIND_BUFFER", op);
  Span span{variable(t.bytes, "NULL"), variable(t.u64, "0"), variable(t.i32, "0")};
  callVoid("kiln_buffer_span",
           {buffer, addr(span.data), addr(span.length), addr(span.writable)});
  return span;
}

// The span of a bulk op's buffer operand: the length loaded; data and
// writable stay variables (buffer.clone reads neither, only stores read
// writable).
Value FunctionEmitter::bufferSpan(Operation *op, Value buffer, Value &length, Value &writable) {
  Span span = spanOf(op, buffer);
  length = load(span.length);
  writable = span.writable;
  return span.data;
}

// kiln_buffer_range with the interpreter's OUT_OF_RANGE fault.
void FunctionEmitter::rangeCheck(Operation *op, Value length, Value offset, Value count,
                                 unsigned elementSize, Value &byteOffset) {
  Value out = variable(t.u64, "0");
  Value code = call(t.i32, "kiln_buffer_range",
                    {length, offset, count, lit(t.u32, Twine(elementSize) + "u"), addr(out)});
  faultIf(isNonZero(code), op, "KILN_FAULT_BUFFER_RANGE",
          {offset, count, i32c(elementSize), length});
  byteOffset = load(out);
}

// Stores into rodata fail as in the interpreter (same code and message).
void FunctionEmitter::writableCheck(Operation *op, Value writable) {
  faultIf(cmp(emitc::CmpPredicate::eq, load(writable), i32c(0)), op,
          "KILN_FAULT_BUFFER_READ_ONLY", {});
}

LogicalResult FunctionEmitter::emitBufferOp(Operation &op, StringRef name) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  // buffer.alloc and buffer.clone check their operands in the runtime
  // service, the function the interpreter calls (kiln/vm/ops.h).
  if (name == "buffer.alloc") {
    Value length = arg(0);
    Value align = op.getNumOperands() > 1 ? arg(1) : i32c(0);
    Value temp = refTemp();
    assign(st, call(t.status, "kiln_buffer_allocate", {exec, length, align, addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(op.getResult(0)), temp);
    return success();
  }
  if (name == "buffer.length") {
    Span span = spanOf(&op, arg(0));
    setCopy(op.getResult(0), castTo(t.i64, load(span.length)));
    return success();
  }
  Value length, writable, offset;
  if (name.starts_with("buffer.fill.")) {
    StringRef ty = name.drop_front(12);
    unsigned size = ty == "i8" ? 1 : ty == "i16" ? 2 : (ty == "i64" || ty == "f64") ? 8 : 4;
    Value data = load(bufferSpan(&op, arg(0), length, writable));
    rangeCheck(&op, length, arg(1), arg(2), size, offset);
    writableCheck(&op, writable);
    callVoid(("kiln_fill_" + ty).str(), {data, offset, arg(2), arg(3)});
    return success();
  }
  if (name == "buffer.copy" || name == "buffer.compare") {
    Value lengthA, writableA, offsetA, lengthB, writableB, offsetB;
    Value a = load(bufferSpan(&op, arg(0), lengthA, writableA));
    Value c = load(bufferSpan(&op, arg(2), lengthB, writableB));
    rangeCheck(&op, lengthA, arg(1), arg(4), 1, offsetA);
    rangeCheck(&op, lengthB, arg(3), arg(4), 1, offsetB);
    if (name == "buffer.copy") {
      writableCheck(&op, writableB);
      callVoid("kiln_copy_bytes", {c, offsetB, a, offsetA, arg(4)});
    } else {
      setCopy(op.getResult(0), call(t.i32, "kiln_equal_bytes", {a, offsetA, c, offsetB, arg(4)}));
    }
    return success();
  }
  if (name == "buffer.hash") {
    Value data = load(bufferSpan(&op, arg(0), length, writable));
    rangeCheck(&op, length, arg(1), arg(2), 1, offset);
    setCopy(op.getResult(0), call(t.i64, "kiln_hash_bytes_at", {data, offset, arg(2)}));
    return success();
  }
  if (name == "buffer.clone") {
    Value source = arg(0);
    requireRefKind(source, "KILN_REF_KIND_BUFFER", &op);
    Value temp = refTemp();
    assign(st, call(t.status, "kiln_buffer_clone", {exec, source, arg(1), arg(2), arg(3), addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(op.getResult(0)), temp);
    return success();
  }
  // Element loads and stores: offsets are element indices (ops.h).
  bool isLoad = name.starts_with("buffer.load.");
  if (!isLoad && !name.starts_with("buffer.store."))
    return op.emitOpError("is not supported by the C target yet");
  StringRef ty = name.drop_front(isLoad ? 12 : 13);
  unsigned size = ty.starts_with("i8") ? 1 : ty.starts_with("i16") ? 2
                : (ty == "i64" || ty == "f64") ? 8 : 4;
  Span span = spanOf(&op, arg(0));
  Value data = span.data, len = span.length, w = span.writable;
  Value out = variable(t.u64, "0");
  Value lengthValue = load(len), index = arg(1);
  Value code = call(t.i32, "kiln_buffer_element",
                    {lengthValue, index, lit(t.u32, Twine(size) + "u"), addr(out)});
  faultIf(isNonZero(code), &op, "KILN_FAULT_BUFFER_RANGE",
          {index, i64c(1), i32c(size), lengthValue});
  if (isLoad) {
    setCopy(op.getResult(0),
            call(t.of(op.getResult(0).getType()), "kiln_load_" + cIdent(ty), {load(data), load(out)}));
    return success();
  }
  writableCheck(&op, w);
  Kind k = kindOf(op.getOperand(2).getType());
  std::string store = size == 1 ? "kiln_store_i8" : size == 2 ? "kiln_store_i16"
                    : k == Kind::F32 ? "kiln_store_f32" : k == Kind::F64 ? "kiln_store_f64"
                    : size == 8 ? "kiln_store_i64" : "kiln_store_i32";
  callVoid(store, {load(data), load(out), arg(2)});
  return success();
}

// Lists, through the services table.
LogicalResult FunctionEmitter::emitListOp(Operation &op, StringRef name) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto codeOf = [&](Kind k) { return lit(t.charT, "'" + std::string(1, code(k)) + "'"); };
  if (name == "list.alloc") {
    vm::ListType lt = vm::getListObjectType(op.getResult(0).getType());
    std::string kind = "KILN_ELEMENT_VARIANT", refType = "KILN_REF_KIND_ANY";
    if (lt) {
      Type et = lt.getElementType();
      if (auto it = dyn_cast<IntegerType>(et))
        kind = it.getWidth() == 8 ? "KILN_ELEMENT_I8" : it.getWidth() == 16 ? "KILN_ELEMENT_I16"
             : it.getWidth() == 64 ? "KILN_ELEMENT_I64" : "KILN_ELEMENT_I32";
      else if (et.isF32()) kind = "KILN_ELEMENT_F32";
      else if (et.isF64()) kind = "KILN_ELEMENT_F64";
      else if (isa<vm::RefType>(et)) {
        kind = "KILN_ELEMENT_REF";
        refType = refKind(et);
      }
    }
    Value temp = refTemp();
    assign(st, call(t.status, "kiln_list_create",
                    {exec, lit(t.i32, kind), lit(t.i32, refType), arg(0), addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(op.getResult(0)), temp);
    return success();
  }
  Value list = arg(0);
  requireRefKind(list, "KILN_REF_KIND_LIST", &op);
  if (name == "list.size") {
    setCopy(op.getResult(0), call(t.i32, "kiln_list_size", {exec, list}));
    return success();
  }
  if (name == "list.reserve" || name == "list.resize") {
    assign(st, call(t.status, name == "list.reserve" ? "kiln_list_reserve" : "kiln_list_resize",
                    {exec, list, arg(1)}));
    checkStatus(&op);
    return success();
  }
  if (name.starts_with("list.get.")) {
    Value result = op.getResult(0);
    Kind k = kindOf(result.getType());
    if (k == Kind::Ref) {
      Value temp = refTemp();
      assign(st, call(t.status, "kiln_list_get", {exec, list, arg(1), codeOf(k), addr(temp)}));
      checkStatus(&op);
      // An element of another type reads as null (IREE's behaviour, as in
      // the interpreter).
      StringRef kind = refKind(result.getType());
      std::string typeName = registeredTypeName(result.getType());
      if (kind != "KILN_REF_KIND_ANY" || !typeName.empty()) {
        Value ok = kind != "KILN_REF_KIND_ANY"
                       ? call(t.i32, "kiln_ref_has_kind", {exec, load(temp), lit(t.i32, kind)})
                       : call(t.i32, "kiln_ref_has_type_named", {load(temp), str(typeName)});
        Block *mismatch = newColdBlock();
        branchIf(cmp(emitc::CmpPredicate::eq, ok, i32c(0)), mismatch);
        Block *next = b.getInsertionBlock();
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToEnd(mismatch);
        callVoid("kiln_ref_reset", {services(), addr(temp)});
        br(next);
      }
      refMove(vars.lookup(result), temp);
    } else {
      Value out = variable(t.of(k), "0");
      assign(st, call(t.status, "kiln_list_get", {exec, list, arg(1), codeOf(k), addr(out)}));
      checkStatus(&op);
      setCopy(result, load(out));
    }
    return success();
  }
  if (name.starts_with("list.set.")) {
    Value value = op.getOperand(2);
    assign(st, call(t.status, "kiln_list_set",
                    {exec, list, arg(1), codeOf(kindOf(value.getType())),
                     addressOf(value)}));
    checkStatus(&op);
    return success();
  }
  return op.emitOpError("is not supported by the C target yet");
}

// vm.print writes the same line the interpreter writes to stdout (through
// kiln/c/print.h, which a module built with KILN_MODULE_NO_STDIO compiles
// to nothing).
LogicalResult FunctionEmitter::emitPrint(Operation &op) {
  callVoid("kiln_print_begin", {str(op.getAttrOfType<StringAttr>("message").getValue())});
  for (Value value : op.getOperands()) {
    Type type = value.getType();
    Value v = get(value);
    if (type.isInteger(32)) callVoid("kiln_print_i32", {v});
    else if (type.isInteger(64)) callVoid("kiln_print_i64", {v});
    else if (isa<FloatType>(type)) callVoid("kiln_print_f64", {type.isF32() ? castTo(t.f64, v) : v});
    else callVoid("kiln_print_ref", {v});
  }
  callVoid("kiln_print_end", {});
  return success();
}

// A call to an internal function (a direct C call) or an import (packed
// through kiln_call_import). Results go to `resultsTo` (op results or the
// destination block's arguments, then a branch there). A callee that may
// suspend makes this a resume point: the point's block holds the call, so
// resuming re-issues it and the callee (or the runtime, for an import)
// resumes.
LogicalResult FunctionEmitter::emitCall(Operation &op, StringRef callee, ValueRange args,
                                        ArrayRef<Type> resultTypes, ValueRange resultsTo,
                                        Block *dest, ArrayRef<int16_t> segmentSizes) {
  auto enterResumePoint = [&]() {
    Block *point = newBlock();
    b.setInsertionPointToEnd(point->getPrevNode());
    br(point);
    b.setInsertionPointToEnd(point);
    return newResumePoint(point);
  };
  auto leaveOnError = [&](bool mayDefer, int point) {
    if (mayDefer) {
      Block *deferred = newColdBlock();
      branchIf(cmp(emitc::CmpPredicate::eq, load(st), lit(t.status, "KILN_DEFERRED")), deferred);
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(deferred);
      suspendAt(point);
    }
    Block *next = newBlock();
    b.setInsertionPointToEnd(next->getPrevNode());
    cf::CondBranchOp::create(b, l, cmp(emitc::CmpPredicate::ne, load(st), lit(t.status, "KILN_OK")),
                             cleanup, next);
    b.setInsertionPointToEnd(next);
  };

  if (m.funcs.count(callee)) {
    if (!segmentSizes.empty()) return op.emitOpError("variadic calls must target an import");
    Operation *f = m.funcs.lookup(callee);
    auto calleeType = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    if (calleeType.getNumInputs() != args.size() ||
        calleeType.getNumResults() != resultTypes.size())
      return op.emitOpError("does not match the signature of @") << callee;
    bool mayDefer = m.suspendable.contains(callee);
    int point = mayDefer ? enterResumePoint() : 0;
    SmallVector<Value> temps, operands{exec, state};
    if (m.light.contains(callee))
      operands.push_back(lightFrame ? Value(emitc::AddOp::create(b, l, t.i32, depth, i32c(1)))
                                    : i32c(0));
    for (Value a : args) operands.push_back(get(a));
    auto pairType = m.pairReturn.find(callee);
    if (pairType != m.pairReturn.end()) {
      Value returned = variable(emitc::OpaqueType::get(m.ctx, pairType->second), "");
      setLoc(&op);
      assign(returned,
             emitc::CallOp::create(b, l, m.cfuncs.lookup(callee), operands).getResult(0));
      assign(st, load(member(returned, "st", t.status)));
      leaveOnError(mayDefer, point);
      Value r = resultsTo.front();
      setCopy(r, load(member(returned, "r0", t.of(r.getType()))));
      if (dest) br(blocks.lookup(dest));
      return success();
    }
    for (Type rt : resultTypes) {
      Value temp = kindOf(rt) == Kind::Ref ? refTemp() : variable(t.of(rt), "0");
      temps.push_back(temp);
      operands.push_back(addr(temp));
    }
    setLoc(&op);
    assign(st, emitc::CallOp::create(b, l, m.cfuncs.lookup(callee), operands).getResult(0));
    leaveOnError(mayDefer, point);
    for (auto [r, temp] : llvm::zip(resultsTo, temps)) {
      if (kindOf(r.getType()) == Kind::Ref) refMove(vars.lookup(r), temp);
      else setCopy(r, load(temp));
    }
    if (dest) br(blocks.lookup(dest));
    return success();
  }

  auto it = m.importOrdinals.find(callee);
  if (it == m.importOrdinals.end()) return op.emitOpError("calls unknown function @") << callee;
  Operation *import = m.imports.lookup(callee);
  auto importType =
      cast<FunctionType>(import->getAttrOfType<TypeAttr>("function_type").getValue());
  if (importType.getNumResults() != resultTypes.size())
    return op.emitOpError("does not match the signature of @") << callee;
  // Arguments as one struct laid out like the packed signature (a variadic
  // span is an int32_t count and then its values).
  struct Field {
    std::string name;
    Kind kind;
    Value value;     // vm operand, or null for a span count
    int64_t count;   // span count
  };
  SmallVector<Field> fields;
  if (segmentSizes.empty()) {
    for (auto [i, a] : llvm::enumerate(args))
      fields.push_back({"a" + std::to_string(i), kindOf(a.getType()), a, 0});
  } else {
    if (segmentSizes.size() != importType.getNumInputs())
      return op.emitOpError("segment_sizes does not match the callee's arguments");
    unsigned pos = 0;
    for (auto [i, size] : llvm::enumerate(segmentSizes)) {
      if (size < 0) {
        if (pos >= args.size()) return op.emitOpError("has too few operands for its segments");
        fields.push_back({"a" + std::to_string(pos), kindOf(args[pos].getType()), args[pos], 0});
        ++pos;
        continue;
      }
      SmallVector<Type> flat;
      if (auto tuple = dyn_cast<TupleType>(importType.getInput(i))) tuple.getFlattenedTypes(flat);
      else flat.push_back(importType.getInput(i));
      fields.push_back({"n" + std::to_string(i), Kind::I32, Value(), size});
      unsigned count = static_cast<unsigned>(size) * flat.size();
      for (unsigned k = 0; k < count; ++k, ++pos) {
        if (pos >= args.size()) return op.emitOpError("has too few operands for its segments");
        fields.push_back({"a" + std::to_string(pos), kindOf(args[pos].getType()), args[pos], 0});
      }
    }
    if (pos != args.size()) return op.emitOpError("has more operands than its segments");
  }
  // Any import may suspend (a bytecode import can yield).
  int point = enterResumePoint();
  Value in, out;
  // Ref argument slots own one reference each. The callee may move a ref
  // out of its slot (a native module does), so after the call the slots,
  // not the values put in them, are what is left to release.
  SmallVector<std::string> refSlots;
  if (!fields.empty()) {
    SmallVector<std::string> decls;
    for (const Field &f : fields) decls.push_back(std::string(cType(f.kind)) + " " + f.name);
    in = variable(emitc::OpaqueType::get(m.ctx, m.structType(cfunc, decls, "args")), "");
    for (const Field &f : fields) {
      Value v = f.value ? get(f.value) : i32c(f.count);
      if (f.kind == Kind::Ref) {
        retain(v);
        refSlots.push_back(f.name);
      }
      assign(member(in, f.name, t.of(f.kind)), v);
    }
  }
  if (!resultTypes.empty()) {
    SmallVector<std::string> decls;
    for (auto [i, rt] : llvm::enumerate(resultTypes))
      decls.push_back(std::string(cType(kindOf(rt))) + " r" + std::to_string(i));
    out = variable(emitc::OpaqueType::get(m.ctx, m.structType(cfunc, decls, "results")), "");
    for (auto [i, rt] : llvm::enumerate(resultTypes))
      assign(member(out, "r" + std::to_string(i), t.of(rt)),
             lit(t.of(rt), kindOf(rt) == Kind::Ref ? "NULL" : "0"));
  }
  auto sizeOf = [&](Value v) {
    return lit(t.sizeT, "sizeof(" + cast<emitc::OpaqueType>(
                            cast<emitc::LValueType>(v.getType()).getValueType()).getValue() + ")");
  };
  setLoc(&op);
  assign(st, call(t.status, "kiln_call_import",
                  {exec, i32c(it->second),
                   in ? castTo(t.constVoidPtr, addr(in)) : lit(t.constVoidPtr, "NULL"),
                   in ? sizeOf(in) : lit(t.sizeT, "0"),
                   out ? castTo(t.voidPtr, addr(out)) : lit(t.voidPtr, "NULL"),
                   out ? sizeOf(out) : lit(t.sizeT, "0")}));
  for (const std::string &slot : refSlots)
    release(load(member(in, slot, t.of(Kind::Ref))));
  leaveOnError(/*mayDefer=*/true, point);
  for (auto [i, r] : llvm::enumerate(resultsTo))
    setOwned(r, load(member(out, "r" + std::to_string(i), t.of(r.getType()))));
  if (dest) br(blocks.lookup(dest));
  return success();
}

void FunctionEmitter::findLiveAcrossSuspension() {
  Liveness liveness(func);
  auto addLiveIn = [&](Block *block) {
    for (Value v : liveness.getLiveIn(block)) liveAcrossSuspension.insert(v);
  };
  for (Block &block : func->getRegion(0)) {
    for (Operation &op : block) {
      StringRef name = op.getName().getStringRef();
      bool point = name == "vm.yield";
      if (auto callee = op.getAttrOfType<FlatSymbolRefAttr>("callee"))
        point = m.importOrdinals.count(callee.getValue()) ||
                m.suspendable.contains(callee.getValue());
      if (!point) continue;
      for (Value operand : op.getOperands()) liveAcrossSuspension.insert(operand);
      for (Block *successor : op.getSuccessors()) addLiveIn(successor);
      if (op.getNumSuccessors()) continue;
      // Defined before the op and used further down this block or live out
      // of it.
      auto definedBefore = [&](Value v) {
        Operation *def = v.getDefiningOp();
        return v.getParentBlock() != &block || !def || def->isBeforeInBlock(&op);
      };
      for (Operation *after = op.getNextNode(); after; after = after->getNextNode())
        for (Value operand : after->getOperands())
          if (definedBefore(operand)) liveAcrossSuspension.insert(operand);
      for (Value v : liveness.getLiveOut(&block))
        if (definedBefore(v)) liveAcrossSuspension.insert(v);
    }
  }
}

LogicalResult FunctionEmitter::run() {
  Region &region = func->getRegion(0);
  if (region.empty()) return func->emitOpError("has no body");
  mayYield = m.suspendable.contains(sym);
  if (mayYield) findLiveAcrossSuspension();
  frameless = !mayYield;
  for (Block &block : region)
    for (Operation &op : block) frameless = frameless && isFramelessOp(op);
  lightFrame = m.light.contains(sym);
  if (lightFrame != (lightFramesEnabled && !frameless && !mayYield))
    return func->emitOpError("frame kind disagrees with the module's (internal error)");
  int index = m.funcIndex.lookup(sym);

  entry = cfunc.addEntryBlock();
  exec = entry->getArgument(0);
  state = entry->getArgument(1);
  unsigned first = 2;
  if (lightFrame) depth = entry->getArgument(first++);
  for (unsigned i = 0; i < type.getNumInputs(); ++i)
    params.push_back(entry->getArgument(first + i));
  auto pairType = m.pairReturn.find(sym);
  if (pairType == m.pairReturn.end())
    for (unsigned i = 0; i < type.getNumResults(); ++i)
      resultPtrs.push_back(entry->getArgument(first + type.getNumInputs() + i));
  b.setInsertionPointToEnd(entry);

  // Every vm value gets a variable; number the ops (trace offsets).
  int valueCount = 0, opCount = 0;
  auto declare = [&](Value value) {
    Kind k = kindOf(value.getType());
    if (isDirect(value)) return;
    Value var = variable(t.of(k), k == Kind::Ref ? "NULL" : "0");
    vars[value] = var;
    valueIds[value] = valueCount++;
    (k == Kind::Ref ? refValues : scalarValues).push_back(value);
  };
  for (Block &block : region) {
    for (BlockArgument a : block.getArguments()) declare(a);
    for (Operation &op : block) {
      opOffsets[&op] = opCount++;
      for (Value r : op.getResults()) declare(r);
    }
  }
  S = variable(t.services, "NULL");
  if (pairType != m.pairReturn.end()) {
    pair = variable(emitc::OpaqueType::get(m.ctx, pairType->second), "");
    assign(member(pair, "r0", t.of(type.getResult(0))), lit(t.of(type.getResult(0)), "0"));
  }
  st = variable(t.status, "KILN_OK");
  for (Value a : llvm::concat<Value>(params, resultPtrs))
    emitc::VerbatimOp::create(b, l, b.getStringAttr("(void){};"), ValueRange{a});
  emitc::VerbatimOp::create(b, l, b.getStringAttr("(void){};"), ValueRange{state});
  assign(S, call(t.services, "kiln_exec_services", {exec}));

  cleanup = b.createBlock(&cfunc.getBody(), cfunc.getBody().end());
  if (mayYield) suspend = b.createBlock(&cfunc.getBody(), cfunc.getBody().end());
  for (Block &block : region) blocks[&block] = b.createBlock(cleanup);
  b.setInsertionPointToEnd(entry);

  Value functionIndex = i32c(index);
  if (frameless) {
    emitc::VerbatimOp::create(b, l, "/* cannot fail, call or suspend: no VM frame */");
  } else {
    fh = variable(t.headerPtr, "NULL");
    if (lightFrame) {
      emitc::VerbatimOp::create(b, l, "/* never suspends: a light frame */");
      lf = variable(t.header, "");
      assign(lf, call(t.header, "kiln_frame_header_empty", {}));
      assign(fh, addr(lf));
      assign(st, call(t.status, "kiln_light_enter", {exec, depth, functionIndex}));
    } else {
      rp = variable(t.i32, "0");
      assign(st, call(t.status, "kiln_frame_enter", {exec, functionIndex, addr(fh), addr(rp)}));
    }
    // No frame was entered: return the error as is.
    Block *refused = newColdBlock();
    branchIf(cmp(emitc::CmpPredicate::ne, load(st), lit(t.status, "KILN_OK")), refused);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToEnd(refused);
      if (pair) {
        assign(member(pair, "st", t.status), load(st));
        emitc::ReturnOp::create(b, l, load(pair));
      } else {
        emitc::ReturnOp::create(b, l, load(st));
      }
    }
  }

  // The frame's storage for a state machine: header, then the locals, refs
  // first (frame_ref_count of the descriptor).
  std::string frameType;
  Value frame;
  auto field = [&](Value v) { return "x" + std::to_string(valueIds.lookup(v)); };
  if (mayYield) {
    frameType = m.prefix + "frame_" + cIdent(sym) + "_t";
    std::string text = "typedef struct {\n  kiln_frame_header_t header;\n";
    for (Value v : refValues) text += "  kiln_ref_t " + field(v) + ";\n";
    for (Value v : scalarValues)
      text += std::string("  ") + cType(kindOf(v.getType())) + " " + field(v) + ";\n";
    text += "} " + frameType + ";";
    {
      OpBuilder::InsertionGuard guard(m.b);
      m.b.setInsertionPoint(cfunc);
      m.verbatim(text);
    }
    frame = variable(emitc::PointerType::get(emitc::OpaqueType::get(m.ctx, frameType)), "NULL");
    // Resuming: reload the locals (taking the refs out of the frame), then
    // continue at the suspension point.
    Block *resuming = newColdBlock();
    branchIf(cmp(emitc::CmpPredicate::ne, load(rp), i32c(0)), resuming);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(resuming);
    assign(frame, castTo(cast<emitc::LValueType>(frame.getType()).getValueType(), load(fh)));
    for (Value v : refValues) {
      Value slot = memberOfPtr(frame, field(v), t.ref);
      assign(vars.lookup(v), load(slot));
      assign(slot, lit(t.ref, "NULL"));
    }
    for (Value v : scalarValues)
      assign(vars.lookup(v), load(memberOfPtr(frame, field(v), t.of(v.getType()))));
    // The dispatch over resume points is built once they are all known.
  }
  Block *resumeDispatch = mayYield ? &cfunc.getBody().back() : nullptr;

  // Entry: parameters into the entry block's arguments (refs retained).
  Block &vmEntry = region.front();
  if (vmEntry.getNumArguments() != type.getNumInputs())
    return func->emitOpError("entry block does not match the function type");
  for (auto [a, p] : llvm::zip(vmEntry.getArguments(), params)) setCopy(a, p);
  br(blocks.lookup(&vmEntry));

  // Dominance order (reverse post-order), so a direct value is built before
  // its uses; then any unreachable blocks.
  SmallVector<Block *> order;
  llvm::SmallPtrSet<Block *, 16> reachable;
  for (Block *block : llvm::post_order(&region.front())) {
    order.push_back(block);
    reachable.insert(block);
  }
  std::reverse(order.begin(), order.end());
  for (Block &block : region)
    if (!reachable.contains(&block)) order.push_back(&block);
  for (Block *block : order) {
    inUnreachableBlock = !reachable.contains(block);
    b.setInsertionPointToEnd(blocks.lookup(block));
    for (Operation &op : *block)
      if (failed(emitOp(op))) return failure();
    if (block->empty() || !block->back().hasTrait<OpTrait::IsTerminator>())
      return func->emitOpError("has a block without a terminator");
  }
  if (usedBeforeDefined)
    return func->emitOpError("uses a value before its definition (internal error)");
  l = func->getLoc();
  if (!resumeBlocks.empty() && !mayYield)
    return func->emitOpError("suspends but was not found suspendable (internal error)");

  if (mayYield) {
    b.setInsertionPointToEnd(resumeDispatch);
    Value point = load(rp);
    for (auto [k, target] : llvm::enumerate(resumeBlocks))
      branchIf(cmp(emitc::CmpPredicate::eq, point, i32c(static_cast<int64_t>(k) + 1)), target);
    assign(st, call(t.status, "kiln_fail", {exec, lit(t.i32, "KILN_STATUS_INTERNAL"),
                                            str("bad resume point"), lit(t.locPtr, "NULL")}));
    br(cleanup);

    // Suspending: move every local into the frame; it stays on the stack.
    b.setInsertionPointToEnd(suspend);
    assign(frame, castTo(cast<emitc::LValueType>(frame.getType()).getValueType(), load(fh)));
    for (Value v : refValues) assign(memberOfPtr(frame, field(v), t.ref), get(v));
    for (Value v : scalarValues) assign(memberOfPtr(frame, field(v), t.of(v.getType())), get(v));
    callVoid("kiln_frame_suspend", {exec, load(rp)});
    emitc::ReturnOp::create(b, l, lit(t.status, "KILN_DEFERRED"));
  }

  b.setInsertionPointToEnd(cleanup);
  for (Value v : refValues) release(get(v));
  for (Value v : refTemps) release(load(v));
  if (lightFrame) {
    Value status = call(t.status, "kiln_light_leave",
                        {exec, load(st), functionIndex, load(memberOfPtr(fh, "loc", t.locPtr))});
    if (pair) {
      assign(member(pair, "st", t.status), status);
      emitc::ReturnOp::create(b, l, load(pair));
    } else {
      emitc::ReturnOp::create(b, l, status);
    }
  } else {
    if (!frameless) callVoid("kiln_frame_leave", {exec, load(st)});
    emitc::ReturnOp::create(b, l, load(st));
  }
  return success();
}

std::string ModuleEmitter::locGlobal(Operation *before, const std::string &init, bool shared) {
  if (shared) {
    auto found = sharedLocs.find(init);
    if (found != sharedLocs.end()) return found->second;
  }
  std::string name = prefix + "loc" + std::to_string(locCount++);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(before);
  auto global = emitc::GlobalOp::create(b, l, name, t->loc,
                                        emitc::OpaqueAttr::get(ctx, init),
                                        /*extern_specifier=*/false, /*static_specifier=*/true,
                                        /*const_specifier=*/false);
  (void)global;
  if (shared) sharedLocs[init] = name;
  return name;
}

std::string ModuleEmitter::structType(Operation *before, ArrayRef<std::string> fields,
                                      StringRef hint) {
  std::string name = prefix + hint.str() + std::to_string(structCount++) + "_t";
  std::string text = "typedef struct {";
  for (const std::string &f : fields) text += " " + f + ";";
  text += " } " + name + ";";
  OpBuilder::InsertionGuard guard(b);
  if (before) b.setInsertionPoint(before);
  verbatim(text);
  return name;
}

emitc::FuncOp ModuleEmitter::declareFunction(Operation *f) {
  auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
  StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
  SmallVector<Type> inputs{t->exec, t->state};
  if (light.contains(sym)) inputs.push_back(t->i32); // light frames below this one
  for (Type in : type.getInputs()) inputs.push_back(t->of(in));
  Type result = t->status;
  auto pair = pairReturn.find(sym);
  if (pair != pairReturn.end()) {
    result = emitc::OpaqueType::get(ctx, pair->second);
    OpBuilder::InsertionGuard guard(b);
    if (firstFunction) b.setInsertionPoint(firstFunction);
    verbatim("typedef struct { kiln_status_t st; " +
             std::string(cType(kindOf(type.getResult(0)))) + " r0; } " + pair->second + ";");
  } else {
    for (Type r : type.getResults()) inputs.push_back(emitc::PointerType::get(t->of(r)));
  }
  auto cfunc = emitc::FuncOp::create(b, f->getLoc(), fnName(sym),
                                     FunctionType::get(ctx, inputs, {result}));
  if (!firstFunction) firstFunction = cfunc;
  cfunc.setSpecifiersAttr(b.getStrArrayAttr({"KILN_MODULE_MAYBE_UNUSED", "static"}));
  return cfunc;
}


// Export entry points: packed arguments and results -> the typed C call. A
// resumed call passes no arguments (the function reloads its frame instead).
LogicalResult ModuleEmitter::emitEntry(Operation *f, StringRef entryName) {
  auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
  StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
  Location loc = f->getLoc();
  SmallVector<std::string> inFields, outFields;
  for (auto [i, in] : llvm::enumerate(type.getInputs()))
    inFields.push_back(std::string(cType(kindOf(in))) + " a" + std::to_string(i));
  for (auto [i, r] : llvm::enumerate(type.getResults()))
    outFields.push_back(std::string(cType(kindOf(r))) + " r" + std::to_string(i));
  std::string inType = inFields.empty() ? "" : structType(nullptr, inFields, "in");
  std::string outType = outFields.empty() ? "" : structType(nullptr, outFields, "out");

  auto efunc = emitc::FuncOp::create(
      b, loc, entryName,
      FunctionType::get(ctx, {t->exec, t->voidPtr, t->constVoidPtr, t->voidPtr}, {t->status}));
  efunc.setSpecifiersAttr(b.getStrArrayAttr({"static"}));
  Block *body = efunc.addEntryBlock();
  OpBuilder fb = OpBuilder::atBlockEnd(body);
  Value exec = body->getArgument(0), args = body->getArgument(2),
        results = body->getArgument(3);
  auto variable = [&](Type type) {
    return emitc::VariableOp::create(fb, loc, emitc::LValueType::get(type),
                                     emitc::OpaqueAttr::get(ctx, "NULL"));
  };
  auto lit = [&](Type type, StringRef text) {
    return emitc::LiteralOp::create(fb, loc, type, text);
  };
  Value state = emitc::CastOp::create(fb, loc, t->state, body->getArgument(1));
  SmallVector<Value> resultPtrs;
  if (outType.empty()) {
    emitc::VerbatimOp::create(fb, loc, fb.getStringAttr("(void){};"), ValueRange{results});
  } else {
    Type outPtr = emitc::PointerType::get(emitc::OpaqueType::get(ctx, outType));
    Value out = variable(outPtr);
    emitc::AssignOp::create(fb, loc, out, emitc::CastOp::create(fb, loc, outPtr, results));
    for (auto [i, r] : llvm::enumerate(type.getResults())) {
      Type rt = t->of(r);
      Value field = emitc::MemberOfPtrOp::create(fb, loc, emitc::LValueType::get(rt),
                                                 "r" + std::to_string(i), out);
      resultPtrs.push_back(
          emitc::AddressOfOp::create(fb, loc, emitc::PointerType::get(rt), field));
    }
  }
  emitc::FuncOp callee = cfuncs.lookup(sym);
  auto pairType = pairReturn.find(sym);
  auto callWith = [&](ArrayRef<Value> arguments) {
    SmallVector<Value> operands{exec, state};
    if (light.contains(sym)) operands.push_back(lit(t->i32, "0"));
    operands.append(arguments.begin(), arguments.end());
    if (pairType == pairReturn.end()) {
      operands.append(resultPtrs.begin(), resultPtrs.end());
      Value status = emitc::CallOp::create(fb, loc, callee, operands).getResult(0);
      emitc::ReturnOp::create(fb, loc, status);
      return;
    }
    // {status, result}: the result goes out whatever the status (the
    // runtime reads results only after success).
    Type rt = t->of(type.getResult(0));
    Value returned = emitc::VariableOp::create(
        fb, loc, emitc::LValueType::get(emitc::OpaqueType::get(ctx, pairType->second)),
        emitc::OpaqueAttr::get(ctx, ""));
    emitc::AssignOp::create(fb, loc, returned,
                            emitc::CallOp::create(fb, loc, callee, operands).getResult(0));
    Value r0 = emitc::MemberOp::create(fb, loc, emitc::LValueType::get(rt), "r0", returned);
    emitc::AssignOp::create(fb, loc, emitc::DereferenceOp::create(
                                         fb, loc, emitc::LValueType::get(rt), resultPtrs[0]),
                            emitc::LoadOp::create(fb, loc, rt, r0));
    Value stField =
        emitc::MemberOp::create(fb, loc, emitc::LValueType::get(t->status), "st", returned);
    emitc::ReturnOp::create(fb, loc, emitc::LoadOp::create(fb, loc, t->status, stField));
  };
  if (inType.empty()) {
    emitc::VerbatimOp::create(fb, loc, fb.getStringAttr("(void){};"), ValueRange{args});
    callWith({});
    return success();
  }
  Type inPtr = emitc::PointerType::get(emitc::OpaqueType::get(ctx, "const " + inType));
  Value in = variable(inPtr);
  emitc::AssignOp::create(fb, loc, in, emitc::CastOp::create(fb, loc, inPtr, args));
  Value inValue = emitc::LoadOp::create(fb, loc, inPtr, in);
  Value isNull = emitc::CmpOp::create(fb, loc, t->i1, emitc::CmpPredicate::eq, inValue,
                                      lit(inPtr, "NULL"));
  Block *resumed = new Block(), *started = new Block();
  efunc.getBody().push_back(started);
  efunc.getBody().push_back(resumed);
  cf::CondBranchOp::create(fb, loc, isNull, resumed, started);
  fb.setInsertionPointToEnd(started);
  SmallVector<Value> fromArgs, zeros;
  for (auto [i, in_] : llvm::enumerate(type.getInputs())) {
    Type it = t->of(in_);
    Value field = emitc::MemberOfPtrOp::create(fb, loc, emitc::LValueType::get(it),
                                               "a" + std::to_string(i), in);
    fromArgs.push_back(emitc::LoadOp::create(fb, loc, it, field));
  }
  callWith(fromArgs);
  fb.setInsertionPointToEnd(resumed);
  for (Type in_ : type.getInputs())
    zeros.push_back(lit(t->of(in_), kindOf(in_) == Kind::Ref ? "NULL" : "0"));
  callWith(zeros);
  return success();
}

// State init: global initial values still on the globals (the preparation
// pipeline usually moves them into __init); deinit releases the ref globals.
void ModuleEmitter::emitStateFunctions(ArrayRef<Operation *> globalList) {
  Location loc = vm->getLoc();
  auto init = emitc::FuncOp::create(
      b, loc, prefix + "state_init",
      FunctionType::get(ctx, {t->exec, t->voidPtr}, {t->status}));
  init.setSpecifiersAttr(b.getStrArrayAttr({"static"}));
  {
    Block *body = init.addEntryBlock();
    OpBuilder fb = OpBuilder::atBlockEnd(body);
    Value state = body->getArgument(1);
    emitc::VerbatimOp::create(fb, loc, fb.getStringAttr("(void){};"),
                              ValueRange{body->getArgument(0)});
    emitc::VerbatimOp::create(fb, loc, fb.getStringAttr("(void){};"), ValueRange{state});
    for (Operation *g : globalList) {
      Attribute initial = g->getAttr("initial_value");
      int64_t slot = globalSlots.lookup(g->getAttrOfType<StringAttr>("sym_name").getValue());
      std::string literal, suffix;
      Type valueType;
      if (auto i = dyn_cast_or_null<IntegerAttr>(initial)) {
        bool is64 = i.getType().isInteger(64);
        literal = intLiteral(i.getValue().getSExtValue(), is64);
        suffix = is64 ? "i64" : "i32";
        valueType = is64 ? t->i64 : t->i32;
      } else if (auto fl = dyn_cast_or_null<FloatAttr>(initial)) {
        bool isF32 = fl.getType().isF32();
        literal = floatLiteral(fl.getValueAsDouble(), isF32);
        suffix = isF32 ? "f32" : "f64";
        valueType = isF32 ? t->f32 : t->f64;
      }
      if (literal.empty()) continue;
      Value bytes = emitc::CallOpaqueOp::create(fb, loc, TypeRange{t->bytes}, "kiln_state_bytes",
                                                ValueRange{state})
                        .getResult(0);
      emitc::CallOpaqueOp::create(
          fb, loc, TypeRange{}, "kiln_store_" + suffix,
          ValueRange{bytes, emitc::LiteralOp::create(fb, loc, t->u64, std::to_string(slot) + "u"),
                     emitc::LiteralOp::create(fb, loc, valueType, literal)});
    }
    emitc::ReturnOp::create(fb, loc, emitc::LiteralOp::create(fb, loc, t->status, "KILN_OK"));
  }
  auto deinit = emitc::FuncOp::create(
      b, loc, prefix + "state_deinit", FunctionType::get(ctx, {t->services, t->voidPtr}, {}));
  deinit.setSpecifiersAttr(b.getStrArrayAttr({"static"}));
  {
    Block *body = deinit.addEntryBlock();
    OpBuilder fb = OpBuilder::atBlockEnd(body);
    if (globalRefs) {
      emitc::CallOpaqueOp::create(
          fb, loc, TypeRange{}, "kiln_state_release_refs",
          ValueRange{body->getArgument(0), body->getArgument(1),
                     emitc::LiteralOp::create(fb, loc, t->i64, std::to_string(refsOffset)),
                     emitc::LiteralOp::create(fb, loc, t->i64, std::to_string(globalRefs))});
    } else {
      for (Value a : body->getArguments())
        emitc::VerbatimOp::create(fb, loc, fb.getStringAttr("(void){};"), ValueRange{a});
    }
    emitc::ReturnOp::create(fb, loc, Value());
  }
}

FailureOr<OwningOpRef<ModuleOp>> ModuleEmitter::run() {
  ctx->getOrLoadDialect<emitc::EmitCDialect>();
  ctx->getOrLoadDialect<cf::ControlFlowDialect>();
  auto nameAttr = vm->getAttrOfType<StringAttr>("sym_name");
  if (!nameAttr) return vm->emitOpError("has no name");
  StringRef moduleName = nameAttr.getValue();
  prefix = cIdent(moduleName) + "_";
  t = std::make_unique<CTypes>(ctx, prefix);
  SmallVector<Operation *> funcList, exportList, importList, globalList, rodataList;
  for (Operation &op : vm->getRegion(0).front()) {
    StringRef n = op.getName().getStringRef();
    if (n == "vm.func") {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      funcIndex[s] = funcList.size();
      funcList.push_back(&op);
      funcs[s] = &op;
    } else if (n == "vm.export") {
      exportList.push_back(&op);
    } else if (n == "vm.import") {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      importOrdinals[s] = importList.size();
      imports[s] = &op;
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
  for (Operation *f : funcList) {
    StringRef s = f->getAttrOfType<StringAttr>("sym_name").getValue();
    if (!lightFramesEnabled || suspendable.contains(s)) continue;
    bool frameless = true;
    f->walk([&](Operation *op) {
      if (op != f && op->getParentOp() == f) frameless = frameless && isFramelessOp(*op);
    });
    if (!frameless) light.insert(s);
    auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    if (light.contains(s) && type.getNumResults() == 1 &&
        kindOf(type.getResult(0)) != Kind::Ref)
      pairReturn[s] = prefix + "ret_" + cIdent(s) + "_t";
  }

  // Globals: the ordinals from ordinal allocation (byte offsets for scalars).
  for (Operation *g : globalList) {
    StringRef s = g->getAttrOfType<StringAttr>("sym_name").getValue();
    auto ordinal = g->getAttrOfType<IntegerAttr>("ordinal");
    if (!ordinal)
      return g->emitOpError("has no ordinal; the C target needs the preparation pipeline");
    int64_t slot = ordinal.getInt();
    globalSlots[s] = slot;
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
  refsOffset = std::max<int64_t>((globalBytes + 15) / 16 * 16, 16);

  out = ModuleOp::create(l);
  b.setInsertionPointToEnd(out->getBody());
  verbatim("/* Generated by vm-translate --vm-to-c from vm.module @" + moduleName +
           " (vm -> emitc -> C). Do not edit.\n * Build: cc -std=c11 -O2 -shared -fPIC -I "
           "runtime/include x.c -lm -o x.so */");
  emitc::IncludeOp::create(b, l, "stdbool.h", /*is_standard_include=*/true);
  emitc::IncludeOp::create(b, l, "kiln/c/module.h", false);
  emitc::IncludeOp::create(b, l, "kiln/c/ops.h", false);
  bool prints = false;
  vm->walk([&](Operation *op) { prints |= op->getName().getStringRef() == "vm.print"; });
  if (prints) emitc::IncludeOp::create(b, l, "kiln/c/print.h", false);

  // State: the scalar globals' bytes, then the ref globals (module.h).
  verbatim("typedef struct {\n  uint8_t gb[" + Twine(refsOffset) + "];\n  kiln_ref_t gr[" +
           Twine(std::max<int64_t>(globalRefs, 1)) + "];\n} " + prefix + "state_t;");

  // Rodata.
  for (Operation *r : rodataList) {
    std::string n = prefix + "rodata_" + cIdent(r->getAttrOfType<StringAttr>("sym_name").getValue());
    std::string bytes;
    Attribute value = r->getAttr("value");
    if (auto s = dyn_cast_or_null<StringAttr>(value)) {
      bytes = s.getValue().str();
    } else if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
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
    // Verbatim rather than emitc.global, which cannot carry the alignment
    // the .vmfb honours too (vm-verify-target-limits checked the range).
    auto alignment = r->getAttrOfType<IntegerAttr>("alignment");
    verbatim(emitAlignedRodata(n, bytes, alignment ? alignment.getValue().getZExtValue() : 0));
  }

  // Functions: prototypes, then bodies (each preceded by its locations).
  for (Operation *f : funcList)
    cfuncs[f->getAttrOfType<StringAttr>("sym_name").getValue()] = declareFunction(f);
  if (!funcList.empty()) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(cfuncs.lookup(funcList.front()->getAttrOfType<StringAttr>("sym_name")
                                          .getValue()));
    // Prototypes as emitc.verbatim, in the form translateToCpp prints an
    // emitc.declare_func: printing a declare_func looks its function up by
    // a scan of the whole module, which made modules of thousands of
    // functions (and their location globals) quadratic to print.
    for (Operation *f : funcList) {
      emitc::FuncOp cfunc = cfuncs.lookup(f->getAttrOfType<StringAttr>("sym_name").getValue());
      std::string text = "KILN_MODULE_MAYBE_UNUSED static " +
                         cTypeName(cfunc.getFunctionType().getResult(0)) + " " +
                         cfunc.getSymName().str() + "(";
      for (auto [i, in] : llvm::enumerate(cfunc.getFunctionType().getInputs()))
        text += (i ? ", " : "") + cTypeName(in) + " v" + std::to_string(i + 1);
      verbatim(text + ");");
    }
  }
  for (Operation *f : funcList) {
    FunctionEmitter fe(*this, f, cfuncs.lookup(f->getAttrOfType<StringAttr>("sym_name").getValue()));
    if (failed(fe.run())) return failure();
  }

  // Export entry points.
  llvm::StringMap<std::string> entryOf; // function symbol -> entry function
  for (Operation *e : exportList) {
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    Operation *f = funcs.lookup(fnSym);
    if (!f) return e->emitOpError("exports an unknown function");
    if (entryOf.count(fnSym)) continue;
    std::string entry = prefix + "e_" + cIdent(fnSym);
    entryOf[fnSym] = entry;
    if (failed(emitEntry(f, entry))) return failure();
  }
  emitStateFunctions(globalList);

  // Tables and descriptor.
  auto table = [&](StringRef name, StringRef elementType, ArrayRef<std::string> rows) {
    std::string init = "{\n";
    for (const std::string &row : rows) init += "  " + row + ",\n";
    init += "}";
    emitc::GlobalOp::create(
        b, l, name,
        emitc::ArrayType::get({static_cast<int64_t>(rows.size())},
                              emitc::OpaqueType::get(ctx, elementType)),
        emitc::OpaqueAttr::get(ctx, init), false, true, true);
  };
  if (!importList.empty()) {
    SmallVector<std::string> rows;
    for (Operation *i : importList) {
      auto type = cast<FunctionType>(i->getAttrOfType<TypeAttr>("function_type").getValue());
      rows.push_back("{" + cString(i->getAttrOfType<StringAttr>("sym_name").getValue()) + ", " +
                     cString(importSignatureOf(i, type)) + ", " +
                     (i->hasAttr("is_optional") ? "KILN_IMPORT_OPTIONAL" : "0") + "}");
    }
    table(prefix + "imports", "kiln_import_desc_t", rows);
  }
  if (!funcList.empty()) {
    SmallVector<std::string> rows;
    for (Operation *f : funcList) {
      StringRef s = f->getAttrOfType<StringAttr>("sym_name").getValue();
      auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
      std::string entry = entryOf.count(s) ? entryOf.lookup(s) : "NULL";
      std::string row = "{" + cString(s) + ", " + cString(signatureOf(type)) + ", " + entry + ", ";
      if (suspendable.contains(s)) {
        unsigned refs = 0;
        for (Block &block : f->getRegion(0)) {
          for (BlockArgument a : block.getArguments()) refs += kindOf(a.getType()) == Kind::Ref;
          for (Operation &op : block)
            for (Value r : op.getResults()) refs += kindOf(r.getType()) == Kind::Ref;
        }
        row += "sizeof(" + prefix + "frame_" + cIdent(s) + "_t), " + std::to_string(refs) + "}";
      } else {
        row += "sizeof(kiln_frame_header_t), 0}";
      }
      rows.push_back(row);
    }
    table(prefix + "functions", "kiln_function_desc_t", rows);
  }
  if (!exportList.empty()) {
    SmallVector<std::string> rows;
    for (Operation *e : exportList) {
      StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
      StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
      auto type = cast<FunctionType>(
          funcs.lookup(fnSym)->getAttrOfType<TypeAttr>("function_type").getValue());
      rows.push_back("{" + cString(exportName) + ", " + cString(signatureOf(type)) + ", " +
                     std::to_string(funcIndex.lookup(fnSym)) + "}");
    }
    table(prefix + "exports", "kiln_export_desc_t", rows);
  }
  uint32_t version = 0;
  if (auto ver = vm->getAttrOfType<IntegerAttr>("version")) version = ver.getInt();
  std::string descriptor;
  llvm::raw_string_ostream d(descriptor);
  d << "{\n  KILN_MODULE_ABI_VERSION, sizeof(kiln_module_desc_t),\n  " << cString(moduleName)
    << ", " << version << "u,\n  " << importList.size() << ", "
    << (importList.empty() ? "NULL" : prefix + "imports") << ",\n  " << exportList.size()
    << ", " << (exportList.empty() ? "NULL" : prefix + "exports") << ",\n  " << funcList.size()
    << ", " << (funcList.empty() ? "NULL" : prefix + "functions") << ",\n  sizeof(" << prefix
    << "state_t), " << prefix << "state_init, " << prefix << "state_deinit,\n"
    << "  KILN_MODULE_BUILD_FLAGS,\n}";
  emitc::GlobalOp::create(b, l, prefix + "descriptor",
                          emitc::OpaqueType::get(ctx, "const kiln_module_desc_t"),
                          emitc::OpaqueAttr::get(ctx, descriptor), false, true, false);
  // The module's entry symbols (fixed ABI; see kiln/c/module.h).
  verbatim("/* For static linking: register with kiln::cmodule::register_static_module. */\n"
           "const kiln_module_desc_t* " + prefix + "kiln_module(void);\n"
           "const kiln_module_desc_t* " + prefix + "kiln_module(void) { return &" + prefix +
           "descriptor; }\n"
           "#if !defined(KILN_MODULE_NO_ENTRY)\n"
           "const kiln_module_desc_t* kiln_module_v1_get(void);\n"
           "const kiln_module_desc_t* kiln_module_v1_get(void) { return &" + prefix +
           "descriptor; }\n#endif");
  if (failed(mlir::verify(*out))) return failure();
  return std::move(out);
}

} // namespace

FailureOr<OwningOpRef<ModuleOp>> convertVMToEmitC(Operation *vmModule) {
  ModuleEmitter emitter(vmModule);
  return emitter.run();
}

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
            if (vmModule) return op->emitError("--vm-to-c translates one vm.module at a time");
            vmModule = &child;
          }
  }
  if (!vmModule) return op->emitError("--vm-to-c expects a vm.module");
  if (failed(vm::verifyTargetLimits(vmModule))) return failure();
  FailureOr<OwningOpRef<ModuleOp>> emitc = convertVMToEmitC(vmModule);
  if (failed(emitc)) return failure();
  // Fold single-use loads, casts and calls into the C expressions that use
  // them, so the C reads like hand-written code instead of one temporary
  // per op.
  // Reads nothing uses (an operand loaded on a path that turned out not to
  // need it) would print as set-but-unused C variables.
  emitc->get()->walk<WalkOrder::PostOrder, mlir::ReverseIterator>([](Operation *op) {
    if (isa<emitc::LoadOp, emitc::LiteralOp, emitc::CastOp, emitc::CmpOp, emitc::GetGlobalOp,
            emitc::AddressOfOp, emitc::MemberOp, emitc::MemberOfPtrOp>(op) &&
        op->use_empty())
      op->erase();
  });
  // `(void)x;` keeps a variable or parameter nothing reads quiet under
  // -Wunused; where something does read it, drop the noise.
  emitc->get()->walk([](emitc::VerbatimOp verbatim) {
    if (verbatim.getValue() != "(void){};" || verbatim.getFmtArgs().size() != 1) return;
    Value v = verbatim.getFmtArgs()[0];
    bool read = llvm::any_of(v.getUsers(), [&](Operation *user) {
      if (isa<emitc::VerbatimOp>(user)) return false;
      auto assign = dyn_cast<emitc::AssignOp>(user);
      return !assign || assign.getValue() == v;
    });
    if (read) verbatim.erase();
  });
  if (formExpressionsEnabled) {
    PassManager pm(op->getContext());
    pm.addNestedPass<emitc::FuncOp>(emitc::createFormExpressionsPass());
    if (failed(pm.run(emitc->get()))) return failure();
  }
  return emitc::translateToCpp(emitc->get(), os, /*declareVariablesAtTop=*/true);
}

void registerVMToCTranslation() {
  static llvm::cl::opt<bool> noPreparation(
      "vm-c-no-preparation",
      llvm::cl::desc("Translate the input as is, without the preparation pipeline "
                     "(the module must already be prepared)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> lightFrames(
      "vm-c-light-frames",
      llvm::cl::desc("Give functions that can fail or call but never suspend a "
                     "light frame (kiln_light_enter) instead of a VM frame "
                     "through the services (off: for A/B measurements)"),
      llvm::cl::init(true));
  static llvm::cl::opt<bool> formExpressions(
      "vm-c-form-expressions",
      llvm::cl::desc("Fold single-use emitc ops into C expressions before printing"),
      llvm::cl::init(true));
  auto registerDialects = [](DialectRegistry &registry) {
    registerKilnDialects(registry);
    registry.insert<emitc::EmitCDialect, cf::ControlFlowDialect>();
  };
  registerTranslationFromText(
      "vm-to-c", "translate a vm.module to C (kiln/c/module.h ABI) through emitc",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions()))) return failure();
        lightFramesEnabled = lightFrames;
        formExpressionsEnabled = formExpressions;
        return translateVMToC(op, os, !noPreparation);
      },
      registerDialects);
  // The emitc form itself, for inspection and lit tests of the conversion.
  registerTranslationFromText(
      "vm-to-emitc", "convert a vm.module to the emitc dialect (printed as MLIR)",
      [](Operation *op, raw_ostream &os) -> LogicalResult {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions()))) return failure();
        lightFramesEnabled = lightFrames;
        if (!noPreparation) {
          PassManager pm(op->getContext(), op->getName().getStringRef());
          buildVMBytecodePreparationPipeline(pm);
          if (failed(pm.run(op))) return failure();
        }
        Operation *vmModule = op->getName().getStringRef() == "vm.module" ? op : nullptr;
        if (!vmModule)
          op->walk([&](Operation *child) {
            if (!vmModule && child->getName().getStringRef() == "vm.module") vmModule = child;
          });
        if (!vmModule) return op->emitError("--vm-to-emitc expects a vm.module");
        FailureOr<OwningOpRef<ModuleOp>> emitc = convertVMToEmitC(vmModule);
        if (failed(emitc)) return failure();
        emitc->get()->print(os);
        os << "\n";
        return success();
      },
      registerDialects);
  registerInputConversionCLOptions();
}

} // namespace mlir::kiln
