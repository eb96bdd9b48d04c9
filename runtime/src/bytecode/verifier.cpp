// The bytecode verifier: everything docs/bytecode.md "Verification" lists is
// checked here before any code runs, so the interpreter can skip per
// instruction bounds checks.
#include <string>
#include <vector>

#include "kiln/vm/signature.h"
#include "module_impl.h"

namespace kiln::bytecode {

using vm::Status;
using vm::StatusCode;

namespace {

bool is_terminator(Opcode op) {
  switch (op) {
  case Opcode::BR:
  case Opcode::BR_TABLE:
  case Opcode::RETURN:
  case Opcode::FAIL:
  case Opcode::YIELD:
  case Opcode::BREAK:
    return true;
  default:
    return false;
  }
}

bool needs_type(Opcode op) {
  switch (op) {
  case Opcode::CAST_ANY_REF:
  case Opcode::LIST_GET_REF:
  case Opcode::LIST_ALLOC:
  case Opcode::GLOBAL_LOAD_REF:
  case Opcode::GLOBAL_LOAD_INDIRECT_REF:
    return true;
  default:
    return false;
  }
}

// Expands "iCiID" with segment counts {2} into "i" "i" + 2x"iI" (the codes of
// the flattened register list; the span count itself is not a register).
bool expand_variadic(std::string_view codes, const std::vector<uint16_t> &segments,
                     std::string *out) {
  size_t seg = 0;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] != 'C') {
      out->push_back(codes[i]);
      continue;
    }
    size_t end = codes.find('D', i);
    if (end == std::string_view::npos || seg >= segments.size())
      return false;
    std::string_view tuple = codes.substr(i + 1, end - i - 1);
    for (uint16_t k = 0; k < segments[seg]; ++k)
      out->append(tuple.data(), tuple.size());
    ++seg;
    i = end;
  }
  return seg == segments.size();
}

class FunctionVerifier {
public:
  FunctionVerifier(BytecodeModule &module, const std::vector<FunctionInfo> &functions,
                   int32_t ordinal, std::vector<bool> *type_needed)
      : module_(module), functions_(functions), fn_(functions[ordinal]), ordinal_(ordinal),
        type_needed_(type_needed) {}

  Status run(uint32_t *scratch_bytes) {
    if (fn_.length == 0)
      return fail(0, "function has no bytecode (no terminator)");
    std::vector<uint8_t> starts(fn_.length, 0);
    std::vector<std::pair<uint32_t, uint32_t>> targets; // (pc, target)
    uint32_t pc = 0;
    Opcode last = Opcode::MOV;
    while (pc < fn_.length) {
      DecodedInstruction inst;
      Status s = decode_instruction(fn_.code, fn_.length, pc, &inst);
      if (!s.ok())
        return fail(pc, std::string(s.message()));
      starts[pc] = 1;
      KILN_RETURN_IF_ERROR(check(inst, &targets));
      last = inst.opcode;
      pc += inst.length;
    }
    if (!is_terminator(last)) {
      return fail(fn_.length, "function does not end in a terminator");
    }
    for (auto &t : targets) {
      if (t.second >= fn_.length || !starts[t.second]) {
        return fail(t.first, "branch target " + std::to_string(t.second) +
                                 " is not the start of an instruction");
      }
    }
    *scratch_bytes = scratch_;
    return Status();
  }

  // Whether every scalar register read in the function is preceded, on every
  // path from the entry, by a write of that register (arguments count as
  // written). A forward must-be-written dataflow over basic blocks; reads
  // are checked against the state before the instruction's own writes, which
  // is conservative whatever order an opcode reads and writes in. Only call
  // after run() succeeded (operands and targets are valid). Returns false
  // (not proven) for functions too large to analyze cheaply.
  bool scalars_written_before_read() const {
    const uint32_t words = (fn_.scalar_count + 63u) / 64u;
    if (words == 0)
      return true;
    // Block leaders: the entry, every branch target and every instruction
    // after a branch or terminator.
    std::vector<uint8_t> leader(fn_.length + 1, 0);
    leader[0] = 1;
    uint32_t pc = 0;
    DecodedInstruction inst;
    while (pc < fn_.length) {
      if (!decode_instruction(fn_.code, fn_.length, pc, &inst).ok())
        return false;
      bool ends = is_terminator(inst.opcode);
      for (uint8_t i = 0; i < inst.operand_count; ++i) {
        const DecodedOperand &d = inst.operands[i];
        if (d.kind == OperandKind::kTarget) {
          leader[load_u32(at(d.offset))] = 1;
          ends = true;
        } else if (d.kind == OperandKind::kTargets) {
          for (uint16_t k = 0; k < d.count; ++k)
            leader[load_u32(at(d.offset + 2 + 4 * k))] = 1;
          ends = true;
        }
      }
      pc += inst.length;
      if (ends)
        leader[pc] = 1;
    }
    std::vector<uint32_t> block_of(fn_.length, 0), starts;
    for (uint32_t i = 0; i < fn_.length; ++i) {
      if (leader[i])
        starts.push_back(i);
      block_of[i] = static_cast<uint32_t>(starts.size() - 1);
    }
    const size_t blocks = starts.size();
    // Bounded work on hostile input: too big to analyze cheaply means not
    // proven (the frame keeps zeroing every register).
    if (blocks * words > (1u << 18))
      return false;
    std::vector<uint64_t> gen(blocks * words, 0), in(blocks * words, ~uint64_t{0});
    std::vector<std::pair<uint32_t, uint32_t>> edges; // (from, to)
    auto set = [](uint64_t *bits, uint16_t r) { bits[r / 64] |= uint64_t{1} << (r % 64); };
    for (size_t b = 0; b < blocks; ++b) {
      uint32_t end = b + 1 < blocks ? starts[b + 1] : fn_.length;
      for (pc = starts[b]; pc < end; pc += inst.length) {
        (void)decode_instruction(fn_.code, fn_.length, pc, &inst);
        for_each_scalar(inst, [&](uint16_t r, bool write) {
          if (write)
            set(&gen[b * words], r);
        });
        if (pc + inst.length == end) {
          for (uint8_t i = 0; i < inst.operand_count; ++i) {
            const DecodedOperand &d = inst.operands[i];
            if (d.kind == OperandKind::kTarget) {
              edges.emplace_back(b, block_of[load_u32(at(d.offset))]);
            } else if (d.kind == OperandKind::kTargets) {
              for (uint16_t k = 0; k < d.count; ++k) {
                edges.emplace_back(b, block_of[load_u32(at(d.offset + 2 + 4 * k))]);
              }
            }
          }
          if (!is_terminator(inst.opcode) && end < fn_.length)
            edges.emplace_back(b, b + 1);
        }
      }
    }
    if (edges.size() * words > (1u << 20))
      return false;
    // Entry: the scalar arguments are written.
    std::vector<uint64_t> entry(words, 0);
    uint16_t scalar_args = 0;
    for (char c : fn_.args.codes) {
      if (c != 'r')
        set(entry.data(), scalar_args++);
    }
    for (uint32_t w = 0; w < words; ++w)
      in[w] = entry[w];
    // Iterate in[b] = AND over predecessors p of (in[p] | gen[p]) to the
    // greatest fixpoint (monotone decreasing from all-ones).
    std::vector<uint64_t> next(blocks * words);
    for (int round = 0;; ++round) {
      if (round == 32)
        return false; // not converged: do not rely on it
      for (size_t b = 0; b < blocks; ++b) {
        for (uint32_t w = 0; w < words; ++w)
          next[b * words + w] = b == 0 ? entry[w] : ~uint64_t{0};
      }
      for (auto &e : edges) {
        for (uint32_t w = 0; w < words; ++w) {
          next[e.second * words + w] &= in[e.first * words + w] | gen[e.first * words + w];
        }
      }
      if (next == in)
        break;
      in.swap(next);
    }
    // Check every read against the state before its instruction.
    bool ok = true;
    std::vector<uint64_t> cur(words);
    for (size_t b = 0; b < blocks && ok; ++b) {
      std::copy(in.begin() + b * words, in.begin() + (b + 1) * words, cur.begin());
      uint32_t end = b + 1 < blocks ? starts[b + 1] : fn_.length;
      for (pc = starts[b]; pc < end && ok; pc += inst.length) {
        (void)decode_instruction(fn_.code, fn_.length, pc, &inst);
        for_each_scalar(inst, [&](uint16_t r, bool write) {
          if (!write && !(cur[r / 64] >> (r % 64) & 1))
            ok = false;
        });
        for_each_scalar(inst, [&](uint16_t r, bool write) {
          if (write)
            set(cur.data(), r);
        });
      }
    }
    return ok;
  }

private:
  Status fail(uint32_t pc, const std::string &what) const {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "bytecode verification failed in module '%s' function "
                           "%d '%s' at offset %u: %s",
                           std::string(module_.name()).c_str(), ordinal_,
                           std::string(fn_.name).c_str(), pc, what.c_str());
  }
  const uint8_t *at(uint32_t offset) const { return fn_.code + offset; }

  Status scalar_reg(const DecodedInstruction &inst, uint16_t r) const {
    if (r >= fn_.scalar_count) {
      return fail(inst.pc, std::string(kOpcodeInfo[uint16_t(inst.opcode)].name) +
                               ": scalar register " + std::to_string(r) +
                               " out of range (function has " + std::to_string(fn_.scalar_count) +
                               ")");
    }
    return Status();
  }
  Status ref_reg(const DecodedInstruction &inst, uint16_t r, bool allow_move) const {
    uint16_t index = allow_move ? (r & kRegisterMask) : r;
    if (index >= fn_.ref_count) {
      return fail(inst.pc, std::string(kOpcodeInfo[uint16_t(inst.opcode)].name) +
                               ": ref register " + std::to_string(r & kRegisterMask) +
                               (allow_move || !(r & kMoveBit) ? "" : " (with move bit)") +
                               " out of range (function has " + std::to_string(fn_.ref_count) +
                               ")");
    }
    return Status();
  }
  Status reg_for_code(const DecodedInstruction &inst, char code, uint16_t r, bool is_read) const {
    if (code == 'r')
      return ref_reg(inst, r, is_read);
    return scalar_reg(inst, r);
  }
  Status index(const DecodedInstruction &inst, const char *what, uint32_t v, size_t limit) const {
    if (v >= limit) {
      return fail(inst.pc, std::string(what) + " index " + std::to_string(v) +
                               " out of range (module has " + std::to_string(limit) + ")");
    }
    return Status();
  }

  Status check_list(const DecodedInstruction &inst, const DecodedOperand &d, std::string_view codes,
                    const char *what, bool is_read) const {
    if (d.count != codes.size()) {
      return fail(inst.pc, std::string(kOpcodeInfo[uint16_t(inst.opcode)].name) + ": " + what +
                               " count " + std::to_string(d.count) +
                               " does not match the signature (" + std::to_string(codes.size()) +
                               ")");
    }
    for (uint16_t k = 0; k < d.count; ++k) {
      KILN_RETURN_IF_ERROR(
          reg_for_code(inst, codes[k], load_u16(at(d.offset + 2 + 2 * k)), is_read));
    }
    return Status();
  }

  // Calls fn(register, is_write) for every scalar register operand of an
  // already checked instruction.
  template <typename Fn> void for_each_scalar(const DecodedInstruction &inst, Fn &&fn) const {
    const Opcode op = inst.opcode;
    std::string_view arg_codes, result_codes;
    std::string expanded;
    std::vector<uint16_t> segments;
    const ImportDesc *import = nullptr;
    auto list = [&](const DecodedOperand &d, std::string_view codes, bool write) {
      for (uint16_t k = 0; k < d.count && k < codes.size(); ++k) {
        if (codes[k] != 'r')
          fn(load_u16(at(d.offset + 2 + 2 * k)), write);
      }
    };
    for (uint8_t i = 0; i < inst.operand_count; ++i) {
      const DecodedOperand &d = inst.operands[i];
      switch (d.kind) {
      case OperandKind::kReadI32:
      case OperandKind::kReadI64:
      case OperandKind::kReadF32:
      case OperandKind::kReadF64:
        fn(load_u16(at(d.offset)), false);
        break;
      case OperandKind::kWriteI32:
      case OperandKind::kWriteI64:
      case OperandKind::kWriteF32:
      case OperandKind::kWriteF64:
        fn(load_u16(at(d.offset)), true);
        break;
      case OperandKind::kFunc: {
        const FunctionInfo &f = functions_[load_u32(at(d.offset))];
        arg_codes = f.args.codes;
        result_codes = f.results.codes;
        break;
      }
      case OperandKind::kImport:
        import = &module_.imports()[load_u32(at(d.offset))];
        arg_codes = import->args.codes;
        result_codes = import->results.codes;
        break;
      case OperandKind::kSegments:
        for (uint16_t k = 0; k < d.count; ++k)
          segments.push_back(load_u16(at(d.offset + 2 + 2 * k)));
        if (import && expand_variadic(import->args.codes, segments, &expanded)) {
          arg_codes = expanded;
        }
        break;
      case OperandKind::kArgs:
        list(d, op == Opcode::RETURN ? fn_.results.codes : arg_codes, false);
        break;
      case OperandKind::kResults:
        list(d, result_codes, true);
        break;
      case OperandKind::kScalarRegs:
        for (uint16_t k = 0; k < d.count; ++k)
          fn(load_u16(at(d.offset + 2 + 2 * k)), false);
        break;
      case OperandKind::kTyped:
        for (uint16_t k = 0; k < d.count; ++k) {
          if (*at(d.offset + 2 + 3 * k) != 'r')
            fn(load_u16(at(d.offset + 3 + 3 * k)), false);
        }
        break;
      default:
        break;
      }
    }
  }

  Status check(const DecodedInstruction &inst,
               std::vector<std::pair<uint32_t, uint32_t>> *targets) {
    const Opcode op = inst.opcode;
    // Call signature context.
    std::string_view arg_codes, result_codes;
    std::string expanded;
    std::vector<uint16_t> segments;
    bool variadic_call = op == Opcode::CALL_IMPORT_VARIADIC;
    const ImportDesc *import = nullptr;
    for (uint8_t i = 0; i < inst.operand_count; ++i) {
      const DecodedOperand &d = inst.operands[i];
      if (isScalarRegisterOperand(d.kind)) {
        KILN_RETURN_IF_ERROR(scalar_reg(inst, load_u16(at(d.offset))));
        continue;
      }
      switch (d.kind) {
      case OperandKind::kReadRef:
        KILN_RETURN_IF_ERROR(ref_reg(inst, load_u16(at(d.offset)), true));
        break;
      case OperandKind::kWriteRef:
        KILN_RETURN_IF_ERROR(ref_reg(inst, load_u16(at(d.offset)), false));
        break;
      case OperandKind::kImmI32:
      case OperandKind::kImmI64:
      case OperandKind::kImmF32:
      case OperandKind::kImmF64:
        break;
      case OperandKind::kFunc: {
        uint32_t f = load_u32(at(d.offset));
        KILN_RETURN_IF_ERROR(index(inst, "function", f, functions_.size()));
        arg_codes = functions_[f].args.codes;
        result_codes = functions_[f].results.codes;
        break;
      }
      case OperandKind::kImport: {
        uint32_t f = load_u32(at(d.offset));
        KILN_RETURN_IF_ERROR(index(inst, "import", f, module_.imports().size()));
        import = &module_.imports()[f];
        arg_codes = import->args.codes;
        result_codes = import->results.codes;
        if (op == Opcode::CALL_IMPORT && import->args.variadic) {
          return fail(inst.pc, "CALL_IMPORT of variadic import '" + std::string(import->full_name) +
                                   "' (use CALL_IMPORT_VARIADIC)");
        }
        if (variadic_call && !import->args.variadic) {
          return fail(inst.pc, "CALL_IMPORT_VARIADIC of non-variadic import '" +
                                   std::string(import->full_name) + "'");
        }
        break;
      }
      case OperandKind::kRodata:
        KILN_RETURN_IF_ERROR(
            index(inst, "rodata", load_u32(at(d.offset)), module_.rodata().size()));
        break;
      case OperandKind::kType: {
        uint32_t t = load_u32(at(d.offset));
        KILN_RETURN_IF_ERROR(index(inst, "type", t, module_.types().size()));
        if (needs_type(op))
          (*type_needed_)[t] = true;
        const TypeInfo &ti = module_.types()[t];
        if (op == Opcode::LIST_ALLOC && ti.kind != TypeKind::kList &&
            ti.kind != TypeKind::kUnknown) {
          return fail(inst.pc, "LIST_ALLOC type '" + std::string(ti.name) + "' is not a list type");
        }
        break;
      }
      case OperandKind::kString:
        KILN_RETURN_IF_ERROR(
            index(inst, "string", load_u32(at(d.offset)), module_.strings().size()));
        break;
      case OperandKind::kGlobal4:
      case OperandKind::kGlobal8: {
        uint64_t off = load_u32(at(d.offset));
        uint64_t width = d.kind == OperandKind::kGlobal4 ? 4 : 8;
        if (off + width > module_.global_bytes()) {
          return fail(inst.pc, "global byte offset " + std::to_string(off) + " + " +
                                   std::to_string(width) + " exceeds global_bytes " +
                                   std::to_string(module_.global_bytes()));
        }
        break;
      }
      case OperandKind::kGlobalRef:
        KILN_RETURN_IF_ERROR(
            index(inst, "ref global", load_u32(at(d.offset)), module_.global_refs()));
        break;
      case OperandKind::kTarget:
        targets->emplace_back(inst.pc, load_u32(at(d.offset)));
        break;
      case OperandKind::kTargets:
        for (uint16_t k = 0; k < d.count; ++k) {
          targets->emplace_back(inst.pc, load_u32(at(d.offset + 2 + 4 * k)));
        }
        break;
      case OperandKind::kSegments: {
        for (uint16_t k = 0; k < d.count; ++k)
          segments.push_back(load_u16(at(d.offset + 2 + 2 * k)));
        if (!import || !expand_variadic(import->args.codes, segments, &expanded)) {
          return fail(inst.pc,
                      "segment count does not match the variadic spans of the import signature");
        }
        arg_codes = expanded;
        break;
      }
      case OperandKind::kArgs:
        if (op == Opcode::RETURN) {
          KILN_RETURN_IF_ERROR(check_list(inst, d, fn_.results.codes, "result", true));
        } else {
          KILN_RETURN_IF_ERROR(check_list(inst, d, arg_codes, "argument", true));
        }
        break;
      case OperandKind::kResults:
        KILN_RETURN_IF_ERROR(check_list(inst, d, result_codes, "result", false));
        break;
      case OperandKind::kScalarRegs:
        for (uint16_t k = 0; k < d.count; ++k) {
          KILN_RETURN_IF_ERROR(scalar_reg(inst, load_u16(at(d.offset + 2 + 2 * k))));
        }
        break;
      case OperandKind::kRefRegs:
        for (uint16_t k = 0; k < d.count; ++k) {
          KILN_RETURN_IF_ERROR(ref_reg(inst, load_u16(at(d.offset + 2 + 2 * k)), true));
        }
        break;
      case OperandKind::kTyped:
        for (uint16_t k = 0; k < d.count; ++k) {
          char code = static_cast<char>(*at(d.offset + 2 + 3 * k));
          if (code != 'i' && code != 'I' && code != 'f' && code != 'F' && code != 'r') {
            return fail(inst.pc, "bad type code in typed operand list");
          }
          KILN_RETURN_IF_ERROR(reg_for_code(inst, code, load_u16(at(d.offset + 3 + 3 * k)), true));
        }
        break;
      default:
        // Scalar registers are checked above; a kind added to opcodes.txt
        // without a check here fails closed.
        return fail(inst.pc, "operand kind the verifier does not check");
      }
    }
    // Import-call scratch: packed arguments + packed results, 8-aligned each.
    if (import) {
      uint64_t args_size = import->args.size;
      if (variadic_call) {
        std::vector<int32_t> counts(segments.begin(), segments.end());
        auto sized = vm::packed_size(import->args.codes, counts.data(), counts.size());
        if (!sized.ok())
          return fail(inst.pc, std::string(sized.status().message()));
        args_size = *sized;
      }
      uint64_t need = vm::align_up(args_size, 8) + vm::align_up(import->results.size, 8);
      if (need > (1u << 24))
        return fail(inst.pc, "import call packs too many bytes");
      if (need > scratch_)
        scratch_ = static_cast<uint32_t>(need);
    }
    return Status();
  }

  BytecodeModule &module_;
  const std::vector<FunctionInfo> &functions_;
  const FunctionInfo &fn_;
  int32_t ordinal_;
  std::vector<bool> *type_needed_;
  uint32_t scratch_ = 0;
};

} // namespace

Status verify_module(BytecodeModule &module, std::vector<FunctionInfo> &functions,
                     std::vector<bool> *type_needed) {
  for (size_t i = 0; i < functions.size(); ++i) {
    uint32_t scratch = 0;
    FunctionVerifier v(module, functions, static_cast<int32_t>(i), type_needed);
    KILN_RETURN_IF_ERROR(v.run(&scratch));
    FunctionInfo &f = functions[i];
    f.frame_bytes = f.scratch_offset + scratch;
    if (v.scalars_written_before_read()) {
      f.zero_begin = f.ref_offset / 8;
      f.zero_words = f.ref_count;
    } else {
      f.zero_begin = 0;
      f.zero_words = f.scratch_offset / 8;
    }
  }
  return Status();
}

} // namespace kiln::bytecode
