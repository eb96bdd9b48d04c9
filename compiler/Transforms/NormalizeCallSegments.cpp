//===- NormalizeCallSegments.cpp - Plain arguments of variadic calls: -1 --===//
//
// See VMNormalizeCallSegmentsPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMNORMALIZECALLSEGMENTSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// The sizes with every non-variadic argument's entry -1; null when
/// nothing changes.
DenseIntElementsAttr normalized(DenseIntElementsAttr sizes, FunctionOpInterface callee) {
  SmallVector<int16_t> out;
  bool changed = false;
  for (auto [i, size] : llvm::enumerate(sizes.getValues<APInt>())) {
    int64_t value = size.getSExtValue();
    if (value != -1 && i < callee.getNumArguments() && !callee.getArgAttr(i, "vm.variadic")) {
      value = -1;
      changed = true;
    }
    out.push_back(static_cast<int16_t>(value));
  }
  if (!changed)
    return nullptr;
  return DenseIntElementsAttr::get(
      VectorType::get({static_cast<int64_t>(out.size())}, IntegerType::get(sizes.getContext(), 16)),
      ArrayRef<int16_t>(out));
}

template <typename CallT> void normalizeCall(CallT op, SymbolTable &symbols) {
  auto callee = symbols.lookup<FunctionOpInterface>(op.getCallee());
  if (!callee)
    return; // the verifier has said so
  if (DenseIntElementsAttr sizes = normalized(op.getSegmentSizes(), callee))
    op.setSegmentSizesAttr(sizes);
}

struct VMNormalizeCallSegmentsPass
    : public ::mlir::kiln::vm::impl::VMNormalizeCallSegmentsPassBase<VMNormalizeCallSegmentsPass> {
  void runOnOperation() override {
    SymbolTable symbols(getOperation());
    getOperation().walk([&](Operation *op) {
      if (auto call = dyn_cast<CallVariadicOp>(op))
        normalizeCall(call, symbols);
      else if (auto call = dyn_cast<CallVariadicYieldableOp>(op))
        normalizeCall(call, symbols);
    });
  }
};

} // namespace
