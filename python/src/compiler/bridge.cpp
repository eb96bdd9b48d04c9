// kiln.compiler's in-process compile: the libraries and steps of
// vm-translate (parse with the nesting check, verify, lower upstream input
// to vm, prepare and translate), with diagnostics collected instead of
// printed.
#include "bridge.h"

#include <mutex>

#include "compiler/Conversion/InputConversion.h"
#include "compiler/Dispatch/Passes.h"
#include "compiler/Target/Bytecode/BytecodeModuleTarget.h"
#include "compiler/Target/C/VMToC.h"
#include "compiler/Target/LLVM/VMToLLVM.h"
#include "compiler/Tools/InputNesting.h"
#include "compiler/Tools/Registration.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln::python::compiler {
namespace {

using namespace mlir;

void register_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::kiln::registerKilnPasses();
    mlir::kiln::registerInputConversionCLOptions();
    mlir::kiln::registerDispatchTranslationOptions();
  });
}

// vm-translate reads --vm-buffer-view-exports from its command line; the
// input conversion reads the option's value, so set it the same way.
void set_cl_option(llvm::StringRef name, llvm::StringRef value) {
  auto &options = llvm::cl::getRegisteredOptions();
  auto it = options.find(name);
  if (it != options.end())
    it->second->addOccurrence(1, name, value);
}

const char *severity_name(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

Diagnostic convert(mlir::Diagnostic &d) {
  Diagnostic out;
  out.severity = severity_name(d.getSeverity());
  out.message = d.str();
  d.getLocation()->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      out.file = file.getFilename().str();
      out.line = file.getLine();
      out.column = file.getColumn();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  for (mlir::Diagnostic &note : d.getNotes())
    out.notes.push_back(convert(note));
  return out;
}

Diagnostic plain_error(std::string message) {
  Diagnostic d;
  d.severity = "error";
  d.message = std::move(message);
  return d;
}

LogicalResult run_pipeline(ModuleOp module, llvm::StringRef text, Result &result) {
  text = text.trim();
  if (text.consume_front("builtin.module(")) {
    if (!text.consume_back(")")) {
      result.diagnostics.push_back(plain_error("unbalanced pass pipeline"));
      return failure();
    }
  }
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  std::string errors;
  llvm::raw_string_ostream os(errors);
  if (failed(parsePassPipeline(text, pm, os))) {
    result.diagnostics.push_back(plain_error("invalid pass pipeline: " + errors));
    return failure();
  }
  return pm.run(module);
}

LogicalResult run(const std::string &text, const std::string &filename, const Options &options,
                  Result &result) {
  DialectRegistry registry;
  mlir::kiln::registerKilnDialects(registry);
  registry.insert<emitc::EmitCDialect, cf::ControlFlowDialect>();
  MLIRContext context(registry, MLIRContext::Threading::DISABLED);
  context.getDiagEngine().registerHandler([&](mlir::Diagnostic &d) {
    result.diagnostics.push_back(convert(d));
    return success();
  });
  llvm::SourceMgr sourceMgr;
  unsigned id = sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(text, filename),
                                             llvm::SMLoc());
  if (failed(mlir::kiln::checkInputNesting(sourceMgr, id, &context)))
    return failure();
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, ParserConfig(&context));
  if (!module || failed(verify(*module)))
    return failure();
  if (!options.pipeline.empty() && failed(run_pipeline(*module, options.pipeline, result))) {
    return failure();
  }
  llvm::raw_string_ostream os(result.output);
  if (options.target == "mlir") {
    module->print(os);
    return success();
  }
  mlir::kiln::ConvertToVMOptions input;
  input.indexBitwidth = options.index_bitwidth;
  input.moduleName = options.module_name;
  set_cl_option("vm-buffer-view-exports", options.buffer_view_exports ? "true" : "false");
  set_cl_option("kiln-dispatch-parallel-loops", options.dispatch_parallel_loops ? "true" : "false");
  set_cl_option("kernel-form", options.kernel_form);
  set_cl_option("kernel-cc", options.kernel_cc);
  set_cl_option("kernel-cc-flags", options.kernel_cc_flags);
  set_cl_option("kernel-c-bounded", options.kernel_c_bounded ? "true" : "false");
  set_cl_option("kiln-dispatch-workgroups", std::to_string(options.dispatch_workgroups));
  if (failed(mlir::kiln::lowerInputToVM(*module, input)))
    return failure();
  if (options.target == "vm") {
    module->print(os);
    return success();
  }
  if (options.target == "c")
    return mlir::kiln::translateVMToC(*module, os);
  if (options.target == "llvm-ir") {
    // kiln.runtime JIT-compiles this text (docs/jit.md).
    llvm::LLVMContext llvmContext;
    auto lowered =
        mlir::kiln::translateVMToLLVMModule(*module, llvmContext, mlir::kiln::LLVMTargetOptions());
    if (!lowered) {
      std::string message = llvm::toString(lowered.takeError());
      // The target's own diagnostics went to the handler already.
      if (result.diagnostics.empty())
        result.diagnostics.push_back(plain_error(message));
      return failure();
    }
    (*lowered)->print(os, nullptr);
    return success();
  }
  mlir::kiln::BytecodeTargetOptions bytecode;
  bytecode.stripDebug = options.strip_debug;
  return mlir::kiln::translateModuleToBytecode(*module, bytecode, os);
}

} // namespace

Result compile(const std::string &text, const std::string &filename, const Options &options) {
  Result result;
  if (options.target != "vmfb" && options.target != "c" && options.target != "vm" &&
      options.target != "mlir" && options.target != "llvm-ir") {
    result.diagnostics.push_back(
        plain_error("unknown target '" + options.target + "' (vmfb, c, llvm-ir, vm or mlir)"));
    return result;
  }
  if (options.index_bitwidth != 32 && options.index_bitwidth != 64) {
    result.diagnostics.push_back(plain_error("index_bitwidth must be 32 or 64"));
    return result;
  }
  if (options.kernel_form != "bytecode" && options.kernel_form != "c") {
    result.diagnostics.push_back(
        plain_error("unknown kernel_form '" + options.kernel_form + "' (bytecode or c)"));
    return result;
  }
  if (options.dispatch_workgroups < 1) {
    result.diagnostics.push_back(plain_error("dispatch_workgroups must be at least 1"));
    return result;
  }
  register_once();
  // The input options are process-wide (they are command-line options).
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  // Parsing, verification and passes recurse on nesting: the tools' stack.
  mlir::kiln::runOnToolStack([&] {
    result.ok = succeeded(run(text, filename, options, result));
    return 0;
  });
  if (!result.ok) {
    result.output.clear();
    if (result.diagnostics.empty()) {
      result.diagnostics.push_back(plain_error("compilation failed"));
    }
  }
  return result;
}

} // namespace kiln::python::compiler
