//===- ModuleImports.h - Declarations of the runtime's modules --*- C++ -*-===//
//
// The runtime ships native modules (`hal`, `check`) whose functions programs
// import by name. Their declarations live in runtime/imports/*.imports.mlir,
// one `vm.module @<name>` of `vm.import`s per file, and are embedded here so
// that the compiler can check a program's `vm.import`s against them and insert
// the ones a program calls without declaring.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_COMPILER_IMPORTS_MODULEIMPORTS_H
#define KILN_COMPILER_IMPORTS_MODULEIMPORTS_H

#include "dialects/vm/VMOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

namespace mlir::kiln {

/// The import declarations of the runtime's own modules, parsed into one
/// context. Lookups take the full import name (`hal.buffer_view.dim`).
class KnownModuleImports {
public:
  /// Parses the embedded declaration files into `context` (which must allow
  /// loading the vm and hal dialects). Fails with a diagnostic only if a
  /// shipped file is malformed, which the test suite rules out.
  static FailureOr<KnownModuleImports> load(MLIRContext *context);

  /// True when `moduleName` is one of the runtime's modules (`hal`, `check`).
  static bool isKnownModule(StringRef moduleName);

  /// The declaration of `fullName` (`module.function`), or null when the
  /// module is not a known one or has no such function.
  vm::ImportOp lookup(StringRef fullName) const;

  /// Checks `import` against the declaration of the same name. No-op (success)
  /// when its module is not a known one; otherwise errors at `import` when the
  /// function does not exist or its signature (argument and result types,
  /// variadic arguments, `vm.yield`) differs from the declaration. A
  /// `!vm.ref<?>` matches any ref type (refs pass alike; the module checks
  /// the object it receives).
  LogicalResult verify(vm::ImportOp import) const;

private:
  SmallVector<OwningOpRef<ModuleOp>> files;
  llvm::StringMap<vm::ImportOp> imports;
};

/// Declares in each `vm.module` under `root` the runtime-module functions it
/// calls without importing them: a `vm.call` / `vm.call.variadic` of
/// `@hal.X` or `@check.X` that names no symbol of the module gets the shipped
/// declaration as a private `vm.import` (so programs need not copy
/// runtime/imports/*.mlir). Runs before verification (vm-translate parses
/// without verifying, calls this, then verifies); calls of other unknown
/// symbols are left for the verifier to report.
LogicalResult insertMissingKnownImports(Operation *root);

/// The text of a function type with variadic arguments marked `...`, the way
/// the import is written (for diagnostics).
std::string formatImportSignature(vm::ImportOp import);

} // namespace mlir::kiln

#endif // KILN_COMPILER_IMPORTS_MODULEIMPORTS_H
