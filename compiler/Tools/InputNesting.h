//===- InputNesting.h - Bounded nesting of textual input --------*- C++ -*-===//
//
// MLIR's parser (upstream code) recurses once per nesting level of an
// attribute, type, region or parenthesized expression, so text nested deeply
// enough exhausts the native stack. Kiln's tools therefore (1) scan the text
// before parsing and reject nesting deeper than kMaxInputNestingDepth with a
// diagnostic, and (2) run on a thread whose stack is sized for that depth
// with a wide margin (measured in docs/compiler.md, "Limits").
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TOOLS_INPUTNESTING_H
#define KILN_COMPILER_TOOLS_INPUTNESTING_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>

namespace llvm {
class MemoryBuffer;
class SourceMgr;
} // namespace llvm

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace mlir::kiln {

/// The deepest nesting of ( [ { < brackets (and of unary minus in affine
/// expressions) that the tools accept in textual IR.
inline constexpr unsigned kMaxInputNestingDepth = 1000;

/// The stack the tools run on (reserved address space; only what is touched
/// is committed).
inline constexpr size_t kToolStackBytes = size_t(1) << 30;

/// The offset in `text` where nesting first exceeds `limit`, if it does.
/// String literals and `//` comments are skipped; `->`, `>=` and a closing
/// bracket without its opener do not count.
std::optional<size_t> findExcessiveNesting(StringRef text, unsigned limit);

/// Checks buffer `bufferId` of `sourceMgr`; on excess emits an error at that
/// location through `context`'s diagnostic handlers.
LogicalResult checkInputNesting(const llvm::SourceMgr &sourceMgr, unsigned bufferId,
                                MLIRContext *context);

/// The same check on a whole input file before any MLIR context exists
/// (vm-opt): prints the error with the file's line and column to stderr.
LogicalResult checkInputNesting(const llvm::MemoryBuffer &buffer);

/// Runs `body` on a thread with a kToolStackBytes stack and returns its
/// result (a tool's main: parsing, verification and passes all recurse on
/// nesting).
int runOnToolStack(llvm::function_ref<int()> body);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TOOLS_INPUTNESTING_H
