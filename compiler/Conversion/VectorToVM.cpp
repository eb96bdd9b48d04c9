//===- VectorToVM.cpp - vector.print to the runner utilities ---------------===//
//
// `vector.print` is how programs run by mlir-runner print; its lowering to
// LLVM calls the C runner utilities (printI64, printU64, printF32, printF64,
// printNewline, printComma, printOpen, printClose). Kiln lowers it to calls
// of the same functions, imported from the runtime's `runner_utils` module,
// so a program prints the same text through Kiln as through mlir-runner.
// Scalars only: a value of vector type is reported at the op.
//
// Two steps: before the dialect conversion, every scalar print becomes
// func.call of the declarations (added when the module lacks them), which
// FuncToVM turns into imports like any declaration; a string print
// (`vector.print str "..."`) is converted during the dialect conversion to
// a vm.rodata.inline and a call of runner_utils.printString, whose import
// the first step adds.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/ToVMPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include "llvm/ADT/StringSwitch.h"

namespace mlir::kiln::tovm {

StringRef runnerUtilsModuleName() { return "runner_utils"; }

std::optional<FunctionType> runnerUtilsSignature(MLIRContext *ctx, StringRef name) {
  Builder b(ctx);
  Type i64 = b.getI64Type(), f32 = b.getF32Type(), f64 = b.getF64Type();
  auto fn = [&](ArrayRef<Type> args, ArrayRef<Type> results = {}) {
    return FunctionType::get(ctx, args, results);
  };
  return llvm::StringSwitch<std::optional<FunctionType>>(name)
      .Case("printI64", fn({i64}))
      .Case("printU64", fn({i64}))
      .Case("printF32", fn({f32}))
      .Case("printF64", fn({f64}))
      .Cases({"printNewline", "printComma", "printOpen", "printClose"}, fn({}))
      .Case("rtclock", fn({}, {f64}))
      .Default(std::nullopt);
}

namespace {

/// The declaration `@name` of the module, created when missing. A user's
/// declaration of the same name is reused when its type is the utility's.
FailureOr<func::FuncOp> declareUtility(mlir::ModuleOp module, StringRef name, Operation *user,
                                       llvm::StringMap<func::FuncOp> &cache) {
  auto it = cache.find(name);
  if (it != cache.end())
    return it->second;
  FunctionType type = *runnerUtilsSignature(module.getContext(), name);
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (func && (!func.isDeclaration() || func.getFunctionType() != type)) {
    InFlightDiagnostic diag = user->emitOpError()
                              << "prints through the runner utility @" << name << " " << type
                              << ", but the module defines @" << name << " otherwise";
    diag.attachNote(func.getLoc()) << "defined here";
    return failure();
  }
  if (!func) {
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    func = func::FuncOp::create(b, module.getLoc(), name, type);
    func.setPrivate();
  }
  cache[name] = func;
  return func;
}

/// The utility and the i64/f32/f64 operand that print `value` as
/// VectorToLLVM's lowering does: signed integers sign-extended to printI64,
/// i1 and index zero-extended to printU64, floats as they are.
FailureOr<std::pair<StringRef, Value>> printedForm(OpBuilder &b, Location loc, Value value,
                                                   Operation *op) {
  Type type = value.getType();
  Type i64 = b.getI64Type();
  if (type.isF32())
    return std::make_pair(StringRef("printF32"), value);
  if (type.isF64())
    return std::make_pair(StringRef("printF64"), value);
  if (type.isIndex())
    return std::make_pair(StringRef("printU64"),
                          Value(arith::IndexCastUIOp::create(b, loc, i64, value)));
  if (auto intType = dyn_cast<IntegerType>(type); intType && intType.isSignless()) {
    unsigned width = intType.getWidth();
    if (width == 64)
      return std::make_pair(StringRef("printI64"), value);
    if (width == 1)
      return std::make_pair(StringRef("printU64"),
                            Value(arith::ExtUIOp::create(b, loc, i64, value)));
    if (width == 8 || width == 16 || width == 32)
      return std::make_pair(StringRef("printI64"),
                            Value(arith::ExtSIOp::create(b, loc, i64, value)));
  }
  op->emitOpError() << "prints a value of type " << type
                    << "; the vm conversion prints i1, i8, i16, i32, i64, index, f32 and "
                       "f64 scalars";
  return failure();
}

StringRef punctuationUtility(vector::PrintPunctuation p) {
  switch (p) {
  case vector::PrintPunctuation::NewLine:
    return "printNewline";
  case vector::PrintPunctuation::Comma:
    return "printComma";
  case vector::PrintPunctuation::Open:
    return "printOpen";
  case vector::PrintPunctuation::Close:
    return "printClose";
  case vector::PrintPunctuation::NoPunctuation:
    break;
  }
  return "";
}

std::string printStringImportName() { return (runnerUtilsModuleName() + ".printString").str(); }

/// vector.print str "text": the bytes as an inline rodata buffer, printed
/// by runner_utils.printString.
struct PrintStringConversion : VMPattern<vector::PrintOp> {
  using VMPattern::VMPattern;
  LogicalResult matchAndRewrite(vector::PrintOp op, OneToNOpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    std::optional<StringRef> text = op.getStringLiteral();
    if (!text || op.getSource())
      return failure(); // scalars were lowered before the conversion
    Location loc = op.getLoc();
    auto bytes = rewriter.getStringAttr(*text);
    Type bufferType = RefType::get(BufferType::get(rewriter.getContext()));
    Value buffer = RodataInlineOp::create(rewriter, loc, bufferType, bytes);
    CallOp::create(rewriter, loc, printStringImportName(), TypeRange{}, ValueRange{buffer});
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

LogicalResult lowerVectorPrints(mlir::ModuleOp module) {
  SmallVector<vector::PrintOp> prints;
  module.walk([&](vector::PrintOp op) { prints.push_back(op); });
  if (prints.empty())
    return success();
  llvm::StringMap<func::FuncOp> cache;
  bool ok = true;
  bool needsString = false;
  for (vector::PrintOp op : prints) {
    if (op.getStringLiteral()) {
      needsString = true;
      continue;
    }
    OpBuilder b(op);
    Location loc = op.getLoc();
    auto call = [&](StringRef name, ValueRange args) -> LogicalResult {
      FailureOr<func::FuncOp> f = declareUtility(module, name, op, cache);
      if (failed(f))
        return failure();
      func::CallOp::create(b, loc, *f, args);
      return success();
    };
    if (Value source = op.getSource()) {
      FailureOr<std::pair<StringRef, Value>> form = printedForm(b, loc, source, op);
      if (failed(form) || failed(call(form->first, form->second))) {
        ok = false;
        continue;
      }
    }
    StringRef punctuation = punctuationUtility(op.getPunctuation());
    if (!punctuation.empty() && failed(call(punctuation, {}))) {
      ok = false;
      continue;
    }
    op.erase();
  }
  if (needsString) {
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    MLIRContext *ctx = module.getContext();
    auto type = FunctionType::get(ctx, {RefType::get(BufferType::get(ctx))}, {});
    auto import = ImportOp::create(b, module.getLoc(), printStringImportName(), type);
    import.setSymVisibility("private");
  }
  return success(ok);
}

void populateVectorToVMPatterns(const VMTypeConverter &c, RewritePatternSet &patterns) {
  patterns.add<PrintStringConversion>(c, patterns.getContext());
}

} // namespace mlir::kiln::tovm
