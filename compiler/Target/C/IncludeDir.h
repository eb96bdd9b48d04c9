//===- IncludeDir.h - Where emitted C finds kiln/c/*.h --------------------===//
//
// The include directory a C compiler needs for the C that vm-translate
// emits, named in the build command of the generated file's header comment.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_TARGET_C_INCLUDEDIR_H
#define KILN_COMPILER_TARGET_C_INCLUDEDIR_H

#include <string>

namespace mlir::kiln {

/// The first directory holding kiln/c/module.h of: the installed tree this
/// program runs from (`<prefix>/bin/..` + `/include`), the runtime headers of
/// the source tree it was built from; else the relative `runtime/include`.
std::string runtimeIncludeDir();

} // namespace mlir::kiln

#endif // KILN_COMPILER_TARGET_C_INCLUDEDIR_H
