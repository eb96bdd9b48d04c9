//===- BytecodeJSON.cpp - A .vmfb as JSON, with a disassembly -------------===//
//
// Reads a .vmfb back (header, FlatBuffer verifier) and prints its tables
// and a disassembly by the runtime's disassembler (kiln/bytecode/
// disassembler.h, the one dump-module uses). Because it decodes the written
// bytes, lit tests that match this view check the file itself, not the
// encoder's intentions; and because the disassembler is bounds-checked, it
// shows files the loader or verifier would reject, too.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Transforms/Passes.h"
#include "kiln/bytecode/disassembler.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/vmfb_generated.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cstring>

namespace mlir::kiln {

namespace fb = ::kiln::vmfb;

namespace {

uint64_t readLE(const uint8_t *p, unsigned size) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i)
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

std::string_view view(const flatbuffers::String *s) {
  return s ? std::string_view(s->data(), s->size()) : std::string_view();
}

/// The module's tables as the shared disassembler names them. The
/// FlatBuffer is verified, but nothing else is: any table may be missing or
/// shorter than an index in the code.
class FlatBufferNames final : public ::kiln::bytecode::DisassemblyNames {
public:
  explicit FlatBufferNames(const fb::Module *module) : module(module) {}

  bool function(uint32_t index, std::string_view *name,
                std::string_view *signature) const override {
    if (!module->functions() || index >= module->functions()->size())
      return false;
    const fb::FunctionDescriptor *fn = module->functions()->Get(index);
    *name = view(fn->name());
    *signature = view(fn->signature());
    return true;
  }
  bool import(uint32_t index, std::string_view *name, std::string_view *signature) const override {
    if (!module->imports() || index >= module->imports()->size())
      return false;
    const fb::ImportFunctionDef *imp = module->imports()->Get(index);
    *name = view(imp->full_name());
    *signature = view(imp->signature());
    return true;
  }
  bool type(uint32_t index, std::string_view *name) const override {
    if (!module->types() || index >= module->types()->size())
      return false;
    *name = view(module->types()->Get(index)->full_name());
    return true;
  }
  bool string(uint32_t index, std::string_view *text) const override {
    if (!module->strings() || index >= module->strings()->size())
      return false;
    *text = view(module->strings()->Get(index));
    return true;
  }

private:
  const fb::Module *module;
};

llvm::json::Array flagNames(uint32_t flags, ArrayRef<std::pair<uint32_t, StringRef>> names) {
  llvm::json::Array list;
  for (auto [bit, name] : names)
    if (flags & bit)
      list.push_back(name);
  return list;
}

} // namespace

LogicalResult printBytecodeAsJSON(ArrayRef<uint8_t> file, raw_ostream &os, std::string &error) {
  namespace format = ::kiln::bytecode;
  if (file.size() < format::kFileHeaderSize ||
      std::memcmp(file.data(), format::kFileMagic, 8) != 0) {
    error = "not a .vmfb file (bad magic)";
    return failure();
  }
  uint32_t version = readLE(file.data() + 8, 4);
  uint64_t fbLength = readLE(file.data() + format::kFlatbufferLengthOffset, 8);
  uint64_t externalOffset = readLE(file.data() + format::kExternalOffsetOffset, 8);
  if (format::kFileHeaderSize + fbLength > file.size() || externalOffset > file.size() ||
      externalOffset % format::kExternalAlignment != 0 ||
      externalOffset < format::kFileHeaderSize + fbLength) {
    error = "bad header lengths";
    return failure();
  }
  const uint8_t *buffer = file.data() + format::kFileHeaderSize;
  flatbuffers::Verifier verifier(buffer, fbLength);
  if (!fb::VerifyModuleBuffer(verifier)) {
    error = "FlatBuffer verification failed";
    return failure();
  }
  const fb::Module *module = fb::GetModule(buffer);

  llvm::json::Object root;
  root["format_version"] = version;
  root["flatbuffer_length"] = static_cast<int64_t>(fbLength);
  root["external_offset"] = static_cast<int64_t>(externalOffset);
  root["name"] = module->name()->str();
  root["version"] = module->version();
  root["global_bytes"] = module->global_bytes();
  root["global_refs"] = module->global_refs();
  root["init_function"] = module->init_function();
  std::pair<uint32_t, StringRef> featureNames[] = {{fb::FeatureBits_EXT_F32, "EXT_F32"},
                                                   {fb::FeatureBits_EXT_F64, "EXT_F64"}};
  root["required_features"] = flagNames(module->required_features(), featureNames);

  llvm::json::Array types;
  if (module->types())
    for (const fb::TypeDef *type : *module->types())
      types.push_back(type->full_name()->str());
  root["types"] = std::move(types);

  llvm::json::Array strings;
  if (module->strings())
    for (const flatbuffers::String *s : *module->strings())
      strings.push_back(s->str());
  root["strings"] = std::move(strings);

  llvm::json::Array imports;
  std::pair<uint32_t, StringRef> importFlagNames[] = {{fb::ImportFlags_OPTIONAL, "OPTIONAL"},
                                                      {fb::ImportFlags_YIELDABLE, "YIELDABLE"}};
  if (module->imports())
    for (const fb::ImportFunctionDef *imp : *module->imports())
      imports.push_back(llvm::json::Object{{"name", imp->full_name()->str()},
                                           {"signature", imp->signature()->str()},
                                           {"flags", flagNames(imp->flags(), importFlagNames)}});
  root["imports"] = std::move(imports);

  llvm::json::Array exports;
  if (module->exports())
    for (const fb::ExportFunctionDef *exp : *module->exports())
      exports.push_back(llvm::json::Object{{"name", exp->local_name()->str()},
                                           {"function", exp->internal_ordinal()}});
  root["exports"] = std::move(exports);

  llvm::json::Array rodata;
  if (module->rodata())
    for (const fb::RodataSegment *seg : *module->rodata()) {
      llvm::json::Object entry;
      if (seg->name())
        entry["name"] = seg->name()->str();
      entry["alignment"] = seg->alignment();
      if (seg->mime_type())
        entry["mime_type"] = seg->mime_type()->str();
      if (seg->embedded_data()) {
        entry["embedded_length"] = static_cast<int64_t>(seg->embedded_data()->size());
        entry["file_offset"] = static_cast<int64_t>(seg->embedded_data()->data() - file.data());
      } else {
        entry["external_offset"] = static_cast<int64_t>(seg->external_offset());
        entry["external_length"] = static_cast<int64_t>(seg->external_length());
        if (externalOffset + seg->external_offset() + seg->external_length() > file.size()) {
          error = "external rodata segment outside the file";
          return failure();
        }
      }
      rodata.push_back(std::move(entry));
    }
  root["rodata"] = std::move(rodata);

  const fb::DebugDatabase *debug = module->debug();
  auto formatLocation = [&](uint32_t index) {
    std::string s;
    while (debug && debug->locations() && index < debug->locations()->size()) {
      const fb::SourceLocation *loc = debug->locations()->Get(index);
      if (!s.empty())
        s += " <- ";
      if (loc->name() >= 0 && debug->files() && uint32_t(loc->name()) < debug->files()->size())
        s += "'" + debug->files()->Get(loc->name())->str() + "' ";
      if (loc->inlined_from() >= 0 && debug->files() &&
          uint32_t(loc->inlined_from()) < debug->files()->size())
        s += "[" + debug->files()->Get(loc->inlined_from())->str() + "] ";
      if (debug->files() && loc->file() < debug->files()->size())
        s += debug->files()->Get(loc->file())->str();
      s += llvm::formatv(":{0}:{1}", loc->line(), loc->column()).str();
      if (loc->caller() < 0)
        break;
      index = loc->caller();
    }
    return s;
  };

  llvm::json::Array functions;
  std::pair<uint32_t, StringRef> functionFlagNames[] = {
      {fb::FunctionFlags_YIELDABLE, "YIELDABLE"}, {fb::FunctionFlags_INITIALIZER, "INITIALIZER"}};
  FlatBufferNames names(module);
  if (module->functions()) {
    for (auto [ordinal, fn] : llvm::enumerate(*module->functions())) {
      bool inBytecode =
          module->bytecode() &&
          uint64_t(fn->bytecode_offset()) + fn->bytecode_length() <= module->bytecode()->size();
      llvm::json::Object entry;
      entry["ordinal"] = static_cast<int64_t>(ordinal);
      if (fn->name())
        entry["name"] = fn->name()->str();
      entry["signature"] = fn->signature()->str();
      entry["flags"] = flagNames(fn->flags(), functionFlagNames);
      entry["required_features"] = flagNames(fn->required_features(), featureNames);
      entry["scalar_registers"] = fn->scalar_register_count();
      entry["ref_registers"] = fn->ref_register_count();
      entry["bytecode_offset"] = fn->bytecode_offset();
      entry["bytecode_length"] = fn->bytecode_length();
      // The runtime's disassembler: a malformed instruction ends the
      // listing with a "<why>" line instead of failing the whole view.
      std::vector<::kiln::bytecode::DisassembledLine> instructions;
      if (inBytecode) {
        ::kiln::bytecode::FunctionCode code{module->bytecode()->data() + fn->bytecode_offset(),
                                            fn->bytecode_length(), view(fn->signature())};
        ::kiln::bytecode::disassemble_function(names, code, &instructions);
      } else {
        instructions.push_back({0, "<bytecode outside the module's bytecode section>"});
      }
      llvm::json::Array lines;
      for (const ::kiln::bytecode::DisassembledLine &line : instructions)
        lines.push_back(llvm::formatv("{0:x-4}: {1}", line.pc, line.text).str());
      entry["disassembly"] = std::move(lines);
      if (debug && debug->functions() && ordinal < debug->functions()->size()) {
        const fb::FunctionDebugInfo *info = debug->functions()->Get(ordinal);
        llvm::json::Array locations;
        if (info->pcs() && info->locations())
          for (unsigned i = 0; i < info->pcs()->size() && i < info->locations()->size(); ++i)
            locations.push_back(llvm::formatv("{0:x-4}: {1}", info->pcs()->Get(i),
                                              formatLocation(info->locations()->Get(i)))
                                    .str());
        entry["locations"] = std::move(locations);
      }
      functions.push_back(std::move(entry));
    }
  }
  root["functions"] = std::move(functions);
  root["debug"] = debug ? llvm::json::Value(true) : llvm::json::Value(false);

  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
  return success();
}

LogicalResult translateModuleToBytecodeJSON(Operation *op, const BytecodeTargetOptions &options,
                                            raw_ostream &os) {
  if (options.runPreparation) {
    if (failed(runVMPreparation(op, VMPreparation::Bytecode)))
      return failure();
  }
  FailureOr<std::vector<uint8_t>> file = serializeVMModule(op, options);
  if (failed(file))
    return failure();
  std::string error;
  if (failed(printBytecodeAsJSON(*file, os, error)))
    return op->emitError() << "internal error: the written .vmfb does not "
                              "read back: "
                           << error;
  return success();
}

} // namespace mlir::kiln
