// dump-module's text (module metadata and every function's disassembly)
// and the interpreter's instruction trace, both through the shared
// disassembler (kiln/bytecode/disassembler.h).
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "kiln/bytecode/disassembler.h"
#include "kiln/vm/instance.h"
#include "kiln/vm/signature.h"
#include "module_impl.h"

namespace kiln::bytecode {

using vm::Status;

namespace {

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

const char *type_kind_name(TypeKind k) {
  switch (k) {
  case TypeKind::kUnknown:
    return "unregistered";
  case TypeKind::kAny:
    return "any";
  case TypeKind::kRef:
    return "ref";
  case TypeKind::kList:
    return "list";
  }
  return "?";
}

} // namespace

bool ModuleNames::function(uint32_t index, std::string_view *name,
                           std::string_view *signature) const {
  if (index >= module_.functions().size())
    return false;
  *name = module_.functions()[index].name;
  *signature = module_.functions()[index].signature;
  return true;
}

bool ModuleNames::import(uint32_t index, std::string_view *name,
                         std::string_view *signature) const {
  if (index >= module_.imports().size())
    return false;
  *name = module_.imports()[index].full_name;
  *signature = module_.imports()[index].signature;
  return true;
}

bool ModuleNames::type(uint32_t index, std::string_view *name) const {
  if (index >= module_.types().size())
    return false;
  *name = module_.types()[index].name;
  return true;
}

bool ModuleNames::string(uint32_t index, std::string_view *text) const {
  if (index >= module_.strings().size())
    return false;
  *text = module_.strings()[index];
  return true;
}

namespace {
FunctionCode function_code(const FunctionInfo &fn) {
  return FunctionCode{fn.code, fn.length, fn.signature};
}
} // namespace

void trace_instruction(const BytecodeModule &module, int32_t ordinal, uint32_t pc, int32_t depth) {
  if (InstructionObserver *observer = module.observer()) {
    observer->on_instruction(module, ordinal, pc, depth);
  }
  if (!module.trace_file())
    return;
  const FunctionInfo &fn = module.functions()[ordinal];
  std::string line = "[trace] ";
  line.append(module.name().data(), module.name().size());
  line += '.';
  if (fn.name.empty()) {
    append_format(&line, "%d", ordinal);
  } else {
    line.append(fn.name.data(), fn.name.size());
  }
  append_format(&line, " %04x: ", pc);
  // The code was verified at load, so decoding cannot fail; keep the check
  // anyway so a trace never prints garbage.
  DecodedInstruction inst;
  DecodeResult decoded = try_decode_instruction(fn.code, fn.length, pc, &inst);
  if (decoded.ok()) {
    format_instruction(ModuleNames(module), function_code(fn), inst, &line);
  } else {
    line += "<" + describe_decode_error(decoded, pc) + ">";
  }
  std::string location = module.location_for(ordinal, pc);
  if (!location.empty())
    line += "  ; " + location;
  line += '\n';
  // One write per line so traces of interleaved invocations stay readable.
  std::fwrite(line.data(), 1, line.size(), module.trace_file());
}

namespace {
void dump_metadata(const BytecodeModule &m, std::string *out);
void dump_functions(const BytecodeModule &m, std::string *out);
} // namespace

Status dump_module(const vm::Module *module, std::string *out) {
  return dump_module(module, out, DumpOptions());
}

Status dump_module(const vm::Module *module, std::string *out, const DumpOptions &options) {
  if (!is_bytecode_module(module)) {
    return vm::invalid_argument_error("dump_module: not a bytecode module");
  }
  const auto &m = *static_cast<const BytecodeModule *>(module);
  if (options.metadata)
    dump_metadata(m, out);
  if (options.metadata && !options.disassembly) {
    append_format(out, "functions (%zu):\n", m.functions().size());
    for (size_t i = 0; i < m.functions().size(); ++i) {
      const FunctionInfo &f = m.functions()[i];
      append_format(out, "  [%zu] @%.*s %.*s  %s  scalars=%u refs=%u bytes=%u frame=%u\n", i,
                    static_cast<int>(f.name.size()), f.name.data(),
                    static_cast<int>(f.signature.size()), f.signature.data(),
                    vm::format_signature_types(f.signature).c_str(), f.scalar_count, f.ref_count,
                    f.length, f.frame_bytes);
    }
  }
  if (options.disassembly)
    dump_functions(m, out);
  return Status();
}

namespace {

void dump_metadata(const BytecodeModule &m, std::string *out) {
  std::string_view name = m.name();
  append_format(out, "module %.*s (version %u)\n", static_cast<int>(name.size()), name.data(),
                m.version());
  append_format(out,
                "  file: %" PRIu64 " bytes, format version %u, flatbuffer %" PRIu64
                " bytes, external data at %" PRIu64 "\n",
                m.file_size(), kFormatVersion, m.flatbuffer_length(), m.external_offset());
  append_format(out, "  globals: %u bytes, %u refs; initializer: ", m.global_bytes(),
                m.global_refs());
  if (m.init_function() >= 0) {
    std::string_view n = m.functions()[m.init_function()].name;
    append_format(out, "@%.*s\n", static_cast<int>(n.size()), n.data());
  } else {
    *out += "none\n";
  }
  append_format(out, "types (%zu):\n", m.types().size());
  for (size_t i = 0; i < m.types().size(); ++i) {
    const TypeInfo &t = m.types()[i];
    append_format(out, "  [%zu] %.*s (%s)\n", i, static_cast<int>(t.name.size()), t.name.data(),
                  type_kind_name(t.kind));
  }
  append_format(out, "imports (%zu):\n", m.imports().size());
  for (size_t i = 0; i < m.imports().size(); ++i) {
    const ImportDesc &d = m.imports()[i];
    append_format(out, "  [%zu] %.*s %.*s  %s%s\n", i, static_cast<int>(d.full_name.size()),
                  d.full_name.data(), static_cast<int>(d.signature.size()), d.signature.data(),
                  vm::format_signature_types(d.signature).c_str(), d.optional ? "  optional" : "");
  }
  append_format(out, "exports (%zu):\n", m.exports().size());
  for (size_t i = 0; i < m.exports().size(); ++i) {
    const ExportDesc &e = m.exports()[i];
    const FunctionInfo &f = m.functions()[e.internal_ordinal];
    append_format(out, "  [%zu] %.*s %.*s  %s  = function %d\n", i, static_cast<int>(e.name.size()),
                  e.name.data(), static_cast<int>(f.signature.size()), f.signature.data(),
                  vm::format_signature_types(f.signature).c_str(), e.internal_ordinal);
  }
  append_format(out, "rodata (%zu):\n", m.rodata().size());
  for (size_t i = 0; i < m.rodata().size(); ++i) {
    const RodataDesc &r = m.rodata()[i];
    const vmfb::RodataSegment *seg = m.fb()->rodata()->Get(static_cast<uint32_t>(i));
    append_format(out, "  [%zu] %.*s%s%zu bytes, %s, alignment %u%s%.*s\n", i,
                  static_cast<int>(r.name.size()), r.name.data(), r.name.empty() ? "" : ": ",
                  r.length, seg->embedded_data() ? "embedded" : "external", r.alignment,
                  r.mime_type.empty() ? "" : ", ", static_cast<int>(r.mime_type.size()),
                  r.mime_type.data());
  }
  append_format(out, "strings (%zu):\n", m.strings().size());
  for (size_t i = 0; i < m.strings().size(); ++i) {
    append_format(out, "  [%zu] %s\n", i, quoted(m.strings()[i]).c_str());
  }
}

void dump_functions(const BytecodeModule &m, std::string *out) {
  append_format(out, "functions (%zu):\n", m.functions().size());
  for (size_t i = 0; i < m.functions().size(); ++i) {
    const FunctionInfo &f = m.functions()[i];
    append_format(out, "\n  [%zu] @%.*s %.*s  scalars=%u refs=%u bytes=%u frame=%u\n", i,
                  static_cast<int>(f.name.size()), f.name.data(),
                  static_cast<int>(f.signature.size()), f.signature.data(), f.scalar_count,
                  f.ref_count, f.length, f.frame_bytes);
    std::vector<DisassembledLine> lines;
    disassemble_function(ModuleNames(m), function_code(f), &lines);
    std::string last_location;
    for (const DisassembledLine &instruction : lines) {
      std::string line;
      append_format(&line, "    %04x: ", instruction.pc);
      line += instruction.text;
      std::string location = m.location_for(static_cast<int32_t>(i), instruction.pc);
      if (!location.empty() && location != last_location) {
        if (line.size() < 56)
          line.append(56 - line.size(), ' ');
        line += "  ; " + location;
        last_location = location;
      }
      *out += line;
      *out += "\n";
    }
  }
}

} // namespace

Status dump_module_file(const char *path, std::string *out, vm::Instance *instance) {
  vm::Instance local;
  vm::Instance &inst = instance ? *instance : local;
  auto module = load_module_for_dump(inst, path);
  if (!module.ok())
    return module.status();
  return dump_module(module->as<vm::Module>(), out);
}

Status dump_module_bytes(const uint8_t *data, size_t size, std::string *out,
                         const DumpOptions &options, vm::Instance *instance) {
  vm::Instance local;
  vm::Instance &inst = instance ? *instance : local;
  LoadOptions load;
  load.allow_unknown_types = true;
  static const uint8_t kEmpty[16] = {};
  auto module = BytecodeModule::load(inst, size ? data : kEmpty, size, vm::Ref(), load);
  if (!module.ok())
    return module.status();
  return dump_module(module->as<vm::Module>(), out, options);
}

} // namespace kiln::bytecode
