// Internal: the bytecode module object, its per-context state, and the
// decoded tables the verifier, interpreter and disassembler share.
#ifndef KILN_BYTECODE_SRC_MODULE_IMPL_H_
#define KILN_BYTECODE_SRC_MODULE_IMPL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/bytecode/bytecode_module.h"
#include "kiln/bytecode/disassembler.h"
#include "kiln/bytecode/file_format.h"
#include "kiln/bytecode/opcodes.h"
#include "kiln/bytecode/vmfb_generated.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/limits.h"
#include "kiln/vm/list.h"
#include "kiln/vm/module.h"
#include "kiln/vm/ref.h"
#include "kiln/vm/stack.h"
#include "kiln/vm/status.h"

namespace kiln::bytecode {

// The ref operand's move bit and the register index below it, as the
// compiler encodes them (kiln/vm/limits.h).
inline constexpr uint16_t kMoveBit = vm::limits::kRefMoveBit;
inline constexpr uint16_t kRegisterMask = static_cast<uint16_t>(kMoveBit - 1);

// Frame flags (vm::Frame::flags).
inline constexpr uint8_t kFrameEntry = 1;         // first frame of an activation
inline constexpr uint8_t kFrameImportPending = 2; // suspended in CALL_IMPORT*
inline constexpr uint8_t kFrameYielded = 4;       // suspended by YIELD

KILN_ALWAYS_INLINE uint16_t load_u16(const uint8_t *p) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return v;
}
KILN_ALWAYS_INLINE uint32_t load_u32(const uint8_t *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
KILN_ALWAYS_INLINE uint64_t load_u64(const uint8_t *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

enum class TypeKind : uint8_t {
  kUnknown = 0, // not registered with the instance
  kAny,         // !vm.ref<?>: any ref type
  kRef,         // a specific registered type (ref_type)
  kList,        // !vm.list<...> (ref_type == &List::kType, element set)
};

struct TypeInfo {
  std::string_view name;
  TypeKind kind = TypeKind::kUnknown;
  const vm::RefType *ref_type = nullptr;
  vm::ElementType element; // kList only
};

// A calling-convention layout: one entry per value (codes without spans).
struct PackedLayout {
  std::string_view codes;
  std::vector<uint32_t> offsets;
  uint32_t size = 0;
  bool has_refs = false;
  bool variadic = false;
};

struct FunctionInfo {
  const uint8_t *code = nullptr;
  uint32_t length = 0;
  uint16_t scalar_count = 0;
  uint16_t ref_count = 0;
  uint32_t ref_offset = 0;     // byte offset of the ref bank in frame storage
  uint32_t scratch_offset = 0; // byte offset of import-call scratch
  uint32_t frame_bytes = 0;    // total frame storage
  // Frame push zeroes storage words [zero_begin, zero_begin + zero_words):
  // the whole register file, or only the ref bank when the verifier proved
  // that every scalar register read is preceded by a write on every path
  // (then no code can observe the initial scalar contents).
  uint32_t zero_begin = 0;
  uint32_t zero_words = 0;
  std::string_view name;
  std::string_view signature;
  PackedLayout args;    // argument codes/layout
  PackedLayout results; // result codes/layout
  uint32_t flags = 0;
};

struct ImportDesc {
  std::string_view full_name;
  std::string_view signature;
  bool optional = false;
  PackedLayout args; // offsets empty when variadic
  PackedLayout results;
};

struct ExportDesc {
  std::string_view name;
  int32_t internal_ordinal = 0;
};

struct RodataDesc {
  const uint8_t *data = nullptr;
  size_t length = 0;
  uint32_t alignment = 0;
  std::string_view name;
  std::string_view mime_type;
};

class BytecodeState final : public vm::ModuleState {
public:
  ~BytecodeState() override;

  struct Import {
    vm::Function function;
    vm::ModuleState *state = nullptr;
  };

  uint8_t *globals = nullptr;
  uint32_t global_bytes = 0;
  vm::RefObject **global_refs = nullptr;
  uint32_t global_ref_count = 0;
  std::vector<vm::Ref> rodata; // read-only buffers viewing the module
  std::vector<Import> imports;
  bool initialized = false;
};

struct LoadOptions {
  bool allow_unknown_types = false;
  ModuleOptions module;
};

class BytecodeModule final : public vm::Module {
public:
  static vm::StatusOr<vm::Ref> load(vm::Instance &instance, const uint8_t *data, size_t size,
                                    vm::Ref keepalive, const LoadOptions &options);
  ~BytecodeModule() override;

  // vm::Module
  std::string_view name() const override { return name_; }
  uint32_t version() const override { return version_; }
  int32_t export_count() const override { return static_cast<int32_t>(exports_.size()); }
  vm::ExportInfo export_info(int32_t ordinal) const override;
  int32_t import_count() const override { return static_cast<int32_t>(imports_.size()); }
  vm::ImportInfo import_info(int32_t ordinal) const override;
  std::string_view function_signature(const vm::Function &function) const override;
  std::string function_name(const vm::Function &function) const override;
  std::string source_location(const vm::Frame &frame) const override;
  std::vector<SourcePosition> source_positions(const vm::Frame &frame) const override;
  vm::StatusOr<vm::ModuleState *> create_state(vm::Instance &instance) override;
  void destroy_state(vm::ModuleState *state) override;
  vm::Status resolve_import(vm::ModuleState *state, int32_t ordinal, const vm::Function &target,
                            vm::ModuleState *target_state) override;
  vm::Status begin_call(vm::Stack &stack, const vm::FunctionCall &call) override;
  vm::Status resume_call(vm::Stack &stack, vm::Frame *frame, vm::ByteSpan results) override;

  // Accessors for the verifier, interpreter and disassembler.
  const vmfb::Module *fb() const { return fb_; }
  const std::vector<FunctionInfo> &functions() const { return functions_; }
  const std::vector<ImportDesc> &imports() const { return imports_; }
  const std::vector<ExportDesc> &exports() const { return exports_; }
  const std::vector<TypeInfo> &types() const { return types_; }
  const std::vector<RodataDesc> &rodata() const { return rodata_; }
  const std::vector<std::string_view> &strings() const { return strings_; }
  uint32_t global_bytes() const { return global_bytes_; }
  uint32_t global_refs() const { return global_refs_; }
  int32_t init_function() const { return init_function_; }
  uint64_t file_size() const { return size_; }
  uint64_t flatbuffer_length() const { return flatbuffer_length_; }
  uint64_t external_offset() const { return external_offset_; }
  // "file:line:col" (with "inlined at" callers) for a pc, or empty.
  std::string location_for(int32_t function_ordinal, uint32_t pc) const;
  // The same position split per inlining level, innermost first.
  std::vector<SourcePosition> positions_for(int32_t function_ordinal, uint32_t pc) const;

  // Where instruction trace lines go; null when this module is not traced.
  std::FILE *trace_file() const { return trace_file_; }
  // Who else sees every instruction; null when nobody does.
  InstructionObserver *observer() const { return observer_; }
  // Whether the dispatch loop reports every instruction (trace_instruction).
  bool observed() const { return trace_file_ != nullptr || observer_ != nullptr; }

  // Interpreter entry points (interpreter.cpp).
  vm::Status run_initializer(BytecodeState *state);

private:
  BytecodeModule() = default;
  vm::Status parse(vm::Instance &instance, const LoadOptions &options);

  vm::Ref keepalive_;
  // Module data copied to 64-byte aligned storage when the caller's bytes
  // were not aligned (aligned_data_ points into it).
  std::unique_ptr<uint8_t[]> aligned_copy_;
  const uint8_t *data_ = nullptr;
  size_t size_ = 0;
  uint64_t flatbuffer_length_ = 0;
  uint64_t external_offset_ = 0;
  const vmfb::Module *fb_ = nullptr;
  std::string_view name_;
  uint32_t version_ = 0;
  std::vector<FunctionInfo> functions_;
  std::vector<ImportDesc> imports_;
  std::vector<ExportDesc> exports_;
  std::vector<TypeInfo> types_;
  std::vector<RodataDesc> rodata_;
  std::vector<std::string_view> strings_;
  uint32_t global_bytes_ = 0;
  uint32_t global_refs_ = 0;
  int32_t init_function_ = -1;
  std::FILE *trace_file_ = nullptr;
  InstructionObserver *observer_ = nullptr;
};

// ---- Instruction decoding (verifier and disassembler) ---------------------

// Decodes the instruction at `pc` (kiln/bytecode/disassembler.h). Fails
// (message naming the offset) when the opcode is unknown or an operand runs
// past `length`.
vm::Status decode_instruction(const uint8_t *code, uint32_t length, uint32_t pc,
                              DecodedInstruction *out);

// The names of `module`'s tables, for the disassembler (dump.cpp).
class ModuleNames final : public DisassemblyNames {
public:
  explicit ModuleNames(const BytecodeModule &module) : module_(module) {}
  bool function(uint32_t index, std::string_view *name, std::string_view *signature) const override;
  bool import(uint32_t index, std::string_view *name, std::string_view *signature) const override;
  bool type(uint32_t index, std::string_view *name) const override;
  bool string(uint32_t index, std::string_view *text) const override;

private:
  const BytecodeModule &module_;
};

// Writes one trace line for the instruction at `pc` of function `ordinal`
// to module.trace_file() (disassembler.cpp). Cold: only the tracing
// instantiation of the dispatch loop calls it.
// `depth` is the VM stack depth of the instruction's frame (1: the bottom).
void trace_instruction(const BytecodeModule &module, int32_t ordinal, uint32_t pc, int32_t depth);

// Parses a signature's argument or result codes into a layout.
vm::Status make_layout(std::string_view codes, PackedLayout *out);

// Verifies every function of `module` (verifier.cpp). Fills per-function
// import scratch sizes and reports which types must be resolvable.
vm::Status verify_module(BytecodeModule &module, std::vector<FunctionInfo> &functions,
                         std::vector<bool> *type_needed);

// Executes the activation whose entry frame is `entry` (interpreter.cpp).
vm::Status execute(BytecodeModule *module, vm::Stack &stack, vm::Frame *entry,
                   vm::ByteSpan results);

// Loads a file allowing unregistered types (for the disassembler).
vm::StatusOr<vm::Ref> load_module_for_dump(vm::Instance &instance, const char *path);

// Releases the ref registers of a bytecode frame (its cleanup hook).
void release_frame_refs(vm::Frame *frame);

} // namespace kiln::bytecode

#endif // KILN_BYTECODE_SRC_MODULE_IMPL_H_
