//===- vm-opt.cpp - mlir-opt with Kiln's dialects and passes --------------===//
//
// mlir-opt's driver, run on a thread with a large stack after a check that
// the input is not nested deeper than the parser can take
// (compiler/Tools/InputNesting.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Dispatch/Passes.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Tools/ToolOptions.h"

#include "kiln/tooling/huge_page_heap.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

static int runVMOpt(int argc, char **argv) {
  kiln::tooling::use_huge_page_heap();
  mlir::kiln::hideLibraryOptions();
  mlir::kiln::setVersionPrinter("vm-opt");
  mlir::DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  mlir::kiln::registerKilnPasses();
  mlir::kiln::registerDispatchPasses();
  auto [inputFilename, outputFilename] =
      mlir::registerAndParseCLIOptions(argc, argv, "Kiln optimizer driver\n", registry);
  mlir::MlirOptMainConfig config = mlir::MlirOptMainConfig::createFromCLOptions();
  // Listing dialects or passes reads no input: upstream's driver does it.
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> input = mlir::openInputFile(inputFilename, &error);
  if (!input) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (mlir::failed(mlir::kiln::checkInputNesting(*input)))
    return 1;
  std::unique_ptr<llvm::ToolOutputFile> output = mlir::openOutputFile(outputFilename, &error);
  if (!output) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (mlir::failed(mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  return mlir::kiln::runOnToolStack([&] { return runVMOpt(argc, argv); });
}
