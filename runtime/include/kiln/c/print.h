/* vm.print: the message, then each value after a space, then a newline, on
 * stdout. The kiln_format_* functions are the one definition of how a value
 * prints; the interpreter builds its line with them and C modules print
 * through the kiln_print_* wrappers. A module built with
 * KILN_MODULE_NO_STDIO (a target without stdio) prints nothing. */
#ifndef KILN_C_PRINT_H_
#define KILN_C_PRINT_H_

#include "kiln/c/module.h"

#if !defined(KILN_MODULE_NO_STDIO)
#include <inttypes.h>
#include <stdio.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Predefined by the LLVM target's bitcode build (see kiln/c/ops.h). */
#ifndef KILN_PRINT_INLINE
#define KILN_PRINT_INLINE static inline
#endif

#if !defined(KILN_MODULE_NO_STDIO)
/* " <value>" into buf (at most n bytes with the NUL); snprintf's result. */
KILN_PRINT_INLINE int kiln_format_i32(char *buf, size_t n, int32_t v) {
  return snprintf(buf, n, " %" PRId32, v);
}
KILN_PRINT_INLINE int kiln_format_i64(char *buf, size_t n, int64_t v) {
  return snprintf(buf, n, " %" PRId64, v);
}
/* f32 values print promoted to double. */
KILN_PRINT_INLINE int kiln_format_f64(char *buf, size_t n, double v) {
  return snprintf(buf, n, " %g", v);
}
/* A ref prints as its type's name ("null" for a null ref). */
KILN_PRINT_INLINE int kiln_format_ref(char *buf, size_t n, const kiln_ref_type_t *type,
                                      int is_null) {
  return snprintf(buf, n, " %s", is_null ? "null" : (type && type->name ? type->name : "?"));
}

KILN_PRINT_INLINE void kiln_print_begin(const char *message) { fputs(message, stdout); }
KILN_PRINT_INLINE void kiln_print_i32(int32_t v) {
  char buf[32];
  kiln_format_i32(buf, sizeof(buf), v);
  fputs(buf, stdout);
}
KILN_PRINT_INLINE void kiln_print_i64(int64_t v) {
  char buf[32];
  kiln_format_i64(buf, sizeof(buf), v);
  fputs(buf, stdout);
}
KILN_PRINT_INLINE void kiln_print_f64(double v) {
  char buf[64];
  kiln_format_f64(buf, sizeof(buf), v);
  fputs(buf, stdout);
}
KILN_PRINT_INLINE void kiln_print_ref(kiln_ref_t r) {
  char buf[128];
  kiln_format_ref(buf, sizeof(buf), r ? r->type : NULL, r == NULL);
  fputs(buf, stdout);
}
KILN_PRINT_INLINE void kiln_print_end(void) {
  fputs("\n", stdout);
  fflush(stdout);
}
#else
KILN_PRINT_INLINE void kiln_print_begin(const char *message) { (void)message; }
KILN_PRINT_INLINE void kiln_print_i32(int32_t v) { (void)v; }
KILN_PRINT_INLINE void kiln_print_i64(int64_t v) { (void)v; }
KILN_PRINT_INLINE void kiln_print_f64(double v) { (void)v; }
KILN_PRINT_INLINE void kiln_print_ref(kiln_ref_t r) { (void)r; }
KILN_PRINT_INLINE void kiln_print_end(void) {}
#endif

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_C_PRINT_H_ */
