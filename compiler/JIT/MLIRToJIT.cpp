//===- MLIRToJIT.cpp - .mlir -> LLVM target -> JIT ------------------------===//

#include "compiler/JIT/MLIRToJIT.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Dispatch/Passes.h"
#include "compiler/Target/LLVM/VMToLLVM.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>
#include <optional>
#include <string>

namespace kiln::jit {
namespace {

void registerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::kiln::registerKilnPasses();
    mlir::kiln::registerInputConversionCLOptions();
    mlir::kiln::registerDispatchTranslationOptions();
  });
}

// "file:line:col: error: message", or "error: message" without a file;
// several are joined by "; " (the tools print a status on one line).
void appendDiagnostic(std::string &out, mlir::Diagnostic &diagnostic) {
  if (!out.empty())
    out += "; ";
  std::string where;
  diagnostic.getLocation()->walk([&](mlir::Location inner) {
    if (auto file = llvm::dyn_cast<mlir::FileLineColLoc>(inner)) {
      where = (file.getFilename().str() + ":" + llvm::Twine(file.getLine()) + ":" +
               llvm::Twine(file.getColumn()) + ": ")
                  .str();
      return mlir::WalkResult::interrupt();
    }
    return mlir::WalkResult::advance();
  });
  const char *severity = diagnostic.getSeverity() == mlir::DiagnosticSeverity::Error     ? "error"
                         : diagnostic.getSeverity() == mlir::DiagnosticSeverity::Warning ? "warning"
                                                                                         : "note";
  out += where + severity + ": " + diagnostic.str();
  for (mlir::Diagnostic &note : diagnostic.getNotes())
    appendDiagnostic(out, note);
}

// One context for every compilation in the process (compileMLIR holds the
// lock): its dialects are loaded once, and no compilation pays for tearing
// one down. Dialects load when the parser meets them; no threads (the
// tools' machines have few cores and a module is compiled on one).
mlir::MLIRContext &sharedContext() {
  static mlir::MLIRContext *context = [] {
    mlir::DialectRegistry registry;
    mlir::kiln::registerKilnDialects(registry);
    auto *created = new mlir::MLIRContext(registry, mlir::MLIRContext::Threading::DISABLED);
    // A note with the whole failing op in generic form is too much for one
    // line.
    created->printOpOnDiagnostic(false);
    return created;
  }();
  return *context;
}

// Everything but the JIT itself, on the tools' large stack.
llvm::Expected<std::unique_ptr<llvm::Module>> lower(llvm::StringRef source, llvm::StringRef name,
                                                    llvm::LLVMContext &llvmContext,
                                                    const JITOptions &options) {
  mlir::MLIRContext &context = sharedContext();
  std::string diagnostics;
  mlir::DiagnosticEngine::HandlerID handler =
      context.getDiagEngine().registerHandler([&](mlir::Diagnostic &diagnostic) {
        appendDiagnostic(diagnostics, diagnostic);
        return mlir::success();
      });
  llvm::scope_exit unregister([&] { context.getDiagEngine().eraseHandler(handler); });
  auto error = [&](llvm::StringRef what) {
    return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                   diagnostics.empty() ? what.str() : diagnostics);
  };
  llvm::SourceMgr sourceMgr;
  unsigned id = sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(source, name),
                                             llvm::SMLoc());
  if (mlir::failed(mlir::kiln::checkInputNesting(sourceMgr, id, &context)))
    return error("the input nests too deeply");
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, mlir::ParserConfig(&context));
  // The parser verified the module.
  if (!module)
    return error("the input does not parse or verify");
  mlir::kiln::LLVMTargetOptions target;
  target.optLevel = options.optLevel;
  target.bounded = options.bounded;
  llvm::Expected<std::unique_ptr<llvm::Module>> lowered =
      mlir::kiln::translateVMToLLVMModule(*module, llvmContext, target);
  if (!lowered) {
    std::string message = llvm::toString(lowered.takeError());
    return error(message);
  }
  return lowered;
}

} // namespace

llvm::Expected<std::unique_ptr<CompiledModule>>
compileMLIR(llvm::StringRef source, llvm::StringRef name, const JITOptions &options) {
  registerOnce();
  // The input options (e.g. --vm-module-name) are process-wide.
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto llvmContext = std::make_unique<llvm::LLVMContext>();
  std::optional<llvm::Expected<std::unique_ptr<llvm::Module>>> module;
  mlir::kiln::runOnToolStack([&] {
    module.emplace(lower(source, name, *llvmContext, options));
    return 0;
  });
  if (!*module)
    return module->takeError();
  // The LLVM target verified and optimized the IR already.
  JITOptions jitOptions = options;
  jitOptions.optimizeIR = false;
  jitOptions.verifyIR = false;
  return compileModule(std::move(**module), std::move(llvmContext), jitOptions);
}

llvm::Expected<std::unique_ptr<CompiledModule>> compileMLIRFile(llvm::StringRef path,
                                                                const JITOptions &options) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file = llvm::MemoryBuffer::getFile(path);
  if (!file) {
    return llvm::createStringError(file.getError(), "cannot read '" + path.str() +
                                                        "': " + file.getError().message());
  }
  return compileMLIR((*file)->getBuffer(), path, options);
}

} // namespace kiln::jit
