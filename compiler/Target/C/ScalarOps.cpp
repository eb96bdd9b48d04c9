//===- ScalarOps.cpp - C target: constants, arithmetic, comparisons -------===//
//
// Scalar vm ops: constants, integer and float arithmetic through the
// helpers of kiln/c/ops.h, comparisons, conversions, selects and checks.
// Each op's lowering is chosen by its op class: the helper table below for
// the ops that are one call of an ops.h helper, a TypeSwitch for the rest.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::kiln::ctarget {

using namespace mlir::kiln::vm;

namespace {

struct HelperRow {
  TypeID op;
  Helper helper;
};

template <typename Op> HelperRow row(StringRef name, HelperForm form = HelperForm::Operands) {
  return {TypeID::get<Op>(), Helper{name, form}};
}

/// The kiln/c/ops.h helper of every vm op that lowers to one helper call,
/// by op class (the interpreter calls the same helpers).
const llvm::DenseMap<TypeID, Helper> &helperTable() {
  static const llvm::DenseMap<TypeID, Helper> table = [] {
    llvm::DenseMap<TypeID, Helper> byOp;
    for (const HelperRow &r : {
             row<AbsF32Op>("kiln_abs_f32"),
             row<AbsF64Op>("kiln_abs_f64"),
             row<AbsI32Op>("kiln_abs_i32"),
             row<AbsI64Op>("kiln_abs_i64"),
             row<AddF32Op>("kiln_add_f32"),
             row<AddF64Op>("kiln_add_f64"),
             row<AddI32Op>("kiln_add_i32"),
             row<AddI64Op>("kiln_add_i64"),
             row<AndI32Op>("kiln_and_i32"),
             row<AndI64Op>("kiln_and_i64"),
             row<AtanF32Op>("kiln_atan_f32"),
             row<AtanF64Op>("kiln_atan_f64"),
             row<Atan2F32Op>("kiln_atan2_f32"),
             row<Atan2F64Op>("kiln_atan2_f64"),
             row<BitcastF32I32Op>("kiln_bitcast_f32_i32"),
             row<BitcastF64I64Op>("kiln_bitcast_f64_i64"),
             row<BitcastI32F32Op>("kiln_bitcast_i32_f32"),
             row<BitcastI64F64Op>("kiln_bitcast_i64_f64"),
             row<CastF32SI32Op>("kiln_cast_f32_si32"),
             row<CastF32SI64Op>("kiln_cast_f32_si64"),
             row<CastF32UI32Op>("kiln_cast_f32_ui32"),
             row<CastF32UI64Op>("kiln_cast_f32_ui64"),
             row<CastF64SI64Op>("kiln_cast_f64_si64"),
             row<CastF64UI64Op>("kiln_cast_f64_ui64"),
             row<CastSI32F32Op>("kiln_cast_si32_f32"),
             row<CastSI64F32Op>("kiln_cast_si64_f32"),
             row<CastSI64F64Op>("kiln_cast_si64_f64"),
             row<CastUI32F32Op>("kiln_cast_ui32_f32"),
             row<CastUI64F32Op>("kiln_cast_ui64_f32"),
             row<CastUI64F64Op>("kiln_cast_ui64_f64"),
             row<CeilF32Op>("kiln_ceil_f32"),
             row<CeilF64Op>("kiln_ceil_f64"),
             row<CmpEQF32NearOp>("kiln_cmp_eq_f32_near"),
             row<CmpEQF32OOp>("kiln_cmp_eq_f32_o"),
             row<CmpEQF32UOp>("kiln_cmp_eq_f32_u"),
             row<CmpEQF64NearOp>("kiln_cmp_eq_f64_near"),
             row<CmpEQF64OOp>("kiln_cmp_eq_f64_o"),
             row<CmpEQF64UOp>("kiln_cmp_eq_f64_u"),
             row<CmpEQI32Op>("kiln_cmp_eq_i32"),
             row<CmpEQI64Op>("kiln_cmp_eq_i64"),
             row<CmpGTI32SOp>("kiln_cmp_gt_i32_s"),
             row<CmpGTI32UOp>("kiln_cmp_gt_i32_u"),
             row<CmpGTI64SOp>("kiln_cmp_gt_i64_s"),
             row<CmpGTI64UOp>("kiln_cmp_gt_i64_u"),
             row<CmpGTEI32SOp>("kiln_cmp_gte_i32_s"),
             row<CmpGTEI32UOp>("kiln_cmp_gte_i32_u"),
             row<CmpGTEI64SOp>("kiln_cmp_gte_i64_s"),
             row<CmpGTEI64UOp>("kiln_cmp_gte_i64_u"),
             row<CmpLTF32OOp>("kiln_cmp_lt_f32_o"),
             row<CmpLTF32UOp>("kiln_cmp_lt_f32_u"),
             row<CmpLTF64OOp>("kiln_cmp_lt_f64_o"),
             row<CmpLTF64UOp>("kiln_cmp_lt_f64_u"),
             row<CmpLTI32SOp>("kiln_cmp_lt_i32_s"),
             row<CmpLTI32UOp>("kiln_cmp_lt_i32_u"),
             row<CmpLTI64SOp>("kiln_cmp_lt_i64_s"),
             row<CmpLTI64UOp>("kiln_cmp_lt_i64_u"),
             row<CmpLTEF32OOp>("kiln_cmp_lte_f32_o"),
             row<CmpLTEF32UOp>("kiln_cmp_lte_f32_u"),
             row<CmpLTEF64OOp>("kiln_cmp_lte_f64_o"),
             row<CmpLTEF64UOp>("kiln_cmp_lte_f64_u"),
             row<CmpLTEI32SOp>("kiln_cmp_lte_i32_s"),
             row<CmpLTEI32UOp>("kiln_cmp_lte_i32_u"),
             row<CmpLTEI64SOp>("kiln_cmp_lte_i64_s"),
             row<CmpLTEI64UOp>("kiln_cmp_lte_i64_u"),
             row<CmpNaNF32Op>("kiln_cmp_nan_f32"),
             row<CmpNaNF64Op>("kiln_cmp_nan_f64"),
             row<CmpNEF32OOp>("kiln_cmp_ne_f32_o"),
             row<CmpNEF32UOp>("kiln_cmp_ne_f32_u"),
             row<CmpNEF64OOp>("kiln_cmp_ne_f64_o"),
             row<CmpNEF64UOp>("kiln_cmp_ne_f64_u"),
             row<CmpNEI32Op>("kiln_cmp_ne_i32"),
             row<CmpNEI64Op>("kiln_cmp_ne_i64"),
             row<CmpNZF32OOp>("kiln_cmp_nz_f32_o"),
             row<CmpNZF32UOp>("kiln_cmp_nz_f32_u"),
             row<CmpNZF64OOp>("kiln_cmp_nz_f64_o"),
             row<CmpNZF64UOp>("kiln_cmp_nz_f64_u"),
             row<CmpNZI32Op>("kiln_cmp_nz_i32"),
             row<CmpNZI64Op>("kiln_cmp_nz_i64"),
             row<CosF32Op>("kiln_cos_f32"),
             row<CosF64Op>("kiln_cos_f64"),
             row<CtlzI32Op>("kiln_ctlz_i32"),
             row<CtlzI64Op>("kiln_ctlz_i64"),
             row<DivF32Op>("kiln_div_f32"),
             row<DivF64Op>("kiln_div_f64"),
             row<ErfF32Op>("kiln_erf_f32"),
             row<ErfF64Op>("kiln_erf_f64"),
             row<ExpF32Op>("kiln_exp_f32"),
             row<ExpF64Op>("kiln_exp_f64"),
             row<Exp2F32Op>("kiln_exp2_f32"),
             row<Exp2F64Op>("kiln_exp2_f64"),
             row<ExpM1F32Op>("kiln_expm1_f32"),
             row<ExpM1F64Op>("kiln_expm1_f64"),
             row<ExtF32F64Op>("kiln_ext_f32_f64"),
             row<ExtI16I32SOp>("kiln_ext_i16_i32_s"),
             row<ExtI16I32UOp>("kiln_ext_i16_i32_u"),
             row<ExtI16I64SOp>("kiln_ext_i16_i64_s"),
             row<ExtI16I64UOp>("kiln_ext_i16_i64_u"),
             row<ExtI32I64SOp>("kiln_ext_i32_i64_s"),
             row<ExtI32I64UOp>("kiln_ext_i32_i64_u"),
             row<ExtI8I32SOp>("kiln_ext_i8_i32_s"),
             row<ExtI8I32UOp>("kiln_ext_i8_i32_u"),
             row<ExtI8I64SOp>("kiln_ext_i8_i64_s"),
             row<ExtI8I64UOp>("kiln_ext_i8_i64_u"),
             row<FloorF32Op>("kiln_floor_f32"),
             row<FloorF64Op>("kiln_floor_f64"),
             row<FMAF32Op>("kiln_fma_f32"),
             row<FMAF64Op>("kiln_fma_f64"),
             row<FMAI32Op>("kiln_fma_i32"),
             row<FMAI64Op>("kiln_fma_i64"),
             row<LogF32Op>("kiln_log_f32"),
             row<LogF64Op>("kiln_log_f64"),
             row<Log10F32Op>("kiln_log10_f32"),
             row<Log10F64Op>("kiln_log10_f64"),
             row<Log1pF32Op>("kiln_log1p_f32"),
             row<Log1pF64Op>("kiln_log1p_f64"),
             row<Log2F32Op>("kiln_log2_f32"),
             row<Log2F64Op>("kiln_log2_f64"),
             row<MaxF32Op>("kiln_max_f32"),
             row<MaxF64Op>("kiln_max_f64"),
             row<MaxI32SOp>("kiln_max_i32_s"),
             row<MaxI32UOp>("kiln_max_i32_u"),
             row<MaxI64SOp>("kiln_max_i64_s"),
             row<MaxI64UOp>("kiln_max_i64_u"),
             row<MinF32Op>("kiln_min_f32"),
             row<MinF64Op>("kiln_min_f64"),
             row<MinI32SOp>("kiln_min_i32_s"),
             row<MinI32UOp>("kiln_min_i32_u"),
             row<MinI64SOp>("kiln_min_i64_s"),
             row<MinI64UOp>("kiln_min_i64_u"),
             row<MulF32Op>("kiln_mul_f32"),
             row<MulF64Op>("kiln_mul_f64"),
             row<MulI32Op>("kiln_mul_i32"),
             row<MulI64Op>("kiln_mul_i64"),
             row<NegF32Op>("kiln_neg_f32"),
             row<NegF64Op>("kiln_neg_f64"),
             row<NotI32Op>("kiln_not_i32"),
             row<NotI64Op>("kiln_not_i64"),
             row<OrI32Op>("kiln_or_i32"),
             row<OrI64Op>("kiln_or_i64"),
             row<PowF32Op>("kiln_pow_f32"),
             row<PowF64Op>("kiln_pow_f64"),
             row<RemF32Op>("kiln_rem_f32"),
             row<RemF64Op>("kiln_rem_f64"),
             row<RoundF32Op>("kiln_round_f32"),
             row<RoundF32EvenOp>("kiln_round_even_f32"),
             row<RoundF64Op>("kiln_round_f64"),
             row<RoundF64EvenOp>("kiln_round_even_f64"),
             row<RsqrtF32Op>("kiln_rsqrt_f32"),
             row<RsqrtF64Op>("kiln_rsqrt_f64"),
             row<ShlI32Op>("kiln_shl_i32"),
             row<ShlI64Op>("kiln_shl_i64"),
             row<ShrI32SOp>("kiln_shr_i32_s"),
             row<ShrI32UOp>("kiln_shr_i32_u"),
             row<ShrI64SOp>("kiln_shr_i64_s"),
             row<ShrI64UOp>("kiln_shr_i64_u"),
             row<SinF32Op>("kiln_sin_f32"),
             row<SinF64Op>("kiln_sin_f64"),
             row<SqrtF32Op>("kiln_sqrt_f32"),
             row<SqrtF64Op>("kiln_sqrt_f64"),
             row<SubF32Op>("kiln_sub_f32"),
             row<SubF64Op>("kiln_sub_f64"),
             row<SubI32Op>("kiln_sub_i32"),
             row<SubI64Op>("kiln_sub_i64"),
             row<TanhF32Op>("kiln_tanh_f32"),
             row<TanhF64Op>("kiln_tanh_f64"),
             row<TruncF64F32Op>("kiln_trunc_f64_f32"),
             row<TruncI16I8Op>("kiln_trunc_i32_i8"),
             row<TruncI32I16Op>("kiln_trunc_i32_i16"),
             row<TruncI32I8Op>("kiln_trunc_i32_i8"),
             row<TruncI64I16Op>("kiln_trunc_i64_i16"),
             row<TruncI64I32Op>("kiln_trunc_i64_i32"),
             row<TruncI64I8Op>("kiln_trunc_i64_i8"),
             row<XorI32Op>("kiln_xor_i32"),
             row<XorI64Op>("kiln_xor_i64"),
             row<CmpGTF32OOp>("kiln_cmp_lt_f32_o", HelperForm::SwappedOperands),
             row<CmpGTF32UOp>("kiln_cmp_lt_f32_u", HelperForm::SwappedOperands),
             row<CmpGTF64OOp>("kiln_cmp_lt_f64_o", HelperForm::SwappedOperands),
             row<CmpGTF64UOp>("kiln_cmp_lt_f64_u", HelperForm::SwappedOperands),
             row<CmpGTEF32OOp>("kiln_cmp_lte_f32_o", HelperForm::SwappedOperands),
             row<CmpGTEF32UOp>("kiln_cmp_lte_f32_u", HelperForm::SwappedOperands),
             row<CmpGTEF64OOp>("kiln_cmp_lte_f64_o", HelperForm::SwappedOperands),
             row<CmpGTEF64UOp>("kiln_cmp_lte_f64_u", HelperForm::SwappedOperands),
             row<DivI32SOp>("kiln_div_i32_s", HelperForm::DivisionByZeroFault),
             row<DivI32UOp>("kiln_div_i32_u", HelperForm::DivisionByZeroFault),
             row<DivI64SOp>("kiln_div_i64_s", HelperForm::DivisionByZeroFault),
             row<DivI64UOp>("kiln_div_i64_u", HelperForm::DivisionByZeroFault),
             row<RemI32SOp>("kiln_rem_i32_s", HelperForm::DivisionByZeroFault),
             row<RemI32UOp>("kiln_rem_i32_u", HelperForm::DivisionByZeroFault),
             row<RemI64SOp>("kiln_rem_i64_s", HelperForm::DivisionByZeroFault),
             row<RemI64UOp>("kiln_rem_i64_u", HelperForm::DivisionByZeroFault),
         })
      byOp[r.op] = r.helper;
    return byOp;
  }();
  return table;
}

} // namespace

std::optional<Helper> helperOf(Operation &op) {
  const llvm::DenseMap<TypeID, Helper> &table = helperTable();
  auto it = table.find(op.getName().getTypeID());
  if (it == table.end())
    return std::nullopt;
  return it->second;
}

std::optional<LogicalResult> FunctionEmitter::emitScalarOp(Operation &op) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto result = [&](unsigned i = 0) { return op.getResult(i); };
  auto resultType = [&](unsigned i = 0) { return t.of(op.getResult(i).getType()); };

  if (std::optional<Helper> helper = helperOf(op)) {
    switch (helper->form) {
    case HelperForm::Operands: {
      SmallVector<Value> operands;
      for (unsigned i = 0; i < op.getNumOperands(); ++i)
        operands.push_back(arg(i));
      setCopy(result(), call(resultType(), helper->name, operands));
      return success();
    }
    case HelperForm::SwappedOperands: {
      // Float gt/gte: the lt/lte helper with the operands swapped.
      SmallVector<Value> operands;
      operands.append({arg(1), arg(0)});
      setCopy(result(), call(t.i32, helper->name, operands));
      return success();
    }
    case HelperForm::DivisionByZeroFault: {
      // Integer division and remainder (fail on zero).
      Value out = variable(resultType(), "0");
      Value code = call(t.i32, helper->name, {arg(0), arg(1), addr(out)});
      faultIf(isNonZero(code), &op, "KILN_FAULT_DIV_BY_ZERO", {});
      setCopy(result(), load(out));
      return success();
    }
    }
  }

  auto done = [](auto) -> std::optional<LogicalResult> { return success(); };
  return TypeSwitch<Operation *, std::optional<LogicalResult>>(&op)
      .Case<ConstI32Op, ConstI64Op>([&](auto constOp) -> std::optional<LogicalResult> {
        auto a = constOp.getValueAttr();
        setCopy(result(),
                lit(resultType(), intLiteral(cast<IntegerAttr>(a).getValue().getSExtValue(),
                                             isa<ConstI64Op>(op))));
        return success();
      })
      .Case<ConstF32Op, ConstF64Op>([&](auto constOp) -> std::optional<LogicalResult> {
        auto a = cast<FloatAttr>(constOp.getValueAttr());
        setCopy(result(),
                lit(resultType(), floatLiteral(a.getValueAsDouble(), isa<ConstF32Op>(op))));
        return success();
      })
      .Case<ConstI32ZeroOp, ConstI64ZeroOp, ConstF32ZeroOp, ConstF64ZeroOp>([&](auto zero) {
        setCopy(result(), lit(resultType(), "0"));
        return done(zero);
      })
      .Case<ConstRefZeroOp>([&](auto zero) {
        callVoid("kiln_ref_reset", {services(), addr(vars.lookup(result()))});
        return done(zero);
      })
      .Case<ConstRefRodataOp>([&](auto) { return std::optional<LogicalResult>(emitRodataRef(op)); })
      .Case<CmpNZRefOp>([&](auto cmpOp) {
        Value v = arg(0);
        setCopy(result(), castTo(t.i32, cmp(emitc::CmpPredicate::ne, v, lit(v.getType(), "NULL"))));
        return done(cmpOp);
      })
      .Case<CmpEQRefOp, CmpNERefOp>([&](auto cmpOp) {
        emitc::CmpPredicate p =
            isa<CmpEQRefOp>(op) ? emitc::CmpPredicate::eq : emitc::CmpPredicate::ne;
        setCopy(result(), castTo(t.i32, cmp(p, arg(0), arg(1))));
        return done(cmpOp);
      })
      .Case<CastRefAnyOp>([&](auto cast) {
        setCopy(result(), arg(0));
        return done(cast);
      })
      .Case<CastAnyRefOp>([&](auto cast) {
        Value v = arg(0);
        checkRefKind(v, op.getResult(0).getType(), &op);
        setCopy(result(), v);
        return done(cast);
      })
      .Case<CheckNearlyEQOp>([&](auto check) {
        auto msg = op.getAttrOfType<StringAttr>("message");
        bool f32 = op.getOperand(0).getType().isF32();
        Value near =
            call(t.i32, f32 ? "kiln_cmp_eq_f32_near" : "kiln_cmp_eq_f64_near", {arg(0), arg(1)});
        failIf(cmp(emitc::CmpPredicate::eq, near, i32c(0)), &op, "KILN_STATUS_FAILED_PRECONDITION",
               msg ? msg.getValue() : StringRef("check failed"));
        return done(check);
      })
      .Case<SelectI32Op, SelectI64Op, SelectF32Op, SelectF64Op, SelectRefOp>([&](auto select) {
        Value chosen =
            emitc::ConditionalOp::create(b, l, resultType(), isNonZero(arg(0)), arg(1), arg(2));
        setCopy(result(), chosen);
        return done(select);
      })
      .Case<OptimizationBarrierOp>([&](auto barrier) {
        for (unsigned i = 0; i < op.getNumOperands(); ++i)
          setCopy(result(i), arg(i));
        return done(barrier);
      })
      // vm.switch.*: operand 0 is the index, 1 the default, then the cases.
      .Case<SwitchI32Op, SwitchI64Op, SwitchF32Op, SwitchF64Op, SwitchRefOp>([&](auto sw) {
        Value index = arg(0);
        Value chosen = arg(1);
        for (unsigned i = op.getNumOperands(); i-- > 2;)
          chosen = emitc::ConditionalOp::create(
              b, l, resultType(), cmp(emitc::CmpPredicate::eq, index, i32c(i - 2)), arg(i), chosen);
        setCopy(result(), chosen);
        return done(sw);
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace mlir::kiln::ctarget
