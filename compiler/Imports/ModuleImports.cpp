//===- ModuleImports.cpp - Declarations of the runtime's modules ----------===//

#include "compiler/Imports/ModuleImports.h"

#include "dialects/hal/HALDialect.h"
#include "dialects/vm/VMDialect.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

using namespace mlir;
using namespace mlir::kiln;

namespace {
#include "compiler/Imports/check.imports.inc"
#include "compiler/Imports/hal.imports.inc"
#include "compiler/Imports/io_parameters.imports.inc"

struct EmbeddedFile {
  const char *module;
  const char *name;
  const char *text;
};
const EmbeddedFile kFiles[] = {
    {"hal", "hal.imports.mlir", k_hal_imports},
    {"check", "check.imports.mlir", k_check_imports},
    {"io_parameters", "io_parameters.imports.mlir", k_io_parameters_imports},
};
} // namespace

bool KnownModuleImports::isKnownModule(StringRef moduleName) {
  for (const EmbeddedFile &file : kFiles)
    if (moduleName == file.module)
      return true;
  return false;
}

FailureOr<KnownModuleImports> KnownModuleImports::load(MLIRContext *context) {
  context->getOrLoadDialect<vm::VMDialect>();
  context->getOrLoadDialect<hal::HALDialect>();
  KnownModuleImports result;
  for (const EmbeddedFile &file : kFiles) {
    ParserConfig config(context);
    OwningOpRef<ModuleOp> parsed = parseSourceString<ModuleOp>(file.text, config, file.name);
    if (!parsed)
      return failure();
    for (auto vmModule : parsed->getOps<vm::ModuleOp>()) {
      if (vmModule.getSymName() != file.module)
        return emitError(vmModule.getLoc())
               << "expected the declarations of module '" << file.module << "'";
      for (auto import : vmModule.getOps<vm::ImportOp>())
        result.imports[(Twine(file.module) + "." + import.getSymName()).str()] = import;
    }
    result.files.push_back(std::move(parsed));
  }
  return result;
}

LogicalResult mlir::kiln::insertMissingKnownImports(Operation *root) {
  std::optional<KnownModuleImports> known;
  WalkResult result = root->walk([&](vm::ModuleOp vmModule) -> WalkResult {
    SymbolTable symbols(vmModule);
    OpBuilder builder(vmModule.getContext());
    builder.setInsertionPointToStart(&vmModule.getBodyRegion().front());
    WalkResult inner = vmModule.walk([&](CallOpInterface call) -> WalkResult {
      auto callee = dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
      if (!callee || symbols.lookup(callee.getRootReference()))
        return WalkResult::advance();
      StringRef name = callee.getRootReference().getValue();
      if (!KnownModuleImports::isKnownModule(name.split('.').first))
        return WalkResult::advance();
      if (!known) {
        FailureOr<KnownModuleImports> loaded = KnownModuleImports::load(vmModule.getContext());
        if (failed(loaded))
          return WalkResult::interrupt();
        known.emplace(std::move(*loaded));
      }
      vm::ImportOp declaration = known->lookup(name);
      if (!declaration)
        return WalkResult::advance(); // the verifier names the missing symbol
      auto import = cast<vm::ImportOp>(builder.clone(*declaration));
      import.setSymName(name);
      import->setLoc(call->getLoc());
      symbols.insert(import);
      return WalkResult::advance();
    });
    return inner.wasInterrupted() ? WalkResult::interrupt() : WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

vm::ImportOp KnownModuleImports::lookup(StringRef fullName) const {
  auto it = imports.find(fullName);
  return it == imports.end() ? vm::ImportOp() : it->second;
}

std::string mlir::kiln::formatImportSignature(vm::ImportOp import) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "(";
  ArrayRef<Type> inputs = import.getArgumentTypes();
  for (unsigned i = 0; i < inputs.size(); ++i) {
    os << (i ? ", " : "") << inputs[i];
    if (import.isFuncArgumentVariadic(i))
      os << " ...";
  }
  os << ")";
  ArrayRef<Type> results = import.getResultTypes();
  if (!results.empty()) {
    os << " -> ";
    if (results.size() != 1)
      os << "(";
    llvm::interleaveComma(results, os);
    if (results.size() != 1)
      os << ")";
  }
  if (import->hasAttr("vm.yield"))
    os << " {vm.yield}";
  return text;
}

/// `declared` may stand for `expected`: the same type, or `!vm.ref<?>` for
/// any ref (calls pass refs alike; the callee checks the object's type), also
/// inside tuples.
static bool isCompatible(Type declared, Type expected) {
  if (declared == expected)
    return true;
  auto declaredRef = dyn_cast<vm::RefType>(declared);
  if (declaredRef && isa<vm::RefType>(expected))
    return isa<vm::OpaqueType>(declaredRef.getObjectType());
  auto declaredTuple = dyn_cast<TupleType>(declared);
  auto expectedTuple = dyn_cast<TupleType>(expected);
  if (!declaredTuple || !expectedTuple || declaredTuple.size() != expectedTuple.size())
    return false;
  for (auto [d, e] : llvm::zip(declaredTuple.getTypes(), expectedTuple.getTypes()))
    if (!isCompatible(d, e))
      return false;
  return true;
}

static bool areCompatible(ArrayRef<Type> declared, ArrayRef<Type> expected) {
  if (declared.size() != expected.size())
    return false;
  for (auto [d, e] : llvm::zip(declared, expected))
    if (!isCompatible(d, e))
      return false;
  return true;
}

LogicalResult KnownModuleImports::verify(vm::ImportOp import) const {
  StringRef name = import.getSymName();
  StringRef moduleName = name.split('.').first;
  if (!isKnownModule(moduleName) || moduleName == name)
    return success();
  vm::ImportOp expected = lookup(name);
  if (!expected)
    return import.emitOpError() << "imports '" << name << "', which the runtime's '" << moduleName
                                << "' module does not export";
  bool same = areCompatible(import.getArgumentTypes(), expected.getArgumentTypes()) &&
              areCompatible(import.getResultTypes(), expected.getResultTypes()) &&
              import->hasAttr("vm.yield") == expected->hasAttr("vm.yield");
  for (unsigned i = 0; same && i < expected.getArgumentTypes().size(); ++i)
    same = import.isFuncArgumentVariadic(i) == expected.isFuncArgumentVariadic(i);
  if (same)
    return success();
  return import.emitOpError() << "signature of '" << name << "' does not match the runtime's '"
                              << moduleName << "' module: declared "
                              << formatImportSignature(import) << ", but the module exports "
                              << formatImportSignature(expected);
}
