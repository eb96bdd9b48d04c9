//===- JIT.h - LLVM IR of a C-ABI module -> code in this process -*- C++ -*-===//
//
// The JIT (kiln_jit): compiles an LLVM module that implements the C module
// ABI of runtime/include/kiln/c/module.h (what the LLVM target emits, or
// what clang makes of emitted C) with LLVM ORC's LLJIT for the host, looks
// up kiln_module_v1_get and calls it. The result owns the code memory and
// the descriptor; kiln::jit::loadModule (JITModule.h) wraps it into a
// runtime module exactly like a dlopen()ed C module.
//
// Symbols the module declares but does not define resolve against the
// process (libc, libm), as a shared object's would against its loader.
//
// This half needs LLVM only, no runtime and no MLIR: the JIT plugins
// (runtime/include/kiln/tooling/jit_plugin.h) are built from it.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_JIT_JIT_H
#define KILN_COMPILER_JIT_JIT_H

#include "kiln/c/module.h"
#include "kiln/tooling/jit_plugin.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class MemoryBuffer;
class Module;
class ObjectCache;
class TargetMachine;
namespace orc {
class LLJIT;
} // namespace orc
} // namespace llvm

namespace kiln::jit {

/// The quick level (run-module's default): compiles sooner than any of 0..3 but -O0
/// and runs slower code than -O2 (docs/jit.md has the figures). For a
/// .mlir, a short IR pipeline (the ops.h helpers inlined, SROA, early CSE,
/// CFG simplification, instcombine) instead of LLVM's -O2; for any module,
/// the code generator at None (fast instruction selection and register
/// allocation). KILN_JIT_OPT_LEVEL_QUICK in kiln/tooling/jit_plugin.h.
inline constexpr unsigned kQuickLevel = KILN_JIT_OPT_LEVEL_QUICK;

struct JITOptions {
  /// The optimization level: 0..3 as LLVM's -O0..-O3, or kQuickLevel. For
  /// IR files it sets the code generator's level only: the IR itself is
  /// taken as it is (clang -O2 and the LLVM target have optimized it
  /// already), unless `optimizeIR` asks. For .mlir (MLIRToJIT.h) it sets
  /// the IR pipeline's too.
  /// 2 by default: a library user JIT-compiles for native speed; a tool
  /// that starts, runs once and exits asks for kQuickLevel (run-module).
  unsigned optLevel = 2;
  /// Run the IR pipeline of optLevel (LLVM's default<O{optLevel}>, or the
  /// quick level's) on the IR before compiling it (for IR nobody
  /// optimized, e.g. clang -O0 output).
  bool optimizeIR = false;
  /// .mlir only (MLIRToJIT.h): lower a bounded module, which counts fuel and
  /// checks the native stack (the LLVM target's `bounded`).
  bool bounded = false;
  /// Run LLVM's verifier on the IR first (off for IR the LLVM target just
  /// made, which it verified itself).
  bool verifyIR = true;
  /// When set, receives the object file the code generator makes
  /// (notifyObjectCompiled), e.g. to keep it for loadObject.
  llvm::ObjectCache *objectCache = nullptr;
  /// .mlir only (MLIRToJIT.h), opt-in: a directory of compiled objects,
  /// one per input (named by a hash of the text, its name, these options,
  /// the host CPU and the plugin's own file): a hit skips the lowering and
  /// the code generation, a miss compiles and adds the object.
  std::string cacheDirectory;
};

/// The JIT-compiled code of one module. The descriptor, and everything it
/// points at (names, functions, rodata), lives as long as this object.
class CompiledModule {
public:
  /// Made by compileModule.
  CompiledModule(std::unique_ptr<llvm::orc::LLJIT> jit, const kiln_module_desc_t *descriptor);
  ~CompiledModule();
  CompiledModule(const CompiledModule &) = delete;
  CompiledModule &operator=(const CompiledModule &) = delete;

  /// What kiln_module_v1_get returned; not validated yet (the runtime's
  /// kiln::cmodule::wrap_module checks the ABI version and the tables).
  const kiln_module_desc_t *descriptor() const { return descriptor_; }

private:
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  const kiln_module_desc_t *descriptor_;
};

/// Everything compiling a module needs that does not depend on the module:
/// the host's target machine with its subtarget (LLVM's tables of the
/// host's instructions and how to lower IR to them, a few milliseconds to
/// build), and an LLJIT whose code generator uses that machine (as does
/// compileModule's IR pipeline, JITOptions::optimizeIR). Made by
/// prepareJIT, on any thread: compileMLIR makes it on a second thread while
/// it parses and lowers the module.
class PreparedJIT {
public:
  PreparedJIT();
  ~PreparedJIT();
  PreparedJIT(const PreparedJIT &) = delete;
  PreparedJIT &operator=(const PreparedJIT &) = delete;

  struct State; // JIT.cpp's

private:
  friend llvm::Expected<std::unique_ptr<PreparedJIT>> prepareJIT(unsigned optLevel);
  friend llvm::Expected<std::unique_ptr<CompiledModule>>
  compileModule(std::unique_ptr<llvm::Module>, std::unique_ptr<llvm::LLVMContext>,
                const JITOptions &, std::unique_ptr<PreparedJIT>);
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::shared_ptr<State> state_;
  unsigned optLevel_ = 2;
};

/// The JIT for code at `optLevel` (JITOptions::optLevel: 0..3 or
/// kQuickLevel), for compileModule. May run on any thread once initializeJITTarget has run.
llvm::Expected<std::unique_ptr<PreparedJIT>> prepareJIT(unsigned optLevel);

/// Builds the subtarget `machine` gives a function without target
/// attributes of its own (as the LLVM target makes them): its CPU's and
/// features' (a few milliseconds the first time, then cached in `machine`).
void buildDefaultSubtarget(llvm::TargetMachine &machine);

/// Registers the host's LLVM target once (prepareJIT and compileModule call
/// it; a caller that runs prepareJIT beside other LLVM code calls it first).
void initializeJITTarget();

/// Verifies `module`, compiles it for the host and calls its
/// kiln_module_v1_get. Errors (an llvm::StringError with
/// std::errc::invalid_argument, one message): invalid IR, IR for another
/// architecture, no definition of kiln_module_v1_get, symbols that resolve
/// neither in the module nor in the process, a null descriptor.
llvm::Expected<std::unique_ptr<CompiledModule>>
compileModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> context,
              const JITOptions &options = {});
/// The same with a JIT prepareJIT(options.optLevel) made.
llvm::Expected<std::unique_ptr<CompiledModule>>
compileModule(std::unique_ptr<llvm::Module> module, std::unique_ptr<llvm::LLVMContext> context,
              const JITOptions &options, std::unique_ptr<PreparedJIT> prepared);

/// The same for a module in textual LLVM IR or bitcode (told apart by the
/// bitcode magic). `name` names it in errors (a file name).
llvm::Expected<std::unique_ptr<CompiledModule>> compileIR(llvm::StringRef ir, llvm::StringRef name,
                                                          const JITOptions &options = {});

/// The same for a .ll or .bc file; a missing file is
/// std::errc::no_such_file_or_directory.
llvm::Expected<std::unique_ptr<CompiledModule>> compileIRFile(llvm::StringRef path,
                                                              const JITOptions &options = {});

/// Links and loads an object file made by compileModule (handed to
/// JITOptions::objectCache) for this host, and calls its
/// kiln_module_v1_get: compileModule without the compiling.
llvm::Expected<std::unique_ptr<CompiledModule>>
loadObject(std::unique_ptr<llvm::MemoryBuffer> object);

/// A failed compile as a runtime status: the kiln::vm::StatusCode value
/// (NOT_FOUND for a missing file, UNIMPLEMENTED for input this build cannot
/// compile, else INVALID_ARGUMENT) and one message.
struct Failure {
  uint8_t code;
  std::string message;
};
Failure describeFailure(llvm::Error error);

} // namespace kiln::jit

#endif // KILN_COMPILER_JIT_JIT_H
