//===- OrdinalAllocation.cpp - Number the entities of a vm.module ---------===//
//
// Imports, exports, internal functions, ref globals and rodata are numbered
// from 0 in module order, each kind on its own. Scalar globals share one byte
// area: they are laid out largest first (stable, so equal sizes keep module
// order), each at a multiple of its size, and their `ordinal` is that byte
// offset. The module's `ordinal_counts` records the totals (global_bytes is
// the size of the byte area). Running the pass again gives the same result.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "llvm/Support/MathExtras.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMORDINALALLOCATIONPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// Byte size of a scalar global, or 0 for anything else.
unsigned getScalarGlobalSize(Operation *op) {
  if (isa<GlobalI32Op, GlobalF32Op>(op))
    return 4;
  if (isa<GlobalI64Op, GlobalF64Op>(op))
    return 8;
  return 0;
}

struct VMOrdinalAllocationPass
    : public ::mlir::kiln::vm::impl::VMOrdinalAllocationPassBase<VMOrdinalAllocationPass> {
  void runOnOperation() override {
    kiln::vm::ModuleOp moduleOp = getOperation();
    MLIRContext *context = &getContext();
    Builder b(context);
    auto setOrdinal = [&](Operation *op, int64_t ordinal) {
      op->setAttr("ordinal", b.getI32IntegerAttr(static_cast<int32_t>(ordinal)));
    };

    int32_t imports = 0, exports = 0, internals = 0, refs = 0, rodatas = 0;
    SmallVector<std::pair<Operation *, unsigned>> scalars;
    for (Operation &op : moduleOp.getBlock()) {
      if (isa<ImportOp>(op))
        setOrdinal(&op, imports++);
      else if (isa<ExportOp>(op))
        setOrdinal(&op, exports++);
      else if (isa<FuncOp>(op))
        setOrdinal(&op, internals++);
      else if (isa<GlobalRefOp>(op))
        setOrdinal(&op, refs++);
      else if (isa<RodataOp>(op))
        setOrdinal(&op, rodatas++);
      else if (unsigned size = getScalarGlobalSize(&op))
        scalars.emplace_back(&op, size);
    }

    llvm::stable_sort(scalars,
                      [](const auto &lhs, const auto &rhs) { return lhs.second > rhs.second; });
    uint64_t globalBytes = 0;
    for (auto [op, size] : scalars) {
      uint64_t offset = llvm::alignTo(globalBytes, size);
      setOrdinal(op, offset);
      globalBytes = offset + size;
    }

    moduleOp.setOrdinalCountsAttr(OrdinalCountsAttr::get(context, imports, exports, internals,
                                                         static_cast<int32_t>(globalBytes), refs,
                                                         rodatas, /*rwdatas=*/0));
  }
};

} // namespace
