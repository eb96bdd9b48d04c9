//===- VMStructuralOps.td - vm dialect: Structural ops -*- tablegen -*-===//
//
// Modules, functions, imports, exports, initializers and `vm.return`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_STRUCTURAL_OPS
#define KILN_DIALECT_VM_STRUCTURAL_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// vm.module
//===----------------------------------------------------------------------===//

def VM_ModuleOp : VM_Op<"module", [
    IsolatedFromAbove,
    SingleBlockImplicitTerminator<"::mlir::kiln::vm::ModuleTerminatorOp">,
    Symbol,
    SymbolTable,
  ]> {
  let summary = "a unit of code and data the runtime loads as one module";
  let description = [{
    The outermost container of the `vm` dialect. Its single block holds the
    module's functions (`vm.func`), the functions it pulls in from other
    modules (`vm.import`), the names it makes callable from outside
    (`vm.export`), its globals, read-only data and initializers. Nothing in
    it may refer to values defined outside it.

    `version` is the module's own version number, which importers can
    require as a minimum. `ordinal_counts` is filled in by ordinal
    allocation and records how many entities of each kind the module has.

    ```mlir
    vm.module @mod attributes {version = 2 : i32} {
      vm.export @add
      vm.func @add(%a: i32, %b: i32) -> i32 {
        %r = vm.add.i32 %a, %b : i32
        vm.return %r : i32
      }
    }
    ```
  }];

  let arguments = (ins
    OptionalAttr<StrAttr>:$sym_visibility,
    SymbolNameAttr:$sym_name,
    OptionalAttr<VM_OrdinalCountsAttr>:$ordinal_counts,
    OptionalAttr<I32Attr>:$version
  );
  let regions = (region SizedRegion<1>:$body);

  let assemblyFormat = [{
    custom<SymbolVisibility>($sym_visibility)
    $sym_name
    attr-dict-with-keyword
    regions
  }];

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name)>,
  ];

  let extraClassDeclaration = [{
    ::mlir::Region &getBodyRegion() { return getBody(); }
    ::mlir::Block &getBlock() { return getBody().front(); }

    /// A module this one imports from: its name, the highest minimum version
    /// any required import asks for, and whether every import from it is
    /// optional.
    struct Dependency {
      ::llvm::StringRef name;
      uint32_t minimumVersion = 0;
      bool isOptional = true;
    };
    /// The modules named by this module's imports, sorted by name.
    ::llvm::SmallVector<Dependency> getDependencies();
  }];

  let hasVerifier = 1;
}

def VM_ModuleTerminatorOp : VM_Op<"module_terminator", [
    HasParent<"::mlir::kiln::vm::ModuleOp">,
    Terminator,
  ]> {
  let summary = "ends the body of a vm.module (implicit in the text form)";
  let description = [{
    Closes the single block of a `vm.module`. It is inserted by the parser
    and omitted by the printer, so it never needs to be written.
  }];
  let assemblyFormat = "attr-dict";
}

//===----------------------------------------------------------------------===//
// vm.func
//===----------------------------------------------------------------------===//

def VM_FuncOp : VM_Op<"func", [
    IsolatedFromAbove,
    HasParent<"::mlir::kiln::vm::ModuleOp">,
    FunctionOpInterface,
    CallableOpInterface,
    Symbol,
  ]> {
  let summary = "a function whose body is made of vm ops";
  let description = [{
    Defines a function of the module. Arguments arrive as the arguments of
    the entry block; control flow between blocks uses the `vm` branch ops and
    every path ends in `vm.return`. A function without a body is a
    declaration. Functions are internal unless named by a `vm.export`.

    Attributes that passes read include `ordinal` (set by ordinal
    allocation), `noinline` and `inlining_policy` (inliner hints), and
    `vm.yield`-related markers set by the yieldable-call analysis.

    ```mlir
    vm.func private @clamp(%x: i32, %hi: i32) -> i32 attributes {noinline} {
      %lt = vm.cmp.lt.i32.s %x, %hi : i32
      %r = vm.select.i32 %lt, %x, %hi : i32
      vm.return %r : i32
    }
    ```
  }];

  let arguments = (ins
    SymbolNameAttr:$sym_name,
    TypeAttrOf<FunctionType>:$function_type,
    OptionalAttr<StrAttr>:$sym_visibility,
    OptionalAttr<VM_Ordinal>:$ordinal,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let regions = (region AnyRegion:$body);

  let hasCustomAssemblyFormat = 1;

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::FunctionType":$type,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs,
      CArg<"::llvm::ArrayRef<::mlir::DictionaryAttr>", "{}">:$argAttrs)>,
  ];

  let extraClassDeclaration = [{
    /// Appends an entry block whose arguments match the signature.
    ::mlir::Block *addEntryBlock();
    /// Appends an empty block after the existing ones.
    ::mlir::Block *addBlock();

    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }

    ::mlir::Region *getCallableRegion() {
      return isExternal() ? nullptr : &getBody();
    }

    /// Sets `name` = `value` in the function's `iree.reflection` dictionary.
    void setReflectionAttr(::llvm::StringRef name, ::mlir::Attribute value);
  }];
}

//===----------------------------------------------------------------------===//
// vm.export
//===----------------------------------------------------------------------===//

def VM_ExportOp : VM_Op<"export", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
  ]> {
  let summary = "makes a function callable from outside the module";
  let description = [{
    Publishes the `vm.func` named by `function_ref` under `export_name`,
    which defaults to the function's own name and is written `as("name")`
    when it differs. One function may be exported under several names.
    `ordinal` is set by ordinal allocation.

    ```mlir
    vm.export @impl as("entry") attributes {ordinal = 0 : i32}
    ```
  }];

  let arguments = (ins
    FlatSymbolRefAttr:$function_ref,
    StrAttr:$export_name,
    OptionalAttr<VM_Ordinal>:$ordinal
  );

  let hasCustomAssemblyFormat = 1;

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::kiln::vm::FuncOp":$function,
      CArg<"::llvm::StringRef", "\"\"">:$exportName,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$functionRef,
      CArg<"::llvm::StringRef", "\"\"">:$exportName,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
  ];
}

//===----------------------------------------------------------------------===//
// vm.import
//===----------------------------------------------------------------------===//

def VM_ImportOp : VM_Op<"import", [
    Symbol,
    FunctionOpInterface,
    CallableOpInterface,
  ]> {
  let summary = "declares a function provided by another module";
  let description = [{
    Declares a function that the runtime resolves, when the module is loaded,
    against the exports of the modules registered before it. The symbol name
    is `module.function`. Arguments may be named (`%name : type`), and an
    argument followed by `...` is variadic: the caller passes any number of
    values (or tuples of values) in its place, through `vm.call.variadic`.

    An `optional` import may be missing at run time; calling it is then an
    error, and `vm.import.resolved` tells whether it was found. A required
    import may ask for a `minimum_version` of its module. Attributes such as
    `vm.yield` (the callee may suspend) and `nosideeffects` inform the
    analyses and the calling convention.

    ```mlir
    vm.import private optional @io.log(%level : i32, %parts : !vm.buffer ...)
        attributes {minimum_version = 2 : i32}
    ```
  }];

  let arguments = (ins
    SymbolNameAttr:$sym_name,
    TypeAttrOf<FunctionType>:$function_type,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs,
    OptionalAttr<StrAttr>:$sym_visibility,
    OptionalAttr<VM_Ordinal>:$ordinal,
    UnitAttr:$is_optional,
    OptionalAttr<I32Attr>:$minimum_version
  );
  // Unused: FunctionOpInterface needs a region; an import never has a body.
  let regions = (region AnyRegion:$body);

  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$name, "::mlir::FunctionType":$type,
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs,
      CArg<"::llvm::ArrayRef<::mlir::DictionaryAttr>", "{}">:$argAttrs)>,
  ];

  let extraClassDeclaration = [{
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    ::mlir::Region *getCallableRegion() { return nullptr; }

    /// The `vm.name` of argument `i`, or "" when it has none.
    ::llvm::StringRef getFuncArgumentName(unsigned i);
    /// True when argument `i` is variadic (written with `...`).
    bool isFuncArgumentVariadic(unsigned i);
    /// True when any argument is variadic: calls go through
    /// `vm.call.variadic`.
    bool isVariadic();
  }];
}

//===----------------------------------------------------------------------===//
// vm.initializer
//===----------------------------------------------------------------------===//

def VM_InitializerOp : VM_Op<"initializer", [
    IsolatedFromAbove,
    HasParent<"::mlir::kiln::vm::ModuleOp">,
    FunctionOpInterface,
    CallableOpInterface,
  ]> {
  let summary = "code that runs once when the module is loaded";
  let description = [{
    A body without arguments or results that runs when the module is
    instantiated, after globals receive their initial values and before any
    export can be called. Initializers run in the order they appear in the
    module; one may only read globals set up by the initial values or by
    initializers before it. Stores to immutable globals are allowed here and
    only here.

    ```mlir
    vm.global.i32 private @limit : i32
    vm.initializer {
      %c = vm.const.i32 64
      vm.global.store.i32 %c, @limit : i32
      vm.return
    }
    ```
  }];

  let arguments = (ins
    TypeAttrOf<FunctionType>:$function_type,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let regions = (region AnyRegion:$body);

  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins
      CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$attrs)>,
  ];

  let extraClassDeclaration = [{
    ::mlir::Block *addEntryBlock();
    ::mlir::Block *addBlock();

    // Always empty in a verified op.
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    ::mlir::Region *getCallableRegion() { return &getBody(); }

    /// An initializer has no name.
    bool isOptionalSymbol() { return true; }
  }];
}

//===----------------------------------------------------------------------===//
// vm.return
//===----------------------------------------------------------------------===//

def VM_ReturnOp : VM_Op<"return", [
    Pure,
    ReturnLike,
    Terminator,
  ]> {
  let summary = "returns from a function";
  let description = [{
    Ends the invocation of the enclosing `vm.func` (or `vm.initializer`) and
    hands `operands` back to the caller. Their number and types must equal
    the function's result types. Refs are moved to the caller.

    ```mlir
    vm.return %a, %b : i32, !vm.buffer
    ```
  }];

  let arguments = (ins
    Variadic<VM_AnyType>:$operands
  );

  let assemblyFormat = [{
    attr-dict ($operands^ `:` type($operands))?
  }];

  let builders = [
    OpBuilder<(ins), [{
      build($_builder, $_state, ::mlir::ValueRange{});
    }]>,
  ];

  let hasVerifier = 1;
}

#endif // KILN_DIALECT_VM_STRUCTURAL_OPS
