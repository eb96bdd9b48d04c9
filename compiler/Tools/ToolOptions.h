//===- ToolOptions.h - Command-line conventions of Kiln's tools -*- C++ -*-===//
//
// What vm-opt and vm-translate share on the command line: a --version that
// names Kiln and the LLVM it was built with, and a --help that lists Kiln's
// and MLIR's driver options instead of the hundreds of code generation and
// Polly options libLLVM.so registers when it is loaded.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TOOLS_TOOLOPTIONS_H
#define KILN_COMPILER_TOOLS_TOOLOPTIONS_H

#include "llvm/ADT/StringRef.h"

namespace mlir::kiln {

/// Kiln's version ("0.2.0"), from the CMake project version.
llvm::StringRef kilnVersion();

/// Marks every command-line option registered so far as hidden (still
/// accepted, and listed by --help-hidden), except the generic ones (--help,
/// --version, ...). Call it first in main: the options Kiln's registrations
/// and MLIR's drivers create afterwards stay visible.
void hideLibraryOptions();

/// Makes --version print "Kiln <tool> <version>" and the LLVM version.
void setVersionPrinter(llvm::StringRef tool);

} // namespace mlir::kiln

#endif // KILN_COMPILER_TOOLS_TOOLOPTIONS_H
