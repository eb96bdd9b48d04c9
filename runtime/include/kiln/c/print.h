/* vm.print for C modules: the line the interpreter prints (the message, then
 * each value after a space, then a newline) on stdout. A module built with
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

#if !defined(KILN_MODULE_NO_STDIO)
static inline void kiln_print_begin(const char* message) { fputs(message, stdout); }
static inline void kiln_print_i32(int32_t v) { printf(" %" PRId32, v); }
static inline void kiln_print_i64(int64_t v) { printf(" %" PRId64, v); }
static inline void kiln_print_f64(double v) { printf(" %g", v); }
static inline void kiln_print_ref(kiln_ref_t r) {
  printf(" %s", r ? (r->type ? r->type->name : "?") : "null");
}
static inline void kiln_print_end(void) {
  fputs("\n", stdout);
  fflush(stdout);
}
#else
static inline void kiln_print_begin(const char* message) { (void)message; }
static inline void kiln_print_i32(int32_t v) { (void)v; }
static inline void kiln_print_i64(int64_t v) { (void)v; }
static inline void kiln_print_f64(double v) { (void)v; }
static inline void kiln_print_ref(kiln_ref_t r) { (void)r; }
static inline void kiln_print_end(void) {}
#endif

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_C_PRINT_H_ */
