//===- VMGlobalOps.td - vm dialect: Global ops -*- tablegen -*-===//
//
// Module-level variables and the ops that read and write them, directly by
// symbol or indirectly through an address.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_GLOBAL_OPS
#define KILN_DIALECT_VM_GLOBAL_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

class VM_PrimitiveGlobalOp<string mnemonic, string typeName, Type type,
                           Attr valueAttr, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [
        IsolatedFromAbove,
        HasParent<"::mlir::kiln::vm::ModuleOp">,
        Symbol,
      ])> {
  let description = [{
    Declares a module global holding one }] # typeName # [{ value. It starts
    as `initial_value` when one is given, else as zero. Only `mutable`
    globals may be stored to, except by `vm.initializer`s, which may also
    set immutable ones. `ordinal` (its byte offset) is set by ordinal
    allocation.

    ```mlir
    vm.global.}] # typeName # [{ private mutable @counter : }] # typeName # [{

    ```
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$sym_visibility,
    SymbolNameAttr:$sym_name,
    TypeAttrOf<type>:$type,
    UnitAttr:$is_mutable,
    OptionalAttr<valueAttr>:$initial_value,
    OptionalAttr<VM_Ordinal>:$ordinal
  );
  let assemblyFormat = [{
    custom<SymbolVisibility>($sym_visibility)
    (`mutable` $is_mutable^)?
    $sym_name
    attr-dict
    custom<TypeOrAttr>($type, $initial_value)
  }];
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "bool":$isMutable,
      "::mlir::Type":$type,
      "std::optional<::mlir::TypedAttr>":$initialValue,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
    OpBuilder<(ins "::llvm::StringRef":$name, "bool":$isMutable,
      "::mlir::Type":$type,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs), [{
      build($_builder, $_state, name, isMutable, type, std::nullopt, attrs);
    }]>,
  ];
  let hasCanonicalizer = 1;
}

def VM_GlobalI32Op : VM_PrimitiveGlobalOp<"global.i32", "i32", I32,
    VM_ConstantIntegerValueAttr<I32>> {
  let summary = "declares an i32 global";
}
def VM_GlobalI64Op : VM_PrimitiveGlobalOp<"global.i64", "i64", I64,
    VM_ConstantIntegerValueAttr<I64>> {
  let summary = "declares an i64 global";
}
def VM_GlobalF32Op : VM_PrimitiveGlobalOp<"global.f32", "f32", F32,
    VM_ConstantFloatValueAttr<F32>, [VM_ExtF32]> {
  let summary = "declares an f32 global";
}
def VM_GlobalF64Op : VM_PrimitiveGlobalOp<"global.f64", "f64", F64,
    VM_ConstantFloatValueAttr<F64>, [VM_ExtF64]> {
  let summary = "declares an f64 global";
}

def VM_GlobalRefOp : VM_Op<"global.ref", [
    IsolatedFromAbove,
    HasParent<"::mlir::kiln::vm::ModuleOp">,
    Symbol,
  ]> {
  let summary = "declares a ref global";
  let description = [{
    Declares a module global holding one reference of `type`. It starts
    null and keeps whatever it holds alive until it is overwritten or the
    module is unloaded. Same mutability rules as the scalar globals.

    ```mlir
    vm.global.ref private mutable @cache : !vm.buffer
    ```
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$sym_visibility,
    SymbolNameAttr:$sym_name,
    TypeAttrOf<VM_AnyRef>:$type,
    UnitAttr:$is_mutable,
    OptionalAttr<VM_Ordinal>:$ordinal
  );
  let assemblyFormat = [{
    custom<SymbolVisibility>($sym_visibility)
    (`mutable` $is_mutable^)?
    $sym_name
    attr-dict
    `:` $type
  }];
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "bool":$isMutable,
      "::mlir::Type":$type,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
  ];
}

//===----------------------------------------------------------------------===//
// Addresses
//===----------------------------------------------------------------------===//

def VM_GlobalAddressOp : VM_PureOp<"global.address", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
  ]> {
  let summary = "the address of a global, for indirect access";
  let description = [{
    Returns a handle to `global` that the `.indirect` loads and stores
    accept. The encoding depends on the global's kind (a byte offset for
    scalars, an ordinal for refs). `immutable` records that the global is
    never stored to.

    ```mlir
    %p = vm.global.address @counter : i32
    ```
  }];
  let arguments = (ins
    FlatSymbolRefAttr:$global,
    UnitAttr:$is_immutable
  );
  let results = (outs VM_Ptr:$result);
  let assemblyFormat = [{
    (`immutable` $is_immutable^)? $global attr-dict `:` type($result)
  }];
}

//===----------------------------------------------------------------------===//
// Direct loads and stores
//===----------------------------------------------------------------------===//

class VM_GlobalLoadOp<string mnemonic, Type type, string globalOp,
                      list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<SymbolUserOpInterface>,
        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
        DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
      ])> {
  let description = [{
    Reads the `}] # globalOp # [{` named `global`. `immutable` records that
    the global is never stored to outside initialization, so the load reads
    no mutable memory and may move or merge freely. Loads of an immutable
    global that nothing stores to become its initial value in
    `--vm-fold-immutable-globals`.
  }];
  let arguments = (ins
    FlatSymbolRefAttr:$global,
    UnitAttr:$is_immutable
  );
  let results = (outs type:$value);
  let assemblyFormat = [{
    (`immutable` $is_immutable^)? $global attr-dict `:` type($value)
  }];
}

class VM_GlobalStoreOp<string mnemonic, Type type, string globalOp,
                       list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [
        DeclareOpInterfaceMethods<SymbolUserOpInterface>,
      ])> {
  let description = [{
    Writes `value` to the `}] # globalOp # [{` named `global`, which must be
    `mutable` unless the store is inside a `vm.initializer`.
  }];
  let arguments = (ins
    type:$value,
    FlatSymbolRefAttr:$global
  );
  let assemblyFormat = [{
    $value `,` $global attr-dict `:` type($value)
  }];
}

def VM_GlobalLoadI32Op : VM_GlobalLoadOp<"global.load.i32", I32, "vm.global.i32"> {
  let summary = "reads an i32 global";
}
def VM_GlobalLoadI64Op : VM_GlobalLoadOp<"global.load.i64", I64, "vm.global.i64"> {
  let summary = "reads an i64 global";
}
def VM_GlobalLoadF32Op : VM_GlobalLoadOp<"global.load.f32", F32, "vm.global.f32",
                                         [VM_ExtF32]> {
  let summary = "reads an f32 global";
}
def VM_GlobalLoadF64Op : VM_GlobalLoadOp<"global.load.f64", F64, "vm.global.f64",
                                         [VM_ExtF64]> {
  let summary = "reads an f64 global";
}
def VM_GlobalLoadRefOp : VM_GlobalLoadOp<"global.load.ref", VM_AnyRef,
                                         "vm.global.ref"> {
  let summary = "reads a ref global, retaining the object";
}

def VM_GlobalStoreI32Op : VM_GlobalStoreOp<"global.store.i32", I32, "vm.global.i32"> {
  let summary = "writes an i32 global";
}
def VM_GlobalStoreI64Op : VM_GlobalStoreOp<"global.store.i64", I64, "vm.global.i64"> {
  let summary = "writes an i64 global";
}
def VM_GlobalStoreF32Op : VM_GlobalStoreOp<"global.store.f32", F32, "vm.global.f32",
                                           [VM_ExtF32]> {
  let summary = "writes an f32 global";
}
def VM_GlobalStoreF64Op : VM_GlobalStoreOp<"global.store.f64", F64, "vm.global.f64",
                                           [VM_ExtF64]> {
  let summary = "writes an f64 global";
}
def VM_GlobalStoreRefOp : VM_GlobalStoreOp<"global.store.ref", VM_AnyRef,
                                           "vm.global.ref"> {
  let summary = "writes a ref global, releasing the object it held";
}

//===----------------------------------------------------------------------===//
// Indirect loads and stores
//===----------------------------------------------------------------------===//

class VM_GlobalLoadIndirectOp<string mnemonic, Type type,
                              list<Trait> traits = []>
    : VM_Op<mnemonic, traits> {
  let description = [{
    Reads the global whose address (from `vm.global.address`) is `global`.
    Canonicalizes to the direct load when the address is known.
  }];
  let arguments = (ins
    VM_Ptr:$global,
    UnitAttr:$is_immutable
  );
  let results = (outs type:$value);
  let assemblyFormat = [{
    (`immutable` $is_immutable^)? $global attr-dict `:` type($global) `->`
    type($value)
  }];
  let hasCanonicalizer = 1;
}

class VM_GlobalStoreIndirectOp<string mnemonic, Type type,
                               list<Trait> traits = []>
    : VM_Op<mnemonic, traits> {
  let description = [{
    Writes `value` to the global whose address (from `vm.global.address`)
    is `global`. Canonicalizes to the direct store when the address is known.
  }];
  let arguments = (ins
    type:$value,
    VM_Ptr:$global
  );
  let assemblyFormat = [{
    $value `,` $global attr-dict `:` type($value) `->` type($global)
  }];
  let hasCanonicalizer = 1;
}

def VM_GlobalLoadIndirectI32Op
    : VM_GlobalLoadIndirectOp<"global.load.indirect.i32", I32> {
  let summary = "reads an i32 global through its address";
}
def VM_GlobalLoadIndirectI64Op
    : VM_GlobalLoadIndirectOp<"global.load.indirect.i64", I64> {
  let summary = "reads an i64 global through its address";
}
def VM_GlobalLoadIndirectF32Op
    : VM_GlobalLoadIndirectOp<"global.load.indirect.f32", F32, [VM_ExtF32]> {
  let summary = "reads an f32 global through its address";
}
def VM_GlobalLoadIndirectF64Op
    : VM_GlobalLoadIndirectOp<"global.load.indirect.f64", F64, [VM_ExtF64]> {
  let summary = "reads an f64 global through its address";
}
def VM_GlobalLoadIndirectRefOp
    : VM_GlobalLoadIndirectOp<"global.load.indirect.ref", VM_AnyRef> {
  let summary = "reads a ref global through its address";
}

def VM_GlobalStoreIndirectI32Op
    : VM_GlobalStoreIndirectOp<"global.store.indirect.i32", I32> {
  let summary = "writes an i32 global through its address";
}
def VM_GlobalStoreIndirectI64Op
    : VM_GlobalStoreIndirectOp<"global.store.indirect.i64", I64> {
  let summary = "writes an i64 global through its address";
}
def VM_GlobalStoreIndirectF32Op
    : VM_GlobalStoreIndirectOp<"global.store.indirect.f32", F32, [VM_ExtF32]> {
  let summary = "writes an f32 global through its address";
}
def VM_GlobalStoreIndirectF64Op
    : VM_GlobalStoreIndirectOp<"global.store.indirect.f64", F64, [VM_ExtF64]> {
  let summary = "writes an f64 global through its address";
}
def VM_GlobalStoreIndirectRefOp
    : VM_GlobalStoreIndirectOp<"global.store.indirect.ref", VM_AnyRef> {
  let summary = "writes a ref global through its address";
}

#endif // KILN_DIALECT_VM_GLOBAL_OPS
