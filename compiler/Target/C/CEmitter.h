//===- CEmitter.h - The C target's emitters ---------------------*- C++ -*-===//
//
// The classes that build the emitc module of a vm.module (see VMToC.cpp for
// the shape of the emitted C). FunctionEmitter is split over files by op
// group: FunctionEmitter.cpp (values, blocks, faults, control flow, the
// function's frame), ScalarOps.cpp, MemoryOps.cpp (globals, buffers,
// lists), CallOps.cpp (calls and suspension); ModuleEmitter.cpp builds the
// module around them (state, entry points, descriptor).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_C_CEMITTER_H
#define KILN_COMPILER_TARGET_C_CEMITTER_H

#include "compiler/Analysis/SuspensionAnalysis.h"
#include "compiler/Target/C/CNames.h"
#include "compiler/Target/C/NativeShared.h"
#include "compiler/Target/C/VMToC.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir::kiln::ctarget {

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
  Value lfuel;              // a light function's fuel count (an lvalue)
  Value pair;               // the {status, result} being returned, if paired
  SmallVector<Value> params, resultPtrs;
  Value S, st, fh, rp, lf;             // lvalues
  llvm::DenseMap<Value, Value> vars;   // vm value -> lvalue
  llvm::DenseMap<Value, Value> direct; // vm value -> emitc value (isDirect)
  llvm::DenseSet<Value> liveAcrossSuspension;
  bool usedBeforeDefined = false, inUnreachableBlock = false;
  llvm::DenseMap<Value, int> valueIds; // vm value -> frame field number
  SmallVector<Value> refValues, scalarValues;
  SmallVector<Value> refTemps;             // extra ref lvalues, released at cleanup
  llvm::DenseMap<Block *, Block *> blocks; // vm block -> emitc block
  llvm::DenseMap<Operation *, int> opOffsets;
  llvm::SmallPtrSet<Block *, 8> stackCheckedBlocks; // stackCheckBeforeCall
  llvm::DenseMap<Operation *, std::string> opLocs;
  /// The block that records a location and leaves through cleanup, one per
  /// location: the status checks after calls at one place share it.
  llvm::StringMap<Block *> statusExits;
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
    auto op = emitc::CallOpaqueOp::create(b, l, result ? TypeRange(result) : TypeRange(), callee,
                                          operands);
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
  Value castTo(Type type, Value v) {
    return v.getType() == type ? v : emitc::CastOp::create(b, l, type, v);
  }
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
    if (!isDirect(vm))
      return load(vars.lookup(vm));
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
    if (!isDirect(vm))
      return addr(vars.lookup(vm));
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
  /// One unit of fuel at `op` (a call or a loop header's first op):
  /// kiln_fuel_tick (kiln_light_fuel_tick on a light function's local
  /// count), an error leaves through cleanup.
  void fuelTick(Operation *op) {
    if (lightFrame)
      assign(st, call(t.status, "kiln_light_fuel_tick", {exec, addr(lfuel)}));
    else
      assign(st, call(t.status, "kiln_fuel_tick", {exec}));
    checkStatus(op);
  }
  /// A small recursive light function's native stack check before the
  /// first call of each block (takesStackCheck of NativeShared.h); an
  /// error leaves through cleanup at `op`.
  void stackCheckBeforeCall(Operation *op);
  /// A light function's return word (kiln_light_return).
  Value lightReturn(Value status) {
    return call(t.lightRet, "kiln_light_return", {status, load(lfuel)});
  }
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
  /// Fails with the ref type error for `kind` at `op` when `ok` is 0; the
  /// ref is read in the failing path only.
  void failUnlessOk(Value ok, Value vmRef, StringRef kind, Operation *op);

  LogicalResult emitOp(Operation &op);
  // Op groups, each in its own file, chosen by op class; nullopt when `op`
  // is not one of the group's ops.
  std::optional<LogicalResult> emitScalarOp(Operation &op);
  std::optional<LogicalResult> emitControlOp(Operation &op);
  std::optional<LogicalResult> emitCallOp(Operation &op);
  LogicalResult emitRodataRef(Operation &op);
  LogicalResult emitCall(Operation &op, StringRef callee, ValueRange args,
                         ArrayRef<Type> resultTypes, ValueRange resultsTo, Block *dest,
                         ArrayRef<int16_t> segmentSizes);
  LogicalResult emitBufferOp(Operation &op);
  LogicalResult emitListOp(Operation &op);
  LogicalResult emitGlobalOp(Operation &op);
  LogicalResult emitPrint(Operation &op);
  /// A buffer's span in three variables (data, byte length, writable).
  struct Span {
    Value data, length, writable;
  };
  /// The span of vm buffer value `vmBuffer` (an operand of `op`), which
  /// must be a non-null vm.buffer: the cached span when it has one, else
  /// read now.
  Span spanOf(Operation *op, Value vmBuffer);
  Value bufferSpan(Operation *op, Value vmBuffer, Value &length, Value &writable);
  /// In a function that never suspends, a `!vm.buffer` value used in a loop
  /// has its span read once where the value is defined
  /// (kiln_buffer_span_of) into locals that nothing else can write, so the C
  /// compiler keeps them in registers and hoists what depends on them out
  /// of the loop; accesses check only `ok` (and their index). Other values
  /// read the span at each access.
  struct CachedSpan {
    Value ok;
    Span span;
  };
  llvm::DenseSet<Value> spanInLoop;
  llvm::DenseMap<Value, CachedSpan> spans;
  void cacheSpan(Value vm);
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
  ModuleEmitter(Operation *vmModule, const CTargetOptions &options)
      : vm(vmModule), options(options), ctx(vmModule->getContext()), b(ctx), l(vmModule->getLoc()) {
  }
  /// Builds the module; with a sink, hands each finished top-level op to it
  /// and drops it (a function keeps an empty shell: later code asks for its
  /// name and type).
  FailureOr<OwningOpRef<ModuleOp>> run(EmitCPieceSink sink = nullptr);

  Operation *vm;
  CTargetOptions options;
  MLIRContext *ctx;
  OpBuilder b;
  Location l;
  std::unique_ptr<CTypes> t;
  OwningOpRef<ModuleOp> out;
  std::string prefix; // C identifier prefix: module name + '_'
  llvm::StringMap<Operation *> funcs;
  llvm::StringMap<int> funcIndex;
  // Frame kinds, suspension, recursion and stack checks (NativeShared.h).
  std::unique_ptr<vm::SuspensionAnalysis> suspension;
  llvm::StringSet<> light, recursive, gatedStackCheck;
  int64_t stackMargin = 0;
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
  EmitCPieceSink sink;
  Operation *lastFlushed = nullptr; // the last op handed to `sink`

  /// With a sink: verifies and hands over every op of `out` after
  /// `lastFlushed` through `last` (the whole rest when null).
  LogicalResult flushThrough(Operation *last);

  std::string fnName(StringRef s) const { return prefix + "f_" + cIdent(s); }
  /// A call of a function of this module. emitc.call_opaque rather than
  /// emitc.call: the C printer resolves each emitc.call's callee by a linear
  /// scan of the module's symbols, quadratic in the number of functions.
  Value callFunction(OpBuilder &builder, Location loc, emitc::FuncOp callee,
                     ValueRange operands) const {
    return emitc::CallOpaqueOp::create(builder, loc, callee.getFunctionType().getResults(),
                                       callee.getSymName(), operands)
        .getResult(0);
  }
  void verbatim(const Twine &text) { emitc::VerbatimOp::create(b, l, text.str()); }
  /// Text that appears once in the C (a #line, a location's name or
  /// initializer), for an emitc attribute. Streaming, it waits in
  /// `placedTexts` and the attribute holds only a marker (kPlacedTextMark,
  /// its index, kPlacedTextMark) that the sink swaps back while printing the
  /// piece: markers repeat from piece to piece, so the context does not keep
  /// a uniqued string per op of a large module. Without a sink, the text.
  std::string placeText(std::string text);
  std::vector<std::string> placedTexts; // of the piece being built
  /// A static const kiln_source_loc_t placed before `before`; returns its name.
  std::string locGlobal(Operation *before, const std::string &init, bool shared);
  /// A struct typedef placed before `before`; returns its type name.
  std::string structType(Operation *before, ArrayRef<std::string> fields, StringRef hint);
  emitc::FuncOp declareFunction(Operation *f);
  LogicalResult emitEntry(Operation *f, StringRef entryName);
  void emitStateFunctions(ArrayRef<Operation *> globalList);
};

} // namespace mlir::kiln::ctarget

#endif // KILN_COMPILER_TARGET_C_CEMITTER_H
