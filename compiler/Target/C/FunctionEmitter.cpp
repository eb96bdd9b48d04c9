//===- FunctionEmitter.cpp - C target: one vm.func as one emitc.func ------===//
//
// The per-function emitter: values and their variables, source locations,
// faults and the error path, block edges, control flow, and the function's
// frame (none, light, or a VM frame with a resume state machine).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"

#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln::ctarget {

using namespace mlir::kiln::vm;

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
  if (it != opLocs.end())
    return it->second;
  SmallVector<std::pair<FileLineColLoc, std::string>> chain;
  decomposeLocation(op->getLoc(), /*inlinedFrom=*/"", chain);
  auto init = [&](const std::pair<FileLineColLoc, std::string> &position, int64_t offset,
                  const std::string &caller) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << "{";
    if (position.first)
      os << cString(position.first.getFilename().getValue()) << ", " << position.first.getLine()
         << ", " << position.first.getColumn();
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

Value FunctionEmitter::locAddr(Operation *op) {
  // A literal, not emitc.get_global: the C printer resolves every
  // get_global by a linear scan of the module's symbols, which made
  // translation quadratic in the number of functions.
  return emitc::LiteralOp::create(b, l, emitc::PointerType::get(t.loc),
                                  m.placeText("&" + locFor(op)));
}

void FunctionEmitter::lineDirective(Operation *op) {
  auto fl = fileLoc(op->getLoc());
  if (fl && fl.getLine() > 0)
    emitc::VerbatimOp::create(
        b, l,
        m.placeText(
            ("#line " + Twine(fl.getLine()) + " " + cString(fl.getFilename().getValue())).str()));
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

void FunctionEmitter::faultIf(Value cond, Operation *op, StringRef kind, ArrayRef<Value> operands) {
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
  Block *&fail = statusExits[locFor(op)];
  bool fresh = !fail;
  if (fresh)
    fail = newColdBlock();
  branchIf(cmp(emitc::CmpPredicate::ne, load(st), lit(t.status, "KILN_OK")), fail);
  if (!fresh)
    return;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::setOwned(Value vm, Value value) {
  if (kindOf(vm.getType()) != Kind::Ref)
    return setCopy(vm, value);
  Value var = vars.lookup(vm);
  release(load(var));
  assign(var, value);
}

void FunctionEmitter::setCopy(Value vm, Value value) {
  if (isDirect(vm))
    direct[vm] = value;
  else if (kindOf(vm.getType()) == Kind::Ref)
    refAssign(vars.lookup(vm), value);
  else
    assign(vars.lookup(vm), value);
}

// Block arguments as a parallel copy: every operand is loaded (and a ref
// retained) before any destination is written.
void FunctionEmitter::edge(Block *dest, ValueRange operands) {
  SmallVector<Value> values;
  for (Value operand : operands) {
    Value v = get(operand);
    if (kindOf(operand.getType()) == Kind::Ref)
      retain(v);
    values.push_back(v);
  }
  for (auto [arg, v] : llvm::zip(dest->getArguments(), values))
    setOwned(arg, v);
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
  if (typeName.empty())
    return;
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

void FunctionEmitter::failUnlessOk(Value ok, Value vmRef, StringRef kind, Operation *op) {
  Block *fail = newColdBlock();
  branchIf(cmp(emitc::CmpPredicate::eq, ok, i32c(0)), fail);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(fail);
  assign(st, call(t.status, "kiln_ref_kind_error", {exec, get(vmRef), lit(t.i32, kind)}));
  setLoc(op);
  br(cleanup);
}

void FunctionEmitter::cacheSpan(Value vm) {
  if (!spanInLoop.contains(vm))
    return;
  CachedSpan cached{variable(t.i32, "0"),
                    {variable(t.bytes, "NULL"), variable(t.u64, "0"), variable(t.i32, "0")}};
  assign(cached.ok, call(t.i32, "kiln_buffer_span_of",
                         {exec, get(vm), addr(cached.span.data), addr(cached.span.length),
                          addr(cached.span.writable)}));
  spans[vm] = cached;
}

LogicalResult FunctionEmitter::emitOp(Operation &op) {
  if (!isa_and_present<VMDialect>(op.getDialect()))
    return op.emitOpError("is not a vm op; the C target only translates vm");
  l = op.getLoc();
  lineDirective(&op);
  if (std::optional<LogicalResult> done = emitScalarOp(op))
    return *done;

  if (isa<GlobalAddressOp, GlobalLoadI32Op, GlobalLoadI64Op, GlobalLoadF32Op, GlobalLoadF64Op,
          GlobalLoadRefOp, GlobalLoadIndirectI32Op, GlobalLoadIndirectI64Op,
          GlobalLoadIndirectF32Op, GlobalLoadIndirectF64Op, GlobalLoadIndirectRefOp,
          GlobalStoreI32Op, GlobalStoreI64Op, GlobalStoreF32Op, GlobalStoreF64Op, GlobalStoreRefOp,
          GlobalStoreIndirectI32Op, GlobalStoreIndirectI64Op, GlobalStoreIndirectF32Op,
          GlobalStoreIndirectF64Op, GlobalStoreIndirectRefOp>(op))
    return emitGlobalOp(op);
  if (isa<BufferAllocOp, BufferCloneOp, BufferCompareOp, BufferCopyOp, BufferFillI8Op,
          BufferFillI16Op, BufferFillI32Op, BufferFillI64Op, BufferFillF32Op, BufferFillF64Op,
          BufferHashOp, BufferLengthOp, BufferLoadI8SOp, BufferLoadI8UOp, BufferLoadI16SOp,
          BufferLoadI16UOp, BufferLoadI32Op, BufferLoadI64Op, BufferLoadF32Op, BufferLoadF64Op,
          BufferStoreI8Op, BufferStoreI16Op, BufferStoreI32Op, BufferStoreI64Op, BufferStoreF32Op,
          BufferStoreF64Op>(op))
    return emitBufferOp(op);
  if (isa<ListAllocOp, ListGetI32Op, ListGetI64Op, ListGetF32Op, ListGetF64Op, ListGetRefOp,
          ListReserveOp, ListResizeOp, ListSetI32Op, ListSetI64Op, ListSetF32Op, ListSetF64Op,
          ListSetRefOp, ListSizeOp>(op))
    return emitListOp(op);

  if (std::optional<LogicalResult> done = emitControlOp(op))
    return *done;
  if (std::optional<LogicalResult> done = emitCallOp(op))
    return *done;
  return op.emitOpError("is not supported by the C target yet");
}

std::optional<LogicalResult> FunctionEmitter::emitControlOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };

  // Control flow.
  if (isa<BranchOp>(op)) {
    edge(op.getSuccessor(0), op.getOperands());
    return success();
  }
  if (isa<CondBranchOp>(op)) {
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
  if (isa<BranchTableOp>(op)) {
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
  if (isa<ReturnOp>(op)) {
    for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
      Value v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref)
        retain(v);
      if (pair)
        assign(member(pair, "r0", v.getType()), v);
      else
        assign(
            emitc::DereferenceOp::create(b, l, emitc::LValueType::get(v.getType()), resultPtrs[i]),
            v);
    }
    br(cleanup);
    return success();
  }
  if (isa<FailOp, CondFailOp>(op)) {
    auto msg = op.getAttrOfType<StringAttr>("message");
    StringRef message = msg ? msg.getValue() : StringRef("");
    if (isa<CondFailOp>(op)) {
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
  if (isa<CheckEQOp, CheckNEOp, CheckNZOp>(op)) {
    auto msg = op.getAttrOfType<StringAttr>("message");
    Value bad = isa<CheckNZOp>(op)
                    ? cmp(emitc::CmpPredicate::eq, arg(0), lit(arg(0).getType(), "0"))
                : isa<CheckEQOp>(op) ? cmp(emitc::CmpPredicate::ne, arg(0), arg(1))
                                     : cmp(emitc::CmpPredicate::eq, arg(0), arg(1));
    failIf(bad, &op, "KILN_STATUS_FAILED_PRECONDITION",
           msg ? msg.getValue() : StringRef("check failed"));
    return success();
  }
  // Debugging: vm.break / vm.cond_break continue at their destination (the
  // interpreter has no debugger to stop in either); vm.trace records
  // nothing without a tracer, as in the interpreter.
  if (isa<BreakOp, CondBreakOp>(op)) {
    Block *dest = op.getSuccessor(0);
    edge(dest, op.getOperands().take_back(dest->getNumArguments()));
    return success();
  }
  if (isa<TraceOp>(op))
    return success();
  // vm.discard.refs: release each ref now (the variable becomes NULL), as
  // the interpreter clears the register.
  if (isa<DiscardRefsOp>(op)) {
    for (Value operand : op.getOperands()) {
      if (Value var = vars.lookup(operand))
        callVoid("kiln_ref_reset", {services(), addr(var)});
    }
    return success();
  }
  if (isa<PrintOp>(op))
    return emitPrint(op);
  return std::nullopt;
}

// vm.print writes the same line the interpreter writes to stdout (through
// kiln/c/print.h, which a module built with KILN_MODULE_NO_STDIO compiles
// to nothing).
LogicalResult FunctionEmitter::emitPrint(Operation &op) {
  callVoid("kiln_print_begin", {str(op.getAttrOfType<StringAttr>("message").getValue())});
  for (Value value : op.getOperands()) {
    Type type = value.getType();
    Value v = get(value);
    if (type.isInteger(32))
      callVoid("kiln_print_i32", {v});
    else if (type.isInteger(64))
      callVoid("kiln_print_i64", {v});
    else if (isa<FloatType>(type))
      callVoid("kiln_print_f64", {type.isF32() ? castTo(t.f64, v) : v});
    else
      callVoid("kiln_print_ref", {v});
  }
  callVoid("kiln_print_end", {});
  return success();
}

LogicalResult FunctionEmitter::run() {
  Region &region = func->getRegion(0);
  if (region.empty())
    return func->emitOpError("has no body");
  mayYield = m.suspension->maySuspend(sym);
  if (mayYield)
    findLiveAcrossSuspension();
  // A loop counts fuel at its header, which can fail: not frameless.
  llvm::SmallPtrSet<Block *, 8> headers = loopHeaders(region);
  frameless = !mayYield && headers.empty();
  // Prepaid headers count nothing (vm-prepay-loop-fuel).
  llvm::SmallPtrSet<Block *, 8> fuelHeaders = fuelCountingHeaders(region);
  if (!mayYield) {
    llvm::SmallPtrSet<Block *, 16> loopBlocks = blocksInLoops(region);
    for (Block *block : loopBlocks)
      for (Operation &op : *block)
        for (Value operand : op.getOperands())
          if (StringRef(refKind(operand.getType())) == "KILN_REF_KIND_BUFFER")
            spanInLoop.insert(operand);
  }
  for (Block &block : region)
    for (Operation &op : block)
      frameless = frameless && isFramelessOp(op);
  lightFrame = m.light.contains(sym);
  if (lightFrame != (m.options.lightFrames && !frameless && !mayYield))
    return func->emitOpError("frame kind disagrees with the module's (internal error)");
  int index = m.funcIndex.lookup(sym);

  entry = cfunc.addEntryBlock();
  exec = entry->getArgument(0);
  state = entry->getArgument(1);
  unsigned first = 2;
  Value fuelParam;
  if (lightFrame) {
    depth = entry->getArgument(first++);
    fuelParam = entry->getArgument(first++);
  }
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
    if (isDirect(value))
      return;
    Value var = variable(t.of(k), k == Kind::Ref ? "NULL" : "0");
    vars[value] = var;
    valueIds[value] = valueCount++;
    (k == Kind::Ref ? refValues : scalarValues).push_back(value);
  };
  for (Block &block : region) {
    for (BlockArgument a : block.getArguments())
      declare(a);
    for (Operation &op : block) {
      opOffsets[&op] = opCount++;
      for (Value r : op.getResults())
        declare(r);
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
  if (mayYield)
    suspend = b.createBlock(&cfunc.getBody(), cfunc.getBody().end());
  for (Block &block : region)
    blocks[&block] = b.createBlock(cleanup);
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
      lfuel = variable(t.i64, "0");
      assign(lfuel, call(t.i64, "kiln_light_fuel_param", {fuelParam}));
      assign(st,
             call(t.status, "kiln_light_enter_fuel", {exec, depth, functionIndex, addr(lfuel)}));
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
        assign(member(pair, "st", t.lightRet), lightReturn(load(st)));
        emitc::ReturnOp::create(b, l, load(pair));
      } else {
        emitc::ReturnOp::create(b, l, lightFrame ? lightReturn(load(st)) : load(st));
      }
    }
    // Recursive or large frames: the native stack check (KILN_C_BOUNDED),
    // leaving room for the frames down to the next check. A small
    // recursive light function checks before its calls instead
    // (stackCheckBeforeCall), at every kStackCheckInterval-th light depth
    // only, which is 0 below every VM frame.
    if (!m.gatedStackCheck.contains(sym) &&
        (m.recursive.contains(sym) || int64_t(valueCount) * 8 > kLargeFrameBytes)) {
      // A light function's checks take its local fuel count through
      // exec->fuel across their (cold) runtime call (kiln/c/module.h).
      Value margin = i64c(m.stackMargin);
      if (lightFrame)
        assign(st, call(t.status, "kiln_stack_check_margin_fuel",
                        {exec, functionIndex, margin, addr(lfuel)}));
      else
        assign(st, call(t.status, "kiln_stack_check_margin", {exec, functionIndex, margin}));
      checkStatus(&region.front().front());
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
    for (Value v : refValues)
      text += "  kiln_ref_t " + field(v) + ";\n";
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
  for (auto [a, p] : llvm::zip(vmEntry.getArguments(), params))
    setCopy(a, p);
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
    if (!reachable.contains(&block))
      order.push_back(&block);
  for (Block *block : order) {
    inUnreachableBlock = !reachable.contains(block);
    b.setInsertionPointToEnd(blocks.lookup(block));
    if (fuelHeaders.contains(block) && !block->empty())
      fuelTick(&block->front()); // one unit per loop iteration
    for (BlockArgument a : block->getArguments())
      cacheSpan(a);
    for (Operation &op : *block) {
      if (failed(emitOp(op)))
        return failure();
      for (Value r : op.getResults())
        cacheSpan(r);
    }
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
    assign(st, call(t.status, "kiln_fail",
                    {exec, lit(t.i32, "KILN_STATUS_INTERNAL"), str("bad resume point"),
                     lit(t.locPtr, "NULL")}));
    br(cleanup);

    // Suspending: move every local into the frame; it stays on the stack.
    b.setInsertionPointToEnd(suspend);
    assign(frame, castTo(cast<emitc::LValueType>(frame.getType()).getValueType(), load(fh)));
    for (Value v : refValues)
      assign(memberOfPtr(frame, field(v), t.ref), get(v));
    for (Value v : scalarValues)
      assign(memberOfPtr(frame, field(v), t.of(v.getType())), get(v));
    callVoid("kiln_frame_suspend", {exec, load(rp)});
    emitc::ReturnOp::create(b, l, lit(t.status, "KILN_DEFERRED"));
  }

  b.setInsertionPointToEnd(cleanup);
  for (Value v : refValues)
    release(get(v));
  for (Value v : refTemps)
    release(load(v));
  if (lightFrame) {
    Value word =
        call(t.lightRet, "kiln_light_exit",
             {exec, load(st), functionIndex, load(memberOfPtr(fh, "loc", t.locPtr)), load(lfuel)});
    if (pair) {
      assign(member(pair, "st", t.lightRet), word);
      emitc::ReturnOp::create(b, l, load(pair));
    } else {
      emitc::ReturnOp::create(b, l, word);
    }
  } else {
    if (!frameless)
      callVoid("kiln_frame_leave", {exec, load(st)});
    emitc::ReturnOp::create(b, l, load(st));
  }
  return success();
}

} // namespace mlir::kiln::ctarget
