//===- MemoryOps.cpp - C target: globals, rodata, buffers, lists ----------===//
//
// vm ops on memory: globals in the module state, rodata refs, buffers
// (bounds- and writability-checked as in the interpreter) and lists
// (through the services table).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln::ctarget {

using namespace mlir::kiln::vm;

// Globals: scalars in the state's byte area at their byte offset, refs
// after it at their ordinal; vm.global.address is that offset or ordinal, as
// in the bytecode form, and the indirect ops bounds-check it.
LogicalResult FunctionEmitter::emitGlobalOp(Operation &op) {
  if (isa<GlobalAddressOp>(op)) {
    auto symRef = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = symRef ? m.globalSlots.find(symRef.getValue()) : m.globalSlots.end();
    if (it == m.globalSlots.end())
      return op.emitOpError("refers to an unknown global");
    setCopy(op.getResult(0), i32c(it->second));
    return success();
  }
  bool isLoad = isa<GlobalLoadI32Op, GlobalLoadI64Op, GlobalLoadF32Op, GlobalLoadF64Op,
                    GlobalLoadRefOp, GlobalLoadIndirectI32Op, GlobalLoadIndirectI64Op,
                    GlobalLoadIndirectF32Op, GlobalLoadIndirectF64Op, GlobalLoadIndirectRefOp>(op);
  bool indirect = isa<GlobalLoadIndirectI32Op, GlobalLoadIndirectI64Op, GlobalLoadIndirectF32Op,
                      GlobalLoadIndirectF64Op, GlobalLoadIndirectRefOp, GlobalStoreIndirectI32Op,
                      GlobalStoreIndirectI64Op, GlobalStoreIndirectF32Op, GlobalStoreIndirectF64Op,
                      GlobalStoreIndirectRefOp>(op);
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
      Value code =
          call(t.i32, "kiln_global_range",
               {slot, lit(t.u32, Twine(width) + "u"), lit(t.u32, Twine(m.globalBytes) + "u")});
      faultIf(isNonZero(code), &op, "KILN_FAULT_GLOBAL_RANGE",
              {slot, i32c(width), i32c(m.globalBytes)});
    }
  } else {
    auto symRef = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = symRef ? m.globalSlots.find(symRef.getValue()) : m.globalSlots.end();
    if (it == m.globalSlots.end())
      return op.emitOpError("refers to an unknown global");
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
      Value ptr =
          call(emitc::PointerType::get(t.ref), "kiln_state_ref", {stateArg, refsOffset, slot});
      callVoid("kiln_ref_assign", {services(), ptr, get(value)});
    }
    return success();
  }
  const char *suffix = k == Kind::I32   ? "i32"
                       : k == Kind::I64 ? "i64"
                       : k == Kind::F32 ? "f32"
                                        : "f64";
  Value bytes = call(t.bytes, "kiln_state_bytes", {stateArg});
  Value offset = castTo(t.u64, slot);
  if (isLoad)
    setCopy(value, call(t.of(k), std::string("kiln_load_") + suffix, {bytes, offset}));
  else
    callVoid(std::string("kiln_store_") + suffix, {bytes, offset, get(value)});
  return success();
}

// Type check (a non-null vm.buffer), then the buffer's span: the cached
// one (cacheSpan) when the value has one.
FunctionEmitter::Span FunctionEmitter::spanOf(Operation *op, Value vmBuffer) {
  auto cached = spans.find(vmBuffer);
  if (cached != spans.end()) {
    failUnlessOk(load(cached->second.ok), vmBuffer, "KILN_REF_KIND_BUFFER", op);
    return cached->second.span;
  }
  Value buffer = get(vmBuffer);
  requireRefKind(buffer, "KILN_REF_KIND_BUFFER", op);
  Span span{variable(t.bytes, "NULL"), variable(t.u64, "0"), variable(t.i32, "0")};
  callVoid("kiln_buffer_span", {buffer, addr(span.data), addr(span.length), addr(span.writable)});
  return span;
}

// The span of a bulk op's buffer operand: the length loaded; data and
// writable stay variables (buffer.clone reads neither, only stores read
// writable).
Value FunctionEmitter::bufferSpan(Operation *op, Value vmBuffer, Value &length, Value &writable) {
  Span span = spanOf(op, vmBuffer);
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
  faultIf(cmp(emitc::CmpPredicate::eq, load(writable), i32c(0)), op, "KILN_FAULT_BUFFER_READ_ONLY",
          {});
}

LogicalResult FunctionEmitter::emitBufferOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  // buffer.alloc and buffer.clone check their operands in the runtime
  // service, the function the interpreter calls (kiln/vm/ops.h).
  if (isa<BufferAllocOp>(op)) {
    Value length = arg(0);
    Value align = op.getNumOperands() > 1 ? arg(1) : i32c(0);
    Value temp = refTemp();
    assign(st, call(t.status, "kiln_buffer_allocate", {exec, length, align, addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(op.getResult(0)), temp);
    return success();
  }
  if (isa<BufferLengthOp>(op)) {
    Span span = spanOf(&op, op.getOperand(0));
    setCopy(op.getResult(0), castTo(t.i64, load(span.length)));
    return success();
  }
  Value length, writable, offset;
  if (std::optional<BufferElement> fill = bufferFillOf(op)) {
    unsigned size = fill->size;
    Value data = load(bufferSpan(&op, op.getOperand(0), length, writable));
    rangeCheck(&op, length, arg(1), arg(2), size, offset);
    writableCheck(&op, writable);
    callVoid(fill->helper, {data, offset, arg(2), arg(3)});
    return success();
  }
  if (isa<BufferCopyOp, BufferCompareOp>(op)) {
    Value lengthA, writableA, offsetA, lengthB, writableB, offsetB;
    Value a = load(bufferSpan(&op, op.getOperand(0), lengthA, writableA));
    Value c = load(bufferSpan(&op, op.getOperand(2), lengthB, writableB));
    rangeCheck(&op, lengthA, arg(1), arg(4), 1, offsetA);
    rangeCheck(&op, lengthB, arg(3), arg(4), 1, offsetB);
    if (isa<BufferCopyOp>(op)) {
      writableCheck(&op, writableB);
      callVoid("kiln_copy_bytes", {c, offsetB, a, offsetA, arg(4)});
    } else {
      setCopy(op.getResult(0), call(t.i32, "kiln_equal_bytes", {a, offsetA, c, offsetB, arg(4)}));
    }
    return success();
  }
  if (isa<BufferHashOp>(op)) {
    Value data = load(bufferSpan(&op, op.getOperand(0), length, writable));
    rangeCheck(&op, length, arg(1), arg(2), 1, offset);
    setCopy(op.getResult(0), call(t.i64, "kiln_hash_bytes_at", {data, offset, arg(2)}));
    return success();
  }
  if (isa<BufferCloneOp>(op)) {
    Value source = arg(0);
    requireRefKind(source, "KILN_REF_KIND_BUFFER", &op);
    Value temp = refTemp();
    assign(st,
           call(t.status, "kiln_buffer_clone", {exec, source, arg(1), arg(2), arg(3), addr(temp)}));
    checkStatus(&op);
    refMove(vars.lookup(op.getResult(0)), temp);
    return success();
  }
  // Element loads and stores: offsets are element indices (ops.h).
  std::optional<BufferElement> loadOp = bufferLoadOf(op);
  std::optional<BufferElement> element = loadOp ? loadOp : bufferStoreOf(op);
  if (!element)
    return op.emitOpError("is not supported by the C target yet");
  unsigned size = element->size;
  Span span = spanOf(&op, op.getOperand(0));
  Value data = span.data, len = span.length, w = span.writable;
  Value index = arg(1), inRangeOffset, out;
  if (isInRangeAccess(op)) {
    inRangeOffset = call(t.u64, kInRangeElementHelper, {index, lit(t.u32, Twine(size) + "u")});
  } else {
    out = variable(t.u64, "0");
    Value lengthValue = load(len);
    Value code = call(t.i32, "kiln_buffer_element",
                      {lengthValue, index, lit(t.u32, Twine(size) + "u"), addr(out)});
    faultIf(isNonZero(code), &op, "KILN_FAULT_BUFFER_RANGE",
            {index, i64c(1), i32c(size), lengthValue});
  }
  // The checked offset is read where it is used, after the other checks.
  auto byteOffset = [&] { return inRangeOffset ? inRangeOffset : load(out); };
  if (loadOp) {
    setCopy(op.getResult(0),
            call(t.of(op.getResult(0).getType()), element->helper, {load(data), byteOffset()}));
    return success();
  }
  writableCheck(&op, w);
  callVoid(element->helper, {load(data), byteOffset(), arg(2)});
  return success();
}

// Lists, through the services table.
LogicalResult FunctionEmitter::emitListOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto codeOf = [&](Kind k) { return lit(t.charT, "'" + std::string(1, code(k)) + "'"); };
  if (isa<ListAllocOp>(op)) {
    vm::ListType lt = vm::getListObjectType(op.getResult(0).getType());
    std::string kind = "KILN_ELEMENT_VARIANT", refType = "KILN_REF_KIND_ANY";
    if (lt) {
      Type et = lt.getElementType();
      if (auto it = dyn_cast<IntegerType>(et))
        kind = it.getWidth() == 8    ? "KILN_ELEMENT_I8"
               : it.getWidth() == 16 ? "KILN_ELEMENT_I16"
               : it.getWidth() == 64 ? "KILN_ELEMENT_I64"
                                     : "KILN_ELEMENT_I32";
      else if (et.isF32())
        kind = "KILN_ELEMENT_F32";
      else if (et.isF64())
        kind = "KILN_ELEMENT_F64";
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
  if (isa<ListSizeOp>(op)) {
    setCopy(op.getResult(0), call(t.i32, "kiln_list_size", {exec, list}));
    return success();
  }
  if (isa<ListReserveOp, ListResizeOp>(op)) {
    assign(st, call(t.status, isa<ListReserveOp>(op) ? "kiln_list_reserve" : "kiln_list_resize",
                    {exec, list, arg(1)}));
    checkStatus(&op);
    return success();
  }
  if (isa<ListGetI32Op, ListGetI64Op, ListGetF32Op, ListGetF64Op, ListGetRefOp>(op)) {
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
  if (isa<ListSetI32Op, ListSetI64Op, ListSetF32Op, ListSetF64Op, ListSetRefOp>(op)) {
    Value value = op.getOperand(2);
    assign(st, call(t.status, "kiln_list_set",
                    {exec, list, arg(1), codeOf(kindOf(value.getType())), addressOf(value)}));
    checkStatus(&op);
    return success();
  }
  return op.emitOpError("is not supported by the C target yet");
}

// A ref to a rodata buffer, wrapped by the runtime.
LogicalResult FunctionEmitter::emitRodataRef(Operation &op) {
  auto result = [&](unsigned i = 0) { return op.getResult(i); };
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

} // namespace mlir::kiln::ctarget
