//===- InputConversion.cpp - Upstream input accepted by the targets -------===//

#include "compiler/Conversion/InputConversion.h"

#include "compiler/Conversion/BufferViewPasses.h"

#include "dialects/vm/VMOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Location.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"

namespace mlir::kiln {

namespace {

struct InputOptionsCL {
  llvm::cl::opt<unsigned> indexBitwidth{
      "vm-input-index-bitwidth",
      llvm::cl::desc("Bit width of `index` when the input is upstream MLIR "
                     "(32 or 64)"),
      llvm::cl::init(64)};
  llvm::cl::opt<std::string> moduleName{
      "vm-module-name",
      llvm::cl::desc("Name of the vm.module made from upstream input "
                     "(default: the builtin.module's sym_name, else the "
                     "input file's stem)"),
      llvm::cl::init("")};
  llvm::cl::opt<bool> bufferViewExports{
      "vm-buffer-view-exports",
      llvm::cl::desc("Export public functions of upstream input that take or "
                     "return memrefs with !hal.buffer_view arguments and "
                     "results (IREE's calling convention) instead of "
                     "!vm.buffer and sizes"),
      llvm::cl::init(false)};
};

InputPipelineHooks &pipelineHooks() {
  static InputPipelineHooks *hooks = new InputPipelineHooks();
  return *hooks;
}

InputOptionsCL &inputOptionsCL() {
  static InputOptionsCL *options = new InputOptionsCL();
  return *options;
}

/// The file name of the first file location found in `loc`.
std::optional<FileLineColLoc> fileLocOf(Location loc) {
  std::optional<FileLineColLoc> found;
  loc->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      found = file;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

/// A vm symbol made from a file stem: characters other than letters, digits
/// and `_` become `_`, and a leading digit gets a `_` in front. The chunks of
/// --split-input-file (whose locations name the file "within split at
/// FILE:LINE offset ") after the first get `_LINE` appended, so the modules
/// of one file get distinct names.
std::string moduleNameFromFile(StringRef fileName) {
  unsigned line = 0;
  if (fileName.consume_front("within split at ")) {
    fileName = fileName.rtrim();
    fileName.consume_back("offset");
    auto [path, lineText] = fileName.rtrim().rsplit(':');
    if (lineText.getAsInteger(10, line))
      line = 0;
    fileName = path;
  }
  StringRef stem = llvm::sys::path::stem(fileName);
  std::string name;
  for (char c : stem)
    name += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (name.empty() || llvm::isDigit(name.front()))
    name.insert(name.begin(), '_');
  if (line > 1)
    name += "_" + std::to_string(line);
  return name;
}

LogicalResult lowerToVM(mlir::ModuleOp module, ConvertToVMOptions options);

} // namespace

LogicalResult lowerInputToVM(Operation *op, ConvertToVMOptions options) {
  auto module = dyn_cast<mlir::ModuleOp>(op);
  if (!module)
    return success();
  return lowerToVM(module, std::move(options));
}

namespace {

LogicalResult lowerToVM(mlir::ModuleOp module, ConvertToVMOptions options) {
  bool anyVM = false;
  Operation *firstOther = nullptr;
  for (Operation &child : module.getBody()->getOperations()) {
    if (isa<vm::ModuleOp>(child))
      anyVM = true;
    else if (!firstOther)
      firstOther = &child;
  }
  if (!firstOther)
    return success();
  if (anyVM)
    return firstOther->emitError() << "input holds a vm.module and upstream ops side by side; give "
                                      "either one vm.module or plain upstream MLIR";

  if (options.moduleName.empty() && !module.getSymName()) {
    if (std::optional<FileLineColLoc> file = fileLocOf(module.getLoc()))
      options.moduleName = moduleNameFromFile(file->getFilename().getValue());
  }
  PassManager pm(module.getContext(), mlir::ModuleOp::getOperationName());
  bool bufferViews = inputOptionsCL().bufferViewExports;
  const InputPipelineHooks &hooks = pipelineHooks();
  if (hooks.beforeConversion)
    hooks.beforeConversion(pm);
  if (bufferViews)
    pm.addPass(createBufferViewBoundaryPass());
  pm.addPass(createConvertToVMPass(options));
  if (hooks.afterConversion)
    hooks.afterConversion(pm);
  if (bufferViews)
    pm.addPass(createBufferViewExportsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  return pm.run(module);
}

} // namespace

void setInputPipelineHooks(InputPipelineHooks hooks) { pipelineHooks() = std::move(hooks); }

void registerInputConversionCLOptions() { (void)inputOptionsCL(); }

ConvertToVMOptions getInputConversionCLOptions() {
  InputOptionsCL &cl = inputOptionsCL();
  ConvertToVMOptions options;
  options.indexBitwidth = cl.indexBitwidth;
  options.moduleName = cl.moduleName;
  return options;
}

} // namespace mlir::kiln
