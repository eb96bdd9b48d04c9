/* A hand-written C module against kiln/c/module.h, used by c_module_test.
 * Module "cmath":
 *   import native.twice : 0i_i
 *   export add(i32, i32) -> i32
 *   export div(i32, i32) -> i32        division by zero fails with a location
 *                                      (in a VM frame: frame_enter/leave)
 *   export sum3(i32, i32, i32) -> i32  internal direct C calls
 *   export call_twice(i32) -> i32      calls the import
 *   export bump() -> i32               per-context state
 *   export buf_len(ref) -> i64         buffer services
 */
#include "kiln/c/module.h"
#include "kiln/c/ops.h"

typedef struct {
  int32_t counter;
} cmath_state_t;

static const kiln_source_loc_t loc_div = {"cmath.mlir", 12, 5, 3, NULL, NULL};
static const kiln_source_loc_t loc_buf = {"cmath.mlir", 30, 7, 1, NULL, NULL};

static kiln_status_t cmath_add_impl(kiln_exec_t *exec, cmath_state_t *state, int32_t a, int32_t b,
                                    int32_t *out) {
  (void)exec;
  (void)state;
  *out = kiln_add_i32(a, b);
  return KILN_OK;
}

static kiln_status_t cmath_add(kiln_exec_t *exec, void *state, const void *args, void *results) {
  const struct {
    int32_t a;
    int32_t b;
  } *in = args;
  struct {
    int32_t r;
  } *out = results;
  return cmath_add_impl(exec, (cmath_state_t *)state, in->a, in->b, &out->r);
}

static kiln_status_t cmath_div(kiln_exec_t *exec, void *state, const void *args, void *results) {
  const struct {
    int32_t a;
    int32_t b;
  } *in = args;
  struct {
    int32_t r;
  } *out = results;
  kiln_frame_header_t *frame;
  int32_t resume_point;
  kiln_status_t st = exec->services->frame_enter(exec, 1, &frame, &resume_point);
  (void)state;
  if (st)
    return st;
  if (kiln_div_i32_s(in->a, in->b, &out->r) != KILN_OP_OK) {
    frame->loc = &loc_div;
    st = kiln_fail(exec, KILN_STATUS_INVALID_ARGUMENT, "division by zero", NULL);
  }
  exec->services->frame_leave(exec, st);
  return st;
}

static kiln_status_t cmath_sum3(kiln_exec_t *exec, void *state, const void *args, void *results) {
  const struct {
    int32_t a;
    int32_t b;
    int32_t c;
  } *in = args;
  struct {
    int32_t r;
  } *out = results;
  int32_t t;
  kiln_status_t st = cmath_add_impl(exec, (cmath_state_t *)state, in->a, in->b, &t);
  if (st)
    return st;
  return cmath_add_impl(exec, (cmath_state_t *)state, t, in->c, &out->r);
}

static kiln_status_t cmath_call_twice(kiln_exec_t *exec, void *state, const void *args,
                                      void *results) {
  struct {
    int32_t a;
  } in;
  struct {
    int32_t r;
  } r;
  kiln_status_t st;
  (void)state;
  in.a = ((const int32_t *)args)[0];
  st = exec->services->call_import(exec, 0, &in, sizeof(in), &r, sizeof(r));
  if (st)
    return st;
  ((int32_t *)results)[0] = kiln_add_i32(r.r, 1);
  return KILN_OK;
}

static kiln_status_t cmath_bump(kiln_exec_t *exec, void *state, const void *args, void *results) {
  cmath_state_t *s = (cmath_state_t *)state;
  (void)exec;
  (void)args;
  s->counter = kiln_add_i32(s->counter, 1);
  ((int32_t *)results)[0] = s->counter;
  return KILN_OK;
}

static kiln_status_t cmath_buf_len(kiln_exec_t *exec, void *state, const void *args,
                                   void *results) {
  kiln_ref_t buffer = ((const kiln_ref_t *)args)[0];
  uint8_t *data;
  uint64_t length;
  int32_t writable;
  (void)state;
  if (!buffer || buffer->type != exec->services->buffer_type) {
    return kiln_fail(exec, KILN_STATUS_INVALID_ARGUMENT, "expected a vm.buffer", &loc_buf);
  }
  exec->services->buffer_span(buffer, &data, &length, &writable);
  ((int64_t *)results)[0] = (int64_t)length;
  return KILN_OK;
}

static kiln_status_t cmath_state_init(kiln_exec_t *exec, void *state) {
  (void)exec;
  ((cmath_state_t *)state)->counter = 100;
  return KILN_OK;
}

static const kiln_import_desc_t cmath_imports[] = {
    {"native.twice", "0i_i", 0},
};
static const kiln_function_desc_t cmath_functions[] = {
    {"add", "0ii_i", cmath_add, 0, 0},
    {"div", "0ii_i", cmath_div, sizeof(kiln_frame_header_t), 0},
    {"sum3", "0iii_i", cmath_sum3, 0, 0},
    {"call_twice", "0i_i", cmath_call_twice, 0, 0},
    {"bump", "0v_i", cmath_bump, 0, 0},
    {"buf_len", "0r_I", cmath_buf_len, 0, 0},
};
static const kiln_export_desc_t cmath_exports[] = {
    {"add", "0ii_i", 0},       {"div", "0ii_i", 1}, {"sum3", "0iii_i", 2},
    {"call_twice", "0i_i", 3}, {"bump", "0v_i", 4}, {"buf_len", "0r_I", 5},
};
static const kiln_module_desc_t cmath_descriptor = {
    KILN_MODULE_ABI_VERSION,
    sizeof(kiln_module_desc_t),
    "cmath",
    1,
    1,
    cmath_imports,
    6,
    cmath_exports,
    6,
    cmath_functions,
    sizeof(cmath_state_t),
    cmath_state_init,
    NULL,
    KILN_MODULE_BUILD_FLAGS,
};

const kiln_module_desc_t *kiln_test_cmath_module(void);
const kiln_module_desc_t *kiln_test_cmath_module(void) { return &cmath_descriptor; }

#if !defined(KILN_TEST_MODULE_STATIC)
const kiln_module_desc_t *kiln_module_v1_get(void);
const kiln_module_desc_t *kiln_module_v1_get(void) { return &cmath_descriptor; }
#endif
