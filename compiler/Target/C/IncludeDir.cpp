//===- IncludeDir.cpp - Where emitted C finds kiln/c/*.h ------------------===//

#include "compiler/Target/C/IncludeDir.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace mlir::kiln {

namespace {
bool holdsHeaders(llvm::StringRef dir) {
  llvm::SmallString<256> header(dir);
  llvm::sys::path::append(header, "kiln", "c", "module.h");
  return llvm::sys::fs::exists(header);
}
} // namespace

std::string runtimeIncludeDir() {
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  if (!exe.empty()) {
    llvm::SmallString<256> installed(
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(exe)));
    llvm::sys::path::append(installed, "include");
    if (holdsHeaders(installed))
      return std::string(installed);
  }
  if (holdsHeaders(KILN_SOURCE_INCLUDE_DIR))
    return KILN_SOURCE_INCLUDE_DIR;
  return "runtime/include";
}

} // namespace mlir::kiln
