// kiln-vmfb-mutate: structured mutations of .vmfb files, each loaded and,
// when it loads, verifies and links, run export by export under fuel, a
// deadline and a memory limit (testing/run_exports.h).
//
//   kiln-vmfb-mutate [--mutations=N] [--seed=S] FILE.vmfb...
//
// For every file and every mutation kind it makes N mutants: register
// indices, branch targets, ordinals (functions, imports, globals, types,
// strings, rodata), signature strings, FlatBuffer words (offsets, lengths,
// vtables: any aligned 32-bit word outside the bytecode), opcodes and
// truncations. Every mutant must be rejected or run to a status: a crash
// kills this process and a mutant still running after --watchdog seconds
// aborts it, so finishing at all is the check. Prints a table of outcomes.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "module_impl.h"
#include "testing/run_exports.h"

namespace kiln::bytecode {
namespace {

enum Kind {
  kRegister,
  kBranchTarget,
  kOrdinal,
  kSignature,
  kFlatBufferWord,
  kOpcode,
  kTruncation,
  kKindCount
};
const char *const kKindNames[kKindCount] = {"register index", "branch target",   "ordinal",
                                            "signature",      "flatbuffer word", "opcode",
                                            "truncation"};

// Byte offsets (in the file) of the mutable sites of one module.
struct Sites {
  std::vector<uint32_t> registers;                       // 16-bit register operands
  std::vector<uint32_t> targets;                         // 32-bit branch targets
  std::vector<uint32_t> ordinals;                        // 32-bit ordinals of every kind
  std::vector<uint32_t> opcodes;                         // 16-bit opcodes
  std::vector<std::pair<uint32_t, uint32_t>> signatures; // offset, length
  uint32_t code_begin = 0, code_end = 0;                 // the bytecode vector
};

bool is_register(OperandKind k) { return isScalarRegisterOperand(k) || isRefRegisterOperand(k); }

bool is_ordinal(OperandKind k) {
  switch (k) {
  case OperandKind::kFunc:
  case OperandKind::kImport:
  case OperandKind::kRodata:
  case OperandKind::kType:
  case OperandKind::kString:
  case OperandKind::kGlobal4:
  case OperandKind::kGlobal8:
  case OperandKind::kGlobalRef:
    return true;
  default:
    return false;
  }
}

bool find_sites(const std::vector<uint8_t> &file, Sites *sites) {
  // 64-byte aligned, so the loader reads it in place and the code and
  // strings it finds point into it.
  testing::AlignedBytes aligned(file.data(), file.size());
  const uint8_t *base = aligned.data();
  auto loaded = load_module(testing::shared_instance(), base, file.size(), vm::Ref());
  if (!loaded.ok()) {
    std::fprintf(stderr, "the unmutated module does not load: %s\n",
                 loaded.status().to_string().c_str());
    return false;
  }
  const auto *module = static_cast<const BytecodeModule *>(loaded->as<vm::Module>());
  sites->code_begin = UINT32_MAX;
  for (const FunctionInfo &fn : module->functions()) {
    if (!fn.code)
      continue;
    const uint32_t at = static_cast<uint32_t>(fn.code - base);
    // Only strings inside the file (the loader may build some itself).
    const uint8_t *sig = reinterpret_cast<const uint8_t *>(fn.signature.data());
    if (!fn.signature.empty() && sig >= base && sig + fn.signature.size() <= base + file.size()) {
      sites->signatures.push_back(
          {static_cast<uint32_t>(sig - base), static_cast<uint32_t>(fn.signature.size())});
    }
    if (fn.code < base || fn.code + fn.length > base + file.size())
      continue;
    if (at < sites->code_begin)
      sites->code_begin = at;
    if (at + fn.length > sites->code_end)
      sites->code_end = at + fn.length;
    for (uint32_t pc = 0; pc < fn.length;) {
      DecodedInstruction inst;
      if (!decode_instruction(fn.code, fn.length, pc, &inst).ok() || inst.length == 0)
        break;
      sites->opcodes.push_back(at + pc);
      for (uint8_t k = 0; k < inst.operand_count; ++k) {
        const DecodedOperand &d = inst.operands[k];
        if (is_register(d.kind))
          sites->registers.push_back(at + d.offset);
        if (d.kind == OperandKind::kTarget)
          sites->targets.push_back(at + d.offset);
        if (is_ordinal(d.kind))
          sites->ordinals.push_back(at + d.offset);
      }
      pc += inst.length;
    }
  }
  if (sites->code_begin == UINT32_MAX)
    sites->code_begin = sites->code_end = 0;
  return true;
}

struct Tally {
  int64_t made = 0, rejected = 0, ran = 0, limit_stops = 0, calls = 0;
};

uint32_t pick(std::mt19937_64 &rng, size_t n) { return static_cast<uint32_t>(rng() % n); }

void put_u16(std::vector<uint8_t> &b, uint32_t at, uint16_t v) {
  if (at + 2 <= b.size())
    std::memcpy(&b[at], &v, 2);
}
void put_u32(std::vector<uint8_t> &b, uint32_t at, uint32_t v) {
  if (at + 4 <= b.size())
    std::memcpy(&b[at], &v, 4);
}
uint32_t get_u32(const std::vector<uint8_t> &b, uint32_t at) {
  uint32_t v = 0;
  if (at + 4 <= b.size())
    std::memcpy(&v, &b[at], 4);
  return v;
}

// An interesting 32-bit value near `old`.
uint32_t nasty_u32(std::mt19937_64 &rng, uint32_t old) {
  static const uint32_t kValues[] = {0,      1,      2,      3,          4,           7,
                                     8,      15,     16,     0x7F,       0x80,        0xFF,
                                     0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu};
  switch (rng() % 4) {
  case 0:
    return kValues[rng() % (sizeof(kValues) / sizeof(kValues[0]))];
  case 1:
    return old + static_cast<uint32_t>(static_cast<int32_t>(rng() % 17) - 8);
  case 2:
    return old ^ (1u << (rng() % 32));
  default:
    return static_cast<uint32_t>(rng());
  }
}

// Applies one mutation of `kind`; false when the module has no such site.
bool mutate(std::vector<uint8_t> &b, const Sites &s, Kind kind, std::mt19937_64 &rng) {
  switch (kind) {
  case kRegister: {
    if (s.registers.empty())
      return false;
    uint32_t at = s.registers[pick(rng, s.registers.size())];
    uint16_t v = 0;
    std::memcpy(&v, &b[at], 2);
    put_u16(b, at, static_cast<uint16_t>(nasty_u32(rng, v)));
    return true;
  }
  case kBranchTarget: {
    if (s.targets.empty())
      return false;
    uint32_t at = s.targets[pick(rng, s.targets.size())];
    put_u32(b, at, nasty_u32(rng, get_u32(b, at)));
    return true;
  }
  case kOrdinal: {
    if (s.ordinals.empty())
      return false;
    uint32_t at = s.ordinals[pick(rng, s.ordinals.size())];
    put_u32(b, at, nasty_u32(rng, get_u32(b, at)));
    return true;
  }
  case kSignature: {
    if (s.signatures.empty())
      return false;
    auto [at, length] = s.signatures[pick(rng, s.signatures.size())];
    static const char kChars[] = "0iIfFrvCD_x";
    b[at + pick(rng, length)] = static_cast<uint8_t>(kChars[rng() % (sizeof(kChars) - 1)]);
    return true;
  }
  case kFlatBufferWord: {
    if (b.size() < 8)
      return false;
    for (int tries = 0; tries < 64; ++tries) {
      uint32_t at = pick(rng, b.size() / 4) * 4;
      if (at >= s.code_begin && at < s.code_end)
        continue;
      put_u32(b, at, nasty_u32(rng, get_u32(b, at)));
      return true;
    }
    return false;
  }
  case kOpcode: {
    if (s.opcodes.empty())
      return false;
    put_u16(b, s.opcodes[pick(rng, s.opcodes.size())],
            static_cast<uint16_t>(rng() % (kOpcodeCount + 8)));
    return true;
  }
  case kTruncation: {
    if (b.empty())
      return false;
    b.resize(pick(rng, b.size()));
    return true;
  }
  default:
    return false;
  }
}

int watchdog_seconds = 120;
// The mutant under test, written to this path when the watchdog fires.
const std::vector<uint8_t> *g_current = nullptr;
const char *g_dump_path = "kiln-vmfb-mutate-hang.vmfb";

void on_alarm(int) {
  const char msg[] = "kiln-vmfb-mutate: a mutant ran past the watchdog (hang); "
                     "written to kiln-vmfb-mutate-hang.vmfb\n";
  (void)!write(2, msg, sizeof(msg) - 1);
  if (g_current) {
    FILE *f = std::fopen(g_dump_path, "wb");
    if (f) {
      std::fwrite(g_current->data(), 1, g_current->size(), f);
      std::fclose(f);
    }
  }
  _exit(3);
}

bool read_file(const char *path, std::vector<uint8_t> *out) {
  std::FILE *f = std::fopen(path, "rb");
  if (!f)
    return false;
  uint8_t chunk[65536];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof(chunk), f)) > 0)
    out->insert(out->end(), chunk, chunk + n);
  std::fclose(f);
  return true;
}

} // namespace
} // namespace kiln::bytecode

int main(int argc, char **argv) {
  using namespace kiln::bytecode;
  int64_t per_kind = 100;
  uint64_t seed = 1;
  std::vector<const char *> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--mutations=", 12) == 0)
      per_kind = std::atoll(argv[i] + 12);
    else if (std::strncmp(argv[i], "--seed=", 7) == 0)
      seed = std::strtoull(argv[i] + 7, nullptr, 10);
    else if (std::strncmp(argv[i], "--watchdog=", 11) == 0)
      watchdog_seconds = std::atoi(argv[i] + 11);
    else
      files.push_back(argv[i]);
  }
  if (files.empty() || per_kind <= 0) {
    std::fprintf(stderr, "usage: kiln-vmfb-mutate [--mutations=N] [--seed=S] FILE.vmfb...\n");
    return 2;
  }
  signal(SIGALRM, on_alarm);
  testing::RunLimits limits;
  limits.fuel = 100000;
  limits.deadline_ms = 1000;
  limits.memory_bytes = 32 << 20;
  Tally tally[kKindCount];
  std::mt19937_64 rng(seed);
  for (const char *path : files) {
    std::vector<uint8_t> original;
    Sites sites;
    if (!read_file(path, &original) || !find_sites(original, &sites)) {
      std::fprintf(stderr, "skipping %s\n", path);
      continue;
    }
    for (int k = 0; k < kKindCount; ++k) {
      for (int64_t i = 0; i < per_kind; ++i) {
        std::vector<uint8_t> mutant = original;
        if (!mutate(mutant, sites, static_cast<Kind>(k), rng))
          break;
        g_current = &mutant;
        alarm(static_cast<unsigned>(watchdog_seconds));
        testing::RunReport r = testing::run_exports(mutant.data(), mutant.size(), limits);
        alarm(0);
        Tally &t = tally[k];
        ++t.made;
        t.calls += r.calls;
        t.limit_stops += r.limit_stops;
        if (r.outcome == testing::Outcome::kRejected)
          ++t.rejected;
        else
          ++t.ran;
      }
    }
  }
  std::printf("%-16s %9s %9s %9s %9s %11s\n", "mutation", "mutants", "rejected", "ran", "calls",
              "limit stops");
  Tally total;
  for (int k = 0; k < kKindCount; ++k) {
    const Tally &t = tally[k];
    std::printf("%-16s %9lld %9lld %9lld %9lld %11lld\n", kKindNames[k],
                static_cast<long long>(t.made), static_cast<long long>(t.rejected),
                static_cast<long long>(t.ran), static_cast<long long>(t.calls),
                static_cast<long long>(t.limit_stops));
    total.made += t.made;
    total.rejected += t.rejected;
    total.ran += t.ran;
    total.calls += t.calls;
    total.limit_stops += t.limit_stops;
  }
  std::printf("%-16s %9lld %9lld %9lld %9lld %11lld\n", "total", static_cast<long long>(total.made),
              static_cast<long long>(total.rejected), static_cast<long long>(total.ran),
              static_cast<long long>(total.calls), static_cast<long long>(total.limit_stops));
  std::printf("every mutant was rejected or ran to a status: 0 crashes, 0 hangs\n");
  return 0;
}
