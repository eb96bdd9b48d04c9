//===- TranslationRegistration.cpp - vm-translate's bytecode targets ------===//

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Tools/TextTranslation.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

namespace mlir::kiln {

namespace {
struct BytecodeOptionsCL {
  llvm::cl::opt<bool> stripDebug{"vm-bytecode-strip-debug",
                                 llvm::cl::desc("Omit the debug database from the .vmfb"),
                                 llvm::cl::init(false)};
  llvm::cl::opt<uint64_t> externalThreshold{
      "vm-bytecode-external-rodata-threshold",
      llvm::cl::desc("Rodata segments of at least this many bytes are stored "
                     "in the external data area"),
      llvm::cl::init(4096)};
  llvm::cl::opt<bool> noPreparation{
      "vm-bytecode-no-preparation",
      llvm::cl::desc("Encode the input as is, without the preparation "
                     "pipeline"),
      llvm::cl::init(false)};

  BytecodeTargetOptions get() const {
    BytecodeTargetOptions options;
    options.stripDebug = stripDebug;
    options.externalRodataThreshold = externalThreshold;
    options.runPreparation = !noPreparation;
    return options;
  }
};
} // namespace

void registerVMBytecodeTranslations() {
  static BytecodeOptionsCL *options = new BytecodeOptionsCL();
  registerInputConversionCLOptions();
  auto dialects = [](DialectRegistry &registry) { registerKilnDialects(registry); };
  registerTranslationFromText(
      "vm-to-bytecode", "Translate a vm module to a Kiln .vmfb file",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        return translateModuleToBytecode(op, options->get(), os);
      },
      dialects);
  markBinaryTranslation("vm-to-bytecode");
  registerTranslationFromText(
      "vm-to-bytecode-json",
      "Translate a vm module to a .vmfb and print it as JSON with a "
      "disassembly",
      [](Operation *op, raw_ostream &os) {
        if (failed(lowerInputToVM(op, getInputConversionCLOptions())))
          return failure();
        return translateModuleToBytecodeJSON(op, options->get(), os);
      },
      dialects);
}

} // namespace mlir::kiln
