//===- EmbedDispatches.cpp - Outlined kernels into embedded executables ---===//
//
// Second half of the dispatch lowering (Passes.td). The kernel's entry
// point and the host function are written as vm assembly and parsed, like
// the buffer view wrappers (BufferViewExports.cpp): straight lines of loads
// and hal calls read far better as text than as builder calls, and the
// parser verifies them.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dispatch/KernelCompiler.h"
#include "compiler/Dispatch/Passes.h"

#include "compiler/Imports/ModuleImports.h"
#include "dialects/hal/HALDialect.h"
#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/IR/SymbolTable.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_EMBEDDISPATCHESPASS
#include "compiler/Dispatch/Passes.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

// IREE's HAL encodings. HOST_LOCAL | DEVICE_VISIBLE: host memory the device
// uses as is.
constexpr uint32_t kMemoryTypes = 0x46 | 0x10;
// TRANSFER | DISPATCH_STORAGE | MAPPING_SCOPED | MAPPING_ACCESS_RANDOM.
constexpr uint32_t kBufferUsage = 0x3 | 0xC00 | (1u << 24) | (1u << 27);
// ... | SHARING_IMMUTABLE: how a read-only buffer (rodata) is imported.
constexpr uint32_t kReadOnlyUsage = kBufferUsage | (1u << 19);
// Command buffer: ONE_SHOT; categories TRANSFER | DISPATCH.
constexpr int kOneShot = 1;
constexpr int kCategories = 3;

/// How one converted argument crosses the dispatch: a binding (a buffer) or
/// one or two i32 constant words.
enum class Passing { Binding, Word, I64, F32, F64 };

FailureOr<Passing> passingOf(Type t) {
  if (t == vm::getBufferRefType(t.getContext()))
    return Passing::Binding;
  if (t.isInteger(32))
    return Passing::Word;
  if (t.isInteger(64))
    return Passing::I64;
  if (t.isF32())
    return Passing::F32;
  if (t.isF64())
    return Passing::F64;
  return failure();
}

std::string typeText(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

/// Writes vm assembly one line at a time with fresh value names.
struct Writer {
  std::string body;
  unsigned next = 0;

  std::string fresh(StringRef hint) { return "%" + hint.str() + "_" + std::to_string(next++); }
  void line(const Twine &text) { body += "    " + text.str() + "\n"; }
  std::string def(StringRef hint, const Twine &rhs) {
    std::string name = fresh(hint);
    line(name + " = " + rhs);
    return name;
  }
  std::string constI32(int64_t v) { return def("c", "vm.const.i32 " + Twine(v)); }
  std::string constI64(int64_t v) { return def("c", "vm.const.i64 " + Twine(v)); }
};

/// The kernel ABI entry point `name` that unpacks bindings and constants
/// and calls `kernel` (whose last six arguments are workgroup id and count).
FailureOr<std::string> writeEntryPoint(StringRef name, vm::FuncOp kernel) {
  Writer w;
  ArrayRef<Type> inputs = kernel.getFunctionType().getInputs();
  if (inputs.size() < 6)
    return failure();
  SmallVector<std::string> args;
  std::string c32 = w.constI32(32);
  int64_t binding = 0, word = 0;
  auto loadWord = [&]() {
    std::string at = w.constI64(word++);
    return w.def("w", "vm.buffer.load.i32 %constants[" + at + "] : !vm.buffer -> i32");
  };
  auto loadI64 = [&]() {
    std::string lo = w.def("lo", "vm.ext.i32.i64.u " + loadWord() + " : i32 -> i64");
    std::string hi = w.def("hi", "vm.ext.i32.i64.u " + loadWord() + " : i32 -> i64");
    std::string shifted = w.def("hi", "vm.shl.i64 " + hi + ", " + c32 + " : i64");
    return w.def("v", "vm.or.i64 " + lo + ", " + shifted + " : i64");
  };
  for (Type t : inputs.drop_back(6)) {
    FailureOr<Passing> passing = passingOf(t);
    if (failed(passing))
      return failure();
    switch (*passing) {
    case Passing::Binding: {
      std::string at = w.constI32(binding++);
      args.push_back(w.def("b", "vm.list.get.ref %bindings, " + at +
                                    " : (!vm.list<!vm.buffer>, i32) -> !vm.buffer"));
      break;
    }
    case Passing::Word:
      args.push_back(loadWord());
      break;
    case Passing::I64:
      args.push_back(loadI64());
      break;
    case Passing::F32:
      args.push_back(w.def("f", "vm.bitcast.i32.f32 " + loadWord() + " : i32 -> f32"));
      break;
    case Passing::F64:
      args.push_back(w.def("f", "vm.bitcast.i64.f64 " + loadI64() + " : i64 -> f64"));
      break;
    }
  }
  for (StringRef grid : {"%id_x", "%id_y", "%id_z", "%count_x", "%count_y", "%count_z"})
    args.push_back(grid.str());
  SmallVector<std::string> types;
  for (Type t : inputs)
    types.push_back(typeText(t));
  w.line("vm.call @" + kernel.getSymName() + "(" + llvm::join(args, ", ") + ") : (" +
         llvm::join(types, ", ") + ") -> ()");
  w.line("vm.return");

  std::string text;
  llvm::raw_string_ostream os(text);
  os << "vm.func @" << name
     << "(%local : !vm.buffer, %constants : !vm.buffer, %bindings : "
        "!vm.list<!vm.buffer>, %id_x : i32, %id_y : i32, %id_z : i32, %size_x : "
        "i32, %size_y : i32, %size_z : i32, %count_x : i32, %count_y : i32, "
        "%count_z : i32) {\n"
     << w.body << "}\nvm.export @" << name << "\n";
  return text;
}

/// The host function `name` (converted type `type`, whose last three
/// arguments are the workgroup counts): dispatch the kernel of the
/// executable in rodata `data` (created once into global `cache`) and wait.
FailureOr<std::string> writeHost(StringRef name, FunctionType type, StringRef cache,
                                 StringRef format, StringRef data) {
  Writer w;
  ArrayRef<Type> inputs = type.getInputs();
  if (inputs.size() < 3 || !type.getResults().empty())
    return failure();
  SmallVector<std::string> params;
  for (auto [i, t] : llvm::enumerate(inputs.drop_back(3)))
    params.push_back("%a" + std::to_string(i) + " : " + typeText(t));
  for (StringRef count : {"%count_x", "%count_y", "%count_z"})
    params.push_back(count.str() + " : i32");

  std::string c0 = w.constI32(0), c1 = w.constI32(1), c32 = w.constI32(32);
  std::string zero = w.constI64(0), all = w.constI64(-1);
  std::string device =
      w.def("device", "vm.call @hal.devices.get(" + c0 + ") : (i32) -> !vm.ref<!hal.device>");
  std::string cached =
      w.def("cached", "vm.global.load.ref @" + cache + " : !vm.ref<!hal.executable>");
  std::string have = w.def("have", "vm.cmp.nz.ref " + cached + " : !vm.ref<!hal.executable>");
  w.line("vm.cond_br " + have + ", ^dispatch(" + cached + " : !vm.ref<!hal.executable>), ^create");
  w.body += "  ^create:\n";
  std::string formatRef = w.def("format", "vm.const.ref.rodata @" + format + " : !vm.buffer");
  std::string dataRef = w.def("data", "vm.const.ref.rodata @" + data + " : !vm.buffer");
  std::string noConstants = w.def("none", "vm.const.ref.zero : !vm.buffer");
  std::string created =
      w.def("created", "vm.call @hal.executable.create(" + device + ", " + all + ", " + formatRef +
                           ", " + dataRef + ", " + noConstants +
                           ") : (!vm.ref<!hal.device>, i64, !vm.buffer, !vm.buffer, !vm.buffer) -> "
                           "!vm.ref<!hal.executable>");
  w.line("vm.global.store.ref " + created + ", @" + cache + " : !vm.ref<!hal.executable>");
  w.line("vm.br ^dispatch(" + created + " : !vm.ref<!hal.executable>)");
  w.body += "  ^dispatch(%exe : !vm.ref<!hal.executable>):\n";
  std::string allocator = w.def("allocator", "vm.call @hal.device.allocator(" + device +
                                                 ") : (!vm.ref<!hal.device>) -> "
                                                 "!vm.ref<!hal.allocator>");
  std::string memory = w.constI32(kMemoryTypes), usage = w.constI32(kBufferUsage),
              readOnly = w.constI32(kReadOnlyUsage);
  auto import = [&](const std::string &buffer, const std::string &isTry,
                    const std::string &withUsage) {
    return w.def("imported", "vm.call @hal.allocator.import(" + allocator + ", " + isTry + ", " +
                                 all + ", " + memory + ", " + withUsage + ", " + buffer + ", " +
                                 zero + ", " + all +
                                 ") : (!vm.ref<!hal.allocator>, i32, i64, i32, i32, !vm.buffer, "
                                 "i64, i64) -> !vm.ref<!hal.buffer>");
  };
  SmallVector<std::string> words, bindings;
  auto split = [&](const std::string &v) {
    words.push_back(w.def("lo", "vm.trunc.i64.i32 " + v + " : i64 -> i32"));
    std::string hi = w.def("hi", "vm.shr.i64.u " + v + ", " + c32 + " : i64");
    words.push_back(w.def("hi", "vm.trunc.i64.i32 " + hi + " : i64 -> i32"));
  };
  for (auto [i, t] : llvm::enumerate(inputs.drop_back(3))) {
    std::string arg = "%a" + std::to_string(i);
    FailureOr<Passing> passing = passingOf(t);
    if (failed(passing))
      return failure();
    switch (*passing) {
    case Passing::Binding: {
      // Writable when the buffer is; a read-only one (rodata) is imported
      // for reading.
      std::string writable = import(arg, c1, usage);
      std::string readable = import(arg, c0, readOnly);
      std::string ok = w.def("writable", "vm.cmp.nz.ref " + writable + " : !vm.ref<!hal.buffer>");
      std::string buffer = w.def("buffer", "vm.select.ref " + ok + ", " + writable + ", " +
                                               readable + " : !vm.ref<!hal.buffer>");
      bindings.push_back("(" + c0 + ", " + c0 + ", " + buffer + ", " + zero + ", " + all + ")");
      break;
    }
    case Passing::Word:
      words.push_back(arg);
      break;
    case Passing::I64:
      split(arg);
      break;
    case Passing::F32:
      words.push_back(w.def("bits", "vm.bitcast.f32.i32 " + arg + " : f32 -> i32"));
      break;
    case Passing::F64:
      split(w.def("bits", "vm.bitcast.f64.i64 " + arg + " : f64 -> i64"));
      break;
    }
  }
  std::string cb =
      w.def("cb", "vm.call @hal.command_buffer.create(" + device + ", " + w.constI32(kOneShot) +
                      ", " + w.constI32(kCategories) + ", " + all + ", " + c0 +
                      ") : (!vm.ref<!hal.device>, i32, i32, i64, i32) -> "
                      "!vm.ref<!hal.command_buffer>");
  w.line("vm.call.variadic @hal.command_buffer.dispatch(" + cb + ", %exe, " + zero +
         ", %count_x, %count_y, %count_z, " + zero + ", [" + llvm::join(words, ", ") + "], [" +
         llvm::join(bindings, ", ") +
         "]) : (!vm.ref<!hal.command_buffer>, !vm.ref<!hal.executable>, i64, i32, i32, i32, "
         "i64, i32 ..., tuple<i32, i32, !vm.ref<!hal.buffer>, i64, i64> ...) -> ()");
  w.line("vm.call @hal.command_buffer.finalize(" + cb + ") : (!vm.ref<!hal.command_buffer>) -> ()");
  std::string fence = w.def("fence", "vm.call @hal.fence.create(" + device + ", " + zero +
                                         ") : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>");
  std::string noWait = w.def("none", "vm.const.ref.zero : !vm.ref<!hal.fence>");
  w.line("vm.call @hal.device.queue.execute(" + device + ", " + all + ", " + noWait + ", " + fence +
         ", " + cb + ", " + zero +
         ") : (!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, "
         "!vm.ref<!hal.command_buffer>, i64) -> ()");
  std::string forever = w.constI32(-1);
  w.def("status", "vm.call.variadic @hal.fence.await(" + forever + ", " + zero + ", [" + fence +
                      "]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32");
  w.line("vm.return");

  std::string text;
  llvm::raw_string_ostream os(text);
  os << "vm.func private @" << name << "(" << llvm::join(params, ", ") << ") {\n"
     << w.body << "}\n";
  return text;
}

/// Parses `text` and moves its ops to the end of `block` (before its
/// terminator), each taking location `loc`.
LogicalResult insertParsed(StringRef text, Block &block, Location loc, StringRef what) {
  Block parsed;
  ParserConfig config(loc.getContext(), /*verifyAfterParse=*/false);
  if (failed(parseSourceString(text, &parsed, config, what)))
    return emitError(loc) << "internal error: the generated " << what << " does not parse";
  for (Operation &op : llvm::make_early_inc_range(parsed)) {
    op.walk([&](Operation *inner) { inner->setLoc(loc); });
    op.moveBefore(block.getTerminator());
  }
  return success();
}

vm::RodataOp addRodata(OpBuilder &b, Location loc, SymbolTable &symbols, StringRef name,
                       ArrayRef<uint8_t> bytes) {
  auto type = RankedTensorType::get({static_cast<int64_t>(bytes.size())}, b.getIntegerType(8));
  auto value = DenseElementsAttr::getFromRawBuffer(
      type, ArrayRef<char>(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
  auto rodata = vm::RodataOp::create(b, loc, name, value);
  SymbolTable::setSymbolVisibility(rodata, SymbolTable::Visibility::Private);
  rodata.setAlignmentAttr(b.getI64IntegerAttr(64));
  symbols.insert(rodata);
  return rodata;
}

struct EmbedDispatchesPass : public mlir::kiln::impl::EmbedDispatchesPassBase<EmbedDispatchesPass> {
  using EmbedDispatchesPassBase::EmbedDispatchesPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto recorded = module->getAttrOfType<ArrayAttr>(kDispatchesAttr);
    if (!recorded)
      return;
    module->removeAttr(kDispatchesAttr);
    std::optional<KernelForm> form = parseKernelForm(kernelForm);
    if (!form) {
      module.emitError() << "kiln-embed-dispatches: kernel-form must be 'bytecode' or 'c', not '"
                         << kernelForm << "'";
      return signalPassFailure();
    }
    auto vmModules = llvm::to_vector(module.getOps<vm::ModuleOp>());
    if (vmModules.size() != 1) {
      module.emitError() << "kiln-embed-dispatches: expected one vm.module after the "
                            "conversion to vm, found "
                         << vmModules.size();
      return signalPassFailure();
    }
    vm::ModuleOp vmModule = vmModules.front();
    SymbolTable symbols(vmModule);
    OpBuilder b(&getContext());
    b.setInsertionPointToStart(&vmModule.getBlock());
    std::string formatText = executableFormat(*form).str();
    vm::RodataOp format = addRodata(
        b, vmModule.getLoc(), symbols, "__kiln_executable_format",
        ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(formatText.data()), formatText.size()));
    format.removeAlignmentAttr();

    KernelCompilerOptions compiler;
    compiler.form = *form;
    compiler.cc = cc;
    compiler.ccFlags = ccFlags;
    compiler.cBounded = cBounded;
    compiler.versionLoops = versionLoops;
    for (Attribute entry : recorded) {
      auto dict = dyn_cast<DictionaryAttr>(entry);
      auto hostRef = dict ? dict.getAs<FlatSymbolRefAttr>("host") : nullptr;
      auto kernelRef = dict ? dict.getAs<FlatSymbolRefAttr>("kernel") : nullptr;
      auto host = hostRef ? symbols.lookup<vm::FuncOp>(hostRef.getValue()) : nullptr;
      auto kernel = kernelRef ? symbols.lookup<vm::FuncOp>(kernelRef.getValue()) : nullptr;
      if (!host || !kernel) {
        vmModule.emitError() << "kiln-embed-dispatches: " << entry
                             << " names no converted host and kernel functions";
        return signalPassFailure();
      }
      if (failed(embed(vmModule, symbols, b, host, kernel, compiler, format)))
        return signalPassFailure();
    }
    if (failed(insertMissingKnownImports(vmModule)))
      return signalPassFailure();
  }

  /// Builds the kernel's own module: a copy of `kernel` and what it refers
  /// to, plus the exported entry point `entryName`.
  FailureOr<OwningOpRef<ModuleOp>> kernelModule(vm::ModuleOp vmModule, SymbolTable &symbols,
                                                vm::FuncOp kernel, StringRef entryName) {
    Location loc = kernel.getLoc();
    OwningOpRef<ModuleOp> outer = ModuleOp::create(loc);
    OpBuilder b(&getContext());
    b.setInsertionPointToEnd(outer->getBody());
    auto kernelVM = vm::ModuleOp::create(b, loc, (vmModule.getSymName() + "_" + entryName).str());
    b.setInsertionPoint(kernelVM.getBlock().getTerminator());
    SymbolTable kernelSymbols(kernelVM);
    SmallVector<Operation *> worklist{b.clone(*kernel)};
    while (!worklist.empty()) {
      Operation *op = worklist.pop_back_val();
      bool failedRef = false;
      op->walk([&](Operation *inner) {
        inner->getAttrDictionary().walk([&](FlatSymbolRefAttr ref) {
          if (failedRef || kernelSymbols.lookup(ref.getValue()))
            return;
          Operation *target = symbols.lookup(ref.getValue());
          if (!target)
            return;
          if (isa<vm::ImportOp>(target)) {
            emitError(loc) << "the kernel outlined here calls the imported function " << ref
                           << "; an executable imports nothing";
            failedRef = true;
            return;
          }
          Operation *copy = b.clone(*target);
          kernelSymbols.insert(copy);
          worklist.push_back(copy);
        });
      });
      if (failedRef)
        return failure();
    }
    FailureOr<std::string> entry = writeEntryPoint(entryName, kernel);
    if (failed(entry))
      return emitError(loc) << "kernel @" << kernel.getSymName() << " has type "
                            << kernel.getFunctionType()
                            << "; the kernel ABI passes buffers, i32, i64, f32 and f64, "
                               "then six i32 (workgroup id and count)";
    if (failed(insertParsed(*entry, kernelVM.getBlock(), loc, "kernel entry point")))
      return failure();
    return outer;
  }

  LogicalResult embed(vm::ModuleOp vmModule, SymbolTable &symbols, OpBuilder &b, vm::FuncOp host,
                      vm::FuncOp kernel, const KernelCompilerOptions &compiler,
                      vm::RodataOp format) {
    Location loc = kernel.getLoc();
    StringRef hostName = host.getSymName();
    FailureOr<OwningOpRef<ModuleOp>> kernelIR = kernelModule(vmModule, symbols, kernel, hostName);
    if (failed(kernelIR))
      return failure();
    if (printKernels) {
      kernelIR->get()->print(llvm::outs());
      llvm::outs() << "\n";
    }
    FailureOr<std::vector<uint8_t>> bytes = compileKernelModule(kernelIR->get(), compiler, loc);
    if (failed(bytes))
      return failure();
    symbols.erase(kernel);

    vm::RodataOp data = addRodata(b, loc, symbols, (hostName + "_executable").str(), *bytes);
    std::string cacheText = ("vm.global.ref private mutable @" + hostName +
                             "_executable_cache : !vm.ref<!hal.executable>\n")
                                .str();
    Block parsedGlobal;
    ParserConfig config(&getContext(), /*verifyAfterParse=*/false);
    if (failed(parseSourceString(cacheText, &parsedGlobal, config, "executable cache")))
      return emitError(loc) << "internal error: the executable cache does not parse";
    Operation *cache = &parsedGlobal.front();
    cache->setLoc(loc);
    cache->moveAfter(data);
    symbols.insert(cache);

    FailureOr<std::string> hostText =
        writeHost(hostName, host.getFunctionType(), SymbolTable::getSymbolName(cache).getValue(),
                  format.getSymName(), data.getSymName());
    if (failed(hostText))
      return emitError(host.getLoc())
             << "host function @" << hostName << " has type " << host.getFunctionType()
             << "; a dispatch passes buffers, i32, i64, f32 and f64, then "
                "three i32 (workgroup count), and returns nothing";
    Location hostLoc = host.getLoc();
    std::string name = hostName.str();
    symbols.erase(host);
    if (failed(insertParsed(*hostText, vmModule.getBlock(), hostLoc, "dispatch of " + name)))
      return failure();
    symbols.insert(&*std::prev(vmModule.getBlock().getTerminator()->getIterator()));
    return success();
  }
};

} // namespace
