//===- ToolOptions.cpp - Command-line conventions of Kiln's tools ---------===//

#include "compiler/Tools/ToolOptions.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

llvm::StringRef mlir::kiln::kilnVersion() { return KILN_VERSION; }

void mlir::kiln::hideLibraryOptions() {
  static const llvm::StringSet<> kept = {
      "help",    "help-hidden",   "help-list",        "help-list-hidden",
      "version", "print-options", "print-all-options"};
  for (auto &[name, option] : llvm::cl::getRegisteredOptions()) {
    if (!kept.contains(name))
      option->setHiddenFlag(llvm::cl::Hidden);
  }
}

void mlir::kiln::setVersionPrinter(llvm::StringRef tool) {
  static std::string *name = new std::string(tool.str());
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "Kiln " << *name << " " << kilnVersion() << "\n"
       << "  built with LLVM and MLIR " << LLVM_VERSION_STRING << "\n";
  });
}
