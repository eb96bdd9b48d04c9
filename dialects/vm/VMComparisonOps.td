//===- VMComparisonOps.td - vm dialect: Comparison ops -*- tablegen -*-===//
//
// Integer, floating-point and ref comparisons. Every comparison produces an
// i32 that is 1 when the predicate holds and 0 otherwise.
//
// Ops marked as pseudo ops (integer lte/gt/gte, float gt/gte, float nz and
// float near-equality) have no opcode of their own: canonicalization rewrites
// them into the real comparisons (swapping operands and/or inverting the
// result with `vm.xor.i32 %c, 1`).
//
// Floating-point predicates come in two flavours. An ordered (`.o`)
// comparison is false when either operand is NaN; an unordered (`.u`)
// comparison is true when either operand is NaN. Otherwise both follow
// IEEE-754, so +0.0 and -0.0 compare equal.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_COMPARISON_OPS
#define KILN_DIALECT_VM_COMPARISON_OPS

include "dialects/vm/VMBase.td"

class VM_UnaryComparisonOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_PureOp<mnemonic, traits> {
  let arguments = (ins type:$operand);
  let results = (outs VM_CondValue:$result);
  let assemblyFormat = "$operand attr-dict `:` type($operand)";
  let hasFolder = 1;
}

class VM_BinaryComparisonOp<Type type, string mnemonic, list<Trait> traits = []>
    : VM_PureOp<mnemonic, !listconcat(traits, [AllTypesMatch<["lhs", "rhs"]>])> {
  let arguments = (ins type:$lhs, type:$rhs);
  let results = (outs VM_CondValue:$result);
  let assemblyFormat = "operands attr-dict `:` type($lhs)";
  let hasFolder = 1;
}

// The C spelling of a predicate, for descriptions.
class VM_PredSymbol<string pred> {
  string value = !cond(!eq(pred, "eq") : "==", !eq(pred, "ne") : "!=",
                       !eq(pred, "lt") : "<", !eq(pred, "lte") : "<=",
                       !eq(pred, "gt") : ">", true : ">=");
}

// Integer and ref comparisons name their result in printed IR (%eq, %slt...).
defvar VM_NamedResult =
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>;

//===----------------------------------------------------------------------===//
// Integer comparison
//===----------------------------------------------------------------------===//

class VM_IntCmpOp<I type, string pred, string sign, string what,
                  list<Trait> traits = []>
    : VM_BinaryComparisonOp<type,
          "cmp." # pred # ".i" # type.bitwidth # !if(!empty(sign), "", "." # sign),
          !listconcat(traits, [VM_NamedResult])> {
  let summary = what # " comparison of two i" # type.bitwidth # " values";
  let description = [{
    Produces 1 if `lhs }] # VM_PredSymbol<pred>.value # [{ rhs`, 0 otherwise.
  }] # !if(!eq(sign, "s"), "Operands are read as two's-complement signed integers.",
        !if(!eq(sign, "u"), "Operands are read as unsigned integers.", ""));
  let hasCanonicalizer = 1;
}

class VM_IntCmpPseudoOp<I type, string pred, string sign, string what>
    : VM_IntCmpOp<type, pred, sign, what, [VM_PseudoOp]>;

def VM_CmpEQI32Op : VM_IntCmpOp<I32, "eq", "", "equality", [Commutative]>;
def VM_CmpEQI64Op : VM_IntCmpOp<I64, "eq", "", "equality", [Commutative]>;
def VM_CmpNEI32Op : VM_IntCmpOp<I32, "ne", "", "inequality", [Commutative]>;
def VM_CmpNEI64Op : VM_IntCmpOp<I64, "ne", "", "inequality", [Commutative]>;
def VM_CmpLTI32SOp : VM_IntCmpOp<I32, "lt", "s", "signed less-than">;
def VM_CmpLTI64SOp : VM_IntCmpOp<I64, "lt", "s", "signed less-than">;
def VM_CmpLTI32UOp : VM_IntCmpOp<I32, "lt", "u", "unsigned less-than">;
def VM_CmpLTI64UOp : VM_IntCmpOp<I64, "lt", "u", "unsigned less-than">;
def VM_CmpLTEI32SOp : VM_IntCmpPseudoOp<I32, "lte", "s", "signed less-than-or-equal">;
def VM_CmpLTEI64SOp : VM_IntCmpPseudoOp<I64, "lte", "s", "signed less-than-or-equal">;
def VM_CmpLTEI32UOp : VM_IntCmpPseudoOp<I32, "lte", "u", "unsigned less-than-or-equal">;
def VM_CmpLTEI64UOp : VM_IntCmpPseudoOp<I64, "lte", "u", "unsigned less-than-or-equal">;
def VM_CmpGTI32SOp : VM_IntCmpPseudoOp<I32, "gt", "s", "signed greater-than">;
def VM_CmpGTI64SOp : VM_IntCmpPseudoOp<I64, "gt", "s", "signed greater-than">;
def VM_CmpGTI32UOp : VM_IntCmpPseudoOp<I32, "gt", "u", "unsigned greater-than">;
def VM_CmpGTI64UOp : VM_IntCmpPseudoOp<I64, "gt", "u", "unsigned greater-than">;
def VM_CmpGTEI32SOp : VM_IntCmpPseudoOp<I32, "gte", "s", "signed greater-than-or-equal">;
def VM_CmpGTEI64SOp : VM_IntCmpPseudoOp<I64, "gte", "s", "signed greater-than-or-equal">;
def VM_CmpGTEI32UOp : VM_IntCmpPseudoOp<I32, "gte", "u", "unsigned greater-than-or-equal">;
def VM_CmpGTEI64UOp : VM_IntCmpPseudoOp<I64, "gte", "u", "unsigned greater-than-or-equal">;

class VM_IntCmpNZOp<I type>
    : VM_UnaryComparisonOp<type, "cmp.nz.i" # type.bitwidth, [VM_NamedResult]> {
  let summary = "tests an i" # type.bitwidth # " for non-zero";
  let description = [{
    Produces 1 if the operand is not zero, 0 if it is.
  }];
}

def VM_CmpNZI32Op : VM_IntCmpNZOp<I32>;
def VM_CmpNZI64Op : VM_IntCmpNZOp<I64>;

//===----------------------------------------------------------------------===//
// Floating-point comparison
//===----------------------------------------------------------------------===//

class VM_FloatCmpOp<F type, string pred, string order, string what,
                    list<Trait> traits = []>
    : VM_BinaryComparisonOp<type,
          "cmp." # pred # ".f" # type.bitwidth # "." # order,
          !listconcat(traits, [!if(!eq(type.bitwidth, 32), VM_ExtF32, VM_ExtF64)])> {
  defvar ordered = !eq(order, "o");
  let summary = !if(ordered, "ordered", "unordered") # " " # what #
                " comparison of two f" # type.bitwidth # " values";
  let description = [{
    Produces 1 if `lhs }] # VM_PredSymbol<pred>.value #
    [{ rhs` under IEEE-754 rules, 0 otherwise. }] #
    !if(ordered, "If either operand is NaN the result is 0.",
                 "If either operand is NaN the result is 1.");
  let hasCanonicalizer = 1;
}

class VM_FloatCmpPseudoOp<F type, string pred, string order, string what,
                          list<Trait> traits = []>
    : VM_FloatCmpOp<type, pred, order, what, !listconcat(traits, [VM_PseudoOp])>;

def VM_CmpEQF32OOp : VM_FloatCmpOp<F32, "eq", "o", "equality", [Commutative]>;
def VM_CmpEQF64OOp : VM_FloatCmpOp<F64, "eq", "o", "equality", [Commutative]>;
def VM_CmpEQF32UOp : VM_FloatCmpOp<F32, "eq", "u", "equality", [Commutative]>;
def VM_CmpEQF64UOp : VM_FloatCmpOp<F64, "eq", "u", "equality", [Commutative]>;
def VM_CmpNEF32OOp : VM_FloatCmpOp<F32, "ne", "o", "inequality", [Commutative]>;
def VM_CmpNEF64OOp : VM_FloatCmpOp<F64, "ne", "o", "inequality", [Commutative]>;
def VM_CmpNEF32UOp : VM_FloatCmpOp<F32, "ne", "u", "inequality", [Commutative]>;
def VM_CmpNEF64UOp : VM_FloatCmpOp<F64, "ne", "u", "inequality", [Commutative]>;
def VM_CmpLTF32OOp : VM_FloatCmpOp<F32, "lt", "o", "less-than">;
def VM_CmpLTF64OOp : VM_FloatCmpOp<F64, "lt", "o", "less-than">;
def VM_CmpLTF32UOp : VM_FloatCmpOp<F32, "lt", "u", "less-than">;
def VM_CmpLTF64UOp : VM_FloatCmpOp<F64, "lt", "u", "less-than">;
def VM_CmpLTEF32OOp : VM_FloatCmpOp<F32, "lte", "o", "less-than-or-equal">;
def VM_CmpLTEF64OOp : VM_FloatCmpOp<F64, "lte", "o", "less-than-or-equal">;
def VM_CmpLTEF32UOp : VM_FloatCmpOp<F32, "lte", "u", "less-than-or-equal">;
def VM_CmpLTEF64UOp : VM_FloatCmpOp<F64, "lte", "u", "less-than-or-equal">;
def VM_CmpGTF32OOp : VM_FloatCmpPseudoOp<F32, "gt", "o", "greater-than">;
def VM_CmpGTF64OOp : VM_FloatCmpPseudoOp<F64, "gt", "o", "greater-than">;
def VM_CmpGTF32UOp : VM_FloatCmpPseudoOp<F32, "gt", "u", "greater-than">;
def VM_CmpGTF64UOp : VM_FloatCmpPseudoOp<F64, "gt", "u", "greater-than">;
def VM_CmpGTEF32OOp : VM_FloatCmpPseudoOp<F32, "gte", "o", "greater-than-or-equal">;
def VM_CmpGTEF64OOp : VM_FloatCmpPseudoOp<F64, "gte", "o", "greater-than-or-equal">;
def VM_CmpGTEF32UOp : VM_FloatCmpPseudoOp<F32, "gte", "u", "greater-than-or-equal">;
def VM_CmpGTEF64UOp : VM_FloatCmpPseudoOp<F64, "gte", "u", "greater-than-or-equal">;

class VM_FloatCmpNearOp<F type>
    : VM_BinaryComparisonOp<type, "cmp.eq.f" # type.bitwidth # ".near",
          [Commutative, VM_PseudoOp,
           !if(!eq(type.bitwidth, 32), VM_ExtF32, VM_ExtF64)]> {
  let summary = "approximate equality of two f" # type.bitwidth # " values";
  let description = [{
    Produces 1 when the operands are close: neither is NaN, and either their
    sign bits differ and they compare equal (so +0.0 is near -0.0), or their
    sign bits agree and their bit patterns, read as integers, differ by less
    than a fixed number of units in the last place (100 for f32,
    50000000000 for f64). Canonicalization expands it into real ops.
  }];
  let hasCanonicalizer = 1;
}

def VM_CmpEQF32NearOp : VM_FloatCmpNearOp<F32>;
def VM_CmpEQF64NearOp : VM_FloatCmpNearOp<F64>;

class VM_FloatCmpNZOp<F type, string order>
    : VM_UnaryComparisonOp<type, "cmp.nz.f" # type.bitwidth # "." # order,
          [VM_PseudoOp, !if(!eq(type.bitwidth, 32), VM_ExtF32, VM_ExtF64)]> {
  defvar ordered = !eq(order, "o");
  let summary = !if(ordered, "ordered", "unordered") #
                " non-zero test of an f" # type.bitwidth;
  let description = [{
    Produces 1 if the operand is neither +0.0 nor -0.0. }] #
    !if(ordered, "A NaN operand gives 0.", "A NaN operand gives 1.") # [{
    Canonicalization rewrites it into the matching `vm.cmp.ne` against zero.
  }];
  let hasCanonicalizer = 1;
}

def VM_CmpNZF32OOp : VM_FloatCmpNZOp<F32, "o">;
def VM_CmpNZF64OOp : VM_FloatCmpNZOp<F64, "o">;
def VM_CmpNZF32UOp : VM_FloatCmpNZOp<F32, "u">;
def VM_CmpNZF64UOp : VM_FloatCmpNZOp<F64, "u">;

class VM_FloatCmpNaNOp<F type>
    : VM_UnaryComparisonOp<type, "cmp.nan.f" # type.bitwidth,
          [!if(!eq(type.bitwidth, 32), VM_ExtF32, VM_ExtF64)]> {
  let summary = "tests an f" # type.bitwidth # " for NaN";
  let description = [{
    Produces 1 if the operand is a NaN (quiet or signaling), 0 otherwise.
  }];
}

def VM_CmpNaNF32Op : VM_FloatCmpNaNOp<F32>;
def VM_CmpNaNF64Op : VM_FloatCmpNaNOp<F64>;

//===----------------------------------------------------------------------===//
// Ref comparison
//===----------------------------------------------------------------------===//

def VM_CmpEQRefOp
    : VM_BinaryComparisonOp<VM_AnyRef, "cmp.eq.ref", [Commutative, VM_NamedResult]> {
  let summary = "tests two refs for identity";
  let description = [{
    Produces 1 if both operands refer to the same object or are both null.

    ```mlir
    %same = vm.cmp.eq.ref %a, %b : !vm.buffer
    ```
  }];
  let hasCanonicalizer = 1;
}

def VM_CmpNERefOp
    : VM_BinaryComparisonOp<VM_AnyRef, "cmp.ne.ref", [Commutative, VM_NamedResult]> {
  let summary = "tests two refs for non-identity";
  let description = [{
    Produces 1 if the operands refer to different objects (or exactly one of
    them is null).

    ```mlir
    %differ = vm.cmp.ne.ref %a, %b : !vm.buffer
    ```
  }];
  let hasCanonicalizer = 1;
}

def VM_CmpNZRefOp
    : VM_UnaryComparisonOp<VM_AnyRef, "cmp.nz.ref", [VM_NamedResult]> {
  let summary = "tests a ref for non-null";
  let description = [{
    Produces 1 if the operand refers to an object, 0 if it is null.

    ```mlir
    %present = vm.cmp.nz.ref %a : !vm.buffer
    ```
  }];
}

#endif // KILN_DIALECT_VM_COMPARISON_OPS
