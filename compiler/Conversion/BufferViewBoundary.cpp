//===- BufferViewBoundary.cpp - Record memref functions for buffer views --===//
//
// First half of the buffer view calling convention (see BufferViewPasses.td):
// before the conversion to vm, remember which exported functions take or
// return memrefs, and with which types, and keep the conversion from
// exporting them with the memref calling convention.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/BufferViewPasses.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace mlir::kiln {
#define GEN_PASS_DEF_BUFFERVIEWBOUNDARYPASS
#include "compiler/Conversion/BufferViewPasses.h.inc"
} // namespace mlir::kiln

using namespace mlir;
using namespace mlir::kiln;

namespace {

bool hasMemRef(FunctionType type) {
  auto isMemRef = [](Type t) { return isa<MemRefType>(t); };
  return llvm::any_of(type.getInputs(), isMemRef) || llvm::any_of(type.getResults(), isMemRef);
}

/// Element types a buffer view can describe and the vm conversion stores
/// densely (index has no HAL element type of a fixed width).
bool isBoundaryElementType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.isSignless() && llvm::is_contained({1u, 8u, 16u, 32u, 64u}, i.getWidth());
  return t.isF32() || t.isF64();
}

LogicalResult checkBoundaryMemRef(func::FuncOp func, Type t, StringRef what, unsigned index) {
  auto memref = dyn_cast<MemRefType>(t);
  if (!memref)
    return success();
  if (!memref.getLayout().isIdentity())
    return func.emitOpError() << what << " " << index << " of type " << t
                              << " cannot cross the module boundary as a buffer view: only "
                                 "identity (row-major, contiguous) layouts can";
  if (!isBoundaryElementType(memref.getElementType()))
    return func.emitOpError() << what << " " << index << " of type " << t
                              << " cannot cross the module boundary as a buffer view: element "
                                 "type "
                              << memref.getElementType()
                              << " has no buffer view encoding (use i1, i8, i16, i32, i64, f32 "
                                 "or f64)";
  return success();
}

/// The `module.function` name a declaration imports (as --convert-to-vm
/// names it), or "" when it names none.
std::string importName(func::FuncOp func) {
  if (auto mod = func->getAttrOfType<StringAttr>("vm.import_module"))
    return (mod.getValue() + "." + func.getSymName()).str();
  if (func.getSymName().contains('.'))
    return func.getSymName().str();
  return "";
}

struct BufferViewBoundaryPass
    : public mlir::kiln::impl::BufferViewBoundaryPassBase<BufferViewBoundaryPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<NamedAttribute> recorded, imports;
    if (auto existing = module->getAttrOfType<DictionaryAttr>(kBufferViewExportsAttr))
      llvm::append_range(recorded, existing.getValue());
    if (auto existing = module->getAttrOfType<DictionaryAttr>(kBufferViewImportsAttr))
      llvm::append_range(imports, existing.getValue());
    bool ok = true;
    for (auto func : module.getOps<func::FuncOp>()) {
      // Declarations of the runtime modules' functions written with memrefs
      // where the module takes buffer views.
      if (func.isDeclaration() && hasMemRef(func.getFunctionType())) {
        std::string name = importName(func);
        StringRef moduleName = StringRef(name).split('.').first;
        if (moduleName != "hal" && moduleName != "check")
          continue;
        for (auto [i, t] : llvm::enumerate(func.getArgumentTypes()))
          ok &= succeeded(checkBoundaryMemRef(func, t, "argument", i));
        if (llvm::any_of(func.getResultTypes(), [](Type t) { return isa<MemRefType>(t); })) {
          func.emitOpError() << "imports of the runtime's modules cannot "
                                "return memrefs";
          ok = false;
        }
        imports.push_back(NamedAttribute(StringAttr::get(&getContext(), name),
                                         TypeAttr::get(func.getFunctionType())));
        continue;
      }
      if (!func.isPublic() || func.isDeclaration() || !hasMemRef(func.getFunctionType()))
        continue;
      for (auto [i, t] : llvm::enumerate(func.getArgumentTypes()))
        ok &= succeeded(checkBoundaryMemRef(func, t, "argument", i));
      for (auto [i, t] : llvm::enumerate(func.getResultTypes()))
        ok &= succeeded(checkBoundaryMemRef(func, t, "result", i));
      recorded.push_back(
          NamedAttribute(func.getSymNameAttr(), TypeAttr::get(func.getFunctionType())));
      func.setPrivate();
    }
    if (!ok)
      return signalPassFailure();
    if (!recorded.empty())
      module->setAttr(kBufferViewExportsAttr, DictionaryAttr::get(&getContext(), recorded));
    if (!imports.empty())
      module->setAttr(kBufferViewImportsAttr, DictionaryAttr::get(&getContext(), imports));
  }
};

} // namespace
