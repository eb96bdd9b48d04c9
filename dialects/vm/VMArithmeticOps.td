//===- VMArithmeticOps.td - vm dialect: Arithmetic ops -*- tablegen -*-===//
//
// Integer arithmetic, integer bit manipulation, shifts, floating-point
// arithmetic and floating-point math. Every op exists for two widths (i32 and
// i64, or f32 and f64) and is defined once here through a multiclass.
//
// Integer values have no sign: signed and unsigned interpretations are picked
// by the op (`.s` / `.u`). Integer arithmetic wraps (two's complement). The
// float ops need the f32 / f64 runtime extension (`VM_ExtF32`/`VM_ExtF64`).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_ARITHMETIC_OPS
#define KILN_DIALECT_VM_ARITHMETIC_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

// `vm.<op> %operand : T`
class VM_UnaryArithOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_TrivialOp<mnemonic, !listconcat(traits, [
        AllTypesMatch<["operand", "result"]>])> {
  let arguments = (ins type:$operand);
  let results = (outs type:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
}

// `vm.<op> %lhs, %rhs : T`
class VM_BinaryArithOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_TrivialOp<mnemonic, !listconcat(traits, [
        AllTypesMatch<["lhs", "rhs", "result"]>])> {
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs type:$result);
  let assemblyFormat = "operands attr-dict `:` type($result)";
}

// `vm.<op> %a, %b, %c : T`
class VM_TernaryArithOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_TrivialOp<mnemonic, !listconcat(traits, [
        AllTypesMatch<["a", "b", "c", "result"]>])> {
  let arguments = (ins type:$a, type:$b, type:$c);
  let results = (outs type:$result);
  let assemblyFormat = "operands attr-dict `:` type($result)";
}

// `vm.<shift> %operand, %amount : T`; the amount is an i32 for every width.
class VM_ShiftOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_TrivialOp<mnemonic, !listconcat(traits, [
        AlwaysSpeculatable, AllTypesMatch<["operand", "result"]>])> {
  let arguments = (ins type:$operand, I32:$amount);
  let results = (outs type:$result);
  let assemblyFormat = "$operand `,` $amount attr-dict `:` type($operand)";
}

//===----------------------------------------------------------------------===//
// Width multiclasses
//===----------------------------------------------------------------------===//
//
// `defm VM_Foo : VM_Int...<"foo", "S", ...>` defines VM_FooI32SOp and
// VM_FooI64SOp with mnemonics `foo.i32.s` and `foo.i64.s`; an empty sign gives
// VM_FooI32Op / `foo.i32`. The float ones take a suffix the same way
// (`round.f32.even` is VM_RoundF32EvenOp).

class VM_IntMnemonic<string base, int w, string sfx> {
  string ret = base # ".i" # w # !if(!empty(sfx), "", "." # !tolower(sfx));
}
class VM_FloatMnemonic<string base, int w, string sfx> {
  string ret = base # ".f" # w # !if(!empty(sfx), "", "." # !tolower(sfx));
}

multiclass VM_IntUnaryOps<string base, string sfx, string sum, string desc,
                          list<Trait> traits = [], bit folder = 1> {
  foreach w = [32, 64] in
  def I # w # sfx # Op
      : VM_UnaryArithOp<!cast<Type>("I" # w),
                        VM_IntMnemonic<base, w, sfx>.ret, traits> {
    let summary = sum;
    let description = desc;
    let hasFolder = folder;
  }
}

multiclass VM_IntBinaryOps<string base, string sfx, string sum, string desc,
                           list<Trait> traits = [], bit folder = 1,
                           bit canonicalizer = 0> {
  foreach w = [32, 64] in
  def I # w # sfx # Op
      : VM_BinaryArithOp<!cast<Type>("I" # w),
                         VM_IntMnemonic<base, w, sfx>.ret, traits> {
    let summary = sum;
    let description = desc;
    let hasFolder = folder;
    let hasCanonicalizer = canonicalizer;
  }
}

multiclass VM_IntTernaryOps<string base, string sum, string desc,
                            list<Trait> traits = []> {
  foreach w = [32, 64] in
  def I # w # Op
      : VM_TernaryArithOp<!cast<Type>("I" # w),
                          VM_IntMnemonic<base, w, "">.ret, traits> {
    let summary = sum;
    let description = desc;
    let hasFolder = 1;
    let hasCanonicalizer = 1;
  }
}

multiclass VM_ShiftOps<string base, string sfx, string sum, string desc> {
  foreach w = [32, 64] in
  def I # w # sfx # Op
      : VM_ShiftOp<!cast<Type>("I" # w), VM_IntMnemonic<base, w, sfx>.ret> {
    let summary = sum;
    let description = desc;
    let hasFolder = 1;
  }
}

multiclass VM_FloatUnaryOps<string base, string sfx, string sum, string desc,
                            bit folder = 1> {
  foreach w = [32, 64] in
  def F # w # sfx # Op
      : VM_UnaryArithOp<!cast<Type>("F" # w),
                        VM_FloatMnemonic<base, w, sfx>.ret,
                        [!cast<Trait>("VM_ExtF" # w), AlwaysSpeculatable]> {
    let summary = sum;
    let description = desc;
    let hasFolder = folder;
  }
}

multiclass VM_FloatBinaryOps<string base, string sum, string desc,
                             list<Trait> traits = [], bit folder = 1,
                             bit canonicalizer = 0> {
  foreach w = [32, 64] in
  def F # w # Op
      : VM_BinaryArithOp<!cast<Type>("F" # w),
                         VM_FloatMnemonic<base, w, "">.ret,
                         !listconcat(traits, [!cast<Trait>("VM_ExtF" # w),
                                              AlwaysSpeculatable])> {
    let summary = sum;
    let description = desc;
    let hasFolder = folder;
    let hasCanonicalizer = canonicalizer;
  }
}

multiclass VM_FloatTernaryOps<string base, string sum, string desc> {
  foreach w = [32, 64] in
  def F # w # Op
      : VM_TernaryArithOp<!cast<Type>("F" # w),
                          VM_FloatMnemonic<base, w, "">.ret,
                          [!cast<Trait>("VM_ExtF" # w), AlwaysSpeculatable]> {
    let summary = sum;
    let description = desc;
    let hasFolder = 1;
    let hasCanonicalizer = 1;
  }
}

//===----------------------------------------------------------------------===//
// Integer arithmetic
//===----------------------------------------------------------------------===//

defm VM_Add : VM_IntBinaryOps<"add", "", "integer addition", [{
  `lhs + rhs`, wrapping around on overflow.
}], [Commutative, AlwaysSpeculatable], 1, 1>;

defm VM_Sub : VM_IntBinaryOps<"sub", "", "integer subtraction", [{
  `lhs - rhs`, wrapping around on overflow.
}], [AlwaysSpeculatable]>;

defm VM_Mul : VM_IntBinaryOps<"mul", "", "integer multiplication", [{
  The low half of `lhs * rhs`; the same bits whether the operands are read as
  signed or unsigned.
}], [Commutative, AlwaysSpeculatable], 1, 1>;

defm VM_Div : VM_IntBinaryOps<"div", "S", "signed integer division", [{
  `lhs / rhs` with both operands read as signed, rounding toward zero. A zero
  divisor fails the invocation at run time. The most negative value divided
  by -1 wraps around to itself.
}], [VM_MayFail]>;

defm VM_Div : VM_IntBinaryOps<"div", "U", "unsigned integer division", [{
  `lhs / rhs` with both operands read as unsigned. A zero divisor fails the
  invocation at run time.
}], [VM_MayFail]>;

defm VM_Rem : VM_IntBinaryOps<"rem", "S", "signed integer remainder", [{
  The remainder of the signed division `lhs / rhs` (rounding toward zero), so
  the result has the sign of `lhs`. A zero divisor fails the invocation at
  run time. The most negative value modulo -1 is 0.
}], [VM_MayFail]>;

defm VM_Rem : VM_IntBinaryOps<"rem", "U", "unsigned integer remainder", [{
  The remainder of the unsigned division `lhs / rhs`. A zero divisor fails
  the invocation at run time.
}], [VM_MayFail]>;

defm VM_FMA : VM_IntTernaryOps<"fma", "integer multiply-add", [{
  `a * b + c`, wrapping around on overflow.
}], [AlwaysSpeculatable]>;

defm VM_Abs : VM_IntUnaryOps<"abs", "", "integer absolute value", [{
  The magnitude of the operand read as signed. The most negative value has no
  positive counterpart and is returned unchanged.
}], [AlwaysSpeculatable]>;

defm VM_Min : VM_IntBinaryOps<"min", "S", "signed integer minimum", [{
  The smaller of the two operands, both read as signed.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Min : VM_IntBinaryOps<"min", "U", "unsigned integer minimum", [{
  The smaller of the two operands, both read as unsigned.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Max : VM_IntBinaryOps<"max", "S", "signed integer maximum", [{
  The larger of the two operands, both read as signed.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Max : VM_IntBinaryOps<"max", "U", "unsigned integer maximum", [{
  The larger of the two operands, both read as unsigned.
}], [Commutative, AlwaysSpeculatable]>;

//===----------------------------------------------------------------------===//
// Integer bit manipulation
//===----------------------------------------------------------------------===//

defm VM_Not : VM_IntUnaryOps<"not", "", "bitwise complement", [{
  Flips every bit of the operand.
}], [AlwaysSpeculatable]>;

defm VM_And : VM_IntBinaryOps<"and", "", "bitwise and", [{
  The bits set in both operands.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Or : VM_IntBinaryOps<"or", "", "bitwise or", [{
  The bits set in either operand.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Xor : VM_IntBinaryOps<"xor", "", "bitwise exclusive or", [{
  The bits set in exactly one of the operands.
}], [Commutative, AlwaysSpeculatable]>;

defm VM_Ctlz : VM_IntUnaryOps<"ctlz", "", "count leading zero bits", [{
  The number of zero bits above the highest set bit; the bit width (32 or 64)
  for a zero operand.
}], [AlwaysSpeculatable]>;

//===----------------------------------------------------------------------===//
// Shifts
//===----------------------------------------------------------------------===//

defm VM_Shl : VM_ShiftOps<"shl", "", "shift left", [{
  Shifts `operand` left by `amount` bits, filling with zeros. Only the low
  bits of the i32 `amount` count: it is taken modulo the bit width of
  `operand` (`amount & 31` for i32, `amount & 63` for i64).
}]>;

defm VM_Shr : VM_ShiftOps<"shr", "S", "arithmetic shift right", [{
  Shifts `operand` right by `amount` bits, filling with copies of the sign
  bit. Only the low bits of the i32 `amount` count: it is taken modulo the
  bit width of `operand` (`amount & 31` for i32, `amount & 63` for i64).
}]>;

defm VM_Shr : VM_ShiftOps<"shr", "U", "logical shift right", [{
  Shifts `operand` right by `amount` bits, filling with zeros. Only the low
  bits of the i32 `amount` count: it is taken modulo the bit width of
  `operand` (`amount & 31` for i32, `amount & 63` for i64).
}]>;

//===----------------------------------------------------------------------===//
// Floating-point arithmetic
//===----------------------------------------------------------------------===//

defm VM_Add : VM_FloatBinaryOps<"add", "floating-point addition", [{
  IEEE 754 `lhs + rhs`, rounded to nearest, ties to even.
}], [Commutative], 1, 1>;

defm VM_Sub : VM_FloatBinaryOps<"sub", "floating-point subtraction", [{
  IEEE 754 `lhs - rhs`, rounded to nearest, ties to even.
}]>;

defm VM_Mul : VM_FloatBinaryOps<"mul", "floating-point multiplication", [{
  IEEE 754 `lhs * rhs`, rounded to nearest, ties to even.
}], [Commutative], 1, 1>;

defm VM_Div : VM_FloatBinaryOps<"div", "floating-point division", [{
  IEEE 754 `lhs / rhs`, rounded to nearest, ties to even. Never fails:
  division by zero gives an infinity or NaN.
}]>;

defm VM_Rem : VM_FloatBinaryOps<"rem", "floating-point remainder", [{
  The IEEE 754 remainder (C `remainder`): `lhs - n * rhs` where `n` is
  `lhs / rhs` rounded to the nearest integer, ties to even. Exact; NaN when
  `rhs` is zero or `lhs` infinite.
}]>;

defm VM_FMA : VM_FloatTernaryOps<"fma", "floating-point fused multiply-add", [{
  `a * b + c` computed exactly and rounded once (C `fma`).
}]>;

defm VM_Abs : VM_FloatUnaryOps<"abs", "", "floating-point absolute value", [{
  The operand with its sign bit cleared (NaNs included).
}]>;

defm VM_Neg : VM_FloatUnaryOps<"neg", "", "floating-point negation", [{
  The operand with its sign bit flipped (NaNs and zeros included).
}]>;

defm VM_Ceil : VM_FloatUnaryOps<"ceil", "", "round up to an integer", [{
  The smallest integral value not less than the operand (C `ceil`).
}]>;

defm VM_Floor : VM_FloatUnaryOps<"floor", "", "round down to an integer", [{
  The largest integral value not greater than the operand (C `floor`).
}]>;

defm VM_Round : VM_FloatUnaryOps<"round", "",
    "round to the nearest integer, halves away from zero", [{
  The nearest integral value; a value halfway between two integers goes to
  the one farther from zero (C `round`).
}]>;

defm VM_Round : VM_FloatUnaryOps<"round", "Even",
    "round to the nearest integer, halves to even", [{
  The nearest integral value; a value halfway between two integers goes to
  the even one (C23 `roundeven`).
}]>;

defm VM_Min : VM_FloatBinaryOps<"min", "floating-point minimum", [{
  `rhs < lhs ? rhs : lhs`. The result is `lhs` unless `rhs` compares strictly
  less, so a NaN `lhs` is returned as is, a NaN `rhs` is ignored, and of two
  zeros the `lhs` one is kept. Because of that the op is not commutative.
}]>;

defm VM_Max : VM_FloatBinaryOps<"max", "floating-point maximum", [{
  `lhs < rhs ? rhs : lhs`. The result is `lhs` unless `rhs` compares strictly
  greater, so a NaN `lhs` is returned as is, a NaN `rhs` is ignored, and of
  two zeros the `lhs` one is kept. Because of that the op is not commutative.
}]>;

//===----------------------------------------------------------------------===//
// Floating-point math
//===----------------------------------------------------------------------===//
//
// These compute what the C library function of the same name computes; their
// results need not be correctly rounded, so the compiler folds them only
// where the result is exact.

defm VM_Atan : VM_FloatUnaryOps<"atan", "", "arc tangent", [{
  The arc tangent of the operand, in radians (C `atan`).
}], 0>;

defm VM_Atan2 : VM_FloatBinaryOps<"atan2", "two-argument arc tangent", [{
  The angle in radians of the point (`rhs`, `lhs`), i.e. of `lhs / rhs` with
  the quadrant taken from both signs (C `atan2(y = lhs, x = rhs)`).
}], [], 0>;

defm VM_Cos : VM_FloatUnaryOps<"cos", "", "cosine", [{
  The cosine of the operand, in radians (C `cos`).
}], 0>;

defm VM_Sin : VM_FloatUnaryOps<"sin", "", "sine", [{
  The sine of the operand, in radians (C `sin`).
}], 0>;

defm VM_Exp : VM_FloatUnaryOps<"exp", "", "natural exponential", [{
  e raised to the operand (C `exp`).
}], 0>;

defm VM_Exp2 : VM_FloatUnaryOps<"exp2", "", "base-2 exponential", [{
  2 raised to the operand (C `exp2`).
}], 0>;

defm VM_ExpM1 : VM_FloatUnaryOps<"expm1", "", "natural exponential minus one", [{
  `exp(x) - 1`, accurate for operands near zero (C `expm1`).
}], 0>;

defm VM_Log : VM_FloatUnaryOps<"log", "", "natural logarithm", [{
  The base-e logarithm of the operand (C `log`).
}], 0>;

defm VM_Log10 : VM_FloatUnaryOps<"log10", "", "base-10 logarithm", [{
  The base-10 logarithm of the operand (C `log10`).
}], 0>;

defm VM_Log1p : VM_FloatUnaryOps<"log1p", "", "natural logarithm of one plus x", [{
  `log(1 + x)`, accurate for operands near zero (C `log1p`).
}], 0>;

defm VM_Log2 : VM_FloatUnaryOps<"log2", "", "base-2 logarithm", [{
  The base-2 logarithm of the operand (C `log2`).
}], 0>;

defm VM_Pow : VM_FloatBinaryOps<"pow", "power", [{
  `lhs` raised to the power `rhs` (C `pow`).
}], [], 0>;

defm VM_Rsqrt : VM_FloatUnaryOps<"rsqrt", "", "reciprocal square root", [{
  `1 / sqrt(x)`.
}], 0>;

defm VM_Sqrt : VM_FloatUnaryOps<"sqrt", "", "square root", [{
  The IEEE 754 square root, correctly rounded (C `sqrt`); NaN for operands
  below zero, and `sqrt(-0.0)` is -0.0.
}]>;

defm VM_Tanh : VM_FloatUnaryOps<"tanh", "", "hyperbolic tangent", [{
  The hyperbolic tangent of the operand (C `tanh`).
}], 0>;

defm VM_Erf : VM_FloatUnaryOps<"erf", "", "error function", [{
  The Gauss error function of the operand (C `erf`).
}], 0>;

#endif // KILN_DIALECT_VM_ARITHMETIC_OPS
