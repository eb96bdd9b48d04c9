//===- LowerChecks.cpp - vm.check.* to comparison + vm.cond_fail ----------===//
//
// Each check becomes a comparison that is non-zero exactly when the check
// fails, and a vm.cond_fail with FAILED_PRECONDITION and the check's message
// (or a default naming the check) at the check's location. Unlike the
// canonicalization pattern of the dialect, the comparison is picked so that
// no extra negation is needed where the vm has the inverse predicate.
//
//===----------------------------------------------------------------------===//

#include "compiler/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::kiln::vm {
#define GEN_PASS_DEF_VMLOWERCHECKSPASS
#include "compiler/Transforms/Passes.h.inc"
} // namespace mlir::kiln::vm

using namespace mlir;
using namespace mlir::kiln::vm;

namespace {

/// IREE_STATUS_FAILED_PRECONDITION.
constexpr int32_t kFailedPreconditionStatus = 9;

enum class ValueKind { I32, I64, F32, F64, Ref, Unsupported };

ValueKind classify(Type type) {
  if (type.isInteger(32))
    return ValueKind::I32;
  if (type.isInteger(64))
    return ValueKind::I64;
  if (type.isF32())
    return ValueKind::F32;
  if (type.isF64())
    return ValueKind::F64;
  if (isa<RefType>(type))
    return ValueKind::Ref;
  return ValueKind::Unsupported;
}

/// 1 - `pass` (pass is 0 or 1).
Value negate(OpBuilder &b, Location loc, Value pass) {
  Type i32 = b.getI32Type();
  Value one = ConstI32Op::create(b, loc, int32_t(1));
  return XorI32Op::create(b, loc, i32, pass, one);
}

/// lhs != rhs (floats: unordered, i.e. true when either is NaN).
Value emitNotEqual(OpBuilder &b, Location loc, ValueKind kind, Value lhs, Value rhs) {
  Type i32 = b.getI32Type();
  switch (kind) {
  case ValueKind::I32:
    return CmpNEI32Op::create(b, loc, i32, lhs, rhs);
  case ValueKind::I64:
    return CmpNEI64Op::create(b, loc, i32, lhs, rhs);
  case ValueKind::F32:
    return CmpNEF32UOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::F64:
    return CmpNEF64UOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::Ref:
    return CmpNERefOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::Unsupported:
    break;
  }
  return {};
}

/// lhs == rhs (floats: unordered, i.e. also true when either is NaN).
Value emitEqualOrUnordered(OpBuilder &b, Location loc, ValueKind kind, Value lhs, Value rhs) {
  Type i32 = b.getI32Type();
  switch (kind) {
  case ValueKind::I32:
    return CmpEQI32Op::create(b, loc, i32, lhs, rhs);
  case ValueKind::I64:
    return CmpEQI64Op::create(b, loc, i32, lhs, rhs);
  case ValueKind::F32:
    return CmpEQF32UOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::F64:
    return CmpEQF64UOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::Ref:
    return CmpEQRefOp::create(b, loc, i32, lhs, rhs);
  case ValueKind::Unsupported:
    break;
  }
  return {};
}

/// value is zero / null. Floats use the ordered non-zero test, so a NaN
/// fails the check too.
Value emitIsZero(OpBuilder &b, Location loc, ValueKind kind, Value value) {
  Type i32 = b.getI32Type();
  Value pass;
  switch (kind) {
  case ValueKind::I32:
    pass = CmpNZI32Op::create(b, loc, i32, value);
    break;
  case ValueKind::I64:
    pass = CmpNZI64Op::create(b, loc, i32, value);
    break;
  case ValueKind::F32:
    pass = CmpNZF32OOp::create(b, loc, i32, value);
    break;
  case ValueKind::F64:
    pass = CmpNZF64OOp::create(b, loc, i32, value);
    break;
  case ValueKind::Ref:
    pass = CmpNZRefOp::create(b, loc, i32, value);
    break;
  case ValueKind::Unsupported:
    return {};
  }
  return negate(b, loc, pass);
}

/// Not nearly equal: floats use the near comparison, the rest exact.
Value emitNotNearlyEqual(OpBuilder &b, Location loc, ValueKind kind, Value lhs, Value rhs) {
  Type i32 = b.getI32Type();
  switch (kind) {
  case ValueKind::F32:
    return negate(b, loc, CmpEQF32NearOp::create(b, loc, i32, lhs, rhs));
  case ValueKind::F64:
    return negate(b, loc, CmpEQF64NearOp::create(b, loc, i32, lhs, rhs));
  default:
    return emitNotEqual(b, loc, kind, lhs, rhs);
  }
}

struct VMLowerChecksPass : public ::mlir::kiln::vm::impl::VMLowerChecksPassBase<VMLowerChecksPass> {
  void runOnOperation() override {
    SmallVector<Operation *> checks;
    getOperation().walk([&](Operation *op) {
      if (isa<CheckEQOp, CheckNEOp, CheckNZOp, CheckNearlyEQOp>(op))
        checks.push_back(op);
    });

    bool failed = false;
    for (Operation *op : checks) {
      OpBuilder b(op);
      Location loc = op->getLoc();
      ValueKind kind = classify(op->getOperand(0).getType());
      if (kind == ValueKind::Unsupported) {
        op->emitOpError("cannot lower a check on values of type ") << op->getOperand(0).getType();
        failed = true;
        continue;
      }

      Value fail;
      StringRef checkName;
      if (auto eq = dyn_cast<CheckEQOp>(op)) {
        fail = emitNotEqual(b, loc, kind, eq.getLhs(), eq.getRhs());
        checkName = "vm.check.eq";
      } else if (auto ne = dyn_cast<CheckNEOp>(op)) {
        fail = emitEqualOrUnordered(b, loc, kind, ne.getLhs(), ne.getRhs());
        checkName = "vm.check.ne";
      } else if (auto nz = dyn_cast<CheckNZOp>(op)) {
        fail = emitIsZero(b, loc, kind, nz.getValue());
        checkName = "vm.check.nz";
      } else {
        auto near = cast<CheckNearlyEQOp>(op);
        fail = emitNotNearlyEqual(b, loc, kind, near.getLhs(), near.getRhs());
        checkName = "vm.check.nearly_eq";
      }

      auto message = op->getAttrOfType<StringAttr>("message");
      if (!message || message.getValue().empty())
        message = b.getStringAttr((checkName + " failed").str());
      Value status = ConstI32Op::create(b, loc, kFailedPreconditionStatus);
      CondFailOp::create(b, loc, fail, status, message);
      op->erase();
    }
    if (failed)
      signalPassFailure();
  }
};

} // namespace
