//===- LLVMScalar.cpp - LLVM target: constants, arithmetic, comparisons ---===//
//
// Scalar vm ops: the ops that are one kiln/c/ops.h helper call (the C
// target's helper table, by op class), and by TypeSwitch the constants, ref
// comparisons, casts, selects and checks.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/LLVM/LLVMEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "kiln/c/module.h"
#include "kiln/c/ops.h"

#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln::llvmtarget {

using namespace mlir::kiln::vm;

std::optional<LogicalResult> FunctionLowering::emitScalarOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto result = [&](unsigned i = 0) { return op.getResult(i); };
  auto resultType = [&](unsigned i = 0) { return m.typeOf(op.getResult(i).getType()); };
  // A helper's int result as the vm result's type (ops.h returns int for
  // comparisons, which is i32 on every target Kiln supports).
  auto asResult = [&](llvm::Value *v) -> llvm::Value * {
    llvm::Type *want = resultType();
    if (v->getType() != want && v->getType()->isIntegerTy() && want->isIntegerTy())
      return b.CreateSExtOrTrunc(v, want);
    return v;
  };

  if (std::optional<ctarget::Helper> helper = ctarget::helperOf(op)) {
    switch (helper->form) {
    case ctarget::HelperForm::Operands: {
      SmallVector<llvm::Value *> operands;
      for (unsigned i = 0; i < op.getNumOperands(); ++i)
        operands.push_back(arg(i));
      setCopy(result(), asResult(call(helper->name, operands)));
      return success();
    }
    case ctarget::HelperForm::SwappedOperands:
      // Float gt/gte: the lt/lte helper with the operands swapped.
      setCopy(result(), asResult(call(helper->name, {arg(1), arg(0)})));
      return success();
    case ctarget::HelperForm::DivisionByZeroFault: {
      // Integer division and remainder (fail on zero).
      llvm::AllocaInst *out = slot(resultType());
      llvm::Value *code = call(helper->name, {arg(0), arg(1), out});
      faultIf(isNonZero(code), &op, KILN_FAULT_DIV_BY_ZERO, {});
      setCopy(result(), load(out));
      return success();
    }
    }
  }

  auto done = [](auto) -> std::optional<LogicalResult> { return success(); };
  return TypeSwitch<Operation *, std::optional<LogicalResult>>(&op)
      .Case<ConstI32Op, ConstI64Op>([&](auto constOp) {
        APInt value = cast<IntegerAttr>(constOp.getValueAttr()).getValue();
        setCopy(result(), llvm::ConstantInt::get(resultType(), value.getSExtValue(),
                                                 /*IsSigned=*/true));
        return done(constOp);
      })
      .Case<ConstF32Op, ConstF64Op>([&](auto constOp) {
        APFloat value = cast<FloatAttr>(constOp.getValueAttr()).getValue();
        setCopy(result(), llvm::ConstantFP::get(m.ctx, value));
        return done(constOp);
      })
      .Case<ConstI32ZeroOp, ConstI64ZeroOp, ConstF32ZeroOp, ConstF64ZeroOp>([&](auto zero) {
        setCopy(result(), llvm::Constant::getNullValue(resultType()));
        return done(zero);
      })
      .Case<ConstRefZeroOp>([&](auto zero) {
        call("kiln_ref_reset", {services(), vars.lookup(result())});
        return done(zero);
      })
      .Case<ConstRefRodataOp>([&](auto) { return std::optional<LogicalResult>(emitRodataRef(op)); })
      .Case<CmpNZRefOp>([&](auto cmpOp) {
        setCopy(result(), b.CreateZExt(b.CreateIsNotNull(arg(0)), m.i32));
        return done(cmpOp);
      })
      .Case<CmpEQRefOp, CmpNERefOp>([&](auto cmpOp) {
        llvm::Value *c =
            isa<CmpEQRefOp>(op) ? b.CreateICmpEQ(arg(0), arg(1)) : b.CreateICmpNE(arg(0), arg(1));
        setCopy(result(), b.CreateZExt(c, m.i32));
        return done(cmpOp);
      })
      .Case<CastRefAnyOp>([&](auto cast) {
        setCopy(result(), arg(0));
        return done(cast);
      })
      .Case<CastAnyRefOp>([&](auto cast) {
        llvm::Value *v = arg(0);
        checkRefKind(v, op.getResult(0).getType(), &op);
        setCopy(result(), v);
        return done(cast);
      })
      .Case<CheckNearlyEQOp>([&](auto check) {
        auto msg = op.getAttrOfType<StringAttr>("message");
        bool isF32 = op.getOperand(0).getType().isF32();
        llvm::Value *near =
            call(isF32 ? "kiln_cmp_eq_f32_near" : "kiln_cmp_eq_f64_near", {arg(0), arg(1)});
        failIf(b.CreateICmpEQ(near, llvm::Constant::getNullValue(near->getType())), &op,
               i32c(KILN_STATUS_FAILED_PRECONDITION),
               msg ? msg.getValue() : StringRef("check failed"));
        return done(check);
      })
      .Case<SelectI32Op, SelectI64Op, SelectF32Op, SelectF64Op, SelectRefOp>([&](auto select) {
        setCopy(result(), b.CreateSelect(isNonZero(arg(0)), arg(1), arg(2)));
        return done(select);
      })
      .Case<OptimizationBarrierOp>([&](auto barrier) {
        for (unsigned i = 0; i < op.getNumOperands(); ++i)
          setCopy(result(i), arg(i));
        return done(barrier);
      })
      // vm.switch.*: operand 0 is the index, 1 the default, then the cases.
      .Case<SwitchI32Op, SwitchI64Op, SwitchF32Op, SwitchF64Op, SwitchRefOp>([&](auto sw) {
        llvm::Value *index = arg(0);
        llvm::Value *chosen = arg(1);
        for (unsigned i = op.getNumOperands(); i-- > 2;)
          chosen = b.CreateSelect(b.CreateICmpEQ(index, i32c(i - 2)), arg(i), chosen);
        setCopy(result(), chosen);
        return done(sw);
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace mlir::kiln::llvmtarget
