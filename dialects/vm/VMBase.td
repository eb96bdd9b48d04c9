//===- VMBase.td - Kiln vm dialect: dialect, types, base classes -*- tablegen -*-===//
//
// Everything the op families share: the dialect, its types and attributes,
// type constraints, base op classes and native traits. Op families live in
// VM<Family>Ops.td files that include this one and define no shared records.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_BASE
#define KILN_DIALECT_VM_BASE

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/RegionKindInterface.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def VM_Dialect : Dialect {
  let name = "vm";
  let cppNamespace = "::mlir::kiln::vm";
  let summary = "An abstract register machine that Kiln runs as bytecode or C.";
  let description = [{
    The `vm` dialect models a small abstract machine: i32, i64, f32 and f64
    scalars held in an unbounded number of SSA registers, reference-counted
    objects (`!vm.ref<T>`, `!vm.buffer`, `!vm.list<T>`), and modules with
    imports, exports, globals and read-only data. Types describe storage; the
    interpretation of a value (signed or unsigned, ordered or unordered) is
    carried by the op that uses it.

    The textual form matches the `vm` dialect of IREE's compiler op for op, so
    an IREE `vm` file is Kiln input unchanged. A Kiln `vm.module` is lowered
    either to bytecode inside a `.vmfb` file or to C source; both run on the
    Kiln runtime behind one module interface.
  }];
  let useDefaultTypePrinterParser = 0;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let extraClassDeclaration = [{
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
    /// The OpAsmOpInterface of vm ops that define none of their own
    /// (result names, as IREE prints them).
    void *getRegisteredInterfaceForOp(::mlir::TypeID interface,
                                      ::mlir::OperationName opName) override;
  private:
    void registerTypes();
    void registerAttributes();
    void registerOps();
  public:
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class VM_TypeDef<string name, list<Trait> traits = []>
    : TypeDef<VM_Dialect, name, traits>;

def VM_OpaqueType : VM_TypeDef<"Opaque"> {
  let typeName = "vm.opaque";
  let summary = "placeholder for any type; spelled `?` inside ref and list";
  let description = [{
    Stands for "any object" inside `!vm.ref<?>` and "any element" inside a
    variant list `!vm.list<?>`. On its own it is spelled `!vm.opaque`.
  }];
}

def VM_BufferObjectType : VM_TypeDef<"Buffer"> {
  let typeName = "vm.buffer";
  let summary = "a byte buffer object";
  let description = [{
    The object type of `!vm.buffer`. Values always hold it through a ref:
    `!vm.buffer` is the spelling of `!vm.ref<buffer>`.
  }];
}

def VM_ListObjectType : VM_TypeDef<"List"> {
  let typeName = "vm.list";
  let summary = "a list object";
  let description = [{
    The object type of `!vm.list<T>`: a growable list of i8, i16, i32, i64,
    f32, f64, refs, or any of those (`?`, a variant list). Values always hold
    it through a ref: `!vm.list<T>` is the spelling of `!vm.ref<list<T>>`.
  }];
  let parameters = (ins "::mlir::Type":$elementType);
  let genVerifyDecl = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins "::mlir::Type":$elementType), [{
      return $_get(elementType.getContext(), elementType);
    }]>,
  ];
  let extraClassDeclaration = [{
    /// True when `type` may be the element type of a list.
    static bool isCompatible(::mlir::Type type);
    /// True for a variant list, `!vm.list<?>`.
    bool isVariant() const {
      return ::llvm::isa<OpaqueType>(getElementType());
    }
  }];
}

def VM_RefType : VM_TypeDef<"Ref"> {
  let typeName = "vm.ref";
  let summary = "a counted reference to an object";
  let description = [{
    `!vm.ref<T>` holds one reference to an object of type `T` (or is null).
    `!vm.ref<?>` may hold an object of any type. Buffers and lists are spelled
    `!vm.buffer` and `!vm.list<T>`.
  }];
  let parameters = (ins "::mlir::Type":$objectType);
  let genVerifyDecl = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins "::mlir::Type":$objectType), [{
      return $_get(objectType.getContext(), objectType);
    }]>,
  ];
  let extraClassDeclaration = [{
    /// True when `type` may be wrapped in a ref: anything but scalars and refs.
    static bool isCompatible(::mlir::Type type);
    /// True for `!vm.ref<?>`.
    bool isOpaque() const { return ::llvm::isa<OpaqueType>(getObjectType()); }
  }];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def VM_AnyRef : Type<CPred<"::llvm::isa<::mlir::kiln::vm::RefType>($_self)">,
                     "ref", "::mlir::kiln::vm::RefType">;

// A ref whose object type satisfies `type`.
class VM_RefOf<Type type> : Type<And<[
    CPred<"::llvm::isa<::mlir::kiln::vm::RefType>($_self)">,
    SubstLeaves<"$_self",
                "::llvm::cast<::mlir::kiln::vm::RefType>($_self).getObjectType()",
                type.predicate>]>,
    "ref<" # type.summary # ">", "::mlir::kiln::vm::RefType">;

def VM_BufferObject : Type<CPred<"::llvm::isa<::mlir::kiln::vm::BufferType>($_self)">,
                           "buffer object">;

// `!vm.buffer`.
def VM_BufferRef : Type<And<[
    CPred<"::llvm::isa<::mlir::kiln::vm::RefType>($_self)">,
    CPred<"::llvm::isa<::mlir::kiln::vm::BufferType>("
          "::llvm::cast<::mlir::kiln::vm::RefType>($_self).getObjectType())">]>,
    "buffer", "::mlir::kiln::vm::RefType"> {
  let builderCall = "::mlir::kiln::vm::RefType::get("
                    "::mlir::kiln::vm::BufferType::get($_builder.getContext()))";
}

// `!vm.list<T>` for any T.
def VM_AnyList : Type<And<[
    CPred<"::llvm::isa<::mlir::kiln::vm::RefType>($_self)">,
    CPred<"::llvm::isa<::mlir::kiln::vm::ListType>("
          "::llvm::cast<::mlir::kiln::vm::RefType>($_self).getObjectType())">]>,
    "list", "::mlir::kiln::vm::RefType">;

// `!vm.list<T>` whose elements satisfy `type`, or a variant list.
class VM_ListOf<Type type> : Type<And<[
    VM_AnyList.predicate,
    Or<[
      CPred<"::llvm::cast<::mlir::kiln::vm::ListType>("
            "::llvm::cast<::mlir::kiln::vm::RefType>($_self).getObjectType())"
            ".isVariant()">,
      SubstLeaves<"$_self",
                  "::llvm::cast<::mlir::kiln::vm::ListType>("
                  "::llvm::cast<::mlir::kiln::vm::RefType>($_self)"
                  ".getObjectType()).getElementType()",
                  type.predicate>]>]>,
    "list<" # type.summary # ">", "::mlir::kiln::vm::RefType">;

// Booleans are i32: zero is false, anything else true.
def VM_CondValue : I<32>;
// Offsets into buffers are i64, into lists and globals i32.
def VM_BufferIndex : I<64>;
def VM_ListIndex : I<32>;
def VM_Index : I<32>;
def VM_Ptr : I<32>;

// Any value a vm register can hold.
def VM_AnyType : AnyTypeOf<[I32, I64, F32, F64, VM_AnyRef]>;
def VM_AnyIntegerType : AnyIntOfWidths<[32, 64]>;
def VM_PrimitiveType : AnyTypeOf<[AnyIntOfWidths<[8, 16, 32, 64]>,
                                  FloatOfWidths<[16, 32, 64]>]>;

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

class VM_AttrDef<string name, list<Trait> traits = []>
    : AttrDef<VM_Dialect, name, traits>;

def VM_OrdinalCountsAttr : VM_AttrDef<"OrdinalCounts"> {
  let mnemonic = "ordinal_counts";
  let summary = "how many of each ordinal-numbered entity a module holds";
  let parameters = (ins
    "int32_t":$import_funcs,
    "int32_t":$export_funcs,
    "int32_t":$internal_funcs,
    "int32_t":$global_bytes,
    "int32_t":$global_refs,
    "int32_t":$rodatas,
    "int32_t":$rwdatas
  );
  let assemblyFormat = "`<` struct(params) `>`";
}

// Integer constant attributes keep their storage type so that folders can
// hand back exactly what they read.
class VM_ConstantIntegerValueAttr<I type>
    : SignlessIntegerAttrBase<type, type.bitwidth # "-bit integer value"> {
  let storageType = "::mlir::IntegerAttr";
  let returnType = "::mlir::IntegerAttr";
  let convertFromStorage = "$_self";
  let constBuilderCall = "$0";
}
class VM_ConstantFloatValueAttr<F type>
    : FloatAttrBase<type, type.bitwidth # "-bit floating-point value"> {
  let storageType = "::mlir::FloatAttr";
  let returnType = "::mlir::FloatAttr";
  let convertFromStorage = "$_self";
  let constBuilderCall = "$0";
}
def VM_Ordinal : SignlessIntegerAttrBase<I32, "ordinal value">;

//===----------------------------------------------------------------------===//
// Native traits (dialects/vm/VMTraits.h)
//===----------------------------------------------------------------------===//

// Exists only in the compiler; lowered away before a target sees it.
def VM_PseudoOp : NativeOpTrait<"PseudoOp"> { let cppNamespace = "::mlir::kiln::vm"; }
// N operands assigned to N results.
def VM_AssignmentOp : NativeOpTrait<"AssignmentOp"> { let cppNamespace = "::mlir::kiln::vm"; }
// Dropped when debug info is stripped.
def VM_DebugOnly : NativeOpTrait<"DebugOnly"> { let cppNamespace = "::mlir::kiln::vm"; }
// No op may be moved across it.
def VM_FullBarrier : NativeOpTrait<"FullBarrier"> { let cppNamespace = "::mlir::kiln::vm"; }
// Needs the f32 / f64 extension of the runtime.
def VM_ExtF32 : NativeOpTrait<"ExtF32"> { let cppNamespace = "::mlir::kiln::vm"; }
def VM_ExtF64 : NativeOpTrait<"ExtF64"> { let cppNamespace = "::mlir::kiln::vm"; }
// vm.buffer.load.* / vm.buffer.store.*: one element of operand 0 (the
// buffer) at element index operand 1, with the `in_range` unit attribute.
def VM_BufferElementAccess : NativeOpTrait<"BufferElementAccess"> {
  let cppNamespace = "::mlir::kiln::vm";
}
// May end the invocation with an error status at run time (the marker that
// passes and targets query).
def VM_MayFailMarker : NativeOpTrait<"MayFail"> { let cppNamespace = "::mlir::kiln::vm"; }
// What a run-time failure writes: failing is observable behaviour, so an op
// that may fail declares a write to this resource and no pass removes it
// (or hoists it) because its result is unused. IREE lets unused divisions
// and casts fold away; Kiln keeps them (docs/architecture.md).
def VM_FaultResource : Resource<"::mlir::kiln::vm::FaultResource">;
// May fail: the marker plus the write to the fault resource. Ops that
// implement MemoryEffectsOpInterface themselves (calls) use the marker and
// report the write in their getEffects.
def VM_MayFail : TraitList<[VM_MayFailMarker,
                            MemoryEffects<[MemWrite<VM_FaultResource>]>]>;

//===----------------------------------------------------------------------===//
// Base op classes
//===----------------------------------------------------------------------===//

class VM_Op<string mnemonic, list<Trait> traits = []>
    : Op<VM_Dialect, mnemonic, traits>;

// No side effects.
class VM_TrivialOp<string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [NoMemoryEffect])>;

// No side effects and safe to hoist: cannot fail.
class VM_PureOp<string mnemonic, list<Trait> traits = []>
    : VM_TrivialOp<mnemonic, !listconcat(traits, [AlwaysSpeculatable])>;

#endif // KILN_DIALECT_VM_BASE
