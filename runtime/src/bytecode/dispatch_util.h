// Register access, fault constructors and frame handling shared by the
// dispatch loop (interpreter.cpp), import calls (import_call.cpp) and the
// module entry points (bytecode_module.cpp). Everything here is small and
// inlined into the loop; the cold fault builders are kept out of line.
#ifndef KILN_RUNTIME_SRC_BYTECODE_DISPATCH_UTIL_H_
#define KILN_RUNTIME_SRC_BYTECODE_DISPATCH_UTIL_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "kiln/c/ops.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/list.h"
#include "kiln/vm/ops.h"
#include "kiln/vm/stack.h"
#include "module_impl.h"

namespace kiln::bytecode::dispatch {

using vm::Frame;
using vm::RefObject;
using vm::Stack;
using vm::Status;
using vm::StatusCode;

// ---- Register access --------------------------------------------------------

KILN_ALWAYS_INLINE int32_t get_i32(const uint64_t *s, uint16_t r) {
  int32_t v;
  std::memcpy(&v, &s[r], 4);
  return v;
}
KILN_ALWAYS_INLINE int64_t get_i64(const uint64_t *s, uint16_t r) {
  int64_t v;
  std::memcpy(&v, &s[r], 8);
  return v;
}
KILN_ALWAYS_INLINE float get_f32(const uint64_t *s, uint16_t r) {
  float v;
  std::memcpy(&v, &s[r], 4);
  return v;
}
KILN_ALWAYS_INLINE double get_f64(const uint64_t *s, uint16_t r) {
  double v;
  std::memcpy(&v, &s[r], 8);
  return v;
}
// 4-byte values are written as a whole 8-byte register slot (the value in
// its low-addressed half, zeros above): MOV, call arguments and return
// values copy registers as 8-byte words, and an 8-byte load that follows a
// 4-byte store to the same slot cannot be forwarded from it and stalls
// (profiled: it dominated recursive calls).
KILN_ALWAYS_INLINE void put_word32(uint64_t *slot, const void *bytes) {
  uint64_t word = 0;
  std::memcpy(&word, bytes, 4);
  *slot = word;
}
KILN_ALWAYS_INLINE void set_i32(uint64_t *s, uint16_t r, int32_t v) { put_word32(&s[r], &v); }
KILN_ALWAYS_INLINE void set_i64(uint64_t *s, uint16_t r, int64_t v) { std::memcpy(&s[r], &v, 8); }
KILN_ALWAYS_INLINE void set_f32(uint64_t *s, uint16_t r, float v) { put_word32(&s[r], &v); }
KILN_ALWAYS_INLINE void set_f64(uint64_t *s, uint16_t r, double v) { std::memcpy(&s[r], &v, 8); }

// Reads a ref operand as a new owned reference: moved out (register nulled)
// when the move bit is set, retained otherwise.
KILN_ALWAYS_INLINE RefObject *take_ref(RefObject **r, uint16_t operand) {
  uint16_t index = operand & kRegisterMask;
  RefObject *o = r[index];
  if (operand & kMoveBit) {
    r[index] = nullptr;
  } else if (o) {
    vm::ref_retain(o);
  }
  return o;
}
// Stores an owned reference into a register, releasing the old one.
KILN_ALWAYS_INLINE void put_ref(RefObject **r, uint16_t index, RefObject *o) {
  RefObject *old = r[index];
  r[index] = o;
  if (old)
    vm::ref_release(old);
}
// Releases a borrowed operand whose move bit says this was its last use.
KILN_ALWAYS_INLINE void consume(RefObject **r, uint16_t operand) {
  if (KILN_UNLIKELY(operand & kMoveBit)) {
    uint16_t index = operand & kRegisterMask;
    RefObject *o = r[index];
    r[index] = nullptr;
    if (o)
      vm::ref_release(o);
  }
}

KILN_ALWAYS_INLINE vm::Buffer *as_buffer(RefObject *o) {
  return (o && o->type == &vm::Buffer::kType) ? static_cast<vm::Buffer *>(o) : nullptr;
}
KILN_ALWAYS_INLINE vm::List *as_list(RefObject *o) {
  return (o && o->type == &vm::List::kType) ? static_cast<vm::List *>(o) : nullptr;
}

inline bool type_matches(const TypeInfo &t, const RefObject *o) {
  if (!o)
    return true;
  switch (t.kind) {
  case TypeKind::kAny:
    return true;
  case TypeKind::kRef:
  case TypeKind::kList:
    return o->type == t.ref_type;
  case TypeKind::kUnknown:
    return false;
  }
  return false;
}

// ---- Fault constructors (cold) -------------------------------------------

// Faults are worded once, in vm::op_fault (emitted C reaches the same
// function through services->op_fault).
inline KILN_NOINLINE Status div_by_zero_error() { return vm::op_fault(KILN_FAULT_DIV_BY_ZERO); }
// The runtime's one wording for a ref operand of the wrong type (the C
// module path reports the same through services->ref_type_error).
inline KILN_NOINLINE Status not_a_error(const RefObject *o, const vm::RefType &expected) {
  return vm::ref_type_error(o, expected);
}
inline KILN_NOINLINE Status buffer_range_error(const vm::Buffer *b, int64_t offset, int64_t count,
                                               uint32_t element_size) {
  return vm::op_fault(KILN_FAULT_BUFFER_RANGE, offset, count, element_size,
                      static_cast<int64_t>(b->length()));
}
inline KILN_NOINLINE Status read_only_error() { return vm::op_fault(KILN_FAULT_BUFFER_READ_ONLY); }
inline KILN_NOINLINE Status global_range_error(int64_t offset, uint32_t width, uint32_t size) {
  return vm::op_fault(KILN_FAULT_GLOBAL_RANGE, offset, width, size);
}
inline KILN_NOINLINE Status ref_global_range_error(int64_t ordinal, uint32_t count) {
  return vm::op_fault(KILN_FAULT_REF_GLOBAL_RANGE, ordinal, count);
}
inline KILN_NOINLINE Status type_mismatch_error(const RefObject *o, const TypeInfo &t,
                                                const char *what) {
  if (t.ref_type && o)
    return vm::ref_type_error(o, *t.ref_type);
  return vm::make_status(
      StatusCode::kInvalidArgument, "%s: ref type mismatch: have '%s', need '%.*s'", what,
      o && o->type ? o->type->name : "null", static_cast<int>(t.name.size()), t.name.data());
}
inline KILN_NOINLINE Status fail_error(int32_t code, std::string_view message) {
  StatusCode c = StatusCode::kUnknown;
  if (code > 0 && code <= static_cast<int32_t>(StatusCode::kUnauthenticated)) {
    c = static_cast<StatusCode>(code);
  }
  if (message.empty())
    message = "vm.fail";
  return Status(c, message);
}

// ---- Frames -----------------------------------------------------------------

KILN_ALWAYS_INLINE const FunctionInfo *frame_info(const Frame *f) {
  return reinterpret_cast<const FunctionInfo *>(static_cast<uintptr_t>(f->user[0]));
}
KILN_ALWAYS_INLINE uint64_t *frame_scalars(const Frame *f) {
  return reinterpret_cast<uint64_t *>(f->storage);
}
KILN_ALWAYS_INLINE RefObject **frame_refs(const Frame *f, const FunctionInfo *fi) {
  return reinterpret_cast<RefObject **>(f->storage + fi->ref_offset);
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
  const uint8_t *latch = nullptr;
  const uint8_t *head = nullptr;
};
KILN_ALWAYS_INLINE const uint8_t *loop_head(const uint8_t *ip, const uint8_t *code,
                                            uint32_t target_at, LatchCache *cache) {
  if (KILN_LIKELY(cache->latch == ip))
    return cache->head;
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
KILN_ALWAYS_INLINE void zero_registers(uint8_t *storage, const FunctionInfo &fi) {
  uint64_t *words = reinterpret_cast<uint64_t *>(storage) + fi.zero_begin;
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
inline KILN_NOINLINE void complete_frames(BytecodeModule *module, Stack &stack,
                                          vm::ModuleState *state, Frame *from, Frame *top) {
  const FunctionInfo *functions = module->functions().data();
  const uint8_t *arena_begin = stack.arena_begin();
  for (Frame *f = from; f <= top; ++f) {
    const FunctionInfo *fi = frame_info(f);
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

KILN_ALWAYS_INLINE Status push_function_frame(BytecodeModule *module, Stack &stack,
                                              vm::ModuleState *state, int32_t ordinal,
                                              const FunctionInfo &fi, Frame **out) {
  KILN_RETURN_IF_ERROR(stack.push_frame(vm::FrameType::kBytecode,
                                        vm::Function{module, vm::Linkage::kInternal, ordinal},
                                        state, fi.frame_bytes, out));
  Frame *f = *out;
  f->cleanup = &release_frame_refs;
  f->user[0] = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(&fi));
  f->pc = 0;
  zero_registers(f->storage, fi);
  return Status();
}

KILN_ALWAYS_INLINE void pop_function_frame(Stack &stack, Frame *f) {
  if (frame_info(f)->ref_count)
    release_frame_refs(f);
  stack.pop_frame();
}

inline int32_t depth_of(Stack &stack, const Frame *f) {
  return static_cast<int32_t>(f - stack.frame_at(0));
}

} // namespace kiln::bytecode::dispatch

#endif // KILN_RUNTIME_SRC_BYTECODE_DISPATCH_UTIL_H_
