//===- JIT.cpp - LLVM IR of a C-ABI module -> code in this process -------===//

#include "compiler/JIT/JIT.h"
#include "compiler/Target/LLVM/LLVMPipeline.h"

#include "kiln/vm/status.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ExecutionEngine/ObjectCache.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/IRReader/IRReader.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <mutex>
#include <string>
#include <system_error>

using namespace llvm;

namespace kiln::jit {
static_assert(kQuickLevel == ::kiln::llvmpipeline::kQuickLevel);

namespace {

Error invalid(const Twine &message) {
  return createStringError(std::make_error_code(std::errc::invalid_argument), message);
}

// The verifier's report, one line ("problem; the IR it is about; ...").
std::string oneLine(StringRef text) {
  SmallVector<StringRef> lines;
  text.trim().split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string joined;
  for (StringRef line : lines) {
    if (!joined.empty())
      joined += "; ";
    joined += line.trim().str();
  }
  return joined;
}

// Checks what the JIT needs of the module before compiling it.
Error checkModule(Module &module, const Triple &host, bool verify) {
  std::string problems;
  raw_string_ostream os(problems);
  if (verify && verifyModule(module, &os))
    return invalid("invalid LLVM IR: " + oneLine(problems));
  const Triple &triple = module.getTargetTriple();
  if (!triple.str().empty() && triple.getArch() != host.getArch()) {
    return invalid("the module is compiled for " + triple.str() + "; this JIT runs " + host.str() +
                   " code");
  }
  Function *entry = module.getFunction(KILN_MODULE_ENTRY_SYMBOL);
  if (!entry || entry->isDeclaration()) {
    return invalid(Twine("the module does not define ") + KILN_MODULE_ENTRY_SYMBOL +
                   ": it is not a Kiln C module (C module ABI version " +
                   Twine(KILN_MODULE_ABI_VERSION) + ")");
  }
  return Error::success();
}

} // namespace

void initializeJITTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    InitializeNativeTargetAsmParser();
  });
}

CompiledModule::CompiledModule(std::unique_ptr<orc::LLJIT> jit,
                               const kiln_module_desc_t *descriptor)
    : jit_(std::move(jit)), descriptor_(descriptor) {}

CompiledModule::~CompiledModule() = default;

namespace {

// An LLJIT for the host built by `builder`, whose session's error reports
// (ORC says why materialization failed, e.g. "Symbols not found: [ f ]",
// to the session; the lookup only says that it failed) are collected in
// `reports` for the error instead of being printed.
Expected<std::unique_ptr<orc::LLJIT>> createJIT(orc::LLJITBuilder &builder,
                                                std::shared_ptr<std::string> reports) {
  Expected<std::unique_ptr<orc::LLJIT>> jit = builder.create();
  if (!jit)
    return jit.takeError();
  (*jit)->getExecutionSession().setErrorReporter([reports](Error err) {
    if (!reports->empty())
      *reports += "; ";
    *reports += toString(std::move(err));
  });
  return jit;
}

// Looks up and calls kiln_module_v1_get, which compiles (or links) what
// was added to `jit`.
Expected<std::unique_ptr<CompiledModule>> finish(std::unique_ptr<orc::LLJIT> jit,
                                                 const std::string &reports) {
  Expected<orc::ExecutorAddr> address = jit->lookup(KILN_MODULE_ENTRY_SYMBOL);
  if (!address) {
    std::string message = toString(address.takeError());
    if (!reports.empty())
      message = reports;
    return invalid("the JIT could not compile the module: " + message);
  }
  auto getter = address->toPtr<kiln_module_get_fn_t>();
  const kiln_module_desc_t *descriptor = getter();
  if (!descriptor)
    return invalid(Twine(KILN_MODULE_ENTRY_SYMBOL) + " returned no descriptor");
  return std::make_unique<CompiledModule>(std::move(jit), descriptor);
}

} // namespace

// What the LLJIT's code generator shares with the PreparedJIT: the target
// machine, and the object cache of the module being compiled (known only
// when it is).
struct PreparedJIT::State {
  std::unique_ptr<TargetMachine> machine;
  ObjectCache *cache = nullptr;
  std::shared_ptr<std::string> reports = std::make_shared<std::string>();
};

namespace {

// SimpleCompiler on the PreparedJIT's machine (LLJIT's default would build
// a machine of its own, and a subtarget with it).
class SharedMachineCompiler : public orc::IRCompileLayer::IRCompiler {
public:
  explicit SharedMachineCompiler(std::shared_ptr<PreparedJIT::State> state)
      : IRCompiler(orc::irManglingOptionsFromTargetOptions(state->machine->Options)),
        state_(std::move(state)) {}
  Expected<std::unique_ptr<MemoryBuffer>> operator()(Module &module) override {
    orc::SimpleCompiler compile(*state_->machine, state_->cache);
    return compile(module);
  }

private:
  std::shared_ptr<PreparedJIT::State> state_;
};

} // namespace

void buildDefaultSubtarget(TargetMachine &machine) {
  LLVMContext context;
  Module module("kiln-jit-subtarget", context);
  Function *function = Function::Create(FunctionType::get(Type::getVoidTy(context), false),
                                        GlobalValue::ExternalLinkage, "f", module);
  (void)machine.getSubtargetImpl(*function);
}

PreparedJIT::PreparedJIT() = default;
PreparedJIT::~PreparedJIT() = default;

Expected<std::unique_ptr<PreparedJIT>> prepareJIT(unsigned optLevel) {
  if (optLevel > 3 && optLevel != kQuickLevel)
    return invalid("optimization level " + Twine(optLevel) + ": the JIT takes 0..3 or quick");
  initializeJITTarget();
  Expected<orc::JITTargetMachineBuilder> builder = orc::JITTargetMachineBuilder::detectHost();
  if (!builder)
    return builder.takeError();
  builder->setCodeGenOptLevel(::kiln::llvmpipeline::codeGenOptLevel(optLevel));
  // What LLJIT sets up for JITLink, which links its objects on x86-64 and
  // AArch64 ELF, when it makes the machine itself.
  builder->setCodeModel(CodeModel::Small);
  builder->setRelocationModel(Reloc::PIC_);
  auto prepared = std::make_unique<PreparedJIT>();
  prepared->optLevel_ = optLevel;
  auto state = std::make_shared<PreparedJIT::State>();
  Expected<std::unique_ptr<TargetMachine>> machine = builder->createTargetMachine();
  if (!machine)
    return machine.takeError();
  state->machine = std::move(*machine);
  buildDefaultSubtarget(*state->machine);
  orc::LLJITBuilder jitBuilder;
  jitBuilder.setDataLayout(state->machine->createDataLayout());
  jitBuilder.setJITTargetMachineBuilder(std::move(*builder));
  jitBuilder.setCompileFunctionCreator(
      [state](orc::JITTargetMachineBuilder)
          -> Expected<std::unique_ptr<orc::IRCompileLayer::IRCompiler>> {
        return std::make_unique<SharedMachineCompiler>(state);
      });
  Expected<std::unique_ptr<orc::LLJIT>> jit = createJIT(jitBuilder, state->reports);
  if (!jit)
    return jit.takeError();
  prepared->jit_ = std::move(*jit);
  prepared->state_ = std::move(state);
  return prepared;
}

Expected<std::unique_ptr<CompiledModule>> compileModule(std::unique_ptr<Module> module,
                                                        std::unique_ptr<LLVMContext> context,
                                                        const JITOptions &options) {
  Expected<std::unique_ptr<PreparedJIT>> prepared = prepareJIT(options.optLevel);
  if (!prepared)
    return prepared.takeError();
  return compileModule(std::move(module), std::move(context), options, std::move(*prepared));
}

Expected<std::unique_ptr<CompiledModule>> compileModule(std::unique_ptr<Module> module,
                                                        std::unique_ptr<LLVMContext> context,
                                                        const JITOptions &options,
                                                        std::unique_ptr<PreparedJIT> prepared) {
  if (prepared->optLevel_ != options.optLevel)
    return invalid("internal error: the JIT was prepared for another optimization level");
  PreparedJIT::State &state = *prepared->state_;
  TargetMachine &machine = *state.machine;
  if (Error err = checkModule(*module, machine.getTargetTriple(), options.verifyIR))
    return err;
  if (options.optimizeIR)
    ::kiln::llvmpipeline::runDefaultPipeline(*module, machine, options.optLevel);
  state.cache = options.objectCache;
  std::unique_ptr<orc::LLJIT> jit = std::move(prepared->jit_);
  const DataLayout &layout = jit->getDataLayout();
  if (module->getDataLayout().isDefault())
    module->setDataLayout(layout);
  if (Error err = jit->addIRModule(orc::ThreadSafeModule(std::move(module), std::move(context))))
    return err;
  return finish(std::move(jit), *state.reports);
}

Expected<std::unique_ptr<CompiledModule>> loadObject(std::unique_ptr<MemoryBuffer> object) {
  initializeJITTarget();
  orc::LLJITBuilder jitBuilder;
  auto reports = std::make_shared<std::string>();
  Expected<std::unique_ptr<orc::LLJIT>> jit = createJIT(jitBuilder, reports);
  if (!jit)
    return jit.takeError();
  if (Error err = (*jit)->addObjectFile(std::move(object)))
    return err;
  return finish(std::move(*jit), *reports);
}

Expected<std::unique_ptr<CompiledModule>> compileIR(StringRef ir, StringRef name,
                                                    const JITOptions &options) {
  auto context = std::make_unique<LLVMContext>();
  SMDiagnostic diagnostic;
  // The IR parser reads up to a terminating NUL, which `ir` may lack.
  std::unique_ptr<MemoryBuffer> buffer = MemoryBuffer::getMemBufferCopy(ir, name);
  std::unique_ptr<Module> module = parseIR(buffer->getMemBufferRef(), diagnostic, *context);
  if (!module) {
    return invalid("invalid LLVM IR: " + diagnostic.getFilename() + ":" +
                   Twine(diagnostic.getLineNo()) + ":" + Twine(diagnostic.getColumnNo() + 1) +
                   ": error: " + diagnostic.getMessage());
  }
  return compileModule(std::move(module), std::move(context), options);
}

Expected<std::unique_ptr<CompiledModule>> compileIRFile(StringRef path, const JITOptions &options) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> file = MemoryBuffer::getFile(path);
  if (!file) {
    return createStringError(file.getError(),
                             "cannot read '" + path.str() + "': " + file.getError().message());
  }
  return compileIR((*file)->getBuffer(), path, options);
}

Failure describeFailure(Error error) {
  Failure failure{static_cast<uint8_t>(vm::StatusCode::kInvalidArgument), {}};
  handleAllErrors(std::move(error), [&](const ErrorInfoBase &info) {
    if (!failure.message.empty())
      failure.message += "; ";
    failure.message += info.message();
    std::error_code code = info.convertToErrorCode();
    if (code == std::errc::no_such_file_or_directory)
      failure.code = static_cast<uint8_t>(vm::StatusCode::kNotFound);
    else if (code == std::errc::function_not_supported)
      failure.code = static_cast<uint8_t>(vm::StatusCode::kUnimplemented);
  });
  return failure;
}

} // namespace kiln::jit
