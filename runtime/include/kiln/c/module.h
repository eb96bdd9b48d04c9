/* The Kiln C module ABI, version 5.
 *
 * A C module (usually emitted by `vm-translate --vm-to-c`, or written by
 * hand) is described by one constant kiln_module_desc_t. A shared library
 * exports exactly one symbol,
 *
 *     const kiln_module_desc_t* kiln_module_v1_get(void);
 *
 * and needs no link-time symbols from the runtime: everything that is not a
 * static inline helper in runtime/include/kiln/c/ comes through the
 * kiln_services_t table the runtime hands the module with every call
 * (kiln_exec_t::services) and at state creation.
 *
 * Functions. Every function in the descriptor's function table has the entry
 * type kiln_entry_fn_t: it reads its arguments from packed bytes and writes
 * its results to packed bytes, laid out by its signature string exactly as
 * docs/runtime.md specifies (the layout of a C struct with the same fields).
 * Argument ref slots are borrowed by the callee (the caller releases them
 * after the call); result ref slots are written with owned references on
 * success only. Calls between functions of one module are direct C calls and
 * never go through this table.
 *
 * Frames. A function that may suspend (or call an import, or call a
 * function that may) needs a VM stack frame: its spills must outlive the C
 * call, and an import's callee captures the trace from the VM stack. It
 * calls services->frame_enter on entry and services->frame_leave on every
 * exit. The frame's storage starts with a kiln_frame_header_t whose `loc`
 * the function keeps pointing at the op it is executing (a plain store, no
 * call), so a trace captured anywhere shows `function @offset
 * (file:line:col)` for every C frame.
 *
 * Light frames. A function that can fail or call but never suspends (so
 * everything it calls is in its own module and never suspends either) takes
 * a light frame instead, with no call into the runtime on the fast path:
 * it takes the number of light frames below it as a parameter (0 when
 * called from a VM frame or the runtime; a light caller passes its own plus
 * one, so the depth lives in a register, not in memory), and
 * kiln_light_enter on entry checks it against the stack depth limit
 * (exec->light_limit, failing through services->light_overflow with the same
 * RESOURCE_EXHAUSTED error a VM frame push gives). It keeps its current op in
 * a local kiln_frame_header_t and makes its error statuses without a
 * location (make_status would put it on the enclosing VM frame). Its trace line is added on the
 * error path only: on an error exit it passes the status to services->light_trace with its function
 * index and current location, which appends its frame(s) (inlined ones first). Light frames are
 * always the innermost frames of a call (nothing they call pushes a VM frame), so appending while
 * the error unwinds gives the innermost-first order, and the VM frames below add themselves when
 * the runtime captures the rest of the trace (frame_leave of the nearest VM frame, or the return to
 * the runtime). A light function's locals live on the C stack only: it never suspends, so there is
 * nothing to spill or to clean up for an abandoned call.
 *
 * Suspension. A function that gets KILN_DEFERRED from a callee (an internal
 * function, an import, or vm.yield in itself) spills its live values into its
 * frame storage, calls services->frame_suspend(exec, point) with a resume
 * point > 0 and returns KILN_DEFERRED; its frame stays on the VM stack. When
 * the runtime resumes the call it calls the export's entry again with
 * `arguments` NULL: frame_enter then hands every function its suspended
 * frame and resume point (outermost first), and the function reloads its
 * values and continues at that point, re-issuing the call it was suspended
 * in (the callee resumes the same way; services->call_import resumes the
 * suspended import instead of starting a new call).
 *
 * Status. NULL (KILN_OK) is success. Anything else is an error made by the
 * runtime (services->make_status, or a failed service / import call) that
 * the module must either return (passing ownership up) or free with
 * services->status_free. Modules never build statuses themselves.
 *
 * Bounded modules (ABI 5). Compiled with KILN_C_BOUNDED defined to 1
 * (`cc -DKILN_C_BOUNDED=1`, or `vm-translate --vm-to-c --vm-c-bounded`,
 * which writes the define into the file), emitted C counts fuel and
 * checks the native stack; without it the checks compile to nothing and
 * cost nothing. Fuel: one unit at every loop header and every call of a
 * recursive function. A function with a VM frame counts in exec->fuel
 * (kiln_fuel_tick); a light function keeps the count in a local: it takes
 * it as a parameter after its depth, passes it to the light functions it
 * calls and returns what is left in its return word (kiln_light_ret_t; see
 * "Light functions' fuel" below), and a VM frame or an entry point passes
 * exec->fuel down and stores what comes back. When the count goes negative,
 * services->refuel (through exec->fuel) takes the next slice from the
 * invocation's budget (and checks its deadline and cancel flag) or returns
 * RESOURCE_EXHAUSTED / DEADLINE_EXCEEDED / CANCELLED. Stack: on entry to
 * functions that are recursive or have large frames, the stack pointer is
 * compared with exec->stack_limit (computed by the runtime for the thread
 * that runs the call, with a reserve for the runtime itself) plus a margin
 * for the frames down to the next check, failing with
 * services->native_stack_overflow's RESOURCE_EXHAUSTED before the C stack
 * runs out; small recursive light functions check at every
 * KILN_STACK_CHECK_INTERVAL-th light depth only, and not on entry but
 * before the first call of each block (kiln_light_stack_check_fuel), the
 * others on every entry (kiln_stack_check_margin, or
 * kiln_stack_check_margin_fuel in a light function). The internal calling
 * convention of light functions is the module's own business (they are
 * static); the runtime sees only exec->fuel. The descriptor's `flags`
 * says whether a module was built bounded (KILN_MODULE_FLAG_BOUNDED). An
 * unbounded module is charged one unit per call into it from the runtime,
 * so a deadline or cancellation still ends a call at its next entry, but
 * not inside its loops.
 *
 * Refs. A ref is a pointer to an object beginning with kiln_ref_header_t
 * (the same layout as the runtime's RefObject: a 32-bit atomic count, then a
 * pointer to a type whose first two fields are a name and a destroy
 * function). A variable holding a ref owns one reference or is NULL.
 *
 * Valid C11 and C++ (the runtime adapter includes it).
 */
#ifndef KILN_C_MODULE_H_
#define KILN_C_MODULE_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KILN_MODULE_ABI_VERSION 5u

/* 1: this translation unit counts fuel and checks the native stack (see
 * "Bounded modules"). */
#ifndef KILN_C_BOUNDED
#define KILN_C_BOUNDED 0
#endif

/* ---- Status ------------------------------------------------------------- */

/* Codes: absl/gRPC canonical numbering, same as kiln::vm::StatusCode. */
enum {
  KILN_STATUS_OK = 0,
  KILN_STATUS_CANCELLED = 1,
  KILN_STATUS_UNKNOWN = 2,
  KILN_STATUS_INVALID_ARGUMENT = 3,
  KILN_STATUS_DEADLINE_EXCEEDED = 4,
  KILN_STATUS_NOT_FOUND = 5,
  KILN_STATUS_ALREADY_EXISTS = 6,
  KILN_STATUS_PERMISSION_DENIED = 7,
  KILN_STATUS_RESOURCE_EXHAUSTED = 8,
  KILN_STATUS_FAILED_PRECONDITION = 9,
  KILN_STATUS_ABORTED = 10,
  KILN_STATUS_OUT_OF_RANGE = 11,
  KILN_STATUS_UNIMPLEMENTED = 12,
  KILN_STATUS_INTERNAL = 13,
  KILN_STATUS_UNAVAILABLE = 14,
  KILN_STATUS_DATA_LOSS = 15,
  KILN_STATUS_UNAUTHENTICATED = 16
};

/* Opaque; NULL is OK. Owned by whoever holds it (see the file comment).
 * Error statuses are even pointers (the runtime's allocations), which the
 * return word of light functions relies on (kiln_light_ret_t). */
typedef struct kiln_status_opaque_t *kiln_status_t;
#define KILN_OK ((kiln_status_t)0)
/* Not an error: the call suspended (see "Suspension" above). Never freed. */
#define KILN_DEFERRED ((kiln_status_t)(uintptr_t)1)

/* A source location for failures: static storage in the module. `offset`
 * identifies the op within its function (emitted C numbers the ops of a
 * function from 0); traces show it where bytecode frames show the bytecode
 * offset. For code the compiler inlined, `inlined_from` names the function
 * it came from and `caller` is the location of the call site it was inlined
 * at (itself possibly inlined); traces show one frame per level. Both are
 * NULL otherwise. */
typedef struct kiln_source_loc_t {
  const char *file;
  int32_t line;
  int32_t column;
  int32_t offset;
  const char *inlined_from;
  const struct kiln_source_loc_t *caller;
} kiln_source_loc_t;

/* The start of every frame's storage (see "Frames" above). The module's
 * spill area follows it; its first kiln_function_desc_t::frame_ref_count
 * pointer-sized slots after the header are refs (NULL on a fresh frame;
 * released by the runtime if a suspended call is abandoned). */
typedef struct kiln_frame_header_t {
  const kiln_source_loc_t *loc; /* current op, or NULL */
  void *reserved;
} kiln_frame_header_t;

/* ---- Refs ---------------------------------------------------------------- */

typedef struct kiln_ref_header_t kiln_ref_header_t;
typedef struct kiln_ref_type_t {
  const char *name;
  void (*destroy)(kiln_ref_header_t *object);
} kiln_ref_type_t;
struct kiln_ref_header_t {
  uint32_t ref_count; /* atomic; use kiln_ref_retain / kiln_ref_release */
  const kiln_ref_type_t *type;
};
typedef kiln_ref_header_t *kiln_ref_t; /* NULL or one owned reference */

/* The start of a vm.buffer object (the runtime's Buffer), so that buffer
 * loads and stores read the span inline instead of calling
 * services->buffer_span per access. The runtime refuses to create a C module
 * if its Buffer does not start like this. */
typedef struct kiln_buffer_header_t {
  kiln_ref_header_t ref;
  uint8_t *data;
  uint64_t length;
  uint8_t access; /* KILN_BUFFER_ACCESS_MUTABLE when writable */
} kiln_buffer_header_t;
#define KILN_BUFFER_ACCESS_MUTABLE 3u

/* List element kinds (list_create). */
enum {
  KILN_ELEMENT_I8 = 0,
  KILN_ELEMENT_I16 = 1,
  KILN_ELEMENT_I32 = 2,
  KILN_ELEMENT_I64 = 3,
  KILN_ELEMENT_F32 = 4,
  KILN_ELEMENT_F64 = 5,
  KILN_ELEMENT_REF = 6,
  KILN_ELEMENT_VARIANT = 7
};

/* ---- Execution context and runtime services ------------------------------ */

typedef struct kiln_services_t kiln_services_t;

/* One per call that enters the module through the function table. The
 * runtime owns it; the module reads `services` and passes the pointer back
 * to services that need it. The reserved fields belong to the runtime.
 * light_limit is how many light frames (see "Light frames") the stack depth
 * limit allows on top of the VM frames the call has now (the runtime keeps it
 * current whenever it pushes or pops a VM frame for this call). light_depth
 * stays 0 with modules built by this version (the depth is a parameter of
 * light functions); the runtime still honours a module that counts in it.
 * fuel and stack_limit serve bounded modules (see "Bounded modules"): the
 * units left in the current fuel slice (the runtime sets it; a bounded
 * module counts it down), and the lowest C stack address a bounded
 * function may start at (0: no check). */
typedef struct kiln_exec_t {
  const kiln_services_t *services;
  void *reserved[4];
  int32_t light_depth;
  int32_t light_limit;
  int64_t fuel;
  uintptr_t stack_limit;
} kiln_exec_t;

struct kiln_services_t {
  uint32_t abi_version; /* KILN_MODULE_ABI_VERSION */
  uint32_t struct_size; /* sizeof(kiln_services_t) of the runtime */

  /* Errors. `message` is copied (need not be NUL-terminated: `length` bytes;
   * length < 0 means NUL-terminated). `loc` may be NULL; otherwise it must
   * have static storage (the runtime keeps the pointer for the trace). */
  kiln_status_t (*make_status)(kiln_exec_t *exec, int32_t code, const char *message, int64_t length,
                               const kiln_source_loc_t *loc);
  void (*status_free)(kiln_status_t status);

  /* Frames (see "Frames" and "Suspension" above). frame_enter pushes a frame
   * for function `function_index` of the descriptor's function table (its
   * frame_size bytes of storage, header zeroed, ref slots NULL) and sets
   * *resume_point to 0, or, while a suspended call is being resumed, hands
   * back that function's suspended frame and its resume point. Fails with
   * RESOURCE_EXHAUSTED on stack overflow (then no frame was entered).
   * frame_leave pops the current frame; if `status` is an error it first
   * records the VM stack trace into it. frame_suspend leaves the current
   * frame on the stack with `resume_point` (> 0). */
  kiln_status_t (*frame_enter)(kiln_exec_t *exec, int32_t function_index,
                               kiln_frame_header_t **frame, int32_t *resume_point);
  void (*frame_leave)(kiln_exec_t *exec, kiln_status_t status);
  void (*frame_suspend)(kiln_exec_t *exec, int32_t resume_point);
  /* Light frames (see "Light frames" above). light_overflow: the
   * RESOURCE_EXHAUSTED stack overflow error for entering function
   * `function_index` (kiln_light_enter calls it). light_trace: appends the
   * trace frame(s) of a light frame of function `function_index` at `loc`
   * (may be NULL) to `status` and returns it; OK and DEFERRED pass
   * through. */
  kiln_status_t (*light_overflow)(kiln_exec_t *exec, int32_t function_index);
  kiln_status_t (*light_trace)(kiln_exec_t *exec, kiln_status_t status, int32_t function_index,
                               const kiln_source_loc_t *loc);

  /* Refs: slow paths (the inline helpers below use atomics directly). */
  void (*ref_retain)(kiln_ref_t object);
  void (*ref_release)(kiln_ref_t object);
  /* An INVALID_ARGUMENT status naming `object`'s type and the expected one;
   * object may be NULL. */
  kiln_status_t (*ref_type_error)(kiln_exec_t *exec, kiln_ref_t object,
                                  const kiln_ref_type_t *expected);
  /* NULL if no type of that name is registered. */
  const kiln_ref_type_t *(*lookup_type)(kiln_exec_t *exec, const char *name);
  const kiln_ref_type_t *buffer_type; /* "vm.buffer" */
  const kiln_ref_type_t *list_type;   /* "vm.list" */

  /* Imports, by ordinal into the descriptor's import table. Arguments and
   * results are packed by the import's signature (for a variadic import, by
   * the signature with each C...D span expanded to a 32-bit count and that
   * many tuples); argument ref slots stay owned by the caller. Returns
   * KILN_DEFERRED if the import suspended; while resuming it resumes that
   * import (ignoring `arguments`) instead of starting a new call. */
  int32_t (*import_resolved)(kiln_exec_t *exec, int32_t ordinal);
  kiln_status_t (*call_import)(kiln_exec_t *exec, int32_t ordinal, const void *arguments,
                               size_t arguments_size, void *results, size_t results_size);

  /* Buffers (vm.buffer). `*out` receives an owned reference. */
  kiln_status_t (*buffer_allocate)(kiln_exec_t *exec, int64_t length, int32_t alignment,
                                   kiln_ref_t *out);
  kiln_status_t (*buffer_clone)(kiln_exec_t *exec, kiln_ref_t source, int64_t offset,
                                int64_t length, int32_t alignment, kiln_ref_t *out);
  /* A read-only buffer over module memory with static storage (rodata). */
  kiln_status_t (*buffer_wrap_rodata)(kiln_exec_t *exec, const void *data, int64_t length,
                                      kiln_ref_t *out);
  /* `buffer` must be a non-NULL vm.buffer. *data is NULL-free but
   * *writable is 0 for read-only buffers. */
  void (*buffer_span)(kiln_ref_t buffer, uint8_t **data, uint64_t *length, int32_t *writable);

  /* Lists (vm.list). `code` is 'i' (i32, also i8/i16 lists), 'I', 'f', 'F'
   * or 'r'; `value` points at a value of that type. list_get of 'r' writes an
   * owned reference; list_set of 'r' retains. */
  kiln_status_t (*list_create)(kiln_exec_t *exec, int32_t element_kind,
                               const kiln_ref_type_t *ref_type, int32_t capacity, kiln_ref_t *out);
  int32_t (*list_size)(kiln_ref_t list);
  kiln_status_t (*list_reserve)(kiln_exec_t *exec, kiln_ref_t list, int32_t capacity);
  kiln_status_t (*list_resize)(kiln_exec_t *exec, kiln_ref_t list, int32_t size);
  kiln_status_t (*list_get)(kiln_exec_t *exec, kiln_ref_t list, int32_t index, char code,
                            void *value);
  kiln_status_t (*list_set)(kiln_exec_t *exec, kiln_ref_t list, int32_t index, char code,
                            const void *value);

  /* The status of an op fault (KILN_FAULT_* of kiln/c/ops.h with its
   * operands) at `loc`, worded exactly as the interpreter words it. */
  kiln_status_t (*op_fault)(kiln_exec_t *exec, int32_t kind, int64_t a, int64_t b, int64_t c,
                            int64_t d, const kiln_source_loc_t *loc);

  /* ABI 5: bounded modules (see "Bounded modules"). refuel: exec->fuel
   * went negative; sets it to the units left of a new slice after charging
   * the one being counted and returns KILN_OK, or returns the
   * RESOURCE_EXHAUSTED (out of fuel), DEADLINE_EXCEEDED or CANCELLED error
   * (no trace yet: the frames add theirs as it unwinds).
   * native_stack_overflow: the RESOURCE_EXHAUSTED error for entering
   * function `function_index` below exec->stack_limit. */
  kiln_status_t (*refuel)(kiln_exec_t *exec);
  kiln_status_t (*native_stack_overflow)(kiln_exec_t *exec, int32_t function_index);
};

/* ---- Module descriptor ---------------------------------------------------- */

/* Reads packed arguments, writes packed results (see the file comment). */
typedef kiln_status_t (*kiln_entry_fn_t)(kiln_exec_t *exec, void *state, const void *arguments,
                                         void *results);

#define KILN_IMPORT_OPTIONAL 1u

typedef struct kiln_import_desc_t {
  const char *full_name; /* "module.function" */
  const char *signature; /* "0ii_i" */
  uint32_t flags;        /* KILN_IMPORT_OPTIONAL */
} kiln_import_desc_t;

typedef struct kiln_export_desc_t {
  const char *name; /* local name */
  const char *signature;
  int32_t function_index; /* into kiln_module_desc_t::functions */
} kiln_export_desc_t;

typedef struct kiln_function_desc_t {
  const char *name; /* for traces */
  const char *signature;
  kiln_entry_fn_t entry;    /* NULL for a function that is not exported */
  uint32_t frame_size;      /* storage for frame_enter, >= header size */
  uint32_t frame_ref_count; /* ref slots right after the header */
} kiln_function_desc_t;

typedef struct kiln_module_desc_t {
  uint32_t abi_version; /* KILN_MODULE_ABI_VERSION the module was built for */
  uint32_t struct_size; /* sizeof(kiln_module_desc_t) */
  const char *name;
  uint32_t version;
  int32_t import_count;
  const kiln_import_desc_t *imports;
  int32_t export_count;
  const kiln_export_desc_t *exports;
  int32_t function_count;
  const kiln_function_desc_t *functions;
  /* Per-context state: the runtime allocates state_size zeroed bytes
   * (16-byte aligned) and calls state_init (may be NULL); state_deinit (may
   * be NULL) releases what the state owns before the runtime frees it.
   * Imports are not resolved yet during state_init. After state_init, once
   * all imports are resolved, the runtime calls the export named `__init`
   * (if any) once, like a bytecode module's initializer. */
  size_t state_size;
  kiln_status_t (*state_init)(kiln_exec_t *exec, void *state);
  void (*state_deinit)(const kiln_services_t *services, void *state);
  /* KILN_MODULE_FLAG_*: how the module was built (KILN_MODULE_BUILD_FLAGS
   * for the current translation unit). */
  uint32_t flags;
} kiln_module_desc_t;

/* Counts fuel and checks the native stack (compiled with KILN_C_BOUNDED). */
#define KILN_MODULE_FLAG_BOUNDED 1u
#if KILN_C_BOUNDED
#define KILN_MODULE_BUILD_FLAGS KILN_MODULE_FLAG_BOUNDED
#else
#define KILN_MODULE_BUILD_FLAGS 0u
#endif

/* The one exported symbol of a C module shared library. */
typedef const kiln_module_desc_t *(*kiln_module_get_fn_t)(void);
#define KILN_MODULE_ENTRY_SYMBOL "kiln_module_v1_get"

/* Alignment of rodata arrays in emitted C (the .vmfb's rodata alignment). */
#ifdef __cplusplus
#define KILN_MODULE_ALIGNAS(n) alignas(n)
#else
#define KILN_MODULE_ALIGNAS(n) _Alignas(n)
#endif

/* ---- Inline helpers -------------------------------------------------------- */

#if defined(__GNUC__) || defined(__clang__)
#define KILN_MODULE_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KILN_MODULE_MAYBE_UNUSED __attribute__((unused))
#else
#define KILN_MODULE_MAYBE_UNUSED
#define KILN_MODULE_UNLIKELY(x) (x)
#endif
/* The LLVM target compiles these helpers to bitcode with KILN_MODULE_INLINE
 * predefined (to nothing: external definitions it links and inlines). */
#ifndef KILN_MODULE_INLINE
#if defined(__GNUC__) || defined(__clang__)
#define KILN_MODULE_INLINE static inline __attribute__((always_inline))
#else
#define KILN_MODULE_INLINE static inline
#endif
#endif

KILN_MODULE_INLINE void kiln_ref_retain(const kiln_services_t *s, kiln_ref_t r) {
  if (!r)
    return;
#if defined(__GNUC__) || defined(__clang__)
  (void)s;
  __atomic_fetch_add(&r->ref_count, 1u, __ATOMIC_RELAXED);
#else
  s->ref_retain(r);
#endif
}

KILN_MODULE_INLINE void kiln_ref_release(const kiln_services_t *s, kiln_ref_t r) {
  if (!r)
    return;
#if defined(__GNUC__) || defined(__clang__)
  if (__atomic_fetch_sub(&r->ref_count, 1u, __ATOMIC_ACQ_REL) == 1u) {
    /* The last reference: hand it back to the runtime whole, so the object
     * is destroyed by the runtime's own code (its destroy function has the
     * runtime's type, not this header's). No one else can see the object, so
     * restoring the count is race-free; this path is cold. */
    __atomic_store_n(&r->ref_count, 1u, __ATOMIC_RELAXED);
    s->ref_release(r);
  }
#else
  s->ref_release(r);
#endif
}

/* *dst = src, retaining src and releasing the old value. */
KILN_MODULE_INLINE void kiln_ref_assign(const kiln_services_t *s, kiln_ref_t *dst, kiln_ref_t src) {
  kiln_ref_t old = *dst;
  kiln_ref_retain(s, src);
  *dst = src;
  kiln_ref_release(s, old);
}

/* *dst = *src, moving (no count traffic); *src becomes NULL. */
KILN_MODULE_INLINE void kiln_ref_move(const kiln_services_t *s, kiln_ref_t *dst, kiln_ref_t *src) {
  kiln_ref_t old = *dst;
  *dst = *src;
  *src = NULL;
  kiln_ref_release(s, old);
}

KILN_MODULE_INLINE void kiln_ref_reset(const kiln_services_t *s, kiln_ref_t *r) {
  kiln_ref_t old = *r;
  *r = NULL;
  kiln_ref_release(s, old);
}

/* services->buffer_span without the call: `buffer` must be a non-NULL
 * vm.buffer. */
KILN_MODULE_INLINE void kiln_buffer_span(kiln_ref_t buffer, uint8_t **data, uint64_t *length,
                                         int32_t *writable) {
  const kiln_buffer_header_t *b = (const kiln_buffer_header_t *)(const void *)buffer;
  *data = b->data;
  *length = b->length;
  *writable = b->access == KILN_BUFFER_ACCESS_MUTABLE;
}

/* Enters a light frame of function `function_index` with `depth` light
 * frames below it: one compare; the runtime is called only when the depth
 * limit is exceeded (then no frame was entered and the caller returns the
 * status). */
KILN_MODULE_INLINE kiln_status_t kiln_light_enter(kiln_exec_t *exec, int32_t depth,
                                                  int32_t function_index) {
  if (KILN_MODULE_UNLIKELY(depth >= exec->light_limit)) {
    return exec->services->light_overflow(exec, function_index);
  }
  return KILN_OK;
}

/* Leaves a light frame. On error, adds the frame's trace line(s) to
 * `status` (the error path's only runtime call). */
KILN_MODULE_INLINE kiln_status_t kiln_light_leave(kiln_exec_t *exec, kiln_status_t status,
                                                  int32_t function_index,
                                                  const kiln_source_loc_t *loc) {
  if (KILN_MODULE_UNLIKELY(status != KILN_OK)) {
    return exec->services->light_trace(exec, status, function_index, loc);
  }
  return KILN_OK;
}

/* One unit of fuel (a loop back-edge or a call; see "Bounded modules").
 * Without KILN_C_BOUNDED it is KILN_OK, which the compiler folds away with
 * the caller's test. */
KILN_MODULE_INLINE kiln_status_t kiln_fuel_tick(kiln_exec_t *exec) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(--exec->fuel < 0))
    return exec->services->refuel(exec);
#else
  (void)exec;
#endif
  return KILN_OK;
}

/* The native stack check on entry to a recursive or large-frame function
 * (see "Bounded modules"); KILN_OK without KILN_C_BOUNDED. */
KILN_MODULE_INLINE kiln_status_t kiln_stack_check(kiln_exec_t *exec, int32_t function_index) {
#if KILN_C_BOUNDED
#if defined(__GNUC__) || defined(__clang__)
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
#else
  volatile char probe = 0;
  uintptr_t sp = (uintptr_t)&probe;
#endif
  if (KILN_MODULE_UNLIKELY(sp < exec->stack_limit)) {
    return exec->services->native_stack_overflow(exec, function_index);
  }
#else
  (void)exec;
  (void)function_index;
#endif
  return KILN_OK;
}

/* The current C stack pointer: the bottom of the calling function's frame
 * once it is inlined (an address in the helper's own frame, lower still,
 * where inline assembly is not available). */
KILN_MODULE_INLINE uintptr_t kiln_stack_pointer(void) {
#if defined(__GNUC__) && defined(__x86_64__)
  uintptr_t sp;
  __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
  return sp;
#elif defined(__GNUC__) && defined(__aarch64__)
  uintptr_t sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  return sp;
#else
  volatile char probe = 0;
  return (uintptr_t)&probe;
#endif
}

/* Light frames between two native stack checks of a recursive light
 * function (see "Bounded modules"). */
enum { KILN_STACK_CHECK_INTERVAL = 8 };

/* The native stack check emitted C makes (see "Bounded modules"): fails
 * when fewer than `margin` bytes are left above exec->stack_limit below the
 * current frame. KILN_OK without KILN_C_BOUNDED. */
KILN_MODULE_INLINE kiln_status_t kiln_stack_check_margin(kiln_exec_t *exec, int32_t function_index,
                                                         int64_t margin) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(kiln_stack_pointer() < exec->stack_limit + (uintptr_t)margin)) {
    return exec->services->native_stack_overflow(exec, function_index);
  }
#else
  (void)exec;
  (void)function_index;
  (void)margin;
#endif
  return KILN_OK;
}

/* The same for a small recursive light function, at every
 * KILN_STACK_CHECK_INTERVAL-th light depth only: `margin` covers the frames
 * of the levels in between. (Emitted C calls kiln_light_stack_check_fuel
 * below, before the first call of each block.) */
KILN_MODULE_INLINE kiln_status_t kiln_light_stack_check(kiln_exec_t *exec, int32_t depth,
                                                        int32_t function_index, int64_t margin) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(depth % KILN_STACK_CHECK_INTERVAL == 0)) {
    return kiln_stack_check_margin(exec, function_index, margin);
  }
#else
  (void)exec;
  (void)depth;
  (void)function_index;
  (void)margin;
#endif
  return KILN_OK;
}

/* ---- The entry checks of a light function that counts fuel ----------------
 * kiln_light_enter, kiln_stack_check_margin and kiln_light_stack_check for
 * a light function whose local fuel count is `*fuel` (see "Light
 * functions' fuel" below). Bounded, their runtime call (always an error)
 * takes the count through exec->fuel, as kiln_light_fuel_tick does, so the
 * count need not stay in a register across it: a leaf path then keeps the
 * count in the registers it arrives and leaves in. Unbounded, they are the
 * plain checks. */
KILN_MODULE_INLINE kiln_status_t kiln_light_enter_fuel(kiln_exec_t *exec, int32_t depth,
                                                       int32_t function_index, int64_t *fuel) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(depth >= exec->light_limit)) {
    kiln_status_t st;
    exec->fuel = *fuel;
    st = exec->services->light_overflow(exec, function_index);
    *fuel = exec->fuel;
    return st;
  }
  return KILN_OK;
#else
  (void)fuel;
  return kiln_light_enter(exec, depth, function_index);
#endif
}

KILN_MODULE_INLINE kiln_status_t kiln_stack_check_margin_fuel(kiln_exec_t *exec,
                                                              int32_t function_index,
                                                              int64_t margin, int64_t *fuel) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(kiln_stack_pointer() < exec->stack_limit + (uintptr_t)margin)) {
    kiln_status_t st;
    exec->fuel = *fuel;
    st = exec->services->native_stack_overflow(exec, function_index);
    *fuel = exec->fuel;
    return st;
  }
  return KILN_OK;
#else
  (void)fuel;
  return kiln_stack_check_margin(exec, function_index, margin);
#endif
}

KILN_MODULE_INLINE kiln_status_t kiln_light_stack_check_fuel(kiln_exec_t *exec, int32_t depth,
                                                             int32_t function_index, int64_t margin,
                                                             int64_t *fuel) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(depth % KILN_STACK_CHECK_INTERVAL == 0)) {
    return kiln_stack_check_margin_fuel(exec, function_index, margin, fuel);
  }
  return KILN_OK;
#else
  (void)fuel;
  return kiln_light_stack_check(exec, depth, function_index, margin);
#endif
}

/* ---- Light functions' fuel (see "Bounded modules") -------------------------
 * The return word of a light function (the whole return value, or the `st`
 * field of its {status, result} pair). Bounded: the fuel left (>= 0) on
 * success; on failure the status, shifted right by one (statuses are even
 * pointers) with the sign bit set. Unbounded: the status itself (0 on
 * success). */
typedef int64_t kiln_light_ret_t;

/* A light function's local fuel count from its `fuel` parameter (0 without
 * KILN_C_BOUNDED, so the parameter is dead and the compiler drops it). */
KILN_MODULE_INLINE int64_t kiln_light_fuel_param(int64_t fuel) {
#if KILN_C_BOUNDED
  return fuel;
#else
  (void)fuel;
  return 0;
#endif
}

/* The fuel a VM frame or an entry point passes to the light function it
 * calls: the invocation's count, exec->fuel. */
KILN_MODULE_INLINE int64_t kiln_light_fuel_in(kiln_exec_t *exec) {
#if KILN_C_BOUNDED
  return exec->fuel;
#else
  (void)exec;
  return 0;
#endif
}

/* One unit of fuel in a light function's local count; the next slice (or
 * the error) comes from services->refuel through exec->fuel. */
KILN_MODULE_INLINE kiln_status_t kiln_light_fuel_tick(kiln_exec_t *exec, int64_t *fuel) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(--*fuel < 0)) {
    kiln_status_t st;
    exec->fuel = *fuel;
    st = exec->services->refuel(exec);
    *fuel = exec->fuel;
    return st;
  }
#else
  (void)exec;
  (void)fuel;
#endif
  return KILN_OK;
}

/* ---- Counted loops' fuel (see "Bounded modules") --------------------------
 * vm.fuel.prepay_loop, at an entry of a counted loop's header whose test
 * `iv < ub` passed (the entry already counted its unit): the loop has
 * ceil((ub - iv) / step) iterations left (step > 0; exact, in unsigned
 * arithmetic). Takes one unit for each header entry of up to all but the
 * first of them from `*fuel` -- never more than it holds, so it never
 * fails and never takes a new slice: deadlines and cancellation are
 * checked where the header's own count refills, as without prepaying --
 * and returns how many iterations run before the header counts again (one
 * plus the units taken; an unsigned count in an int64_t). Without
 * KILN_C_BOUNDED it takes nothing and returns all the iterations left. */
KILN_MODULE_INLINE int64_t kiln_prepay_loop_units(int64_t *fuel, int64_t iv, int64_t ub,
                                                  int64_t step) {
  uint64_t more = ((uint64_t)ub - (uint64_t)iv - 1u) / (uint64_t)step;
#if KILN_C_BOUNDED
  uint64_t held = *fuel > 0 ? (uint64_t)*fuel : 0u;
  if (more > held)
    more = held;
  *fuel -= (int64_t)more;
#else
  (void)fuel;
#endif
  return (int64_t)(more + 1u);
}

/* The same on the invocation's count (a function with a VM frame). */
KILN_MODULE_INLINE int64_t kiln_fuel_prepay_loop(kiln_exec_t *exec, int64_t iv, int64_t ub,
                                                 int64_t step) {
  return kiln_prepay_loop_units(&exec->fuel, iv, ub, step);
}

/* The same on a light function's local count. */
KILN_MODULE_INLINE int64_t kiln_light_fuel_prepay_loop(int64_t *fuel, int64_t iv, int64_t ub,
                                                       int64_t step) {
  return kiln_prepay_loop_units(fuel, iv, ub, step);
}

/* A light function's return word from its status and local count. */
KILN_MODULE_INLINE kiln_light_ret_t kiln_light_return(kiln_status_t status, int64_t fuel) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(status != KILN_OK)) {
    return (kiln_light_ret_t)((uint64_t)((uintptr_t)status >> 1) | ((uint64_t)1 << 63));
  }
  return fuel;
#else
  (void)fuel;
  return (kiln_light_ret_t)(uintptr_t)status;
#endif
}

/* Leaves a light frame (kiln_light_leave) with its return word. The fuel
 * count is read on the success path only, so an error exit does not keep
 * it alive (services->light_trace never returns KILN_OK). */
KILN_MODULE_INLINE kiln_light_ret_t kiln_light_exit(kiln_exec_t *exec, kiln_status_t status,
                                                    int32_t function_index,
                                                    const kiln_source_loc_t *loc, int64_t fuel) {
  if (KILN_MODULE_UNLIKELY(status != KILN_OK)) {
    return kiln_light_return(exec->services->light_trace(exec, status, function_index, loc), 0);
  }
  return kiln_light_return(KILN_OK, fuel);
}

/* The status in a light callee's return word (for a light caller). */
KILN_MODULE_INLINE kiln_status_t kiln_light_status(kiln_light_ret_t word) {
#if KILN_C_BOUNDED
  if (KILN_MODULE_UNLIKELY(word < 0)) {
    return (kiln_status_t)(uintptr_t)((uint64_t)word << 1);
  }
  return KILN_OK;
#else
  return (kiln_status_t)(uintptr_t)word;
#endif
}

/* The fuel a light caller has left after its light callee succeeded. */
KILN_MODULE_INLINE int64_t kiln_light_fuel_left(kiln_light_ret_t word) {
#if KILN_C_BOUNDED
  return word;
#else
  (void)word;
  return 0;
#endif
}

/* The status in a light callee's return word for a VM frame or an entry
 * point, storing the fuel left back in exec->fuel on success. */
KILN_MODULE_INLINE kiln_status_t kiln_light_result(kiln_exec_t *exec, kiln_light_ret_t word) {
#if KILN_C_BOUNDED
  kiln_status_t status = kiln_light_status(word);
  if (KILN_MODULE_UNLIKELY(status != KILN_OK))
    return status;
  exec->fuel = word;
  return KILN_OK;
#else
  (void)exec;
  return kiln_light_status(word);
#endif
}

KILN_MODULE_INLINE kiln_status_t kiln_fail(kiln_exec_t *exec, int32_t code, const char *message,
                                           const kiln_source_loc_t *loc) {
  return exec->services->make_status(exec, code, message, -1, loc);
}

KILN_MODULE_INLINE kiln_status_t kiln_op_fault(kiln_exec_t *exec, int32_t kind, int64_t a,
                                               int64_t b, int64_t c, int64_t d,
                                               const kiln_source_loc_t *loc) {
  return exec->services->op_fault(exec, kind, a, b, c, d, loc);
}

/* ---- Runtime access for emitted code ----------------------------------------
 * vm-translate --vm-to-c builds its output as MLIR emitc and prints it with
 * mlir::emitc::translateToCpp, whose calls name a function, never an
 * expression like `exec->services->x`; these one-line wrappers give every
 * service and the module state layout a name. */

KILN_MODULE_INLINE const kiln_services_t *kiln_exec_services(kiln_exec_t *exec) {
  return exec->services;
}

KILN_MODULE_INLINE kiln_status_t kiln_frame_enter(kiln_exec_t *exec, int32_t function_index,
                                                  kiln_frame_header_t **frame,
                                                  int32_t *resume_point) {
  return exec->services->frame_enter(exec, function_index, frame, resume_point);
}
KILN_MODULE_INLINE void kiln_frame_leave(kiln_exec_t *exec, kiln_status_t status) {
  exec->services->frame_leave(exec, status);
}
KILN_MODULE_INLINE void kiln_frame_suspend(kiln_exec_t *exec, int32_t resume_point) {
  exec->services->frame_suspend(exec, resume_point);
}
KILN_MODULE_INLINE kiln_frame_header_t kiln_frame_header_empty(void) {
  kiln_frame_header_t header = {NULL, NULL};
  return header;
}
KILN_MODULE_INLINE int32_t kiln_import_resolved(kiln_exec_t *exec, int32_t ordinal) {
  return exec->services->import_resolved(exec, ordinal);
}
KILN_MODULE_INLINE kiln_status_t kiln_call_import(kiln_exec_t *exec, int32_t ordinal,
                                                  const void *arguments, size_t arguments_size,
                                                  void *results, size_t results_size) {
  return exec->services->call_import(exec, ordinal, arguments, arguments_size, results,
                                     results_size);
}

/* Ref types the runtime knows, by kind (emitted code cannot name
 * services->buffer_type). */
enum { KILN_REF_KIND_ANY = 0, KILN_REF_KIND_BUFFER = 1, KILN_REF_KIND_LIST = 2 };
KILN_MODULE_INLINE const kiln_ref_type_t *kiln_ref_kind_type(kiln_exec_t *exec, int32_t kind) {
  return kind == KILN_REF_KIND_BUFFER ? exec->services->buffer_type
         : kind == KILN_REF_KIND_LIST ? exec->services->list_type
                                      : NULL;
}
/* 1 if `r` is NULL or of ref kind `kind`. */
KILN_MODULE_INLINE int32_t kiln_ref_has_kind(kiln_exec_t *exec, kiln_ref_t r, int32_t kind) {
  return !r || kind == KILN_REF_KIND_ANY || r->type == kiln_ref_kind_type(exec, kind);
}
/* 1 if `r` is a non-NULL ref of kind `kind` (a buffer or list operand). */
KILN_MODULE_INLINE int32_t kiln_ref_is_kind(kiln_exec_t *exec, kiln_ref_t r, int32_t kind) {
  return r && r->type == kiln_ref_kind_type(exec, kind);
}
/* A buffer value's span read once where the value is defined (emitted C
 * keeps it in locals the C compiler can keep in registers): 1 and the span
 * when `r` is a non-NULL vm.buffer; else 0 and an empty span (an access
 * then fails with kiln_ref_kind_error). A buffer's data, length and access
 * never change while a reference to it is held. */
KILN_MODULE_INLINE int32_t kiln_buffer_span_of(kiln_exec_t *exec, kiln_ref_t r, uint8_t **data,
                                               uint64_t *length, int32_t *writable) {
  if (!kiln_ref_is_kind(exec, r, KILN_REF_KIND_BUFFER)) {
    *data = NULL;
    *length = 0;
    *writable = 0;
    return 0;
  }
  kiln_buffer_span(r, data, length, writable);
  return 1;
}
/* The runtime's error for a ref that is NULL or not of kind `kind`. */
KILN_MODULE_INLINE kiln_status_t kiln_ref_kind_error(kiln_exec_t *exec, kiln_ref_t r,
                                                     int32_t kind) {
  return exec->services->ref_type_error(exec, r, kiln_ref_kind_type(exec, kind));
}

/* 1 if `r` is NULL or of the ref type registered as `name`: object types the
 * compiler knows only by name (`!vm.ref<!hal.buffer>` checks "hal.buffer"). */
KILN_MODULE_INLINE int32_t kiln_ref_has_type_named(kiln_ref_t r, const char *name) {
  const char *have;
  if (!r)
    return 1;
  have = r->type->name;
  while (*have && *have == *name) {
    ++have;
    ++name;
  }
  return *have == *name;
}
/* The runtime's error for a ref that is not of the type named `name`. */
KILN_MODULE_INLINE kiln_status_t kiln_ref_type_named_error(kiln_exec_t *exec, kiln_ref_t r,
                                                           const char *name) {
  kiln_ref_type_t expected;
  expected.name = name;
  expected.destroy = NULL;
  return exec->services->ref_type_error(exec, r, &expected);
}

KILN_MODULE_INLINE kiln_status_t kiln_buffer_allocate(kiln_exec_t *exec, int64_t length,
                                                      int32_t alignment, kiln_ref_t *out) {
  return exec->services->buffer_allocate(exec, length, alignment, out);
}
KILN_MODULE_INLINE kiln_status_t kiln_buffer_clone(kiln_exec_t *exec, kiln_ref_t source,
                                                   int64_t offset, int64_t length,
                                                   int32_t alignment, kiln_ref_t *out) {
  return exec->services->buffer_clone(exec, source, offset, length, alignment, out);
}
KILN_MODULE_INLINE kiln_status_t kiln_buffer_wrap_rodata(kiln_exec_t *exec, const void *data,
                                                         int64_t length, kiln_ref_t *out) {
  return exec->services->buffer_wrap_rodata(exec, data, length, out);
}

KILN_MODULE_INLINE kiln_status_t kiln_list_create(kiln_exec_t *exec, int32_t element_kind,
                                                  int32_t ref_kind, int32_t capacity,
                                                  kiln_ref_t *out) {
  return exec->services->list_create(exec, element_kind, kiln_ref_kind_type(exec, ref_kind),
                                     capacity, out);
}
KILN_MODULE_INLINE int32_t kiln_list_size(kiln_exec_t *exec, kiln_ref_t list) {
  return exec->services->list_size(list);
}
KILN_MODULE_INLINE kiln_status_t kiln_list_reserve(kiln_exec_t *exec, kiln_ref_t list,
                                                   int32_t capacity) {
  return exec->services->list_reserve(exec, list, capacity);
}
KILN_MODULE_INLINE kiln_status_t kiln_list_resize(kiln_exec_t *exec, kiln_ref_t list,
                                                  int32_t size) {
  return exec->services->list_resize(exec, list, size);
}
KILN_MODULE_INLINE kiln_status_t kiln_list_get(kiln_exec_t *exec, kiln_ref_t list, int32_t index,
                                               char code, void *value) {
  return exec->services->list_get(exec, list, index, code, value);
}
KILN_MODULE_INLINE kiln_status_t kiln_list_set(kiln_exec_t *exec, kiln_ref_t list, int32_t index,
                                               char code, const void *value) {
  return exec->services->list_set(exec, list, index, code, value);
}

/* Module state layout: the scalar globals' bytes first (their size rounded
 * up to 16 by the generator), then the ref globals, so both areas are
 * reached from the state pointer and one generated constant. */
KILN_MODULE_INLINE uint8_t *kiln_state_bytes(void *state) { return (uint8_t *)state; }
KILN_MODULE_INLINE kiln_ref_t *kiln_state_ref(void *state, int64_t refs_offset, int64_t ordinal) {
  return (kiln_ref_t *)(void *)((uint8_t *)state + refs_offset) + ordinal;
}
KILN_MODULE_INLINE kiln_ref_t kiln_state_ref_get(void *state, int64_t refs_offset,
                                                 int64_t ordinal) {
  return *kiln_state_ref(state, refs_offset, ordinal);
}
KILN_MODULE_INLINE void kiln_state_release_refs(const kiln_services_t *s, void *state,
                                                int64_t refs_offset, int64_t count) {
  int64_t i;
  for (i = 0; i < count; ++i)
    kiln_ref_reset(s, kiln_state_ref(state, refs_offset, i));
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_C_MODULE_H_ */
