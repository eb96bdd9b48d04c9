//===- VMConversionOps.td - vm dialect: Conversion ops -*- tablegen -*-===//
//
// Integer truncation and extension, float <-> float width changes, integer
// <-> float value conversions, bit reinterpretation, and the two ref casts
// between `!vm.ref<?>` and a typed ref.
//
// Integer values narrower than 32 bits live in i32 registers; the `i8` and
// `i16` in a mnemonic name the width that the op reads or produces inside the
// register, not a register type.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_CONVERSION_OPS
#define KILN_DIALECT_VM_CONVERSION_OPS

include "dialects/vm/VMBase.td"

// One operand in, one result out; both types are spelled in the text.
class VM_ConversionOp<Type srcType, Type dstType, string mnemonic,
                      list<Trait> traits = []>
    : VM_PureOp<mnemonic, traits> {
  let arguments = (ins srcType:$operand);
  let results = (outs dstType:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

// A conversion with no opcode of its own: canonicalization rewrites it into
// two real conversions before it reaches a target.
class VM_ConversionPseudoOp<Type srcType, Type dstType, string mnemonic,
                            list<Trait> traits = []>
    : VM_ConversionOp<srcType, dstType, mnemonic,
                      !listconcat(traits, [VM_PseudoOp])> {
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Integer truncation
//===----------------------------------------------------------------------===//

def VM_TruncI16I8Op : VM_ConversionPseudoOp<I32, I32, "trunc.i16.i8"> {
  let summary = "keeps the low 8 bits of a 16-bit value";
  let description = [{
    Reads the operand register as a 16-bit value and keeps its low 8 bits,
    zero-filling the rest of the i32 result. Equivalent to
    `vm.trunc.i32.i8`, into which canonicalization rewrites it.

    ```mlir
    %b = vm.trunc.i16.i8 %h : i32 -> i32
    ```
  }];
}

def VM_TruncI32I8Op : VM_ConversionOp<I32, I32, "trunc.i32.i8"> {
  let summary = "keeps the low 8 bits of an i32";
  let description = [{
    The result holds bits 0..7 of the operand and zeros above them.

    ```mlir
    %b = vm.trunc.i32.i8 %x : i32 -> i32
    ```
  }];
}

def VM_TruncI32I16Op : VM_ConversionOp<I32, I32, "trunc.i32.i16"> {
  let summary = "keeps the low 16 bits of an i32";
  let description = [{
    The result holds bits 0..15 of the operand and zeros above them.

    ```mlir
    %h = vm.trunc.i32.i16 %x : i32 -> i32
    ```
  }];
}

def VM_TruncI64I8Op : VM_ConversionPseudoOp<I64, I32, "trunc.i64.i8"> {
  let summary = "keeps the low 8 bits of an i64";
  let description = [{
    The i32 result holds bits 0..7 of the operand and zeros above them.
    Canonicalization rewrites it into `vm.trunc.i64.i32` followed by
    `vm.trunc.i32.i8`.

    ```mlir
    %b = vm.trunc.i64.i8 %x : i64 -> i32
    ```
  }];
}

def VM_TruncI64I16Op : VM_ConversionPseudoOp<I64, I32, "trunc.i64.i16"> {
  let summary = "keeps the low 16 bits of an i64";
  let description = [{
    The i32 result holds bits 0..15 of the operand and zeros above them.
    Canonicalization rewrites it into `vm.trunc.i64.i32` followed by
    `vm.trunc.i32.i16`.

    ```mlir
    %h = vm.trunc.i64.i16 %x : i64 -> i32
    ```
  }];
}

def VM_TruncI64I32Op : VM_ConversionOp<I64, I32, "trunc.i64.i32"> {
  let summary = "keeps the low 32 bits of an i64";
  let description = [{
    ```mlir
    %lo = vm.trunc.i64.i32 %x : i64 -> i32
    ```
  }];
}

def VM_TruncF64F32Op : VM_ConversionOp<F64, F32, "trunc.f64.f32", [VM_ExtF64]> {
  let summary = "narrows an f64 to f32, rounding to nearest-even";
  let description = [{
    IEEE-754 conversion in round-to-nearest-ties-to-even mode: values beyond
    the f32 range become infinities, tiny values flush through subnormals to
    signed zero, NaN stays NaN.

    ```mlir
    %s = vm.trunc.f64.f32 %d : f64 -> f32
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Integer extension
//===----------------------------------------------------------------------===//

def VM_ExtI8I32SOp : VM_ConversionOp<I32, I32, "ext.i8.i32.s"> {
  let summary = "sign-extends the low 8 bits of an i32";
  let description = [{
    Bit 7 of the operand is copied into bits 8..31 of the result.

    ```mlir
    %x = vm.ext.i8.i32.s %b : i32 -> i32
    ```
  }];
}

def VM_ExtI8I32UOp : VM_ConversionOp<I32, I32, "ext.i8.i32.u"> {
  let summary = "zero-extends the low 8 bits of an i32";
  let description = [{
    Bits 8..31 of the result are zero.

    ```mlir
    %x = vm.ext.i8.i32.u %b : i32 -> i32
    ```
  }];
}

def VM_ExtI16I32SOp : VM_ConversionOp<I32, I32, "ext.i16.i32.s"> {
  let summary = "sign-extends the low 16 bits of an i32";
  let description = [{
    Bit 15 of the operand is copied into bits 16..31 of the result.

    ```mlir
    %x = vm.ext.i16.i32.s %h : i32 -> i32
    ```
  }];
}

def VM_ExtI16I32UOp : VM_ConversionOp<I32, I32, "ext.i16.i32.u"> {
  let summary = "zero-extends the low 16 bits of an i32";
  let description = [{
    Bits 16..31 of the result are zero.

    ```mlir
    %x = vm.ext.i16.i32.u %h : i32 -> i32
    ```
  }];
}

def VM_ExtI8I64SOp : VM_ConversionPseudoOp<I32, I64, "ext.i8.i64.s"> {
  let summary = "sign-extends the low 8 bits of an i32 to i64";
  let description = [{
    Canonicalization rewrites it into `vm.ext.i8.i32.s` followed by
    `vm.ext.i32.i64.s`.

    ```mlir
    %x = vm.ext.i8.i64.s %b : i32 -> i64
    ```
  }];
}

def VM_ExtI8I64UOp : VM_ConversionPseudoOp<I32, I64, "ext.i8.i64.u"> {
  let summary = "zero-extends the low 8 bits of an i32 to i64";
  let description = [{
    Canonicalization rewrites it into `vm.ext.i8.i32.u` followed by
    `vm.ext.i32.i64.u`.

    ```mlir
    %x = vm.ext.i8.i64.u %b : i32 -> i64
    ```
  }];
}

def VM_ExtI16I64SOp : VM_ConversionPseudoOp<I32, I64, "ext.i16.i64.s"> {
  let summary = "sign-extends the low 16 bits of an i32 to i64";
  let description = [{
    Canonicalization rewrites it into `vm.ext.i16.i32.s` followed by
    `vm.ext.i32.i64.s`.

    ```mlir
    %x = vm.ext.i16.i64.s %h : i32 -> i64
    ```
  }];
}

def VM_ExtI16I64UOp : VM_ConversionPseudoOp<I32, I64, "ext.i16.i64.u"> {
  let summary = "zero-extends the low 16 bits of an i32 to i64";
  let description = [{
    Canonicalization rewrites it into `vm.ext.i16.i32.u` followed by
    `vm.ext.i32.i64.u`.

    ```mlir
    %x = vm.ext.i16.i64.u %h : i32 -> i64
    ```
  }];
}

def VM_ExtI32I64SOp : VM_ConversionOp<I32, I64, "ext.i32.i64.s"> {
  let summary = "sign-extends an i32 to i64";
  let description = [{
    ```mlir
    %x = vm.ext.i32.i64.s %w : i32 -> i64
    ```
  }];
}

def VM_ExtI32I64UOp : VM_ConversionOp<I32, I64, "ext.i32.i64.u"> {
  let summary = "zero-extends an i32 to i64";
  let description = [{
    ```mlir
    %x = vm.ext.i32.i64.u %w : i32 -> i64
    ```
  }];
}

def VM_ExtF32F64Op : VM_ConversionOp<F32, F64, "ext.f32.f64", [VM_ExtF64]> {
  let summary = "widens an f32 to f64";
  let description = [{
    Every f32 value is exactly representable as f64; NaN stays NaN.

    ```mlir
    %d = vm.ext.f32.f64 %s : f32 -> f64
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Integer <-> float value conversion
//===----------------------------------------------------------------------===//

class VM_IntToFloatOp<Type srcType, Type dstType, string mnemonic,
                      string signedness, Trait ext>
    : VM_ConversionOp<srcType, dstType, mnemonic, [ext]> {
  let summary = "converts " # signedness # " integer to floating point";
  let description = [{
    Reads the operand as a }] # signedness # [{ integer and produces the
    nearest floating-point value, ties to even (IEEE-754 default rounding).
  }];
}

class VM_FloatToIntOp<Type srcType, Type dstType, string mnemonic,
                      string signedness, Trait ext>
    : VM_ConversionOp<srcType, dstType, mnemonic, [ext]> {
  let summary = "converts floating point to " # signedness # " integer";
  let description = [{
    Rounds the operand to the nearest integer, ties away from zero (as C's
    `lround`), and produces it as a }] # signedness # [{ integer. The result
    is unspecified when the operand is NaN, infinite, or rounds to a value
    that the result type cannot hold; the folder leaves those cases to the
    target.
  }];
}

def VM_CastSI32F32Op : VM_IntToFloatOp<I32, F32, "cast.si32.f32", "a signed", VM_ExtF32>;
def VM_CastSI64F32Op : VM_IntToFloatOp<I64, F32, "cast.si64.f32", "a signed", VM_ExtF32>;
def VM_CastSI64F64Op : VM_IntToFloatOp<I64, F64, "cast.si64.f64", "a signed", VM_ExtF64>;
def VM_CastUI32F32Op : VM_IntToFloatOp<I32, F32, "cast.ui32.f32", "an unsigned", VM_ExtF32>;
def VM_CastUI64F32Op : VM_IntToFloatOp<I64, F32, "cast.ui64.f32", "an unsigned", VM_ExtF32>;
def VM_CastUI64F64Op : VM_IntToFloatOp<I64, F64, "cast.ui64.f64", "an unsigned", VM_ExtF64>;

def VM_CastF32SI32Op : VM_FloatToIntOp<F32, I32, "cast.f32.si32", "a signed", VM_ExtF32>;
def VM_CastF32SI64Op : VM_FloatToIntOp<F32, I64, "cast.f32.si64", "a signed", VM_ExtF32>;
def VM_CastF32UI32Op : VM_FloatToIntOp<F32, I32, "cast.f32.ui32", "an unsigned", VM_ExtF32>;
def VM_CastF32UI64Op : VM_FloatToIntOp<F32, I64, "cast.f32.ui64", "an unsigned", VM_ExtF32>;
def VM_CastF64SI64Op : VM_FloatToIntOp<F64, I64, "cast.f64.si64", "a signed", VM_ExtF64>;
def VM_CastF64UI64Op : VM_FloatToIntOp<F64, I64, "cast.f64.ui64", "an unsigned", VM_ExtF64>;

//===----------------------------------------------------------------------===//
// Bit reinterpretation
//===----------------------------------------------------------------------===//

class VM_BitcastOp<Type srcType, Type dstType, string mnemonic, Trait ext>
    : VM_ConversionOp<srcType, dstType, mnemonic, [ext]> {
  let summary = "reinterprets the bits of a " # srcType.summary #
                " as a " # dstType.summary;
  let description = [{
    The result has exactly the bit pattern of the operand, NaN payloads and
    signaling bits included.
  }];
}

def VM_BitcastI32F32Op : VM_BitcastOp<I32, F32, "bitcast.i32.f32", VM_ExtF32>;
def VM_BitcastF32I32Op : VM_BitcastOp<F32, I32, "bitcast.f32.i32", VM_ExtF32>;
def VM_BitcastI64F64Op : VM_BitcastOp<I64, F64, "bitcast.i64.f64", VM_ExtF64>;
def VM_BitcastF64I64Op : VM_BitcastOp<F64, I64, "bitcast.f64.i64", VM_ExtF64>;

// The ref casts vm.cast.any.ref and vm.cast.ref.any live in VMRefOps.td.

#endif // KILN_DIALECT_VM_CONVERSION_OPS
