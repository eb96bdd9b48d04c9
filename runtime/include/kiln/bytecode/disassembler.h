// The one decoder and disassembler of Kiln bytecode (docs/bytecode.md),
// shared by the verifier, the interpreter's instruction trace, dump-module
// and the compiler's JSON view of a .vmfb (vm-translate
// --vm-to-bytecode-json). It works on unverified bytes: every read is
// bounds-checked against the function's length, table indices the tables
// do not hold print as raw indices, and a malformed instruction is reported
// as such instead of being read past. Needs only the generated opcode table
// and the C++ standard library.
#ifndef KILN_BYTECODE_DISASSEMBLER_H_
#define KILN_BYTECODE_DISASSEMBLER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/bytecode/opcodes.h"
#include "kiln/vm/status.h" // KILN_PRINTF_FORMAT

namespace kiln::bytecode {

struct DecodedOperand {
  OperandKind kind;
  uint32_t offset; // byte offset of the operand within the function
  uint32_t size;   // encoded size
  uint16_t count;  // list operands: element count
};

struct DecodedInstruction {
  Opcode opcode;
  uint32_t pc;
  uint32_t length;
  uint8_t operand_count;
  DecodedOperand operands[8];
};

// Why an instruction did not decode.
enum class DecodeError : uint8_t {
  kNone,
  kTruncatedOpcode,  // fewer than two bytes left at pc
  kUnknownOpcode,    // the u16 at pc is not an opcode
  kTruncatedList,    // a list operand's count runs past the end
  kTruncatedOperand, // an operand runs past the end
};

struct DecodeResult {
  DecodeError error = DecodeError::kNone;
  uint16_t opcode = 0; // the opcode read, when there was one
  uint8_t operand = 0; // the operand that did not fit
  bool ok() const { return error == DecodeError::kNone; }
};

// Decodes the instruction at `pc` of `code[0, length)` into `out`.
DecodeResult try_decode_instruction(const uint8_t *code, uint32_t length, uint32_t pc,
                                    DecodedInstruction *out);

// "truncated operand 2 of CALL at offset 40" for a failed decode at `pc`.
std::string describe_decode_error(const DecodeResult &result, uint32_t pc);

// What a disassembly names table indices with. Each lookup returns false
// when the module has no entry at `index` (possible in unverified code);
// the operand then prints as the raw index.
class DisassemblyNames {
public:
  virtual ~DisassemblyNames();
  virtual bool function(uint32_t index, std::string_view *name,
                        std::string_view *signature) const = 0;
  virtual bool import(uint32_t index, std::string_view *name,
                      std::string_view *signature) const = 0;
  virtual bool type(uint32_t index, std::string_view *name) const = 0;
  virtual bool string(uint32_t index, std::string_view *text) const = 0;
};

// The function being disassembled: its bytecode and calling-convention
// signature (RETURN lists its results).
struct FunctionCode {
  const uint8_t *code = nullptr;
  uint32_t length = 0;
  std::string_view signature;
};

// Appends "NAME operand, operand..." for `inst`, decoded from `fn`:
// scalar registers s<N>, ref registers r<N> (with '!' when the reference
// moves out), branch targets ^<pc in hex>, functions and imports @name,
// strings quoted.
void format_instruction(const DisassemblyNames &names, const FunctionCode &fn,
                        const DecodedInstruction &inst, std::string *out);

struct DisassembledLine {
  uint32_t pc;
  std::string text; // format_instruction, or "<why>" for a malformed one
};

// Disassembles all of `fn` into `lines`. Returns false when an instruction
// is malformed: the listing then ends with a "<message>" line at its pc.
bool disassemble_function(const DisassemblyNames &names, const FunctionCode &fn,
                          std::vector<DisassembledLine> *lines);

// The register banks of a signature's arguments (or results) in order, one
// type code per value ('i', 'I', 'f', 'F', 'r'), with each variadic span
// C...D repeated as often as `segments` says (missing counts: zero times).
std::string expand_signature_banks(std::string_view signature, bool results,
                                   const uint16_t *segments, size_t segment_count);

// Appends printf-style text of any length to *out (the disassembly's and
// dump-module's one formatter).
void append_format(std::string *out, const char *format, ...) KILN_PRINTF_FORMAT(2, 3);

} // namespace kiln::bytecode

#endif // KILN_BYTECODE_DISASSEMBLER_H_
