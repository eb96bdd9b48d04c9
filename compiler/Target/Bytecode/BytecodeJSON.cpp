//===- BytecodeJSON.cpp - A .vmfb as JSON, with a disassembly -------------===//
//
// Reads a .vmfb back (header, FlatBuffer verifier, opcode table) and prints
// its tables and a disassembly. Because it decodes the written bytes, lit
// tests that match this view check the file itself, not the encoder's
// intentions.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "kiln/bytecode/opcodes.h"
#include "kiln/vm/limits.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/vmfb_generated.h"

#include "mlir/IR/Operation.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <cstring>

namespace mlir::kiln {

namespace fb = ::kiln::vmfb;
using ::kiln::bytecode::getOpcodeInfo;
using ::kiln::bytecode::kOpcodeCount;
using ::kiln::bytecode::Opcode;
using ::kiln::bytecode::OperandKind;

namespace {

uint64_t readLE(const uint8_t *p, unsigned size) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i)
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

/// Register banks of a signature's arguments or results ('i','I','f','F'
/// scalar, 'r' ref), expanding variadic spans with `segments`.
std::string expandSignature(StringRef signature, bool results,
                            ArrayRef<uint16_t> segments) {
  size_t split = signature.find('_');
  StringRef part = split == StringRef::npos
                       ? StringRef()
                       : (results ? signature.substr(split + 1)
                                  : signature.substr(1, split - 1));
  std::string banks;
  unsigned segment = 0;
  for (size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (c == 'v')
      continue;
    if (c == 'C') {
      size_t end = part.find('D', i);
      StringRef span = part.substr(i + 1, end - i - 1);
      unsigned count = segment < segments.size() ? segments[segment] : 0;
      ++segment;
      for (unsigned k = 0; k < count; ++k)
        banks += span.str();
      i = end;
      continue;
    }
    banks.push_back(c);
  }
  return banks;
}

class Disassembler {
public:
  Disassembler(const fb::Module *module, const fb::FunctionDescriptor *fn)
      : module(module), fn(fn) {}

  /// One line per instruction: "PC: NAME operand, operand, ...".
  bool run(llvm::json::Array &lines, std::string &error) {
    const uint8_t *code = module->bytecode()->data() + fn->bytecode_offset();
    size_t length = fn->bytecode_length();
    size_t pc = 0;
    while (pc < length) {
      size_t start = pc;
      auto need = [&](size_t n) { return pc + n <= length; };
      if (!need(2)) {
        error = "truncated opcode";
        return false;
      }
      uint16_t opcode = readLE(code + pc, 2);
      pc += 2;
      if (opcode >= kOpcodeCount) {
        error = llvm::formatv("bad opcode {0} at {1}", opcode, start).str();
        return false;
      }
      const auto &info = getOpcodeInfo(static_cast<Opcode>(opcode));
      std::string text = llvm::formatv("{0}: {1}", start, info.name).str();
      SmallVector<uint16_t> segments;
      std::string callee;
      for (unsigned k = 0; k < info.operandCount; ++k) {
        OperandKind kind = info.operands[k];
        std::string operand;
        auto u16 = [&]() -> std::optional<uint16_t> {
          if (!need(2))
            return std::nullopt;
          uint16_t v = readLE(code + pc, 2);
          pc += 2;
          return v;
        };
        auto u32 = [&]() -> std::optional<uint32_t> {
          if (!need(4))
            return std::nullopt;
          uint32_t v = readLE(code + pc, 4);
          pc += 4;
          return v;
        };
        auto u64 = [&]() -> std::optional<uint64_t> {
          if (!need(8))
            return std::nullopt;
          uint64_t v = readLE(code + pc, 8);
          pc += 8;
          return v;
        };
        auto regList = [&](StringRef banks) -> std::optional<std::string> {
          auto count = u16();
          if (!count)
            return std::nullopt;
          std::string s = "(";
          for (unsigned i = 0; i < *count; ++i) {
            auto r = u16();
            if (!r)
              return std::nullopt;
            char bank = i < banks.size() ? banks[i] : '?';
            s += (i ? ", " : "") + formatReg(*r, bank == 'r');
          }
          return s + ")";
        };
        bool ok = true;
        switch (kind) {
        case OperandKind::kReadI32:
        case OperandKind::kReadI64:
        case OperandKind::kReadF32:
        case OperandKind::kReadF64:
        case OperandKind::kWriteI32:
        case OperandKind::kWriteI64:
        case OperandKind::kWriteF32:
        case OperandKind::kWriteF64:
          if (auto r = u16())
            operand = formatReg(*r, false);
          else
            ok = false;
          break;
        case OperandKind::kReadRef:
        case OperandKind::kWriteRef:
          if (auto r = u16())
            operand = formatReg(*r, true);
          else
            ok = false;
          break;
        case OperandKind::kImmI32:
          if (auto v = u32())
            operand = std::to_string(static_cast<int32_t>(*v));
          else
            ok = false;
          break;
        case OperandKind::kImmI64:
          if (auto v = u64())
            operand = std::to_string(static_cast<int64_t>(*v));
          else
            ok = false;
          break;
        case OperandKind::kImmF32:
          if (auto v = u32()) {
            float f;
            uint32_t bits = *v;
            std::memcpy(&f, &bits, 4);
            operand = formatFloat(llvm::APFloat(f));
          } else {
            ok = false;
          }
          break;
        case OperandKind::kImmF64:
          if (auto v = u64()) {
            double d;
            uint64_t bits = *v;
            std::memcpy(&d, &bits, 8);
            operand = formatFloat(llvm::APFloat(d));
          } else {
            ok = false;
          }
          break;
        case OperandKind::kFunc:
          if (auto v = u32()) {
            operand = llvm::formatv("func[{0}]", *v).str();
            if (module->functions() && *v < module->functions()->size())
              callee = module->functions()->Get(*v)->signature()->str();
          } else {
            ok = false;
          }
          break;
        case OperandKind::kImport:
          if (auto v = u32()) {
            operand = llvm::formatv("import[{0}]", *v).str();
            if (module->imports() && *v < module->imports()->size())
              callee = module->imports()->Get(*v)->signature()->str();
          } else {
            ok = false;
          }
          break;
        case OperandKind::kRodata:
          if (auto v = u32())
            operand = llvm::formatv("rodata[{0}]", *v).str();
          else
            ok = false;
          break;
        case OperandKind::kType:
          if (auto v = u32()) {
            if (module->types() && *v < module->types()->size())
              operand = "type(" +
                        module->types()->Get(*v)->full_name()->str() + ")";
            else
              operand = llvm::formatv("type[{0}]", *v).str();
          } else {
            ok = false;
          }
          break;
        case OperandKind::kString:
          if (auto v = u32()) {
            if (module->strings() && *v < module->strings()->size())
              operand = "'" + module->strings()->Get(*v)->str() + "'";
            else
              operand = llvm::formatv("string[{0}]", *v).str();
          } else {
            ok = false;
          }
          break;
        case OperandKind::kGlobal4:
        case OperandKind::kGlobal8:
          if (auto v = u32())
            operand = llvm::formatv("global[{0}]", *v).str();
          else
            ok = false;
          break;
        case OperandKind::kGlobalRef:
          if (auto v = u32())
            operand = llvm::formatv("global.ref[{0}]", *v).str();
          else
            ok = false;
          break;
        case OperandKind::kTarget:
          if (auto v = u32())
            operand = llvm::formatv("@{0}", *v).str();
          else
            ok = false;
          break;
        case OperandKind::kTargets: {
          auto count = u16();
          if (!count) {
            ok = false;
            break;
          }
          operand = "[";
          for (unsigned i = 0; i < *count && ok; ++i) {
            if (auto v = u32())
              operand += llvm::formatv("{0}@{1}", i ? ", " : "", *v).str();
            else
              ok = false;
          }
          operand += "]";
          break;
        }
        case OperandKind::kArgs:
        case OperandKind::kResults: {
          bool isResults = kind == OperandKind::kResults;
          std::string signature =
              static_cast<Opcode>(opcode) == Opcode::RETURN
                  ? fn->signature()->str()
                  : callee;
          // RETURN lists the function's own results.
          bool useResults =
              isResults || static_cast<Opcode>(opcode) == Opcode::RETURN;
          std::string banks = expandSignature(signature, useResults, segments);
          auto list = regList(banks);
          if (!list)
            ok = false;
          else
            operand = (isResults ? "-> " : "") + *list;
          break;
        }
        case OperandKind::kScalarRegs:
        case OperandKind::kRefRegs: {
          bool isRef = kind == OperandKind::kRefRegs;
          auto count = u16();
          if (!count) {
            ok = false;
            break;
          }
          operand = "[";
          for (unsigned i = 0; i < *count && ok; ++i) {
            if (auto r = u16())
              operand += (i ? ", " : "") + formatReg(*r, isRef);
            else
              ok = false;
          }
          operand += "]";
          break;
        }
        case OperandKind::kSegments: {
          auto count = u16();
          if (!count) {
            ok = false;
            break;
          }
          operand = "segments[";
          for (unsigned i = 0; i < *count && ok; ++i) {
            if (auto v = u16()) {
              segments.push_back(*v);
              operand += llvm::formatv("{0}{1}", i ? ", " : "", *v).str();
            } else {
              ok = false;
            }
          }
          operand += "]";
          break;
        }
        case OperandKind::kTyped: {
          auto count = u16();
          if (!count) {
            ok = false;
            break;
          }
          operand = "(";
          for (unsigned i = 0; i < *count && ok; ++i) {
            if (!need(3)) {
              ok = false;
              break;
            }
            char c = static_cast<char>(code[pc]);
            uint16_t r = readLE(code + pc + 1, 2);
            pc += 3;
            operand += (i ? ", " : "") + std::string(1, c) + ":" +
                       formatReg(r, c == 'r');
          }
          operand += ")";
          break;
        }
        }
        if (!ok) {
          error = llvm::formatv("truncated operand of {0} at {1}", info.name,
                                start)
                      .str();
          return false;
        }
        text += (k ? ", " : " ") + operand;
      }
      lines.push_back(text);
    }
    return true;
  }

private:
  static std::string formatReg(uint16_t r, bool isRef) {
    if (!isRef)
      return "i" + std::to_string(r);
    std::string s = "r" + std::to_string(r & (::kiln::vm::limits::kRefMoveBit - 1));
    if (r & ::kiln::vm::limits::kRefMoveBit)
      s += ":mv";
    return s;
  }
  static std::string formatFloat(const llvm::APFloat &value) {
    SmallString<32> s;
    value.toString(s);
    return std::string(s);
  }

  const fb::Module *module;
  const fb::FunctionDescriptor *fn;
};

llvm::json::Array flagNames(uint32_t flags,
                            ArrayRef<std::pair<uint32_t, StringRef>> names) {
  llvm::json::Array list;
  for (auto [bit, name] : names)
    if (flags & bit)
      list.push_back(name);
  return list;
}

} // namespace

LogicalResult printBytecodeAsJSON(ArrayRef<uint8_t> file, raw_ostream &os,
                                  std::string &error) {
  namespace format = ::kiln::bytecode;
  if (file.size() < format::kFileHeaderSize ||
      std::memcmp(file.data(), format::kFileMagic, 8) != 0) {
    error = "not a .vmfb file (bad magic)";
    return failure();
  }
  uint32_t version = readLE(file.data() + 8, 4);
  uint64_t fbLength = readLE(file.data() + format::kFlatbufferLengthOffset, 8);
  uint64_t externalOffset =
      readLE(file.data() + format::kExternalOffsetOffset, 8);
  if (format::kFileHeaderSize + fbLength > file.size() ||
      externalOffset > file.size() ||
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
  std::pair<uint32_t, StringRef> featureNames[] = {
      {fb::FeatureBits_EXT_F32, "EXT_F32"}, {fb::FeatureBits_EXT_F64, "EXT_F64"}};
  root["required_features"] =
      flagNames(module->required_features(), featureNames);

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
  std::pair<uint32_t, StringRef> importFlagNames[] = {
      {fb::ImportFlags_OPTIONAL, "OPTIONAL"},
      {fb::ImportFlags_YIELDABLE, "YIELDABLE"}};
  if (module->imports())
    for (const fb::ImportFunctionDef *imp : *module->imports())
      imports.push_back(llvm::json::Object{
          {"name", imp->full_name()->str()},
          {"signature", imp->signature()->str()},
          {"flags", flagNames(imp->flags(), importFlagNames)}});
  root["imports"] = std::move(imports);

  llvm::json::Array exports;
  if (module->exports())
    for (const fb::ExportFunctionDef *exp : *module->exports())
      exports.push_back(llvm::json::Object{
          {"name", exp->local_name()->str()},
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
        entry["embedded_length"] =
            static_cast<int64_t>(seg->embedded_data()->size());
        entry["file_offset"] = static_cast<int64_t>(
            seg->embedded_data()->data() - file.data());
      } else {
        entry["external_offset"] = static_cast<int64_t>(seg->external_offset());
        entry["external_length"] = static_cast<int64_t>(seg->external_length());
        if (externalOffset + seg->external_offset() + seg->external_length() >
            file.size()) {
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
      if (loc->name() >= 0 && debug->files() &&
          uint32_t(loc->name()) < debug->files()->size())
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
      {fb::FunctionFlags_YIELDABLE, "YIELDABLE"},
      {fb::FunctionFlags_INITIALIZER, "INITIALIZER"}};
  if (module->functions()) {
    for (auto [ordinal, fn] : llvm::enumerate(*module->functions())) {
      if (!module->bytecode() ||
          uint64_t(fn->bytecode_offset()) + fn->bytecode_length() >
              module->bytecode()->size()) {
        error = "function bytecode outside the module's bytecode";
        return failure();
      }
      llvm::json::Object entry;
      entry["ordinal"] = static_cast<int64_t>(ordinal);
      if (fn->name())
        entry["name"] = fn->name()->str();
      entry["signature"] = fn->signature()->str();
      entry["flags"] = flagNames(fn->flags(), functionFlagNames);
      entry["required_features"] =
          flagNames(fn->required_features(), featureNames);
      entry["scalar_registers"] = fn->scalar_register_count();
      entry["ref_registers"] = fn->ref_register_count();
      entry["bytecode_offset"] = fn->bytecode_offset();
      entry["bytecode_length"] = fn->bytecode_length();
      llvm::json::Array lines;
      Disassembler disassembler(module, fn);
      if (!disassembler.run(lines, error)) {
        error = "function " + std::to_string(ordinal) + ": " + error;
        return failure();
      }
      entry["disassembly"] = std::move(lines);
      if (debug && debug->functions() && ordinal < debug->functions()->size()) {
        const fb::FunctionDebugInfo *info = debug->functions()->Get(ordinal);
        llvm::json::Array locations;
        if (info->pcs() && info->locations())
          for (unsigned i = 0; i < info->pcs()->size() &&
                               i < info->locations()->size();
               ++i)
            locations.push_back(llvm::formatv("{0}: {1}", info->pcs()->Get(i),
                                              formatLocation(
                                                  info->locations()->Get(i)))
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

LogicalResult translateModuleToBytecodeJSON(Operation *op,
                                            const BytecodeTargetOptions &options,
                                            raw_ostream &os) {
  if (options.runPreparation) {
    PassManager pm(op->getContext(), op->getName().getStringRef());
    buildVMBytecodePreparationPipeline(pm);
    if (failed(pm.run(op)))
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
