// The interpreter: one dispatch loop over verified bytecode.
//
// Registers live in the frame's storage on the vm::Stack:
//   [scalar bank: scalar_count x 8 bytes][ref bank: ref_count x RefObject*]
//   [import-call scratch: packed arguments + packed results]
// The loop keeps the scalar bank, ref bank and instruction pointer in locals.
// Internal calls push a frame and continue in the same loop (no C
// recursion); imports go through vm::Module::begin_call with packed bytes in
// the frame's scratch. The verifier has checked every register index,
// operand, target and table index, so there are no per-instruction bounds
// checks here; only run-time faults (division by zero, buffer/list/global
// bounds, null or mistyped refs) are checked, through kiln/c/ops.h.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "kiln/bytecode/opcode_list.h"
#include "kiln/c/ops.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/signature.h"
#include "module_impl.h"

#if defined(__GNUC__) || defined(__clang__)
#define KILN_COMPUTED_GOTO 1
#else
#define KILN_COMPUTED_GOTO 0
#endif

namespace kiln::bytecode {

using vm::Frame;
using vm::RefObject;
using vm::Stack;
using vm::Status;
using vm::StatusCode;

namespace {

// ---- Register access --------------------------------------------------------

KILN_ALWAYS_INLINE int32_t get_i32(const uint64_t* s, uint16_t r) {
  int32_t v;
  std::memcpy(&v, &s[r], 4);
  return v;
}
KILN_ALWAYS_INLINE int64_t get_i64(const uint64_t* s, uint16_t r) {
  int64_t v;
  std::memcpy(&v, &s[r], 8);
  return v;
}
KILN_ALWAYS_INLINE float get_f32(const uint64_t* s, uint16_t r) {
  float v;
  std::memcpy(&v, &s[r], 4);
  return v;
}
KILN_ALWAYS_INLINE double get_f64(const uint64_t* s, uint16_t r) {
  double v;
  std::memcpy(&v, &s[r], 8);
  return v;
}
// 4-byte values are written as a whole 8-byte register slot (the value in
// its low-addressed half, zeros above): MOV, call arguments and return
// values copy registers as 8-byte words, and an 8-byte load that follows a
// 4-byte store to the same slot cannot be forwarded from it and stalls
// (profiled: it dominated recursive calls).
KILN_ALWAYS_INLINE void put_word32(uint64_t* slot, const void* bytes) {
  uint64_t word = 0;
  std::memcpy(&word, bytes, 4);
  *slot = word;
}
KILN_ALWAYS_INLINE void set_i32(uint64_t* s, uint16_t r, int32_t v) {
  put_word32(&s[r], &v);
}
KILN_ALWAYS_INLINE void set_i64(uint64_t* s, uint16_t r, int64_t v) {
  std::memcpy(&s[r], &v, 8);
}
KILN_ALWAYS_INLINE void set_f32(uint64_t* s, uint16_t r, float v) {
  put_word32(&s[r], &v);
}
KILN_ALWAYS_INLINE void set_f64(uint64_t* s, uint16_t r, double v) {
  std::memcpy(&s[r], &v, 8);
}

// Reads a ref operand as a new owned reference: moved out (register nulled)
// when the move bit is set, retained otherwise.
KILN_ALWAYS_INLINE RefObject* take_ref(RefObject** r, uint16_t operand) {
  uint16_t index = operand & kRegisterMask;
  RefObject* o = r[index];
  if (operand & kMoveBit) {
    r[index] = nullptr;
  } else if (o) {
    vm::ref_retain(o);
  }
  return o;
}
// Stores an owned reference into a register, releasing the old one.
KILN_ALWAYS_INLINE void put_ref(RefObject** r, uint16_t index, RefObject* o) {
  RefObject* old = r[index];
  r[index] = o;
  if (old) vm::ref_release(old);
}
// Releases a borrowed operand whose move bit says this was its last use.
KILN_ALWAYS_INLINE void consume(RefObject** r, uint16_t operand) {
  if (KILN_UNLIKELY(operand & kMoveBit)) {
    uint16_t index = operand & kRegisterMask;
    RefObject* o = r[index];
    r[index] = nullptr;
    if (o) vm::ref_release(o);
  }
}

KILN_ALWAYS_INLINE vm::Buffer* as_buffer(RefObject* o) {
  return (o && o->type == &vm::Buffer::kType) ? static_cast<vm::Buffer*>(o) : nullptr;
}
KILN_ALWAYS_INLINE vm::List* as_list(RefObject* o) {
  return (o && o->type == &vm::List::kType) ? static_cast<vm::List*>(o) : nullptr;
}

bool type_matches(const TypeInfo& t, const RefObject* o) {
  if (!o) return true;
  switch (t.kind) {
    case TypeKind::kAny: return true;
    case TypeKind::kRef:
    case TypeKind::kList: return o->type == t.ref_type;
    case TypeKind::kUnknown: return false;
  }
  return false;
}

// ---- Fault constructors (cold) -------------------------------------------

KILN_NOINLINE Status div_by_zero_error() {
  return Status(StatusCode::kInvalidArgument, "integer division by zero");
}
// The runtime's one wording for a ref operand of the wrong type (the C
// module path reports the same through services->ref_type_error).
KILN_NOINLINE Status not_a_error(const RefObject* o, const vm::RefType& expected) {
  return vm::ref_type_error(o, expected);
}
KILN_NOINLINE Status buffer_range_error(const vm::Buffer* b, int64_t offset,
                                        int64_t count, uint32_t element_size) {
  return vm::make_status(StatusCode::kOutOfRange,
                         "out-of-bounds buffer access: element offset %" PRId64
                         ", count %" PRId64 " of %u-byte elements in a buffer of "
                         "%zu bytes",
                         offset, count, element_size, b->length());
}
KILN_NOINLINE Status read_only_error() {
  return Status(StatusCode::kPermissionDenied,
                "write to a read-only buffer (e.g. rodata)");
}
KILN_NOINLINE Status global_range_error(int64_t offset, uint32_t width, uint32_t size) {
  return vm::make_status(StatusCode::kOutOfRange,
                         "out-of-bounds indirect global access: byte offset %" PRId64
                         " width %u, module has %u global bytes",
                         offset, width, size);
}
KILN_NOINLINE Status ref_global_range_error(int64_t ordinal, uint32_t count) {
  return vm::make_status(StatusCode::kOutOfRange,
                         "out-of-bounds indirect ref global access: ordinal %" PRId64
                         ", module has %u ref globals",
                         ordinal, count);
}
KILN_NOINLINE Status type_mismatch_error(const RefObject* o, const TypeInfo& t,
                                         const char* what) {
  return vm::make_status(StatusCode::kInvalidArgument,
                         "%s: ref type mismatch: have '%s', need '%.*s'", what,
                         o && o->type ? o->type->name : "null",
                         static_cast<int>(t.name.size()), t.name.data());
}
KILN_NOINLINE Status fail_error(int32_t code, std::string_view message) {
  StatusCode c = StatusCode::kUnknown;
  if (code > 0 && code <= static_cast<int32_t>(StatusCode::kUnauthenticated)) {
    c = static_cast<StatusCode>(code);
  }
  if (message.empty()) message = "vm.fail";
  return Status(c, message);
}
KILN_NOINLINE Status negative_error(const char* what, int64_t v) {
  return vm::make_status(StatusCode::kOutOfRange, "%s: negative value %" PRId64,
                         what, v);
}

// ---- Frames -----------------------------------------------------------------

KILN_ALWAYS_INLINE const FunctionInfo* frame_info(const Frame* f) {
  return reinterpret_cast<const FunctionInfo*>(static_cast<uintptr_t>(f->user[0]));
}
KILN_ALWAYS_INLINE uint64_t* frame_scalars(const Frame* f) {
  return reinterpret_cast<uint64_t*>(f->storage);
}
KILN_ALWAYS_INLINE RefObject** frame_refs(const Frame* f, const FunctionInfo* fi) {
  return reinterpret_cast<RefObject**>(f->storage + fi->ref_offset);
}

// The next ip of the taken loop latch at `ip`. Computed plainly (the code
// start plus the offset stored in the instruction), every iteration's ip
// would wait for a load at the previous ip, a chain through the whole loop
// that the CPU cannot overlap across iterations (profiled: the latency
// bound of a two-instruction loop). Instead the last taken latch and its
// target are remembered: when the same latch is taken again, the target
// comes from there behind a compare of ip, which the CPU predicts, and the
// offset is not read at all. Bytecode is immutable while it runs, so a
// latch address always has the same target.
struct LatchCache {
  const uint8_t* latch = nullptr;
  const uint8_t* head = nullptr;
};
KILN_ALWAYS_INLINE const uint8_t* loop_head(const uint8_t* ip, const uint8_t* code,
                                            uint32_t target_at, LatchCache* cache) {
  if (KILN_LIKELY(cache->latch == ip)) return cache->head;
  cache->latch = ip;
  cache->head = code + load_u32(ip + target_at);
  return cache->head;
}

KILN_ALWAYS_INLINE size_t align_storage(size_t bytes) {
  return (bytes + (Stack::kStorageAlignment - 1)) & ~(Stack::kStorageAlignment - 1);
}

// Registers start zeroed / null. The verifier narrows the range to the ref
// bank when no scalar register can be read before it is written
// (FunctionInfo::zero_begin). Frames are small: a word loop beats a memset
// call here.
KILN_ALWAYS_INLINE void zero_registers(uint8_t* storage, const FunctionInfo& fi) {
  uint64_t* words = reinterpret_cast<uint64_t*>(storage) + fi.zero_begin;
  for (uint32_t i = 0, n = fi.zero_words; i < n; ++i) {
    words[i] = 0;
#if defined(__GNUC__) || defined(__clang__)
    // GCC and Clang recognize this loop as memset and emit a library call,
    // which costs more than the handful of stores a frame needs (it showed
    // in profiles of recursive calls). The empty asm makes the index opaque
    // so the loop stays a loop; it constrains nothing else.
    __asm__("" : "+r"(i));
#endif
  }
}

// Frames of internal calls are pushed lazily. A CALL writes only what the
// interpreter itself reads back: the callee frame's storage and user[0]
// (its FunctionInfo), and in the caller frame pc and user[1] (where RETURN
// continues). Everything else push_frame would write (function, module
// state, storage size, type, flags, arena mark, cleanup), and the Stack's
// depth and arena top, is derived from those when anything outside the
// loop may look at the stack: before an import call, a yield, a return to
// the host, and on a fault or an overflow before the trace is captured.
// Frames below `from` are complete; this completes [from, top] and makes
// `top` the Stack's top frame.
KILN_NOINLINE void complete_frames(BytecodeModule* module, Stack& stack,
                                   vm::ModuleState* state, Frame* from, Frame* top) {
  const FunctionInfo* functions = module->functions().data();
  const uint8_t* arena_begin = stack.arena_begin();
  for (Frame* f = from; f <= top; ++f) {
    const FunctionInfo* fi = frame_info(f);
    f->function.module = module;
    f->function.linkage = vm::Linkage::kInternal;
    f->function.ordinal = static_cast<int32_t>(fi - functions);
    f->module_state = state;
    f->storage_size = fi->frame_bytes;
    f->type = vm::FrameType::kBytecode;
    f->flags = 0;
    f->reserved = 0;
    f->arena_mark = static_cast<uint32_t>(f->storage - arena_begin);
    f->cleanup = &release_frame_refs;
  }
}

KILN_ALWAYS_INLINE Status push_function_frame(BytecodeModule* module, Stack& stack,
                                              vm::ModuleState* state, int32_t ordinal,
                                              const FunctionInfo& fi, Frame** out) {
  KILN_RETURN_IF_ERROR(stack.push_frame(
      vm::FrameType::kBytecode, vm::Function{module, vm::Linkage::kInternal, ordinal},
      state, fi.frame_bytes, out));
  Frame* f = *out;
  f->cleanup = &release_frame_refs;
  f->user[0] = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&fi));
  f->pc = 0;
  zero_registers(f->storage, fi);
  return Status();
}

KILN_ALWAYS_INLINE void pop_function_frame(Stack& stack, Frame* f) {
  if (frame_info(f)->ref_count) release_frame_refs(f);
  stack.pop_frame();
}

int32_t depth_of(Stack& stack, const Frame* f) {
  return static_cast<int32_t>(f - stack.frame_at(0));
}

// ---- Import calls ------------------------------------------------------------

struct ImportCallShape {
  uint32_t ordinal;
  const uint8_t* segments;  // nullptr unless variadic
  const uint8_t* args;      // u16 count + regs
  const uint8_t* results;   // u16 count + regs
  uint32_t length;          // instruction length
};

KILN_ALWAYS_INLINE ImportCallShape import_call_shape(const uint8_t* ip, bool variadic) {
  ImportCallShape shape;
  shape.ordinal = load_u32(ip + 2);
  const uint8_t* p = ip + 6;
  shape.segments = nullptr;
  if (variadic) {
    shape.segments = p;
    p += 2 + 2 * load_u16(p);
  }
  shape.args = p;
  p += 2 + 2 * load_u16(p);
  shape.results = p;
  p += 2 + 2 * load_u16(p);
  shape.length = static_cast<uint32_t>(p - ip);
  return shape;
}

// Packs a variadic argument list (codes with C...D spans) into `out`.
// Returns the packed size.
size_t pack_variadic(std::string_view codes, const uint8_t* segments,
                     const uint8_t* args, uint64_t* s, RefObject** r, uint8_t* out) {
  size_t offset = 0, max_align = 1;
  uint16_t seg = 0, arg = 0;
  auto put = [&](char c) {
    size_t a = vm::code_alignment(c);
    if (a > max_align) max_align = a;
    offset = vm::align_up(offset, a);
    uint16_t reg = load_u16(args + 2 + 2 * arg++);
    if (c == 'r') {
      RefObject* o = take_ref(r, reg);
      std::memcpy(out + offset, &o, sizeof(o));
    } else {
      std::memcpy(out + offset, &s[reg], vm::code_size(c));
    }
    offset += vm::code_size(c);
  };
  for (size_t i = 0; i < codes.size(); ++i) {
    char c = codes[i];
    if (c != 'C') {
      put(c);
      continue;
    }
    size_t end = codes.find('D', i);
    std::string_view tuple = codes.substr(i + 1, end - i - 1);
    for (char t : tuple) max_align = std::max(max_align, vm::code_alignment(t));
    if (max_align < 4) max_align = 4;
    offset = vm::align_up(offset, 4);
    int32_t count = load_u16(segments + 2 + 2 * seg++);
    std::memcpy(out + offset, &count, 4);
    offset += 4;
    for (int32_t k = 0; k < count; ++k) {
      for (char t : tuple) put(t);
    }
    i = end;
  }
  return vm::align_up(offset, max_align);
}

// Unpacks an import's results (laid out by `d.results` at `res`) into the
// registers listed by the instruction's results operand.
KILN_ALWAYS_INLINE void unpack_import_results(const ImportDesc& d, const uint8_t* res,
                                              const uint8_t* result_regs, uint64_t* s,
                                              RefObject** r) {
  const uint16_t count = load_u16(result_regs);
  const char* codes = d.results.codes.data();
  const uint32_t* offsets = d.results.offsets.data();
  for (uint16_t k = 0; k < count; ++k) {
    uint16_t reg = load_u16(result_regs + 2 + 2 * k);
    char c = codes[k];
    const uint8_t* slot = res + offsets[k];
    if (c == 'r') {
      RefObject* o;
      std::memcpy(&o, slot, sizeof(o));
      put_ref(r, reg, o);
    } else if (c == 'i' || c == 'f') {
      put_word32(&s[reg], slot);
    } else {
      std::memcpy(&s[reg], slot, 8);
    }
  }
}

KILN_NOINLINE Status unresolved_import_error(const ImportDesc& d) {
  return vm::make_status(StatusCode::kFailedPrecondition,
                         "call to import '%.*s', which is not resolved",
                         static_cast<int>(d.full_name.size()), d.full_name.data());
}

// Packs the arguments, calls the import, releases leftover argument refs and
// on OK unpacks the results into registers. DEFERRED leaves the results
// span in the frame's scratch for resume (finish_import). The instruction
// is decoded once; `*length` receives its size.
template <bool variadic>
KILN_NOINLINE Status call_import(BytecodeModule* module, Stack& stack, Frame* frame,
                                 BytecodeState* state, const uint8_t* ip,
                                 uint32_t* length) {
  ImportCallShape shape = import_call_shape(ip, variadic);
  *length = shape.length;
  const ImportDesc& d = module->imports()[shape.ordinal];
  const BytecodeState::Import& target = state->imports[shape.ordinal];
  if (KILN_UNLIKELY(target.function.is_null())) return unresolved_import_error(d);
  const FunctionInfo* fi = frame_info(frame);
  uint64_t* s = frame_scalars(frame);
  RefObject** r = frame_refs(frame, fi);
  uint8_t* scratch = frame->storage + fi->scratch_offset;
  size_t args_size;
  if constexpr (!variadic) {
    uint16_t count = load_u16(shape.args);
    const char* codes = d.args.codes.data();
    const uint32_t* offsets = d.args.offsets.data();
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t reg = load_u16(shape.args + 2 + 2 * k);
      char c = codes[k];
      if (c == 'r') {
        RefObject* o = take_ref(r, reg);
        std::memcpy(scratch + offsets[k], &o, sizeof(o));
      } else if (c == 'i' || c == 'f') {
        std::memcpy(scratch + offsets[k], &s[reg], 4);
      } else {
        std::memcpy(scratch + offsets[k], &s[reg], 8);
      }
    }
    args_size = d.args.size;
  } else {
    args_size = pack_variadic(d.args.codes, shape.segments, shape.args, s, r, scratch);
  }
  uint8_t* res = scratch + vm::align_up(args_size, 8);
  vm::FunctionCall call;
  call.function.module = target.function.module;
  call.function.linkage = target.function.linkage;
  call.function.ordinal = target.function.ordinal;
  call.state = target.state;
  call.arguments = vm::ByteSpan{scratch, args_size};
  call.results = vm::ByteSpan{res, d.results.size};
  Status status = target.function.module->begin_call(stack, call);
  if (d.args.has_refs) vm::release_packed_refs(d.args.codes, scratch, args_size);
  if (KILN_UNLIKELY(!status.ok())) return status;
  unpack_import_results(d, res, shape.results, s, r);
  return Status();
}

// The packed size of a variadic call's arguments (for resuming one).
size_t variadic_args_size(const ImportDesc& d, const uint8_t* segments) {
  int32_t counts[64];
  uint16_t n = load_u16(segments);
  if (n > 64) n = 64;
  for (uint16_t k = 0; k < n; ++k) counts[k] = load_u16(segments + 2 + 2 * k);
  auto size = vm::packed_size(d.args.codes, counts, n);
  return size.ok() ? *size : 0;
}

// Unpacks the results of an import call that completed after DEFERRED.
Status finish_import(BytecodeModule* module, Frame* frame, const uint8_t* ip,
                     bool variadic) {
  ImportCallShape shape = import_call_shape(ip, variadic);
  const ImportDesc& d = module->imports()[shape.ordinal];
  const FunctionInfo* fi = frame_info(frame);
  size_t args_size = variadic ? variadic_args_size(d, shape.segments) : d.args.size;
  const uint8_t* res = frame->storage + fi->scratch_offset + vm::align_up(args_size, 8);
  unpack_import_results(d, res, shape.results, frame_scalars(frame), frame_refs(frame, fi));
  return Status();
}

void import_spans(BytecodeModule* module, Frame* frame, const ImportCallShape& shape,
                  size_t args_size, vm::ByteSpan* args, vm::ByteSpan* results) {
  const ImportDesc& d = module->imports()[shape.ordinal];
  uint8_t* scratch = frame->storage + frame_info(frame)->scratch_offset;
  *args = vm::ByteSpan{scratch, args_size};
  *results = vm::ByteSpan{scratch + vm::align_up(args_size, 8), d.results.size};
}

}  // namespace

void release_frame_refs(Frame* frame) {
  const FunctionInfo* fi = frame_info(frame);
  if (!fi || fi->ref_count == 0) return;
  RefObject** r = frame_refs(frame, fi);
  for (uint32_t i = 0; i < fi->ref_count; ++i) {
    RefObject* o = r[i];
    if (o) {
      r[i] = nullptr;
      vm::ref_release(o);
    }
  }
}

// ---- The dispatch loop ------------------------------------------------------

namespace {

// The loop is instantiated twice: kTrace = false is the normal interpreter;
// kTrace = true additionally reports every instruction before it runs (see
// ModuleOptions::trace). The choice is made once per invocation in
// execute(), so the normal loop carries no per-instruction test for it.
template <bool kTrace>
KILN_NOINLINE Status run_loop(BytecodeModule* module, Stack& stack, Frame* entry,
                vm::ByteSpan results) {
  Frame* frame = stack.top();
  BytecodeState* state = static_cast<BytecodeState*>(frame->module_state);
  const FunctionInfo* fi = frame_info(frame);
  const uint8_t* code = fi->code;
  const uint8_t* ip = code + frame->pc;
  uint64_t* s = frame_scalars(frame);
  RefObject** r = frame_refs(frame, fi);
  const TypeInfo* types = module->types().data();
  // Loaded once: a CALL indexes it on the way to the callee's first opcode.
  const FunctionInfo* functions = module->functions().data();
  // The last taken ADD_BR_IF_LT_* and its target (see loop_head).
  LatchCache latch_cache;
  // Frames below this one are complete (see complete_frames); the Stack's
  // depth and arena top are current only after SYNC_STACK().
  Frame* complete_end = frame + 1;
  // The top frame the Stack last recorded.
  Frame* synced_top = frame;
  Status status;

#define U16(o) load_u16(ip + (o))
#define U32(o) load_u32(ip + (o))
#define RI32(o) get_i32(s, U16(o))
#define RI64(o) get_i64(s, U16(o))
#define RF32(o) get_f32(s, U16(o))
#define RF64(o) get_f64(s, U16(o))
#define WI32(o, v) set_i32(s, U16(o), (v))
#define WI64(o, v) set_i64(s, U16(o), (v))
#define WF32(o, v) set_f32(s, U16(o), (v))
#define WF64(o, v) set_f64(s, U16(o), (v))
#define REF(o) r[U16(o) & kRegisterMask]
  // Completes the lazily pushed frames and records the top frame on the
  // Stack (see complete_frames).
  // Nothing to do when this frame was the top at the last sync and has not
  // been popped since (a pop lowers complete_end to it).
#define SYNC_STACK()                                                          \
  do {                                                                        \
    if (KILN_UNLIKELY(synced_top != frame || complete_end <= frame)) {        \
      if (complete_end <= frame) complete_frames(module, stack, state, complete_end, frame); \
      complete_end = frame + 1;                                               \
      synced_top = frame;                                                     \
      stack.set_top(frame, reinterpret_cast<const uint8_t*>(s) + align_storage(fi->frame_bytes)); \
    }                                                                         \
  } while (0)
#define FAULT(expr)   \
  do {                \
    status = (expr);  \
    goto fault;       \
  } while (0)

#if KILN_COMPUTED_GOTO
#define LABEL_ADDRESS(name) &&L_##name,
  static const void* const kDispatch[] = {KILN_BYTECODE_OPCODE_LIST(LABEL_ADDRESS)};
#undef LABEL_ADDRESS
  static_assert(sizeof(kDispatch) / sizeof(kDispatch[0]) == kOpcodeCount,
                "dispatch table out of sync with opcodes.txt");
#define DISPATCH()                                                             \
  do {                                                                         \
    if constexpr (kTrace) {                                                    \
      trace_instruction(*module, frame->function.ordinal,                     \
                        static_cast<uint32_t>(ip - code));                     \
    }                                                                          \
    goto* kDispatch[load_u16(ip)];                                             \
  } while (0)
#define OP(name) L_##name:
#define NEXT(len)  \
  do {             \
    ip += (len);   \
    DISPATCH();    \
  } while (0)
  DISPATCH();
#else
#define DISPATCH() goto dispatch
#define OP(name) case Opcode::name:
#define NEXT(len)  \
  do {             \
    ip += (len);   \
    goto dispatch; \
  } while (0)
dispatch:
  if constexpr (kTrace) {
    trace_instruction(*module, frame->function.ordinal, static_cast<uint32_t>(ip - code));
  }
  switch (static_cast<Opcode>(load_u16(ip))) {
#endif

  // Common shapes. Operand offsets are relative to the opcode (operands
  // start at +2).
#define BIN_I32(name, fn) OP(name) { WI32(2, fn(RI32(4), RI32(6))); NEXT(8); }
#define BIN_I64(name, fn) OP(name) { WI64(2, fn(RI64(4), RI64(6))); NEXT(8); }
#define BIN_F32(name, fn) OP(name) { WF32(2, fn(RF32(4), RF32(6))); NEXT(8); }
#define BIN_F64(name, fn) OP(name) { WF64(2, fn(RF64(4), RF64(6))); NEXT(8); }
#define UN_I32(name, fn) OP(name) { WI32(2, fn(RI32(4))); NEXT(6); }
#define UN_I64(name, fn) OP(name) { WI64(2, fn(RI64(4))); NEXT(6); }
#define UN_F32(name, fn) OP(name) { WF32(2, fn(RF32(4))); NEXT(6); }
#define UN_F64(name, fn) OP(name) { WF64(2, fn(RF64(4))); NEXT(6); }
#define CONV(name, W, R, fn) OP(name) { W(2, fn(R(4))); NEXT(6); }
#define CMP(name, R, fn) OP(name) { WI32(2, fn(R(4), R(6)) ? 1 : 0); NEXT(8); }
#define CMP1(name, R, fn) OP(name) { WI32(2, fn(R(4)) ? 1 : 0); NEXT(6); }
#define DIV(name, T, R, W, fn)                              \
  OP(name) {                                                \
    T q;                                                    \
    if (KILN_UNLIKELY(fn(R(4), R(6), &q) != KILN_OP_OK))    \
      FAULT(div_by_zero_error());                           \
    W(2, q);                                                \
    NEXT(8);                                                \
  }
#define BR_CMP(name, R, expr_op)                            \
  OP(name) {                                                \
    if (R(2) expr_op R(4)) {                                \
      ip = code + U32(6);                                   \
      DISPATCH();                                           \
    }                                                       \
    NEXT(10);                                               \
  }
#define BR_CMP_U32(name, expr_op)                                                 \
  OP(name) {                                                                      \
    if (static_cast<uint32_t>(RI32(2)) expr_op static_cast<uint32_t>(RI32(4))) {  \
      ip = code + U32(6);                                                         \
      DISPATCH();                                                                 \
    }                                                                             \
    NEXT(10);                                                                     \
  }
#define BR_CMP_U64(name, expr_op)                                                 \
  OP(name) {                                                                      \
    if (static_cast<uint64_t>(RI64(2)) expr_op static_cast<uint64_t>(RI64(4))) {  \
      ip = code + U32(6);                                                         \
      DISPATCH();                                                                 \
    }                                                                             \
    NEXT(10);                                                                     \
  }

  // ---- Moves and constants ----
  OP(MOV) { s[U16(2)] = s[U16(4)]; NEXT(6); }
  OP(MOV_REF) {
    RefObject* o = take_ref(r, U16(4));
    put_ref(r, U16(2), o);
    NEXT(6);
  }
  OP(CONST_I32) { set_i32(s, U16(2), static_cast<int32_t>(U32(4))); NEXT(8); }
  OP(CONST_I64) { set_i64(s, U16(2), static_cast<int64_t>(load_u64(ip + 4))); NEXT(12); }
  OP(CONST_F32) { put_word32(&s[U16(2)], ip + 4); NEXT(8); }
  OP(CONST_F64) { std::memcpy(&s[U16(2)], ip + 4, 8); NEXT(12); }
  OP(CONST_REF_ZERO) { put_ref(r, U16(2), nullptr); NEXT(4); }
  OP(CONST_REF_RODATA) {
    RefObject* o = state->rodata[U32(4)].get();
    vm::ref_retain(o);
    put_ref(r, U16(2), o);
    NEXT(8);
  }
  OP(DISCARD_REFS) {
    uint16_t n = U16(2);
    for (uint16_t k = 0; k < n; ++k) {
      uint16_t index = U16(4 + 2 * k) & kRegisterMask;
      RefObject* o = r[index];
      r[index] = nullptr;
      if (o) vm::ref_release(o);
    }
    NEXT(4 + 2 * n);
  }

  // ---- Globals ----
  OP(GLOBAL_LOAD_I32) { put_word32(&s[U16(2)], state->globals + U32(4)); NEXT(8); }
  OP(GLOBAL_LOAD_I64) { std::memcpy(&s[U16(2)], state->globals + U32(4), 8); NEXT(8); }
  OP(GLOBAL_LOAD_F32) { put_word32(&s[U16(2)], state->globals + U32(4)); NEXT(8); }
  OP(GLOBAL_LOAD_F64) { std::memcpy(&s[U16(2)], state->globals + U32(4), 8); NEXT(8); }
  OP(GLOBAL_STORE_I32) { std::memcpy(state->globals + U32(2), &s[U16(6)], 4); NEXT(8); }
  OP(GLOBAL_STORE_I64) { std::memcpy(state->globals + U32(2), &s[U16(6)], 8); NEXT(8); }
  OP(GLOBAL_STORE_F32) { std::memcpy(state->globals + U32(2), &s[U16(6)], 4); NEXT(8); }
  OP(GLOBAL_STORE_F64) { std::memcpy(state->globals + U32(2), &s[U16(6)], 8); NEXT(8); }
#define GLOBAL_INDIRECT_LOAD(name, width)                                  \
  OP(name) {                                                               \
    int64_t off = RI32(4);                                                 \
    if (KILN_UNLIKELY(kiln_global_range(off, width, state->global_bytes) != KILN_OP_OK)) \
      FAULT(global_range_error(off, width, state->global_bytes));          \
    if (width == 4) {                                                      \
      put_word32(&s[U16(2)], state->globals + off);                        \
    } else {                                                               \
      std::memcpy(&s[U16(2)], state->globals + off, width);                \
    }                                                                      \
    NEXT(6);                                                               \
  }
#define GLOBAL_INDIRECT_STORE(name, width)                                 \
  OP(name) {                                                               \
    int64_t off = RI32(2);                                                 \
    if (KILN_UNLIKELY(kiln_global_range(off, width, state->global_bytes) != KILN_OP_OK)) \
      FAULT(global_range_error(off, width, state->global_bytes));          \
    std::memcpy(state->globals + off, &s[U16(4)], width);                  \
    NEXT(6);                                                               \
  }
  GLOBAL_INDIRECT_LOAD(GLOBAL_LOAD_INDIRECT_I32, 4)
  GLOBAL_INDIRECT_LOAD(GLOBAL_LOAD_INDIRECT_I64, 8)
  GLOBAL_INDIRECT_LOAD(GLOBAL_LOAD_INDIRECT_F32, 4)
  GLOBAL_INDIRECT_LOAD(GLOBAL_LOAD_INDIRECT_F64, 8)
  GLOBAL_INDIRECT_STORE(GLOBAL_STORE_INDIRECT_I32, 4)
  GLOBAL_INDIRECT_STORE(GLOBAL_STORE_INDIRECT_I64, 8)
  GLOBAL_INDIRECT_STORE(GLOBAL_STORE_INDIRECT_F32, 4)
  GLOBAL_INDIRECT_STORE(GLOBAL_STORE_INDIRECT_F64, 8)
  OP(GLOBAL_LOAD_REF) {
    RefObject* o = state->global_refs[U32(4)];
    if (KILN_UNLIKELY(!type_matches(types[U32(8)], o)))
      FAULT(type_mismatch_error(o, types[U32(8)], "vm.global.load.ref"));
    if (o) vm::ref_retain(o);
    put_ref(r, U16(2), o);
    NEXT(12);
  }
  OP(GLOBAL_STORE_REF) {
    RefObject* o = take_ref(r, U16(6));
    RefObject** slot = &state->global_refs[U32(2)];
    RefObject* old = *slot;
    *slot = o;
    if (old) vm::ref_release(old);
    NEXT(8);
  }
  OP(GLOBAL_LOAD_INDIRECT_REF) {
    int64_t ordinal = RI32(4);
    if (KILN_UNLIKELY(ordinal < 0 || ordinal >= state->global_ref_count))
      FAULT(ref_global_range_error(ordinal, state->global_ref_count));
    RefObject* o = state->global_refs[ordinal];
    if (KILN_UNLIKELY(!type_matches(types[U32(6)], o)))
      FAULT(type_mismatch_error(o, types[U32(6)], "vm.global.load.indirect.ref"));
    if (o) vm::ref_retain(o);
    put_ref(r, U16(2), o);
    NEXT(10);
  }
  OP(GLOBAL_STORE_INDIRECT_REF) {
    int64_t ordinal = RI32(2);
    if (KILN_UNLIKELY(ordinal < 0 || ordinal >= state->global_ref_count))
      FAULT(ref_global_range_error(ordinal, state->global_ref_count));
    RefObject* o = take_ref(r, U16(4));
    RefObject* old = state->global_refs[ordinal];
    state->global_refs[ordinal] = o;
    if (old) vm::ref_release(old);
    NEXT(6);
  }

  // ---- Conditional assignment ----
  OP(SELECT) { s[U16(2)] = RI32(4) ? s[U16(6)] : s[U16(8)]; NEXT(10); }
  OP(SELECT_REF) {
    uint16_t a = U16(6), b = U16(8);
    RefObject* o = r[(RI32(4) ? a : b) & kRegisterMask];
    if (o) vm::ref_retain(o);
    consume(r, a);
    consume(r, b);
    put_ref(r, U16(2), o);
    NEXT(10);
  }
  OP(SWITCH) {
    int32_t index = RI32(4);
    uint16_t n = U16(8);
    uint16_t src = (index >= 0 && index < n) ? U16(10 + 2 * index) : U16(6);
    s[U16(2)] = s[src];
    NEXT(10 + 2 * n);
  }
  OP(SWITCH_REF) {
    int32_t index = RI32(4);
    uint16_t n = U16(8);
    uint16_t src = (index >= 0 && index < n) ? U16(10 + 2 * index) : U16(6);
    RefObject* o = r[src & kRegisterMask];
    if (o) vm::ref_retain(o);
    consume(r, U16(6));
    for (uint16_t k = 0; k < n; ++k) consume(r, U16(10 + 2 * k));
    put_ref(r, U16(2), o);
    NEXT(10 + 2 * n);
  }

  // ---- Integer arithmetic ----
  BIN_I32(ADD_I32, kiln_add_i32)
  BIN_I32(SUB_I32, kiln_sub_i32)
  BIN_I32(MUL_I32, kiln_mul_i32)
  DIV(DIV_I32_S, int32_t, RI32, WI32, kiln_div_i32_s)
  DIV(DIV_I32_U, int32_t, RI32, WI32, kiln_div_i32_u)
  DIV(REM_I32_S, int32_t, RI32, WI32, kiln_rem_i32_s)
  DIV(REM_I32_U, int32_t, RI32, WI32, kiln_rem_i32_u)
  OP(FMA_I32) { WI32(2, kiln_fma_i32(RI32(4), RI32(6), RI32(8))); NEXT(10); }
  UN_I32(ABS_I32, kiln_abs_i32)
  BIN_I32(MIN_I32_S, kiln_min_i32_s)
  BIN_I32(MIN_I32_U, kiln_min_i32_u)
  BIN_I32(MAX_I32_S, kiln_max_i32_s)
  BIN_I32(MAX_I32_U, kiln_max_i32_u)
  UN_I32(NOT_I32, kiln_not_i32)
  BIN_I32(AND_I32, kiln_and_i32)
  BIN_I32(OR_I32, kiln_or_i32)
  BIN_I32(XOR_I32, kiln_xor_i32)
  UN_I32(CTLZ_I32, kiln_ctlz_i32)
  BIN_I32(SHL_I32, kiln_shl_i32)
  BIN_I32(SHR_I32_S, kiln_shr_i32_s)
  BIN_I32(SHR_I32_U, kiln_shr_i32_u)
  BIN_I64(ADD_I64, kiln_add_i64)
  BIN_I64(SUB_I64, kiln_sub_i64)
  BIN_I64(MUL_I64, kiln_mul_i64)
  DIV(DIV_I64_S, int64_t, RI64, WI64, kiln_div_i64_s)
  DIV(DIV_I64_U, int64_t, RI64, WI64, kiln_div_i64_u)
  DIV(REM_I64_S, int64_t, RI64, WI64, kiln_rem_i64_s)
  DIV(REM_I64_U, int64_t, RI64, WI64, kiln_rem_i64_u)
  OP(FMA_I64) { WI64(2, kiln_fma_i64(RI64(4), RI64(6), RI64(8))); NEXT(10); }
  UN_I64(ABS_I64, kiln_abs_i64)
  BIN_I64(MIN_I64_S, kiln_min_i64_s)
  BIN_I64(MIN_I64_U, kiln_min_i64_u)
  BIN_I64(MAX_I64_S, kiln_max_i64_s)
  BIN_I64(MAX_I64_U, kiln_max_i64_u)
  UN_I64(NOT_I64, kiln_not_i64)
  BIN_I64(AND_I64, kiln_and_i64)
  BIN_I64(OR_I64, kiln_or_i64)
  BIN_I64(XOR_I64, kiln_xor_i64)
  UN_I64(CTLZ_I64, kiln_ctlz_i64)
  OP(SHL_I64) { WI64(2, kiln_shl_i64(RI64(4), RI32(6))); NEXT(8); }
  OP(SHR_I64_S) { WI64(2, kiln_shr_i64_s(RI64(4), RI32(6))); NEXT(8); }
  OP(SHR_I64_U) { WI64(2, kiln_shr_i64_u(RI64(4), RI32(6))); NEXT(8); }
  OP(ADD_I32_IMM) { WI32(2, kiln_add_i32(RI32(4), static_cast<int32_t>(U32(6)))); NEXT(10); }
  OP(ADD_I64_IMM) { WI64(2, kiln_add_i64(RI64(4), static_cast<int64_t>(load_u64(ip + 6)))); NEXT(14); }

  // ---- Floating point ----
  BIN_F32(ADD_F32, kiln_add_f32)
  BIN_F32(SUB_F32, kiln_sub_f32)
  BIN_F32(MUL_F32, kiln_mul_f32)
  BIN_F32(DIV_F32, kiln_div_f32)
  BIN_F32(REM_F32, kiln_rem_f32)
  OP(FMA_F32) { WF32(2, kiln_fma_f32(RF32(4), RF32(6), RF32(8))); NEXT(10); }
  UN_F32(ABS_F32, kiln_abs_f32)
  UN_F32(NEG_F32, kiln_neg_f32)
  UN_F32(CEIL_F32, kiln_ceil_f32)
  UN_F32(FLOOR_F32, kiln_floor_f32)
  UN_F32(ROUND_F32, kiln_round_f32)
  UN_F32(ROUND_F32_EVEN, kiln_round_even_f32)
  BIN_F32(MIN_F32, kiln_min_f32)
  BIN_F32(MAX_F32, kiln_max_f32)
  UN_F32(ATAN_F32, kiln_atan_f32)
  BIN_F32(ATAN2_F32, kiln_atan2_f32)
  UN_F32(COS_F32, kiln_cos_f32)
  UN_F32(SIN_F32, kiln_sin_f32)
  UN_F32(EXP_F32, kiln_exp_f32)
  UN_F32(EXP2_F32, kiln_exp2_f32)
  UN_F32(EXPM1_F32, kiln_expm1_f32)
  UN_F32(LOG_F32, kiln_log_f32)
  UN_F32(LOG10_F32, kiln_log10_f32)
  UN_F32(LOG1P_F32, kiln_log1p_f32)
  UN_F32(LOG2_F32, kiln_log2_f32)
  BIN_F32(POW_F32, kiln_pow_f32)
  UN_F32(RSQRT_F32, kiln_rsqrt_f32)
  UN_F32(SQRT_F32, kiln_sqrt_f32)
  UN_F32(TANH_F32, kiln_tanh_f32)
  UN_F32(ERF_F32, kiln_erf_f32)
  BIN_F64(ADD_F64, kiln_add_f64)
  BIN_F64(SUB_F64, kiln_sub_f64)
  BIN_F64(MUL_F64, kiln_mul_f64)
  BIN_F64(DIV_F64, kiln_div_f64)
  BIN_F64(REM_F64, kiln_rem_f64)
  OP(FMA_F64) { WF64(2, kiln_fma_f64(RF64(4), RF64(6), RF64(8))); NEXT(10); }
  UN_F64(ABS_F64, kiln_abs_f64)
  UN_F64(NEG_F64, kiln_neg_f64)
  UN_F64(CEIL_F64, kiln_ceil_f64)
  UN_F64(FLOOR_F64, kiln_floor_f64)
  UN_F64(ROUND_F64, kiln_round_f64)
  UN_F64(ROUND_F64_EVEN, kiln_round_even_f64)
  BIN_F64(MIN_F64, kiln_min_f64)
  BIN_F64(MAX_F64, kiln_max_f64)
  UN_F64(ATAN_F64, kiln_atan_f64)
  BIN_F64(ATAN2_F64, kiln_atan2_f64)
  UN_F64(COS_F64, kiln_cos_f64)
  UN_F64(SIN_F64, kiln_sin_f64)
  UN_F64(EXP_F64, kiln_exp_f64)
  UN_F64(EXP2_F64, kiln_exp2_f64)
  UN_F64(EXPM1_F64, kiln_expm1_f64)
  UN_F64(LOG_F64, kiln_log_f64)
  UN_F64(LOG10_F64, kiln_log10_f64)
  UN_F64(LOG1P_F64, kiln_log1p_f64)
  UN_F64(LOG2_F64, kiln_log2_f64)
  BIN_F64(POW_F64, kiln_pow_f64)
  UN_F64(RSQRT_F64, kiln_rsqrt_f64)
  UN_F64(SQRT_F64, kiln_sqrt_f64)
  UN_F64(TANH_F64, kiln_tanh_f64)
  UN_F64(ERF_F64, kiln_erf_f64)

  // ---- Casts and conversions ----
  CONV(TRUNC_I32_I8, WI32, RI32, kiln_trunc_i32_i8)
  CONV(TRUNC_I32_I16, WI32, RI32, kiln_trunc_i32_i16)
  CONV(TRUNC_I64_I8, WI32, RI64, kiln_trunc_i64_i8)
  CONV(TRUNC_I64_I16, WI32, RI64, kiln_trunc_i64_i16)
  CONV(TRUNC_I64_I32, WI32, RI64, kiln_trunc_i64_i32)
  CONV(TRUNC_F64_F32, WF32, RF64, kiln_trunc_f64_f32)
  CONV(EXT_I8_I32_S, WI32, RI32, kiln_ext_i8_i32_s)
  CONV(EXT_I8_I32_U, WI32, RI32, kiln_ext_i8_i32_u)
  CONV(EXT_I16_I32_S, WI32, RI32, kiln_ext_i16_i32_s)
  CONV(EXT_I16_I32_U, WI32, RI32, kiln_ext_i16_i32_u)
  CONV(EXT_I8_I64_S, WI64, RI32, kiln_ext_i8_i64_s)
  CONV(EXT_I8_I64_U, WI64, RI32, kiln_ext_i8_i64_u)
  CONV(EXT_I16_I64_S, WI64, RI32, kiln_ext_i16_i64_s)
  CONV(EXT_I16_I64_U, WI64, RI32, kiln_ext_i16_i64_u)
  CONV(EXT_I32_I64_S, WI64, RI32, kiln_ext_i32_i64_s)
  CONV(EXT_I32_I64_U, WI64, RI32, kiln_ext_i32_i64_u)
  CONV(EXT_F32_F64, WF64, RF32, kiln_ext_f32_f64)
  CONV(CAST_SI32_F32, WF32, RI32, kiln_cast_si32_f32)
  CONV(CAST_UI32_F32, WF32, RI32, kiln_cast_ui32_f32)
  CONV(CAST_SI64_F32, WF32, RI64, kiln_cast_si64_f32)
  CONV(CAST_UI64_F32, WF32, RI64, kiln_cast_ui64_f32)
  CONV(CAST_SI64_F64, WF64, RI64, kiln_cast_si64_f64)
  CONV(CAST_UI64_F64, WF64, RI64, kiln_cast_ui64_f64)
  CONV(CAST_F32_SI32, WI32, RF32, kiln_cast_f32_si32)
  CONV(CAST_F32_UI32, WI32, RF32, kiln_cast_f32_ui32)
  CONV(CAST_F32_SI64, WI64, RF32, kiln_cast_f32_si64)
  CONV(CAST_F32_UI64, WI64, RF32, kiln_cast_f32_ui64)
  CONV(CAST_F64_SI64, WI64, RF64, kiln_cast_f64_si64)
  CONV(CAST_F64_UI64, WI64, RF64, kiln_cast_f64_ui64)
  CONV(BITCAST_I32_F32, WF32, RI32, kiln_bitcast_i32_f32)
  CONV(BITCAST_F32_I32, WI32, RF32, kiln_bitcast_f32_i32)
  CONV(BITCAST_I64_F64, WF64, RI64, kiln_bitcast_i64_f64)
  CONV(BITCAST_F64_I64, WI64, RF64, kiln_bitcast_f64_i64)

  // ---- Comparisons ----
#define EQ_(a, b) ((a) == (b))
#define NE_(a, b) ((a) != (b))
#define LT_(a, b) ((a) < (b))
#define LTE_(a, b) ((a) <= (b))
#define LTU32_(a, b) (static_cast<uint32_t>(a) < static_cast<uint32_t>(b))
#define LTEU32_(a, b) (static_cast<uint32_t>(a) <= static_cast<uint32_t>(b))
#define LTU64_(a, b) (static_cast<uint64_t>(a) < static_cast<uint64_t>(b))
#define LTEU64_(a, b) (static_cast<uint64_t>(a) <= static_cast<uint64_t>(b))
#define NZ_(a) ((a) != 0)
  CMP(CMP_EQ_I32, RI32, EQ_)
  CMP(CMP_NE_I32, RI32, NE_)
  CMP(CMP_LT_I32_S, RI32, LT_)
  CMP(CMP_LT_I32_U, RI32, LTU32_)
  CMP(CMP_LTE_I32_S, RI32, LTE_)
  CMP(CMP_LTE_I32_U, RI32, LTEU32_)
  CMP1(CMP_NZ_I32, RI32, NZ_)
  CMP(CMP_EQ_I64, RI64, EQ_)
  CMP(CMP_NE_I64, RI64, NE_)
  CMP(CMP_LT_I64_S, RI64, LT_)
  CMP(CMP_LT_I64_U, RI64, LTU64_)
  CMP(CMP_LTE_I64_S, RI64, LTE_)
  CMP(CMP_LTE_I64_U, RI64, LTEU64_)
  CMP1(CMP_NZ_I64, RI64, NZ_)
  CMP(CMP_EQ_F32_O, RF32, kiln_cmp_eq_f32_o)
  CMP(CMP_EQ_F32_U, RF32, kiln_cmp_eq_f32_u)
  CMP(CMP_NE_F32_O, RF32, kiln_cmp_ne_f32_o)
  CMP(CMP_NE_F32_U, RF32, kiln_cmp_ne_f32_u)
  CMP(CMP_LT_F32_O, RF32, kiln_cmp_lt_f32_o)
  CMP(CMP_LT_F32_U, RF32, kiln_cmp_lt_f32_u)
  CMP(CMP_LTE_F32_O, RF32, kiln_cmp_lte_f32_o)
  CMP(CMP_LTE_F32_U, RF32, kiln_cmp_lte_f32_u)
  CMP(CMP_EQ_F32_NEAR, RF32, kiln_cmp_eq_f32_near)
  CMP1(CMP_NAN_F32, RF32, kiln_cmp_nan_f32)
  CMP1(CMP_NZ_F32_O, RF32, kiln_cmp_nz_f32_o)
  CMP1(CMP_NZ_F32_U, RF32, kiln_cmp_nz_f32_u)
  CMP(CMP_EQ_F64_O, RF64, kiln_cmp_eq_f64_o)
  CMP(CMP_EQ_F64_U, RF64, kiln_cmp_eq_f64_u)
  CMP(CMP_NE_F64_O, RF64, kiln_cmp_ne_f64_o)
  CMP(CMP_NE_F64_U, RF64, kiln_cmp_ne_f64_u)
  CMP(CMP_LT_F64_O, RF64, kiln_cmp_lt_f64_o)
  CMP(CMP_LT_F64_U, RF64, kiln_cmp_lt_f64_u)
  CMP(CMP_LTE_F64_O, RF64, kiln_cmp_lte_f64_o)
  CMP(CMP_LTE_F64_U, RF64, kiln_cmp_lte_f64_u)
  CMP(CMP_EQ_F64_NEAR, RF64, kiln_cmp_eq_f64_near)
  CMP1(CMP_NAN_F64, RF64, kiln_cmp_nan_f64)
  CMP1(CMP_NZ_F64_O, RF64, kiln_cmp_nz_f64_o)
  CMP1(CMP_NZ_F64_U, RF64, kiln_cmp_nz_f64_u)
  OP(CMP_EQ_REF) {
    WI32(2, REF(4) == REF(6) ? 1 : 0);
    consume(r, U16(4));
    consume(r, U16(6));
    NEXT(8);
  }
  OP(CMP_NE_REF) {
    WI32(2, REF(4) != REF(6) ? 1 : 0);
    consume(r, U16(4));
    consume(r, U16(6));
    NEXT(8);
  }
  OP(CMP_NZ_REF) {
    WI32(2, REF(4) != nullptr ? 1 : 0);
    consume(r, U16(4));
    NEXT(6);
  }

  // ---- Refs, buffers and lists ----
  OP(CAST_ANY_REF) {
    RefObject* o = REF(4);
    const TypeInfo& t = types[U32(6)];
    if (KILN_UNLIKELY(!type_matches(t, o))) FAULT(type_mismatch_error(o, t, "vm.cast.any.ref"));
    o = take_ref(r, U16(4));
    put_ref(r, U16(2), o);
    NEXT(10);
  }
  OP(CAST_REF_ANY) {
    RefObject* o = take_ref(r, U16(4));
    put_ref(r, U16(2), o);
    NEXT(6);
  }
  OP(BUFFER_ALLOC) {
    int64_t length = RI64(4);
    int32_t alignment = RI32(6);
    if (KILN_UNLIKELY(length < 0)) FAULT(negative_error("vm.buffer.alloc length", length));
    if (KILN_UNLIKELY(kiln_buffer_alignment(alignment, &alignment) != KILN_OP_OK))
      FAULT(vm::invalid_argument_error("vm.buffer.alloc alignment must be a power of two"));
    {
      // Scoped so the indirect jump in NEXT leaves no live destructor behind.
      auto b = vm::Buffer::allocate(static_cast<size_t>(length), static_cast<size_t>(alignment));
      if (KILN_UNLIKELY(!b.ok())) FAULT(std::move(b).status());
      put_ref(r, U16(2), std::move(*b).as_ref().detach());
    }
    NEXT(8);
  }
  OP(BUFFER_CLONE) {
    RefObject* o = REF(4);
    vm::Buffer* src = as_buffer(o);
    if (KILN_UNLIKELY(!src)) FAULT(not_a_error(o, vm::Buffer::kType));
    int64_t offset = RI64(6), length = RI64(8);
    int32_t alignment = RI32(10);
    uint64_t byte_offset;
    if (KILN_UNLIKELY(kiln_buffer_range(src->length(), offset, length, 1, &byte_offset) != KILN_OP_OK))
      FAULT(buffer_range_error(src, offset, length, 1));
    if (KILN_UNLIKELY(kiln_buffer_alignment(alignment, &alignment) != KILN_OP_OK))
      FAULT(vm::invalid_argument_error("vm.buffer.clone alignment must be a power of two"));
    {
      auto b = vm::Buffer::clone(*src, byte_offset, static_cast<size_t>(length),
                                 static_cast<size_t>(alignment));
      if (KILN_UNLIKELY(!b.ok())) FAULT(std::move(b).status());
      consume(r, U16(4));
      put_ref(r, U16(2), std::move(*b).as_ref().detach());
    }
    NEXT(12);
  }
  OP(BUFFER_LENGTH) {
    RefObject* o = REF(4);
    vm::Buffer* b = as_buffer(o);
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(o, vm::Buffer::kType));
    WI64(2, static_cast<int64_t>(b->length()));
    consume(r, U16(4));
    NEXT(6);
  }
  OP(BUFFER_COPY) {
    vm::Buffer* src = as_buffer(REF(2));
    vm::Buffer* dst = as_buffer(REF(6));
    if (KILN_UNLIKELY(!src)) FAULT(not_a_error(REF(2), vm::Buffer::kType));
    if (KILN_UNLIKELY(!dst)) FAULT(not_a_error(REF(6), vm::Buffer::kType));
    int64_t so = RI64(4), dof = RI64(8), len = RI64(10);
    uint64_t sb, db;
    if (KILN_UNLIKELY(kiln_buffer_range(src->length(), so, len, 1, &sb) != KILN_OP_OK))
      FAULT(buffer_range_error(src, so, len, 1));
    if (KILN_UNLIKELY(kiln_buffer_range(dst->length(), dof, len, 1, &db) != KILN_OP_OK))
      FAULT(buffer_range_error(dst, dof, len, 1));
    if (KILN_UNLIKELY(!dst->is_mutable())) FAULT(read_only_error());
    std::memmove(dst->mutable_data() + db, src->data() + sb, static_cast<size_t>(len));
    consume(r, U16(2));
    consume(r, U16(6));
    NEXT(12);
  }
  OP(BUFFER_COMPARE) {
    vm::Buffer* a = as_buffer(REF(4));
    vm::Buffer* b = as_buffer(REF(8));
    if (KILN_UNLIKELY(!a)) FAULT(not_a_error(REF(4), vm::Buffer::kType));
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(8), vm::Buffer::kType));
    int64_t ao = RI64(6), bo = RI64(10), len = RI64(12);
    uint64_t ab, bb;
    if (KILN_UNLIKELY(kiln_buffer_range(a->length(), ao, len, 1, &ab) != KILN_OP_OK))
      FAULT(buffer_range_error(a, ao, len, 1));
    if (KILN_UNLIKELY(kiln_buffer_range(b->length(), bo, len, 1, &bb) != KILN_OP_OK))
      FAULT(buffer_range_error(b, bo, len, 1));
    WI32(2, std::memcmp(a->data() + ab, b->data() + bb, static_cast<size_t>(len)) == 0 ? 1 : 0);
    consume(r, U16(4));
    consume(r, U16(8));
    NEXT(14);
  }
  OP(BUFFER_HASH) {
    vm::Buffer* b = as_buffer(REF(4));
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(4), vm::Buffer::kType));
    int64_t off = RI64(6), len = RI64(8);
    uint64_t bo;
    if (KILN_UNLIKELY(kiln_buffer_range(b->length(), off, len, 1, &bo) != KILN_OP_OK))
      FAULT(buffer_range_error(b, off, len, 1));
    WI64(2, kiln_buffer_hash_bytes(b->data() + bo, static_cast<uint64_t>(len)));
    consume(r, U16(4));
    NEXT(10);
  }
#define BUFFER_FILL(name, T, R)                                                     \
  OP(name) {                                                                        \
    vm::Buffer* b = as_buffer(REF(2));                                              \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(2), vm::Buffer::kType));                 \
    int64_t off = RI64(4), len = RI64(6);                                           \
    uint64_t bo;                                                                    \
    if (KILN_UNLIKELY(kiln_buffer_range(b->length(), off, len, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                  \
      FAULT(buffer_range_error(b, off, len, sizeof(T)));                            \
    if (KILN_UNLIKELY(!b->is_mutable())) FAULT(read_only_error());                  \
    T value = static_cast<T>(R(8));                                                 \
    kiln_buffer_fill(b->mutable_data() + bo, len, &value, sizeof(T));               \
    consume(r, U16(2));                                                             \
    NEXT(10);                                                                       \
  }
  BUFFER_FILL(BUFFER_FILL_I8, uint8_t, RI32)
  BUFFER_FILL(BUFFER_FILL_I16, uint16_t, RI32)
  BUFFER_FILL(BUFFER_FILL_I32, int32_t, RI32)
  BUFFER_FILL(BUFFER_FILL_I64, int64_t, RI64)
  BUFFER_FILL(BUFFER_FILL_F32, float, RF32)
  BUFFER_FILL(BUFFER_FILL_F64, double, RF64)
#define BUFFER_LOAD(name, T, W, conv)                                              \
  OP(name) {                                                                       \
    vm::Buffer* b = as_buffer(REF(4));                                             \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(4), vm::Buffer::kType));                \
    int64_t index = RI64(6);                                                       \
    uint64_t bo;                                                                   \
    if (KILN_UNLIKELY(kiln_buffer_element(b->length(), index, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                 \
      FAULT(buffer_range_error(b, index, 1, sizeof(T)));                           \
    T v;                                                                           \
    std::memcpy(&v, b->data() + bo, sizeof(T));                                    \
    W(2, conv(v));                                                                 \
    consume(r, U16(4));                                                            \
    NEXT(8);                                                                       \
  }
#define AS_IS(v) (v)
#define I32_OF(v) static_cast<int32_t>(v)
  BUFFER_LOAD(BUFFER_LOAD_I8_U, uint8_t, WI32, I32_OF)
  BUFFER_LOAD(BUFFER_LOAD_I8_S, int8_t, WI32, I32_OF)
  BUFFER_LOAD(BUFFER_LOAD_I16_U, uint16_t, WI32, I32_OF)
  BUFFER_LOAD(BUFFER_LOAD_I16_S, int16_t, WI32, I32_OF)
  BUFFER_LOAD(BUFFER_LOAD_I32, int32_t, WI32, AS_IS)
  BUFFER_LOAD(BUFFER_LOAD_I64, int64_t, WI64, AS_IS)
  BUFFER_LOAD(BUFFER_LOAD_F32, float, WF32, AS_IS)
  BUFFER_LOAD(BUFFER_LOAD_F64, double, WF64, AS_IS)
  // dst = acc + buffer[index]: BUFFER_LOAD_I32 fused with the ADD_I32 that
  // consumes it. The accumulator is read before dst is written.
  OP(BUFFER_LOAD_ADD_I32) {
    vm::Buffer* b = as_buffer(REF(6));
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(6), vm::Buffer::kType));
    int64_t index = RI64(8);
    uint64_t bo;
    if (KILN_UNLIKELY(kiln_buffer_element(b->length(), index, sizeof(int32_t), &bo) !=
                      KILN_OP_OK))
      FAULT(buffer_range_error(b, index, 1, sizeof(int32_t)));
    int32_t v;
    std::memcpy(&v, b->data() + bo, sizeof(v));
    WI32(2, kiln_add_i32(RI32(4), v));
    consume(r, U16(6));
    NEXT(10);
  }
#define BUFFER_STORE(name, T, R)                                                   \
  OP(name) {                                                                       \
    vm::Buffer* b = as_buffer(REF(2));                                             \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(2), vm::Buffer::kType));                \
    int64_t index = RI64(4);                                                       \
    uint64_t bo;                                                                   \
    if (KILN_UNLIKELY(kiln_buffer_element(b->length(), index, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                 \
      FAULT(buffer_range_error(b, index, 1, sizeof(T)));                           \
    if (KILN_UNLIKELY(!b->is_mutable())) FAULT(read_only_error());                 \
    T v = static_cast<T>(R(6));                                                    \
    std::memcpy(b->mutable_data() + bo, &v, sizeof(T));                            \
    consume(r, U16(2));                                                            \
    NEXT(8);                                                                       \
  }
  BUFFER_STORE(BUFFER_STORE_I8, uint8_t, RI32)
  BUFFER_STORE(BUFFER_STORE_I16, uint16_t, RI32)
  BUFFER_STORE(BUFFER_STORE_I32, int32_t, RI32)
  BUFFER_STORE(BUFFER_STORE_I64, int64_t, RI64)
  BUFFER_STORE(BUFFER_STORE_F32, float, RF32)
  BUFFER_STORE(BUFFER_STORE_F64, double, RF64)
  OP(LIST_ALLOC) {
    const TypeInfo& t = types[U32(4)];
    int32_t capacity = RI32(8);
    if (KILN_UNLIKELY(t.kind != TypeKind::kList))
      FAULT(vm::make_status(StatusCode::kNotFound, "vm.list.alloc: type '%.*s' is not a known list type",
                            static_cast<int>(t.name.size()), t.name.data()));
    if (KILN_UNLIKELY(capacity < 0)) FAULT(negative_error("vm.list.alloc capacity", capacity));
    {
      auto l = vm::List::create(t.element, static_cast<size_t>(capacity));
      if (KILN_UNLIKELY(!l.ok())) FAULT(std::move(l).status());
      put_ref(r, U16(2), std::move(*l).as_ref().detach());
    }
    NEXT(10);
  }
  OP(LIST_RESERVE) {
    vm::List* l = as_list(REF(2));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(2), vm::List::kType));
    int32_t n = RI32(4);
    if (KILN_UNLIKELY(n < 0)) FAULT(negative_error("vm.list.reserve", n));
    status = l->reserve(static_cast<size_t>(n));
    if (KILN_UNLIKELY(!status.ok())) goto fault;
    consume(r, U16(2));
    NEXT(6);
  }
  OP(LIST_SIZE) {
    vm::List* l = as_list(REF(4));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(4), vm::List::kType));
    WI32(2, static_cast<int32_t>(l->size()));
    consume(r, U16(4));
    NEXT(6);
  }
  OP(LIST_RESIZE) {
    vm::List* l = as_list(REF(2));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(2), vm::List::kType));
    int32_t n = RI32(4);
    if (KILN_UNLIKELY(n < 0)) FAULT(negative_error("vm.list.resize", n));
    status = l->resize(static_cast<size_t>(n));
    if (KILN_UNLIKELY(!status.ok())) goto fault;
    consume(r, U16(2));
    NEXT(6);
  }
#define LIST_GET(name, T, W, getter)                                       \
  OP(name) {                                                               \
    vm::List* l = as_list(REF(4));                                         \
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(4), vm::List::kType));          \
    int32_t index = RI32(6);                                               \
    T v{};                                                                 \
    if (KILN_UNLIKELY(index < 0)) FAULT(negative_error("list index", index)); \
    status = l->getter(static_cast<size_t>(index), &v);                    \
    if (KILN_UNLIKELY(!status.ok())) goto fault;                           \
    W(2, v);                                                               \
    consume(r, U16(4));                                                    \
    NEXT(8);                                                               \
  }
  LIST_GET(LIST_GET_I32, int32_t, WI32, get_i32)
  LIST_GET(LIST_GET_I64, int64_t, WI64, get_i64)
  LIST_GET(LIST_GET_F32, float, WF32, get_f32)
  LIST_GET(LIST_GET_F64, double, WF64, get_f64)
  OP(LIST_GET_REF) {
    vm::List* l = as_list(REF(4));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(4), vm::List::kType));
    int32_t index = RI32(6);
    if (KILN_UNLIKELY(index < 0)) FAULT(negative_error("list index", index));
    {
      vm::Ref v;
      status = l->get_ref(static_cast<size_t>(index), &v);
      if (KILN_UNLIKELY(!status.ok())) goto fault;
      const TypeInfo& t = types[U32(8)];
      if (KILN_UNLIKELY(!type_matches(t, v.get()))) FAULT(type_mismatch_error(v.get(), t, "vm.list.get.ref"));
      consume(r, U16(4));
      put_ref(r, U16(2), v.detach());
    }
    NEXT(12);
  }
#define LIST_SET(name, R, setter)                                          \
  OP(name) {                                                               \
    vm::List* l = as_list(REF(2));                                         \
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(2), vm::List::kType));          \
    int32_t index = RI32(4);                                               \
    if (KILN_UNLIKELY(index < 0)) FAULT(negative_error("list index", index)); \
    status = l->setter(static_cast<size_t>(index), R(6));                  \
    if (KILN_UNLIKELY(!status.ok())) goto fault;                           \
    consume(r, U16(2));                                                    \
    NEXT(8);                                                               \
  }
  LIST_SET(LIST_SET_I32, RI32, set_i32)
  LIST_SET(LIST_SET_I64, RI64, set_i64)
  LIST_SET(LIST_SET_F32, RF32, set_f32)
  LIST_SET(LIST_SET_F64, RF64, set_f64)
  OP(LIST_SET_REF) {
    vm::List* l = as_list(REF(2));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(2), vm::List::kType));
    int32_t index = RI32(4);
    if (KILN_UNLIKELY(index < 0)) FAULT(negative_error("list index", index));
    {
      // Borrow first (type/index errors leave the register untouched).
      vm::Ref value = vm::Ref::retain(REF(6));
      status = l->set_ref(static_cast<size_t>(index), std::move(value));
    }
    if (KILN_UNLIKELY(!status.ok())) goto fault;
    consume(r, U16(6));
    consume(r, U16(2));
    NEXT(8);
  }

  // ---- Control flow ----
  OP(BR) { ip = code + U32(2); DISPATCH(); }
  OP(BR_IF_NZ) {
    if (RI32(2) != 0) {
      ip = code + U32(4);
      DISPATCH();
    }
    NEXT(8);
  }
  OP(BR_IF_Z) {
    if (RI32(2) == 0) {
      ip = code + U32(4);
      DISPATCH();
    }
    NEXT(8);
  }
  OP(BR_TABLE) {
    int32_t index = RI32(2);
    uint16_t n = U16(8);
    uint32_t target = (index >= 0 && index < n) ? U32(10 + 4 * index) : U32(4);
    ip = code + target;
    DISPATCH();
  }
  BR_CMP(BR_IF_EQ_I32, RI32, ==)
  BR_CMP(BR_IF_NE_I32, RI32, !=)
  BR_CMP(BR_IF_LT_I32_S, RI32, <)
  BR_CMP_U32(BR_IF_LT_I32_U, <)
  BR_CMP(BR_IF_LTE_I32_S, RI32, <=)
  BR_CMP_U32(BR_IF_LTE_I32_U, <=)
  BR_CMP(BR_IF_EQ_I64, RI64, ==)
  BR_CMP(BR_IF_NE_I64, RI64, !=)
  BR_CMP(BR_IF_LT_I64_S, RI64, <)
  BR_CMP_U64(BR_IF_LT_I64_U, <)
  BR_CMP(BR_IF_LTE_I64_S, RI64, <=)
  BR_CMP_U64(BR_IF_LTE_I64_U, <=)

  // reg <op> imm, compared as T (int32_t signed, uint32_t unsigned).
#define BR_CMP_IMM(name, T, expr_op)                                        \
  OP(name) {                                                                \
    if (static_cast<T>(RI32(2)) expr_op static_cast<T>(U32(4))) {           \
      ip = code + U32(8);                                                   \
      DISPATCH();                                                           \
    }                                                                       \
    NEXT(12);                                                               \
  }
  BR_CMP_IMM(BR_IF_EQ_I32_IMM, int32_t, ==)
  BR_CMP_IMM(BR_IF_NE_I32_IMM, int32_t, !=)
  BR_CMP_IMM(BR_IF_LT_I32_S_IMM, int32_t, <)
  BR_CMP_IMM(BR_IF_LTE_I32_S_IMM, int32_t, <=)
  BR_CMP_IMM(BR_IF_GT_I32_S_IMM, int32_t, >)
  BR_CMP_IMM(BR_IF_GTE_I32_S_IMM, int32_t, >=)
  BR_CMP_IMM(BR_IF_LT_I32_U_IMM, uint32_t, <)
  BR_CMP_IMM(BR_IF_LTE_I32_U_IMM, uint32_t, <=)
  BR_CMP_IMM(BR_IF_GT_I32_U_IMM, uint32_t, >)
  BR_CMP_IMM(BR_IF_GTE_I32_U_IMM, uint32_t, >=)
#undef BR_CMP_IMM

  // dst = src + imm; branch when dst < bound (T: the comparison type). The
  // bound is read after the write, as the unfused pair would (it may be dst
  // itself). The sum is compared from the machine register: reading dst
  // back right after storing it put a store-to-load forwarding stall on
  // every iteration (profiled: half the time of a counted loop).
#define ADD_BR_IF_LT(name, R, W, add, imm, T, bound_at, target_at, length) \
  OP(name) {                                                               \
    const auto sum = add(R(4), imm);                                       \
    W(2, sum);                                                             \
    if (static_cast<T>(sum) < static_cast<T>(R(bound_at))) {              \
      ip = loop_head(ip, code, target_at, &latch_cache);                  \
      DISPATCH();                                                          \
    }                                                                      \
    NEXT(length);                                                          \
  }
  ADD_BR_IF_LT(ADD_BR_IF_LT_I32_S, RI32, WI32, kiln_add_i32, static_cast<int32_t>(U32(6)),
               int32_t, 10, 12, 16)
  ADD_BR_IF_LT(ADD_BR_IF_LT_I32_U, RI32, WI32, kiln_add_i32, static_cast<int32_t>(U32(6)),
               uint32_t, 10, 12, 16)
  ADD_BR_IF_LT(ADD_BR_IF_LT_I64_S, RI64, WI64, kiln_add_i64,
               static_cast<int64_t>(load_u64(ip + 6)), int64_t, 14, 16, 20)
  ADD_BR_IF_LT(ADD_BR_IF_LT_I64_U, RI64, WI64, kiln_add_i64,
               static_cast<int64_t>(load_u64(ip + 6)), uint64_t, 14, 16, 20)
#undef ADD_BR_IF_LT

  OP(CALL) {
    const int32_t callee = static_cast<int32_t>(U32(2));
    const FunctionInfo& cf = functions[callee];
    const uint16_t n = U16(6);
    frame->pc = static_cast<int32_t>(ip - code);
    // Where RETURN finds the results operand: saves it re-decoding this
    // instruction (a chain of dependent loads ahead of the next dispatch).
    frame->user[1] = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(ip + 8 + 2 * n));
    // The callee's frame goes right above this one, its storage right after
    // this frame's (s is the start of this frame's storage), both known
    // here: the push reads nothing back from the Stack (see Stack::set_top).
    Frame* nf = frame + 1;
    uint8_t* storage = reinterpret_cast<uint8_t*>(s) + align_storage(fi->frame_bytes);
    // The bounds are read from the Stack here (fixed for its lifetime, not
    // written by the loop) rather than kept in locals set up on every entry.
    if (KILN_UNLIKELY(nf >= stack.frame_limit() ||
                      cf.frame_bytes > static_cast<size_t>(stack.arena_end() - storage))) {
      // Over the depth limit or the storage budget: push_frame builds the
      // error (and its trace) from the Stack's own bookkeeping.
      SYNC_STACK();
      status = push_function_frame(module, stack, state, callee, cf, &nf);
      if (KILN_UNLIKELY(!status.ok())) goto unwind;  // trace already captured
      status = Status();
      stack.pop_frame();  // not reached when the checks agree; stay exact
      nf = frame + 1;
    }
    nf->storage = storage;
    nf->user[0] = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&cf));
    zero_registers(storage, cf);
    if constexpr (kTrace) {
      // Tracing reads the frame's function on every instruction.
      nf->pc = 0;
      complete_frames(module, stack, state, nf, nf);
    }
    uint64_t* ns = frame_scalars(nf);
    RefObject** nr = frame_refs(nf, &cf);
    if (!cf.args.has_refs) {
      // All scalars: argument k is the callee's scalar register k.
      for (uint16_t k = 0; k < n; ++k) ns[k] = s[U16(8 + 2 * k)];
    } else {
      const char* codes = cf.args.codes.data();
      uint16_t si = 0, ri = 0;
      for (uint16_t k = 0; k < n; ++k) {
        uint16_t reg = U16(8 + 2 * k);
        if (codes[k] == 'r') {
          nr[ri++] = take_ref(r, reg);
        } else {
          ns[si++] = s[reg];
        }
      }
    }
    frame = nf;
    fi = &cf;
    code = cf.code;
    ip = code;
    s = ns;
    r = nr;
    DISPATCH();
  }
  OP(CALL_IMPORT) {
    frame->pc = static_cast<int32_t>(ip - code);
    SYNC_STACK();
    uint32_t length;
    status = call_import<false>(module, stack, frame, state, ip, &length);
    if (KILN_UNLIKELY(!status.ok())) goto call_not_ok;
    NEXT(length);
  }
  OP(CALL_IMPORT_VARIADIC) {
    frame->pc = static_cast<int32_t>(ip - code);
    SYNC_STACK();
    uint32_t length;
    status = call_import<true>(module, stack, frame, state, ip, &length);
    if (KILN_UNLIKELY(!status.ok())) goto call_not_ok;
    NEXT(length);
  }
  OP(RETURN) {
    const uint16_t n = U16(2);
    const char* codes = fi->results.codes.data();
    if (frame == entry) {  // the frame begin_call pushed (kFrameEntry)
      uint8_t* out = results.data;
      const uint32_t* offsets = fi->results.offsets.data();
      for (uint16_t k = 0; k < n; ++k) {
        uint16_t reg = U16(4 + 2 * k);
        char c = codes[k];
        if (c == 'r') {
          RefObject* o = take_ref(r, reg);
          std::memcpy(out + offsets[k], &o, sizeof(o));
        } else if (c == 'i' || c == 'f') {
          std::memcpy(out + offsets[k], &s[reg], 4);
        } else {
          std::memcpy(out + offsets[k], &s[reg], 8);
        }
      }
      SYNC_STACK();
      pop_function_frame(stack, frame);
      return Status();
    }
    Frame* caller = frame - 1;
    const FunctionInfo* cfi = frame_info(caller);
    // The results operand of its CALL instruction (saved by CALL).
    const uint8_t* res =
        reinterpret_cast<const uint8_t*>(static_cast<uintptr_t>(caller->user[1]));
    uint64_t* cs = frame_scalars(caller);
    RefObject** cr = frame_refs(caller, cfi);
    if (!fi->results.has_refs) {
      for (uint16_t k = 0; k < n; ++k) cs[load_u16(res + 2 + 2 * k)] = s[U16(4 + 2 * k)];
    } else {
      for (uint16_t k = 0; k < n; ++k) {
        uint16_t src = U16(4 + 2 * k);
        uint16_t dst = load_u16(res + 2 + 2 * k);
        if (codes[k] == 'r') {
          put_ref(cr, dst, take_ref(r, src));
        } else {
          cs[dst] = s[src];
        }
      }
    }
    // The callee's ref registers still hold whatever it did not return.
    if (fi->ref_count) release_frame_refs(frame);
    // Pop. The Stack learns of it at the next SYNC_STACK(); a frame pushed
    // into this slot again starts incomplete.
    if (frame < complete_end) complete_end = frame;
    frame = caller;
    fi = cfi;
    code = cfi->code;
    s = cs;
    r = cr;
    // The CALL's results list has n entries (the verifier matched both
    // against the callee's signature): the next instruction follows it,
    // without reading the count back from the CALL.
    ip = res + 2 + 2 * n;
    DISPATCH();
  }
  OP(FAIL) {
    FAULT(fail_error(RI32(2), module->strings()[U32(4)]));
  }
  OP(COND_FAIL) {
    if (RI32(2) != 0) FAULT(fail_error(RI32(4), module->strings()[U32(6)]));
    NEXT(10);
  }
  OP(IMPORT_RESOLVED) {
    WI32(2, state->imports[U32(4)].function.is_null() ? 0 : 1);
    NEXT(8);
  }
  OP(YIELD) {
    frame->pc = static_cast<int32_t>(U32(2));
    SYNC_STACK();
    frame->flags |= kFrameYielded;
    return vm::deferred_status();
  }

  // ---- Debugging ----
  OP(TRACE) {
    uint16_t n = U16(6);
    for (uint16_t k = 0; k < n; ++k) {
      if (ip[8 + 3 * k] == 'r') consume(r, U16(9 + 3 * k));
    }
    NEXT(8 + 3 * n);
  }
  OP(PRINT) {
    uint16_t n = U16(6);
    {
    std::string line(module->strings()[U32(2)]);
    for (uint16_t k = 0; k < n; ++k) {
      char c = static_cast<char>(ip[8 + 3 * k]);
      uint16_t reg = U16(9 + 3 * k);
      char buf[64];
      switch (c) {
        case 'i': std::snprintf(buf, sizeof(buf), " %d", get_i32(s, reg)); break;
        case 'I': std::snprintf(buf, sizeof(buf), " %" PRId64, get_i64(s, reg)); break;
        case 'f': std::snprintf(buf, sizeof(buf), " %g", static_cast<double>(get_f32(s, reg))); break;
        case 'F': std::snprintf(buf, sizeof(buf), " %g", get_f64(s, reg)); break;
        default: {
          RefObject* o = r[reg & kRegisterMask];
          std::snprintf(buf, sizeof(buf), " %s", o ? (o->type ? o->type->name : "?") : "null");
          break;
        }
      }
      line += buf;
    }
    line += "\n";
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
    }
    for (uint16_t k = 0; k < n; ++k) {
      if (ip[8 + 3 * k] == 'r') consume(r, U16(9 + 3 * k));
    }
    NEXT(8 + 3 * n);
  }
  OP(BREAK) { ip = code + U32(2); DISPATCH(); }
  OP(COND_BREAK) { ip = code + U32(4); DISPATCH(); }

#if !KILN_COMPUTED_GOTO
  }
  // The verifier rejects unknown opcodes; never reached.
  status = vm::internal_error("invalid opcode");
  goto fault;
#endif

call_not_ok:
  if (status.is_deferred()) {
    frame->flags |= kFrameImportPending;
    return status;
  }
  // The callee popped its frames and (usually) attached the trace.
  goto fault;

fault:
  frame->pc = static_cast<int32_t>(ip - code);
  SYNC_STACK();
  stack.capture_trace(&status);
unwind:
  stack.unwind_to(depth_of(stack, entry));
  return status;

#undef U16
#undef U32
#undef RI32
#undef RI64
#undef RF32
#undef RF64
#undef WI32
#undef WI64
#undef WF32
#undef WF64
#undef REF
#undef FAULT
#undef SYNC_STACK
#undef DISPATCH
#undef OP
#undef NEXT
}

}  // namespace

Status execute(BytecodeModule* module, Stack& stack, Frame* entry,
               vm::ByteSpan results) {
  if (KILN_UNLIKELY(module->trace_file() != nullptr)) {
    return run_loop<true>(module, stack, entry, results);
  }
  return run_loop<false>(module, stack, entry, results);
}

// ---- Module entry points ----------------------------------------------------

Status BytecodeModule::begin_call(Stack& stack, const vm::FunctionCall& call) {
  int32_t ordinal = call.function.ordinal;
  if (call.function.linkage == vm::Linkage::kExport) {
    if (KILN_UNLIKELY(ordinal < 0 || static_cast<size_t>(ordinal) >= exports_.size())) {
      return vm::make_status(StatusCode::kInvalidArgument,
                             "module '%s' has no export with ordinal %d",
                             std::string(name_).c_str(), ordinal);
    }
    ordinal = exports_[ordinal].internal_ordinal;
  } else if (KILN_UNLIKELY(call.function.linkage != vm::Linkage::kInternal ||
                           ordinal < 0 ||
                           static_cast<size_t>(ordinal) >= functions_.size())) {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "module '%s' cannot call function ordinal %d",
                           std::string(name_).c_str(), ordinal);
  }
  auto* state = static_cast<BytecodeState*>(call.state);
  if (KILN_UNLIKELY(!state)) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "call into module '%s' without its state",
                           std::string(name_).c_str());
  }
  if (KILN_UNLIKELY(!state->initialized)) KILN_RETURN_IF_ERROR(run_initializer(state));
  const FunctionInfo& fi = functions_[ordinal];
  if (KILN_UNLIKELY(call.arguments.size < fi.args.size ||
                    call.results.size < fi.results.size)) {
    return vm::make_status(StatusCode::kInvalidArgument,
                           "call to %s.%s (signature %s) with %zu argument bytes "
                           "and %zu result bytes; it needs %u and %u",
                           std::string(name_).c_str(), std::string(fi.name).c_str(),
                           std::string(fi.signature).c_str(), call.arguments.size,
                           call.results.size, fi.args.size, fi.results.size);
  }
  Frame* frame;
  KILN_RETURN_IF_ERROR(push_function_frame(this, stack, state, ordinal, fi, &frame));
  frame->flags = kFrameEntry;
  uint64_t* s = frame_scalars(frame);
  RefObject** r = frame_refs(frame, &fi);
  const size_t n = fi.args.codes.size();
  uint16_t si = 0, ri = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = fi.args.codes[k];
    uint8_t* slot = call.arguments.data + fi.args.offsets[k];
    if (c == 'r') {
      RefObject* o;
      std::memcpy(&o, slot, sizeof(o));
      std::memset(slot, 0, sizeof(o));  // moved out of the argument span
      r[ri++] = o;
    } else {
      if (c == 'i' || c == 'f') {
        put_word32(&s[si++], slot);
      } else {
        std::memcpy(&s[si++], slot, 8);
      }
    }
  }
  return execute(this, stack, frame, call.results);
}

Status BytecodeModule::resume_call(Stack& stack, Frame* frame, vm::ByteSpan results) {
  if (!frame || frame->function.module != this ||
      frame->type != vm::FrameType::kBytecode || !(frame->flags & kFrameEntry)) {
    return vm::make_status(StatusCode::kFailedPrecondition,
                           "module '%s' has no suspended call at that frame",
                           std::string(name_).c_str());
  }
  const int32_t entry_depth = depth_of(stack, frame);
  if (entry_depth < 0 || entry_depth >= stack.depth()) {
    return vm::failed_precondition_error("resume_call with a frame not on the stack");
  }
  // Find the innermost frame of this activation.
  int32_t d = entry_depth;
  Frame* f = frame;
  while (!(f->flags & (kFrameImportPending | kFrameYielded))) {
    if (d + 1 >= stack.depth()) {
      return vm::make_status(StatusCode::kFailedPrecondition,
                             "module '%s' has no suspended call at that frame",
                             std::string(name_).c_str());
    }
    f = stack.frame_at(++d);
    if (f->function.module != this || f->type != vm::FrameType::kBytecode) {
      return vm::internal_error("corrupt bytecode activation on the stack");
    }
  }
  if (f->flags & kFrameYielded) {
    f->flags &= static_cast<uint8_t>(~kFrameYielded);
    if (f != stack.top()) return vm::internal_error("yielded frame is not on top");
    return execute(this, stack, frame, results);
  }
  // Suspended inside an import call: resume the callee first.
  const FunctionInfo* fi = frame_info(f);
  const uint8_t* ip = fi->code + f->pc;
  const bool variadic = static_cast<Opcode>(load_u16(ip)) == Opcode::CALL_IMPORT_VARIADIC;
  ImportCallShape shape = import_call_shape(ip, variadic);
  const ImportDesc& desc = imports_[shape.ordinal];
  Frame* callee = stack.frame_at(d + 1);
  if (!callee) return vm::internal_error("suspended import call has no callee frame");
  size_t args_size = variadic ? variadic_args_size(desc, shape.segments) : desc.args.size;
  vm::ByteSpan args, callee_results;
  import_spans(this, f, shape, args_size, &args, &callee_results);
  auto* state = static_cast<BytecodeState*>(f->module_state);
  const BytecodeState::Import& target = state->imports[shape.ordinal];
  Status s = target.function.module->resume_call(stack, callee, callee_results);
  if (s.is_deferred()) return s;
  f->flags &= static_cast<uint8_t>(~kFrameImportPending);
  if (!s.ok()) {
    stack.capture_trace(&s);
    stack.unwind_to(entry_depth);
    return s;
  }
  KILN_RETURN_IF_ERROR(finish_import(this, f, ip, variadic));
  f->pc += static_cast<int32_t>(shape.length);
  return execute(this, stack, frame, results);
}

Status BytecodeModule::run_initializer(BytecodeState* state) {
  if (state->initialized) return Status();
  state->initialized = true;
  if (init_function_ < 0) return Status();
  vm::StackOptions options;
  options.storage_bytes = 64 * 1024;
  Stack stack(options);
  vm::FunctionCall call{vm::Function{this, vm::Linkage::kInternal, init_function_},
                        state, vm::ByteSpan{}, vm::ByteSpan{}};
  Status s = begin_call(stack, call);
  // An initializer may await (e.g. a fence of constant uploads): wait in
  // place rather than spin.
  while (s.is_deferred()) {
    vm::wait_in_place(stack);
    s = resume_call(stack, stack.frame_at(0), vm::ByteSpan{});
  }
  if (!s.ok()) {
    stack.unwind_to(0);
    s.annotate("in the initializer of module '" + std::string(name_) + "'");
  }
  return s;
}

}  // namespace kiln::bytecode
