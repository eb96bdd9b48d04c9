//===- vm-translate.cpp - mlir-translate with Kiln's targets --------------===//
//
// mlir-translate's driver on a thread with a large stack; Kiln's
// translations check the input's nesting before parsing it
// (compiler/Tools/TextTranslation.h).
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/VMToC.h"
#include "compiler/Tools/InputNesting.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::kiln::registerVMBytecodeTranslations();
  mlir::kiln::registerVMToCTranslation();
  return mlir::kiln::runOnToolStack([&] {
    return mlir::failed(
        mlir::mlirTranslateMain(argc, argv, "Kiln translation driver\n"));
  });
}
