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

namespace mlir {
class DialectRegistry;
class Operation;
} // namespace mlir

namespace mlir::kiln {

/// Registers translation `name` for vm-translate.
void registerTranslationFromText(
    StringRef name, StringRef description,
    std::function<LogicalResult(Operation *, raw_ostream &)> translate,
    std::function<void(DialectRegistry &)> dialects);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TOOLS_TEXTTRANSLATION_H
