//===- LLVMMemory.cpp - LLVM target: globals, rodata, buffers, lists ------===//
//
// vm ops on memory, as the C target lowers them: globals in the module
// state, rodata refs, buffers (bounds- and writability-checked through the
// kiln/c/ops.h helpers, the span of a buffer used in a loop read once where
// the value is defined) and lists (through the services table).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/LLVMEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "kiln/c/module.h"
#include "kiln/c/ops.h"

#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln::llvmtarget {

using namespace mlir::kiln::vm;
using ctarget::BufferElement;
using ctarget::bufferFillOf;
using ctarget::bufferLoadOf;
using ctarget::bufferStoreOf;
using ctarget::isInRangeAccess;
using ctarget::kInRangeElementHelper;

// Globals: scalars in the state's byte area at their byte offset, refs
// after it at their ordinal; vm.global.address is that offset or ordinal, as
// in the bytecode form, and the indirect ops bounds-check it.
LogicalResult FunctionLowering::emitGlobalOp(Operation &op) {
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
  llvm::Value *slotIndex;
  if (indirect) {
    slotIndex = get(op.getOperand(isLoad ? 0 : 1));
    if (k == Kind::Ref) {
      llvm::Value *below = b.CreateICmpSLT(slotIndex, i32c(0));
      llvm::Value *above = b.CreateICmpSGE(slotIndex, i32c(m.globalRefs));
      faultIf(b.CreateOr(below, above), &op, KILN_FAULT_REF_GLOBAL_RANGE,
              {slotIndex, i32c(m.globalRefs)});
    } else {
      unsigned width = (k == Kind::I64 || k == Kind::F64) ? 8 : 4;
      llvm::Value *code = call("kiln_global_range", {slotIndex, i32c(width), i32c(m.globalBytes)});
      faultIf(isNonZero(code), &op, KILN_FAULT_GLOBAL_RANGE,
              {slotIndex, i32c(width), i32c(m.globalBytes)});
    }
  } else {
    auto symRef = op.getAttrOfType<FlatSymbolRefAttr>("global");
    auto it = symRef ? m.globalSlots.find(symRef.getValue()) : m.globalSlots.end();
    if (it == m.globalSlots.end())
      return op.emitOpError("refers to an unknown global");
    slotIndex = i64c(it->second);
  }
  if (k == Kind::Ref) {
    llvm::Value *refsOffset = i64c(m.refsOffset);
    if (isLoad) {
      llvm::Value *v = call("kiln_state_ref_get", {state, refsOffset, slotIndex});
      checkRefKind(v, value.getType(), &op);
      setCopy(value, v);
    } else {
      llvm::Value *ptr = call("kiln_state_ref", {state, refsOffset, slotIndex});
      call("kiln_ref_assign", {services(), ptr, get(value)});
    }
    return success();
  }
  const char *suffix = k == Kind::I32   ? "i32"
                       : k == Kind::I64 ? "i64"
                       : k == Kind::F32 ? "f32"
                                        : "f64";
  llvm::Value *bytes = call("kiln_state_bytes", {state});
  // The offset is a uint64_t: an i32 slot converts as C converts it.
  llvm::Value *offset = b.CreateSExt(slotIndex, m.i64);
  if (isLoad)
    setCopy(value, call(std::string("kiln_load_") + suffix, {bytes, offset}));
  else
    call(std::string("kiln_store_") + suffix, {bytes, offset, get(value)});
  return success();
}

void FunctionLowering::cacheSpan(Value vm) {
  if (!spanInLoop.contains(vm))
    return;
  CachedSpan cached{slot(m.i32), {slot(m.ptr), slot(m.i64), slot(m.i32)}};
  b.CreateStore(call("kiln_buffer_span_of",
                     {exec, get(vm), cached.span.data, cached.span.length, cached.span.writable}),
                cached.ok);
  spans[vm] = cached;
}

// Type check (a non-null vm.buffer), then the buffer's span: the cached
// one when the value has one.
FunctionLowering::Span FunctionLowering::spanOf(Operation *op, Value vmBuffer) {
  auto cached = spans.find(vmBuffer);
  if (cached != spans.end()) {
    failUnlessOk(load(cached->second.ok), vmBuffer, KILN_REF_KIND_BUFFER, op);
    return cached->second.span;
  }
  llvm::Value *buffer = get(vmBuffer);
  requireRefKind(buffer, KILN_REF_KIND_BUFFER, op);
  Span span{slot(m.ptr), slot(m.i64), slot(m.i32)};
  call("kiln_buffer_span", {buffer, span.data, span.length, span.writable});
  return span;
}

// kiln_buffer_range with the interpreter's OUT_OF_RANGE fault; the checked
// byte offset.
llvm::Value *FunctionLowering::rangeCheck(Operation *op, llvm::Value *length, llvm::Value *offset,
                                          llvm::Value *count, unsigned elementSize) {
  llvm::AllocaInst *out = slot(m.i64);
  llvm::Value *code = call("kiln_buffer_range", {length, offset, count, i32c(elementSize), out});
  faultIf(isNonZero(code), op, KILN_FAULT_BUFFER_RANGE, {offset, count, i32c(elementSize), length});
  return load(out);
}

// Stores into rodata fail as in the interpreter.
void FunctionLowering::writableCheck(Operation *op, llvm::AllocaInst *writable) {
  faultIf(b.CreateICmpEQ(load(writable), i32c(0)), op, KILN_FAULT_BUFFER_READ_ONLY, {});
}

LogicalResult FunctionLowering::emitBufferOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  // buffer.alloc and buffer.clone check their operands in the runtime
  // service, the function the interpreter calls.
  if (isa<BufferAllocOp>(op)) {
    llvm::Value *align = op.getNumOperands() > 1 ? arg(1) : i32c(0);
    llvm::AllocaInst *temp = refTemp();
    b.CreateStore(call("kiln_buffer_allocate", {exec, arg(0), align, temp}), st);
    checkStatus(&op);
    moveFromTemp(op.getResult(0), temp);
    return success();
  }
  if (isa<BufferLengthOp>(op)) {
    Span span = spanOf(&op, op.getOperand(0));
    setCopy(op.getResult(0), load(span.length));
    return success();
  }
  if (std::optional<BufferElement> fill = bufferFillOf(op)) {
    Span span = spanOf(&op, op.getOperand(0));
    llvm::Value *data = load(span.data);
    llvm::Value *offset = rangeCheck(&op, load(span.length), arg(1), arg(2), fill->size);
    writableCheck(&op, span.writable);
    call(fill->helper, {data, offset, arg(2), arg(3)});
    return success();
  }
  if (isa<BufferCopyOp, BufferCompareOp>(op)) {
    Span a = spanOf(&op, op.getOperand(0));
    Span c = spanOf(&op, op.getOperand(2));
    llvm::Value *dataA = load(a.data), *dataC = load(c.data);
    llvm::Value *offsetA = rangeCheck(&op, load(a.length), arg(1), arg(4), 1);
    llvm::Value *offsetC = rangeCheck(&op, load(c.length), arg(3), arg(4), 1);
    if (isa<BufferCopyOp>(op)) {
      writableCheck(&op, c.writable);
      call("kiln_copy_bytes", {dataC, offsetC, dataA, offsetA, arg(4)});
    } else {
      setCopy(op.getResult(0), call("kiln_equal_bytes", {dataA, offsetA, dataC, offsetC, arg(4)}));
    }
    return success();
  }
  if (isa<BufferHashOp>(op)) {
    Span span = spanOf(&op, op.getOperand(0));
    llvm::Value *data = load(span.data);
    llvm::Value *offset = rangeCheck(&op, load(span.length), arg(1), arg(2), 1);
    setCopy(op.getResult(0), call("kiln_hash_bytes_at", {data, offset, arg(2)}));
    return success();
  }
  if (isa<BufferCloneOp>(op)) {
    llvm::Value *source = arg(0);
    requireRefKind(source, KILN_REF_KIND_BUFFER, &op);
    llvm::AllocaInst *temp = refTemp();
    b.CreateStore(call("kiln_buffer_clone", {exec, source, arg(1), arg(2), arg(3), temp}), st);
    checkStatus(&op);
    moveFromTemp(op.getResult(0), temp);
    return success();
  }
  // Element loads and stores: offsets are element indices (ops.h).
  std::optional<BufferElement> load_ = bufferLoadOf(op);
  std::optional<BufferElement> store = load_ ? std::nullopt : bufferStoreOf(op);
  if (!load_ && !store)
    return op.emitOpError("is not supported by the LLVM form yet");
  unsigned size = load_ ? load_->size : store->size;
  Span span = spanOf(&op, op.getOperand(0));
  llvm::Value *index = arg(1), *byteOffset;
  if (isInRangeAccess(op)) {
    byteOffset = call(kInRangeElementHelper, {index, i32c(size)});
  } else {
    llvm::AllocaInst *out = slot(m.i64);
    llvm::Value *length = load(span.length);
    llvm::Value *code = call("kiln_buffer_element", {length, index, i32c(size), out});
    faultIf(isNonZero(code), &op, KILN_FAULT_BUFFER_RANGE, {index, i64c(1), i32c(size), length});
    byteOffset = load(out);
  }
  if (load_) {
    setCopy(op.getResult(0), call(load_->helper, {load(span.data), byteOffset}));
    return success();
  }
  writableCheck(&op, span.writable);
  call(store->helper, {load(span.data), byteOffset, arg(2)});
  return success();
}

// Lists, through the services table.
LogicalResult FunctionLowering::emitListOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto codeOf = [&](Kind k) { return b.getInt8(static_cast<uint8_t>(ctarget::code(k))); };
  if (isa<ListAllocOp>(op)) {
    vm::ListType lt = vm::getListObjectType(op.getResult(0).getType());
    int kind = KILN_ELEMENT_VARIANT, refType = KILN_REF_KIND_ANY;
    if (lt) {
      Type et = lt.getElementType();
      if (auto it = dyn_cast<IntegerType>(et))
        kind = it.getWidth() == 8    ? KILN_ELEMENT_I8
               : it.getWidth() == 16 ? KILN_ELEMENT_I16
               : it.getWidth() == 64 ? KILN_ELEMENT_I64
                                     : KILN_ELEMENT_I32;
      else if (et.isF32())
        kind = KILN_ELEMENT_F32;
      else if (et.isF64())
        kind = KILN_ELEMENT_F64;
      else if (isa<vm::RefType>(et)) {
        kind = KILN_ELEMENT_REF;
        refType = refKindOf(et);
      }
    }
    llvm::AllocaInst *temp = refTemp();
    b.CreateStore(call("kiln_list_create", {exec, i32c(kind), i32c(refType), arg(0), temp}), st);
    checkStatus(&op);
    moveFromTemp(op.getResult(0), temp);
    return success();
  }
  llvm::Value *list = arg(0);
  requireRefKind(list, KILN_REF_KIND_LIST, &op);
  if (isa<ListSizeOp>(op)) {
    setCopy(op.getResult(0), call("kiln_list_size", {exec, list}));
    return success();
  }
  if (isa<ListReserveOp, ListResizeOp>(op)) {
    b.CreateStore(call(isa<ListReserveOp>(op) ? "kiln_list_reserve" : "kiln_list_resize",
                       {exec, list, arg(1)}),
                  st);
    checkStatus(&op);
    return success();
  }
  if (isa<ListGetI32Op, ListGetI64Op, ListGetF32Op, ListGetF64Op, ListGetRefOp>(op)) {
    Value result = op.getResult(0);
    Kind k = kindOf(result.getType());
    if (k != Kind::Ref) {
      llvm::AllocaInst *out = slot(m.typeOf(k));
      b.CreateStore(call("kiln_list_get", {exec, list, arg(1), codeOf(k), out}), st);
      checkStatus(&op);
      setCopy(result, load(out));
      return success();
    }
    llvm::AllocaInst *temp = refTemp();
    b.CreateStore(call("kiln_list_get", {exec, list, arg(1), codeOf(k), temp}), st);
    checkStatus(&op);
    // An element of another type reads as null (IREE's behaviour, as in the
    // interpreter).
    int kind = refKindOf(result.getType());
    std::string typeName = ctarget::registeredTypeName(result.getType());
    if (kind != KILN_REF_KIND_ANY || !typeName.empty()) {
      llvm::Value *ok = kind != KILN_REF_KIND_ANY
                            ? call("kiln_ref_has_kind", {exec, load(temp), i32c(kind)})
                            : call("kiln_ref_has_type_named", {load(temp), m.cString(typeName)});
      llvm::BasicBlock *mismatch = newColdBlock();
      branchIf(b.CreateICmpEQ(ok, i32c(0)), mismatch);
      llvm::BasicBlock *next = b.GetInsertBlock();
      llvm::IRBuilderBase::InsertPointGuard guard(b);
      b.SetInsertPoint(mismatch);
      call("kiln_ref_reset", {services(), temp});
      b.CreateBr(next);
    }
    moveFromTemp(result, temp);
    return success();
  }
  if (isa<ListSetI32Op, ListSetI64Op, ListSetF32Op, ListSetF64Op, ListSetRefOp>(op)) {
    Value value = op.getOperand(2);
    b.CreateStore(call("kiln_list_set",
                       {exec, list, arg(1), codeOf(kindOf(value.getType())), vars.lookup(value)}),
                  st);
    checkStatus(&op);
    return success();
  }
  return op.emitOpError("is not supported by the LLVM form yet");
}

// A ref to a rodata buffer, wrapped by the runtime.
LogicalResult FunctionLowering::emitRodataRef(Operation &op) {
  auto sym = op.getAttrOfType<FlatSymbolRefAttr>("rodata");
  llvm::GlobalVariable *data = sym ? m.rodata.lookup(sym.getValue()) : nullptr;
  if (!data)
    return op.emitOpError("refers to an unknown rodata");
  uint64_t size = m.dl.getTypeAllocSize(data->getValueType());
  llvm::AllocaInst *temp = refTemp();
  setLoc(&op);
  b.CreateStore(
      call("kiln_buffer_wrap_rodata", {exec, data, i64c(static_cast<int64_t>(size)), temp}), st);
  checkStatus(&op);
  moveFromTemp(op.getResult(0), temp);
  return success();
}

} // namespace mlir::kiln::llvmtarget
