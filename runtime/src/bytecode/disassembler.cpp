// The disassembler behind dump-module.
#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "kiln/vm/instance.h"
#include "kiln/vm/signature.h"
#include "module_impl.h"

namespace kiln::bytecode {

using vm::Status;

namespace {

void appendf(std::string* out, const char* format, ...) KILN_PRINTF_FORMAT(2, 3);
void appendf(std::string* out, const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  int n = std::vsnprintf(buf, sizeof(buf), format, args);
  va_end(args);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof(buf)) {
    out->append(buf, static_cast<size_t>(n));
    return;
  }
  std::string big(static_cast<size_t>(n) + 1, '\0');
  va_start(args, format);
  std::vsnprintf(&big[0], big.size(), format, args);
  va_end(args);
  out->append(big.data(), static_cast<size_t>(n));
}

std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string ref_operand(uint16_t v) {
  std::string s = "r" + std::to_string(v & kRegisterMask);
  if (v & kMoveBit) s += "!";
  return s;
}

void format_operand(const BytecodeModule& m, const FunctionInfo& fn,
                    const DecodedInstruction& inst, uint8_t index, std::string* out) {
  const DecodedOperand& d = inst.operands[index];
  const uint8_t* p = fn.code + d.offset;
  switch (d.kind) {
    case OperandKind::kReadI32: case OperandKind::kReadI64:
    case OperandKind::kReadF32: case OperandKind::kReadF64:
    case OperandKind::kWriteI32: case OperandKind::kWriteI64:
    case OperandKind::kWriteF32: case OperandKind::kWriteF64:
      appendf(out, "s%u", load_u16(p));
      break;
    case OperandKind::kReadRef:
      *out += ref_operand(load_u16(p));
      break;
    case OperandKind::kWriteRef:
      appendf(out, "r%u", load_u16(p));
      break;
    case OperandKind::kImmI32:
      appendf(out, "%d", static_cast<int32_t>(load_u32(p)));
      break;
    case OperandKind::kImmI64:
      appendf(out, "%" PRId64, static_cast<int64_t>(load_u64(p)));
      break;
    case OperandKind::kImmF32: {
      float f;
      std::memcpy(&f, p, 4);
      appendf(out, "%.9g", static_cast<double>(f));
      break;
    }
    case OperandKind::kImmF64: {
      double f;
      std::memcpy(&f, p, 8);
      appendf(out, "%.17g", f);
      break;
    }
    case OperandKind::kFunc: {
      uint32_t f = load_u32(p);
      std::string_view name = m.functions()[f].name;
      appendf(out, "@%.*s", static_cast<int>(name.size()), name.data());
      if (name.empty()) appendf(out, "%u", f);
      break;
    }
    case OperandKind::kImport: {
      std::string_view name = m.imports()[load_u32(p)].full_name;
      appendf(out, "@%.*s", static_cast<int>(name.size()), name.data());
      break;
    }
    case OperandKind::kRodata:
      appendf(out, "rodata[%u]", load_u32(p));
      break;
    case OperandKind::kType: {
      std::string_view name = m.types()[load_u32(p)].name;
      out->append(name.data(), name.size());
      break;
    }
    case OperandKind::kString:
      *out += quoted(m.strings()[load_u32(p)]);
      break;
    case OperandKind::kGlobal4:
    case OperandKind::kGlobal8:
      appendf(out, "global[+%u]", load_u32(p));
      break;
    case OperandKind::kGlobalRef:
      appendf(out, "global.ref[%u]", load_u32(p));
      break;
    case OperandKind::kTarget:
      appendf(out, "^%04x", load_u32(p));
      break;
    case OperandKind::kTargets:
      *out += "[";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        appendf(out, "^%04x", load_u32(p + 2 + 4 * k));
      }
      *out += "]";
      break;
    case OperandKind::kArgs:
    case OperandKind::kResults: {
      std::string_view codes;
      if (inst.opcode == Opcode::RETURN) {
        codes = fn.results.codes;
      } else {
        // Callee signature.
        uint32_t callee = load_u32(fn.code + inst.operands[0].offset);
        bool is_args = d.kind == OperandKind::kArgs;
        if (inst.opcode == Opcode::CALL) {
          codes = is_args ? m.functions()[callee].args.codes : m.functions()[callee].results.codes;
        } else {
          codes = is_args ? m.imports()[callee].args.codes : m.imports()[callee].results.codes;
        }
      }
      *out += "(";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        uint16_t v = load_u16(p + 2 + 2 * k);
        bool ref = k < codes.size() && codes[k] == 'r';
        // Variadic argument lists are flattened; fall back to the span codes.
        if (inst.opcode == Opcode::CALL_IMPORT_VARIADIC && d.kind == OperandKind::kArgs) ref = false;
        if (ref) *out += ref_operand(v); else appendf(out, "s%u", v);
      }
      *out += ")";
      break;
    }
    case OperandKind::kScalarRegs:
      *out += "(";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        appendf(out, "s%u", load_u16(p + 2 + 2 * k));
      }
      *out += ")";
      break;
    case OperandKind::kRefRegs:
      *out += "(";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        *out += ref_operand(load_u16(p + 2 + 2 * k));
      }
      *out += ")";
      break;
    case OperandKind::kSegments:
      *out += "segments[";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        appendf(out, "%u", load_u16(p + 2 + 2 * k));
      }
      *out += "]";
      break;
    case OperandKind::kTyped:
      *out += "(";
      for (uint16_t k = 0; k < d.count; ++k) {
        if (k) *out += ", ";
        char c = static_cast<char>(p[2 + 3 * k]);
        uint16_t v = load_u16(p + 3 + 3 * k);
        if (c == 'r') *out += ref_operand(v); else appendf(out, "%c:s%u", c, v);
      }
      *out += ")";
      break;
  }
}

const char* type_kind_name(TypeKind k) {
  switch (k) {
    case TypeKind::kUnknown: return "unregistered";
    case TypeKind::kAny: return "any";
    case TypeKind::kRef: return "ref";
    case TypeKind::kList: return "list";
  }
  return "?";
}

}  // namespace

void format_instruction(const BytecodeModule& module, int32_t ordinal,
                        const DecodedInstruction& inst, std::string* out) {
  const FunctionInfo& fn = module.functions()[ordinal];
  *out += kOpcodeInfo[static_cast<uint16_t>(inst.opcode)].name;
  for (uint8_t k = 0; k < inst.operand_count; ++k) {
    *out += k ? ", " : " ";
    format_operand(module, fn, inst, k, out);
  }
}

void trace_instruction(const BytecodeModule& module, int32_t ordinal, uint32_t pc,
                       int32_t depth) {
  if (InstructionObserver* observer = module.observer()) {
    observer->on_instruction(module, ordinal, pc, depth);
  }
  if (!module.trace_file()) return;
  const FunctionInfo& fn = module.functions()[ordinal];
  std::string line = "[trace] ";
  line.append(module.name().data(), module.name().size());
  line += '.';
  if (fn.name.empty()) {
    appendf(&line, "%d", ordinal);
  } else {
    line.append(fn.name.data(), fn.name.size());
  }
  appendf(&line, " %04x: ", pc);
  // The code was verified at load, so decoding cannot fail; keep the check
  // anyway so a trace never prints garbage.
  DecodedInstruction inst;
  Status s = decode_instruction(fn.code, fn.length, pc, &inst);
  if (s.ok()) {
    format_instruction(module, ordinal, inst, &line);
  } else {
    line += "<" + std::string(s.message()) + ">";
  }
  std::string location = module.location_for(ordinal, pc);
  if (!location.empty()) line += "  ; " + location;
  line += '\n';
  // One write per line so traces of interleaved invocations stay readable.
  std::fwrite(line.data(), 1, line.size(), module.trace_file());
}

namespace {
void dump_metadata(const BytecodeModule& m, std::string* out);
void dump_functions(const BytecodeModule& m, std::string* out);
}  // namespace

Status dump_module(const vm::Module* module, std::string* out) {
  return dump_module(module, out, DumpOptions());
}

Status dump_module(const vm::Module* module, std::string* out, const DumpOptions& options) {
  if (!is_bytecode_module(module)) {
    return vm::invalid_argument_error("dump_module: not a bytecode module");
  }
  const auto& m = *static_cast<const BytecodeModule*>(module);
  if (options.metadata) dump_metadata(m, out);
  if (options.metadata && !options.disassembly) {
    appendf(out, "functions (%zu):\n", m.functions().size());
    for (size_t i = 0; i < m.functions().size(); ++i) {
      const FunctionInfo& f = m.functions()[i];
      appendf(out, "  [%zu] @%.*s %.*s  %s  scalars=%u refs=%u bytes=%u frame=%u\n", i,
              static_cast<int>(f.name.size()), f.name.data(),
              static_cast<int>(f.signature.size()), f.signature.data(),
              vm::format_signature_types(f.signature).c_str(), f.scalar_count,
              f.ref_count, f.length, f.frame_bytes);
    }
  }
  if (options.disassembly) dump_functions(m, out);
  return Status();
}

namespace {

void dump_metadata(const BytecodeModule& m, std::string* out) {
  std::string_view name = m.name();
  appendf(out, "module %.*s (version %u)\n", static_cast<int>(name.size()), name.data(),
          m.version());
  appendf(out, "  file: %" PRIu64 " bytes, format version %u, flatbuffer %" PRIu64
               " bytes, external data at %" PRIu64 "\n",
          m.file_size(), kFormatVersion, m.flatbuffer_length(), m.external_offset());
  appendf(out, "  globals: %u bytes, %u refs; initializer: ", m.global_bytes(), m.global_refs());
  if (m.init_function() >= 0) {
    std::string_view n = m.functions()[m.init_function()].name;
    appendf(out, "@%.*s\n", static_cast<int>(n.size()), n.data());
  } else {
    *out += "none\n";
  }
  appendf(out, "types (%zu):\n", m.types().size());
  for (size_t i = 0; i < m.types().size(); ++i) {
    const TypeInfo& t = m.types()[i];
    appendf(out, "  [%zu] %.*s (%s)\n", i, static_cast<int>(t.name.size()), t.name.data(),
            type_kind_name(t.kind));
  }
  appendf(out, "imports (%zu):\n", m.imports().size());
  for (size_t i = 0; i < m.imports().size(); ++i) {
    const ImportDesc& d = m.imports()[i];
    appendf(out, "  [%zu] %.*s %.*s  %s%s\n", i, static_cast<int>(d.full_name.size()),
            d.full_name.data(), static_cast<int>(d.signature.size()), d.signature.data(),
            vm::format_signature_types(d.signature).c_str(), d.optional ? "  optional" : "");
  }
  appendf(out, "exports (%zu):\n", m.exports().size());
  for (size_t i = 0; i < m.exports().size(); ++i) {
    const ExportDesc& e = m.exports()[i];
    const FunctionInfo& f = m.functions()[e.internal_ordinal];
    appendf(out, "  [%zu] %.*s %.*s  %s  = function %d\n", i,
            static_cast<int>(e.name.size()), e.name.data(),
            static_cast<int>(f.signature.size()), f.signature.data(),
            vm::format_signature_types(f.signature).c_str(), e.internal_ordinal);
  }
  appendf(out, "rodata (%zu):\n", m.rodata().size());
  for (size_t i = 0; i < m.rodata().size(); ++i) {
    const RodataDesc& r = m.rodata()[i];
    const vmfb::RodataSegment* seg = m.fb()->rodata()->Get(static_cast<uint32_t>(i));
    appendf(out, "  [%zu] %.*s%s%zu bytes, %s, alignment %u%s%.*s\n", i,
            static_cast<int>(r.name.size()), r.name.data(), r.name.empty() ? "" : ": ",
            r.length, seg->embedded_data() ? "embedded" : "external", r.alignment,
            r.mime_type.empty() ? "" : ", ", static_cast<int>(r.mime_type.size()),
            r.mime_type.data());
  }
  appendf(out, "strings (%zu):\n", m.strings().size());
  for (size_t i = 0; i < m.strings().size(); ++i) {
    appendf(out, "  [%zu] %s\n", i, quoted(m.strings()[i]).c_str());
  }
}

void dump_functions(const BytecodeModule& m, std::string* out) {
  appendf(out, "functions (%zu):\n", m.functions().size());
  for (size_t i = 0; i < m.functions().size(); ++i) {
    const FunctionInfo& f = m.functions()[i];
    appendf(out, "\n  [%zu] @%.*s %.*s  scalars=%u refs=%u bytes=%u frame=%u\n", i,
            static_cast<int>(f.name.size()), f.name.data(),
            static_cast<int>(f.signature.size()), f.signature.data(), f.scalar_count,
            f.ref_count, f.length, f.frame_bytes);
    uint32_t pc = 0;
    std::string last_location;
    while (pc < f.length) {
      DecodedInstruction inst;
      Status s = decode_instruction(f.code, f.length, pc, &inst);
      if (!s.ok()) {
        appendf(out, "    %04x: <%s>\n", pc, std::string(s.message()).c_str());
        break;
      }
      std::string line;
      appendf(&line, "    %04x: ", pc);
      format_instruction(m, static_cast<int32_t>(i), inst, &line);
      std::string location = m.location_for(static_cast<int32_t>(i), pc);
      if (!location.empty() && location != last_location) {
        if (line.size() < 56) line.append(56 - line.size(), ' ');
        line += "  ; " + location;
        last_location = location;
      }
      *out += line;
      *out += "\n";
      pc += inst.length;
    }
  }
}

}  // namespace

Status dump_module_file(const char* path, std::string* out, vm::Instance* instance) {
  vm::Instance local;
  vm::Instance& inst = instance ? *instance : local;
  auto module = load_module_for_dump(inst, path);
  if (!module.ok()) return module.status();
  return dump_module(module->as<vm::Module>(), out);
}

Status dump_module_bytes(const uint8_t* data, size_t size, std::string* out,
                         const DumpOptions& options, vm::Instance* instance) {
  vm::Instance local;
  vm::Instance& inst = instance ? *instance : local;
  LoadOptions load;
  load.allow_unknown_types = true;
  static const uint8_t kEmpty[16] = {};
  auto module = BytecodeModule::load(inst, size ? data : kEmpty, size, vm::Ref(), load);
  if (!module.ok()) return module.status();
  return dump_module(module->as<vm::Module>(), out, options);
}

}  // namespace kiln::bytecode
