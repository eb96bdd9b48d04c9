// Test-only .vmfb assembler: FlatBufferBuilder + opcodes.h. Lets unit tests
// write bytecode by hand until (and independently of) the compiler's encoder.
//
//   ModuleBuilder mb("m");
//   FunctionBuilder f;
//   f.emit(Opcode::ADD_I32, {0, 0, 1});     // operands per kOpcodeInfo
//   f.emit(Opcode::RETURN, {L({0})});       // lists: L({...})
//   int fn = mb.add_function("add", "0ii_i", /*scalars=*/2, /*refs=*/0, f);
//   mb.add_export("add", fn);
//   std::vector<uint8_t> file = mb.build();
#ifndef KILN_BYTECODE_TESTING_MODULE_BUILDER_H_
#define KILN_BYTECODE_TESTING_MODULE_BUILDER_H_

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "flatbuffers/flatbuffers.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/opcodes.h"
#include "kiln/bytecode/vmfb_generated.h"
#include "kiln/vm/limits.h"

namespace kiln::bytecode::testing {

struct Label {
  int id = -1;
};

// One operand: a fixed value, a label (targets), or a list.
struct Operand {
  Operand(uint64_t v) : value(v) {}                                         // NOLINT
  Operand(int v) : value(static_cast<uint64_t>(static_cast<int64_t>(v))) {} // NOLINT
  Operand(int64_t v) : value(static_cast<uint64_t>(v)) {}                   // NOLINT
  Operand(uint32_t v) : value(v) {}                                         // NOLINT
  Operand(Label l) : label(l.id) {}                                         // NOLINT
  uint64_t value = 0;
  int label = -1;
  bool is_list = false;
  std::vector<uint64_t> list;
  std::vector<int> label_list;
};

// A list operand (args, results, regs, segments, typed; typed elements are
// (code << 16) | register, see T()).
inline Operand L(std::vector<uint64_t> values) {
  Operand o(uint64_t{0});
  o.is_list = true;
  o.list = std::move(values);
  return o;
}
// A list of branch targets.
inline Operand LT(std::vector<Label> labels) {
  Operand o(uint64_t{0});
  o.is_list = true;
  for (Label l : labels)
    o.label_list.push_back(l.id);
  return o;
}
inline uint64_t T(char code, uint16_t reg) {
  return (static_cast<uint64_t>(static_cast<uint8_t>(code)) << 16) | reg;
}
inline uint64_t F32(float f) {
  uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}
inline uint64_t F64(double f) {
  uint64_t b;
  std::memcpy(&b, &f, 8);
  return b;
}
inline uint64_t MOVE(uint16_t reg) { return reg | vm::limits::kRefMoveBit; }

class FunctionBuilder {
public:
  Label label() {
    Label l;
    l.id = static_cast<int>(labels_.size());
    labels_.push_back(-1);
    return l;
  }
  void bind(Label l) { labels_[l.id] = static_cast<int64_t>(code_.size()); }
  uint32_t pc() const { return static_cast<uint32_t>(code_.size()); }

  // Emits `opcode` with operands encoded per its row in opcodes.txt.
  FunctionBuilder &emit(Opcode opcode, std::vector<Operand> operands = {}) {
    const OpcodeInfo &info = kOpcodeInfo[static_cast<uint16_t>(opcode)];
    instruction_starts_.push_back(pc());
    put(static_cast<uint16_t>(opcode), 2);
    for (size_t i = 0; i < operands.size() && i < info.operandCount; ++i) {
      const Operand &o = operands[i];
      OperandKind kind = info.operands[i];
      uint8_t size = fixedOperandSize(kind);
      if (size) {
        if (o.label >= 0)
          fixups_.emplace_back(pc(), o.label);
        put(o.value, size);
        continue;
      }
      if (kind == OperandKind::kTargets) {
        put(o.label_list.size(), 2);
        for (int l : o.label_list) {
          fixups_.emplace_back(pc(), l);
          put(0, 4);
        }
        continue;
      }
      put(o.list.size(), 2);
      for (uint64_t v : o.list) {
        if (kind == OperandKind::kTyped) {
          put(v >> 16, 1);
          put(v & 0xFFFF, 2);
        } else {
          put(v, 2);
        }
      }
    }
    return *this;
  }
  // Raw bytes (for malformed-input tests).
  FunctionBuilder &raw(uint64_t value, int size) {
    put(value, size);
    return *this;
  }

  std::vector<uint8_t> finish() const {
    std::vector<uint8_t> out = code_;
    for (auto &f : fixups_) {
      uint32_t target = static_cast<uint32_t>(labels_[f.second]);
      std::memcpy(out.data() + f.first, &target, 4);
    }
    return out;
  }
  const std::vector<uint32_t> &instruction_starts() const { return instruction_starts_; }

private:
  void put(uint64_t v, int size) {
    for (int i = 0; i < size; ++i)
      code_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> code_;
  std::vector<int64_t> labels_;
  std::vector<std::pair<uint32_t, int>> fixups_;
  std::vector<uint32_t> instruction_starts_;
};

class ModuleBuilder {
public:
  explicit ModuleBuilder(std::string name = "test") : name_(std::move(name)) {}

  uint32_t global_bytes = 0;
  uint32_t global_refs = 0;
  int32_t init_function = -1;
  uint32_t format_version = kFormatVersion;

  int add_type(const std::string &name) { return push(types_, name); }
  int add_string(const std::string &s) { return push(strings_, s); }
  int add_import(const std::string &full_name, const std::string &signature,
                 bool optional = false) {
    imports_.push_back({full_name, signature, optional});
    return static_cast<int>(imports_.size() - 1);
  }
  int add_function(const std::string &name, const std::string &signature, uint16_t scalars,
                   uint16_t refs, const FunctionBuilder &f) {
    functions_.push_back({name, signature, scalars, refs, f.finish(), {}});
    return static_cast<int>(functions_.size() - 1);
  }
  // Raw bytecode (for malformed-input tests).
  int add_function_bytes(const std::string &name, const std::string &signature, uint16_t scalars,
                         uint16_t refs, std::vector<uint8_t> code) {
    functions_.push_back({name, signature, scalars, refs, std::move(code), {}});
    return static_cast<int>(functions_.size() - 1);
  }
  void add_export(const std::string &name, int function) {
    exports_.push_back({name, static_cast<uint32_t>(function)});
  }
  // `alignment` 0 declares the writer's defaults (64 external, 16 embedded).
  int add_rodata(std::vector<uint8_t> data, bool external = false, uint32_t alignment = 0) {
    rodata_.push_back({std::move(data), external, alignment});
    return static_cast<int>(rodata_.size() - 1);
  }
  // Debug info: `pc` of `function` maps to file:line:col.
  void add_location(int function, uint32_t pc, const std::string &file, uint32_t line,
                    uint32_t column) {
    int f = push(files_, file);
    locations_.push_back({static_cast<uint32_t>(f), line, column});
    functions_[function].debug.emplace_back(pc, static_cast<uint32_t>(locations_.size() - 1));
  }

  std::vector<uint8_t> build() const {
    flatbuffers::FlatBufferBuilder fbb;
    std::vector<flatbuffers::Offset<vmfb::TypeDef>> types;
    for (auto &t : types_)
      types.push_back(vmfb::CreateTypeDef(fbb, fbb.CreateString(t)));
    std::vector<flatbuffers::Offset<vmfb::ImportFunctionDef>> imports;
    for (auto &i : imports_) {
      imports.push_back(vmfb::CreateImportFunctionDef(
          fbb, fbb.CreateString(i.name), fbb.CreateString(i.signature),
          i.optional ? vmfb::ImportFlags_OPTIONAL : vmfb::ImportFlags_NONE));
    }
    std::vector<flatbuffers::Offset<vmfb::ExportFunctionDef>> exports;
    for (auto &e : exports_) {
      exports.push_back(vmfb::CreateExportFunctionDef(fbb, fbb.CreateString(e.name), e.ordinal));
    }
    std::vector<uint8_t> bytecode;
    std::vector<flatbuffers::Offset<vmfb::FunctionDescriptor>> functions;
    for (auto &f : functions_) {
      while (bytecode.size() % 16)
        bytecode.push_back(0);
      uint32_t offset = static_cast<uint32_t>(bytecode.size());
      bytecode.insert(bytecode.end(), f.code.begin(), f.code.end());
      functions.push_back(vmfb::CreateFunctionDescriptor(
          fbb, offset, static_cast<uint32_t>(f.code.size()), f.scalars, f.refs,
          fbb.CreateString(f.signature), fbb.CreateString(f.name)));
    }
    std::vector<uint8_t> external;
    std::vector<flatbuffers::Offset<vmfb::RodataSegment>> rodata;
    for (auto &r : rodata_) {
      if (r.external) {
        while (external.size() % 64)
          external.push_back(0);
        uint64_t off = external.size();
        external.insert(external.end(), r.data.begin(), r.data.end());
        vmfb::RodataSegmentBuilder rb(fbb);
        rb.add_external_offset(off);
        rb.add_external_length(r.data.size());
        rb.add_alignment(r.alignment ? r.alignment : 64);
        rodata.push_back(rb.Finish());
      } else {
        fbb.ForceVectorAlignment(r.data.size(), 1, 64);
        auto data = fbb.CreateVector(r.data);
        vmfb::RodataSegmentBuilder rb(fbb);
        rb.add_embedded_data(data);
        rb.add_alignment(r.alignment ? r.alignment : 16);
        rodata.push_back(rb.Finish());
      }
    }
    std::vector<flatbuffers::Offset<flatbuffers::String>> strings;
    for (auto &s : strings_)
      strings.push_back(fbb.CreateString(s));
    // Debug database.
    flatbuffers::Offset<vmfb::DebugDatabase> debug;
    if (!locations_.empty()) {
      std::vector<flatbuffers::Offset<flatbuffers::String>> files;
      for (auto &f : files_)
        files.push_back(fbb.CreateString(f));
      std::vector<flatbuffers::Offset<vmfb::SourceLocation>> locs;
      for (auto &l : locations_)
        locs.push_back(vmfb::CreateSourceLocation(fbb, l.file, l.line, l.column));
      std::vector<flatbuffers::Offset<vmfb::FunctionDebugInfo>> fdebug;
      for (auto &f : functions_) {
        std::vector<uint32_t> pcs, li;
        for (auto &p : f.debug) {
          pcs.push_back(p.first);
          li.push_back(p.second);
        }
        fdebug.push_back(
            vmfb::CreateFunctionDebugInfo(fbb, fbb.CreateVector(pcs), fbb.CreateVector(li)));
      }
      debug = vmfb::CreateDebugDatabase(fbb, fbb.CreateVector(files), fbb.CreateVector(locs),
                                        fbb.CreateVector(fdebug));
    }
    auto name = fbb.CreateString(name_);
    auto types_v = fbb.CreateVector(types);
    auto imports_v = fbb.CreateVector(imports);
    auto exports_v = fbb.CreateVector(exports);
    auto functions_v = fbb.CreateVector(functions);
    auto rodata_v = fbb.CreateVector(rodata);
    auto strings_v = fbb.CreateVector(strings);
    fbb.ForceVectorAlignment(bytecode.size(), 1, 16);
    auto bytecode_v = fbb.CreateVector(bytecode);
    vmfb::ModuleBuilder mb(fbb);
    mb.add_name(name);
    mb.add_version(1);
    mb.add_types(types_v);
    mb.add_imports(imports_v);
    mb.add_exports(exports_v);
    mb.add_functions(functions_v);
    mb.add_rodata(rodata_v);
    mb.add_strings(strings_v);
    mb.add_global_bytes(global_bytes);
    mb.add_global_refs(global_refs);
    mb.add_init_function(init_function);
    mb.add_bytecode(bytecode_v);
    if (!debug.IsNull())
      mb.add_debug(debug);
    fbb.Finish(mb.Finish(), vmfb::ModuleIdentifier());

    std::vector<uint8_t> file;
    file.reserve(kFileHeaderSize + fbb.GetSize() + kExternalAlignment + external.size());
    file.resize(kFileHeaderSize, 0);
    std::memcpy(file.data(), kFileMagic, 8);
    std::memcpy(file.data() + 8, &format_version, 4);
    uint64_t fb_length = fbb.GetSize();
    std::memcpy(file.data() + kFlatbufferLengthOffset, &fb_length, 8);
    const uint8_t *fb_bytes = fbb.GetBufferPointer();
    for (size_t i = 0; i < fbb.GetSize(); ++i)
      file.push_back(fb_bytes[i]);
    uint64_t external_offset = 0;
    if (!external.empty()) {
      while (file.size() % kExternalAlignment)
        file.push_back(0);
      external_offset = file.size();
      file.insert(file.end(), external.begin(), external.end());
    }
    std::memcpy(file.data() + kExternalOffsetOffset, &external_offset, 8);
    return file;
  }

private:
  struct ImportRow {
    std::string name, signature;
    bool optional;
  };
  struct ExportRow {
    std::string name;
    uint32_t ordinal;
  };
  struct FunctionRow {
    std::string name, signature;
    uint16_t scalars, refs;
    std::vector<uint8_t> code;
    std::vector<std::pair<uint32_t, uint32_t>> debug;
  };
  struct RodataRow {
    std::vector<uint8_t> data;
    bool external;
    uint32_t alignment;
  };
  struct LocationRow {
    uint32_t file, line, column;
  };
  static int push(std::vector<std::string> &v, const std::string &s) {
    for (size_t i = 0; i < v.size(); ++i)
      if (v[i] == s)
        return static_cast<int>(i);
    v.push_back(s);
    return static_cast<int>(v.size() - 1);
  }

  std::string name_;
  std::vector<std::string> types_, strings_, files_;
  std::vector<ImportRow> imports_;
  std::vector<ExportRow> exports_;
  std::vector<FunctionRow> functions_;
  std::vector<RodataRow> rodata_;
  std::vector<LocationRow> locations_;
};

} // namespace kiln::bytecode::testing

#endif // KILN_BYTECODE_TESTING_MODULE_BUILDER_H_
