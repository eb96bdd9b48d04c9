//===- ModuleEmitter.cpp - C target: the module around the functions ------===//
//
// The emitc module of one vm.module: includes, state layout, rodata,
// function prototypes, export entry points, state init/deinit, and the
// import, export and function tables of the module descriptor with its
// registration symbols.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"

#include "compiler/Target/C/CRodata.h"
#include "compiler/Target/C/IncludeDir.h"

#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln::ctarget {

std::string ModuleEmitter::locGlobal(Operation *before, const std::string &init, bool shared) {
  if (shared) {
    auto found = sharedLocs.find(init);
    if (found != sharedLocs.end())
      return found->second;
  }
  std::string name = prefix + "loc" + std::to_string(locCount++);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(before);
  // Verbatim rather than emitc.global: its name and initializer are placed
  // texts, which an emitc.global's symbol cannot be.
  verbatim(placeText("static " + cTypeName(t->loc) + " " + name + " = " + init + ";"));
  if (shared)
    sharedLocs[init] = name;
  return name;
}

std::string ModuleEmitter::structType(Operation *before, ArrayRef<std::string> fields,
                                      StringRef hint) {
  std::string name = prefix + hint.str() + std::to_string(structCount++) + "_t";
  std::string text = "typedef struct {";
  for (const std::string &f : fields)
    text += " " + f + ";";
  text += " } " + name + ";";
  OpBuilder::InsertionGuard guard(b);
  if (before)
    b.setInsertionPoint(before);
  verbatim(text);
  return name;
}

emitc::FuncOp ModuleEmitter::declareFunction(Operation *f) {
  auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
  StringRef sym = f->getAttrOfType<StringAttr>("sym_name").getValue();
  SmallVector<Type> inputs{t->exec, t->state};
  bool isLight = light.contains(sym);
  if (isLight) {
    inputs.push_back(t->i32); // light frames below this one
    inputs.push_back(t->i64); // the invocation's fuel (kiln_light_fuel_param)
  }
  for (Type in : type.getInputs())
    inputs.push_back(t->of(in));
  // A light function returns a kiln_light_ret_t: its status and, in a
  // bounded module, the fuel it leaves (kiln/c/module.h).
  Type result = isLight ? t->lightRet : t->status;
  auto pair = pairReturn.find(sym);
  if (pair != pairReturn.end()) {
    result = emitc::OpaqueType::get(ctx, pair->second);
    OpBuilder::InsertionGuard guard(b);
    if (firstFunction)
      b.setInsertionPoint(firstFunction);
    verbatim("typedef struct { kiln_light_ret_t st; " +
             std::string(cType(kindOf(type.getResult(0)))) + " r0; } " + pair->second + ";");
  } else {
    for (Type r : type.getResults())
      inputs.push_back(emitc::PointerType::get(t->of(r)));
  }
  auto cfunc =
      emitc::FuncOp::create(b, f->getLoc(), fnName(sym), FunctionType::get(ctx, inputs, {result}));
  if (!firstFunction)
    firstFunction = cfunc;
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
  Value exec = body->getArgument(0), args = body->getArgument(2), results = body->getArgument(3);
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
      resultPtrs.push_back(emitc::AddressOfOp::create(fb, loc, emitc::PointerType::get(rt), field));
    }
  }
  emitc::FuncOp callee = cfuncs.lookup(sym);
  auto pairType = pairReturn.find(sym);
  bool isLight = light.contains(sym);
  // A light callee's return word: its status, and the fuel it leaves goes
  // back to exec->fuel (kiln_light_result).
  auto statusOf = [&](Value word) -> Value {
    if (!isLight)
      return word;
    return emitc::CallOpaqueOp::create(fb, loc, TypeRange(t->status), "kiln_light_result",
                                       ValueRange{exec, word})
        .getResult(0);
  };
  auto callWith = [&](ArrayRef<Value> arguments) {
    SmallVector<Value> operands{exec, state};
    if (isLight) {
      operands.push_back(lit(t->i32, "0"));
      operands.push_back(emitc::CallOpaqueOp::create(fb, loc, TypeRange(t->i64),
                                                     "kiln_light_fuel_in", ValueRange{exec})
                             .getResult(0));
    }
    operands.append(arguments.begin(), arguments.end());
    if (pairType == pairReturn.end()) {
      operands.append(resultPtrs.begin(), resultPtrs.end());
      Value status = statusOf(callFunction(fb, loc, callee, operands));
      emitc::ReturnOp::create(fb, loc, status);
      return;
    }
    // {status, result}: the result goes out whatever the status (the
    // runtime reads results only after success).
    Type rt = t->of(type.getResult(0));
    Value returned = emitc::VariableOp::create(
        fb, loc, emitc::LValueType::get(emitc::OpaqueType::get(ctx, pairType->second)),
        emitc::OpaqueAttr::get(ctx, ""));
    emitc::AssignOp::create(fb, loc, returned, callFunction(fb, loc, callee, operands));
    Value r0 = emitc::MemberOp::create(fb, loc, emitc::LValueType::get(rt), "r0", returned);
    emitc::AssignOp::create(
        fb, loc, emitc::DereferenceOp::create(fb, loc, emitc::LValueType::get(rt), resultPtrs[0]),
        emitc::LoadOp::create(fb, loc, rt, r0));
    Value stField =
        emitc::MemberOp::create(fb, loc, emitc::LValueType::get(t->lightRet), "st", returned);
    emitc::ReturnOp::create(fb, loc,
                            statusOf(emitc::LoadOp::create(fb, loc, t->lightRet, stField)));
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
  Value isNull =
      emitc::CmpOp::create(fb, loc, t->i1, emitc::CmpPredicate::eq, inValue, lit(inPtr, "NULL"));
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
  auto init = emitc::FuncOp::create(b, loc, prefix + "state_init",
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
      if (literal.empty())
        continue;
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
  auto deinit = emitc::FuncOp::create(b, loc, prefix + "state_deinit",
                                      FunctionType::get(ctx, {t->services, t->voidPtr}, {}));
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

std::string ModuleEmitter::placeText(std::string text) {
  if (!sink)
    return text;
  placedTexts.push_back(std::move(text));
  return kPlacedTextMark + std::to_string(placedTexts.size() - 1) + kPlacedTextMark;
}

LogicalResult ModuleEmitter::flushThrough(Operation *last) {
  if (!sink)
    return success();
  // Every op with a marker in it was built since the last flush and lies
  // before `last` (a function's locations go right before it), so the
  // markers restart after this flush.
  llvm::scope_exit restart([&] { placedTexts.clear(); });
  Block &body = *out->getBody();
  auto it = lastFlushed ? std::next(lastFlushed->getIterator()) : body.begin();
  while (it != body.end()) {
    Operation *op = &*it++;
    bool isLast = op == last;
    if (failed(mlir::verify(op)) || failed(sink(op, placedTexts)))
      return failure();
    if (auto func = dyn_cast<emitc::FuncOp>(op)) {
      // The shell stays (emitEntry reads its name and type); the body, the
      // bulk of the memory, goes.
      func.getBody().dropAllReferences();
      func.getBody().getBlocks().clear();
      lastFlushed = op;
    } else {
      op->erase();
    }
    if (isLast)
      break;
  }
  return success();
}

FailureOr<OwningOpRef<ModuleOp>> ModuleEmitter::run(EmitCPieceSink pieceSink) {
  sink = pieceSink;
  ctx->getOrLoadDialect<emitc::EmitCDialect>();
  ctx->getOrLoadDialect<cf::ControlFlowDialect>();
  auto nameAttr = vm->getAttrOfType<StringAttr>("sym_name");
  if (!nameAttr)
    return vm->emitOpError("has no name");
  StringRef moduleName = nameAttr.getValue();
  prefix = cIdent(moduleName) + "_";
  t = std::make_unique<CTypes>(ctx, prefix);
  SmallVector<Operation *> funcList, exportList, importList, globalList, rodataList;
  for (Operation &op : vm->getRegion(0).front()) {
    if (isa<vm::FuncOp>(op)) {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      funcIndex[s] = funcList.size();
      funcList.push_back(&op);
      funcs[s] = &op;
    } else if (isa<vm::ExportOp>(op)) {
      exportList.push_back(&op);
    } else if (isa<vm::ImportOp>(op)) {
      StringRef s = op.getAttrOfType<StringAttr>("sym_name").getValue();
      importOrdinals[s] = importList.size();
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
                            "before the C target runs");
    } else {
      return op.emitOpError("is not supported by the C target");
    }
  }
  FunctionClasses classes = classifyFunctions(vm, funcList, options.lightFrames);
  suspension = std::move(classes.suspension);
  light = std::move(classes.light);
  recursive = std::move(classes.recursive);
  gatedStackCheck = std::move(classes.gatedStackCheck);
  stackMargin = classes.stackMargin;
  // Light functions with one scalar result return it beside their status.
  for (Operation *f : funcList) {
    StringRef s = f->getAttrOfType<StringAttr>("sym_name").getValue();
    auto type = cast<FunctionType>(f->getAttrOfType<TypeAttr>("function_type").getValue());
    if (light.contains(s) && type.getNumResults() == 1 && kindOf(type.getResult(0)) != Kind::Ref)
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
    if (!typeAttr)
      return g->emitOpError("has no type");
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
  // Any text can be a symbol name: shown as an escaped C string with no '/'
  // (so it cannot end the comment, or start one inside it) unless plain.
  bool plainName = llvm::all_of(
      moduleName, [](char c) { return llvm::isAlnum(c) || c == '_' || c == '.' || c == '$'; });
  std::string shownName;
  for (char c : plainName ? moduleName.str() : cString(moduleName))
    shownName += c == '/' ? std::string("\\057") : std::string(1, c);
  verbatim("/* Generated by vm-translate --vm-to-c from vm.module @" + shownName +
           " (vm -> emitc -> C). Do not edit.\n * Build: cc -std=c11 -O2 -shared -fPIC -I " +
           runtimeIncludeDir() +
           " x.c -lm -o x.so\n * (-DKILN_C_BOUNDED=1: fuel and native stack checks; "
           "docs/runtime.md) */");
  if (options.bounded)
    verbatim("#define KILN_C_BOUNDED 1");
  emitc::IncludeOp::create(b, l, "stdbool.h", /*is_standard_include=*/true);
  emitc::IncludeOp::create(b, l, "kiln/c/module.h", false);
  emitc::IncludeOp::create(b, l, "kiln/c/ops.h", false);
  bool prints = false;
  vm->walk([&](vm::PrintOp) { prints = true; });
  if (prints)
    emitc::IncludeOp::create(b, l, "kiln/c/print.h", false);

  // State: the scalar globals' bytes, then the ref globals (module.h).
  verbatim("typedef struct {\n  uint8_t gb[" + Twine(refsOffset) + "];\n  kiln_ref_t gr[" +
           Twine(std::max<int64_t>(globalRefs, 1)) + "];\n} " + prefix + "state_t;");

  // Rodata.
  for (Operation *r : rodataList) {
    std::string n =
        prefix + "rodata_" + cIdent(r->getAttrOfType<StringAttr>("sym_name").getValue());
    std::string bytes;
    Attribute value = r->getAttr("value");
    if (auto s = dyn_cast_or_null<StringAttr>(value)) {
      bytes = s.getValue().str();
    } else if (auto dense = dyn_cast_or_null<DenseElementsAttr>(value)) {
      ArrayRef<char> raw = dense.getRawData();
      if (dense.isSplat()) {
        auto st = cast<ShapedType>(dense.getType());
        for (int64_t i = 0; i < st.getNumElements(); ++i)
          bytes.append(raw.begin(), raw.end());
      } else {
        bytes.assign(raw.begin(), raw.end());
      }
    } else {
      return r->emitOpError("rodata value kind not supported by the C target");
    }
    if (bytes.empty())
      bytes.push_back('\0');
    // Verbatim rather than emitc.global, which cannot carry the alignment
    // the .vmfb honours too (vm-verify-target-limits checked the range).
    auto alignment = r->getAttrOfType<IntegerAttr>("alignment");
    verbatim(placeText(
        emitAlignedRodata(n, bytes, alignment ? alignment.getValue().getZExtValue() : 0)));
  }

  // Functions: prototypes, then bodies (each preceded by its locations).
  for (Operation *f : funcList)
    cfuncs[f->getAttrOfType<StringAttr>("sym_name").getValue()] = declareFunction(f);
  if (!funcList.empty()) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(
        cfuncs.lookup(funcList.front()->getAttrOfType<StringAttr>("sym_name").getValue()));
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
      verbatim(placeText(text + ");"));
    }
  }
  for (Operation *f : funcList) {
    emitc::FuncOp cfunc = cfuncs.lookup(f->getAttrOfType<StringAttr>("sym_name").getValue());
    FunctionEmitter fe(*this, f, cfunc);
    if (failed(fe.run()) || failed(flushThrough(cfunc)))
      return failure();
  }

  // Export entry points.
  llvm::StringMap<std::string> entryOf; // function symbol -> entry function
  for (Operation *e : exportList) {
    StringRef fnSym = e->getAttrOfType<FlatSymbolRefAttr>("function_ref").getValue();
    Operation *f = funcs.lookup(fnSym);
    if (!f)
      return e->emitOpError("exports an unknown function");
    if (entryOf.count(fnSym))
      continue;
    std::string entry = prefix + "e_" + cIdent(fnSym);
    entryOf[fnSym] = entry;
    if (failed(emitEntry(f, entry)))
      return failure();
  }
  emitStateFunctions(globalList);

  // Tables and descriptor.
  auto table = [&](StringRef name, StringRef elementType, ArrayRef<std::string> rows) {
    std::string init = "{\n";
    for (const std::string &row : rows)
      init += "  " + row + ",\n";
    init += "}";
    emitc::GlobalOp::create(b, l, name,
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
      if (suspension->maySuspend(s)) {
        unsigned refs = 0;
        for (Block &block : f->getRegion(0)) {
          for (BlockArgument a : block.getArguments())
            refs += kindOf(a.getType()) == Kind::Ref;
          for (Operation &op : block)
            for (Value r : op.getResults())
              refs += kindOf(r.getType()) == Kind::Ref;
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
  if (auto ver = vm->getAttrOfType<IntegerAttr>("version"))
    version = ver.getInt();
  std::string descriptor;
  llvm::raw_string_ostream d(descriptor);
  d << "{\n  KILN_MODULE_ABI_VERSION, sizeof(kiln_module_desc_t),\n  " << cString(moduleName)
    << ", " << version << "u,\n  " << importList.size() << ", "
    << (importList.empty() ? "NULL" : prefix + "imports") << ",\n  " << exportList.size() << ", "
    << (exportList.empty() ? "NULL" : prefix + "exports") << ",\n  " << funcList.size() << ", "
    << (funcList.empty() ? "NULL" : prefix + "functions") << ",\n  sizeof(" << prefix
    << "state_t), " << prefix << "state_init, " << prefix << "state_deinit,\n"
    << "  KILN_MODULE_BUILD_FLAGS,\n}";
  emitc::GlobalOp::create(b, l, prefix + "descriptor",
                          emitc::OpaqueType::get(ctx, "const kiln_module_desc_t"),
                          emitc::OpaqueAttr::get(ctx, descriptor), false, true, false);
  // The module's entry symbols (fixed ABI; see kiln/c/module.h).
  verbatim("/* For static linking: register with kiln::cmodule::register_static_module. */\n"
           "const kiln_module_desc_t* " +
           prefix +
           "kiln_module(void);\n"
           "const kiln_module_desc_t* " +
           prefix + "kiln_module(void) { return &" + prefix +
           "descriptor; }\n"
           "#if !defined(KILN_MODULE_NO_ENTRY)\n"
           "const kiln_module_desc_t* kiln_module_v1_get(void);\n"
           "const kiln_module_desc_t* kiln_module_v1_get(void) { return &" +
           prefix + "descriptor; }\n#endif");
  if (sink)
    return failed(flushThrough(nullptr)) ? FailureOr<OwningOpRef<ModuleOp>>(failure())
                                         : FailureOr<OwningOpRef<ModuleOp>>(std::move(out));
  if (failed(mlir::verify(*out)))
    return failure();
  return std::move(out);
}

} // namespace mlir::kiln::ctarget
