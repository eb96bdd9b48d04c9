//===- VerifyKnownImports.cpp - Imports of hal/check match the modules ----===//

#include "compiler/Imports/ModuleImports.h"
#include "compiler/Imports/Passes.h"
#include "dialects/hal/HALDialect.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMVERIFYKNOWNIMPORTSPASS
#include "compiler/Imports/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct VMVerifyKnownImportsPass
    : public vm::impl::VMVerifyKnownImportsPassBase<VMVerifyKnownImportsPass> {
  void runOnOperation() override {
    // Parse the declarations only for modules that import a known module.
    bool any = false;
    for (auto import : getOperation().getOps<vm::ImportOp>())
      any |= KnownModuleImports::isKnownModule(import.getSymName().split('.').first);
    if (!any)
      return;
    FailureOr<KnownModuleImports> known = KnownModuleImports::load(&getContext());
    if (failed(known))
      return signalPassFailure();
    bool ok = true;
    for (auto import : getOperation().getOps<vm::ImportOp>())
      ok &= succeeded(known->verify(import));
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
