//===- VMAssignmentFolders.cpp - vm dialect: select/switch folding --------===//
//
// vm.select.*: a constant condition picks its value; equal values make the
// condition irrelevant; a condition computed by vm.cmp.nz.i32 is replaced by
// the value it tests (a select already tests for non-zero).
//
// vm.switch.*: a constant index picks its value (or the default when out of
// range, the index read as signed i32); when every value is the default the
// index is irrelevant.
//
//===----------------------------------------------------------------------===//

#include "dialects/vm/VMOps.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

template <typename SelectOp> OpFoldResult foldSelect(SelectOp op, Attribute condition) {
  if (auto cond = dyn_cast_if_present<IntegerAttr>(condition))
    return cond.getValue().isZero() ? op.getFalseValue() : op.getTrueValue();
  if (op.getTrueValue() == op.getFalseValue())
    return op.getTrueValue();
  // select(cmp.nz.i32(x), a, b) == select(x, a, b): select already tests
  // its condition for non-zero.
  if (auto nz = op.getCondition().template getDefiningOp<CmpNZI32Op>()) {
    op.getConditionMutable().assign(nz.getOperand());
    return op.getResult();
  }
  return {};
}

template <typename SwitchOp> OpFoldResult foldSwitch(SwitchOp op, Attribute indexAttr) {
  auto values = op.getValues();
  if (auto index = dyn_cast_if_present<IntegerAttr>(indexAttr)) {
    int64_t i = index.getValue().getSExtValue();
    if (i < 0 || i >= static_cast<int64_t>(values.size()))
      return op.getDefaultValue();
    return values[i];
  }
  if (llvm::all_of(values, [&](Value v) { return v == op.getDefaultValue(); }))
    return op.getDefaultValue();
  return {};
}

} // namespace

OpFoldResult SelectI32Op::fold(FoldAdaptor adaptor) {
  return foldSelect(*this, adaptor.getCondition());
}
OpFoldResult SelectI64Op::fold(FoldAdaptor adaptor) {
  return foldSelect(*this, adaptor.getCondition());
}
OpFoldResult SelectF32Op::fold(FoldAdaptor adaptor) {
  return foldSelect(*this, adaptor.getCondition());
}
OpFoldResult SelectF64Op::fold(FoldAdaptor adaptor) {
  return foldSelect(*this, adaptor.getCondition());
}
OpFoldResult SelectRefOp::fold(FoldAdaptor adaptor) {
  return foldSelect(*this, adaptor.getCondition());
}

OpFoldResult SwitchI32Op::fold(FoldAdaptor adaptor) {
  return foldSwitch(*this, adaptor.getIndex());
}
OpFoldResult SwitchI64Op::fold(FoldAdaptor adaptor) {
  return foldSwitch(*this, adaptor.getIndex());
}
OpFoldResult SwitchF32Op::fold(FoldAdaptor adaptor) {
  return foldSwitch(*this, adaptor.getIndex());
}
OpFoldResult SwitchF64Op::fold(FoldAdaptor adaptor) {
  return foldSwitch(*this, adaptor.getIndex());
}
OpFoldResult SwitchRefOp::fold(FoldAdaptor adaptor) {
  return foldSwitch(*this, adaptor.getIndex());
}
