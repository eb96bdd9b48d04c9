//===- DispatchOptions.cpp - vm-translate's dispatch options ----------------===//
//
// --kiln-dispatch-parallel-loops adds the two dispatch passes around the
// conversion that vm-translate runs on plain MLIR (lowerInputToVM). Off by
// default: a dispatched loop needs the hal module and a device at run time,
// and a program that does not ask for it keeps running where it always did.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dispatch/Passes.h"

#include "compiler/Conversion/InputConversion.h"

#include "llvm/Support/CommandLine.h"

namespace mlir::kiln {

namespace {

struct DispatchOptionsCL {
  llvm::cl::opt<bool> enabled{
      "kiln-dispatch-parallel-loops",
      llvm::cl::desc("Run top-level scf.parallel / scf.forall loops over memrefs of plain "
                     "MLIR input as hal dispatches on the device's workers "
                     "(docs/executables.md)"),
      llvm::cl::init(false)};
  llvm::cl::opt<std::string> kernelForm{
      "kernel-form",
      llvm::cl::desc("Form of dispatched kernels, independent of the host module's: "
                     "bytecode (a .vmfb) or c (a shared object built by --kernel-cc)"),
      llvm::cl::init("bytecode")};
  llvm::cl::opt<std::string> cc{
      "kernel-cc", llvm::cl::desc("C compiler for --kernel-form=c (name on PATH or path)"),
      llvm::cl::init("cc")};
  llvm::cl::opt<std::string> ccFlags{
      "kernel-cc-flags", llvm::cl::desc("Optimization flags for --kernel-form=c (space separated)"),
      llvm::cl::init("-O2")};
  llvm::cl::opt<bool> cBounded{
      "kernel-c-bounded",
      llvm::cl::desc("--kernel-form=c: kernels count fuel at loops and calls, so the "
                     "dispatching call's fuel and deadline stop them inside loops "
                     "(default true; false checks them only between workgroups)"),
      llvm::cl::init(true)};
  llvm::cl::opt<bool> versionLoops{
      "kernel-version-loops",
      llvm::cl::desc("--kernel-form=c: version loops so accesses proven in range skip "
                     "their index check (default true; false for A/B measurements)"),
      llvm::cl::init(true)};
  llvm::cl::opt<int64_t> workgroups{
      "kiln-dispatch-workgroups",
      llvm::cl::desc("Largest number of workgroups one loop is split into"), llvm::cl::init(64)};
};

DispatchOptionsCL &dispatchOptionsCL() {
  static DispatchOptionsCL *options = new DispatchOptionsCL();
  return *options;
}

} // namespace

void registerDispatchTranslationOptions() {
  (void)dispatchOptionsCL();
  InputPipelineHooks hooks;
  hooks.beforeConversion = [](OpPassManager &pm) {
    DispatchOptionsCL &cl = dispatchOptionsCL();
    if (!cl.enabled)
      return;
    OutlineDispatchesPassOptions options;
    options.workgroups = cl.workgroups;
    pm.addPass(createOutlineDispatchesPass(options));
  };
  hooks.afterConversion = [](OpPassManager &pm) {
    DispatchOptionsCL &cl = dispatchOptionsCL();
    if (!cl.enabled)
      return;
    EmbedDispatchesPassOptions options;
    options.kernelForm = cl.kernelForm;
    options.cc = cl.cc;
    options.ccFlags = cl.ccFlags;
    options.cBounded = cl.cBounded;
    options.versionLoops = cl.versionLoops;
    pm.addPass(createEmbedDispatchesPass(options));
  };
  setInputPipelineHooks(std::move(hooks));
}

} // namespace mlir::kiln
