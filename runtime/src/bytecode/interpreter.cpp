// The interpreter: one dispatch loop over verified bytecode.
//
// Registers live in the frame's storage on the vm::Stack:
//   [scalar bank: scalar_count x 8 bytes][ref bank: ref_count x RefObject*]
//   [import-call scratch: packed arguments + packed results]
// The loop keeps the scalar bank, ref bank and instruction pointer in locals.
// Internal calls push a frame and continue in the same loop (no C
// recursion); imports go through vm::Module::begin_call with packed bytes in
// the frame's scratch (import_call.cpp). The verifier has checked every
// register index, operand, target and table index, so there are no
// per-instruction bounds checks here; only run-time faults (division by
// zero, buffer/list/global
// bounds, null or mistyped refs) are checked, through kiln/c/ops.h.
//
// Register access, fault builders and frame handling are in dispatch_util.h;
// the module's entry points (begin_call, resume_call) in bytecode_module.cpp.
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "dispatch_util.h"
#include "import_call.h"
#include "kiln/bytecode/opcode_list.h"
#include "kiln/c/ops.h"
#include "kiln/c/print.h"
#include "kiln/vm/buffer.h"
#include "kiln/vm/invocation.h"
#include "kiln/vm/list.h"
#include "kiln/vm/ops.h"
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

using namespace dispatch;

void release_frame_refs(Frame *frame) {
  const FunctionInfo *fi = frame_info(frame);
  if (!fi || fi->ref_count == 0)
    return;
  RefObject **r = frame_refs(frame, fi);
  for (uint32_t i = 0; i < fi->ref_count; ++i) {
    RefObject *o = r[i];
    if (o) {
      r[i] = nullptr;
      vm::ref_release(o);
    }
  }
}

// ---- The dispatch loop ------------------------------------------------------

namespace {

// The loop is a template on two switches, each chosen once per entry in
// execute(), so the normal loop carries no per-instruction test for either:
//  * kTrace additionally reports every instruction before it runs (see
//    ModuleOptions::trace);
//  * kFuel counts one unit per taken backward branch and per call (internal
//    or import) against the Stack's vm::Budget (kiln/vm/budget.h): fuel,
//    deadline and cancellation. Units are drawn from the budget in slices
//    and counted down in a local; only when a slice is spent does the loop
//    leave the fast path (refuel), which is also where the deadline and the
//    cancel flag are checked. With kFuel false none of this code exists.
// The dispatch loop keeps its hand layout: labels with attributes and the
// OP() table read better aligned than clang-format 14 lays them out.
// clang-format off
template <bool kTrace, bool kFuel>
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
  // kFuel: the budget and what is left of the current slice (a slice is
  // taken lazily, at the first counted unit).
  vm::Budget* const budget = kFuel ? stack.budget() : nullptr;
  int64_t fuel = 0;

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
  // A taken branch. Under kFuel a backward one (target at or before this
  // instruction: every loop has one) costs a unit.
#define JUMP(target)                                                  \
  do {                                                                \
    const uint8_t* jump_target = (target);                            \
    if constexpr (kFuel) {                                            \
      if (jump_target <= ip && KILN_UNLIKELY(--fuel < 0)) {           \
        ip = jump_target;                                             \
        goto refuel_and_continue;                                     \
      }                                                               \
    }                                                                 \
    ip = jump_target;                                                 \
    DISPATCH();                                                       \
  } while (0)
  // A fused loop latch (ADD_BR_IF_LT_*): the encoder makes it only for a
  // loop's backward edge, so under kFuel it costs a unit without the
  // direction test (a hostile module that branches forward with one only
  // pays more).
#define LATCH(target)                                                 \
  do {                                                                \
    ip = (target);                                                    \
    if constexpr (kFuel) {                                            \
      if (KILN_UNLIKELY(--fuel < 0)) goto refuel_and_continue;        \
    }                                                                 \
    DISPATCH();                                                       \
  } while (0)
  // A call costs a unit under kFuel; when the slice is spent the call
  // instruction runs again after refueling.
#define COUNT_CALL()                                                  \
  do {                                                                \
    if constexpr (kFuel) {                                            \
      if (KILN_UNLIKELY(--fuel < 0)) goto refuel_and_retry;           \
    }                                                                 \
  } while (0)
  // Hands the rest of the slice back to the budget (before leaving the loop
  // or calling out: a callee draws from the same budget).
#define RETURN_FUEL()                                                 \
  do {                                                                \
    if constexpr (kFuel) {                                            \
      budget->put_back(fuel);                                         \
      fuel = 0;                                                       \
    }                                                                 \
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
                        static_cast<uint32_t>(ip - code),                      \
                        static_cast<int32_t>(frame - stack.frame_at(0)) + 1);  \
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
    trace_instruction(*module, frame->function.ordinal, static_cast<uint32_t>(ip - code),
                      static_cast<int32_t>(frame - stack.frame_at(0)) + 1);
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
#define CMP(name, R, fn) OP(name) { WI32(2, fn(R(4), R(6))); NEXT(8); }
#define CMP1(name, R, fn) OP(name) { WI32(2, fn(R(4))); NEXT(6); }
#define DIV(name, T, R, W, fn)                              \
  OP(name) {                                                \
    T q;                                                    \
    if (KILN_UNLIKELY(fn(R(4), R(6), &q) != KILN_OP_OK))    \
      FAULT(div_by_zero_error());                           \
    W(2, q);                                                \
    NEXT(8);                                                \
  }
#define BR_CMP(name, R, fn)                                 \
  OP(name) {                                                \
    if (fn(R(2), R(4))) JUMP(code + U32(6));                \
    NEXT(10);                                               \
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
  CMP(CMP_EQ_I32, RI32, kiln_cmp_eq_i32)
  CMP(CMP_NE_I32, RI32, kiln_cmp_ne_i32)
  CMP(CMP_LT_I32_S, RI32, kiln_cmp_lt_i32_s)
  CMP(CMP_LT_I32_U, RI32, kiln_cmp_lt_i32_u)
  CMP(CMP_LTE_I32_S, RI32, kiln_cmp_lte_i32_s)
  CMP(CMP_LTE_I32_U, RI32, kiln_cmp_lte_i32_u)
  CMP1(CMP_NZ_I32, RI32, kiln_cmp_nz_i32)
  CMP(CMP_EQ_I64, RI64, kiln_cmp_eq_i64)
  CMP(CMP_NE_I64, RI64, kiln_cmp_ne_i64)
  CMP(CMP_LT_I64_S, RI64, kiln_cmp_lt_i64_s)
  CMP(CMP_LT_I64_U, RI64, kiln_cmp_lt_i64_u)
  CMP(CMP_LTE_I64_S, RI64, kiln_cmp_lte_i64_s)
  CMP(CMP_LTE_I64_U, RI64, kiln_cmp_lte_i64_u)
  CMP1(CMP_NZ_I64, RI64, kiln_cmp_nz_i64)
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
    {
      // Scoped so the indirect jump in NEXT leaves no live destructor behind.
      auto b = vm::buffer_alloc_op(RI64(4), RI32(6));
      if (KILN_UNLIKELY(!b.ok())) FAULT(std::move(b).status());
      put_ref(r, U16(2), std::move(*b).as_ref().detach());
    }
    NEXT(8);
  }
  OP(BUFFER_CLONE) {
    RefObject* o = REF(4);
    vm::Buffer* src = as_buffer(o);
    if (KILN_UNLIKELY(!src)) FAULT(not_a_error(o, vm::Buffer::kType));
    {
      auto b = vm::buffer_clone_op(*src, RI64(6), RI64(8), RI32(10));
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
    kiln_copy_bytes(dst->mutable_data(), db, src->data(), sb, len);
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
    WI32(2, kiln_equal_bytes(a->data(), ab, b->data(), bb, len));
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
    WI64(2, kiln_hash_bytes_at(b->data(), bo, len));
    consume(r, U16(4));
    NEXT(10);
  }
#define BUFFER_FILL(name, T, R, fill)                                               \
  OP(name) {                                                                        \
    vm::Buffer* b = as_buffer(REF(2));                                              \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(2), vm::Buffer::kType));                 \
    int64_t off = RI64(4), len = RI64(6);                                           \
    uint64_t bo;                                                                    \
    if (KILN_UNLIKELY(kiln_buffer_range(b->length(), off, len, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                  \
      FAULT(buffer_range_error(b, off, len, sizeof(T)));                            \
    if (KILN_UNLIKELY(!b->is_mutable())) FAULT(read_only_error());                  \
    fill(b->mutable_data(), bo, len, R(8));                                         \
    consume(r, U16(2));                                                             \
    NEXT(10);                                                                       \
  }
  BUFFER_FILL(BUFFER_FILL_I8, uint8_t, RI32, kiln_fill_i8)
  BUFFER_FILL(BUFFER_FILL_I16, uint16_t, RI32, kiln_fill_i16)
  BUFFER_FILL(BUFFER_FILL_I32, int32_t, RI32, kiln_fill_i32)
  BUFFER_FILL(BUFFER_FILL_I64, int64_t, RI64, kiln_fill_i64)
  BUFFER_FILL(BUFFER_FILL_F32, float, RF32, kiln_fill_f32)
  BUFFER_FILL(BUFFER_FILL_F64, double, RF64, kiln_fill_f64)
#define BUFFER_LOAD(name, T, W, load)                                              \
  OP(name) {                                                                       \
    vm::Buffer* b = as_buffer(REF(4));                                             \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(4), vm::Buffer::kType));                \
    int64_t index = RI64(6);                                                       \
    uint64_t bo;                                                                   \
    if (KILN_UNLIKELY(kiln_buffer_element(b->length(), index, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                 \
      FAULT(buffer_range_error(b, index, 1, sizeof(T)));                           \
    W(2, load(b->data(), bo));                                                     \
    consume(r, U16(4));                                                            \
    NEXT(8);                                                                       \
  }
  BUFFER_LOAD(BUFFER_LOAD_I8_U, uint8_t, WI32, kiln_load_i8_u)
  BUFFER_LOAD(BUFFER_LOAD_I8_S, int8_t, WI32, kiln_load_i8_s)
  BUFFER_LOAD(BUFFER_LOAD_I16_U, uint16_t, WI32, kiln_load_i16_u)
  BUFFER_LOAD(BUFFER_LOAD_I16_S, int16_t, WI32, kiln_load_i16_s)
  BUFFER_LOAD(BUFFER_LOAD_I32, int32_t, WI32, kiln_load_i32)
  BUFFER_LOAD(BUFFER_LOAD_I64, int64_t, WI64, kiln_load_i64)
  BUFFER_LOAD(BUFFER_LOAD_F32, float, WF32, kiln_load_f32)
  BUFFER_LOAD(BUFFER_LOAD_F64, double, WF64, kiln_load_f64)
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
    WI32(2, kiln_add_i32(RI32(4), kiln_load_i32(b->data(), bo)));
    consume(r, U16(6));
    NEXT(10);
  }
#define BUFFER_STORE(name, T, R, store)                                            \
  OP(name) {                                                                       \
    vm::Buffer* b = as_buffer(REF(2));                                             \
    if (KILN_UNLIKELY(!b)) FAULT(not_a_error(REF(2), vm::Buffer::kType));                \
    int64_t index = RI64(4);                                                       \
    uint64_t bo;                                                                   \
    if (KILN_UNLIKELY(kiln_buffer_element(b->length(), index, sizeof(T), &bo) !=   \
                      KILN_OP_OK))                                                 \
      FAULT(buffer_range_error(b, index, 1, sizeof(T)));                           \
    if (KILN_UNLIKELY(!b->is_mutable())) FAULT(read_only_error());                 \
    store(b->mutable_data(), bo, R(6));                                            \
    consume(r, U16(2));                                                            \
    NEXT(8);                                                                       \
  }
  BUFFER_STORE(BUFFER_STORE_I8, uint8_t, RI32, kiln_store_i8)
  BUFFER_STORE(BUFFER_STORE_I16, uint16_t, RI32, kiln_store_i16)
  BUFFER_STORE(BUFFER_STORE_I32, int32_t, RI32, kiln_store_i32)
  BUFFER_STORE(BUFFER_STORE_I64, int64_t, RI64, kiln_store_i64)
  BUFFER_STORE(BUFFER_STORE_F32, float, RF32, kiln_store_f32)
  BUFFER_STORE(BUFFER_STORE_F64, double, RF64, kiln_store_f64)
  OP(LIST_ALLOC) {
    const TypeInfo& t = types[U32(4)];
    int32_t capacity = RI32(8);
    if (KILN_UNLIKELY(t.kind != TypeKind::kList))
      FAULT(vm::make_status(StatusCode::kNotFound, "vm.list.alloc: type '%.*s' is not a known list type",
                            static_cast<int>(t.name.size()), t.name.data()));
    {
      auto l = vm::list_alloc_op(t.element, capacity);
      if (KILN_UNLIKELY(!l.ok())) FAULT(std::move(l).status());
      put_ref(r, U16(2), std::move(*l).as_ref().detach());
    }
    NEXT(10);
  }
  OP(LIST_RESERVE) {
    vm::List* l = as_list(REF(2));
    if (KILN_UNLIKELY(!l)) FAULT(not_a_error(REF(2), vm::List::kType));
    status = vm::list_reserve_op(*l, RI32(4));
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
    status = vm::list_resize_op(*l, RI32(4));
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
    if (KILN_UNLIKELY(index < 0)) FAULT(vm::list_negative_index_error(index)); \
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
    {
      // An element of another type reads as null (IREE's behaviour).
      const TypeInfo& t = types[U32(8)];
      vm::Ref v;
      status = vm::list_get_ref_op(*l, index, t.ref_type, t.kind == TypeKind::kAny, &v);
      if (KILN_UNLIKELY(!status.ok())) goto fault;
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
    if (KILN_UNLIKELY(index < 0)) FAULT(vm::list_negative_index_error(index)); \
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
    if (KILN_UNLIKELY(index < 0)) FAULT(vm::list_negative_index_error(index));
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
  OP(BR) { JUMP(code + U32(2)); }
  OP(BR_IF_NZ) {
    if (RI32(2) != 0) JUMP(code + U32(4));
    NEXT(8);
  }
  OP(BR_IF_Z) {
    if (RI32(2) == 0) JUMP(code + U32(4));
    NEXT(8);
  }
  OP(BR_TABLE) {
    int32_t index = RI32(2);
    uint16_t n = U16(8);
    uint32_t target = (index >= 0 && index < n) ? U32(10 + 4 * index) : U32(4);
    JUMP(code + target);
  }
  BR_CMP(BR_IF_EQ_I32, RI32, kiln_cmp_eq_i32)
  BR_CMP(BR_IF_NE_I32, RI32, kiln_cmp_ne_i32)
  BR_CMP(BR_IF_LT_I32_S, RI32, kiln_cmp_lt_i32_s)
  BR_CMP(BR_IF_LT_I32_U, RI32, kiln_cmp_lt_i32_u)
  BR_CMP(BR_IF_LTE_I32_S, RI32, kiln_cmp_lte_i32_s)
  BR_CMP(BR_IF_LTE_I32_U, RI32, kiln_cmp_lte_i32_u)
  BR_CMP(BR_IF_EQ_I64, RI64, kiln_cmp_eq_i64)
  BR_CMP(BR_IF_NE_I64, RI64, kiln_cmp_ne_i64)
  BR_CMP(BR_IF_LT_I64_S, RI64, kiln_cmp_lt_i64_s)
  BR_CMP(BR_IF_LT_I64_U, RI64, kiln_cmp_lt_i64_u)
  BR_CMP(BR_IF_LTE_I64_S, RI64, kiln_cmp_lte_i64_s)
  BR_CMP(BR_IF_LTE_I64_U, RI64, kiln_cmp_lte_i64_u)

  // reg <op> imm, compared as T (int32_t signed, uint32_t unsigned).
#define BR_CMP_IMM(name, fn)                                                \
  OP(name) {                                                                \
    if (fn(RI32(2), static_cast<int32_t>(U32(4)))) JUMP(code + U32(8));     \
    NEXT(12);                                                               \
  }
  BR_CMP_IMM(BR_IF_EQ_I32_IMM, kiln_cmp_eq_i32)
  BR_CMP_IMM(BR_IF_NE_I32_IMM, kiln_cmp_ne_i32)
  BR_CMP_IMM(BR_IF_LT_I32_S_IMM, kiln_cmp_lt_i32_s)
  BR_CMP_IMM(BR_IF_LTE_I32_S_IMM, kiln_cmp_lte_i32_s)
  BR_CMP_IMM(BR_IF_GT_I32_S_IMM, kiln_cmp_gt_i32_s)
  BR_CMP_IMM(BR_IF_GTE_I32_S_IMM, kiln_cmp_gte_i32_s)
  BR_CMP_IMM(BR_IF_LT_I32_U_IMM, kiln_cmp_lt_i32_u)
  BR_CMP_IMM(BR_IF_LTE_I32_U_IMM, kiln_cmp_lte_i32_u)
  BR_CMP_IMM(BR_IF_GT_I32_U_IMM, kiln_cmp_gt_i32_u)
  BR_CMP_IMM(BR_IF_GTE_I32_U_IMM, kiln_cmp_gte_i32_u)
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
    if (static_cast<T>(sum) < static_cast<T>(R(bound_at)))                \
      LATCH(loop_head(ip, code, target_at, &latch_cache));                 \
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
    COUNT_CALL();
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
    COUNT_CALL();
    RETURN_FUEL();
    frame->pc = static_cast<int32_t>(ip - code);
    SYNC_STACK();
    uint32_t length;
    status = call_import<false>(module, stack, frame, state, ip, &length);
    if (KILN_UNLIKELY(!status.ok())) goto call_not_ok;
    NEXT(length);
  }
  OP(CALL_IMPORT_VARIADIC) {
    COUNT_CALL();
    RETURN_FUEL();
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
      RETURN_FUEL();
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
    COUNT_CALL();  // a yield loop is a loop: each YIELD costs a unit
    frame->pc = static_cast<int32_t>(U32(2));
    SYNC_STACK();
    frame->flags |= kFrameYielded;
    RETURN_FUEL();
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
      // Formatted by kiln/c/print.h, as emitted C prints.
      char buf[128];
      switch (c) {
        case 'i': kiln_format_i32(buf, sizeof(buf), get_i32(s, reg)); break;
        case 'I': kiln_format_i64(buf, sizeof(buf), get_i64(s, reg)); break;
        case 'f': kiln_format_f64(buf, sizeof(buf), static_cast<double>(get_f32(s, reg))); break;
        case 'F': kiln_format_f64(buf, sizeof(buf), get_f64(s, reg)); break;
        default: {
          RefObject* o = r[reg & kRegisterMask];
          kiln_format_ref(buf, sizeof(buf),
                          o ? reinterpret_cast<const kiln_ref_type_t*>(o->type) : nullptr,
                          o == nullptr);
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
  OP(BREAK) { JUMP(code + U32(2)); }
  OP(COND_BREAK) { JUMP(code + U32(4)); }

#if !KILN_COMPUTED_GOTO
  }
  // The verifier rejects unknown opcodes; never reached.
  status = vm::internal_error("invalid opcode");
  goto fault;
#endif

  // kFuel: the slice is spent. Take the next one (checking the deadline and
  // the cancel flag); a failure ends the call with a trace at `ip`.
refuel_and_continue: __attribute__((unused));  // a backward branch to `ip`: charge it, go on
  if constexpr (kFuel) {
    status = budget->take(&fuel);
    if (KILN_UNLIKELY(!status.ok())) goto fault;
    --fuel;
    DISPATCH();
  }
refuel_and_retry: __attribute__((unused));  // a call at `ip`: run it again, charging it
  if constexpr (kFuel) {
    status = budget->take(&fuel);
    if (KILN_UNLIKELY(!status.ok())) goto fault;
    DISPATCH();
  }

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
  RETURN_FUEL();
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
#undef JUMP
#undef LATCH
#undef COUNT_CALL
#undef RETURN_FUEL
#undef SYNC_STACK
#undef DISPATCH
#undef OP
#undef NEXT
}
// clang-format on

} // namespace

Status execute(BytecodeModule *module, Stack &stack, Frame *entry, vm::ByteSpan results) {
  const bool fuel = stack.budget() != nullptr;
  if (KILN_UNLIKELY(module->observed())) {
    return fuel ? run_loop<true, true>(module, stack, entry, results)
                : run_loop<true, false>(module, stack, entry, results);
  }
  if (KILN_UNLIKELY(fuel))
    return run_loop<false, true>(module, stack, entry, results);
  return run_loop<false, false>(module, stack, entry, results);
}
} // namespace kiln::bytecode
