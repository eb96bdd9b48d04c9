//===- ScalarOps.cpp - C target: constants, arithmetic, comparisons -------===//
//
// Scalar vm ops: constants, integer and float arithmetic through the
// helpers of kiln/c/ops.h, comparisons, conversions, selects and checks.
//
//===----------------------------------------------------------------------===//

#include "compiler/Target/C/CEmitter.h"

#include "dialects/vm/VMOps.h"
#include "dialects/vm/VMTypes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"

#include "llvm/ADT/StringSwitch.h"

namespace mlir::kiln::ctarget {

// Pure ops whose C helper is kiln_<name with '.' -> '_'> in ops.h.
bool isHelperOp(StringRef name) {
  static const char *prefixes[] = {
      "add.",   "sub.",   "mul.",   "fma.",   "neg.",  "abs.",     "min.",   "max.",
      "not.",   "and.",   "or.",    "xor.",   "shl.",  "shr.",     "ctlz.",  "ceil.",
      "floor.", "round.", "atan.",  "atan2.", "cos.",  "sin.",     "exp.",   "exp2.",
      "expm1.", "log.",   "log10.", "log1p.", "log2.", "pow.",     "rsqrt.", "sqrt.",
      "tanh.",  "erf.",   "trunc.", "ext.",   "cast.", "bitcast.", "div.f",  "rem.f"};
  for (const char *p : prefixes)
    if (name.starts_with(p))
      return true;
  return false;
}

std::optional<LogicalResult> FunctionEmitter::emitScalarOp(Operation &op, StringRef name) {
  auto arg = [&](unsigned i) { return get(op.getOperand(i)); };
  auto result = [&](unsigned i = 0) { return op.getResult(i); };
  auto resultType = [&](unsigned i = 0) { return t.of(op.getResult(i).getType()); };

  // Constants.
  if (name == "const.i32" || name == "const.i64") {
    auto a = op.getAttrOfType<IntegerAttr>("value");
    setCopy(result(),
            lit(resultType(), intLiteral(a.getValue().getSExtValue(), name == "const.i64")));
    return success();
  }
  if (name == "const.f32" || name == "const.f64") {
    auto a = op.getAttrOfType<FloatAttr>("value");
    setCopy(result(), lit(resultType(), floatLiteral(a.getValueAsDouble(), name == "const.f32")));
    return success();
  }
  if (name.starts_with("const.") && name.ends_with(".zero")) {
    if (name == "const.ref.zero")
      callVoid("kiln_ref_reset", {services(), addr(vars.lookup(result()))});
    else
      setCopy(result(), lit(resultType(), "0"));
    return success();
  }
  if (name == "const.ref.rodata")
    return emitRodataRef(op);
  // Integer division and remainder (fail on zero).
  if (name.starts_with("div.i") || name.starts_with("rem.i")) {
    Value out = variable(resultType(), "0");
    Value code = call(t.i32, "kiln_" + cIdent(name), {arg(0), arg(1), addr(out)});
    faultIf(isNonZero(code), &op, "KILN_FAULT_DIV_BY_ZERO", {});
    setCopy(result(), load(out));
    return success();
  }
  if (name == "round.f32.even" || name == "round.f64.even") {
    setCopy(result(), call(resultType(),
                           name == "round.f32.even" ? "kiln_round_even_f32" : "kiln_round_even_f64",
                           {arg(0)}));
    return success();
  }
  if (name.starts_with("cmp.")) {
    SmallVector<StringRef> parts;
    name.split(parts, '.');
    StringRef pred = parts[1], ty = parts.size() > 2 ? parts[2] : "";
    if (ty.starts_with("i")) {
      // kiln_cmp_<pred>_<type>[_s|_u] of kiln/c/ops.h, as the interpreter.
      SmallVector<Value> operands;
      for (unsigned i = 0; i < op.getNumOperands(); ++i)
        operands.push_back(arg(i));
      setCopy(result(), call(t.i32, "kiln_" + cIdent(name), operands));
      return success();
    }
    if (ty == "ref") {
      if (pred == "nz") {
        Value v = arg(0);
        setCopy(result(), castTo(t.i32, cmp(emitc::CmpPredicate::ne, v, lit(v.getType(), "NULL"))));
        return success();
      }
      std::optional<emitc::CmpPredicate> p =
          llvm::StringSwitch<std::optional<emitc::CmpPredicate>>(pred)
              .Case("eq", emitc::CmpPredicate::eq)
              .Case("ne", emitc::CmpPredicate::ne)
              .Case("lt", emitc::CmpPredicate::lt)
              .Case("lte", emitc::CmpPredicate::le)
              .Case("gt", emitc::CmpPredicate::gt)
              .Case("gte", emitc::CmpPredicate::ge)
              .Default(std::nullopt);
      if (!p)
        return op.emitOpError("unsupported comparison in the C target");
      setCopy(result(), castTo(t.i32, cmp(*p, arg(0), arg(1))));
      return success();
    }
    // Floats: helpers for eq/ne/lt/lte (ordered/unordered, near); gt/gte
    // swap the operands.
    std::string helper = "kiln_" + cIdent(name);
    bool swap = false;
    if (pred == "gt" || pred == "gte") {
      std::string n = name.str();
      n.replace(4, pred.size(), pred == "gt" ? "lt" : "lte");
      helper = "kiln_" + cIdent(n);
      swap = true;
    }
    SmallVector<Value> operands;
    if (op.getNumOperands() == 1)
      operands.push_back(arg(0));
    else if (swap)
      operands.append({arg(1), arg(0)});
    else
      operands.append({arg(0), arg(1)});
    setCopy(result(), call(t.i32, helper, operands));
    return success();
  }
  if (name == "trunc.i16.i8") {
    setCopy(result(), call(t.i32, "kiln_trunc_i32_i8", {arg(0)}));
    return success();
  }
  if (name == "cast.ref.any") {
    setCopy(result(), arg(0));
    return success();
  }
  if (name == "cast.any.ref") {
    Value v = arg(0);
    checkRefKind(v, op.getResult(0).getType(), &op);
    setCopy(result(), v);
    return success();
  }
  if (name == "check.nearly_eq") {
    auto msg = op.getAttrOfType<StringAttr>("message");
    bool f32 = op.getOperand(0).getType().isF32();
    Value near =
        call(t.i32, f32 ? "kiln_cmp_eq_f32_near" : "kiln_cmp_eq_f64_near", {arg(0), arg(1)});
    failIf(cmp(emitc::CmpPredicate::eq, near, i32c(0)), &op, "KILN_STATUS_FAILED_PRECONDITION",
           msg ? msg.getValue() : StringRef("check failed"));
    return success();
  }
  if (isHelperOp(name)) {
    SmallVector<Value> operands;
    for (unsigned i = 0; i < op.getNumOperands(); ++i)
      operands.push_back(arg(i));
    setCopy(result(), call(resultType(), "kiln_" + cIdent(name), operands));
    return success();
  }
  if (name.starts_with("select.")) {
    Value chosen =
        emitc::ConditionalOp::create(b, l, resultType(), isNonZero(arg(0)), arg(1), arg(2));
    setCopy(result(), chosen);
    return success();
  }
  if (name == "optimization_barrier") {
    for (unsigned i = 0; i < op.getNumOperands(); ++i)
      setCopy(result(i), arg(i));
    return success();
  }
  // vm.switch.*: operand 0 is the index, 1 the default, then the cases.
  if (name.starts_with("switch.")) {
    Value index = arg(0);
    Value chosen = arg(1);
    for (unsigned i = op.getNumOperands(); i-- > 2;)
      chosen = emitc::ConditionalOp::create(
          b, l, resultType(), cmp(emitc::CmpPredicate::eq, index, i32c(i - 2)), arg(i), chosen);
    setCopy(result(), chosen);
    return success();
  }
  return std::nullopt;
}

} // namespace mlir::kiln::ctarget
