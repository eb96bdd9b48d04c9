//===- VMToLLVM.cpp - vm dialect -> LLVM IR, objects and shared objects ---===//
//
// The LLVM target (see VMToLLVM.h): runs the vm preparation pipeline, lowers
// the vm.module with ModuleLowering (LLVMEmitter.h), links the kiln/c/
// helpers' bitcode (OpsBitcode.h), makes the helpers internal and
// always-inline, and runs LLVM's default pipeline at the chosen level. The
// code generator turns the result into an object file; a shared object is
// linked from it by ld.lld (Debian's lld-22), run as a program.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/VMToLLVM.h"
#include "compiler/Target/LLVM/LLVMEmitter.h"
#include "compiler/Target/LLVM/LLVMPipeline.h"
#include "compiler/Target/LLVM/OpsBitcode.h"

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Tools/Registration.h"
#include "compiler/Tools/TextTranslation.h"
#include "compiler/Transforms/Passes.h"
#include "compiler/Transforms/VerifyTargetLimits.h"

#include "dialects/vm/VMOps.h"

#include "kiln/c/module.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Linker/Linker.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/IPO/AlwaysInliner.h"
#include "llvm/Transforms/IPO/GlobalDCE.h"

#include <mutex>

using namespace mlir;

namespace mlir::kiln {

void initializeLLVMTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    // The helpers' inline assembly (kiln_stack_pointer) goes through it.
    llvm::InitializeNativeTargetAsmParser();
  });
}

namespace {

llvm::Error errorOf(const Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createLLVMTargetMachine(const LLVMTargetOptions &options) {
  initializeLLVMTarget();
  llvm::Triple host(llvm::sys::getProcessTriple());
  llvm::Triple triple(options.triple.empty() ? host.str()
                                             : llvm::Triple::normalize(options.triple));
  // The embedded helpers are compiled for the host.
  if (triple.getArch() != host.getArch() || triple.getOS() != host.getOS())
    return errorOf("the LLVM form targets the host (" + host.str() + ") only yet, not " +
                   triple.str());
  std::string error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return errorOf(error);
  std::string cpu = options.cpu, features = options.features;
  if (cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    if (features.empty())
      for (const auto &feature : llvm::sys::getHostCPUFeatures())
        features += (features.empty() ? "" : ",") + std::string(feature.getValue() ? "+" : "-") +
                    feature.getKey().str();
  }
  llvm::CodeGenOptLevel level = ::kiln::llvmpipeline::codeGenOptLevel(options.optLevel);
  llvm::TargetOptions targetOptions;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, features, targetOptions, options.pic ? llvm::Reloc::PIC_ : llvm::Reloc::Static,
      std::nullopt, level));
  if (!machine)
    return errorOf("cannot create a target machine for " + triple.str());
  return machine;
}

namespace {

/// The helpers become the module's own: internal (nothing but
/// kiln_module_v1_get and the static registration name is exported) and
/// always inlined, as their `static inline __attribute__((always_inline))`
/// definitions are in C. Every function gets the chosen CPU.
void adoptHelpers(llvm::Module &module, const std::string &prefix, llvm::TargetMachine &machine) {
  for (llvm::Function &f : module) {
    if (f.isDeclaration())
      continue;
    if (f.getName() != KILN_MODULE_ENTRY_SYMBOL && f.getName() != prefix + "kiln_module" &&
        f.hasExternalLinkage()) {
      f.setLinkage(llvm::GlobalValue::InternalLinkage);
      if (!f.hasFnAttribute(llvm::Attribute::NoInline))
        f.addFnAttr(llvm::Attribute::AlwaysInline);
    }
    f.removeFnAttr("target-cpu");
    f.removeFnAttr("target-features");
    f.removeFnAttr("tune-cpu");
    if (!machine.getTargetCPU().empty())
      f.addFnAttr("target-cpu", machine.getTargetCPU());
    if (!machine.getTargetFeatureString().empty())
      f.addFnAttr("target-features", machine.getTargetFeatureString());
  }
}

/// The one vm.module of `op` (itself, or the only one inside).
Operation *findVMModule(Operation *op) {
  if (isa<vm::ModuleOp>(op))
    return op;
  Operation *found = nullptr;
  for (Region &r : op->getRegions())
    for (Block &blk : r)
      for (Operation &child : blk)
        if (isa<vm::ModuleOp>(child)) {
          if (found)
            return nullptr;
          found = &child;
        }
  return found;
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::Module>>
translateVMToLLVMModule(Operation *op, llvm::LLVMContext &ctx, const LLVMTargetOptions &options) {
  if (options.runPreparation) {
    if (mlir::failed(lowerInputToVM(op, ConvertToVMOptions())))
      return errorOf("translation failed: the input does not lower to vm");
    if (mlir::failed(
            runVMPreparation(op, VMPreparation::Native, options.versionLoops, options.bounded)))
      return errorOf("translation failed: the vm preparation pipeline failed");
  }
  Operation *vmModule = findVMModule(op);
  if (!vmModule) {
    op->emitError("the LLVM form translates exactly one vm.module");
    return errorOf("translation failed");
  }
  if (mlir::failed(vm::verifyTargetLimits(vmModule)))
    return errorOf("translation failed");
  auto machine = createLLVMTargetMachine(options);
  if (!machine) {
    vmModule->emitError(llvm::toString(machine.takeError()));
    return errorOf("translation failed");
  }
  auto ops = llvmtarget::loadOpsBitcode(ctx, options.bounded);
  if (!ops)
    return ops.takeError();
  auto name = vmModule->getAttrOfType<StringAttr>("sym_name");
  auto module = std::make_unique<llvm::Module>(name ? name.getValue() : "module", ctx);
  module->setTargetTriple((*machine)->getTargetTriple());
  module->setDataLayout((*machine)->createDataLayout());
  (*ops)->setTargetTriple((*machine)->getTargetTriple());
  (*ops)->setDataLayout((*machine)->createDataLayout());

  llvmtarget::ModuleLowering lowering(vmModule, *module, **ops, options);
  if (mlir::failed(lowering.run()))
    return errorOf("translation failed");
  if (llvm::Linker::linkModules(*module, std::move(*ops), llvm::Linker::LinkOnlyNeeded))
    return errorOf("linking the ops bitcode failed");
  adoptHelpers(*module, lowering.prefix, **machine);
  std::string problems;
  llvm::raw_string_ostream os(problems);
  if (llvm::verifyModule(*module, &os)) {
    vmModule->emitError("the LLVM form built invalid IR (internal error): ") << problems;
    return errorOf("translation failed");
  }
  if (options.optimize)
    ::kiln::llvmpipeline::runDefaultPipeline(*module, **machine, options.optLevel);
  return module;
}

llvm::Error emitObjectFile(llvm::Module &module, const LLVMTargetOptions &options,
                           llvm::raw_pwrite_stream &os) {
  auto machine = createLLVMTargetMachine(options);
  if (!machine)
    return machine.takeError();
  llvm::legacy::PassManager passes;
  if ((*machine)->addPassesToEmitFile(passes, os, nullptr, llvm::CodeGenFileType::ObjectFile))
    return errorOf("the target cannot emit object files");
  passes.run(module);
  return llvm::Error::success();
}

namespace {

std::string &objectOutputName() {
  static std::string name;
  return name;
}

/// ld.lld of LLVM 22: Debian's lld-22 (ld.lld-22 on the PATH, or in LLVM's
/// bin directory).
llvm::ErrorOr<std::string> findLinker() {
  if (auto found = llvm::sys::findProgramByName("ld.lld-22"))
    return found;
  return llvm::sys::findProgramByName("ld.lld", {KILN_LLVM_TOOLS_DIR});
}

/// Links the relocatable object `object` into a shared object written to
/// `os` (undefined libc/libm symbols resolve when the runtime loads it, as
/// a C-form module's do).
LogicalResult linkSharedObject(Operation *op, StringRef object, raw_ostream &os) {
  llvm::ErrorOr<std::string> linker = findLinker();
  if (!linker)
    return op->emitError("--vm-to-object -o x.so needs ld.lld (Debian package lld-22); "
                         "give -o x.o for a relocatable object instead");
  SmallString<128> objectPath, sharedPath;
  int fd;
  if (llvm::sys::fs::createTemporaryFile("kiln-llvm", "o", fd, objectPath) ||
      llvm::sys::fs::createTemporaryFile("kiln-llvm", "so", sharedPath))
    return op->emitError("cannot create temporary files for linking");
  llvm::scope_exit cleanup([&] {
    llvm::sys::fs::remove(objectPath);
    llvm::sys::fs::remove(sharedPath);
  });
  {
    llvm::raw_fd_ostream file(fd, /*shouldClose=*/true);
    file << object;
  }
  std::string errorMessage;
  SmallVector<StringRef> args{*linker, "-shared",  "-z",      "noexecstack", "--hash-style=gnu",
                              "-o",    sharedPath, objectPath};
  if (llvm::sys::ExecuteAndWait(*linker, args, std::nullopt, {}, 0, 0, &errorMessage) != 0)
    return op->emitError("linking the shared object with ")
           << *linker << " failed" << (errorMessage.empty() ? "" : ": ") << errorMessage;
  auto shared = llvm::MemoryBuffer::getFile(sharedPath);
  if (!shared)
    return op->emitError("cannot read the linked shared object");
  os << (*shared)->getBuffer();
  return success();
}

} // namespace

void setObjectOutputName(StringRef name) { objectOutputName() = name.str(); }

void registerVMToLLVMTranslation() {
  static llvm::cl::opt<unsigned> optLevel(
      "O", llvm::cl::desc("LLVM form: optimization level (-O0..-O3, default 2)"), llvm::cl::Prefix,
      llvm::cl::init(2));
  static llvm::cl::opt<std::string> triple(
      "target-triple", llvm::cl::desc("LLVM form: target triple (default: the host's)"),
      llvm::cl::init(""));
  static llvm::cl::opt<std::string> cpu(
      "target-cpu",
      llvm::cl::desc("LLVM form: target CPU, e.g. native or x86-64-v3 (default: generic)"),
      llvm::cl::init(""));
  static llvm::cl::opt<bool> bounded(
      "vm-llvm-bounded",
      llvm::cl::desc("LLVM form: count fuel at loops and calls and check the native "
                     "stack (as --vm-c-bounded for the C form)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> noPreparation(
      "vm-llvm-no-preparation",
      llvm::cl::desc("LLVM form: translate the input as is, without the preparation "
                     "pipeline (the module must already be prepared)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> noEntry(
      "vm-llvm-no-entry",
      llvm::cl::desc("LLVM form: leave out kiln_module_v1_get (static linking of several "
                     "modules; register <module>_kiln_module instead)"),
      llvm::cl::init(false));
  static llvm::cl::opt<bool> debugInfo(
      "vm-llvm-debug-info", llvm::cl::desc("LLVM form: DWARF line tables pointing at the .mlir"),
      llvm::cl::init(false));
  auto options = []() {
    LLVMTargetOptions o;
    o.optLevel = std::min(optLevel.getValue(), 3u);
    o.triple = triple;
    o.cpu = cpu;
    o.bounded = bounded;
    o.debugInfo = debugInfo;
    o.runPreparation = !noPreparation;
    o.entrySymbol = !noEntry;
    return o;
  };
  auto registerDialects = [](DialectRegistry &registry) { registerKilnDialects(registry); };
  // Both lower the input with the command line's conversion options first.
  auto translate = [options](Operation *op) -> FailureOr<std::unique_ptr<llvm::Module>> {
    if (mlir::failed(lowerInputToVM(op, getInputConversionCLOptions())))
      return failure();
    static llvm::LLVMContext *ctx = new llvm::LLVMContext();
    auto module = translateVMToLLVMModule(op, *ctx, options());
    if (!module) {
      std::string message = llvm::toString(module.takeError());
      // Diagnostics were emitted already unless the failure is the bitcode's.
      if (StringRef(message).starts_with("translation failed"))
        return failure();
      op->emitError(message);
      return failure();
    }
    return std::move(*module);
  };
  registerTranslationFromText(
      "vm-to-llvm-ir", "translate a vm.module to LLVM IR (kiln/c/module.h ABI)",
      [translate](Operation *op, raw_ostream &os) -> LogicalResult {
        auto module = translate(op);
        if (mlir::failed(module))
          return failure();
        (*module)->print(os, nullptr);
        return success();
      },
      registerDialects);
  registerTranslationFromText(
      "vm-to-object",
      "translate a vm.module to a native object (-o x.o) or shared object (-o x.so) "
      "through LLVM",
      [translate, options](Operation *op, raw_ostream &os) -> LogicalResult {
        auto module = translate(op);
        if (mlir::failed(module))
          return failure();
        SmallString<0> object;
        llvm::raw_svector_ostream objectStream(object);
        if (llvm::Error error = emitObjectFile(**module, options(), objectStream))
          return op->emitError(llvm::toString(std::move(error)));
        if (StringRef(objectOutputName()).ends_with(".so"))
          return linkSharedObject(op, object, os);
        os << object;
        return success();
      },
      registerDialects);
  markBinaryTranslation("vm-to-object");
  registerInputConversionCLOptions();
}

} // namespace mlir::kiln
