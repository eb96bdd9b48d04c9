//===- LLVMEmitter.h - The LLVM target's lowering classes --------*- C++ -*-===//
//
// ModuleLowering builds the LLVM module of one vm.module (state, rodata,
// locations, entry points, descriptor; LLVMModule.cpp); FunctionLowering
// builds one function (LLVMFunction.cpp: values, frames, control flow and
// scalar ops; LLVMMemory.cpp: globals, buffers, lists; LLVMCalls.cpp: calls
// and suspension). The shape follows the C target (compiler/Target/C)
// decision for decision, through the analyses both share (NativeShared.h),
// and every op's semantics is a call of its kiln/c/ helper, linked from the
// ops bitcode and inlined.
//
// Values live in allocas (refs own one reference each, released at the
// single cleanup block), which mem2reg/SROA promote; vm blocks become basic
// blocks; block arguments are assigned on each edge as a parallel copy.
// Internal functions return {status word, results...} in registers.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_LLVM_LLVMEMITTER_H
#define KILN_COMPILER_TARGET_LLVM_LLVMEMITTER_H

#include "compiler/Target/C/CNames.h"
#include "compiler/Target/C/NativeShared.h"
#include "compiler/Target/LLVM/VMToLLVM.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>

namespace mlir::kiln::llvmtarget {

using ctarget::Kind;
using ctarget::kindOf;

class ModuleLowering {
public:
  ModuleLowering(Operation *vmModule, llvm::Module &out, const llvm::Module &ops,
                 const LLVMTargetOptions &options);
  LogicalResult run();

  Operation *vm;
  llvm::LLVMContext &ctx;
  llvm::Module &mod;
  const llvm::Module &ops; // the ops bitcode: helper declarations
  const LLVMTargetOptions &options;
  const llvm::DataLayout &dl;
  std::string prefix; // symbol prefix: module name + '_'

  llvm::Type *i1, *i8, *i32, *i64, *f32, *f64, *ptr;
  llvm::StructType *locType; // kiln_source_loc_t

  llvm::StringMap<Operation *> funcs, imports;
  llvm::StringMap<int> funcIndex, importOrdinals;
  llvm::StringMap<llvm::Function *> lfuncs;
  ctarget::FunctionClasses classes;
  llvm::StringMap<int64_t> globalSlots;
  int64_t globalBytes = 0, globalRefs = 0, refsOffset = 16;
  llvm::StringMap<llvm::GlobalVariable *> rodata;
  // Frame storage of functions that may suspend: bytes, ref slots.
  llvm::StringMap<std::pair<uint64_t, uint32_t>> frames;

  bool isLight(StringRef f) const { return classes.light.contains(f); }
  bool maySuspend(StringRef f) const { return classes.suspension->maySuspend(f); }

  /// The declaration of kiln/c/ helper `name` (its type and attributes from
  /// the ops bitcode, which the linker later supplies the body of).
  llvm::Function *helper(StringRef name);
  /// A call of helper `name`; integer arguments are widened (sign extended)
  /// or narrowed to its parameter types, as C converts them.
  llvm::Value *callHelper(llvm::IRBuilder<> &b, StringRef name, ArrayRef<llvm::Value *> args);
  llvm::Type *typeOf(Kind k) const;
  llvm::Type *typeOf(Type vmType) const { return typeOf(kindOf(vmType)); }
  llvm::Constant *zeroOf(Type vmType) const { return llvm::Constant::getNullValue(typeOf(vmType)); }
  /// A NUL-terminated string constant (shared per content).
  llvm::Constant *cString(StringRef s);
  /// A kiln_source_loc_t constant; `shared` ones are deduplicated by content.
  llvm::Constant *locGlobal(llvm::Constant *init, bool shared);
  /// The struct an internal function returns: {word, results...}; the word
  /// is a kiln_light_ret_t (i64) for light functions, else a status (ptr).
  llvm::StructType *returnType(StringRef f);
  /// DWARF (options.debugInfo): the file of a path, and the line-table
  /// location of `loc` in function `fn` (null without debug info or a file
  /// position).
  std::unique_ptr<llvm::DIBuilder> di;
  llvm::DIFile *fileFor(StringRef path);
  llvm::DILocation *debugLocation(Location loc, llvm::Function *fn);
  FunctionType vmType(Operation *f) const {
    return cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
  }

private:
  llvm::StringMap<llvm::Constant *> strings;
  llvm::DenseMap<llvm::Constant *, llvm::Constant *> sharedLocs;
  llvm::StringMap<llvm::DIFile *> files;
  llvm::Function *declareFunction(Operation *f);
  /// With DWARF: a subprogram for `fn` at vm.func `f`'s position.
  void attachSubprogram(llvm::Function *fn, Operation *f, StringRef name);
  LogicalResult emitEntry(Operation *f, llvm::Function *entry);
  void emitStateFunctions(ArrayRef<Operation *> globals, llvm::Function *&init,
                          llvm::Function *&deinit);
  LogicalResult emitRodata(Operation *r);
  void emitDescriptor(ArrayRef<Operation *> funcList, ArrayRef<Operation *> exportList,
                      ArrayRef<Operation *> importList,
                      const llvm::StringMap<llvm::Function *> &entries, llvm::Function *init,
                      llvm::Function *deinit);
};

class FunctionLowering {
public:
  FunctionLowering(ModuleLowering &m, Operation *func, llvm::Function *fn);
  LogicalResult run();

private:
  ModuleLowering &m;
  Operation *func;
  llvm::Function *fn;
  llvm::IRBuilder<> b;
  StringRef sym;
  FunctionType type;
  int index = 0;
  bool mayYield = false, frameless = false, lightFrame = false;
  llvm::DenseSet<Value> liveAcrossSuspension;

  llvm::Value *exec = nullptr, *state = nullptr, *depth = nullptr;
  llvm::AllocaInst *st = nullptr;        // the status (ptr)
  llvm::AllocaInst *lfuel = nullptr;     // a light function's fuel count
  llvm::AllocaInst *header = nullptr;    // a light frame's kiln_frame_header_t
  llvm::AllocaInst *frameSlot = nullptr; // the VM frame's storage pointer
  llvm::AllocaInst *rp = nullptr;        // the resume point
  SmallVector<llvm::AllocaInst *> resultSlots;
  llvm::DenseMap<Value, llvm::AllocaInst *> vars;
  SmallVector<Value> refValues, scalarValues; // in frame order
  SmallVector<llvm::AllocaInst *> refTemps;   // released at cleanup
  llvm::DenseMap<Block *, llvm::BasicBlock *> blocks;
  llvm::DenseMap<Operation *, int> opOffsets;
  llvm::DenseMap<Operation *, llvm::Constant *> opLocs;
  llvm::DenseMap<llvm::Constant *, llvm::BasicBlock *> statusExits;
  llvm::BasicBlock *entry = nullptr, *cleanup = nullptr, *suspend = nullptr;
  SmallVector<llvm::BasicBlock *> resumeBlocks;

  // Building blocks.
  llvm::Value *i32c(int64_t v) { return b.getInt32(static_cast<uint32_t>(v)); }
  llvm::Value *i64c(int64_t v) { return b.getInt64(static_cast<uint64_t>(v)); }
  llvm::Value *nullPtr() {
    return llvm::ConstantPointerNull::get(llvm::PointerType::get(m.ctx, 0));
  }
  llvm::Value *okStatus() { return nullPtr(); }
  llvm::Value *deferredStatus() { return b.CreateIntToPtr(i64c(1), m.ptr); }
  /// A call of kiln/c/ helper `name`; integer arguments are widened (sign
  /// extended) or narrowed to the helper's parameter types, as C converts.
  llvm::Value *call(StringRef name, ArrayRef<llvm::Value *> args);
  /// An alloca in the entry block, initialized to zero there.
  llvm::AllocaInst *slot(llvm::Type *type);
  llvm::AllocaInst *refTemp() {
    llvm::AllocaInst *temp = slot(m.ptr);
    refTemps.push_back(temp);
    return temp;
  }
  llvm::Value *load(llvm::AllocaInst *a) { return b.CreateLoad(a->getAllocatedType(), a); }
  llvm::Value *get(Value vm) { return load(vars.lookup(vm)); }
  llvm::Value *services() { return call("kiln_exec_services", {exec}); }
  llvm::Value *isNonZero(llvm::Value *v) {
    return v->getType()->isPointerTy()
               ? b.CreateIsNotNull(v)
               : b.CreateICmpNE(v, llvm::Constant::getNullValue(v->getType()));
  }
  /// A new block placed right after the current one.
  llvm::BasicBlock *newBlock();
  /// A new block at the end of the function (error paths).
  llvm::BasicBlock *newColdBlock() { return llvm::BasicBlock::Create(m.ctx, "", fn); }
  /// if (cond) goto taken; continues in a fresh block.
  void branchIf(llvm::Value *cond, llvm::BasicBlock *taken);

  // Locations and the error path.
  llvm::Constant *locFor(Operation *op);
  llvm::Value *headerPtr();
  void setLoc(Operation *op);
  /// The status `status` at `op`: into st, the frame's position, cleanup.
  void failWith(llvm::Value *status, Operation *op);
  void failIf(llvm::Value *cond, Operation *op, llvm::Value *code, StringRef message);
  void faultIf(llvm::Value *cond, Operation *op, int kind, ArrayRef<llvm::Value *> operands);
  void checkStatus(Operation *op);
  /// A small recursive light function's native stack check before the
  /// first call of each block (ctarget::takesStackCheck).
  void stackCheckBeforeCall(Operation *op);
  llvm::SmallPtrSet<Block *, 8> stackCheckedBlocks;
  void fuelTick(Operation *op);

  // Values and refs.
  void retain(llvm::Value *ref) { call("kiln_ref_retain", {services(), ref}); }
  void release(llvm::Value *ref) { call("kiln_ref_release", {services(), ref}); }
  void setOwned(Value vm, llvm::Value *value);
  void setCopy(Value vm, llvm::Value *value);
  void moveFromTemp(Value vm, llvm::AllocaInst *temp);
  void edge(Block *dest, ValueRange operands);
  void checkRefKind(llvm::Value *ref, Type vmType, Operation *op);
  void requireRefKind(llvm::Value *ref, int kind, Operation *op);
  void failUnlessOk(llvm::Value *ok, Value vmRef, int kind, Operation *op);

  LogicalResult emitOp(Operation &op);
  std::optional<LogicalResult> emitScalarOp(Operation &op);
  std::optional<LogicalResult> emitControlOp(Operation &op);
  std::optional<LogicalResult> emitCallOp(Operation &op);
  LogicalResult emitCall(Operation &op, StringRef callee, ValueRange args,
                         ArrayRef<Type> resultTypes, ValueRange resultsTo, Block *dest,
                         ArrayRef<int16_t> segmentSizes);
  LogicalResult emitImportCall(Operation &op, StringRef callee, ValueRange args,
                               ArrayRef<Type> resultTypes, ValueRange resultsTo, Block *dest,
                               ArrayRef<int16_t> segmentSizes);
  LogicalResult emitGlobalOp(Operation &op);
  LogicalResult emitBufferOp(Operation &op);
  LogicalResult emitListOp(Operation &op);
  LogicalResult emitRodataRef(Operation &op);
  LogicalResult emitPrint(Operation &op);

  // Buffers: a span is three allocas (data, byte length, writable).
  struct Span {
    llvm::AllocaInst *data, *length, *writable;
  };
  struct CachedSpan {
    llvm::AllocaInst *ok;
    Span span;
  };
  llvm::DenseSet<Value> spanInLoop;
  llvm::DenseMap<Value, CachedSpan> spans;
  void cacheSpan(Value vm);
  Span spanOf(Operation *op, Value vmBuffer);
  llvm::Value *rangeCheck(Operation *op, llvm::Value *length, llvm::Value *offset,
                          llvm::Value *count, unsigned elementSize);
  void writableCheck(Operation *op, llvm::AllocaInst *writable);

  // Suspension.
  int newResumePoint(llvm::BasicBlock *resumeBlock) {
    resumeBlocks.push_back(resumeBlock);
    return static_cast<int>(resumeBlocks.size());
  }
  void suspendAt(int point) {
    b.CreateStore(i32c(point), rp);
    b.CreateBr(suspend);
  }
  /// Returns from the function with status word `word` and zero results.
  void returnEarly(llvm::Value *word);
};

/// The ref kind (KILN_REF_KIND_* of kiln/c/module.h) of a ref of `type`.
int refKindOf(Type type);

} // namespace mlir::kiln::llvmtarget

#endif // KILN_COMPILER_TARGET_LLVM_LLVMEMITTER_H
