//===- LLVMFunction.cpp - LLVM target: one vm.func as one LLVM function ---===//
//
// Values and their allocas, source locations, faults and the error path,
// block edges, control flow, and the function's frame (none, light, or a VM
// frame with a resume state machine), following the C target's
// FunctionEmitter decision for decision (see LLVMEmitter.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/LLVMEmitter.h"

#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "kiln/c/module.h"

#include "mlir/IR/RegionGraphTraits.h"
#include "llvm/ADT/PostOrderIterator.h"

namespace mlir::kiln::llvmtarget {

using namespace mlir::kiln::vm;

int refKindOf(Type type) {
  if (auto rt = dyn_cast<vm::RefType>(type)) {
    if (isa<vm::BufferType>(rt.getObjectType()))
      return KILN_REF_KIND_BUFFER;
    if (isa<vm::ListType>(rt.getObjectType()))
      return KILN_REF_KIND_LIST;
  }
  return KILN_REF_KIND_ANY;
}

FunctionLowering::FunctionLowering(ModuleLowering &m, Operation *func, llvm::Function *fn)
    : m(m), func(func), fn(fn), b(m.ctx) {
  sym = func->getAttrOfType<StringAttr>("sym_name").getValue();
  type = m.vmType(func);
}

llvm::Value *FunctionLowering::call(StringRef name, ArrayRef<llvm::Value *> args) {
  return m.callHelper(b, name, args);
}

llvm::AllocaInst *FunctionLowering::slot(llvm::Type *type) {
  llvm::IRBuilder<> eb(entry);
  llvm::AllocaInst *a = eb.CreateAlloca(type);
  eb.CreateStore(llvm::Constant::getNullValue(type), a);
  return a;
}

llvm::BasicBlock *FunctionLowering::newBlock() {
  llvm::BasicBlock *current = b.GetInsertBlock();
  return llvm::BasicBlock::Create(m.ctx, "", fn, current->getNextNode());
}

void FunctionLowering::branchIf(llvm::Value *cond, llvm::BasicBlock *taken) {
  llvm::BasicBlock *next = newBlock();
  b.CreateCondBr(cond, taken, next);
  b.SetInsertPoint(next);
}

// One static location per op, numbered by the op's offset in its function
// (the C target's numbering, so traces agree). Inlined code gets a chain:
// the op's own position, then (through `caller`) each call site it was
// inlined at, sharing the caller structs.
llvm::Constant *FunctionLowering::locFor(Operation *op) {
  auto it = opLocs.find(op);
  if (it != opLocs.end())
    return it->second;
  SmallVector<std::pair<FileLineColLoc, std::string>> chain;
  ctarget::decomposeLocation(op->getLoc(), /*inlinedFrom=*/"", chain);
  llvm::Constant *null = llvm::ConstantPointerNull::get(llvm::PointerType::get(m.ctx, 0));
  auto init = [&](const std::pair<FileLineColLoc, std::string> &position, int64_t offset,
                  llvm::Constant *caller) -> llvm::Constant * {
    llvm::Constant *file = null;
    uint32_t line = 0, column = 0;
    if (position.first) {
      file = m.cString(position.first.getFilename().getValue());
      line = position.first.getLine();
      column = position.first.getColumn();
    }
    return llvm::ConstantStruct::get(
        m.locType,
        {file, b.getInt32(line), b.getInt32(column), b.getInt32(static_cast<uint32_t>(offset)),
         position.second.empty() ? null : m.cString(position.second), caller ? caller : null});
  };
  llvm::Constant *caller = nullptr;
  for (size_t i = chain.size(); i-- > 1;)
    caller = m.locGlobal(init(chain[i], -1, caller), /*shared=*/true);
  std::pair<FileLineColLoc, std::string> innermost =
      chain.empty() ? std::pair<FileLineColLoc, std::string>{} : chain.front();
  llvm::Constant *loc =
      m.locGlobal(init(innermost, opOffsets.lookup(op), caller), /*shared=*/false);
  opLocs[op] = loc;
  return loc;
}

llvm::Value *FunctionLowering::headerPtr() {
  if (lightFrame)
    return header;
  return load(frameSlot);
}

void FunctionLowering::setLoc(Operation *op) {
  if (frameless)
    return;
  // kiln_frame_header_t::loc is its first field.
  b.CreateStore(locFor(op), headerPtr());
}

void FunctionLowering::failWith(llvm::Value *status, Operation *op) {
  b.CreateStore(status, st);
  setLoc(op);
  b.CreateBr(cleanup);
}

void FunctionLowering::failIf(llvm::Value *cond, Operation *op, llvm::Value *code,
                              StringRef message) {
  // A light frame reports its position itself on the way out (make_status
  // would put it on the enclosing VM frame).
  auto fail = [&]() {
    failWith(call("kiln_fail", {exec, code, m.cString(message),
                                lightFrame ? nullPtr() : static_cast<llvm::Value *>(locFor(op))}),
             op);
  };
  if (!cond)
    return fail();
  llvm::BasicBlock *failing = newColdBlock();
  branchIf(cond, failing);
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(failing);
  fail();
}

void FunctionLowering::faultIf(llvm::Value *cond, Operation *op, int kind,
                               ArrayRef<llvm::Value *> operands) {
  llvm::BasicBlock *fail = newColdBlock();
  branchIf(cond, fail);
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(fail);
  SmallVector<llvm::Value *> args{exec, i32c(kind)};
  for (unsigned i = 0; i < 4; ++i)
    args.push_back(i < operands.size() ? b.CreateSExtOrTrunc(operands[i], m.i64) : i64c(0));
  args.push_back(lightFrame ? nullPtr() : static_cast<llvm::Value *>(locFor(op)));
  failWith(call("kiln_op_fault", args), op);
}

void FunctionLowering::checkStatus(Operation *op) {
  llvm::BasicBlock *&fail = statusExits[locFor(op)];
  bool fresh = !fail;
  if (fresh)
    fail = newColdBlock();
  branchIf(b.CreateIsNotNull(load(st)), fail);
  if (!fresh)
    return;
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(fail);
  setLoc(op);
  b.CreateBr(cleanup);
}

void FunctionLowering::stackCheckBeforeCall(Operation *op) {
  if (!m.classes.gatedStackCheck.contains(sym) ||
      !ctarget::takesStackCheck(*op, stackCheckedBlocks))
    return;
  b.CreateStore(call("kiln_light_stack_check_fuel",
                     {exec, depth, i32c(index), i64c(m.classes.stackMargin), lfuel}),
                st);
  checkStatus(op);
}

void FunctionLowering::fuelTick(Operation *op) {
  if (lightFrame)
    b.CreateStore(call("kiln_light_fuel_tick", {exec, lfuel}), st);
  else
    b.CreateStore(call("kiln_fuel_tick", {exec}), st);
  checkStatus(op);
}

void FunctionLowering::setOwned(Value vm, llvm::Value *value) {
  llvm::AllocaInst *var = vars.lookup(vm);
  if (kindOf(vm.getType()) == Kind::Ref)
    release(load(var));
  b.CreateStore(value, var);
}

void FunctionLowering::setCopy(Value vm, llvm::Value *value) {
  llvm::AllocaInst *var = vars.lookup(vm);
  if (kindOf(vm.getType()) == Kind::Ref)
    call("kiln_ref_assign", {services(), var, value});
  else
    b.CreateStore(value, var);
}

void FunctionLowering::moveFromTemp(Value vm, llvm::AllocaInst *temp) {
  call("kiln_ref_move", {services(), vars.lookup(vm), temp});
}

// Block arguments as a parallel copy: every operand is loaded (and a ref
// retained) before any destination is written.
void FunctionLowering::edge(Block *dest, ValueRange operands) {
  SmallVector<llvm::Value *> values;
  for (Value operand : operands) {
    llvm::Value *v = get(operand);
    if (kindOf(operand.getType()) == Kind::Ref)
      retain(v);
    values.push_back(v);
  }
  for (auto [arg, v] : llvm::zip(dest->getArguments(), values))
    setOwned(arg, v);
  b.CreateBr(blocks.lookup(dest));
}

// Like the interpreter: a ref of a known type must hold that type (or null).
void FunctionLowering::checkRefKind(llvm::Value *ref, Type vmType, Operation *op) {
  int kind = refKindOf(vmType);
  if (kind != KILN_REF_KIND_ANY) {
    llvm::Value *ok = call("kiln_ref_has_kind", {exec, ref, i32c(kind)});
    llvm::BasicBlock *fail = newColdBlock();
    branchIf(b.CreateICmpEQ(ok, i32c(0)), fail);
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    b.SetInsertPoint(fail);
    failWith(call("kiln_ref_kind_error", {exec, ref, i32c(kind)}), op);
    return;
  }
  // Other object types (`!hal.buffer`, ...) by the name the runtime
  // registers them under.
  std::string typeName = ctarget::registeredTypeName(vmType);
  if (typeName.empty())
    return;
  llvm::Value *ok = call("kiln_ref_has_type_named", {ref, m.cString(typeName)});
  llvm::BasicBlock *fail = newColdBlock();
  branchIf(b.CreateICmpEQ(ok, i32c(0)), fail);
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(fail);
  failWith(call("kiln_ref_type_named_error", {exec, ref, m.cString(typeName)}), op);
}

void FunctionLowering::requireRefKind(llvm::Value *ref, int kind, Operation *op) {
  llvm::Value *ok = call("kiln_ref_is_kind", {exec, ref, i32c(kind)});
  llvm::BasicBlock *fail = newColdBlock();
  branchIf(b.CreateICmpEQ(ok, i32c(0)), fail);
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(fail);
  failWith(call("kiln_ref_kind_error", {exec, ref, i32c(kind)}), op);
}

void FunctionLowering::failUnlessOk(llvm::Value *ok, Value vmRef, int kind, Operation *op) {
  llvm::BasicBlock *fail = newColdBlock();
  branchIf(b.CreateICmpEQ(ok, i32c(0)), fail);
  llvm::IRBuilderBase::InsertPointGuard guard(b);
  b.SetInsertPoint(fail);
  failWith(call("kiln_ref_kind_error", {exec, get(vmRef), i32c(kind)}), op);
}

void FunctionLowering::returnEarly(llvm::Value *word) {
  llvm::StructType *rt = m.returnType(sym);
  llvm::Value *agg = llvm::Constant::getNullValue(rt);
  agg = b.CreateInsertValue(agg, word, 0);
  b.CreateRet(agg);
}

LogicalResult FunctionLowering::emitOp(Operation &op) {
  if (!isa_and_present<VMDialect>(op.getDialect()))
    return op.emitOpError("is not a vm op; the LLVM target only translates vm");
  if (llvm::DILocation *at = m.debugLocation(op.getLoc(), fn))
    b.SetCurrentDebugLocation(at);
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
  return op.emitOpError("is not supported by the LLVM form yet");
}

/// `a == b` (eq) or `a != b` as C compares values of a vm type.
static llvm::Value *compareEqual(llvm::IRBuilder<> &b, llvm::Value *a, llvm::Value *c, bool eq) {
  if (a->getType()->isFloatingPointTy())
    return eq ? b.CreateFCmpOEQ(a, c) : b.CreateFCmpUNE(a, c);
  return eq ? b.CreateICmpEQ(a, c) : b.CreateICmpNE(a, c);
}

std::optional<LogicalResult> FunctionLowering::emitControlOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };

  if (isa<BranchOp>(op)) {
    edge(op.getSuccessor(0), op.getOperands());
    return success();
  }
  if (isa<CondBranchOp>(op)) {
    // Operands: condition, then the true operands, then the false operands.
    Block *yes = op.getSuccessor(0), *no = op.getSuccessor(1);
    auto operands = op.getOperands();
    unsigned nt = yes->getNumArguments();
    llvm::Value *cond = isNonZero(arg(0));
    llvm::BasicBlock *taken = newBlock();
    llvm::BasicBlock *notTaken = llvm::BasicBlock::Create(m.ctx, "", fn, taken->getNextNode());
    b.CreateCondBr(cond, taken, notTaken);
    b.SetInsertPoint(taken);
    edge(yes, operands.slice(1, nt));
    b.SetInsertPoint(notTaken);
    edge(no, operands.slice(1 + nt, no->getNumArguments()));
    return success();
  }
  if (isa<BranchTableOp>(op)) {
    // Operands: index, the default's operands, then each case's operands.
    auto operands = op.getOperands();
    llvm::Value *index = arg(0);
    unsigned pos = 1;
    Block *def = op.getSuccessor(0);
    OperandRange defOperands = operands.slice(pos, def->getNumArguments());
    pos += def->getNumArguments();
    llvm::BasicBlock *defBlock = newBlock();
    llvm::SwitchInst *sw = b.CreateSwitch(index, defBlock, op.getNumSuccessors() - 1);
    for (unsigned i = 1; i < op.getNumSuccessors(); ++i) {
      Block *c = op.getSuccessor(i);
      OperandRange caseOperands = operands.slice(pos, c->getNumArguments());
      pos += c->getNumArguments();
      llvm::BasicBlock *taken = newColdBlock();
      sw->addCase(b.getInt32(i - 1), taken);
      llvm::IRBuilderBase::InsertPointGuard guard(b);
      b.SetInsertPoint(taken);
      edge(c, caseOperands);
    }
    b.SetInsertPoint(defBlock);
    edge(def, defOperands);
    return success();
  }
  if (isa<ReturnOp>(op)) {
    for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
      llvm::Value *v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref)
        retain(v);
      b.CreateStore(v, resultSlots[i]);
    }
    b.CreateBr(cleanup);
    return success();
  }
  if (isa<FailOp, CondFailOp>(op)) {
    auto msg = op.getAttrOfType<StringAttr>("message");
    StringRef message = msg ? msg.getValue() : StringRef("");
    if (isa<CondFailOp>(op)) {
      // (cond, status) or (status): fails when cond (or status) is non-zero.
      unsigned s = op.getNumOperands() > 1 ? 1 : 0;
      failIf(isNonZero(arg(0)), &op, arg(s), message);
    } else {
      failIf(nullptr, &op, op.getNumOperands() ? arg(0) : i32c(KILN_STATUS_UNKNOWN), message);
    }
    return success();
  }
  if (isa<CheckEQOp, CheckNEOp, CheckNZOp>(op)) {
    auto msg = op.getAttrOfType<StringAttr>("message");
    llvm::Value *bad;
    if (isa<CheckNZOp>(op)) {
      llvm::Value *v = arg(0);
      bad = compareEqual(b, v, llvm::Constant::getNullValue(v->getType()), /*eq=*/true);
    } else {
      bad = compareEqual(b, arg(0), arg(1), /*eq=*/isa<CheckNEOp>(op));
    }
    failIf(bad, &op, i32c(KILN_STATUS_FAILED_PRECONDITION),
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
  // vm.discard.refs: release each ref now, as the interpreter clears the
  // register.
  if (isa<DiscardRefsOp>(op)) {
    for (Value operand : op.getOperands())
      if (llvm::AllocaInst *var = vars.lookup(operand))
        call("kiln_ref_reset", {services(), var});
    return success();
  }
  if (isa<PrintOp>(op))
    return emitPrint(op);
  return std::nullopt;
}

// vm.print writes the interpreter's line (kiln/c/print.h).
LogicalResult FunctionLowering::emitPrint(Operation &op) {
  call("kiln_print_begin", {m.cString(op.getAttrOfType<StringAttr>("message").getValue())});
  for (Value value : op.getOperands()) {
    Type vmType = value.getType();
    llvm::Value *v = get(value);
    if (vmType.isInteger(32))
      call("kiln_print_i32", {v});
    else if (vmType.isInteger(64))
      call("kiln_print_i64", {v});
    else if (isa<FloatType>(vmType))
      call("kiln_print_f64", {v});
    else
      call("kiln_print_ref", {v});
  }
  call("kiln_print_end", {});
  return success();
}

LogicalResult FunctionLowering::run() {
  Region &region = func->getRegion(0);
  if (region.empty())
    return func->emitOpError("has no body");
  mayYield = m.maySuspend(sym);
  if (mayYield)
    liveAcrossSuspension = ctarget::valuesLiveAcrossSuspension(func, *m.classes.suspension);
  // Prepaid headers count nothing (vm-prepay-loop-fuel).
  llvm::SmallPtrSet<Block *, 8> fuelHeaders = ctarget::fuelCountingHeaders(region);
  frameless = !mayYield && ctarget::isFramelessFunction(region);
  lightFrame = m.isLight(sym);
  if (lightFrame != (!frameless && !mayYield))
    return func->emitOpError("frame kind disagrees with the module's (internal error)");
  if (!mayYield) {
    for (Block *block : ctarget::blocksInLoops(region))
      for (Operation &op : *block)
        for (Value operand : op.getOperands())
          if (refKindOf(operand.getType()) == KILN_REF_KIND_BUFFER)
            spanInLoop.insert(operand);
  }
  index = m.funcIndex.lookup(sym);

  entry = llvm::BasicBlock::Create(m.ctx, "entry", fn);
  llvm::BasicBlock *start = llvm::BasicBlock::Create(m.ctx, "start", fn);
  auto argIt = fn->arg_begin();
  exec = &*argIt++;
  state = &*argIt++;
  llvm::Value *fuelParam = nullptr;
  if (lightFrame) {
    depth = &*argIt++;
    fuelParam = &*argIt++;
  }
  SmallVector<llvm::Value *> params;
  for (unsigned i = 0; i < type.getNumInputs(); ++i)
    params.push_back(&*argIt++);
  st = slot(m.ptr);
  for (Type r : type.getResults())
    resultSlots.push_back(slot(m.typeOf(r)));

  // Every vm value gets an alloca; number the ops (trace offsets). The C
  // target keeps in variables (and spills) refs, block arguments and values
  // live across a suspension; the others are temporaries there.
  int64_t variableCount = 0;
  int opCount = 0;
  auto declare = [&](Value value) {
    Kind k = kindOf(value.getType());
    vars[value] = slot(m.typeOf(k));
    bool variable =
        k == Kind::Ref || isa<BlockArgument>(value) || liveAcrossSuspension.contains(value);
    if (!variable)
      return;
    ++variableCount;
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
  for (Block &block : region)
    blocks[&block] = llvm::BasicBlock::Create(m.ctx, "", fn);
  cleanup = llvm::BasicBlock::Create(m.ctx, "cleanup", fn);
  if (mayYield)
    suspend = llvm::BasicBlock::Create(m.ctx, "suspend", fn);
  b.SetInsertPoint(start);
  if (llvm::DILocation *at = m.debugLocation(func->getLoc(), fn))
    b.SetCurrentDebugLocation(at);

  llvm::Value *functionIndex = i32c(index);
  if (!frameless) {
    if (lightFrame) {
      header = slot(llvm::ArrayType::get(m.ptr, 2));
      lfuel = slot(m.i64);
      b.CreateStore(call("kiln_light_fuel_param", {fuelParam}), lfuel);
      b.CreateStore(call("kiln_light_enter_fuel", {exec, depth, functionIndex, lfuel}), st);
    } else {
      frameSlot = slot(m.ptr);
      rp = slot(m.i32);
      b.CreateStore(call("kiln_frame_enter", {exec, functionIndex, frameSlot, rp}), st);
    }
    // No frame was entered: return the error as is.
    llvm::BasicBlock *refused = newColdBlock();
    branchIf(b.CreateIsNotNull(load(st)), refused);
    {
      llvm::IRBuilderBase::InsertPointGuard guard(b);
      b.SetInsertPoint(refused);
      returnEarly(lightFrame ? call("kiln_light_return", {load(st), load(lfuel)}) : load(st));
    }
    // Recursive or large frames: the native stack check (bounded modules);
    // a small recursive light function checks before its calls instead
    // (stackCheckBeforeCall).
    if (!m.classes.gatedStackCheck.contains(sym) &&
        (m.classes.recursive.contains(sym) || variableCount * 8 > ctarget::kLargeFrameBytes)) {
      // A light function's checks take its local fuel count through
      // exec->fuel across their (cold) runtime call, as in the C form.
      llvm::Value *margin = i64c(m.classes.stackMargin);
      b.CreateStore(lightFrame
                        ? call("kiln_stack_check_margin_fuel", {exec, functionIndex, margin, lfuel})
                        : call("kiln_stack_check_margin", {exec, functionIndex, margin}),
                    st);
      checkStatus(&region.front().front());
    }
  }

  // The frame's storage for a state machine: the header, then the refs
  // (frame_ref_count of the descriptor), then the scalars, 8 bytes each.
  uint64_t pointerSize = m.dl.getPointerSize();
  llvm::DenseMap<Value, uint64_t> frameOffsets;
  uint64_t frameBytes = 2 * pointerSize;
  for (Value v : refValues) {
    frameOffsets[v] = frameBytes;
    frameBytes += pointerSize;
  }
  frameBytes = (frameBytes + 7) / 8 * 8;
  for (Value v : scalarValues) {
    frameOffsets[v] = frameBytes;
    frameBytes += 8;
  }
  auto frameField = [&](llvm::Value *frame, Value v) {
    return b.CreateConstInBoundsGEP1_64(m.i8, frame, frameOffsets.lookup(v));
  };
  llvm::BasicBlock *resumeDispatch = nullptr;
  if (mayYield) {
    m.frames[sym] = {frameBytes, static_cast<uint32_t>(refValues.size())};
    // Resuming: reload the locals (taking the refs out of the frame), then
    // continue at the suspension point.
    llvm::BasicBlock *resuming = newColdBlock();
    branchIf(b.CreateICmpNE(load(rp), i32c(0)), resuming);
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    b.SetInsertPoint(resuming);
    llvm::Value *frame = load(frameSlot);
    for (Value v : refValues) {
      llvm::Value *field = frameField(frame, v);
      b.CreateStore(b.CreateLoad(m.ptr, field), vars.lookup(v));
      b.CreateStore(nullPtr(), field);
    }
    for (Value v : scalarValues)
      b.CreateStore(b.CreateLoad(m.typeOf(v.getType()), frameField(frame, v)), vars.lookup(v));
    resumeDispatch = b.GetInsertBlock();
  }

  // Entry: parameters into the entry block's arguments (refs retained).
  Block &vmEntry = region.front();
  if (vmEntry.getNumArguments() != type.getNumInputs())
    return func->emitOpError("entry block does not match the function type");
  for (auto [a, p] : llvm::zip(vmEntry.getArguments(), params))
    setCopy(a, p);
  b.CreateBr(blocks.lookup(&vmEntry));

  // Reverse post-order, then any unreachable blocks.
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
    b.SetInsertPoint(blocks.lookup(block));
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
  if (!resumeBlocks.empty() && !mayYield)
    return func->emitOpError("suspends but was not found suspendable (internal error)");

  if (mayYield) {
    b.SetInsertPoint(resumeDispatch);
    llvm::BasicBlock *bad = newColdBlock();
    llvm::SwitchInst *sw = b.CreateSwitch(load(rp), bad, resumeBlocks.size());
    for (auto [k, target] : llvm::enumerate(resumeBlocks))
      sw->addCase(b.getInt32(static_cast<uint32_t>(k + 1)), target);
    b.SetInsertPoint(bad);
    b.CreateStore(call("kiln_fail", {exec, i32c(KILN_STATUS_INTERNAL),
                                     m.cString("bad resume point"), nullPtr()}),
                  st);
    b.CreateBr(cleanup);

    // Suspending: move every local into the frame; it stays on the stack.
    b.SetInsertPoint(suspend);
    llvm::Value *frame = load(frameSlot);
    for (Value v : refValues)
      b.CreateStore(get(v), frameField(frame, v));
    for (Value v : scalarValues)
      b.CreateStore(get(v), frameField(frame, v));
    call("kiln_frame_suspend", {exec, load(rp)});
    returnEarly(deferredStatus());
  }

  b.SetInsertPoint(cleanup);
  for (Value v : refValues)
    release(get(v));
  for (llvm::AllocaInst *temp : refTemps)
    release(load(temp));
  llvm::Value *word;
  if (lightFrame) {
    word = call("kiln_light_exit",
                {exec, load(st), functionIndex, b.CreateLoad(m.ptr, header), load(lfuel)});
  } else {
    if (!frameless)
      call("kiln_frame_leave", {exec, load(st)});
    word = load(st);
  }
  llvm::Value *agg = llvm::PoisonValue::get(m.returnType(sym));
  agg = b.CreateInsertValue(agg, word, 0);
  for (auto [i, r] : llvm::enumerate(resultSlots))
    agg = b.CreateInsertValue(agg, load(r), static_cast<unsigned>(i + 1));
  b.CreateRet(agg);

  b.SetInsertPoint(entry);
  b.CreateBr(start);
  return success();
}

} // namespace mlir::kiln::llvmtarget
