//===- VMControlFlowOps.td - vm dialect: ControlFlow ops -*- tablegen -*-===//
//
// Branches, calls, failure and fiber yields. `vm.return` is a structural op.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_CONTROLFLOW_OPS
#define KILN_DIALECT_VM_CONTROLFLOW_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Branches
//===----------------------------------------------------------------------===//

def VM_BranchOp : VM_Op<"br", [
    DeclareOpInterfaceMethods<BranchOpInterface, ["areTypesCompatible"]>,
    Pure,
    Terminator,
  ]> {
  let summary = "jump to a block";
  let description = [{
    Transfers control to `dest` unconditionally, binding `destOperands` to the
    arguments of that block.

    ```mlir
    vm.br ^loop(%i, %acc : i32, i64)
    ```
  }];

  let arguments = (ins Variadic<VM_AnyType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);

  let assemblyFormat = [{
    $dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict
  }];

  let builders = [
    OpBuilder<(ins "::mlir::Block *":$dest,
                   CArg<"::mlir::ValueRange", "{}">:$destOperands), [{
      $_state.addSuccessors(dest);
      $_state.addOperands(destOperands);
    }]>,
  ];

  let extraClassDeclaration = [{
    void setDest(::mlir::Block *block) { (*this)->setSuccessor(block, 0); }
    void eraseOperand(unsigned index) { (*this)->eraseOperand(index); }
  }];

  let hasCanonicalizer = 1;
}

def VM_CondBranchOp : VM_Op<"cond_br", [
    AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<BranchOpInterface,
                              ["getSuccessorForOperands", "areTypesCompatible"]>,
    Pure,
    Terminator,
  ]> {
  let summary = "two-way branch on an i32 condition";
  let description = [{
    Jumps to `trueDest` when `condition` is non-zero and to `falseDest` when it
    is zero, each with its own list of block arguments.

    ```mlir
    vm.cond_br %nz, ^then(%x : i32), ^else
    ```
  }];

  let arguments = (ins
    VM_CondValue:$condition,
    Variadic<VM_AnyType>:$trueDestOperands,
    Variadic<VM_AnyType>:$falseDestOperands
  );
  let successors = (successor AnySuccessor:$trueDest, AnySuccessor:$falseDest);

  let assemblyFormat = [{
    $condition `,`
    $trueDest (`(` $trueDestOperands^ `:` type($trueDestOperands) `)`)? `,`
    $falseDest (`(` $falseDestOperands^ `:` type($falseDestOperands) `)`)?
    attr-dict
  }];

  let builders = [
    OpBuilder<(ins "::mlir::Value":$condition, "::mlir::Block *":$trueDest,
                   "::mlir::ValueRange":$trueOperands,
                   "::mlir::Block *":$falseDest,
                   "::mlir::ValueRange":$falseOperands), [{
      build($_builder, $_state, condition, trueOperands, falseOperands,
            trueDest, falseDest);
    }]>,
    OpBuilder<(ins "::mlir::Value":$condition, "::mlir::Block *":$trueDest,
                   "::mlir::Block *":$falseDest), [{
      build($_builder, $_state, condition, ::mlir::ValueRange(),
            ::mlir::ValueRange(), trueDest, falseDest);
    }]>,
  ];

  let extraClassDeclaration = [{
    enum { trueIndex = 0, falseIndex = 1 };
    operand_range getTrueOperands() { return getTrueDestOperands(); }
    operand_range getFalseOperands() { return getFalseDestOperands(); }
    unsigned getNumTrueOperands() { return getTrueOperands().size(); }
    unsigned getNumFalseOperands() { return getFalseOperands().size(); }
  }];

  let hasCanonicalizer = 1;
}

def VM_BranchTableOp : VM_PureOp<"br_table", [
    AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<BranchOpInterface,
                              ["getSuccessorForOperands", "areTypesCompatible"]>,
    Terminator,
  ]> {
  let summary = "jump through a table indexed by an i32";
  let description = [{
    Jumps to the case block numbered `index` (counting from 0). An index that
    is negative or not below the number of cases selects the `default` block.
    Each destination carries its own block arguments. Cases must be listed in
    order, 0, 1, 2, ...

    ```mlir
    vm.br_table %i {
      default: ^other(%i : i32),
      0: ^zero,
      1: ^one(%x : i64)
    }
    ```
  }];

  let arguments = (ins
    I32:$index,
    Variadic<VM_AnyType>:$defaultOperands,
    VariadicOfVariadic<VM_AnyType, "case_operand_segments">:$caseOperands,
    DenseI32ArrayAttr:$case_operand_segments
  );
  let successors = (successor
    AnySuccessor:$defaultDestination,
    VariadicSuccessor<AnySuccessor>:$caseDestinations
  );

  let assemblyFormat = [{
    $index ` ` `{`
    custom<BranchTableCases>(
        $defaultDestination, $defaultOperands, type($defaultOperands),
        $caseDestinations, $caseOperands, type($caseOperands))
    `}`
    attr-dict
  }];

  let extraClassDeclaration = [{
    ::mlir::OperandRange getCaseOperands(unsigned index) {
      return getCaseOperands()[index];
    }
    ::mlir::MutableOperandRange getCaseOperandsMutable(unsigned index) {
      return getCaseOperandsMutable()[index];
    }
  }];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

// Accessors the call ops share for CallOpInterface.
class VM_CallCalleeAccessors {
  code calleeAccessors = [{
    ::mlir::CallInterfaceCallable getCallableForCallee() {
      return (*this)->getAttrOfType<::mlir::FlatSymbolRefAttr>("callee");
    }
    void setCalleeFromCallable(::mlir::CallInterfaceCallable callee) {
      (*this)->setAttr("callee",
                       ::llvm::cast<::mlir::SymbolRefAttr>(callee));
    }
  }];
}

class VM_CallBaseOp<string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [
        CallOpInterface,
        DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
        DeclareOpInterfaceMethods<SymbolUserOpInterface>,
        VM_MayFailMarker,
      ])>, VM_CallCalleeAccessors {
  let extraClassDeclaration = calleeAccessors # [{
    operand_range getArgOperands() { return getOperands(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getOperandsMutable();
    }
  }];
}

def VM_CallOp : VM_CallBaseOp<"call"> {
  let summary = "call a function or an import";
  let description = [{
    Calls the `vm.func` or `vm.import` named `callee` with `operands` and
    produces its results. The operand and result types must match the
    callee's signature; a variadic import is called with `vm.call.variadic`.

    The call may fail at run time (the callee may fail), and is assumed to
    read and write memory unless it carries a `nosideeffects` attribute, or
    its callee does; then a call whose results are unused is removed.

    ```mlir
    %r = vm.call @add(%a, %b) : (i32, i32) -> i32
    ```
  }];

  let arguments = (ins
    FlatSymbolRefAttr:$callee,
    Variadic<VM_AnyType>:$operands,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let results = (outs Variadic<VM_AnyType>:$results);

  let assemblyFormat = [{
    $callee `(` operands `)` attr-dict `:` functional-type(operands, results)
  }];

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::FunctionOpInterface":$callee,
                   CArg<"::mlir::ValueRange", "{}">:$operands), [{
      $_state.addOperands(operands);
      $_state.addAttribute("callee", ::mlir::SymbolRefAttr::get(callee));
      $_state.addTypes(callee.getResultTypes());
    }]>,
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$callee,
                   "::mlir::TypeRange":$resultTypes,
                   CArg<"::mlir::ValueRange", "{}">:$operands), [{
      $_state.addOperands(operands);
      $_state.addAttribute("callee", callee);
      $_state.addTypes(resultTypes);
    }]>,
    OpBuilder<(ins "::llvm::StringRef":$callee,
                   "::mlir::TypeRange":$resultTypes,
                   CArg<"::mlir::ValueRange", "{}">:$operands), [{
      build($_builder, $_state,
            ::mlir::SymbolRefAttr::get($_builder.getContext(), callee),
            resultTypes, operands);
    }]>,
  ];

  let hasCanonicalizer = 1;
}

def VM_CallVariadicOp : VM_CallBaseOp<"call.variadic"> {
  let summary = "call an import that takes variadic arguments";
  let description = [{
    Calls the import `callee`, some of whose arguments are variadic (declared
    with `...`). Each argument of the callee is one segment of the operand
    list: a plain operand for a normal argument, or a bracketed group
    `[%a, %b]` holding any number of values for a variadic one. A variadic
    argument of tuple type takes groups of values, `[(%a, %b), (%c, %d)]`.

    `segment_sizes` (one i16 per callee argument, -1 for a plain argument,
    else the number of values or tuples in the group) and `segment_types` (the
    callee's declared argument types) record the grouping; they are not
    printed.

    ```mlir
    %r = vm.call.variadic @sum(%a, [%b, %c]) : (i32, i32 ...) -> i32
    ```
  }];

  let arguments = (ins
    FlatSymbolRefAttr:$callee,
    SignlessIntElementsAttr<16>:$segment_sizes,
    TypeArrayAttr:$segment_types,
    Variadic<VM_AnyType>:$operands,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let results = (outs Variadic<VM_AnyType>:$results);

  let hasCustomAssemblyFormat = 1;

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$callee,
                   "::mlir::TypeRange":$resultTypes,
                   "::llvm::ArrayRef<int16_t>":$segmentSizes,
                   "::llvm::ArrayRef<::mlir::Type>":$segmentTypes,
                   "::mlir::ValueRange":$operands)>,
  ];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def VM_CallYieldableOp : VM_Op<"call.yieldable", [
    DeclareOpInterfaceMethods<BranchOpInterface>,
    CallOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
    Terminator,
    VM_MayFailMarker,
  ]>, VM_CallCalleeAccessors {
  let summary = "call that may suspend the fiber, then continue at a block";
  let description = [{
    Calls `callee`, which may yield (suspend the calling fiber and be resumed
    later). Control then continues at `dest`, whose block arguments receive
    the call's results: the op is a terminator and has no SSA results of its
    own. `dest` must take exactly `result_types`.

    ```mlir
    vm.call.yieldable @wait(%fence) : (!vm.ref<?>) -> ^resume(i32)
    ^resume(%status: i32):
    ```
  }];

  let arguments = (ins
    FlatSymbolRefAttr:$callee,
    Variadic<VM_AnyType>:$arguments,
    TypeArrayAttr:$result_types,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let successors = (successor AnySuccessor:$dest);

  let assemblyFormat = [{
    $callee `(` $arguments `)` attr-dict `:` custom<ParenTypeList>(type($arguments))
    `->` $dest custom<ResultTypeList>($result_types)
  }];

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$callee,
                   "::mlir::ValueRange":$arguments, "::mlir::Block *":$dest,
                   "::mlir::TypeRange":$resultTypes), [{
      $_state.addAttribute("callee", callee);
      $_state.addOperands(arguments);
      $_state.addAttribute("result_types",
                           $_builder.getTypeArrayAttr(resultTypes));
      $_state.addSuccessors(dest);
    }]>,
  ];

  let extraClassDeclaration = calleeAccessors # [{
    operand_range getArgOperands() { return getArguments(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getArgumentsMutable();
    }
    /// The callee's result types, which `dest` receives.
    ::llvm::SmallVector<::mlir::Type> getResultTypesVec();
    void setDest(::mlir::Block *block) { (*this)->setSuccessor(block, 0); }
  }];

  let hasVerifier = 1;
}

def VM_CallVariadicYieldableOp : VM_Op<"call.variadic.yieldable", [
    DeclareOpInterfaceMethods<BranchOpInterface>,
    CallOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
    Terminator,
    VM_MayFailMarker,
  ]>, VM_CallCalleeAccessors {
  let summary = "variadic import call that may suspend the fiber";
  let description = [{
    The yieldable form of `vm.call.variadic`: calls a variadic import that may
    yield, then continues at `dest`, whose block arguments receive the
    results. Here the operands are written as one flat list and the grouping
    is spelled out in the `segment_sizes` and `segment_types` attributes.

    ```mlir
    vm.call.variadic.yieldable @f(%a, %b, %c)
        {segment_sizes = dense<[1, 2]> : vector<2xi16>,
         segment_types = [i32, i32]}
        : (i32, i32, i32) -> ^resume(i32)
    ```
  }];

  let arguments = (ins
    FlatSymbolRefAttr:$callee,
    SignlessIntElementsAttr<16>:$segment_sizes,
    TypeArrayAttr:$segment_types,
    Variadic<VM_AnyType>:$operands,
    TypeArrayAttr:$result_types,
    OptionalAttr<DictArrayAttr>:$arg_attrs,
    OptionalAttr<DictArrayAttr>:$res_attrs
  );
  let successors = (successor AnySuccessor:$dest);

  let assemblyFormat = [{
    $callee `(` $operands `)` attr-dict `:` custom<ParenTypeList>(type($operands))
    `->` $dest custom<ResultTypeList>($result_types)
  }];

  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::mlir::FlatSymbolRefAttr":$callee,
                   "::llvm::ArrayRef<int16_t>":$segmentSizes,
                   "::llvm::ArrayRef<::mlir::Type>":$segmentTypes,
                   "::mlir::ValueRange":$operands, "::mlir::Block *":$dest,
                   "::mlir::TypeRange":$resultTypes)>,
  ];

  let extraClassDeclaration = calleeAccessors # [{
    operand_range getArgOperands() { return getOperands(); }
    ::mlir::MutableOperandRange getArgOperandsMutable() {
      return getOperandsMutable();
    }
    ::llvm::SmallVector<::mlir::Type> getResultTypesVec();
    void setDest(::mlir::Block *block) { (*this)->setSuccessor(block, 0); }
  }];

  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Failure
//===----------------------------------------------------------------------===//

def VM_FailOp : VM_Op<"fail", [Terminator, VM_MayFail]> {
  let summary = "end the invocation with an error status";
  let description = [{
    Aborts the running invocation with the status code `status` (an i32 that
    must not be 0, which means OK) and an optional message. The failure is
    reported to whoever waits on the invocation.

    ```mlir
    vm.fail %code, "index out of range"
    ```
  }];

  let arguments = (ins I32:$status, OptionalAttr<StrAttr>:$message);

  let assemblyFormat = "$status (`,` $message^)? attr-dict";

  let builders = [
    OpBuilder<(ins "::mlir::Value":$status,
                   CArg<"::llvm::StringRef", "\"\"">:$message), [{
      build($_builder, $_state, status,
            message.empty() ? ::mlir::StringAttr()
                            : $_builder.getStringAttr(message));
    }]>,
  ];

  let hasVerifier = 1;
}

def VM_CondFailOp : VM_Op<"cond_fail", [VM_PseudoOp, VM_MayFail]> {
  let summary = "end the invocation with an error status if a condition holds";
  let description = [{
    Fails like `vm.fail` when `condition` is non-zero and does nothing
    otherwise. Written with a single operand (`vm.cond_fail %status`), the
    status code is its own condition: the op fails when it is not OK.

    This is a pseudo-op: canonicalization turns it into a `vm.cond_br` to a
    block holding a `vm.fail`.

    ```mlir
    vm.cond_fail %out_of_range, %code, "index out of range"
    vm.cond_fail %status
    ```
  }];

  let arguments = (ins
    VM_CondValue:$condition,
    I32:$status,
    OptionalAttr<StrAttr>:$message
  );

  let hasCustomAssemblyFormat = 1;

  let builders = [
    OpBuilder<(ins "::mlir::Value":$condition, "::mlir::Value":$status,
                   CArg<"::llvm::StringRef", "\"\"">:$message), [{
      build($_builder, $_state, condition, status,
            message.empty() ? ::mlir::StringAttr()
                            : $_builder.getStringAttr(message));
    }]>,
    OpBuilder<(ins "::mlir::Value":$status,
                   CArg<"::llvm::StringRef", "\"\"">:$message), [{
      build($_builder, $_state, status, status, message);
    }]>,
  ];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def VM_ImportResolvedOp : VM_TrivialOp<"import.resolved", [
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>,
    DeclareOpInterfaceMethods<SymbolUserOpInterface>,
  ]> {
  let summary = "whether an optional import was found at load time";
  let description = [{
    Produces 1 when the import `import` was resolved when the module was
    loaded and 0 otherwise. Only optional imports can be missing; calling a
    missing one fails. For a required import the result folds to 1.

    ```mlir
    %has_f = vm.import.resolved @f : i32
    ```
  }];

  let arguments = (ins FlatSymbolRefAttr:$import);
  let results = (outs VM_CondValue:$result);

  let assemblyFormat = "$import attr-dict `:` type($result)";

  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Fibers
//===----------------------------------------------------------------------===//

def VM_YieldOp : VM_Op<"yield", [
    DeclareOpInterfaceMethods<BranchOpInterface>,
    Terminator,
  ]> {
  let summary = "let other fibers run, then continue at a block";
  let description = [{
    Suspends the current fiber so the scheduler may run others, and continues
    at `dest` (with `destOperands` as its arguments) once resumed. Only valid
    directly inside a `vm.func`.

    ```mlir
    vm.yield ^resume(%i : i32)
    ```
  }];

  let arguments = (ins Variadic<VM_AnyType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);

  let assemblyFormat = [{
    $dest (`(` $destOperands^ `:` type($destOperands) `)`)? attr-dict
  }];

  let builders = [
    OpBuilder<(ins "::mlir::Block *":$dest,
                   CArg<"::mlir::ValueRange", "{}">:$destOperands), [{
      $_state.addSuccessors(dest);
      $_state.addOperands(destOperands);
    }]>,
  ];

  let extraClassDeclaration = [{
    void setDest(::mlir::Block *block) { (*this)->setSuccessor(block, 0); }
    void eraseOperand(unsigned index) { (*this)->eraseOperand(index); }
  }];

  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Fuel (native targets only)
//===----------------------------------------------------------------------===//

def VM_FuelPrepayLoopOp : VM_Op<"fuel.prepay_loop", [
    MemoryEffects<[MemRead, MemWrite]>,
  ]> {
  let summary = "takes the fuel of a counted loop's next iterations at once";
  let description = [{
    Only the native targets' preparation creates it (vm-prepay-loop-fuel,
    bounded modules; the bytecode encoder has no opcode for it). At an entry
    of a loop header whose test `iv < ub` passed (that entry already
    counted one unit of fuel), the loop has `ceil((ub - iv) / step)`
    iterations left (computed exactly, `step` > 0). The op takes one unit
    per header entry of up to all but the first of them from the function's
    fuel count (no more than the count holds, so it never fails and never
    takes a new slice) and produces how many iterations run before the
    header counts again: one plus the units taken, as an unsigned i64.
    Without fuel counting (a module compiled unbounded) it takes nothing
    and produces all the iterations left.

    ```mlir
    %n = vm.fuel.prepay_loop %iv, %ub, %step : i64
    ```
  }];

  let arguments = (ins I64:$iv, I64:$ub, I64:$step);
  let results = (outs I64:$result);

  let assemblyFormat = "operands attr-dict `:` type($result)";
}

#endif // KILN_DIALECT_VM_CONTROLFLOW_OPS
