// The limits of a module, one definition for the compiler's target
// verification (compiler/Transforms/VerifyTargetLimits.cpp, run by both the
// bytecode and the C target before they emit anything), the bytecode loader
// and the C module loader: a module the compiler accepts is one the runtime
// loads, and both targets accept exactly the same modules. docs/limits.md
// explains each number.
#ifndef KILN_VM_LIMITS_H_
#define KILN_VM_LIMITS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kiln::vm::limits {

// Bit 15 of a 16-bit bytecode register operand of the ref bank: the
// operand's last use, whose reference moves out of the register (the
// compiler's encoder and JSON view and the runtime's verifier, interpreter
// and disassembler share this one definition).
inline constexpr uint16_t kRefMoveBit = 0x8000;

// Registers per bank (64-bit scalar slots; refs) of one function: bytecode
// register operands are 16-bit with bit 15 reserved (the ref move bit).
inline constexpr uint32_t kMaxRegistersPerBank = kRefMoveBit - 1;

// Type codes in the argument part and in the result part of a function's
// calling-convention signature (a variadic span's C and D count too).
inline constexpr size_t kMaxSignatureArguments = 4096;
inline constexpr size_t kMaxSignatureResults = 4096;

// Rodata alignment: a power of two in [1, kMaxRodataAlignment]. The .vmfb
// keeps rodata 64-byte aligned at most (its header and external area are
// laid out for that), and emitted C uses _Alignas with the same value.
inline constexpr uint64_t kMaxRodataAlignment = 64;
inline constexpr uint64_t kDefaultRodataAlignment = 16;

// Bytes in a module, function, import, export, global or rodata name.
inline constexpr size_t kMaxNameLength = 4096;

// Element types of !vm.list<T> the runtime can create, by their MLIR
// spelling; besides these a list may hold refs (any ref type) or variants
// ('?'). Anything else (f16, bf16, i1, i128, ...) is rejected at compile time.
inline constexpr std::string_view kListScalarElementTypes[] = {"i8",  "i16", "i32",
                                                               "i64", "f32", "f64"};

inline constexpr bool is_list_scalar_element_type(std::string_view name) {
  for (std::string_view known : kListScalarElementTypes)
    if (known == name)
      return true;
  return false;
}

} // namespace kiln::vm::limits

#endif // KILN_VM_LIMITS_H_
