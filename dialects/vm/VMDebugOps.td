//===- VMDebugOps.td - vm dialect: Debug ops -*- tablegen -*-===//
//
// Tracing, printing, debugger breaks, run-time checks and optimization
// barriers.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_DEBUG_OPS
#define KILN_DIALECT_VM_DEBUG_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Debugging
//===----------------------------------------------------------------------===//

def VM_TraceOp : VM_Op<"trace", [VM_FullBarrier, VM_DebugOnly]> {
  let summary = "record values in the execution trace";
  let description = [{
    Emits an event named `event_name` carrying the given values to the
    runtime's tracer, if one is active and its verbosity asks for it. Nothing
    is moved across the op; it disappears when debug info is stripped.

    ```mlir
    vm.trace "step"(%i, %x) : i32, f32
    ```
  }];

  let arguments = (ins StrAttr:$event_name, Variadic<VM_AnyType>:$operands);

  let assemblyFormat = [{
    $event_name `(` $operands `)` attr-dict `:` custom<OptionalTypeList>(type($operands))
  }];
}

def VM_PrintOp : VM_Op<"print", [VM_FullBarrier, VM_DebugOnly]> {
  let summary = "print a message and values";
  let description = [{
    Writes `message` followed by the given values to the runtime's debug
    output. Nothing is moved across the op; it disappears when debug info is
    stripped.

    ```mlir
    vm.print "x = "(%x) : i32
    ```
  }];

  let arguments = (ins StrAttr:$message, Variadic<VM_AnyType>:$operands);

  let assemblyFormat = [{
    $message `(` $operands `)` attr-dict `:` custom<OptionalTypeList>(type($operands))
  }];
}

def VM_BreakOp : VM_Op<"break", [
    DeclareOpInterfaceMethods<BranchOpInterface>,
    Terminator,
    VM_FullBarrier,
    VM_DebugOnly,
  ]> {
  let summary = "stop in the debugger, then continue at a block";
  let description = [{
    Breaks into an attached debugger (or asks for one to attach). When
    execution resumes, or right away when no debugger is present, control
    continues at `dest` with `destOperands` as block arguments.

    ```mlir
    vm.break ^next(%x : i32)
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
}

def VM_CondBreakOp : VM_Op<"cond_break", [
    DeclareOpInterfaceMethods<BranchOpInterface>,
    Terminator,
    VM_FullBarrier,
    VM_DebugOnly,
  ]> {
  let summary = "stop in the debugger if a condition holds";
  let description = [{
    Like `vm.break`, but breaks only when `condition` is non-zero. Either way
    control continues at `dest` with `destOperands` as block arguments.

    ```mlir
    vm.cond_break %bad, ^next
    ```
  }];

  let arguments = (ins VM_CondValue:$condition,
                       Variadic<VM_AnyType>:$destOperands);
  let successors = (successor AnySuccessor:$dest);

  let assemblyFormat = [{
    $condition `,` $dest (`(` $destOperands^ `:` type($destOperands) `)`)?
    attr-dict
  }];

  let builders = [
    OpBuilder<(ins "::mlir::Value":$condition, "::mlir::Block *":$dest,
                   CArg<"::mlir::ValueRange", "{}">:$destOperands), [{
      $_state.addOperands(condition);
      $_state.addOperands(destOperands);
      $_state.addSuccessors(dest);
    }]>,
  ];

  let extraClassDeclaration = [{
    void setDest(::mlir::Block *block) { (*this)->setSuccessor(block, 0); }
  }];

  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Testing
//===----------------------------------------------------------------------===//

class VM_CheckOp<string mnemonic, list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_PseudoOp, VM_MayFail])> {
  let hasCanonicalizer = 1;
}

class VM_UnaryCheckOp<string mnemonic, list<Trait> traits = []>
    : VM_CheckOp<mnemonic, traits> {
  let arguments = (ins VM_AnyType:$value, OptionalAttr<StrAttr>:$message);

  let assemblyFormat = "$value (`,` $message^)? attr-dict `:` type($value)";

  let builders = [
    OpBuilder<(ins "::mlir::Value":$value,
                   CArg<"::llvm::StringRef", "\"\"">:$message), [{
      build($_builder, $_state, value,
            message.empty() ? ::mlir::StringAttr()
                            : $_builder.getStringAttr(message));
    }]>,
  ];
}

class VM_BinaryCheckOp<string mnemonic, list<Trait> traits = []>
    : VM_CheckOp<mnemonic, !listconcat(traits, [
        AllTypesMatch<["lhs", "rhs"]>])> {
  let arguments = (ins VM_AnyType:$lhs, VM_AnyType:$rhs,
                       OptionalAttr<StrAttr>:$message);

  let assemblyFormat = [{
    $lhs `,` $rhs (`,` $message^)? attr-dict `:` type($lhs)
  }];

  let builders = [
    OpBuilder<(ins "::mlir::Value":$lhs, "::mlir::Value":$rhs,
                   CArg<"::llvm::StringRef", "\"\"">:$message), [{
      build($_builder, $_state, lhs, rhs,
            message.empty() ? ::mlir::StringAttr()
                            : $_builder.getStringAttr(message));
    }]>,
  ];
}

def VM_CheckEQOp : VM_BinaryCheckOp<"check.eq", [Commutative]> {
  let summary = "fail the invocation unless two values are equal";
  let description = [{
    Fails with status FAILED_PRECONDITION (9) and the optional message unless
    `lhs` equals `rhs`. Floats compare ordered (NaN is never equal); refs
    compare by identity. A pseudo-op: canonicalization lowers it to a
    comparison and a `vm.cond_fail`.

    ```mlir
    vm.check.eq %a, %b, "sizes differ" : i32
    ```
  }];
}

def VM_CheckNEOp : VM_BinaryCheckOp<"check.ne", [Commutative]> {
  let summary = "fail the invocation unless two values differ";
  let description = [{
    Fails with status FAILED_PRECONDITION (9) and the optional message when
    `lhs` equals `rhs`. Floats compare ordered; refs compare by identity. A
    pseudo-op: canonicalization lowers it to a comparison and a
    `vm.cond_fail`.

    ```mlir
    vm.check.ne %a, %b : i64
    ```
  }];
}

def VM_CheckNZOp : VM_UnaryCheckOp<"check.nz"> {
  let summary = "fail the invocation unless a value is non-zero / non-null";
  let description = [{
    Fails with status FAILED_PRECONDITION (9) and the optional message when
    `value` is zero (for a ref: null). A pseudo-op: canonicalization lowers it
    to a comparison and a `vm.cond_fail`.

    ```mlir
    vm.check.nz %list, "no list" : !vm.list<i32>
    ```
  }];
}

def VM_CheckNearlyEQOp : VM_BinaryCheckOp<"check.nearly_eq", [Commutative]> {
  let summary = "fail the invocation unless two values are nearly equal";
  let description = [{
    Like `vm.check.eq`, but floats pass when they are within a few units in
    the last place of each other (the rule of `vm.cmp.eq.f32.near`). Integers
    and refs must be exactly equal. A pseudo-op: canonicalization lowers it
    to a comparison and a `vm.cond_fail`.

    ```mlir
    vm.check.nearly_eq %x, %y, "result drifted" : f32
    ```
  }];
}

//===----------------------------------------------------------------------===//
// Compiler hints
//===----------------------------------------------------------------------===//

def VM_OptimizationBarrierOp : VM_Op<"optimization_barrier", [
    VM_PseudoOp,
    AllTypesMatch<["operands", "results"]>,
  ]> {
  let summary = "hide values from the optimizer";
  let description = [{
    Returns its operands unchanged, but the compiler may not look through it:
    results are never folded to constants and uses are not merged across it.
    Removed at the end of compilation; it costs nothing at run time.

    ```mlir
    %x1, %y1 = vm.optimization_barrier %x, %y : i32, !vm.buffer
    ```
  }];

  let arguments = (ins Variadic<VM_AnyType>:$operands);
  let results = (outs Variadic<VM_AnyType>:$results);

  let assemblyFormat = "attr-dict ($operands^ `:` type($operands))?";

  let builders = [
    OpBuilder<(ins "::mlir::ValueRange":$operands,
                   CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">
                       :$attributes), [{
      $_state.addOperands(operands);
      $_state.addTypes(::mlir::TypeRange(operands));
      $_state.addAttributes(attributes);
    }]>,
  ];
}

#endif // KILN_DIALECT_VM_DEBUG_OPS
