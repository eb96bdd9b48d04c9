//===- CallOps.cpp - C target: calls and suspension -----------------------===//
//
// Calls (direct C calls to internal functions, packed calls to imports),
// vm.yield, and which values a suspension point must keep in the frame.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"

namespace mlir::kiln::ctarget {

using namespace mlir::kiln::vm;

std::optional<LogicalResult> FunctionEmitter::emitCallOp(Operation &op) {
  auto result = [&](unsigned i = 0) { return op.getResult(i); };

  if (isa<YieldOp>(op)) {
    // Block arguments first, then suspend; resuming continues at the
    // destination.
    Block *dest = op.getSuccessor(0);
    SmallVector<Value> values;
    for (Value operand : op.getOperands()) {
      Value v = get(operand);
      if (kindOf(operand.getType()) == Kind::Ref)
        retain(v);
      values.push_back(v);
    }
    for (auto [a, v] : llvm::zip(dest->getArguments(), values))
      setOwned(a, v);
    setLoc(&op);
    Block *resume = newColdBlock();
    suspendAt(newResumePoint(resume));
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(resume);
    br(blocks.lookup(dest));
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
    Value fuel = lightFrame ? addr(lfuel) : exec;
    setCopy(result(),
            call(t.i64, prepayLoopHelper(lightFrame),
                 {fuel, get(op.getOperand(0)), get(op.getOperand(1)), get(op.getOperand(2))}));
    return success();
  }
  if (isa<ImportResolvedOp>(op)) {
    auto callee = op.getAttrOfType<FlatSymbolRefAttr>("import").getValue();
    setCopy(result(),
            call(t.i32, "kiln_import_resolved", {exec, i32c(m.importOrdinals.lookup(callee))}));
    return success();
  }
  return std::nullopt;
}

void FunctionEmitter::stackCheckBeforeCall(Operation *op) {
  if (!m.gatedStackCheck.contains(sym) || !takesStackCheck(*op, stackCheckedBlocks))
    return;
  assign(st, call(t.status, "kiln_light_stack_check_fuel",
                  {exec, depth, i32c(m.funcIndex.lookup(sym)), i64c(m.stackMargin), addr(lfuel)}));
  checkStatus(op);
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
  // A small recursive light function checks the native stack here
  // (takesStackCheck). One unit of fuel per call of a recursive function
  // (KILN_C_BOUNDED),
  // before a resume point: resuming does not count the call again. Other
  // calls need no count: without loops (counted at their headers) or
  // recursion, the work a call can do is bounded by the module's code
  // (imports resolve to modules registered earlier, so they cannot recurse
  // back, and count their own work).
  stackCheckBeforeCall(&op);
  if (m.recursive.contains(callee))
    fuelTick(&op);
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
    if (!segmentSizes.empty())
      return op.emitOpError("variadic calls must target an import");
    Operation *f = m.funcs.lookup(callee);
    auto calleeType = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    if (calleeType.getNumInputs() != args.size() ||
        calleeType.getNumResults() != resultTypes.size())
      return op.emitOpError("does not match the signature of @") << callee;
    bool mayDefer = m.suspension->maySuspend(callee);
    int point = mayDefer ? enterResumePoint() : 0;
    SmallVector<Value> temps, operands{exec, state};
    bool calleeLight = m.light.contains(callee);
    if (calleeLight) {
      // Its depth, and the fuel: this light function's local count, or
      // the invocation's (kiln/c/module.h, "Light functions' fuel").
      operands.push_back(lightFrame ? Value(emitc::AddOp::create(b, l, t.i32, depth, i32c(1)))
                                    : i32c(0));
      operands.push_back(lightFrame ? load(lfuel) : call(t.i64, "kiln_light_fuel_in", {exec}));
    }
    for (Value a : args)
      operands.push_back(get(a));
    // The callee's status into `st`, then (after the error exit) the fuel it
    // left into this function's count.
    Value word;
    auto takeStatus = [&](Value returned) {
      if (!calleeLight) {
        assign(st, returned);
        return;
      }
      word = returned;
      assign(st, lightFrame ? call(t.status, "kiln_light_status", {word})
                            : call(t.status, "kiln_light_result", {exec, word}));
    };
    auto takeFuel = [&]() {
      if (calleeLight && lightFrame)
        assign(lfuel, call(t.i64, "kiln_light_fuel_left", {word}));
    };
    auto pairType = m.pairReturn.find(callee);
    if (pairType != m.pairReturn.end()) {
      Value returned = variable(emitc::OpaqueType::get(m.ctx, pairType->second), "");
      setLoc(&op);
      assign(returned, m.callFunction(b, l, m.cfuncs.lookup(callee), operands));
      takeStatus(load(member(returned, "st", t.lightRet)));
      leaveOnError(mayDefer, point);
      takeFuel();
      Value r = resultsTo.front();
      setCopy(r, load(member(returned, "r0", t.of(r.getType()))));
      if (dest)
        br(blocks.lookup(dest));
      return success();
    }
    for (Type rt : resultTypes) {
      Value temp = kindOf(rt) == Kind::Ref ? refTemp() : variable(t.of(rt), "0");
      temps.push_back(temp);
      operands.push_back(addr(temp));
    }
    setLoc(&op);
    takeStatus(m.callFunction(b, l, m.cfuncs.lookup(callee), operands));
    leaveOnError(mayDefer, point);
    takeFuel();
    for (auto [r, temp] : llvm::zip(resultsTo, temps)) {
      if (kindOf(r.getType()) == Kind::Ref)
        refMove(vars.lookup(r), temp);
      else
        setCopy(r, load(temp));
    }
    if (dest)
      br(blocks.lookup(dest));
    return success();
  }

  auto it = m.importOrdinals.find(callee);
  if (it == m.importOrdinals.end())
    return op.emitOpError("calls unknown function @") << callee;
  Operation *import = m.imports.lookup(callee);
  auto importType = cast<FunctionType>(import->getAttrOfType<TypeAttr>("function_type").getValue());
  if (importType.getNumResults() != resultTypes.size())
    return op.emitOpError("does not match the signature of @") << callee;
  // Arguments as one struct laid out like the packed signature (a variadic
  // span is an int32_t count and then its values).
  struct Field {
    std::string name;
    Kind kind;
    Value value;   // vm operand, or null for a span count
    int64_t count; // span count
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
        if (pos >= args.size())
          return op.emitOpError("has too few operands for its segments");
        fields.push_back({"a" + std::to_string(pos), kindOf(args[pos].getType()), args[pos], 0});
        ++pos;
        continue;
      }
      SmallVector<Type> flat;
      if (auto tuple = dyn_cast<TupleType>(importType.getInput(i)))
        tuple.getFlattenedTypes(flat);
      else
        flat.push_back(importType.getInput(i));
      fields.push_back({"n" + std::to_string(i), Kind::I32, Value(), size});
      unsigned count = static_cast<unsigned>(size) * flat.size();
      for (unsigned k = 0; k < count; ++k, ++pos) {
        if (pos >= args.size())
          return op.emitOpError("has too few operands for its segments");
        fields.push_back({"a" + std::to_string(pos), kindOf(args[pos].getType()), args[pos], 0});
      }
    }
    if (pos != args.size())
      return op.emitOpError("has more operands than its segments");
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
    for (const Field &f : fields)
      decls.push_back(std::string(cType(f.kind)) + " " + f.name);
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
    return lit(t.sizeT,
               "sizeof(" +
                   cast<emitc::OpaqueType>(cast<emitc::LValueType>(v.getType()).getValueType())
                       .getValue() +
                   ")");
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
  if (dest)
    br(blocks.lookup(dest));
  return success();
}

void FunctionEmitter::findLiveAcrossSuspension() {
  liveAcrossSuspension = valuesLiveAcrossSuspension(func, *m.suspension);
}

} // namespace mlir::kiln::ctarget
