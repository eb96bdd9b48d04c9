//===- BufferViewExports.cpp - Export memref functions with buffer views --===//
//
// Second half of the buffer view calling convention (see
// BufferViewPasses.td). The wrapper is written as vm assembly and parsed:
// it is a straight line of hal calls whose text is far easier to read and
// check than the equivalent builder calls, and the parser verifies it.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/BufferViewPasses.h"

#include "compiler/Imports/ModuleImports.h"
#include "dialects/hal/HALDialect.h"
#include "dialects/vm/VMDialect.h"
#include "dialects/vm/VMOps.h"

#include "mlir/IR/SymbolTable.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_BUFFERVIEWEXPORTSPASS
#include "compiler/Conversion/BufferViewPasses.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

// IREE's HAL encodings (iree_hal_element_type_t and friends).
constexpr uint32_t kEncodingDenseRowMajor = 1;
// HOST_LOCAL | DEVICE_VISIBLE: host memory the device can use.
constexpr uint32_t kMemoryTypes = 0x46 | 0x10;
// TRANSFER | DISPATCH_STORAGE | MAPPING_SCOPED | MAPPING_ACCESS_RANDOM.
constexpr uint32_t kBufferUsage = 0x3 | 0xC00 | (1u << 24) | (1u << 27);

uint32_t halElementType(Type t) {
  auto make = [](uint32_t numerical, uint32_t bits) { return (numerical << 24) | bits; };
  if (t.isInteger(1))
    return make(0x13, 8); // i1 is stored as one byte: BOOL_8
  if (auto i = dyn_cast<IntegerType>(t))
    return make(0x10, i.getWidth());
  return make(0x21, t.getIntOrFloatBitWidth());
}

int64_t elementBytes(Type t) { return t.isInteger(1) ? 1 : t.getIntOrFloatBitWidth() / 8; }

std::string typeText(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

std::string quoted(StringRef s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

constexpr StringLiteral kViewType = "!vm.ref<!hal.buffer_view>";

/// Writes the body of one wrapper as vm assembly.
class WrapperWriter {
public:
  WrapperWriter(StringRef exportName, StringRef implName, FunctionType source, FunctionType impl)
      : exportName(exportName), implName(implName), source(source), impl(impl) {}

  /// The text of the vm.func and its vm.export, or failure when the
  /// converted signature does not match what the memref types imply.
  FailureOr<std::string> write();
  /// The text of a private vm.func named `shimName` with the converted
  /// signature of a memref declaration of `real` (whose declared type is
  /// `source`): it wraps each memref in a buffer view and calls `real`.
  FailureOr<std::string> writeShim(StringRef shimName, StringRef realName, vm::ImportOp real);
  llvm::StringSet<> usedImports;

private:
  std::string fresh(StringRef hint) { return "%" + hint.str() + "_" + std::to_string(next++); }
  void line(const Twine &text) { body += "    " + text.str() + "\n"; }
  std::string constI32(int64_t v) {
    std::string name = fresh("c");
    line(name + " = vm.const.i32 " + std::to_string(v));
    return name;
  }
  std::string constI64(int64_t v) {
    std::string name = fresh("c");
    line(name + " = vm.const.i64 " + std::to_string(v));
    return name;
  }
  std::string call(StringRef import, ArrayRef<std::string> args, StringRef type,
                   StringRef result = "") {
    usedImports.insert(("hal." + import).str());
    std::string name = result.empty() ? "" : fresh(result);
    line((name.empty() ? "" : name + " = ") + "vm.call @hal." + import + "(" +
         llvm::join(args, ", ") + ") : " + type);
    return name;
  }
  std::string callVariadic(StringRef import, ArrayRef<std::string> fixed,
                           ArrayRef<std::string> rest, StringRef type, StringRef result = "") {
    usedImports.insert(("hal." + import).str());
    std::string name = result.empty() ? "" : fresh(result);
    SmallVector<std::string> args(fixed);
    args.push_back("[" + llvm::join(rest, ", ") + "]");
    line((name.empty() ? "" : name + " = ") + "vm.call.variadic @hal." + import + "(" +
         llvm::join(args, ", ") + ") : " + type);
    return name;
  }
  /// Byte length of a dense memref with these dims.
  std::string byteLength(MemRefType type, ArrayRef<std::string> dims) {
    std::string length = constI64(elementBytes(type.getElementType()));
    for (const std::string &dim : dims) {
      std::string product = fresh("len");
      line(product + " = vm.mul.i64 " + length + ", " + dim + " : i64");
      length = product;
    }
    return length;
  }

  /// Constants and the device and allocator, at the top of a body.
  void writePreamble();
  /// A buffer view over `buffer` (a memref of `type` with `dims`), no copy.
  std::string viewOf(MemRefType type, const std::string &buffer, ArrayRef<std::string> dims);

  std::string c0, zero, anyQueue, infinite, align, encoding, memoryTypes, usage, device, allocator,
      noFence;
  StringRef exportName, implName;
  FunctionType source, impl;
  std::string body;
  unsigned next = 0;
};

void WrapperWriter::writePreamble() {
  c0 = constI32(0);
  zero = constI64(0);
  anyQueue = constI64(-1);
  infinite = constI32(-1);
  align = constI32(64);
  encoding = constI32(kEncodingDenseRowMajor);
  memoryTypes = constI32(kMemoryTypes);
  usage = constI32(kBufferUsage);
  device = call("devices.get", {c0}, "(i32) -> !vm.ref<!hal.device>", "device");
  allocator = call("device.allocator", {device},
                   "(!vm.ref<!hal.device>) -> !vm.ref<!hal.allocator>", "allocator");
}

std::string WrapperWriter::viewOf(MemRefType type, const std::string &buffer,
                                  ArrayRef<std::string> dims) {
  std::string length = byteLength(type, dims);
  std::string imported =
      call("allocator.import", {allocator, c0, anyQueue, memoryTypes, usage, buffer, zero, length},
           "(!vm.ref<!hal.allocator>, i32, i64, i32, i32, !vm.buffer, i64, "
           "i64) -> !vm.ref<!hal.buffer>",
           "imported");
  std::string elementType = constI32(halElementType(type.getElementType()));
  return callVariadic("buffer_view.create", {imported, zero, length, elementType, encoding}, dims,
                      "(!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> "
                      "!vm.ref<!hal.buffer_view>",
                      "view");
}

FailureOr<std::string> WrapperWriter::writeShim(StringRef shimName, StringRef realName,
                                                vm::ImportOp real) {
  writePreamble();
  Type i64 = IntegerType::get(source.getContext(), 64);
  SmallVector<std::string> params, realArgs;
  ArrayRef<Type> converted = impl.getInputs();
  ArrayRef<Type> realInputs = real.getArgumentTypes();
  size_t c = 0, k = 0;
  auto param = [&](Type t) {
    std::string name = "%arg" + std::to_string(c++);
    params.push_back(name + ": " + typeText(t));
    return name;
  };
  // The runtime's check functions take the device first; memref
  // declarations leave it out.
  auto deviceType = vm::RefType::get(hal::DeviceType::get(source.getContext()));
  if (!realInputs.empty() && realInputs[0] == deviceType &&
      (source.getNumInputs() == 0 || typeText(source.getInput(0)) != typeText(deviceType))) {
    realArgs.push_back(device);
    ++k;
  }
  auto viewType = vm::RefType::get(hal::BufferViewType::get(source.getContext()));
  for (Type type : source.getInputs()) {
    if (k >= realInputs.size() || real.isFuncArgumentVariadic(k))
      return failure();
    auto memref = dyn_cast<MemRefType>(type);
    if (!memref) {
      if (c >= converted.size() || converted[c] != realInputs[k])
        return failure();
      realArgs.push_back(param(converted[c]));
      ++k;
      continue;
    }
    if (realInputs[k] != viewType || c >= converted.size())
      return failure();
    std::string buffer = param(converted[c]);
    SmallVector<std::string> dims;
    for (int64_t size : memref.getShape()) {
      if (ShapedType::isDynamic(size)) {
        if (c >= converted.size() || converted[c] != i64)
          return failure();
        dims.push_back(param(converted[c]));
      } else {
        dims.push_back(constI64(size));
      }
    }
    realArgs.push_back(viewOf(memref, buffer, dims));
    ++k;
  }
  if (k != realInputs.size() || c != converted.size() || impl.getResults() != real.getResultTypes())
    return failure();
  SmallVector<std::string> inputTypes, resultTypes;
  for (Type t : realInputs)
    inputTypes.push_back(typeText(t));
  for (Type t : real.getResultTypes())
    resultTypes.push_back(typeText(t));
  std::string results = fresh("r");
  usedImports.insert(realName);
  std::string callText = "vm.call @" + realName.str() + "(" + llvm::join(realArgs, ", ") + ") : (" +
                         llvm::join(inputTypes, ", ") + ") -> (" + llvm::join(resultTypes, ", ") +
                         ")";
  size_t n = resultTypes.size();
  SmallVector<std::string> returned;
  if (n == 0) {
    line(callText);
  } else {
    line(results + (n == 1 ? "" : ":" + std::to_string(n)) + " = " + callText);
    for (size_t i = 0; i < n; ++i)
      returned.push_back(n == 1 ? results : results + "#" + std::to_string(i));
  }
  line(returned.empty()
           ? std::string("vm.return")
           : "vm.return " + llvm::join(returned, ", ") + " : " + llvm::join(resultTypes, ", "));
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "vm.func private @" << shimName << "(" << llvm::join(params, ", ") << ")";
  if (!resultTypes.empty())
    os << " -> (" << llvm::join(resultTypes, ", ") << ")";
  os << " {\n" << body << "}\n";
  return text;
}

FailureOr<std::string> WrapperWriter::write() {
  writePreamble();

  SmallVector<std::string> params, implArgs, fences;
  SmallVector<Type> implInputs(impl.getInputs());
  size_t next = 0;
  auto takeImplArg = [&](Type expected) -> FailureOr<Type> {
    if (next >= implInputs.size())
      return failure();
    Type t = implInputs[next++];
    if (expected && t != expected)
      return failure();
    return t;
  };
  Type i64 = IntegerType::get(source.getContext(), 64);
  for (auto [index, type] : llvm::enumerate(source.getInputs())) {
    std::string arg = "%arg" + std::to_string(index);
    auto memref = dyn_cast<MemRefType>(type);
    if (!memref) {
      FailureOr<Type> converted = takeImplArg(Type());
      if (failed(converted))
        return failure();
      params.push_back(arg + ": " + typeText(*converted));
      implArgs.push_back(arg);
      continue;
    }
    params.push_back(arg + ": " + kViewType.str());
    // Dims: dynamic ones read from the view, static ones as constants. With
    // dynamic dims the rank is checked first, so that a view of lower rank
    // fails with that rather than with an out-of-range dim.
    if (!memref.hasStaticShape()) {
      std::string rank =
          call("buffer_view.rank", {arg}, "(!vm.ref<!hal.buffer_view>) -> i32", "rank");
      std::string wrong = fresh("wrong_rank");
      line(wrong + " = vm.cmp.ne.i32 " + rank + ", " + constI32(memref.getRank()) + " : i32");
      line("vm.cond_fail " + wrong + ", " + constI32(3) + ", " +
           quoted((exportName + " argument " + Twine(index) + " must have rank " +
                   Twine(memref.getRank()))
                      .str()));
    }
    SmallVector<std::string> dims, dynamicDims;
    for (auto [d, size] : llvm::enumerate(memref.getShape())) {
      if (ShapedType::isDynamic(size)) {
        std::string dim = call("buffer_view.dim", {arg, constI32(d)},
                               "(!vm.ref<!hal.buffer_view>, i32) -> i64", "dim");
        dims.push_back(dim);
        dynamicDims.push_back(dim);
      } else {
        dims.push_back(constI64(size));
      }
    }
    std::string message = fresh("message");
    line(message + " = vm.rodata.inline : !vm.buffer = " +
         quoted((exportName + " argument " + Twine(index)).str()));
    std::string elementType = constI32(halElementType(memref.getElementType()));
    callVariadic("buffer_view.assert", {arg, message, elementType, encoding}, dims,
                 "(!vm.ref<!hal.buffer_view>, !vm.buffer, i32, i32, i64 ...)");
    // A private copy: queue copy into a hal buffer over a new vm.buffer.
    std::string length = byteLength(memref, dims);
    std::string sourceBuffer =
        call("buffer_view.buffer", {arg}, "(!vm.ref<!hal.buffer_view>) -> !vm.ref<!hal.buffer>",
             "source");
    std::string storage = fresh("storage");
    line(storage + " = vm.buffer.alloc " + length + ", " + align + " : !vm.buffer");
    std::string target = call("allocator.import",
                              {allocator, c0, anyQueue, memoryTypes, usage, storage, zero, length},
                              "(!vm.ref<!hal.allocator>, i32, i64, i32, i32, !vm.buffer, i64, "
                              "i64) -> !vm.ref<!hal.buffer>",
                              "target");
    std::string fence = call("fence.create", {device, zero},
                             "(!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>", "fence");
    if (noFence.empty()) {
      noFence = fresh("nofence");
      line(noFence + " = vm.const.ref.zero : !vm.ref<!hal.fence>");
    }
    call("device.queue.copy",
         {device, anyQueue, noFence, fence, sourceBuffer, zero, target, zero, length, zero},
         "(!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, "
         "!vm.ref<!hal.fence>, !vm.ref<!hal.buffer>, i64, "
         "!vm.ref<!hal.buffer>, i64, i64, i64) -> ()");
    fences.push_back(fence);
    // The memref calling convention: buffer, then each dynamic size.
    Type bufferType = vm::getBufferRefType(source.getContext());
    if (failed(takeImplArg(bufferType)))
      return failure();
    implArgs.push_back(storage);
    for (const std::string &dim : dynamicDims) {
      if (failed(takeImplArg(i64)))
        return failure();
      implArgs.push_back(dim);
    }
  }
  if (next != implInputs.size())
    return failure();
  if (!fences.empty()) {
    std::string status = callVariadic("fence.await", {infinite, zero}, fences,
                                      "(i32, i64, !vm.ref<!hal.fence> ...) -> i32", "status");
    line("vm.cond_fail " + status + ", " +
         quoted((exportName + ": copying the arguments failed").str()));
  }

  // The call.
  SmallVector<std::string> implInputTypes, implResultTypes;
  for (Type t : impl.getInputs())
    implInputTypes.push_back(typeText(t));
  for (Type t : impl.getResults())
    implResultTypes.push_back(typeText(t));
  std::string results = fresh("r");
  std::string callText = "vm.call @" + implName.str() + "(" + llvm::join(implArgs, ", ") + ") : (" +
                         llvm::join(implInputTypes, ", ") + ") -> (" +
                         llvm::join(implResultTypes, ", ") + ")";
  size_t resultCount = impl.getNumResults();
  if (resultCount == 0)
    line(callText);
  else if (resultCount == 1)
    line(results + " = " + callText);
  else
    line(results + ":" + std::to_string(resultCount) + " = " + callText);
  auto result = [&](size_t i) {
    return resultCount == 1 ? results : results + "#" + std::to_string(i);
  };

  // Results: memrefs become buffer views over their buffers (no copy).
  SmallVector<std::string> returned, returnedTypes;
  size_t r = 0;
  for (Type type : source.getResults()) {
    auto memref = dyn_cast<MemRefType>(type);
    if (!memref) {
      if (r >= resultCount)
        return failure();
      returned.push_back(result(r));
      returnedTypes.push_back(typeText(impl.getResult(r)));
      ++r;
      continue;
    }
    if (r >= resultCount)
      return failure();
    std::string buffer = result(r++);
    SmallVector<std::string> dims;
    for (int64_t size : memref.getShape()) {
      if (ShapedType::isDynamic(size)) {
        if (r >= resultCount || impl.getResult(r) != i64)
          return failure();
        dims.push_back(result(r++));
      } else {
        dims.push_back(constI64(size));
      }
    }
    std::string view = viewOf(memref, buffer, dims);
    returned.push_back(view);
    returnedTypes.push_back(kViewType.str());
  }
  if (r != resultCount)
    return failure();
  if (returned.empty())
    line("vm.return");
  else
    line("vm.return " + llvm::join(returned, ", ") + " : " + llvm::join(returnedTypes, ", "));

  std::string text;
  llvm::raw_string_ostream os(text);
  os << "vm.func @" << exportName << "(" << llvm::join(params, ", ") << ")";
  if (!returnedTypes.empty())
    os << " -> (" << llvm::join(returnedTypes, ", ") << ")";
  os << " {\n" << body << "}\n";
  os << "vm.export @" << exportName << "\n";
  return text;
}

struct BufferViewExportsPass
    : public mlir::kiln::impl::BufferViewExportsPassBase<BufferViewExportsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto recorded = module->getAttrOfType<DictionaryAttr>(kBufferViewExportsAttr);
    if (!recorded && !module->getAttrOfType<DictionaryAttr>(kBufferViewImportsAttr))
      return;
    if (recorded)
      module->removeAttr(kBufferViewExportsAttr);
    else
      recorded = DictionaryAttr::get(&getContext(), {});
    auto vmModules = llvm::to_vector(module.getOps<vm::ModuleOp>());
    if (vmModules.size() != 1) {
      module.emitError() << "expected one vm.module after the conversion to "
                            "vm to add buffer view exports to";
      return signalPassFailure();
    }
    vm::ModuleOp vmModule = vmModules.front();
    SymbolTable symbols(vmModule);
    FailureOr<KnownModuleImports> known = KnownModuleImports::load(&getContext());
    if (failed(known))
      return signalPassFailure();

    llvm::StringSet<> neededImports;
    auto insertParsed = [&](const std::string &text, Location loc,
                            StringRef what) -> LogicalResult {
      Block parsed;
      ParserConfig config(&getContext(), /*verifyAfterParse=*/false);
      if (failed(parseSourceString(text, &parsed, config, what)))
        return emitError(loc) << "internal error: the generated " << what << " does not parse";
      // The generated code takes the location of what it stands for.
      for (Operation &op : llvm::make_early_inc_range(parsed)) {
        op.walk([&](Operation *inner) { inner->setLoc(loc); });
        op.moveBefore(vmModule.getBlock().getTerminator());
        if (isa<SymbolOpInterface>(op))
          symbols.insert(&op);
      }
      return success();
    };

    // Memref declarations of hal/check functions: the import becomes a
    // private function that wraps the memrefs and calls the real import.
    auto recordedImports = module->getAttrOfType<DictionaryAttr>(kBufferViewImportsAttr);
    if (recordedImports) {
      module->removeAttr(kBufferViewImportsAttr);
      for (NamedAttribute entry : recordedImports) {
        StringRef name = entry.getName().getValue();
        auto converted = symbols.lookup<vm::ImportOp>(name);
        auto sourceType = dyn_cast<TypeAttr>(entry.getValue());
        if (!converted || !sourceType || !isa<FunctionType>(sourceType.getValue())) {
          vmModule.emitError() << "no converted import '" << name << "'";
          return signalPassFailure();
        }
        vm::ImportOp real = known->lookup(name);
        if (!real) {
          converted.emitOpError() << "imports '" << name << "', which the runtime's '"
                                  << name.split('.').first << "' module does not export";
          return signalPassFailure();
        }
        std::string shimName = (name + "__memrefs").str();
        Location loc = converted.getLoc();
        if (failed(symbols.rename(converted, StringAttr::get(&getContext(), shimName)))) {
          converted.emitError() << "cannot rename to " << shimName;
          return signalPassFailure();
        }
        WrapperWriter writer(name, shimName, cast<FunctionType>(sourceType.getValue()),
                             converted.getFunctionType());
        FailureOr<std::string> text = writer.writeShim(shimName, name, real);
        if (failed(text)) {
          emitError(loc) << "the declaration " << sourceType.getValue() << " of '" << name
                         << "' does not match the runtime module's " << formatImportSignature(real)
                         << " with each buffer view written as a memref (and "
                            "a leading device left out)";
          return signalPassFailure();
        }
        symbols.erase(converted);
        if (failed(insertParsed(*text, loc, "memref call of " + name.str())))
          return signalPassFailure();
        for (const auto &import : writer.usedImports)
          neededImports.insert(import.getKey());
      }
    }

    for (NamedAttribute entry : recorded) {
      StringRef name = entry.getName().getValue();
      auto impl = symbols.lookup<vm::FuncOp>(name);
      auto sourceType = dyn_cast<TypeAttr>(entry.getValue());
      if (!impl || !sourceType || !isa<FunctionType>(sourceType.getValue())) {
        vmModule.emitError() << "no converted function '" << name
                             << "' to export with buffer views";
        return signalPassFailure();
      }
      // The memref version keeps its body under a new name; callers inside
      // the module are renamed with it.
      std::string implName = (name + "__memrefs").str();
      for (unsigned i = 0; symbols.lookup(implName); ++i)
        implName = (name + "__memrefs" + Twine(i)).str();
      if (failed(symbols.rename(impl, StringAttr::get(&getContext(), implName)))) {
        impl.emitError() << "cannot rename to " << implName;
        return signalPassFailure();
      }
      WrapperWriter writer(name, implName, cast<FunctionType>(sourceType.getValue()),
                           impl.getFunctionType());
      FailureOr<std::string> text = writer.write();
      if (failed(text)) {
        impl.emitError() << "converted signature " << impl.getFunctionType()
                         << " does not follow the memref calling convention "
                            "for "
                         << sourceType.getValue();
        return signalPassFailure();
      }
      if (failed(insertParsed(*text, impl.getLoc(), "buffer view export of " + name.str())))
        return signalPassFailure();
      for (const auto &import : writer.usedImports)
        neededImports.insert(import.getKey());
    }

    // Declarations of the hal functions the wrappers call, from the runtime's
    // declaration files.
    OpBuilder builder(&getContext());
    builder.setInsertionPointToStart(&vmModule.getBlock());
    // In name order, so the output does not depend on hashing.
    SmallVector<StringRef> names;
    for (const auto &entry : neededImports)
      names.push_back(entry.getKey());
    llvm::sort(names);
    for (StringRef name : names) {
      if (symbols.lookup(name))
        continue;
      vm::ImportOp declaration = known->lookup(name);
      if (!declaration) {
        vmModule.emitError() << "the runtime's declarations lack " << name;
        return signalPassFailure();
      }
      auto import = cast<vm::ImportOp>(builder.clone(*declaration));
      import.setSymName(name);
      import->setLoc(vmModule.getLoc());
      symbols.insert(import);
    }
  }
};

} // namespace
