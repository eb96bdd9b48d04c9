/* The interface between the run tools and the JIT plugins (kiln_jit).
 *
 * run-module and the Python runtime do not link LLVM: they start in a few
 * milliseconds and stay small. When they are given a module in LLVM IR
 * (.ll, .bc) or a .mlir file, kiln_tooling dlopen()s a JIT plugin, a shared
 * library that links LLVM (and MLIR, for .mlir), compiles the module in the
 * process with LLVM ORC and hands back the module's descriptor (the C module
 * ABI of kiln/c/module.h) and an owner of its code. The runtime wraps the
 * descriptor exactly like a dlopen()ed C module (kiln::cmodule::wrap_module).
 *
 * No runtime object crosses this boundary, only plain C data, so the plugin
 * carries no copy of the runtime:
 *
 *   libkiln_jit_ir.so    .ll and .bc files: LLVM only
 *   libkiln_jit_mlir.so  .mlir files (and .ll/.bc): the compiler and LLVM
 *
 * Each exports KILN_JIT_PLUGIN_SYMBOL. They are looked up next to the binary
 * that holds kiln_tooling (the tool or the Python extension), then in ../lib
 * from there; $KILN_JIT_PLUGIN_DIR overrides the directory.
 */
#ifndef KILN_TOOLING_JIT_PLUGIN_H_
#define KILN_TOOLING_JIT_PLUGIN_H_

#include <stdint.h>

#include "kiln/c/module.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KILN_JIT_PLUGIN_VERSION 1u
#define KILN_JIT_PLUGIN_SYMBOL "kiln_jit_plugin_v1"
#define KILN_JIT_IR_PLUGIN_NAME "libkiln_jit_ir.so"
#define KILN_JIT_MLIR_PLUGIN_NAME "libkiln_jit_mlir.so"

typedef struct kiln_jit_request_t {
  uint32_t struct_size; /* sizeof(kiln_jit_request_t) */
  /* The optimization level: 0..3 (LLVM's -O0..-O3) or
   * KILN_JIT_OPT_LEVEL_QUICK. The code generator's, and for .mlir also the
   * IR pipeline's. */
  uint32_t opt_level;
  /* A .ll, .bc or .mlir file. */
  const char *path;
  /* KILN_JIT_FLAG_*. */
  uint32_t flags;
} kiln_jit_request_t;

/* The quick level (docs/jit.md): a short IR pipeline for .mlir and the
 * code generator at its lowest level; compiles sooner than -O2, runs slower
 * code. run-module's default (the Python runtime and the kiln_jit library
 * default to 2). */
#define KILN_JIT_OPT_LEVEL_QUICK 0xffu

/* .mlir: compile a bounded module (fuel counted at loops and recursive
 * calls, native stack checked; kiln/c/module.h, "Bounded modules"). IR
 * files are bounded or not as they were made. */
#define KILN_JIT_FLAG_BOUNDED 1u

typedef struct kiln_jit_plugin_t {
  uint32_t version;     /* KILN_JIT_PLUGIN_VERSION */
  uint32_t struct_size; /* sizeof(kiln_jit_plugin_t) */
  /* Compiles the module. On success returns 0 and sets *descriptor (what
   * kiln_module_v1_get returned) and *owner, which keeps the code and the
   * descriptor alive until release(owner). On failure returns a nonzero
   * kiln::vm::StatusCode and sets *error to a message (free_error frees
   * it). */
  int32_t (*compile)(const kiln_jit_request_t *request, const kiln_module_desc_t **descriptor,
                     void **owner, char **error);
  void (*release)(void *owner);
  void (*free_error)(char *error);
} kiln_jit_plugin_t;

typedef const kiln_jit_plugin_t *(*kiln_jit_plugin_get_fn_t)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* KILN_TOOLING_JIT_PLUGIN_H_ */
