// The one decoder and disassembler of Kiln bytecode (kiln/bytecode/
// disassembler.h). Everything here reads only within the function's bytes:
// try_decode_instruction checks every operand (and list) against the
// length, and format_instruction reads only operands that decoded.
#include "kiln/bytecode/disassembler.h"

#include <cinttypes>
#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "kiln/vm/limits.h"
#include "kiln/vm/status.h" // KILN_PRINTF_FORMAT

namespace kiln::bytecode {

namespace {

uint16_t read_u16(const uint8_t *p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
uint32_t read_u32(const uint8_t *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
uint64_t read_u64(const uint8_t *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

// Bytes per element of a list operand after its u16 count.
uint32_t list_element_size(OperandKind kind) {
  switch (kind) {
  case OperandKind::kTargets:
    return 4;
  case OperandKind::kTyped:
    return 3;
  default:
    return 2;
  }
}

void append_quoted(std::string_view s, std::string *out) {
  *out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      append_format(out, "\\x%02x", static_cast<unsigned char>(c));
    } else {
      *out += c;
    }
  }
  *out += '"';
}

void append_ref(uint16_t v, std::string *out) {
  append_format(out, "r%u", static_cast<unsigned>(v & (vm::limits::kRefMoveBit - 1)));
  if (v & vm::limits::kRefMoveBit)
    *out += '!';
}

void append_symbol(bool found, std::string_view name, const char *table, uint32_t index,
                   std::string *out) {
  if (!found) {
    append_format(out, "%s[%u]", table, index);
    return;
  }
  *out += '@';
  if (name.empty()) {
    append_format(out, "%u", index);
  } else {
    out->append(name.data(), name.size());
  }
}

// The register banks of an args/results list operand: the callee's (or for
// RETURN the function's own) signature, variadic spans expanded.
std::string list_banks(const DisassemblyNames &names, const FunctionCode &fn,
                       const DecodedInstruction &inst, OperandKind kind) {
  if (inst.opcode == Opcode::RETURN) {
    return expand_signature_banks(fn.signature, /*results=*/true, nullptr, 0);
  }
  if (inst.operand_count == 0 || inst.operands[0].size != 4)
    return std::string();
  uint32_t callee = read_u32(fn.code + inst.operands[0].offset);
  std::string_view name, signature;
  bool found = inst.opcode == Opcode::CALL ? names.function(callee, &name, &signature)
                                           : names.import(callee, &name, &signature);
  if (!found)
    return std::string();
  std::vector<uint16_t> segments;
  for (uint8_t k = 0; k < inst.operand_count; ++k) {
    const DecodedOperand &d = inst.operands[k];
    if (d.kind != OperandKind::kSegments)
      continue;
    for (uint16_t i = 0; i < d.count; ++i) {
      segments.push_back(read_u16(fn.code + d.offset + 2 + 2 * i));
    }
  }
  return expand_signature_banks(signature, kind == OperandKind::kResults, segments.data(),
                                segments.size());
}

void format_operand(const DisassemblyNames &names, const FunctionCode &fn,
                    const DecodedInstruction &inst, uint8_t index, std::string *out) {
  const DecodedOperand &d = inst.operands[index];
  const uint8_t *p = fn.code + d.offset;
  if (isScalarRegisterOperand(d.kind)) {
    append_format(out, "s%u", static_cast<unsigned>(read_u16(p)));
    return;
  }
  switch (d.kind) {
  case OperandKind::kReadRef:
    append_ref(read_u16(p), out);
    break;
  case OperandKind::kWriteRef:
    append_format(out, "r%u", static_cast<unsigned>(read_u16(p)));
    break;
  case OperandKind::kImmI32:
    append_format(out, "%d", static_cast<int32_t>(read_u32(p)));
    break;
  case OperandKind::kImmI64:
    append_format(out, "%" PRId64, static_cast<int64_t>(read_u64(p)));
    break;
  case OperandKind::kImmF32: {
    float f;
    std::memcpy(&f, p, 4);
    append_format(out, "%.9g", static_cast<double>(f));
    break;
  }
  case OperandKind::kImmF64: {
    double f;
    std::memcpy(&f, p, 8);
    append_format(out, "%.17g", f);
    break;
  }
  case OperandKind::kFunc: {
    uint32_t i = read_u32(p);
    std::string_view name, signature;
    append_symbol(names.function(i, &name, &signature), name, "func", i, out);
    break;
  }
  case OperandKind::kImport: {
    uint32_t i = read_u32(p);
    std::string_view name, signature;
    append_symbol(names.import(i, &name, &signature), name, "import", i, out);
    break;
  }
  case OperandKind::kRodata:
    append_format(out, "rodata[%u]", read_u32(p));
    break;
  case OperandKind::kType: {
    uint32_t i = read_u32(p);
    std::string_view name;
    if (names.type(i, &name)) {
      out->append(name.data(), name.size());
    } else {
      append_format(out, "type[%u]", i);
    }
    break;
  }
  case OperandKind::kString: {
    uint32_t i = read_u32(p);
    std::string_view text;
    if (names.string(i, &text)) {
      append_quoted(text, out);
    } else {
      append_format(out, "string[%u]", i);
    }
    break;
  }
  case OperandKind::kGlobal4:
  case OperandKind::kGlobal8:
    append_format(out, "global[+%u]", read_u32(p));
    break;
  case OperandKind::kGlobalRef:
    append_format(out, "global.ref[%u]", read_u32(p));
    break;
  case OperandKind::kTarget:
    append_format(out, "^%04x", read_u32(p));
    break;
  case OperandKind::kTargets:
    *out += "[";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      append_format(out, "^%04x", read_u32(p + 2 + 4 * k));
    }
    *out += "]";
    break;
  case OperandKind::kArgs:
  case OperandKind::kResults: {
    std::string banks = list_banks(names, fn, inst, d.kind);
    *out += "(";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      uint16_t v = read_u16(p + 2 + 2 * k);
      if (k < banks.size() && banks[k] == 'r') {
        append_ref(v, out);
      } else {
        append_format(out, "s%u", static_cast<unsigned>(v));
      }
    }
    *out += ")";
    break;
  }
  case OperandKind::kScalarRegs:
    *out += "(";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      append_format(out, "s%u", static_cast<unsigned>(read_u16(p + 2 + 2 * k)));
    }
    *out += ")";
    break;
  case OperandKind::kRefRegs:
    *out += "(";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      append_ref(read_u16(p + 2 + 2 * k), out);
    }
    *out += ")";
    break;
  case OperandKind::kSegments:
    *out += "segments[";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      append_format(out, "%u", static_cast<unsigned>(read_u16(p + 2 + 2 * k)));
    }
    *out += "]";
    break;
  case OperandKind::kTyped:
    *out += "(";
    for (uint16_t k = 0; k < d.count; ++k) {
      if (k)
        *out += ", ";
      char c = static_cast<char>(p[2 + 3 * k]);
      uint16_t v = read_u16(p + 3 + 3 * k);
      if (c == 'r') {
        append_ref(v, out);
      } else if (c >= 0x20 && c < 0x7f) {
        append_format(out, "%c:s%u", c, static_cast<unsigned>(v));
      } else {
        append_format(out, "\\x%02x:s%u", static_cast<unsigned char>(c), static_cast<unsigned>(v));
      }
    }
    *out += ")";
    break;
  default: // scalar registers: formatted above
    *out += "?";
    break;
  }
}

} // namespace

DisassemblyNames::~DisassemblyNames() = default;

DecodeResult try_decode_instruction(const uint8_t *code, uint32_t length, uint32_t pc,
                                    DecodedInstruction *out) {
  DecodeResult result;
  if (static_cast<uint64_t>(pc) + 2 > length) {
    result.error = DecodeError::kTruncatedOpcode;
    return result;
  }
  uint16_t op = read_u16(code + pc);
  result.opcode = op;
  if (op >= kOpcodeCount) {
    result.error = DecodeError::kUnknownOpcode;
    return result;
  }
  const OpcodeInfo &info = kOpcodeInfo[op];
  out->opcode = static_cast<Opcode>(op);
  out->pc = pc;
  out->operand_count = info.operandCount;
  uint64_t cursor = static_cast<uint64_t>(pc) + 2;
  for (uint8_t i = 0; i < info.operandCount; ++i) {
    OperandKind kind = info.operands[i];
    DecodedOperand &d = out->operands[i];
    d.kind = kind;
    d.offset = static_cast<uint32_t>(cursor);
    d.count = 0;
    uint64_t size = fixedOperandSize(kind);
    if (size == 0) {
      if (cursor + 2 > length) {
        result.error = DecodeError::kTruncatedList;
        result.operand = i;
        return result;
      }
      d.count = read_u16(code + cursor);
      size = 2 + static_cast<uint64_t>(list_element_size(kind)) * d.count;
    }
    if (cursor + size > length) {
      result.error = DecodeError::kTruncatedOperand;
      result.operand = i;
      return result;
    }
    d.size = static_cast<uint32_t>(size);
    cursor += size;
  }
  out->length = static_cast<uint32_t>(cursor - pc);
  return result;
}

std::string describe_decode_error(const DecodeResult &result, uint32_t pc) {
  std::string message;
  const char *name = result.opcode < kOpcodeCount ? kOpcodeInfo[result.opcode].name : "?";
  switch (result.error) {
  case DecodeError::kNone:
    break;
  case DecodeError::kTruncatedOpcode:
    append_format(&message, "truncated opcode at offset %u", pc);
    break;
  case DecodeError::kUnknownOpcode:
    append_format(&message, "unknown opcode %u at offset %u", static_cast<unsigned>(result.opcode),
                  pc);
    break;
  case DecodeError::kTruncatedList:
    message = "truncated operand list of ";
    message += name;
    append_format(&message, " at offset %u", pc);
    break;
  case DecodeError::kTruncatedOperand:
    append_format(&message, "truncated operand %u of ", static_cast<unsigned>(result.operand));
    message += name;
    append_format(&message, " at offset %u", pc);
    break;
  }
  return message;
}

void format_instruction(const DisassemblyNames &names, const FunctionCode &fn,
                        const DecodedInstruction &inst, std::string *out) {
  *out += kOpcodeInfo[static_cast<uint16_t>(inst.opcode)].name;
  for (uint8_t k = 0; k < inst.operand_count; ++k) {
    *out += k ? ", " : " ";
    format_operand(names, fn, inst, k, out);
  }
}

bool disassemble_function(const DisassemblyNames &names, const FunctionCode &fn,
                          std::vector<DisassembledLine> *lines) {
  uint32_t pc = 0;
  while (pc < fn.length) {
    DecodedInstruction inst;
    DecodeResult result = try_decode_instruction(fn.code, fn.length, pc, &inst);
    if (!result.ok()) {
      lines->push_back({pc, "<" + describe_decode_error(result, pc) + ">"});
      return false;
    }
    DisassembledLine line{pc, std::string()};
    format_instruction(names, fn, inst, &line.text);
    lines->push_back(std::move(line));
    pc += inst.length;
  }
  return true;
}

std::string expand_signature_banks(std::string_view signature, bool results,
                                   const uint16_t *segments, size_t segment_count) {
  size_t split = signature.find('_');
  if (split == std::string_view::npos || signature.empty())
    return std::string();
  std::string_view part = results ? signature.substr(split + 1) : signature.substr(1, split - 1);
  std::string banks;
  size_t segment = 0;
  for (size_t i = 0; i < part.size(); ++i) {
    char c = part[i];
    if (c == 'v')
      continue;
    if (c != 'C') {
      banks.push_back(c);
      continue;
    }
    size_t end = part.find('D', i);
    if (end == std::string_view::npos)
      break;
    std::string_view span = part.substr(i + 1, end - i - 1);
    uint16_t count = segment < segment_count ? segments[segment] : 0;
    ++segment;
    for (uint16_t k = 0; k < count; ++k)
      banks.append(span.data(), span.size());
    i = end;
  }
  return banks;
}

void append_format(std::string *out, const char *format, ...) {
  char buf[128];
  va_list args;
  va_start(args, format);
  int n = std::vsnprintf(buf, sizeof(buf), format, args);
  va_end(args);
  if (n <= 0)
    return;
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

} // namespace kiln::bytecode
