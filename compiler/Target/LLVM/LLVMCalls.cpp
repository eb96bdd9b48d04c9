//===- LLVMCalls.cpp - LLVM target: calls and suspension ------------------===//
//
// Calls (direct calls of internal functions returning {word, results...},
// packed calls of imports through kiln_call_import) and vm.yield, with the
// C target's resume points: a call of a callee that may suspend gets a
// block of its own, which resuming re-enters so the call is re-issued (and
// the callee, or the runtime for an import, resumes).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/LLVMEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

namespace mlir::kiln::llvmtarget {

using namespace mlir::kiln::vm;

std::optional<LogicalResult> FunctionLowering::emitCallOp(Operation &op) {
  if (isa<YieldOp>(op)) {
    // Block arguments first, then suspend; resuming continues at the
    // destination.
    Block *dest = op.getSuccessor(0);
    SmallVector<llvm::Value *> values;
    for (Value operand : op.getOperands()) {
      llvm::Value *v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref)
        retain(v);
      values.push_back(v);
    }
    for (auto [a, v] : llvm::zip(dest->getArguments(), values))
      setOwned(a, v);
    setLoc(&op);
    llvm::BasicBlock *resume = newColdBlock();
    suspendAt(newResumePoint(resume));
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    b.SetInsertPoint(resume);
    b.CreateBr(blocks.lookup(dest));
    return success();
  }
  if (isa<CallOp, CallYieldableOp, CallVariadicOp, CallVariadicYieldableOp>(op)) {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("callee");
    if (!callee)
      return op.emitOpError("has no callee");
    SmallVector<int16_t> segments;
    if (isa<CallVariadicOp, CallVariadicYieldableOp>(op)) {
      auto sizes = op.getAttrOfType<DenseIntElementsAttr>("segment_sizes");
      if (!sizes)
        return op.emitOpError("has no segment_sizes");
      for (APInt size : sizes)
        segments.push_back(static_cast<int16_t>(size.getSExtValue()));
    }
    Block *dest = op.getNumSuccessors() ? op.getSuccessor(0) : nullptr;
    SmallVector<Type> resultTypes;
    if (dest) {
      for (BlockArgument a : dest->getArguments())
        resultTypes.push_back(a.getType());
      return emitCall(op, callee.getValue(), op.getOperands(), resultTypes, dest->getArguments(),
                      dest, segments);
    }
    for (Value r : op.getResults())
      resultTypes.push_back(r.getType());
    return emitCall(op, callee.getValue(), op.getOperands(), resultTypes, op.getResults(), nullptr,
                    segments);
  }
  if (isa<FuelPrepayLoopOp>(op)) {
    // The count this function holds: its local one, or the invocation's.
    llvm::Value *fuel = lightFrame ? static_cast<llvm::Value *>(lfuel) : exec;
    setCopy(op.getResult(0),
            call(ctarget::prepayLoopHelper(lightFrame),
                 {fuel, get(op.getOperand(0)), get(op.getOperand(1)), get(op.getOperand(2))}));
    return success();
  }
  if (isa<ImportResolvedOp>(op)) {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("import").getValue();
    setCopy(op.getResult(0),
            call("kiln_import_resolved", {exec, i32c(m.importOrdinals.lookup(callee))}));
    return success();
  }
  return std::nullopt;
}

LogicalResult FunctionLowering::emitCall(Operation &op, StringRef callee, ValueRange args,
                                         ArrayRef<Type> resultTypes, ValueRange resultsTo,
                                         Block *dest, ArrayRef<int16_t> segmentSizes) {
  if (!m.funcs.count(callee))
    return emitImportCall(op, callee, args, resultTypes, resultsTo, dest, segmentSizes);
  if (!segmentSizes.empty())
    return op.emitOpError("variadic calls must target an import");
  // A small recursive light function checks the native stack here
  // (ctarget::takesStackCheck). One unit of fuel per call of a recursive
  // function (bounded modules),
  // before the resume point: resuming does not count the call again.
  stackCheckBeforeCall(&op);
  if (m.classes.recursive.contains(callee))
    fuelTick(&op);
  Operation *f = m.funcs.lookup(callee);
  FunctionType calleeType = m.vmType(f);
  if (calleeType.getNumInputs() != args.size() || calleeType.getNumResults() != resultTypes.size())
    return op.emitOpError("does not match the signature of @") << callee;
  bool mayDefer = m.maySuspend(callee);
  int point = 0;
  if (mayDefer) {
    llvm::BasicBlock *pointBlock = newBlock();
    b.CreateBr(pointBlock);
    b.SetInsertPoint(pointBlock);
    point = newResumePoint(pointBlock);
  }
  bool calleeLight = m.isLight(callee);
  SmallVector<llvm::Value *> operands{exec, state};
  if (calleeLight) {
    // Its depth, and the fuel: this light function's local count, or the
    // invocation's (kiln/c/module.h, "Light functions' fuel").
    operands.push_back(lightFrame ? b.CreateAdd(depth, i32c(1)) : i32c(0));
    operands.push_back(lightFrame ? load(lfuel) : call("kiln_light_fuel_in", {exec}));
  }
  for (Value a : args)
    operands.push_back(get(a));
  setLoc(&op);
  llvm::Value *returned = b.CreateCall(m.lfuncs.lookup(callee), operands);
  llvm::Value *word = b.CreateExtractValue(returned, 0);
  llvm::Value *status = word;
  if (calleeLight)
    status =
        lightFrame ? call("kiln_light_status", {word}) : call("kiln_light_result", {exec, word});
  b.CreateStore(status, st);
  if (mayDefer) {
    llvm::BasicBlock *deferred = newColdBlock();
    branchIf(b.CreateICmpEQ(load(st), deferredStatus()), deferred);
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    b.SetInsertPoint(deferred);
    suspendAt(point);
  }
  branchIf(b.CreateIsNotNull(load(st)), cleanup);
  if (calleeLight && lightFrame)
    b.CreateStore(call("kiln_light_fuel_left", {word}), lfuel);
  for (auto [i, r] : llvm::enumerate(resultsTo))
    setOwned(r, b.CreateExtractValue(returned, static_cast<unsigned>(i + 1)));
  if (dest)
    b.CreateBr(blocks.lookup(dest));
  return success();
}

// An import call: arguments packed into one struct laid out like the packed
// signature (a variadic span is an int32_t count and then its values), the
// results into another; any import may suspend (a bytecode import can yield).
LogicalResult FunctionLowering::emitImportCall(Operation &op, StringRef callee, ValueRange args,
                                               ArrayRef<Type> resultTypes, ValueRange resultsTo,
                                               Block *dest, ArrayRef<int16_t> segmentSizes) {
  auto it = m.importOrdinals.find(callee);
  if (it == m.importOrdinals.end())
    return op.emitOpError("calls unknown function @") << callee;
  Operation *import = m.imports.lookup(callee);
  FunctionType importType = m.vmType(import);
  if (importType.getNumResults() != resultTypes.size())
    return op.emitOpError("does not match the signature of @") << callee;
  struct Field {
    Kind kind;
    Value value;   // vm operand, or null for a span count
    int64_t count; // span count
  };
  SmallVector<Field> fields;
  if (segmentSizes.empty()) {
    for (Value a : args)
      fields.push_back({kindOf(a.getType()), a, 0});
  } else {
    if (segmentSizes.size() != importType.getNumInputs())
      return op.emitOpError("segment_sizes does not match the callee's arguments");
    unsigned pos = 0;
    for (auto [i, size] : llvm::enumerate(segmentSizes)) {
      if (size < 0) {
        if (pos >= args.size())
          return op.emitOpError("has too few operands for its segments");
        fields.push_back({kindOf(args[pos].getType()), args[pos], 0});
        ++pos;
        continue;
      }
      SmallVector<Type> flat;
      if (auto tuple = dyn_cast<TupleType>(importType.getInput(i)))
        tuple.getFlattenedTypes(flat);
      else
        flat.push_back(importType.getInput(i));
      fields.push_back({Kind::I32, Value(), size});
      unsigned count = static_cast<unsigned>(size) * flat.size();
      for (unsigned k = 0; k < count; ++k, ++pos) {
        if (pos >= args.size())
          return op.emitOpError("has too few operands for its segments");
        fields.push_back({kindOf(args[pos].getType()), args[pos], 0});
      }
    }
    if (pos != args.size())
      return op.emitOpError("has more operands than its segments");
  }
  llvm::BasicBlock *pointBlock = newBlock();
  b.CreateBr(pointBlock);
  b.SetInsertPoint(pointBlock);
  int point = newResumePoint(pointBlock);

  // Ref argument slots own one reference each. The callee may move a ref out
  // of its slot (a native module does), so after the call the slots, not the
  // values put in them, are what is left to release.
  SmallVector<llvm::Type *> inTypes, outTypes;
  for (const Field &f : fields)
    inTypes.push_back(m.typeOf(f.kind));
  for (Type rt : resultTypes)
    outTypes.push_back(m.typeOf(rt));
  llvm::StructType *inType = llvm::StructType::get(m.ctx, inTypes);
  llvm::StructType *outType = llvm::StructType::get(m.ctx, outTypes);
  llvm::AllocaInst *in = fields.empty() ? nullptr : slot(inType);
  llvm::AllocaInst *out = resultTypes.empty() ? nullptr : slot(outType);
  SmallVector<llvm::Value *> refSlots;
  for (auto [i, f] : llvm::enumerate(fields)) {
    llvm::Value *v = f.value ? get(f.value) : i32c(f.count);
    llvm::Value *field = b.CreateStructGEP(inType, in, static_cast<unsigned>(i));
    if (f.kind == Kind::Ref) {
      retain(v);
      refSlots.push_back(field);
    }
    b.CreateStore(v, field);
  }
  if (out)
    b.CreateStore(llvm::Constant::getNullValue(outType), out);
  auto sizeOf = [&](llvm::Type *t) { return i64c(static_cast<int64_t>(m.dl.getTypeAllocSize(t))); };
  setLoc(&op);
  b.CreateStore(
      call("kiln_call_import",
           {exec, i32c(it->second), in ? static_cast<llvm::Value *>(in) : nullPtr(),
            in ? sizeOf(inType) : i64c(0), out ? static_cast<llvm::Value *>(out) : nullPtr(),
            out ? sizeOf(outType) : i64c(0)}),
      st);
  for (llvm::Value *field : refSlots)
    release(b.CreateLoad(m.ptr, field));
  {
    llvm::BasicBlock *deferred = newColdBlock();
    branchIf(b.CreateICmpEQ(load(st), deferredStatus()), deferred);
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    b.SetInsertPoint(deferred);
    suspendAt(point);
  }
  branchIf(b.CreateIsNotNull(load(st)), cleanup);
  for (auto [i, r] : llvm::enumerate(resultsTo))
    setOwned(r,
             b.CreateLoad(outTypes[i], b.CreateStructGEP(outType, out, static_cast<unsigned>(i))));
  if (dest)
    b.CreateBr(blocks.lookup(dest));
  return success();
}

} // namespace mlir::kiln::llvmtarget
