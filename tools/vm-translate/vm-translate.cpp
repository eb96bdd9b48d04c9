//===- vm-translate.cpp - mlir-translate with Kiln's targets --------------===//
//
// mlir-translate's driver on a thread with a large stack; Kiln's
// translations check the input's nesting before parsing it
// (compiler/Tools/TextTranslation.h). Before the driver runs, the command
// line is checked for what the driver would silently get wrong: more than
// one translation, several binary modules concatenated into one output by
// --split-input-file, and a binary module written to a terminal.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dispatch/Passes.h"
#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/VMToC.h"
#include "compiler/Target/LLVM/VMToLLVM.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/TextTranslation.h"
#include "compiler/Tools/ToolOptions.h"
#include "compiler/Transforms/Passes.h"

#include "kiln/tooling/huge_page_heap.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace {

// The parts of the command line the checks need.
struct TranslateArguments {
  llvm::SmallVector<llvm::StringRef> translations;
  bool split = false;
  std::optional<llvm::StringRef> output; // -o, when given
};

// Strips one or two leading dashes; returns false for a positional argument.
bool optionName(llvm::StringRef arg, llvm::StringRef *name) {
  if (!arg.consume_front("-") || arg.empty())
    return false;
  arg.consume_front("-");
  *name = arg;
  return true;
}

TranslateArguments scanArguments(int argc, char **argv) {
  TranslateArguments args;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef name;
    if (!optionName(argv[i], &name))
      continue;
    if (name.empty()) // "--": the rest is positional
      break;
    auto [key, value] = name.split('=');
    if (mlir::kiln::isRegisteredTranslation(key)) {
      args.translations.push_back(key);
    } else if (key == "split-input-file") {
      args.split = true;
    } else if (key == "o") {
      if (name.contains('='))
        args.output = value;
      else if (i + 1 < argc)
        args.output = argv[++i];
    } else if (key.starts_with("o") && key.size() > 1 && name.size() == key.size() &&
               llvm::StringRef(argv[i]).starts_with("-o")) {
      args.output = key.drop_front(); // -oFILE
    }
  }
  return args;
}

// Errors the driver would not report; false when the command must not run.
bool checkArguments(const TranslateArguments &args) {
  if (args.translations.size() > 1) {
    llvm::errs() << "vm-translate: error: give one translation; got --" << args.translations[0]
                 << " and --" << args.translations[1] << "\n";
    return false;
  }
  if (args.translations.empty() || !mlir::kiln::isBinaryTranslation(args.translations.front()))
    return true;
  llvm::StringRef translation = args.translations.front();
  // Discarded output (diagnostic tests) cannot be misread.
  if (args.split && args.output != "/dev/null") {
    llvm::errs() << "vm-translate: error: --split-input-file with --" << translation
                 << " would write several binary modules into one output; "
                    "translate each chunk on its own\n";
    return false;
  }
  if (!args.output && llvm::sys::Process::StandardOutIsDisplayed()) {
    llvm::errs() << "vm-translate: error: refusing to write the binary output "
                    "of --"
                 << translation << " to a terminal; give -o FILE (or -o - to insist)\n";
    return false;
  }
  return true;
}

} // namespace

// The targets verify their input once, after the preparation pipeline;
// this verifies after every pass instead, to find the one that breaks a
// module.
static llvm::cl::opt<bool> verifyEach(
    "vm-verify-each",
    llvm::cl::desc("Verify the module after every pass of the targets' preparation pipelines "
                   "(default: once, after the last pass)"),
    llvm::cl::init(false), llvm::cl::cb<void, bool>(mlir::kiln::setVMPreparationVerifyEach));

int main(int argc, char **argv) {
  kiln::tooling::use_huge_page_heap();
  mlir::kiln::hideLibraryOptions();
  mlir::kiln::setVersionPrinter("vm-translate");
  mlir::kiln::registerVMBytecodeTranslations();
  mlir::kiln::registerVMToCTranslation();
  mlir::kiln::registerVMToLLVMTranslation();
  mlir::kiln::registerDispatchTranslationOptions();
  TranslateArguments arguments = scanArguments(argc, argv);
  if (!checkArguments(arguments))
    return 1;
  if (arguments.output)
    mlir::kiln::setObjectOutputName(*arguments.output);
  return mlir::kiln::runOnToolStack([&] {
    return mlir::failed(mlir::mlirTranslateMain(argc, argv, "Kiln translation driver\n"));
  });
}
