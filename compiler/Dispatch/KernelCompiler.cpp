//===- KernelCompiler.cpp - A kernel vm.module to executable bytes ---------===//

#include "compiler/Dispatch/KernelCompiler.h"
#include "compiler/Transforms/Passes.h"

#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/IncludeDir.h"
#include "compiler/Target/C/VMToC.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::kiln {

std::optional<KernelForm> parseKernelForm(StringRef text) {
  if (text == "bytecode")
    return KernelForm::Bytecode;
  if (text == "c")
    return KernelForm::C;
  return std::nullopt;
}

StringRef executableFormat(KernelForm form) {
  return form == KernelForm::Bytecode ? "kiln-vm-bytecode" : "kiln-vm-c-so";
}

namespace {

/// A temporary file that is removed when this goes away.
struct TempFile {
  llvm::SmallString<128> path;
  std::optional<llvm::FileRemover> remover;

  LogicalResult create(StringRef suffix, Location loc) {
    int fd = -1;
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile("kiln-kernel", suffix, fd, path))
      return emitError(loc) << "cannot create a temporary ." << suffix
                            << " file for the kernel: " << ec.message();
    llvm::sys::Process::SafelyCloseFileDescriptor(fd);
    remover.emplace(path);
    return success();
  }
};

/// The shared object built from the C of `module`.
FailureOr<std::vector<uint8_t>>
buildSharedObject(ModuleOp module, const KernelCompilerOptions &options, Location loc) {
  std::string source;
  {
    llvm::raw_string_ostream os(source);
    CTargetOptions c;
    c.bounded = options.cBounded;
    if (failed(translateVMToC(module, os, /*runPreparation=*/false, c)))
      return failure();
  }
  std::string compiler = options.cc;
  if (!StringRef(compiler).contains('/')) {
    llvm::ErrorOr<std::string> found = llvm::sys::findProgramByName(compiler);
    if (!found)
      return emitError(loc) << "kernel-form=c: the C compiler '" << compiler << "' is not on PATH";
    compiler = *found;
  } else if (!llvm::sys::fs::can_execute(compiler)) {
    return emitError(loc) << "kernel-form=c: the C compiler '" << compiler
                          << "' is not an executable file";
  }

  TempFile cFile, soFile, log;
  if (failed(cFile.create("c", loc)) || failed(soFile.create("so", loc)) ||
      failed(log.create("log", loc)))
    return failure();
  {
    std::error_code ec;
    llvm::raw_fd_ostream out(cFile.path, ec);
    if (ec)
      return emitError(loc) << "cannot write " << cFile.path << ": " << ec.message();
    out << source;
  }
  std::string include = "-I" + runtimeIncludeDir();
  SmallVector<StringRef> flags;
  StringRef(options.ccFlags).split(flags, ' ', -1, /*KeepEmpty=*/false);
  SmallVector<StringRef> args{compiler, "-std=c11"};
  args.append(flags.begin(), flags.end());
  args.append({"-shared", "-fPIC", include, cFile.path, "-lm", "-o", soFile.path});
  std::optional<StringRef> redirects[] = {std::nullopt, log.path.str(), log.path.str()};
  std::string error;
  int rc = llvm::sys::ExecuteAndWait(compiler, args, std::nullopt, redirects, 0, 0, &error);
  if (rc != 0) {
    std::string output;
    if (auto text = llvm::MemoryBuffer::getFile(log.path))
      output = (*text)->getBuffer().trim().take_front(2000).str();
    InFlightDiagnostic diag = emitError(loc)
                              << "kernel-form=c: '" << llvm::join(args, " ") << "' failed";
    if (rc < 0)
      diag << " (" << error << ")";
    else
      diag << " with exit status " << rc;
    if (!output.empty())
      diag << ": " << output;
    return failure();
  }
  auto object = llvm::MemoryBuffer::getFile(soFile.path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!object)
    return emitError(loc) << "kernel-form=c: cannot read the built object " << soFile.path << ": "
                          << object.getError().message();
  StringRef bytes = (*object)->getBuffer();
  return std::vector<uint8_t>(bytes.bytes_begin(), bytes.bytes_end());
}

} // namespace

FailureOr<std::vector<uint8_t>>
compileKernelModule(ModuleOp module, const KernelCompilerOptions &options, Location loc) {
  VMPreparation which =
      options.form == KernelForm::C ? VMPreparation::Native : VMPreparation::Bytecode;
  if (failed(runVMPreparation(module, which, options.versionLoops)))
    return emitError(loc) << "preparing the kernel's vm module failed";
  if (options.form == KernelForm::C)
    return buildSharedObject(module, options, loc);
  BytecodeTargetOptions bytecode;
  bytecode.runPreparation = false;
  return serializeVMModule(module, bytecode);
}

} // namespace mlir::kiln
