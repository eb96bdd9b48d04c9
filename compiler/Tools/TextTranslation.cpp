//===- TextTranslation.cpp - vm-translate registrations from text ---------===//

#include "compiler/Tools/TextTranslation.h"

#include "compiler/Tools/InputNesting.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void mlir::kiln::registerTranslationFromText(
    StringRef name, StringRef description,
    std::function<LogicalResult(Operation *, raw_ostream &)> translate,
    std::function<void(DialectRegistry &)> dialects) {
  // Registering a name twice is a fatal error in the registry; callers may
  // run their registration more than once (tools, bindings, tests).
  static llvm::StringSet<> *registered = new llvm::StringSet<>();
  if (!registered->insert(name).second)
    return;
  // The registry keeps the StringRefs: give it storage that lives as long.
  auto *storedName = new std::string(name.str());
  auto *storedDescription = new std::string(description.str());
  TranslateRegistration(
      *storedName, *storedDescription,
      [translate, dialects](const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                            raw_ostream &output,
                            MLIRContext *context) -> LogicalResult {
        DialectRegistry registry;
        dialects(registry);
        context->appendDialectRegistry(registry);
        if (failed(checkInputNesting(*sourceMgr, sourceMgr->getMainFileID(),
                                     context)))
          return failure();
        OwningOpRef<ModuleOp> module =
            parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(context));
        if (!module || failed(verify(*module)))
          return failure();
        return translate(module.get(), output);
      });
}
