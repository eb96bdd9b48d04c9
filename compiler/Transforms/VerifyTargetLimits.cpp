//===- VerifyTargetLimits.cpp - Module limits both targets share ----------===//
//
// The vm dialect itself is IREE's and accepts more than Kiln's runtime can
// load (lists of f16, any rodata alignment, any number of values). This is
// the one place that holds a module to the runtime's limits
// (kiln/vm/limits.h, shared with the loaders); the bytecode and C targets
// both run it before emitting, so each limit gives the same diagnostic in
// both and a module one target accepts the other accepts too.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/VerifyTargetLimits.h"

#include "compiler/Analysis/RegisterAllocation.h"
#include "compiler/Analysis/ValueLiveness.h"
#include "compiler/Target/Bytecode/BytecodePlan.h"
#include "compiler/Transforms/Passes.h"
#include "dialects/vm/VMTypes.h"
#include "kiln/vm/limits.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMVERIFYTARGETLIMITSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;
namespace limits = ::kiln::vm::limits;

static_assert(::mlir::kiln::kMaxRegistersPerBank == limits::kMaxRegistersPerBank,
              "the register allocator's limit is the runtime's");

namespace {

class LimitChecker {
public:
  bool failed = false;

  /// List element types anywhere in `type` (through refs and tuples).
  void checkType(Type type, Location loc) {
    if (!checkedTypes.insert(type).second)
      return;
    if (auto ref = dyn_cast<RefType>(type))
      return checkType(ref.getObjectType(), loc);
    if (auto tuple = dyn_cast<TupleType>(type)) {
      for (Type element : tuple.getTypes())
        checkType(element, loc);
      return;
    }
    if (auto fn = dyn_cast<FunctionType>(type)) {
      for (Type t : fn.getInputs())
        checkType(t, loc);
      for (Type t : fn.getResults())
        checkType(t, loc);
      return;
    }
    auto list = dyn_cast<ListType>(type);
    if (!list)
      return;
    Type element = list.getElementType();
    if (isa<::mlir::kiln::vm::OpaqueType>(element))
      return;
    if (isa<RefType>(element))
      return checkType(element, loc);
    std::string name;
    llvm::raw_string_ostream os(name);
    element.print(os);
    if (limits::is_list_scalar_element_type(name))
      return;
    // A type seen again elsewhere is reported once, at its first use.
    fail(loc) << "list element type " << element
              << " is not supported by the runtime: lists hold i8, i16, i32, "
                 "i64, f32, f64, refs or '?'";
  }

  void checkName(Operation *op, StringRef what, StringRef name) {
    if (name.size() > limits::kMaxNameLength)
      fail(op->getLoc()) << what << " is " << name.size() << " bytes long; names are at most "
                         << limits::kMaxNameLength << " bytes";
  }

  /// Argument and result codes of the calling-convention signature.
  void checkSignature(Operation *op) {
    auto typeAttr = op->getAttrOfType<TypeAttr>("function_type");
    auto type = typeAttr ? dyn_cast<FunctionType>(typeAttr.getValue()) : FunctionType();
    if (!type)
      return;
    auto argAttrs = op->getAttrOfType<ArrayAttr>("arg_attrs");
    auto codes = [](Type t) -> size_t {
      if (auto tuple = dyn_cast<TupleType>(t)) {
        SmallVector<Type> flat;
        tuple.getFlattenedTypes(flat);
        return flat.size();
      }
      return 1;
    };
    size_t arguments = 0, results = 0;
    for (unsigned i = 0; i < type.getNumInputs(); ++i) {
      arguments += codes(type.getInput(i));
      if (argAttrs && i < argAttrs.size())
        if (auto dict = dyn_cast<DictionaryAttr>(argAttrs[i]))
          if (dict.get("vm.variadic"))
            arguments += 2; // the C...D around the span
    }
    for (Type t : type.getResults())
      results += codes(t);
    if (arguments > limits::kMaxSignatureArguments)
      fail(op->getLoc()) << "signature has " << arguments << " argument codes; at most "
                         << limits::kMaxSignatureArguments << " are supported";
    if (results > limits::kMaxSignatureResults)
      fail(op->getLoc()) << "signature has " << results << " result codes; at most "
                         << limits::kMaxSignatureResults << " are supported";
  }

  void checkAlignment(Operation *op, StringRef attrName) {
    auto attr = op->getAttrOfType<IntegerAttr>(attrName);
    if (!attr)
      return;
    const APInt &value = attr.getValue();
    if (value.getActiveBits() <= 64 && value.isPowerOf2() &&
        value.getZExtValue() <= limits::kMaxRodataAlignment)
      return;
    fail(op->getLoc()) << "'" << attrName << "' of " << llvm::toString(value, 10, /*Signed=*/false)
                       << " is not supported: rodata is aligned to a power of "
                          "two from 1 to "
                       << limits::kMaxRodataAlignment << " bytes";
  }

  /// Registers per bank as the bytecode target would allocate them. Only
  /// functions with more values than a bank holds can exceed it, so the
  /// allocation runs only for those.
  void checkRegisters(Operation *funcOp) {
    Region &body = funcOp->getRegion(0);
    if (body.empty())
      return;
    size_t scalars = 0, refs = 0;
    auto count = [&](Value value) {
      if (::mlir::kiln::RegisterAllocation::isRefType(value.getType()))
        ++refs;
      else
        ++scalars;
    };
    for (Block &block : body) {
      for (BlockArgument arg : block.getArguments())
        count(arg);
      for (Operation &op : block)
        for (Value result : op.getResults())
          count(result);
    }
    if (scalars <= limits::kMaxRegistersPerBank && refs <= limits::kMaxRegistersPerBank)
      return;
    ::mlir::kiln::OpcodeTable opcodes(funcOp->getContext());
    ::mlir::kiln::BytecodePlan plan(body, opcodes);
    ::mlir::kiln::ValueLiveness liveness(body, plan);
    if (::mlir::failed(::mlir::kiln::RegisterAllocation::compute(funcOp, body, plan, liveness)))
      failed = true;
  }

private:
  InFlightDiagnostic fail(Location loc) {
    failed = true;
    return emitError(loc);
  }

  llvm::DenseSet<Type> checkedTypes;
};

} // namespace

LogicalResult mlir::kiln::vm::verifyTargetLimits(Operation *vmModule) {
  LimitChecker checker;
  if (auto name = vmModule->getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName()))
    checker.checkName(vmModule, "module name", name.getValue());
  for (Operation &op : vmModule->getRegion(0).front()) {
    if (auto name = op.getAttrOfType<StringAttr>(::mlir::SymbolTable::getSymbolAttrName()))
      checker.checkName(&op, "symbol name", name.getValue());
    if (auto exportOp = dyn_cast<ExportOp>(op))
      if (auto name = exportOp->getAttrOfType<StringAttr>("export_name"))
        checker.checkName(&op, "export name", name.getValue());
    if (isa<FuncOp, ImportOp>(op))
      checker.checkSignature(&op);
    if (auto typeAttr = op.getAttrOfType<TypeAttr>("type"))
      checker.checkType(typeAttr.getValue(), op.getLoc());
    if (auto typeAttr = op.getAttrOfType<TypeAttr>("function_type"))
      checker.checkType(typeAttr.getValue(), op.getLoc());
    op.walk([&](Operation *nested) {
      if (isa<RodataOp, RodataInlineOp, RodataTableInlineOp>(nested)) {
        checker.checkAlignment(nested, "alignment");
        checker.checkAlignment(nested, "data_alignment");
      }
      for (Region &region : nested->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            checker.checkType(arg.getType(), arg.getLoc());
      for (Value result : nested->getResults())
        checker.checkType(result.getType(), nested->getLoc());
      for (NamedAttribute attr : nested->getAttrs())
        if (auto typeAttr = dyn_cast<TypeAttr>(attr.getValue()))
          checker.checkType(typeAttr.getValue(), nested->getLoc());
    });
    if (isa<FuncOp>(op))
      checker.checkRegisters(&op);
  }
  return failure(checker.failed);
}

namespace {

struct VMVerifyTargetLimitsPass
    : public ::mlir::kiln::vm::impl::VMVerifyTargetLimitsPassBase<VMVerifyTargetLimitsPass> {
  void runOnOperation() override {
    if (failed(verifyTargetLimits(getOperation())))
      signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
