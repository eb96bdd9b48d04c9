//===- BytecodeModuleTarget.cpp - vm.module -> .vmfb ----------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Analysis/SuspensionAnalysis.h"
#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/VerifyTargetLimits.h"

#include "compiler/Target/Bytecode/BytecodeEncoder.h"
#include "compiler/Target/Bytecode/OpcodeSelection.h"
#include "dialects/vm/VMAttributeNames.h"
#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/vmfb_generated.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/Support/MathExtras.h"

#include <map>
#include <tuple>

namespace mlir::kiln {

namespace fb = ::kiln::vmfb;

namespace {

using ::kiln::bytecode::kExternalAlignment;
using ::kiln::bytecode::kFileHeaderSize;

/// Module-level ops in ordinal order.
struct ModuleLayout {
  SmallVector<Operation *> functions;
  SmallVector<Operation *> imports;
  SmallVector<Operation *> exports;
  SmallVector<Operation *> rodata;
  SmallVector<Operation *> inlineRodata;
  SmallVector<Operation *> scalarGlobals;
  SmallVector<Operation *> refGlobals;
  uint32_t globalBytes = 0;
};

StringRef getSymbolName(Operation *op) {
  if (auto name = op->getAttrOfType<StringAttr>("sym_name"))
    return name.getValue();
  return {};
}

std::optional<int64_t> getOrdinal(Operation *op) {
  if (auto ordinal = op->getAttrOfType<IntegerAttr>("ordinal"))
    return ordinal.getInt();
  return std::nullopt;
}

/// Uses the `ordinal` attributes the ordinal allocation pass assigned when
/// every op of the kind has one; keeps module order otherwise.
void sortByOrdinal(SmallVectorImpl<Operation *> &ops) {
  if (!llvm::all_of(ops, [](Operation *op) { return getOrdinal(op); }))
    return;
  std::stable_sort(ops.begin(), ops.end(),
                   [](Operation *a, Operation *b) { return *getOrdinal(a) < *getOrdinal(b); });
}

/// Byte width of a scalar global op (vm.global.i32 -> 4), 0 for others.
unsigned getGlobalWidth(Operation *op) {
  if (isa<vm::GlobalI32Op, vm::GlobalF32Op>(op))
    return 4;
  if (isa<vm::GlobalI64Op, vm::GlobalF64Op>(op))
    return 8;
  return 0;
}

Operation *findVMModule(Operation *op) {
  if (isa<vm::ModuleOp>(op))
    return op;
  Operation *found = nullptr;
  unsigned count = 0;
  if (op->getNumRegions() == 1)
    for (Operation &child : op->getRegion(0).getOps())
      if (isa<vm::ModuleOp>(child)) {
        found = &child;
        ++count;
      }
  if (count == 1)
    return found;
  if (count == 0)
    op->emitError() << "expected a 'vm.module' to translate";
  else
    op->emitError() << "expected exactly one 'vm.module', found " << count;
  return nullptr;
}

/// Signature string in the calling convention of docs/runtime.md.
FailureOr<std::string> makeSignature(Operation *op, bool allowVariadic) {
  auto typeAttr = op->getAttrOfType<TypeAttr>("function_type");
  auto type = typeAttr ? llvm::dyn_cast<FunctionType>(typeAttr.getValue()) : FunctionType();
  if (!type)
    return op->emitError() << "cannot be encoded: missing 'function_type'";
  auto argAttrs = op->getAttrOfType<ArrayAttr>("arg_attrs");
  std::string s = "0";
  auto append = [&](Type t) -> LogicalResult {
    SmallVector<Type> flat;
    if (auto tuple = llvm::dyn_cast<TupleType>(t))
      tuple.getFlattenedTypes(flat);
    else
      flat.push_back(t);
    for (Type element : flat) {
      char code = getTypeCode(element);
      if (!code)
        return op->emitError() << "cannot be encoded: type " << element
                               << " has no calling-convention code";
      s.push_back(code);
    }
    return success();
  };
  if (type.getNumInputs() == 0)
    s.push_back('v');
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    bool variadic = false;
    if (argAttrs && i < argAttrs.size())
      if (auto dict = llvm::dyn_cast<DictionaryAttr>(argAttrs[i]))
        variadic = static_cast<bool>(dict.get(vm::kVariadicAttrName));
    if (variadic && !allowVariadic)
      return op->emitError() << "cannot be encoded: variadic argument";
    if (variadic)
      s.push_back('C');
    if (failed(append(type.getInput(i))))
      return failure();
    if (variadic)
      s.push_back('D');
  }
  s.push_back('_');
  if (type.getNumResults() == 0)
    s.push_back('v');
  for (Type result : type.getResults())
    if (failed(append(result)))
      return failure();
  return s;
}

/// Raw bytes of a rodata value.
FailureOr<std::vector<uint8_t>> getRodataBytes(Operation *op) {
  Attribute value = op->getAttr("value");
  std::vector<uint8_t> bytes;
  if (auto str = llvm::dyn_cast_or_null<StringAttr>(value)) {
    bytes.assign(str.getValue().begin(), str.getValue().end());
    return bytes;
  }
  if (auto dense = llvm::dyn_cast_or_null<DenseElementsAttr>(value)) {
    Type elementType = dense.getElementType();
    unsigned bits = elementType.getIntOrFloatBitWidth();
    if (!elementType.isIntOrFloat() || bits % 8 != 0)
      return op->emitError() << "cannot be encoded: rodata element type " << elementType
                             << " is not byte-sized";
    ArrayRef<char> raw = dense.getRawData();
    if (dense.isSplat()) {
      size_t elementBytes = bits / 8;
      for (int64_t i = 0, e = dense.getNumElements(); i < e; ++i)
        bytes.insert(bytes.end(), raw.begin(), raw.begin() + elementBytes);
    } else {
      bytes.assign(raw.begin(), raw.end());
    }
    return bytes;
  }
  if (auto resource = llvm::dyn_cast_or_null<DenseResourceElementsAttr>(value)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return op->emitError() << "cannot be encoded: rodata resource has no "
                                "data";
    ArrayRef<char> data = blob->getData();
    bytes.assign(data.begin(), data.end());
    return bytes;
  }
  return op->emitError() << "cannot be encoded: unsupported rodata value";
}

/// Builds the debug database tables.
class DebugTables {
public:
  /// Index of `loc` in the location table. `caller` is the entry of the
  /// call site `loc` was inlined at and `inlinedFrom` the function it came
  /// from: the inliner (compiler/Transforms/Inline.cpp) wraps the callee
  /// side of each CallSiteLoc in a NameLoc holding the callee's name.
  int32_t getLocation(Location loc, int32_t caller = -1, int32_t name = -1,
                      int32_t inlinedFrom = -1) {
    if (auto fileLoc = llvm::dyn_cast<FileLineColLoc>(loc))
      return intern({uint32_t(internFile(fileLoc.getFilename().getValue())), fileLoc.getLine(),
                     fileLoc.getColumn(), caller, name, inlinedFrom});
    if (auto nameLoc = llvm::dyn_cast<NameLoc>(loc))
      return getLocation(nameLoc.getChildLoc(), caller, internFile(nameLoc.getName().getValue()),
                         inlinedFrom);
    if (auto callSite = llvm::dyn_cast<CallSiteLoc>(loc)) {
      int32_t callerIndex = getLocation(callSite.getCaller(), caller, -1, inlinedFrom);
      Location callee = callSite.getCallee();
      if (auto calleeName = llvm::dyn_cast<NameLoc>(callee))
        return getLocation(calleeName.getChildLoc(), callerIndex, name,
                           internFile(calleeName.getName().getValue()));
      return getLocation(callee, callerIndex, name);
    }
    if (auto fused = llvm::dyn_cast<FusedLoc>(loc)) {
      for (Location child : fused.getLocations()) {
        int32_t index = getLocation(child, caller, name, inlinedFrom);
        if (index >= 0)
          return index;
      }
    }
    if (auto opaque = llvm::dyn_cast<OpaqueLoc>(loc))
      return getLocation(opaque.getFallbackLocation(), caller, name, inlinedFrom);
    if (name >= 0 || caller >= 0 || inlinedFrom >= 0)
      return intern({uint32_t(internFile("")), 0, 0, caller, name, inlinedFrom});
    return -1;
  }

  std::vector<std::string> files;
  struct Entry {
    uint32_t file, line, column;
    int32_t caller, name, inlinedFrom;
    using Key = std::tuple<uint32_t, uint32_t, uint32_t, int32_t, int32_t, int32_t>;
    Key key() const { return {file, line, column, caller, name, inlinedFrom}; }
  };
  std::vector<Entry> locations;

private:
  int32_t internFile(StringRef file) {
    auto [it, inserted] = fileIndices.try_emplace(file, files.size());
    if (inserted)
      files.push_back(file.str());
    return it->second;
  }
  int32_t intern(const Entry &entry) {
    auto [it, inserted] = locationIndices.try_emplace(entry.key(), locations.size());
    if (inserted)
      locations.push_back(entry);
    return it->second;
  }
  llvm::StringMap<int32_t> fileIndices;
  std::map<Entry::Key, int32_t> locationIndices;
};

/// Feature bits a function needs: any f32 / f64 value in it.
uint32_t getRequiredFeatures(Operation *funcOp) {
  uint32_t features = 0;
  auto visit = [&](Type type) {
    if (type.isF32())
      features |= fb::FeatureBits_EXT_F32;
    else if (type.isF64())
      features |= fb::FeatureBits_EXT_F64;
  };
  funcOp->walk([&](Operation *op) {
    for (Type type : op->getResultTypes())
      visit(type);
    for (Type type : op->getOperandTypes())
      visit(type);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          visit(arg.getType());
  });
  return features;
}

} // namespace

FailureOr<std::vector<uint8_t>> serializeVMModule(Operation *op,
                                                  const BytecodeTargetOptions &options) {
  Operation *moduleOp = findVMModule(op);
  if (!moduleOp)
    return failure();
  // The limits the C target holds the module to as well.
  if (failed(vm::verifyTargetLimits(moduleOp)))
    return failure();

  // Collect module-level ops.
  ModuleLayout layout;
  bool ok = true;
  for (Operation &child : moduleOp->getRegion(0).getOps()) {
    if (isa<vm::FuncOp>(child)) {
      layout.functions.push_back(&child);
    } else if (isa<vm::ImportOp>(child)) {
      layout.imports.push_back(&child);
    } else if (isa<vm::ExportOp>(child)) {
      layout.exports.push_back(&child);
    } else if (isa<vm::RodataOp>(child)) {
      layout.rodata.push_back(&child);
    } else if (isa<vm::GlobalRefOp>(child)) {
      layout.refGlobals.push_back(&child);
    } else if (getGlobalWidth(&child)) {
      layout.scalarGlobals.push_back(&child);
    } else if (isa<vm::InitializerOp>(child)) {
      child.emitError() << "cannot be encoded: 'vm.initializer' must be "
                           "merged into '__init' by the global "
                           "initialization preparation pass";
      ok = false;
    } else if (child.hasTrait<OpTrait::IsTerminator>()) {
      continue;
    } else {
      child.emitError() << "cannot be encoded: unexpected op in a vm.module";
      ok = false;
    }
  }
  if (!ok)
    return failure();
  sortByOrdinal(layout.functions);
  sortByOrdinal(layout.imports);
  sortByOrdinal(layout.exports);
  sortByOrdinal(layout.rodata);
  sortByOrdinal(layout.refGlobals);

  BytecodeModuleTables tables;
  for (auto [i, f] : llvm::enumerate(layout.functions))
    tables.functionOrdinals[getSymbolName(f)] = i;
  for (auto [i, imp] : llvm::enumerate(layout.imports)) {
    tables.importOrdinals[getSymbolName(imp)] = i;
    tables.importOps[getSymbolName(imp)] = imp;
  }
  for (auto [i, r] : llvm::enumerate(layout.rodata))
    tables.rodataOrdinals[getSymbolName(r)] = i;
  for (auto [i, g] : llvm::enumerate(layout.refGlobals))
    tables.refGlobalOrdinals[getSymbolName(g)] = i;

  // Scalar globals: the allocated byte offsets when every global has one,
  // else 8-byte globals first, then 4-byte ones, in module order.
  bool haveOffsets = !layout.scalarGlobals.empty() &&
                     llvm::all_of(layout.scalarGlobals, [](Operation *g) { return getOrdinal(g); });
  if (haveOffsets) {
    for (Operation *g : layout.scalarGlobals) {
      unsigned width = getGlobalWidth(g);
      uint32_t offset = *getOrdinal(g);
      if (offset % width)
        return g->emitError() << "cannot be encoded: global offset " << offset << " is not "
                              << width << "-byte aligned";
      tables.scalarGlobalOffsets[getSymbolName(g)] = offset;
      layout.globalBytes = std::max(layout.globalBytes, offset + width);
    }
  } else {
    uint32_t offset = 0;
    for (unsigned width : {8u, 4u})
      for (Operation *g : layout.scalarGlobals)
        if (getGlobalWidth(g) == width) {
          tables.scalarGlobalOffsets[getSymbolName(g)] = offset;
          offset += width;
        }
    layout.globalBytes = offset;
  }
  for (Operation *g : layout.scalarGlobals) {
    Attribute init = g->getAttr("initial_value");
    bool isZero = !init;
    if (auto i = llvm::dyn_cast_or_null<IntegerAttr>(init))
      isZero = i.getValue().isZero();
    if (auto f = llvm::dyn_cast_or_null<FloatAttr>(init))
      isZero = f.getValue().isPosZero();
    if (!isZero)
      return g->emitError() << "cannot be encoded: a non-zero initial value must be moved "
                               "into '__init' by the global initialization preparation pass";
  }
  for (Operation *g : layout.refGlobals)
    if (g->getAttr("initial_value"))
      return g->emitError() << "cannot be encoded: ref global initializers must be moved "
                               "into '__init' by the global initialization preparation pass";

  // Inline rodata that preparation did not hoist gets trailing ordinals.
  for (Operation *f : layout.functions)
    f->walk([&](Operation *inner) {
      if (isa<vm::RodataInlineOp>(inner)) {
        tables.inlineRodataOrdinals[inner] = layout.rodata.size() + layout.inlineRodata.size();
        layout.inlineRodata.push_back(inner);
      }
    });

  // Encode functions.
  OpcodeTable opcodes(moduleOp->getContext());
  std::vector<EncodedFunction> encoded;
  for (Operation *f : layout.functions) {
    FailureOr<EncodedFunction> result = encodeFunction(f, opcodes, tables);
    if (failed(result))
      return failure();
    encoded.push_back(std::move(*result));
  }

  flatbuffers::FlatBufferBuilder fbb(16384);
  fbb.ForceDefaults(false);

  // Types and strings are complete only after encoding.
  std::vector<flatbuffers::Offset<fb::TypeDef>> typeDefs;
  for (const std::string &type : tables.types)
    typeDefs.push_back(fb::CreateTypeDef(fbb, fbb.CreateString(type)));

  std::vector<flatbuffers::Offset<fb::ImportFunctionDef>> importDefs;
  for (Operation *imp : layout.imports) {
    FailureOr<std::string> signature = makeSignature(imp, true);
    if (failed(signature))
      return failure();
    uint32_t flags = 0;
    if (imp->getAttr("is_optional"))
      flags |= fb::ImportFlags_OPTIONAL;
    if (imp->getAttr(vm::kYieldAttrName))
      flags |= fb::ImportFlags_YIELDABLE;
    auto fullName = fbb.CreateString(getSymbolName(imp).str());
    auto sig = fbb.CreateString(*signature);
    importDefs.push_back(
        fb::CreateImportFunctionDef(fbb, fullName, sig, static_cast<fb::ImportFlags>(flags)));
  }

  std::vector<flatbuffers::Offset<fb::ExportFunctionDef>> exportDefs;
  for (Operation *exp : layout.exports) {
    auto ref = exp->getAttrOfType<FlatSymbolRefAttr>("function_ref");
    auto exportName = exp->getAttrOfType<StringAttr>("export_name");
    if (!ref)
      return exp->emitError() << "cannot be encoded: missing 'function_ref'";
    auto it = tables.functionOrdinals.find(ref.getValue());
    if (it == tables.functionOrdinals.end())
      return exp->emitError() << "cannot be encoded: '" << ref.getValue()
                              << "' is not a function of the module";
    auto localName = fbb.CreateString((exportName ? exportName.getValue() : ref.getValue()).str());
    exportDefs.push_back(fb::CreateExportFunctionDef(fbb, localName, it->second));
  }

  // Bytecode: every function 16-byte aligned within the blob.
  std::vector<uint8_t> bytecode;
  std::vector<flatbuffers::Offset<fb::FunctionDescriptor>> functionDefs;
  int32_t initFunction = -1;
  uint32_t moduleFeatures = 0;
  for (auto [i, f] : llvm::enumerate(layout.functions)) {
    EncodedFunction &fn = encoded[i];
    bytecode.resize(llvm::alignTo(bytecode.size(), 16), 0);
    uint32_t offset = bytecode.size();
    bytecode.insert(bytecode.end(), fn.bytecode.begin(), fn.bytecode.end());
    FailureOr<std::string> signature = makeSignature(f, false);
    if (failed(signature))
      return failure();
    uint32_t flags = 0;
    if (vm::SuspensionAnalysis::declaresSuspension(f))
      flags |= fb::FunctionFlags_YIELDABLE;
    if (getSymbolName(f) == "__init") {
      flags |= fb::FunctionFlags_INITIALIZER;
      initFunction = i;
    }
    uint32_t features = getRequiredFeatures(f);
    moduleFeatures |= features;
    auto sig = fbb.CreateString(*signature);
    auto name = fbb.CreateString(getSymbolName(f).str());
    functionDefs.push_back(fb::CreateFunctionDescriptor(
        fbb, offset, fn.bytecode.size(), fn.scalarRegisterCount, fn.refRegisterCount, sig, name,
        static_cast<fb::FunctionFlags>(flags), static_cast<fb::FeatureBits>(features)));
  }

  // Rodata: named segments, then unhoisted inline ones.
  std::vector<uint8_t> external;
  std::vector<flatbuffers::Offset<fb::RodataSegment>> rodataDefs;
  SmallVector<Operation *> allRodata(layout.rodata);
  allRodata.append(layout.inlineRodata);
  for (Operation *r : allRodata) {
    FailureOr<std::vector<uint8_t>> data = getRodataBytes(r);
    if (failed(data))
      return failure();
    uint32_t alignment = 16;
    if (auto attr = r->getAttrOfType<IntegerAttr>("alignment")) {
      uint64_t requested = attr.getValue().getZExtValue();
      if (requested > ::kiln::bytecode::kMaxRodataAlignment || !llvm::isPowerOf2_64(requested))
        return r->emitOpError() << "alignment " << requested
                                << " cannot be kept in a .vmfb: rodata is aligned to a power "
                                   "of two up to "
                                << ::kiln::bytecode::kMaxRodataAlignment << " bytes";
      alignment = requested;
    }
    flatbuffers::Offset<flatbuffers::String> mime = 0, name = 0;
    if (auto attr = r->getAttrOfType<StringAttr>("mime_type"))
      mime = fbb.CreateString(attr.getValue().str());
    StringRef symName = getSymbolName(r);
    if (symName.empty())
      if (auto attr = r->getAttrOfType<StringAttr>("name"))
        symName = attr.getValue();
    if (!symName.empty())
      name = fbb.CreateString(symName.str());
    if (data->size() >= options.externalRodataThreshold) {
      external.resize(llvm::alignTo(external.size(), kExternalAlignment), 0);
      uint64_t offset = external.size();
      external.insert(external.end(), data->begin(), data->end());
      rodataDefs.push_back(
          fb::CreateRodataSegment(fbb, 0, offset, data->size(), alignment, mime, name));
    } else {
      fbb.ForceVectorAlignment(data->size(), 1, 64);
      auto embedded = fbb.CreateVector(*data);
      rodataDefs.push_back(fb::CreateRodataSegment(fbb, embedded, 0, 0, alignment, mime, name));
    }
  }

  std::vector<flatbuffers::Offset<flatbuffers::String>> stringDefs;
  for (const std::string &s : tables.strings)
    stringDefs.push_back(fbb.CreateString(s));

  flatbuffers::Offset<fb::DebugDatabase> debug = 0;
  if (!options.stripDebug) {
    DebugTables db;
    std::vector<flatbuffers::Offset<fb::FunctionDebugInfo>> infos;
    std::vector<std::pair<std::vector<uint32_t>, std::vector<uint32_t>>> maps;
    for (EncodedFunction &fn : encoded) {
      std::vector<uint32_t> pcs, locs;
      for (auto [pc, loc] : fn.locations) {
        int32_t index = db.getLocation(loc);
        if (index < 0 || (!locs.empty() && locs.back() == uint32_t(index)))
          continue;
        pcs.push_back(pc);
        locs.push_back(index);
      }
      maps.push_back({std::move(pcs), std::move(locs)});
    }
    for (auto &[pcs, locs] : maps)
      infos.push_back(
          fb::CreateFunctionDebugInfo(fbb, fbb.CreateVector(pcs), fbb.CreateVector(locs)));
    std::vector<flatbuffers::Offset<flatbuffers::String>> files;
    for (const std::string &file : db.files)
      files.push_back(fbb.CreateString(file));
    std::vector<flatbuffers::Offset<fb::SourceLocation>> locations;
    for (const DebugTables::Entry &e : db.locations)
      locations.push_back(
          fb::CreateSourceLocation(fbb, e.file, e.line, e.column, e.caller, e.name, e.inlinedFrom));
    auto filesVec = fbb.CreateVector(files);
    auto locationsVec = fbb.CreateVector(locations);
    auto infosVec = fbb.CreateVector(infos);
    debug = fb::CreateDebugDatabase(fbb, filesVec, locationsVec, infosVec);
  }

  fbb.ForceVectorAlignment(bytecode.size(), 1, 16);
  auto bytecodeVec = fbb.CreateVector(bytecode);
  auto moduleName = fbb.CreateString(getSymbolName(moduleOp).str());
  auto typesVec = fbb.CreateVector(typeDefs);
  auto importsVec = fbb.CreateVector(importDefs);
  auto exportsVec = fbb.CreateVector(exportDefs);
  auto functionsVec = fbb.CreateVector(functionDefs);
  auto rodataVec = fbb.CreateVector(rodataDefs);
  auto stringsVec = fbb.CreateVector(stringDefs);
  uint32_t version = 0;
  if (auto attr = moduleOp->getAttrOfType<IntegerAttr>("version"))
    version = attr.getInt();

  fb::ModuleBuilder module(fbb);
  module.add_name(moduleName);
  module.add_version(version);
  module.add_types(typesVec);
  module.add_imports(importsVec);
  module.add_exports(exportsVec);
  module.add_functions(functionsVec);
  module.add_rodata(rodataVec);
  module.add_strings(stringsVec);
  module.add_global_bytes(layout.globalBytes);
  module.add_global_refs(layout.refGlobals.size());
  module.add_init_function(initFunction);
  module.add_required_features(static_cast<fb::FeatureBits>(moduleFeatures));
  module.add_bytecode(bytecodeVec);
  if (!options.stripDebug)
    module.add_debug(debug);
  fb::FinishModuleBuffer(fbb, module.Finish());

  // Header, FlatBuffer, padding, external data.
  uint64_t fbLength = fbb.GetSize();
  uint64_t externalOffset = llvm::alignTo(kFileHeaderSize + fbLength, kExternalAlignment);
  std::vector<uint8_t> file;
  file.reserve(externalOffset + external.size());
  auto put = [&](uint64_t value, unsigned size) {
    for (unsigned i = 0; i < size; ++i)
      file.push_back((value >> (8 * i)) & 0xFF);
  };
  const char *magic = ::kiln::bytecode::kFileMagic;
  file.insert(file.end(), magic, magic + 8);
  put(::kiln::bytecode::kFormatVersion, 4);
  put(0, 4); // reserved
  put(fbLength, 8);
  put(externalOffset, 8);
  file.resize(kFileHeaderSize, 0);
  file.insert(file.end(), fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbLength);
  file.resize(externalOffset, 0);
  file.insert(file.end(), external.begin(), external.end());
  return file;
}

LogicalResult translateModuleToBytecode(Operation *op, const BytecodeTargetOptions &options,
                                        raw_ostream &os) {
  if (options.runPreparation) {
    if (failed(runVMPreparation(op, VMPreparation::Bytecode)))
      return failure();
  }
  FailureOr<std::vector<uint8_t>> file = serializeVMModule(op, options);
  if (failed(file))
    return failure();
  os.write(reinterpret_cast<const char *>(file->data()), file->size());
  return success();
}

} // namespace mlir::kiln
