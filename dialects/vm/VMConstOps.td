//===- VMConstOps.td - vm dialect: Const ops -*- tablegen -*-===//
//
// Scalar constants, null refs and read-only data.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_CONST_OPS
#define KILN_DIALECT_VM_CONST_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Scalar constants
//===----------------------------------------------------------------------===//

class VM_ConstScalarOp<string mnemonic, Type type, Attr valueAttr,
                       list<Trait> traits = []>
    : VM_PureOp<mnemonic, !listconcat(traits, [ConstantLike])> {
  let arguments = (ins valueAttr:$value);
  let results = (outs type:$result);
  let assemblyFormat = "$value attr-dict";

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value)>,
  ];
  let extraClassDeclaration = [{
    /// True when `value` can become the value of this op with result `type`.
    static bool isBuildableWith(::mlir::TypedAttr value, ::mlir::Type type);
  }];

  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def VM_ConstI32Op : VM_ConstScalarOp<"const.i32", I32,
    VM_ConstantIntegerValueAttr<I32>,
    [DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "32-bit integer constant";
  let description = [{
    Produces the i32 `value`. Written without a type: `vm.const.i32 42`.
    A zero canonicalizes to `vm.const.i32.zero`.
  }];
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value)>,
    OpBuilder<(ins "int32_t":$value)>,
  ];
}

def VM_ConstI64Op : VM_ConstScalarOp<"const.i64", I64,
    VM_ConstantIntegerValueAttr<I64>,
    [DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "64-bit integer constant";
  let description = [{
    Produces the i64 `value`: `vm.const.i64 -1`. A zero canonicalizes to
    `vm.const.i64.zero`.
  }];
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value)>,
    OpBuilder<(ins "int64_t":$value)>,
  ];
}

def VM_ConstF32Op : VM_ConstScalarOp<"const.f32", F32,
    VM_ConstantFloatValueAttr<F32>, [VM_ExtF32]> {
  let summary = "32-bit floating-point constant";
  let description = [{
    Produces the f32 `value`: `vm.const.f32 1.500000e+00`. Positive zero
    canonicalizes to `vm.const.f32.zero`; negative zero stays as it is.
  }];
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value)>,
    OpBuilder<(ins "float":$value)>,
  ];
}

def VM_ConstF64Op : VM_ConstScalarOp<"const.f64", F64,
    VM_ConstantFloatValueAttr<F64>, [VM_ExtF64]> {
  let summary = "64-bit floating-point constant";
  let description = [{
    Produces the f64 `value`. Positive zero canonicalizes to
    `vm.const.f64.zero`; negative zero stays as it is.
  }];
  let builders = [
    OpBuilder<(ins "::mlir::TypedAttr":$value)>,
    OpBuilder<(ins "double":$value)>,
  ];
}

class VM_ConstZeroOp<string mnemonic, Type type, list<Trait> traits = []>
    : VM_PureOp<mnemonic, !listconcat(traits, [
        ConstantLike,
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>])> {
  let results = (outs type:$result);
  let assemblyFormat = "attr-dict";
  let builders = [
    OpBuilder<(ins), [{
      $_state.addTypes(}] # type.builderCall # [{);
    }]>,
  ];
  let hasFolder = 1;
}

def VM_ConstI32ZeroOp : VM_ConstZeroOp<"const.i32.zero", I32> {
  let summary = "32-bit integer zero";
  let description = [{
    Produces i32 0. Has its own opcode so that the most common constant
    needs no immediate operand.
  }];
}

def VM_ConstI64ZeroOp : VM_ConstZeroOp<"const.i64.zero", I64> {
  let summary = "64-bit integer zero";
  let description = [{
    Produces i64 0 without an immediate operand.
  }];
}

def VM_ConstF32ZeroOp : VM_ConstZeroOp<"const.f32.zero", F32, [VM_ExtF32]> {
  let summary = "32-bit floating-point positive zero";
  let description = [{
    Produces f32 +0.0 without an immediate operand.
  }];
}

def VM_ConstF64ZeroOp : VM_ConstZeroOp<"const.f64.zero", F64, [VM_ExtF64]> {
  let summary = "64-bit floating-point positive zero";
  let description = [{
    Produces f64 +0.0 without an immediate operand.
  }];
}

def VM_ConstRefZeroOp : VM_PureOp<"const.ref.zero", [
    ConstantLike,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
  ]> {
  let summary = "null reference";
  let description = [{
    Produces a null value of the given ref type, for comparisons and as the
    empty value of ref registers and globals.

    ```mlir
    %null = vm.const.ref.zero : !vm.buffer
    ```
  }];
  let results = (outs VM_AnyRef:$result);
  let assemblyFormat = "`:` type($result) attr-dict";
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Type":$type), [{
      $_state.addTypes(type);
    }]>,
  ];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Read-only data
//===----------------------------------------------------------------------===//

// What can be stored as read-only data: a string (its UTF-8 bytes) or dense
// elements (their packed little-endian bytes).
def VM_SerializableAttr : Attr<Or<[
    CPred<"::llvm::isa<::mlir::ElementsAttr>($_self)">,
    CPred<"::llvm::isa<::mlir::StringAttr>($_self)">]>,
    "string or elements attribute"> {
  let storageType = "::mlir::Attribute";
  let returnType = "::mlir::Attribute";
  let convertFromStorage = "$_self";
}

def VM_RodataOp : VM_Op<"rodata", [
    IsolatedFromAbove,
    HasParent<"::mlir::kiln::vm::ModuleOp">,
    Symbol,
  ]> {
  let summary = "a named block of read-only data in the module";
  let description = [{
    Embeds `value` (a string or dense elements) in the module as bytes that
    `vm.const.ref.rodata` returns as a `!vm.buffer`. The data is reference
    counted like any buffer, so it stays valid as long as someone holds it.
    It is aligned to 16 bytes unless `alignment` (a power of two) says
    otherwise; `mime_type` describes the contents for tools.

    ```mlir
    vm.rodata private @table {alignment = 64 : i64} dense<[1, 2, 3]> : tensor<3xi32>
    ```
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$sym_visibility,
    SymbolNameAttr:$sym_name,
    VM_SerializableAttr:$value,
    OptionalAttr<I64Attr>:$alignment,
    OptionalAttr<VM_Ordinal>:$ordinal,
    OptionalAttr<StrAttr>:$mime_type
  );
  let assemblyFormat = [{
    custom<SymbolVisibility>($sym_visibility) $sym_name attr-dict $value
  }];
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::Attribute":$value,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
  ];
  let hasVerifier = 1;
}

def VM_ConstRefRodataOp : VM_PureOp<"const.ref.rodata", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
  ]> {
  let summary = "a reference to a module's read-only data";
  let description = [{
    Returns the contents of the `vm.rodata` named `rodata` as a read-only
    `!vm.buffer`.

    ```mlir
    %table = vm.const.ref.rodata @table : !vm.buffer
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$rodata);
  let results = (outs VM_BufferRef:$value);
  let assemblyFormat = "$rodata attr-dict `:` type($value)";
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$rodataName,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
    OpBuilder<(ins "::mlir::kiln::vm::RodataOp":$rodataOp,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
  ];
}

def VM_RodataInlineOp : VM_PureOp<"rodata.inline", [VM_PseudoOp]> {
  let summary = "read-only data written where it is used";
  let description = [{
    A `vm.rodata` written inside a function: a pass hoists it to a
    module-level `vm.rodata` (merging identical ones) and leaves a
    `vm.const.ref.rodata` in its place. `name` suggests the symbol name.

    ```mlir
    %msg = vm.rodata.inline "greeting" : !vm.buffer = "hello"
    ```
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$name,
    VM_SerializableAttr:$value,
    OptionalAttr<I64Attr>:$alignment,
    OptionalAttr<StrAttr>:$mime_type
  );
  let results = (outs VM_BufferRef:$result);
  let assemblyFormat = [{
    ($name^)? attr-dict `:` type($result) `=` $value
  }];
  let builders = [
    OpBuilder<(ins "::mlir::Type":$resultType, "::mlir::Attribute":$value), [{
      $_state.addTypes(resultType);
      $_state.addAttribute("value", value);
    }]>,
  ];
  let hasVerifier = 1;
}

def VM_RodataTableInlineOp : VM_PureOp<"rodata.table.inline", [VM_PseudoOp]> {
  let summary = "several read-only data blobs plus a table locating them";
  let description = [{
    Concatenates the elements of `data_array` into one data buffer and
    builds a second buffer, the table, holding an (offset, size) pair per
    element as integers of `table_type` (i32 or i64), in element order.
    Each element starts at a multiple of `data_alignment` when given
    (padding with zeros); sizes exclude the padding. `alignment` applies to
    both buffers. Returns the table and the data; hoisted to module-level
    `vm.rodata` like `vm.rodata.inline`.

    ```mlir
    %table, %data = vm.rodata.table.inline i64 : !vm.buffer, !vm.buffer = ["a", "bc"]
    ```
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$table_name,
    OptionalAttr<StrAttr>:$data_name,
    TypeAttrOf<VM_AnyIntegerType>:$table_type,
    ArrayAttr:$data_array,
    OptionalAttr<I64Attr>:$alignment,
    OptionalAttr<I64Attr>:$data_alignment,
    OptionalAttr<StrAttr>:$mime_type
  );
  let results = (outs
    VM_BufferRef:$table_result,
    VM_BufferRef:$data_result
  );
  let assemblyFormat = [{
    $table_type attr-dict `:` type($table_result) `,` type($data_result)
    `=` $data_array
  }];
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_VM_CONST_OPS
