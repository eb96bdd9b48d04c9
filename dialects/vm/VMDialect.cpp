//===- VMDialect.cpp - The Kiln vm dialect --------------------------------===//

#include "dialects/vm/VMDialect.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/IR/DialectImplementation.h"
#include "mlir/Transforms/InliningUtils.h"

using namespace mlir;
using namespace mlir::kiln::vm;

#include "dialects/vm/VMDialect.cpp.inc"

namespace {

/// Everything in a vm function may be inlined into another vm function; the
/// inliner pass decides which calls pay.
struct VMInlinerInterface : public DialectInlinerInterface {
  using DialectInlinerInterface::DialectInlinerInterface;
  bool isLegalToInline(Operation *call, Operation *callable, bool wouldBeCloned) const final {
    return true;
  }
  bool isLegalToInline(Region *dest, Region *src, bool wouldBeCloned,
                       IRMapping &valueMapping) const final {
    return true;
  }
  bool isLegalToInline(Operation *op, Region *dest, bool wouldBeCloned,
                       IRMapping &valueMapping) const final {
    return true;
  }

  /// A multi-block callee: each vm.return becomes a branch to the block that
  /// continues the caller, carrying the returned values.
  void handleTerminator(Operation *op, Block *newDest) const final {
    auto returnOp = dyn_cast<ReturnOp>(op);
    if (!returnOp)
      return;
    OpBuilder builder(op);
    BranchOp::create(builder, op->getLoc(), newDest, returnOp.getOperands());
    op->erase();
  }

  /// A single-block callee: the call's results become the returned values.
  void handleTerminator(Operation *op, ValueRange valuesToReplace) const final {
    auto returnOp = dyn_cast<ReturnOp>(op);
    if (!returnOp)
      return;
    for (auto [from, to] : llvm::zip(valuesToReplace, returnOp.getOperands()))
      from.replaceAllUsesWith(to);
  }
};

/// Gives constants readable SSA names (%c42, %zero, %null, %buf) in printed IR.
struct VMOpAsmInterface : public OpAsmDialectInterface {
  using OpAsmDialectInterface::OpAsmDialectInterface;
};

/// Result names of vm ops without their own: a first result that is a ref
/// is %buffer, %list or %ref (numbered after the first), as IREE prints
/// them, so vm-opt output diffs cleanly against IREE's.
struct VMOpAsmFallback : public OpAsmOpInterface::FallbackModel<VMOpAsmFallback> {
  static bool classof(Operation *) { return true; }

  void getAsmResultNames(Operation *op, OpAsmSetValueNameFn setNameFn) const {
    if (op->getNumResults() == 0)
      return;
    auto ref = dyn_cast<RefType>(op->getResult(0).getType());
    if (!ref)
      return;
    Type object = ref.getObjectType();
    setNameFn(op->getResult(0), isa<BufferType>(object) ? "buffer"
                                : isa<ListType>(object) ? "list"
                                                        : "ref");
  }
  void getAsmBlockArgumentNames(Operation *, Region &, OpAsmSetValueNameFn) const {}
  void getAsmBlockNames(Operation *, OpAsmSetBlockNameFn) const {}
  static StringRef getDefaultDialect() { return ""; }
};

} // namespace

void *VMDialect::getRegisteredInterfaceForOp(TypeID interface, OperationName) {
  static VMOpAsmFallback fallback;
  if (interface == TypeID::get<OpAsmOpInterface>())
    return &fallback;
  return nullptr;
}

void VMDialect::initialize() {
  registerTypes();
  registerAttributes();
  registerOps();
  addInterfaces<VMInlinerInterface, VMOpAsmInterface>();
}

void VMDialect::registerOps() {
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMStructuralOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMGlobalOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMConstOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMArithmeticOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMConversionOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMComparisonOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMAssignmentOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMRefOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMBufferOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMListOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMControlFlowOps.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/vm/VMDebugOps.cpp.inc"
      >();
}
