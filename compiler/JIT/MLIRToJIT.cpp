//===- MLIRToJIT.cpp - .mlir -> LLVM target -> JIT ------------------------===//

#include "compiler/JIT/MLIRToJIT.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Dispatch/Passes.h"
#include "compiler/Target/LLVM/LLVMPipeline.h"
#include "compiler/Target/LLVM/VMToLLVM.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/Registration.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/ObjectCache.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <dlfcn.h>
#include <sys/stat.h>

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

// The LLVM target's options for `options`; LLVM's pipeline is left to
// compileMLIR.
mlir::kiln::LLVMTargetOptions targetOptions(const JITOptions &options) {
  mlir::kiln::LLVMTargetOptions target;
  target.optLevel = options.optLevel;
  target.bounded = options.bounded;
  target.optimize = false;
  return target;
}

// The module in LLVM IR, not optimized yet, on the tools' large stack.
llvm::Expected<std::unique_ptr<llvm::Module>> lower(llvm::StringRef source, llvm::StringRef name,
                                                    llvm::LLVMContext &llvmContext,
                                                    const mlir::kiln::LLVMTargetOptions &target) {
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
  llvm::Expected<std::unique_ptr<llvm::Module>> lowered =
      mlir::kiln::translateVMToLLVMModule(*module, llvmContext, target);
  if (!lowered) {
    std::string message = llvm::toString(lowered.takeError());
    return error(message);
  }
  return lowered;
}

// The file of the code this function is in (the plugin), for the cache
// key: a rebuilt plugin (or compiler) does not reuse older objects.
std::string ownIdentity() {
  Dl_info info;
  struct stat status;
  if (!dladdr(reinterpret_cast<void *>(&ownIdentity), &info) || !info.dli_fname ||
      stat(info.dli_fname, &status) != 0)
    return "unknown";
  return (llvm::Twine(info.dli_fname) + ":" + llvm::Twine(status.st_size) + ":" +
          llvm::Twine(status.st_mtim.tv_sec) + "." + llvm::Twine(status.st_mtim.tv_nsec))
      .str();
}

// The cache entry of `source` (JITOptions::cacheDirectory).
std::string cacheFile(llvm::StringRef source, llvm::StringRef name, const JITOptions &options) {
  std::string key;
  llvm::raw_string_ostream os(key);
  os << source << '\0' << name << '\0' << options.optLevel << (options.bounded ? 'b' : 'u') << '\0'
     << llvm::sys::getProcessTriple() << '\0' << llvm::sys::getHostCPUName() << '\0'
     << ownIdentity();
  llvm::XXH128_hash_t hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(key));
  llvm::SmallString<256> path(options.cacheDirectory);
  llvm::sys::path::append(path, "kiln-jit-" + llvm::utohexstr(hash.high64, false, 16) +
                                    llvm::utohexstr(hash.low64, false, 16) + ".o");
  return path.str().str();
}

// Keeps the object the code generator made of `module` in the cache
// (written aside and renamed, so a reader never sees half a file).
class CacheWriter : public llvm::ObjectCache {
public:
  CacheWriter(std::string path, const llvm::Module *module)
      : path_(std::move(path)), module_(module) {}
  void notifyObjectCompiled(const llvm::Module *module, llvm::MemoryBufferRef object) override {
    if (module != module_)
      return; // ORC's own support code, if any
    std::string partial = path_ + ".partial";
    std::error_code error;
    {
      llvm::raw_fd_ostream out(partial, error);
      if (error)
        return;
      out << object.getBuffer();
    }
    if (llvm::sys::fs::rename(partial, path_))
      llvm::sys::fs::remove(partial);
  }
  std::unique_ptr<llvm::MemoryBuffer> getObject(const llvm::Module *) override { return nullptr; }

private:
  std::string path_;
  const llvm::Module *module_;
};

} // namespace

llvm::Expected<std::unique_ptr<CompiledModule>>
compileMLIR(llvm::StringRef source, llvm::StringRef name, const JITOptions &options) {
  std::string cached;
  if (!options.cacheDirectory.empty()) {
    cached = cacheFile(source, name, options);
    // An entry that does not load (damaged, foreign) is compiled again.
    if (auto object = llvm::MemoryBuffer::getFile(cached)) {
      llvm::Expected<std::unique_ptr<CompiledModule>> loaded = loadObject(std::move(*object));
      if (loaded)
        return loaded;
      llvm::consumeError(loaded.takeError());
    }
  }
  registerOnce();
  // The input options (e.g. --vm-module-name) are process-wide.
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  // What does not depend on the module is built on a second thread while
  // this one parses and lowers it: the JIT (the host's target machine and
  // subtarget, the LLJIT) and, for LLVM's -O1..3 pipelines, the machine
  // they run on (the LLVM target's, with its own subtarget). Both register
  // the target first, alone. The quick level's short pipeline runs on the
  // JIT's machine (compileModule, JITOptions::optimizeIR): one machine and
  // subtarget fewer to build.
  bool quick = options.optLevel == kQuickLevel;
  mlir::kiln::LLVMTargetOptions target = targetOptions(options);
  mlir::kiln::initializeLLVMTarget();
  initializeJITTarget();
  std::optional<llvm::Expected<std::unique_ptr<PreparedJIT>>> prepared;
  std::optional<llvm::Expected<std::unique_ptr<llvm::TargetMachine>>> pipelineMachine;
  llvm::thread preparing([&] {
    if (!quick) {
      pipelineMachine.emplace(mlir::kiln::createLLVMTargetMachine(target));
      if (*pipelineMachine)
        buildDefaultSubtarget(***pipelineMachine);
    }
    prepared.emplace(prepareJIT(options.optLevel));
  });
  auto llvmContext = std::make_unique<llvm::LLVMContext>();
  std::optional<llvm::Expected<std::unique_ptr<llvm::Module>>> module;
  mlir::kiln::runOnToolStack([&] {
    module.emplace(lower(source, name, *llvmContext, target));
    preparing.join();
    if (*module && pipelineMachine && *pipelineMachine)
      ::kiln::llvmpipeline::runDefaultPipeline(***module, ***pipelineMachine, options.optLevel);
    return 0;
  });
  auto dropError = [](auto &expected) {
    if (expected && !*expected)
      llvm::consumeError(expected->takeError());
  };
  if (!*module) {
    dropError(prepared);
    dropError(pipelineMachine);
    return module->takeError();
  }
  if (pipelineMachine && !*pipelineMachine) {
    dropError(prepared);
    return pipelineMachine->takeError();
  }
  if (!*prepared)
    return prepared->takeError();
  // The LLVM target verified the IR; it is optimized already, or (quick)
  // compileModule runs the short pipeline on the JIT's machine.
  JITOptions jitOptions = options;
  jitOptions.optimizeIR = quick;
  jitOptions.verifyIR = false;
  std::optional<CacheWriter> writer;
  if (!cached.empty())
    jitOptions.objectCache = &writer.emplace(cached, (**module).get());
  return compileModule(std::move(**module), std::move(llvmContext), jitOptions,
                       std::move(**prepared));
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
