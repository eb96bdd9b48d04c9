//===- LLVMModule.cpp - LLVM target: the module around the functions ------===//
//
// The LLVM module of one vm.module, laid out as the C target lays out its C:
// state (scalar globals' bytes, then ref globals), rodata, source locations,
// one internal function per vm.func, the export entry points, state
// init/deinit, and the import, export and function tables of the
// kiln_module_desc_t that kiln_module_v1_get returns.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/LLVMEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "kiln/c/module.h"
#include "kiln/vm/limits.h"

#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Path.h"

namespace mlir::kiln::llvmtarget {

ModuleLowering::ModuleLowering(Operation *vmModule, llvm::Module &out, const llvm::Module &ops,
                               const LLVMTargetOptions &options)
    : vm(vmModule), ctx(out.getContext()), mod(out), ops(ops), options(options),
      dl(out.getDataLayout()) {
  i1 = llvm::Type::getInt1Ty(ctx);
  i8 = llvm::Type::getInt8Ty(ctx);
  i32 = llvm::Type::getInt32Ty(ctx);
  i64 = llvm::Type::getInt64Ty(ctx);
  f32 = llvm::Type::getFloatTy(ctx);
  f64 = llvm::Type::getDoubleTy(ctx);
  ptr = llvm::PointerType::get(ctx, 0);
  // kiln_source_loc_t: file, line, column, offset, inlined_from, caller.
  locType = llvm::StructType::get(ctx, {ptr, i32, i32, i32, ptr, ptr});
}

llvm::Type *ModuleLowering::typeOf(Kind k) const {
  switch (k) {
  case Kind::I32:
    return i32;
  case Kind::I64:
    return i64;
  case Kind::F32:
    return f32;
  case Kind::F64:
    return f64;
  case Kind::Ref:
    return ptr;
  }
  return i32;
}

llvm::Function *ModuleLowering::helper(StringRef name) {
  if (llvm::Function *f = mod.getFunction(name))
    return f;
  const llvm::Function *source = ops.getFunction(name);
  if (!source)
    llvm::report_fatal_error(llvm::Twine("kiln: the ops bitcode lacks helper ") + name +
                             " (rebuild KilnTargetLLVM)");
  llvm::Function *f = llvm::Function::Create(source->getFunctionType(),
                                             llvm::GlobalValue::ExternalLinkage, name, mod);
  f->copyAttributesFrom(source);
  return f;
}

llvm::Value *ModuleLowering::callHelper(llvm::IRBuilder<> &b, StringRef name,
                                        ArrayRef<llvm::Value *> args) {
  llvm::Function *f = helper(name);
  llvm::FunctionType *ft = f->getFunctionType();
  SmallVector<llvm::Value *> converted;
  for (auto [i, a] : llvm::enumerate(args)) {
    llvm::Type *want = ft->getParamType(static_cast<unsigned>(i));
    llvm::Value *v = a;
    if (v->getType() != want) {
      if (want->isIntegerTy() && v->getType()->isIntegerTy())
        v = b.CreateSExtOrTrunc(v, want);
      else if (want->isDoubleTy() && v->getType()->isFloatTy())
        v = b.CreateFPExt(v, want);
    }
    converted.push_back(v);
  }
  llvm::CallInst *call = b.CreateCall(f, converted);
  // The parameter and return attributes (signext of a char, ...) at the
  // call too, as clang writes them.
  llvm::AttributeList attrs = f->getAttributes();
  SmallVector<llvm::AttributeSet> paramAttrs;
  for (unsigned i = 0; i < ft->getNumParams(); ++i)
    paramAttrs.push_back(attrs.getParamAttrs(i));
  call->setAttributes(
      llvm::AttributeList::get(ctx, llvm::AttributeSet(), attrs.getRetAttrs(), paramAttrs));
  return call;
}

llvm::Constant *ModuleLowering::cString(StringRef s) {
  llvm::Constant *&found = strings[s];
  if (found)
    return found;
  llvm::Constant *init = llvm::ConstantDataArray::getString(ctx, s, /*AddNull=*/true);
  auto *global = new llvm::GlobalVariable(mod, init->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, init, ".str");
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  global->setAlignment(llvm::Align(1));
  found = global;
  return global;
}

llvm::Constant *ModuleLowering::locGlobal(llvm::Constant *init, bool shared) {
  if (shared) {
    auto it = sharedLocs.find(init);
    if (it != sharedLocs.end())
      return it->second;
  }
  // Static storage: the runtime keeps the pointer for traces.
  auto *global = new llvm::GlobalVariable(mod, locType, /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, init, "loc");
  if (shared)
    sharedLocs[init] = global;
  return global;
}

llvm::DIFile *ModuleLowering::fileFor(StringRef path) {
  llvm::DIFile *&file = files[path];
  if (!file)
    file = di->createFile(llvm::sys::path::filename(path), llvm::sys::path::parent_path(path));
  return file;
}

llvm::DILocation *ModuleLowering::debugLocation(Location loc, llvm::Function *fn) {
  llvm::DISubprogram *sp = fn->getSubprogram();
  FileLineColLoc position = ctarget::fileLoc(loc);
  if (!sp || !position)
    return nullptr;
  llvm::DIScope *scope = sp;
  llvm::DIFile *file = fileFor(position.getFilename().getValue());
  // Code inlined from another file: a lexical block file of the function.
  if (file != sp->getFile())
    scope = llvm::DILexicalBlockFile::get(ctx, sp, file, 0);
  return llvm::DILocation::get(ctx, position.getLine(), position.getColumn(), scope);
}

llvm::StructType *ModuleLowering::returnType(StringRef f) {
  SmallVector<llvm::Type *> fields{isLight(f) ? i64 : ptr};
  for (Type r : vmType(funcs.lookup(f)).getResults())
    fields.push_back(typeOf(r));
  return llvm::StructType::get(ctx, fields);
}

llvm::Function *ModuleLowering::declareFunction(Operation *f) {
  StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
  SmallVector<llvm::Type *> inputs{ptr, ptr};
  if (isLight(sym)) {
    inputs.push_back(i32); // light frames below this one
    inputs.push_back(i64); // the invocation's fuel (kiln_light_fuel_param)
  }
  for (Type in : vmType(f).getInputs())
    inputs.push_back(typeOf(in));
  auto *type = llvm::FunctionType::get(returnType(sym), inputs, /*isVarArg=*/false);
  llvm::Function *fn = llvm::Function::Create(type, llvm::GlobalValue::InternalLinkage,
                                              prefix + "f_" + ctarget::cIdent(sym), mod);
  fn->addFnAttr(llvm::Attribute::NoUnwind);
  attachSubprogram(fn, f, sym);
  return fn;
}

void ModuleLowering::attachSubprogram(llvm::Function *fn, Operation *f, StringRef name) {
  if (!di)
    return;
  FileLineColLoc position = ctarget::fileLoc(f->getLoc());
  llvm::DIFile *file = fileFor(position ? position.getFilename().getValue() : "<unknown>");
  unsigned line = position ? position.getLine() : 0;
  auto flags = llvm::DISubprogram::SPFlagDefinition | llvm::DISubprogram::SPFlagLocalToUnit;
  if (options.optLevel > 0)
    flags |= llvm::DISubprogram::SPFlagOptimized;
  fn->setSubprogram(di->createFunction(file, name, fn->getName(), file, line,
                                       di->createSubroutineType(di->getOrCreateTypeArray({})), line,
                                       llvm::DINode::FlagZero, flags));
}

// Export entry points: packed arguments and results -> the internal call. A
// resumed call passes no arguments (the function reloads its frame instead).
LogicalResult ModuleLowering::emitEntry(Operation *f, llvm::Function *entry) {
  StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
  FunctionType type = vmType(f);
  SmallVector<llvm::Type *> inTypes, outTypes;
  for (Type in : type.getInputs())
    inTypes.push_back(typeOf(in));
  for (Type r : type.getResults())
    outTypes.push_back(typeOf(r));
  llvm::StructType *inType = llvm::StructType::get(ctx, inTypes);
  llvm::StructType *outType = llvm::StructType::get(ctx, outTypes);
  auto argIt = entry->arg_begin();
  llvm::Value *exec = &*argIt++, *state = &*argIt++, *args = &*argIt++, *results = &*argIt++;

  llvm::BasicBlock *body = llvm::BasicBlock::Create(ctx, "entry", entry);
  llvm::IRBuilder<> b(body);
  // With DWARF, the entry point is a function at the vm.func's line too
  // (the function it calls is inlined into it).
  attachSubprogram(entry, f, (sym + " (entry)").str());
  if (llvm::DILocation *at = debugLocation(f->getLoc(), entry))
    b.SetCurrentDebugLocation(at);
  SmallVector<llvm::Value *> params;
  if (!inTypes.empty()) {
    llvm::BasicBlock *started = llvm::BasicBlock::Create(ctx, "started", entry);
    llvm::BasicBlock *resumed = llvm::BasicBlock::Create(ctx, "resumed", entry);
    llvm::BasicBlock *join = llvm::BasicBlock::Create(ctx, "call", entry);
    b.CreateCondBr(b.CreateIsNull(args), resumed, started);
    b.SetInsertPoint(started);
    SmallVector<llvm::Value *> loaded;
    for (auto [i, t] : llvm::enumerate(inTypes))
      loaded.push_back(b.CreateLoad(t, b.CreateStructGEP(inType, args, static_cast<unsigned>(i))));
    b.CreateBr(join);
    b.SetInsertPoint(resumed);
    b.CreateBr(join);
    b.SetInsertPoint(join);
    for (auto [i, t] : llvm::enumerate(inTypes)) {
      llvm::PHINode *phi = b.CreatePHI(t, 2);
      phi->addIncoming(loaded[i], started);
      phi->addIncoming(llvm::Constant::getNullValue(t), resumed);
      params.push_back(phi);
    }
  }
  bool light = isLight(sym);
  SmallVector<llvm::Value *> operands{exec, state};
  if (light) {
    operands.push_back(b.getInt32(0));
    operands.push_back(callHelper(b, "kiln_light_fuel_in", {exec}));
  }
  operands.append(params.begin(), params.end());
  llvm::Value *returned = b.CreateCall(lfuncs.lookup(sym), operands);
  llvm::Value *word = b.CreateExtractValue(returned, 0);
  // A light callee's return word: its status, and the fuel it leaves goes
  // back to exec->fuel (kiln_light_result).
  llvm::Value *status = light ? callHelper(b, "kiln_light_result", {exec, word}) : word;
  if (!outTypes.empty()) {
    // Result slots are written (with owned refs) on success only.
    llvm::BasicBlock *store = llvm::BasicBlock::Create(ctx, "results", entry);
    llvm::BasicBlock *done = llvm::BasicBlock::Create(ctx, "done", entry);
    b.CreateCondBr(b.CreateIsNull(status), store, done);
    b.SetInsertPoint(store);
    for (unsigned i = 0; i < outTypes.size(); ++i)
      b.CreateStore(b.CreateExtractValue(returned, i + 1), b.CreateStructGEP(outType, results, i));
    b.CreateBr(done);
    b.SetInsertPoint(done);
  }
  b.CreateRet(status);
  return success();
}

// State init: global initial values still on the globals (the preparation
// pipeline usually moves them into __init); deinit releases the ref globals.
void ModuleLowering::emitStateFunctions(ArrayRef<Operation *> globalList, llvm::Function *&init,
                                        llvm::Function *&deinit) {
  init = llvm::Function::Create(llvm::FunctionType::get(ptr, {ptr, ptr}, false),
                                llvm::GlobalValue::InternalLinkage, prefix + "state_init", mod);
  init->addFnAttr(llvm::Attribute::NoUnwind);
  {
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", init));
    llvm::Value *state = init->getArg(1);
    for (Operation *g : globalList) {
      Attribute initial = g->getAttr("initial_value");
      int64_t slotOffset = globalSlots.lookup(g->getAttrOfType<StringAttr>("sym_name").getValue());
      llvm::Constant *value = nullptr;
      std::string suffix;
      if (auto i = dyn_cast_or_null<IntegerAttr>(initial)) {
        bool is64 = i.getType().isInteger(64);
        value = llvm::ConstantInt::get(is64 ? i64 : i32, i.getValue().getSExtValue(), true);
        suffix = is64 ? "i64" : "i32";
      } else if (auto fl = dyn_cast_or_null<FloatAttr>(initial)) {
        value = llvm::ConstantFP::get(ctx, fl.getValue());
        suffix = fl.getType().isF32() ? "f32" : "f64";
      }
      if (!value)
        continue;
      llvm::Value *bytes = callHelper(b, "kiln_state_bytes", {state});
      callHelper(b, "kiln_store_" + suffix, {bytes, b.getInt64(slotOffset), value});
    }
    b.CreateRet(llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx, 0)));
  }
  deinit =
      llvm::Function::Create(llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr, ptr}, false),
                             llvm::GlobalValue::InternalLinkage, prefix + "state_deinit", mod);
  deinit->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", deinit));
  if (globalRefs)
    callHelper(
        b, "kiln_state_release_refs",
        {deinit->getArg(0), deinit->getArg(1), b.getInt64(refsOffset), b.getInt64(globalRefs)});
  b.CreateRetVoid();
}

LogicalResult ModuleLowering::emitRodata(Operation *r) {
  std::string bytes;
  Attribute value = r->getAttr("value");
  if (auto s = dyn_cast_or_null<StringAttr>(value)) {
    bytes = s.getValue().str();
  } else if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
    ArrayRef<char> raw = dense.getRawData();
    if (dense.isSplat()) {
      auto shaped = cast<ShapedType>(dense.getType());
      for (int64_t i = 0; i < shaped.getNumElements(); ++i)
        bytes.append(raw.begin(), raw.end());
    } else {
      bytes.assign(raw.begin(), raw.end());
    }
  } else {
    return r->emitOpError("rodata value kind not supported by the LLVM form yet");
  }
  if (bytes.empty())
    bytes.push_back('\0'); // as the C form's one-byte array
  auto alignment = r->getAttrOfType<IntegerAttr>("alignment");
  uint64_t align = alignment ? alignment.getValue().getZExtValue() : 0;
  if (align == 0)
    align = ::kiln::vm::limits::kDefaultRodataAlignment;
  llvm::Constant *init = llvm::ConstantDataArray::getRaw(bytes, bytes.size(), i8);
  StringRef sym = r->getAttrOfType<StringAttr>("sym_name").getValue();
  auto *global = new llvm::GlobalVariable(mod, init->getType(), /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage, init,
                                          prefix + "rodata_" + ctarget::cIdent(sym));
  global->setAlignment(llvm::Align(align));
  rodata[sym] = global;
  return success();
}

void ModuleLowering::emitDescriptor(ArrayRef<Operation *> funcList,
                                    ArrayRef<Operation *> exportList,
                                    ArrayRef<Operation *> importList,
                                    const llvm::StringMap<llvm::Function *> &entries,
                                    llvm::Function *init, llvm::Function *deinit) {
  llvm::Constant *null = llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx, 0));
  auto c32 = [&](int64_t v) { return llvm::ConstantInt::get(i32, v); };
  llvm::Type *sizeType = dl.getIntPtrType(ctx);
  auto table = [&](StringRef name, llvm::StructType *rowType,
                   ArrayRef<llvm::Constant *> rows) -> llvm::Constant * {
    if (rows.empty())
      return null;
    auto *arrayType = llvm::ArrayType::get(rowType, rows.size());
    return new llvm::GlobalVariable(mod, arrayType, /*isConstant=*/true,
                                    llvm::GlobalValue::PrivateLinkage,
                                    llvm::ConstantArray::get(arrayType, rows), prefix + name);
  };
  // kiln_import_desc_t, kiln_export_desc_t, kiln_function_desc_t.
  auto *importType = llvm::StructType::get(ctx, {ptr, ptr, i32});
  auto *exportType = llvm::StructType::get(ctx, {ptr, ptr, i32});
  auto *functionType = llvm::StructType::get(ctx, {ptr, ptr, ptr, i32, i32});
  SmallVector<llvm::Constant *> imports_, exports_, functions_;
  for (Operation *i : importList) {
    auto type = vmType(i);
    imports_.push_back(llvm::ConstantStruct::get(
        importType, {cString(i->getAttrOfType<StringAttr>("sym_name").getValue()),
                     cString(ctarget::importSignatureOf(i, type)),
                     c32(i->hasAttr("is_optional") ? KILN_IMPORT_OPTIONAL : 0)}));
  }
  uint64_t headerSize = 2 * dl.getPointerSize();
  for (Operation *f : funcList) {
    StringRef s = f->getAttrOfType<StringAttr>("sym_name").getValue();
    llvm::Function *entry = entries.lookup(s);
    auto frame = frames.find(s);
    uint64_t frameSize = frame != frames.end() ? frame->second.first : headerSize;
    uint32_t frameRefs = frame != frames.end() ? frame->second.second : 0;
    functions_.push_back(llvm::ConstantStruct::get(
        functionType, {cString(s), cString(ctarget::signatureOf(vmType(f))),
                       entry ? static_cast<llvm::Constant *>(entry) : null,
                       c32(static_cast<int64_t>(frameSize)), c32(frameRefs)}));
  }
  for (Operation *e : exportList) {
    StringRef exportName = e->getAttrOfType<StringAttr>("export_name").getValue();
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    exports_.push_back(llvm::ConstantStruct::get(
        exportType,
        {cString(exportName), cString(ctarget::signatureOf(vmType(funcs.lookup(fnSym)))),
         c32(funcIndex.lookup(fnSym))}));
  }
  uint32_t version = 0;
  if (auto ver = vm->getAttrOfType<IntegerAttr>("version"))
    version = static_cast<uint32_t>(ver.getInt());
  // kiln_module_desc_t.
  auto *descType = llvm::StructType::get(
      ctx, {i32, i32, ptr, i32, i32, ptr, i32, ptr, i32, ptr, sizeType, ptr, ptr, i32});
  uint64_t stateSize =
      static_cast<uint64_t>(refsOffset) +
      dl.getPointerSize() * static_cast<uint64_t>(std::max<int64_t>(globalRefs, 1));
  llvm::Constant *desc = llvm::ConstantStruct::get(
      descType,
      {c32(KILN_MODULE_ABI_VERSION), c32(static_cast<int64_t>(dl.getTypeAllocSize(descType))),
       cString(vm->getAttrOfType<StringAttr>("sym_name").getValue()), c32(version),
       c32(static_cast<int64_t>(importList.size())), table("imports", importType, imports_),
       c32(static_cast<int64_t>(exportList.size())), table("exports", exportType, exports_),
       c32(static_cast<int64_t>(funcList.size())), table("functions", functionType, functions_),
       llvm::ConstantInt::get(sizeType, stateSize), init, deinit,
       c32(options.bounded ? KILN_MODULE_FLAG_BOUNDED : 0)});
  auto *descriptor =
      new llvm::GlobalVariable(mod, descType, /*isConstant=*/true,
                               llvm::GlobalValue::PrivateLinkage, desc, prefix + "descriptor");
  // The module's entry symbols (fixed ABI; see kiln/c/module.h): the
  // shared-library entry and the static registration name.
  SmallVector<std::string> names{prefix + "kiln_module"};
  if (options.entrySymbol)
    names.push_back(KILN_MODULE_ENTRY_SYMBOL);
  for (const std::string &name : names) {
    llvm::Function *get = llvm::Function::Create(llvm::FunctionType::get(ptr, {}, false),
                                                 llvm::GlobalValue::ExternalLinkage, name, mod);
    get->addFnAttr(llvm::Attribute::NoUnwind);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", get));
    b.CreateRet(descriptor);
  }
}

LogicalResult ModuleLowering::run() {
  auto nameAttr = vm->getAttrOfType<StringAttr>("sym_name");
  if (!nameAttr)
    return vm->emitOpError("has no name");
  prefix = ctarget::cIdent(nameAttr.getValue()) + "_";
  SmallVector<Operation *> funcList, exportList, importList, globalList, rodataList;
  for (Operation &op : vm->getRegion(0).front()) {
    if (isa<vm::FuncOp>(op)) {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      funcIndex[s] = static_cast<int>(funcList.size());
      funcList.push_back(&op);
      funcs[s] = &op;
    } else if (isa<vm::ExportOp>(op)) {
      exportList.push_back(&op);
    } else if (isa<vm::ImportOp>(op)) {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      importOrdinals[s] = static_cast<int>(importList.size());
      imports[s] = &op;
      importList.push_back(&op);
    } else if (isa<vm::GlobalI32Op, vm::GlobalI64Op, vm::GlobalF32Op, vm::GlobalF64Op,
                   vm::GlobalRefOp>(op)) {
      globalList.push_back(&op);
    } else if (isa<vm::RodataOp>(op)) {
      rodataList.push_back(&op);
    } else if (isa<vm::ModuleTerminatorOp>(op)) {
    } else if (isa<vm::InitializerOp>(op)) {
      return op.emitOpError("must be merged into __init by the preparation pipeline "
                            "before the LLVM target runs");
    } else {
      return op.emitOpError("is not supported by the LLVM form yet");
    }
  }
  classes = ctarget::classifyFunctions(vm, funcList, /*lightFrames=*/true);
  if (options.debugInfo) {
    // DWARF line tables pointing at the .mlir.
    di = std::make_unique<llvm::DIBuilder>(mod);
    FileLineColLoc position = ctarget::fileLoc(vm->getLoc());
    di->createCompileUnit(llvm::dwarf::DW_LANG_C11,
                          fileFor(position ? position.getFilename().getValue() : "<unknown>"),
                          "Kiln vm-translate (LLVM form)", options.optLevel > 0, "", 0);
    mod.addModuleFlag(llvm::Module::Warning, "Debug Info Version", llvm::DEBUG_METADATA_VERSION);
    mod.addModuleFlag(llvm::Module::Warning, "Dwarf Version", 5);
  }

  // Globals: the ordinals from ordinal allocation (byte offsets for scalars).
  for (Operation *g : globalList) {
    StringRef s = g->getAttrOfType<StringAttr>("sym_name").getValue();
    auto ordinal = g->getAttrOfType<IntegerAttr>("ordinal");
    if (!ordinal)
      return g->emitOpError("has no ordinal; the LLVM target needs the preparation pipeline");
    int64_t slotIndex = ordinal.getInt();
    globalSlots[s] = slotIndex;
    auto typeAttr = g->getAttrOfType<TypeAttr>("type");
    if (!typeAttr)
      return g->emitOpError("has no type");
    Kind k = kindOf(typeAttr.getValue());
    if (k == Kind::Ref) {
      globalRefs = std::max(globalRefs, slotIndex + 1);
    } else {
      int64_t width = (k == Kind::I64 || k == Kind::F64) ? 8 : 4;
      if (slotIndex < 0 || slotIndex % width)
        return g->emitOpError("has a misaligned byte offset ") << slotIndex;
      globalBytes = std::max(globalBytes, slotIndex + width);
    }
  }
  refsOffset = std::max<int64_t>((globalBytes + 15) / 16 * 16, 16);

  for (Operation *r : rodataList)
    if (failed(emitRodata(r)))
      return failure();
  for (Operation *f : funcList)
    lfuncs[f->getAttrOfType<StringAttr>("sym_name").getValue()] = declareFunction(f);
  for (Operation *f : funcList) {
    FunctionLowering lowering(*this, f,
                              lfuncs.lookup(f->getAttrOfType<StringAttr>("sym_name").getValue()));
    if (failed(lowering.run()))
      return failure();
  }

  llvm::StringMap<llvm::Function *> entries; // function symbol -> entry
  for (Operation *e : exportList) {
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    Operation *f = funcs.lookup(fnSym);
    if (!f)
      return e->emitOpError("exports an unknown function");
    if (entries.count(fnSym))
      continue;
    auto *entryType = llvm::FunctionType::get(ptr, {ptr, ptr, ptr, ptr}, false);
    llvm::Function *entry = llvm::Function::Create(entryType, llvm::GlobalValue::InternalLinkage,
                                                   prefix + "e_" + ctarget::cIdent(fnSym), mod);
    entry->addFnAttr(llvm::Attribute::NoUnwind);
    entries[fnSym] = entry;
    if (failed(emitEntry(f, entry)))
      return failure();
  }
  llvm::Function *init = nullptr, *deinit = nullptr;
  emitStateFunctions(globalList, init, deinit);
  emitDescriptor(funcList, exportList, importList, entries, init, deinit);
  if (di)
    di->finalize();
  return success();
}

} // namespace mlir::kiln::llvmtarget
