//===- TextTranslation.h - vm-translate registrations from text -*- C++ -*-===//
//
// What mlir::TranslateFromMLIRRegistration does (parse the input, verify it,
// hand the op to the translation), with Kiln's nesting check of the text
// before the parser sees it (compiler/Tools/InputNesting.h).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TOOLS_TEXTTRANSLATION_H
#define KILN_COMPILER_TOOLS_TEXTTRANSLATION_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>

namespace mlir {
class DialectRegistry;
class Operation;
} // namespace mlir

namespace mlir::kiln {

/// Registers translation `name` for vm-translate.
void registerTranslationFromText(StringRef name, StringRef description,
                                 std::function<LogicalResult(Operation *, raw_ostream &)> translate,
                                 std::function<void(DialectRegistry &)> dialects);

/// Marks the registered translation `name` as writing binary output (e.g. a
/// .vmfb): vm-translate then refuses to write it to a terminal or to put
/// several --split-input-file chunks into one file.
void markBinaryTranslation(StringRef name);

/// Whether `name` is a translation registered here, and whether it writes
/// binary output.
bool isRegisteredTranslation(StringRef name);
bool isBinaryTranslation(StringRef name);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TOOLS_TEXTTRANSLATION_H
