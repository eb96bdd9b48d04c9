/* A hand-written bounded C module (KILN_C_BOUNDED, ABI 5), used by
 * c_module_bounded_test: module "deep".
 *   export deep(i32) -> i32   recursion n levels deep with an 8 KiB frame
 *                             per level; kiln_stack_check on entry
 *   export spin(i32) -> i32   counts to n with a fuel tick per iteration
 *                             (n < 0: forever)
 * Light frames, as emitted C uses for functions that cannot suspend.
 */
#define KILN_C_BOUNDED 1
#include "kiln/c/module.h"

static const kiln_source_loc_t loc_deep = {"deep.mlir", 3, 5, 1, NULL, NULL};
static const kiln_source_loc_t loc_spin = {"deep.mlir", 9, 5, 1, NULL, NULL};

static kiln_status_t deep_rec(kiln_exec_t *exec, int32_t depth, int32_t n, int32_t *out) {
  volatile char frame[8192];
  kiln_status_t st = kiln_light_enter(exec, depth, 0);
  if (st)
    return st;
  st = kiln_stack_check(exec, 0);
  if (!st)
    st = kiln_fuel_tick(exec);
  if (!st) {
    frame[0] = (char)(n & 1);
    frame[sizeof(frame) - 1] = frame[0];
    if (n <= 0) {
      *out = 0;
    } else {
      int32_t inner = 0;
      st = deep_rec(exec, depth + 1, n - 1, &inner);
      if (!st)
        *out = inner + 1 + frame[sizeof(frame) - 1] - frame[0];
    }
  }
  return kiln_light_leave(exec, st, 0, &loc_deep);
}

static kiln_status_t deep_entry(kiln_exec_t *exec, void *state, const void *args, void *results) {
  const struct { int32_t n; } *in = args;
  struct {
    int32_t r;
  } *out = results;
  (void)state;
  return deep_rec(exec, 0, in->n, &out->r);
}

static kiln_status_t spin_entry(kiln_exec_t *exec, void *state, const void *args, void *results) {
  const struct { int32_t n; } *in = args;
  struct {
    int32_t r;
  } *out = results;
  kiln_status_t st = kiln_light_enter(exec, 0, 1);
  int32_t i = 0;
  (void)state;
  if (st)
    return st;
  for (;;) {
    if (in->n >= 0 && i >= in->n)
      break;
    st = kiln_fuel_tick(exec);
    if (st)
      break;
    ++i;
  }
  out->r = i;
  return kiln_light_leave(exec, st, 1, &loc_spin);
}

static const kiln_function_desc_t deep_functions[] = {
    {"deep", "0i_i", deep_entry, 0, 0},
    {"spin", "0i_i", spin_entry, 0, 0},
};
static const kiln_export_desc_t deep_exports[] = {
    {"deep", "0i_i", 0},
    {"spin", "0i_i", 1},
};
static const kiln_module_desc_t deep_descriptor = {
    KILN_MODULE_ABI_VERSION,
    sizeof(kiln_module_desc_t),
    "deep",
    0,
    0,
    NULL,
    2,
    deep_exports,
    2,
    deep_functions,
    0,
    NULL,
    NULL,
    KILN_MODULE_BUILD_FLAGS,
};

const kiln_module_desc_t *kiln_test_deep_module(void);
const kiln_module_desc_t *kiln_test_deep_module(void) { return &deep_descriptor; }
