//===- vm-translate.cpp - mlir-translate with Kiln's targets --------------===//

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/VMToC.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mlir::kiln::registerVMBytecodeTranslations();
  mlir::kiln::registerVMToCTranslation();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "Kiln translation driver\n"));
}
