//===- FuncToVM.cpp - func.func, func.return, func.call to vm ---------------===//
//
// Patterns of the input conversion (ConvertToVM.cpp) for one source dialect;
// ToVMPatterns.h has the conventions they share.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

namespace mlir::kiln::tovm {
namespace {

//===----------------------------------------------------------------------===//
// func
//===----------------------------------------------------------------------===//

struct FuncOpConversion : VMPattern<func::FuncOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(func::FuncOp func, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    FunctionType type = func.getFunctionType();
    TypeConverter::SignatureConversion sig(type.getNumInputs());
    for (auto [i, t] : llvm::enumerate(type.getInputs())) {
      SmallVector<Type> converted;
      if (failed(conv.convertType(t, converted)))
        return unsupported(func, "argument type " + typeString(t) + " has no vm equivalent");
      sig.addInputs(i, converted);
    }
    SmallVector<Type> results;
    for (Type t : type.getResults())
      if (failed(conv.convertType(t, results)))
        return unsupported(func, "result type " + typeString(t) + " has no vm equivalent");
    auto newType = FunctionType::get(func.getContext(), sig.getConvertedTypes(), results);

    FailureOr<std::string> name = vmSymbolName(func);
    if (failed(name))
      return unsupported(func, "declaration needs a module to import from: "
                               "name it `module.function` or set "
                               "`vm.import_module`");

    if (func.isDeclaration()) {
      auto import = ImportOp::create(rewriter, func.getLoc(), *name, newType);
      import.setSymVisibility("private");
      rewriter.eraseOp(func);
      return success();
    }

    auto newFunc = kiln::vm::FuncOp::create(rewriter, func.getLoc(), *name, newType);
    bool isPublic = func.isPublic();
    if (!isPublic)
      newFunc.setSymVisibility("private");
    rewriter.inlineRegionBefore(func.getBody(), newFunc.getBody(), newFunc.getBody().end());
    if (failed(rewriter.convertRegionTypes(&newFunc.getBody(), conv, &sig)))
      return unsupported(func, "a block argument has no vm type");
    if (isPublic) {
      rewriter.setInsertionPointAfter(newFunc);
      ExportOp::create(rewriter, func.getLoc(), newFunc);
    }
    rewriter.eraseOp(func);
    return success();
  }
};

struct ReturnOpConversion : VMPattern<func::ReturnOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(func::ReturnOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<kiln::vm::ReturnOp>(op, flatten(adaptor.getOperands()));
    return success();
  }
};

struct CallOpConversion : VMPattern<func::CallOp> {
  CallOpConversion(const VMTypeConverter &c, MLIRContext *ctx,
                   const llvm::StringMap<std::string> &names)
      : VMPattern(c, ctx), names(names) {}
  const llvm::StringMap<std::string> &names;

  LogicalResult matchAndRewrite(func::CallOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    SmallVector<Type> resultTypes;
    SmallVector<unsigned> counts;
    for (Type t : op.getResultTypes()) {
      size_t before = resultTypes.size();
      if (failed(conv.convertType(t, resultTypes)))
        return unsupported(op, "result type " + typeString(t) + " has no vm equivalent");
      counts.push_back(resultTypes.size() - before);
    }
    StringRef callee = op.getCallee();
    auto it = names.find(callee);
    std::string target = it == names.end() ? callee.str() : it->second;
    auto call = kiln::vm::CallOp::create(rewriter, op.getLoc(), target, resultTypes,
                                         flatten(adaptor.getOperands()));
    SmallVector<ValueRange> replacements;
    unsigned pos = 0;
    for (unsigned n : counts) {
      replacements.push_back(call.getResults().slice(pos, n));
      pos += n;
    }
    rewriter.replaceOpWithMultiple(op, replacements);
    return success();
  }
};

} // namespace

FailureOr<std::string> vmSymbolName(func::FuncOp func) {
  if (!func.isDeclaration())
    return func.getSymName().str();
  if (auto mod = func->getAttrOfType<StringAttr>("vm.import_module"))
    return (mod.getValue() + "." + func.getSymName()).str();
  if (func.getSymName().contains('.'))
    return func.getSymName().str();
  // MLIR's C runner utilities (printI64, printNewline, ...), which programs
  // written for mlir-runner declare by their C names.
  if (runnerUtilsSignature(func.getContext(), func.getSymName()) == func.getFunctionType())
    return (runnerUtilsModuleName() + "." + func.getSymName()).str();
  return failure();
}

void populateFuncToVMPatterns(const VMTypeConverter &c, const llvm::StringMap<std::string> &names,
                              RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<FuncOpConversion, ReturnOpConversion>(c, ctx);
  patterns.add<CallOpConversion>(c, ctx, names);
}

} // namespace mlir::kiln::tovm
