//===- TextTranslation.cpp - vm-translate registrations from text ---------===//

#include "compiler/Tools/TextTranslation.h"

#include "compiler/Imports/ModuleImports.h"
#include "compiler/Tools/InputNesting.h"
#include "dialects/vm/VMOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace {
/// A module without exports translates, but nothing outside it can call it:
/// almost always a forgotten `vm.export` (or no public function upstream).
/// Checked after a successful translation, on the vm.module it translated.
void warnIfNoExports(ModuleOp module) {
  module.walk([](kiln::vm::ModuleOp vmModule) {
    if (vmModule.getOps<kiln::vm::ExportOp>().empty())
      emitWarning(vmModule.getLoc()) << "module @" << vmModule.getSymName()
                                     << " has no exports: nothing outside it can call it";
  });
}

// Names registered through registerTranslationFromText; the value says
// whether the output is binary.
llvm::StringMap<bool> &translations() {
  static llvm::StringMap<bool> *names = new llvm::StringMap<bool>();
  return *names;
}
} // namespace

void mlir::kiln::markBinaryTranslation(StringRef name) { translations()[name] = true; }

bool mlir::kiln::isRegisteredTranslation(StringRef name) { return translations().contains(name); }

bool mlir::kiln::isBinaryTranslation(StringRef name) {
  auto it = translations().find(name);
  return it != translations().end() && it->second;
}

void mlir::kiln::registerTranslationFromText(
    StringRef name, StringRef description,
    std::function<LogicalResult(Operation *, raw_ostream &)> translate,
    std::function<void(DialectRegistry &)> dialects) {
  // Registering a name twice is a fatal error in the registry; callers may
  // run their registration more than once (tools, bindings, tests).
  if (!translations().try_emplace(name, false).second)
    return;
  // The registry keeps the StringRefs: give it storage that lives as long.
  auto *storedName = new std::string(name.str());
  auto *storedDescription = new std::string(description.str());
  TranslateRegistration(
      *storedName, *storedDescription,
      [translate, dialects](const std::shared_ptr<llvm::SourceMgr> &sourceMgr, raw_ostream &output,
                            MLIRContext *context) -> LogicalResult {
        DialectRegistry registry;
        dialects(registry);
        context->appendDialectRegistry(registry);
        if (failed(checkInputNesting(*sourceMgr, sourceMgr->getMainFileID(), context)))
          return failure();
        // Verified after the runtime modules' declarations a program calls
        // without importing are inserted (insertMissingKnownImports).
        OwningOpRef<ModuleOp> module =
            parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(context, /*verifyAfterParse=*/false));
        if (!module || failed(insertMissingKnownImports(*module)) || failed(verify(*module)))
          return failure();
        if (failed(translate(module.get(), output)))
          return failure();
        warnIfNoExports(*module);
        return success();
      });
}
