/* Compiles kiln/c/ops.h as strict C11 so the header stays valid C. */
#include "kiln/c/ops.h"

int kiln_c_ops_c11_check(int32_t a, int32_t b) {
  int32_t q = 0;
  if (kiln_div_i32_s(a, b, &q) != KILN_OP_OK)
    return -1;
  return q + kiln_cast_f32_si32(kiln_min_f32(1.0f, 2.0f));
}
