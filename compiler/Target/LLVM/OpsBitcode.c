/* The LLVM target's copy of the op semantics: runtime/include/kiln/c/'s
 * static inline helpers (ops.h, module.h, print.h) as external definitions,
 * compiled once at build time to LLVM bitcode (twice: with and without
 * KILN_C_BOUNDED), embedded in the target's library, linked into every
 * module it builds and inlined there. Nothing is restated: the bodies are
 * the headers' own, so the LLVM form agrees with the interpreter and the C
 * form by construction. */
#define KILN_OP_INLINE
#define KILN_MODULE_INLINE
#define KILN_PRINT_INLINE

#include "kiln/c/module.h"
#include "kiln/c/ops.h"
#include "kiln/c/print.h"
