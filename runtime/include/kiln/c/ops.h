/* The one definition of the semantics of Kiln's vm ops.
 *
 * Static inline C11 functions, also valid C++ (the interpreter includes this
 * header; emitted C modules include it too), so the bytecode interpreter and
 * emitted C agree by construction. A semantic fix lands here and nowhere else.
 *
 * Conventions:
 *  - i32/i64 arithmetic wraps (two's complement); no op has undefined
 *    behavior for any input.
 *  - Integer division and remainder report division by zero through their
 *    return value (KILN_OP_OK / KILN_OP_DIV_BY_ZERO) and write the result
 *    through a pointer. INT_MIN / -1 is NOT an error: the quotient wraps to
 *    INT_MIN and the remainder is 0.
 *  - Shift amounts are masked to the operand width (amount & 31 / & 63).
 *  - Float min/max follow IREE: min = rhs < lhs ? rhs : lhs,
 *    max = lhs < rhs ? rhs : lhs (so a NaN lhs is returned as is, and a NaN
 *    rhs yields lhs).
 *  - round is half away from zero; round.even is half to even; rem.f is the
 *    IEEE remainder() (not fmod).
 *  - Float -> int casts round to nearest, ties away from zero (IREE's
 *    lround/APFloat rmNearestTiesToAway), saturate to the target range, and
 *    map NaN to 0.
 *  - cmp.eq.f*.near: what IREE's expansion of the op computes. Operands on
 *    different sides of zero (x >= 0, ordered: -0.0 is non-negative, NaN is
 *    not) are near iff they compare equal; otherwise iff the wrapping
 *    difference of their bit patterns, as a signed integer whose absolute
 *    value keeps INT_MIN as INT_MIN, is below 100 (f32) or 50000000000
 *    (f64). So NaN is near itself and +0.0 near -0.0 (docs/semantics.md).
 *  - Buffer load/store/fill offsets and lengths are in ELEMENTS of the access
 *    type (IREE semantics); copy/compare/clone/hash use bytes. The
 *    kiln_buffer_range_* helpers turn an element range into a checked byte
 *    range.
 */
#ifndef KILN_C_OPS_H_
#define KILN_C_OPS_H_

#include <math.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The LLVM target compiles these helpers to bitcode with KILN_OP_INLINE
 * predefined (to nothing: external definitions it links and inlines). */
#ifndef KILN_OP_INLINE
#if defined(__GNUC__) || defined(__clang__)
#define KILN_OP_INLINE static inline __attribute__((always_inline))
#else
#define KILN_OP_INLINE static inline
#endif
#endif

/* The libm calls below (exp, log, sin, pow, ...) take their operands
 * through kiln_opaque_*. A C compiler that sees a constant operand computes
 * such a call itself, correctly rounded (GCC through MPFR, LLVM through the
 * host's libm in double precision), while the libm the call reaches at run
 * time may be off in the last place (glibc 2.36's log1pf(2.5f) is one ulp
 * above the correctly rounded value). The VM leaves these ops to run time
 * in every form, so emitted C and the LLVM form must not evaluate them
 * early either; the fuzzed differential test found the difference. Exact
 * ops (sqrt, fma, rounding) need no such care. */
#if defined(__GNUC__) || defined(__clang__)
KILN_OP_INLINE float kiln_opaque_f32(float v) {
  __asm__("" : "+m"(v));
  return v;
}
KILN_OP_INLINE double kiln_opaque_f64(double v) {
  __asm__("" : "+m"(v));
  return v;
}
#else
KILN_OP_INLINE float kiln_opaque_f32(float v) {
  volatile float opaque = v;
  return opaque;
}
KILN_OP_INLINE double kiln_opaque_f64(double v) {
  volatile double opaque = v;
  return opaque;
}
#endif

enum { KILN_OP_OK = 0, KILN_OP_DIV_BY_ZERO = 1, KILN_OP_OUT_OF_RANGE = 2, KILN_OP_INVALID = 3 };

/* ---- Bit casts --------------------------------------------------------- */

KILN_OP_INLINE float kiln_bitcast_i32_f32(int32_t v) {
  float r;
  memcpy(&r, &v, 4);
  return r;
}
KILN_OP_INLINE int32_t kiln_bitcast_f32_i32(float v) {
  int32_t r;
  memcpy(&r, &v, 4);
  return r;
}
KILN_OP_INLINE double kiln_bitcast_i64_f64(int64_t v) {
  double r;
  memcpy(&r, &v, 8);
  return r;
}
KILN_OP_INLINE int64_t kiln_bitcast_f64_i64(double v) {
  int64_t r;
  memcpy(&r, &v, 8);
  return r;
}

/* ---- Integer arithmetic (wrapping) -------------------------------------- */

KILN_OP_INLINE int32_t kiln_add_i32(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a + (uint32_t)b);
}
KILN_OP_INLINE int32_t kiln_sub_i32(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a - (uint32_t)b);
}
KILN_OP_INLINE int32_t kiln_mul_i32(int32_t a, int32_t b) {
  return (int32_t)((uint32_t)a * (uint32_t)b);
}
KILN_OP_INLINE int32_t kiln_fma_i32(int32_t a, int32_t b, int32_t c) {
  return (int32_t)((uint32_t)a * (uint32_t)b + (uint32_t)c);
}
KILN_OP_INLINE int32_t kiln_neg_i32(int32_t a) { return (int32_t)(0u - (uint32_t)a); }
/* abs(INT32_MIN) == INT32_MIN (wraps). */
KILN_OP_INLINE int32_t kiln_abs_i32(int32_t a) { return a < 0 ? kiln_neg_i32(a) : a; }

KILN_OP_INLINE int kiln_div_i32_s(int32_t a, int32_t b, int32_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  if (b == -1) {
    *out = kiln_neg_i32(a);
    return KILN_OP_OK;
  } /* INT_MIN/-1 wraps */
  *out = a / b;
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_div_i32_u(int32_t a, int32_t b, int32_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  *out = (int32_t)((uint32_t)a / (uint32_t)b);
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_rem_i32_s(int32_t a, int32_t b, int32_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  if (b == -1) {
    *out = 0;
    return KILN_OP_OK;
  }
  *out = a % b;
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_rem_i32_u(int32_t a, int32_t b, int32_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  *out = (int32_t)((uint32_t)a % (uint32_t)b);
  return KILN_OP_OK;
}

KILN_OP_INLINE int32_t kiln_min_i32_s(int32_t a, int32_t b) { return b < a ? b : a; }
KILN_OP_INLINE int32_t kiln_max_i32_s(int32_t a, int32_t b) { return a < b ? b : a; }
KILN_OP_INLINE int32_t kiln_min_i32_u(int32_t a, int32_t b) {
  return (uint32_t)b < (uint32_t)a ? b : a;
}
KILN_OP_INLINE int32_t kiln_max_i32_u(int32_t a, int32_t b) {
  return (uint32_t)a < (uint32_t)b ? b : a;
}
KILN_OP_INLINE int32_t kiln_not_i32(int32_t a) { return ~a; }
KILN_OP_INLINE int32_t kiln_and_i32(int32_t a, int32_t b) { return a & b; }
KILN_OP_INLINE int32_t kiln_or_i32(int32_t a, int32_t b) { return a | b; }
KILN_OP_INLINE int32_t kiln_xor_i32(int32_t a, int32_t b) { return a ^ b; }
KILN_OP_INLINE int32_t kiln_shl_i32(int32_t a, int32_t n) {
  return (int32_t)((uint32_t)a << (n & 31));
}
KILN_OP_INLINE int32_t kiln_shr_i32_s(int32_t a, int32_t n) { return a >> (n & 31); }
KILN_OP_INLINE int32_t kiln_shr_i32_u(int32_t a, int32_t n) {
  return (int32_t)((uint32_t)a >> (n & 31));
}
KILN_OP_INLINE int32_t kiln_ctlz_i32(int32_t a) {
  uint32_t v = (uint32_t)a;
  if (v == 0)
    return 32;
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_clz(v);
#else
  int32_t n = 0;
  while (!(v & 0x80000000u)) {
    v <<= 1;
    ++n;
  }
  return n;
#endif
}

KILN_OP_INLINE int64_t kiln_add_i64(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a + (uint64_t)b);
}
KILN_OP_INLINE int64_t kiln_sub_i64(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a - (uint64_t)b);
}
KILN_OP_INLINE int64_t kiln_mul_i64(int64_t a, int64_t b) {
  return (int64_t)((uint64_t)a * (uint64_t)b);
}
KILN_OP_INLINE int64_t kiln_fma_i64(int64_t a, int64_t b, int64_t c) {
  return (int64_t)((uint64_t)a * (uint64_t)b + (uint64_t)c);
}
KILN_OP_INLINE int64_t kiln_neg_i64(int64_t a) { return (int64_t)(0u - (uint64_t)a); }
KILN_OP_INLINE int64_t kiln_abs_i64(int64_t a) { return a < 0 ? kiln_neg_i64(a) : a; }
KILN_OP_INLINE int kiln_div_i64_s(int64_t a, int64_t b, int64_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  if (b == -1) {
    *out = kiln_neg_i64(a);
    return KILN_OP_OK;
  }
  *out = a / b;
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_div_i64_u(int64_t a, int64_t b, int64_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  *out = (int64_t)((uint64_t)a / (uint64_t)b);
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_rem_i64_s(int64_t a, int64_t b, int64_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  if (b == -1) {
    *out = 0;
    return KILN_OP_OK;
  }
  *out = a % b;
  return KILN_OP_OK;
}
KILN_OP_INLINE int kiln_rem_i64_u(int64_t a, int64_t b, int64_t *out) {
  if (b == 0)
    return KILN_OP_DIV_BY_ZERO;
  *out = (int64_t)((uint64_t)a % (uint64_t)b);
  return KILN_OP_OK;
}
KILN_OP_INLINE int64_t kiln_min_i64_s(int64_t a, int64_t b) { return b < a ? b : a; }
KILN_OP_INLINE int64_t kiln_max_i64_s(int64_t a, int64_t b) { return a < b ? b : a; }
KILN_OP_INLINE int64_t kiln_min_i64_u(int64_t a, int64_t b) {
  return (uint64_t)b < (uint64_t)a ? b : a;
}
KILN_OP_INLINE int64_t kiln_max_i64_u(int64_t a, int64_t b) {
  return (uint64_t)a < (uint64_t)b ? b : a;
}
KILN_OP_INLINE int64_t kiln_not_i64(int64_t a) { return ~a; }
KILN_OP_INLINE int64_t kiln_and_i64(int64_t a, int64_t b) { return a & b; }
KILN_OP_INLINE int64_t kiln_or_i64(int64_t a, int64_t b) { return a | b; }
KILN_OP_INLINE int64_t kiln_xor_i64(int64_t a, int64_t b) { return a ^ b; }
KILN_OP_INLINE int64_t kiln_shl_i64(int64_t a, int32_t n) {
  return (int64_t)((uint64_t)a << (n & 63));
}
KILN_OP_INLINE int64_t kiln_shr_i64_s(int64_t a, int32_t n) { return a >> (n & 63); }
KILN_OP_INLINE int64_t kiln_shr_i64_u(int64_t a, int32_t n) {
  return (int64_t)((uint64_t)a >> (n & 63));
}
KILN_OP_INLINE int64_t kiln_ctlz_i64(int64_t a) {
  uint64_t v = (uint64_t)a;
  if (v == 0)
    return 64;
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_clzll(v);
#else
  int64_t n = 0;
  while (!(v & 0x8000000000000000ull)) {
    v <<= 1;
    ++n;
  }
  return n;
#endif
}

/* ---- Floating point ---------------------------------------------------- */

KILN_OP_INLINE float kiln_add_f32(float a, float b) { return a + b; }
KILN_OP_INLINE float kiln_sub_f32(float a, float b) { return a - b; }
KILN_OP_INLINE float kiln_mul_f32(float a, float b) { return a * b; }
KILN_OP_INLINE float kiln_div_f32(float a, float b) { return a / b; }
KILN_OP_INLINE float kiln_rem_f32(float a, float b) { return remainderf(a, b); }
KILN_OP_INLINE float kiln_fma_f32(float a, float b, float c) { return fmaf(a, b, c); }
KILN_OP_INLINE float kiln_abs_f32(float a) { return fabsf(a); }
KILN_OP_INLINE float kiln_neg_f32(float a) { return -a; }
KILN_OP_INLINE float kiln_ceil_f32(float a) { return ceilf(a); }
KILN_OP_INLINE float kiln_floor_f32(float a) { return floorf(a); }
KILN_OP_INLINE float kiln_round_f32(float a) { return roundf(a); }
KILN_OP_INLINE float kiln_round_even_f32(float a) {
  /* nearbyint in the default rounding mode (to nearest, ties to even). */
  return nearbyintf(a);
}
KILN_OP_INLINE float kiln_min_f32(float a, float b) { return b < a ? b : a; }
KILN_OP_INLINE float kiln_max_f32(float a, float b) { return a < b ? b : a; }
KILN_OP_INLINE float kiln_atan_f32(float a) { return atanf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_atan2_f32(float y, float x) {
  return atan2f(kiln_opaque_f32(y), kiln_opaque_f32(x));
}
KILN_OP_INLINE float kiln_cos_f32(float a) { return cosf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_sin_f32(float a) { return sinf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_exp_f32(float a) { return expf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_exp2_f32(float a) { return exp2f(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_expm1_f32(float a) { return expm1f(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_log_f32(float a) { return logf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_log10_f32(float a) { return log10f(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_log1p_f32(float a) { return log1pf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_log2_f32(float a) { return log2f(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_pow_f32(float a, float b) {
  return powf(kiln_opaque_f32(a), kiln_opaque_f32(b));
}
KILN_OP_INLINE float kiln_rsqrt_f32(float a) { return 1.0f / sqrtf(a); }
KILN_OP_INLINE float kiln_sqrt_f32(float a) { return sqrtf(a); }
KILN_OP_INLINE float kiln_tanh_f32(float a) { return tanhf(kiln_opaque_f32(a)); }
KILN_OP_INLINE float kiln_erf_f32(float a) { return erff(kiln_opaque_f32(a)); }

KILN_OP_INLINE double kiln_add_f64(double a, double b) { return a + b; }
KILN_OP_INLINE double kiln_sub_f64(double a, double b) { return a - b; }
KILN_OP_INLINE double kiln_mul_f64(double a, double b) { return a * b; }
KILN_OP_INLINE double kiln_div_f64(double a, double b) { return a / b; }
KILN_OP_INLINE double kiln_rem_f64(double a, double b) { return remainder(a, b); }
KILN_OP_INLINE double kiln_fma_f64(double a, double b, double c) { return fma(a, b, c); }
KILN_OP_INLINE double kiln_abs_f64(double a) { return fabs(a); }
KILN_OP_INLINE double kiln_neg_f64(double a) { return -a; }
KILN_OP_INLINE double kiln_ceil_f64(double a) { return ceil(a); }
KILN_OP_INLINE double kiln_floor_f64(double a) { return floor(a); }
KILN_OP_INLINE double kiln_round_f64(double a) { return round(a); }
KILN_OP_INLINE double kiln_round_even_f64(double a) { return nearbyint(a); }
KILN_OP_INLINE double kiln_min_f64(double a, double b) { return b < a ? b : a; }
KILN_OP_INLINE double kiln_max_f64(double a, double b) { return a < b ? b : a; }
KILN_OP_INLINE double kiln_atan_f64(double a) { return atan(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_atan2_f64(double y, double x) {
  return atan2(kiln_opaque_f64(y), kiln_opaque_f64(x));
}
KILN_OP_INLINE double kiln_cos_f64(double a) { return cos(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_sin_f64(double a) { return sin(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_exp_f64(double a) { return exp(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_exp2_f64(double a) { return exp2(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_expm1_f64(double a) { return expm1(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_log_f64(double a) { return log(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_log10_f64(double a) { return log10(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_log1p_f64(double a) { return log1p(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_log2_f64(double a) { return log2(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_pow_f64(double a, double b) {
  return pow(kiln_opaque_f64(a), kiln_opaque_f64(b));
}
KILN_OP_INLINE double kiln_rsqrt_f64(double a) { return 1.0 / sqrt(a); }
KILN_OP_INLINE double kiln_sqrt_f64(double a) { return sqrt(a); }
KILN_OP_INLINE double kiln_tanh_f64(double a) { return tanh(kiln_opaque_f64(a)); }
KILN_OP_INLINE double kiln_erf_f64(double a) { return erf(kiln_opaque_f64(a)); }

/* ---- Casts and conversions --------------------------------------------- */

KILN_OP_INLINE int32_t kiln_trunc_i32_i8(int32_t a) { return (int32_t)(uint8_t)a; }
KILN_OP_INLINE int32_t kiln_trunc_i32_i16(int32_t a) { return (int32_t)(uint16_t)a; }
KILN_OP_INLINE int32_t kiln_trunc_i64_i8(int64_t a) { return (int32_t)(uint8_t)a; }
KILN_OP_INLINE int32_t kiln_trunc_i64_i16(int64_t a) { return (int32_t)(uint16_t)a; }
KILN_OP_INLINE int32_t kiln_trunc_i64_i32(int64_t a) { return (int32_t)(uint32_t)(uint64_t)a; }
KILN_OP_INLINE float kiln_trunc_f64_f32(double a) { return (float)a; }
KILN_OP_INLINE int32_t kiln_ext_i8_i32_s(int32_t a) { return (int32_t)(int8_t)a; }
KILN_OP_INLINE int32_t kiln_ext_i8_i32_u(int32_t a) { return (int32_t)(uint8_t)a; }
KILN_OP_INLINE int32_t kiln_ext_i16_i32_s(int32_t a) { return (int32_t)(int16_t)a; }
KILN_OP_INLINE int32_t kiln_ext_i16_i32_u(int32_t a) { return (int32_t)(uint16_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i8_i64_s(int32_t a) { return (int64_t)(int8_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i8_i64_u(int32_t a) { return (int64_t)(uint8_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i16_i64_s(int32_t a) { return (int64_t)(int16_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i16_i64_u(int32_t a) { return (int64_t)(uint16_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i32_i64_s(int32_t a) { return (int64_t)a; }
KILN_OP_INLINE int64_t kiln_ext_i32_i64_u(int32_t a) { return (int64_t)(uint32_t)a; }
KILN_OP_INLINE double kiln_ext_f32_f64(float a) { return (double)a; }

KILN_OP_INLINE float kiln_cast_si32_f32(int32_t a) { return (float)a; }
KILN_OP_INLINE float kiln_cast_ui32_f32(int32_t a) { return (float)(uint32_t)a; }
KILN_OP_INLINE float kiln_cast_si64_f32(int64_t a) { return (float)a; }
KILN_OP_INLINE float kiln_cast_ui64_f32(int64_t a) { return (float)(uint64_t)a; }
KILN_OP_INLINE double kiln_cast_si64_f64(int64_t a) { return (double)a; }
KILN_OP_INLINE double kiln_cast_ui64_f64(int64_t a) { return (double)(uint64_t)a; }

/* Float -> int: round half away from zero, saturate, NaN -> 0. The bounds
 * are exact powers of two, so the comparisons are exact in any width. */
KILN_OP_INLINE int32_t kiln_cast_f32_si32(float a) {
  double r;
  if (a != a)
    return 0;
  r = round((double)a);
  if (r <= -2147483648.0)
    return INT32_MIN;
  if (r >= 2147483647.0)
    return INT32_MAX;
  return (int32_t)r;
}
KILN_OP_INLINE int32_t kiln_cast_f32_ui32(float a) {
  double r;
  if (a != a)
    return 0;
  r = round((double)a);
  if (r <= 0.0)
    return 0;
  if (r >= 4294967295.0)
    return (int32_t)UINT32_MAX;
  return (int32_t)(uint32_t)r;
}
KILN_OP_INLINE int64_t kiln_cast_f64_si64(double a) {
  double r;
  if (a != a)
    return 0;
  r = round(a);
  if (r < -9223372036854775808.0)
    return INT64_MIN;
  if (r >= 9223372036854775808.0)
    return INT64_MAX;
  return (int64_t)r;
}
KILN_OP_INLINE int64_t kiln_cast_f64_ui64(double a) {
  double r;
  if (a != a)
    return 0;
  r = round(a);
  if (r <= 0.0)
    return 0;
  if (r >= 18446744073709551616.0)
    return (int64_t)UINT64_MAX;
  return (int64_t)(uint64_t)r;
}
KILN_OP_INLINE int64_t kiln_cast_f32_si64(float a) { return kiln_cast_f64_si64((double)a); }
KILN_OP_INLINE int64_t kiln_cast_f32_ui64(float a) { return kiln_cast_f64_ui64((double)a); }

/* ---- Comparisons (0 or 1) ---------------------------------------------- */

/* Integer compares. The interpreter's compare and compare-and-branch
 * opcodes, emitted C and the compile-time folders (tested against these,
 * compare_folders_test) all mean exactly these. gt/gte are lt/lte with the
 * operands swapped. */
#define KILN_INT_CMPS(W, T, U)                                                                     \
  KILN_OP_INLINE int32_t kiln_cmp_eq_##W(T a, T b) { return a == b; }                              \
  KILN_OP_INLINE int32_t kiln_cmp_ne_##W(T a, T b) { return a != b; }                              \
  KILN_OP_INLINE int32_t kiln_cmp_lt_##W##_s(T a, T b) { return a < b; }                           \
  KILN_OP_INLINE int32_t kiln_cmp_lt_##W##_u(T a, T b) { return (U)a < (U)b; }                     \
  KILN_OP_INLINE int32_t kiln_cmp_lte_##W##_s(T a, T b) { return a <= b; }                         \
  KILN_OP_INLINE int32_t kiln_cmp_lte_##W##_u(T a, T b) { return (U)a <= (U)b; }                   \
  KILN_OP_INLINE int32_t kiln_cmp_gt_##W##_s(T a, T b) { return b < a; }                           \
  KILN_OP_INLINE int32_t kiln_cmp_gt_##W##_u(T a, T b) { return (U)b < (U)a; }                     \
  KILN_OP_INLINE int32_t kiln_cmp_gte_##W##_s(T a, T b) { return b <= a; }                         \
  KILN_OP_INLINE int32_t kiln_cmp_gte_##W##_u(T a, T b) { return (U)b <= (U)a; }                   \
  KILN_OP_INLINE int32_t kiln_cmp_nz_##W(T a) { return a != 0; }
KILN_INT_CMPS(i32, int32_t, uint32_t)
KILN_INT_CMPS(i64, int64_t, uint64_t)
#undef KILN_INT_CMPS

KILN_OP_INLINE int32_t kiln_cmp_eq_f32_o(float a, float b) { return a == b; }
KILN_OP_INLINE int32_t kiln_cmp_eq_f32_u(float a, float b) { return isunordered(a, b) || a == b; }
KILN_OP_INLINE int32_t kiln_cmp_ne_f32_o(float a, float b) { return !isunordered(a, b) && a != b; }
KILN_OP_INLINE int32_t kiln_cmp_ne_f32_u(float a, float b) { return a != b; }
KILN_OP_INLINE int32_t kiln_cmp_lt_f32_o(float a, float b) { return isless(a, b); }
KILN_OP_INLINE int32_t kiln_cmp_lt_f32_u(float a, float b) {
  return isunordered(a, b) || isless(a, b);
}
KILN_OP_INLINE int32_t kiln_cmp_lte_f32_o(float a, float b) { return islessequal(a, b); }
KILN_OP_INLINE int32_t kiln_cmp_lte_f32_u(float a, float b) {
  return isunordered(a, b) || islessequal(a, b);
}
KILN_OP_INLINE int32_t kiln_cmp_nan_f32(float a) { return a != a; }
KILN_OP_INLINE int32_t kiln_cmp_nz_f32_o(float a) { return !(a != a) && a != 0.0f; }
KILN_OP_INLINE int32_t kiln_cmp_nz_f32_u(float a) { return a != 0.0f; }
KILN_OP_INLINE int32_t kiln_cmp_eq_f32_near(float a, float b) {
  uint32_t diff = (uint32_t)kiln_bitcast_f32_i32(a) - (uint32_t)kiln_bitcast_f32_i32(b);
  uint32_t magnitude = (diff & 0x80000000u) ? 0u - diff : diff;
  if (isgreaterequal(a, 0.0f) != isgreaterequal(b, 0.0f))
    return a == b;
  /* Signed |diff| < 100, where |INT_MIN| = INT_MIN (negative, so less). */
  return magnitude < 100u || magnitude == 0x80000000u;
}

KILN_OP_INLINE int32_t kiln_cmp_eq_f64_o(double a, double b) { return a == b; }
KILN_OP_INLINE int32_t kiln_cmp_eq_f64_u(double a, double b) { return isunordered(a, b) || a == b; }
KILN_OP_INLINE int32_t kiln_cmp_ne_f64_o(double a, double b) {
  return !isunordered(a, b) && a != b;
}
KILN_OP_INLINE int32_t kiln_cmp_ne_f64_u(double a, double b) { return a != b; }
KILN_OP_INLINE int32_t kiln_cmp_lt_f64_o(double a, double b) { return isless(a, b); }
KILN_OP_INLINE int32_t kiln_cmp_lt_f64_u(double a, double b) {
  return isunordered(a, b) || isless(a, b);
}
KILN_OP_INLINE int32_t kiln_cmp_lte_f64_o(double a, double b) { return islessequal(a, b); }
KILN_OP_INLINE int32_t kiln_cmp_lte_f64_u(double a, double b) {
  return isunordered(a, b) || islessequal(a, b);
}
KILN_OP_INLINE int32_t kiln_cmp_nan_f64(double a) { return a != a; }
KILN_OP_INLINE int32_t kiln_cmp_nz_f64_o(double a) { return !(a != a) && a != 0.0; }
KILN_OP_INLINE int32_t kiln_cmp_nz_f64_u(double a) { return a != 0.0; }
KILN_OP_INLINE int32_t kiln_cmp_eq_f64_near(double a, double b) {
  uint64_t diff = (uint64_t)kiln_bitcast_f64_i64(a) - (uint64_t)kiln_bitcast_f64_i64(b);
  uint64_t magnitude = (diff & 0x8000000000000000ull) ? 0u - diff : diff;
  if (isgreaterequal(a, 0.0) != isgreaterequal(b, 0.0))
    return a == b;
  return magnitude < 50000000000ull || magnitude == 0x8000000000000000ull;
}

/* ---- Buffers ------------------------------------------------------------ */

/* Checks an element range [offset, offset + count) of elements of
 * `element_size` bytes against a buffer of `buffer_length` bytes and yields
 * the byte offset. Negative values and overflow are out of range. */
KILN_OP_INLINE int kiln_buffer_range(uint64_t buffer_length, int64_t offset, int64_t count,
                                     uint32_t element_size, uint64_t *out_byte_offset) {
  uint64_t max_elements;
  if (offset < 0 || count < 0)
    return KILN_OP_OUT_OF_RANGE;
  max_elements = buffer_length / element_size;
  if ((uint64_t)offset > max_elements || (uint64_t)count > max_elements - (uint64_t)offset) {
    return KILN_OP_OUT_OF_RANGE;
  }
  *out_byte_offset = (uint64_t)offset * element_size;
  return KILN_OP_OK;
}

/* Single-element access: offset is an element index. */
KILN_OP_INLINE int kiln_buffer_element(uint64_t buffer_length, int64_t index, uint32_t element_size,
                                       uint64_t *out_byte_offset) {
  if ((uint64_t)index >= buffer_length / element_size)
    return KILN_OP_OUT_OF_RANGE;
  *out_byte_offset = (uint64_t)index * element_size;
  return KILN_OP_OK;
}

/* An element access the compiler proved in range (`in_range`: the check
 * before a versioned loop compared its first and last index with the
 * buffer's length; compiler/Transforms/VersionLoops.cpp). Native forms
 * only: bytecode, being untrusted input, checks every access. */
KILN_OP_INLINE uint64_t kiln_buffer_element_in_range(int64_t index, uint32_t element_size) {
  return (uint64_t)index * element_size;
}

/* vm.buffer.fill: `count` copies of the element_size-byte value at `value`
 * (range already checked). */
KILN_OP_INLINE void kiln_buffer_fill(uint8_t *dst, int64_t count, const void *value,
                                     uint32_t element_size) {
  int64_t i;
  for (i = 0; i < count; ++i)
    memcpy(dst + i * element_size, value, element_size);
}

/* vm.buffer.alloc / vm.buffer.clone alignment: <= 0 means 16; otherwise it
 * must be a power of two (else KILN_OP_INVALID). */
KILN_OP_INLINE int kiln_buffer_alignment(int32_t alignment, int32_t *out) {
  if (alignment <= 0) {
    *out = 16;
    return KILN_OP_OK;
  }
  if (alignment & (alignment - 1))
    return KILN_OP_INVALID;
  *out = alignment;
  return KILN_OP_OK;
}

/* ---- Globals ------------------------------------------------------------ */

/* Indirect scalar global access: `width` bytes at byte `offset` of a global
 * area of `size` bytes. */
KILN_OP_INLINE int kiln_global_range(int64_t offset, uint32_t width, uint32_t size) {
  if (offset < 0 || offset + (int64_t)width > (int64_t)size)
    return KILN_OP_OUT_OF_RANGE;
  return KILN_OP_OK;
}

/* vm.buffer.hash: IREE's value (iree_vm_buffer_hash): SipHash-2-4 with the
 * fixed key 00 01 .. 0f, the message read as little-endian 64-bit words and
 * the byte length in the top byte of the final word (length mod 256), as in
 * the SipHash reference. A hash stored by one runtime means the same thing in
 * the other. */
KILN_OP_INLINE uint64_t kiln_rotl64(uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }
KILN_OP_INLINE void kiln_sipround(uint64_t *v) {
  v[0] += v[1];
  v[1] = kiln_rotl64(v[1], 13);
  v[1] ^= v[0];
  v[0] = kiln_rotl64(v[0], 32);
  v[2] += v[3];
  v[3] = kiln_rotl64(v[3], 16);
  v[3] ^= v[2];
  v[0] += v[3];
  v[3] = kiln_rotl64(v[3], 21);
  v[3] ^= v[0];
  v[2] += v[1];
  v[1] = kiln_rotl64(v[1], 17);
  v[1] ^= v[2];
  v[2] = kiln_rotl64(v[2], 32);
}
KILN_OP_INLINE int64_t kiln_buffer_hash_bytes(const uint8_t *data, uint64_t length) {
  /* "somepseudorandomlygeneratedbytes" xor the key words 0706..00 / 0f0e..08. */
  uint64_t v[4];
  uint64_t i, m, tail;
  uint64_t words = length / 8;
  unsigned k;
  v[0] = 0x736f6d6570736575ull ^ 0x0706050403020100ull;
  v[1] = 0x646f72616e646f6dull ^ 0x0f0e0d0c0b0a0908ull;
  v[2] = 0x6c7967656e657261ull ^ 0x0706050403020100ull;
  v[3] = 0x7465646279746573ull ^ 0x0f0e0d0c0b0a0908ull;
  for (i = 0; i < words; ++i) {
    m = 0;
    for (k = 0; k < 8; ++k)
      m |= (uint64_t)data[i * 8 + k] << (8 * k);
    v[3] ^= m;
    kiln_sipround(v);
    kiln_sipround(v);
    v[0] ^= m;
  }
  tail = length << 56;
  for (k = 0; k < (unsigned)(length & 7); ++k)
    tail |= (uint64_t)data[words * 8 + k] << (8 * k);
  v[3] ^= tail;
  kiln_sipround(v);
  kiln_sipround(v);
  v[0] ^= tail;
  v[2] ^= 0xff;
  kiln_sipround(v);
  kiln_sipround(v);
  kiln_sipround(v);
  kiln_sipround(v);
  return (int64_t)(v[0] ^ v[1] ^ v[2] ^ v[3]);
}

/* ---- Faults ---------------------------------------------------------------
 * What a failing op reports, by kind, with up to four operands. Both forms
 * build the status from these through one runtime function (the interpreter
 * directly, emitted C through services->op_fault), so the status code and
 * the message of a fault are the same in both forms. */
enum {
  KILN_FAULT_DIV_BY_ZERO = 1,      /* (none) */
  KILN_FAULT_BUFFER_RANGE = 2,     /* element offset, count, element bytes, buffer bytes */
  KILN_FAULT_BUFFER_READ_ONLY = 3, /* (none) */
  KILN_FAULT_GLOBAL_RANGE = 4,     /* byte offset, width, global bytes */
  KILN_FAULT_REF_GLOBAL_RANGE = 5  /* ordinal, ref global count */
};

/* ---- Element access at a checked byte offset ------------------------------
 * Used for buffer elements (after kiln_buffer_element) and scalar globals
 * (after kiln_global_range or at a constant offset). Narrow loads extend to
 * 32 bits; narrow stores keep the low bits. */

KILN_OP_INLINE int32_t kiln_load_i8_u(const uint8_t *d, uint64_t o) { return d[o]; }
KILN_OP_INLINE int32_t kiln_load_i8_s(const uint8_t *d, uint64_t o) { return (int8_t)d[o]; }
KILN_OP_INLINE int32_t kiln_load_i16_u(const uint8_t *d, uint64_t o) {
  uint16_t v;
  memcpy(&v, d + o, 2);
  return v;
}
KILN_OP_INLINE int32_t kiln_load_i16_s(const uint8_t *d, uint64_t o) {
  int16_t v;
  memcpy(&v, d + o, 2);
  return v;
}
KILN_OP_INLINE int32_t kiln_load_i32(const uint8_t *d, uint64_t o) {
  int32_t v;
  memcpy(&v, d + o, 4);
  return v;
}
KILN_OP_INLINE int64_t kiln_load_i64(const uint8_t *d, uint64_t o) {
  int64_t v;
  memcpy(&v, d + o, 8);
  return v;
}
KILN_OP_INLINE float kiln_load_f32(const uint8_t *d, uint64_t o) {
  float v;
  memcpy(&v, d + o, 4);
  return v;
}
KILN_OP_INLINE double kiln_load_f64(const uint8_t *d, uint64_t o) {
  double v;
  memcpy(&v, d + o, 8);
  return v;
}
KILN_OP_INLINE void kiln_store_i8(uint8_t *d, uint64_t o, int32_t v) { d[o] = (uint8_t)v; }
KILN_OP_INLINE void kiln_store_i16(uint8_t *d, uint64_t o, int32_t v) {
  uint16_t n = (uint16_t)v;
  memcpy(d + o, &n, 2);
}
KILN_OP_INLINE void kiln_store_i32(uint8_t *d, uint64_t o, int32_t v) { memcpy(d + o, &v, 4); }
KILN_OP_INLINE void kiln_store_i64(uint8_t *d, uint64_t o, int64_t v) { memcpy(d + o, &v, 8); }
KILN_OP_INLINE void kiln_store_f32(uint8_t *d, uint64_t o, float v) { memcpy(d + o, &v, 4); }
KILN_OP_INLINE void kiln_store_f64(uint8_t *d, uint64_t o, double v) { memcpy(d + o, &v, 8); }

/* Bulk buffer ops on checked byte ranges. */
KILN_OP_INLINE void kiln_fill_i8(uint8_t *d, uint64_t o, int64_t n, int32_t v) {
  uint8_t x = (uint8_t)v;
  kiln_buffer_fill(d + o, n, &x, 1);
}
KILN_OP_INLINE void kiln_fill_i16(uint8_t *d, uint64_t o, int64_t n, int32_t v) {
  uint16_t x = (uint16_t)v;
  kiln_buffer_fill(d + o, n, &x, 2);
}
KILN_OP_INLINE void kiln_fill_i32(uint8_t *d, uint64_t o, int64_t n, int32_t v) {
  kiln_buffer_fill(d + o, n, &v, 4);
}
KILN_OP_INLINE void kiln_fill_i64(uint8_t *d, uint64_t o, int64_t n, int64_t v) {
  kiln_buffer_fill(d + o, n, &v, 8);
}
KILN_OP_INLINE void kiln_fill_f32(uint8_t *d, uint64_t o, int64_t n, float v) {
  kiln_buffer_fill(d + o, n, &v, 4);
}
KILN_OP_INLINE void kiln_fill_f64(uint8_t *d, uint64_t o, int64_t n, double v) {
  kiln_buffer_fill(d + o, n, &v, 8);
}
KILN_OP_INLINE void kiln_copy_bytes(uint8_t *dst, uint64_t dst_offset, const uint8_t *src,
                                    uint64_t src_offset, int64_t n) {
  memmove(dst + dst_offset, src + src_offset, (size_t)n);
}
KILN_OP_INLINE int32_t kiln_equal_bytes(const uint8_t *a, uint64_t a_offset, const uint8_t *b,
                                        uint64_t b_offset, int64_t n) {
  return memcmp(a + a_offset, b + b_offset, (size_t)n) == 0;
}
KILN_OP_INLINE int64_t kiln_hash_bytes_at(const uint8_t *d, uint64_t o, int64_t n) {
  return kiln_buffer_hash_bytes(d + o, (uint64_t)n);
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_C_OPS_H_ */
