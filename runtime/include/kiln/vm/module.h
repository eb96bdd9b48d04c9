// The one module interface. Bytecode modules (runtime/src/bytecode), emitted-C
// modules (through the kiln/c ABI adapter) and native C++ modules all derive
// from Module; callers cannot tell them apart.
//
// Calls: the caller packs arguments by the callee's signature string into a
// byte span (kiln/vm/signature.h) and provides a result span of the packed
// result size, then calls begin_call. See docs/runtime.md for the full
// protocol; in short:
//  * begin_call returns OK (results written), DEFERRED (the callee suspended,
//    its frames stay on the stack; continue with resume_call) or an error
//    (the callee captured the stack trace, popped its frames; results hold
//    nothing owned).
//  * Argument ref slots own their references. The callee may move refs out
//    of the argument span during begin_call; after begin_call returns (any
//    status) the caller releases whatever ref slots are still non-null.
//    The argument span need not outlive begin_call.
//  * Result ref slots are written by the callee (placement, not assignment)
//    on successful completion only; the caller then owns them. The result
//    span must stay valid until the call completes (OK or error), including
//    across DEFERRED/resume_call.
#ifndef KILN_VM_MODULE_H_
#define KILN_VM_MODULE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiln/vm/ref.h"
#include "kiln/vm/status.h"

namespace kiln::vm {

class Instance;
class Module;
class Stack;
struct Frame;

enum class Linkage : uint8_t {
  kInternal = 0,
  kImport = 1,
  kExport = 2,
};

// A function of a module. Cheap to copy (16 bytes); does not retain.
struct Function {
  Module *module = nullptr;
  Linkage linkage = Linkage::kInternal;
  int32_t ordinal = -1;

  bool is_null() const { return module == nullptr; }
};

struct ByteSpan {
  uint8_t *data = nullptr;
  size_t size = 0;
};

// Per-context state of a module (globals, resolved imports, ...). Created
// and destroyed by its module; opaque to everyone else.
class ModuleState {
public:
  virtual ~ModuleState() = default;
};

struct FunctionCall {
  Function function;
  ModuleState *state = nullptr; // the callee module's state in this context
  ByteSpan arguments;
  ByteSpan results;
};

struct ExportInfo {
  std::string_view name;      // local name, e.g. "add"
  std::string_view signature; // e.g. "0ii_i"
};

struct ImportInfo {
  std::string_view full_name; // "module.function"
  std::string_view signature;
  bool optional = false;
};

class Module : public RefObject {
public:
  static const RefType kType; // "vm.module"; every module shares it

  virtual ~Module();

  virtual std::string_view name() const = 0;
  virtual uint32_t version() const { return 0; }

  // Exports, by ordinal [0, export_count()).
  virtual int32_t export_count() const = 0;
  virtual ExportInfo export_info(int32_t ordinal) const = 0;
  // Default: linear scan over export_info.
  virtual StatusOr<Function> lookup_export(std::string_view name) const;
  Function export_function(int32_t ordinal) { return Function{this, Linkage::kExport, ordinal}; }

  // Imports, by ordinal [0, import_count()).
  virtual int32_t import_count() const { return 0; }
  virtual ImportInfo import_info(int32_t ordinal) const;

  // Signature string of an export or internal function (empty if unknown).
  // Default: export_info(ordinal).signature for exports.
  virtual std::string_view function_signature(const Function &function) const;
  // Name for diagnostics and traces. Default: export name or "<ordinal N>".
  virtual std::string function_name(const Function &function) const;
  // "file:line:col" of the frame's current pc, or empty. Error paths only.
  virtual std::string source_location(const Frame &frame) const;
  // The source positions of the frame's current pc, innermost first: code
  // inlined from other functions gives one entry per inlining level, each
  // naming the function it came from; the last entry is the frame's own
  // function (empty `inlined_from`). Default: one entry, source_location().
  struct SourcePosition {
    std::string inlined_from;
    std::string location;
  };
  virtual std::vector<SourcePosition> source_positions(const Frame &frame) const;
  // The offset a trace shows for the frame ("@N"). Default: frame.pc (the
  // bytecode offset); emitted-C frames report their current op's number.
  virtual int32_t frame_offset(const Frame &frame) const;

  // Per-context state. Default: no state (nullptr).
  virtual StatusOr<ModuleState *> create_state(Instance &instance);
  virtual void destroy_state(ModuleState *state);
  // Binds import `ordinal` of `state` to `target` in `target_state`.
  // `target.module == nullptr` means an optional import left unresolved.
  virtual Status resolve_import(ModuleState *state, int32_t ordinal, const Function &target,
                                ModuleState *target_state);

  // Starts a call. OK | DEFERRED | error (see the file comment).
  virtual Status begin_call(Stack &stack, const FunctionCall &call) = 0;
  // Continues a call that returned DEFERRED. `frame` is the entry frame that
  // begin_call pushed (the frame right above the caller's frame, i.e.
  // stack.frame_at(caller_depth + 1); for a host invocation frame_at(0)).
  // `results` is the same result span as given to begin_call.
  // Returns OK | DEFERRED | error, with the same rules as begin_call.
  virtual Status resume_call(Stack &stack, Frame *frame, ByteSpan results);

protected:
  Module() : RefObject(&kType) {}
};

// The trace lines of one frame of `module`'s `function` at `positions`
// (Module::source_positions): one `inlined` line per inlined level,
// innermost first, then the function's own line at offset `pc`. Shared by
// Stack::capture_trace and the emitted-C light frames.
std::vector<StackTraceFrame> frame_trace_lines(const std::string &module, std::string function,
                                               int64_t pc,
                                               std::vector<Module::SourcePosition> positions);

} // namespace kiln::vm

#endif // KILN_VM_MODULE_H_
