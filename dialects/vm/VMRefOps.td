//===- VMRefOps.td - vm dialect: Ref ops -*- tablegen -*-===//
//
// Moving references between registers and types: checked and unchecked ref
// casts, plain ref assignment and explicit early release. Comparison,
// selection and null constants of refs belong to other families.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_REF_OPS
#define KILN_DIALECT_VM_REF_OPS

include "dialects/vm/VMBase.td"

def VM_CastAnyRefOp : VM_Op<"cast.any.ref", [
    NoMemoryEffect,
    VM_MayFail,
  ]> {
  let summary = "checked cast of a ref to a specific ref type";
  let description = [{
    Converts a reference, usually an untyped `!vm.ref<?>`, into a reference of
    the result type. The runtime looks at the object the operand points to: if
    its type is not the result's object type the invocation fails. A null
    operand always casts successfully and yields a null result.

    Because the check can fail, the op is never speculated (hoisted out of a
    branch or loop), even though it reads and writes no memory.

    ```mlir
    %buf = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    ```
  }];

  let arguments = (ins VM_AnyRef:$operand);
  let results = (outs VM_AnyRef:$result);

  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];

  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def VM_CastRefAnyOp : VM_PureOp<"cast.ref.any"> {
  let summary = "widening cast of a ref to `!vm.ref<?>`";
  let description = [{
    Forgets the static object type of a reference: the result is the same
    object (or null) typed as `!vm.ref<?>`. Nothing is checked at run time,
    so the op cannot fail; it costs what a ref assignment costs. The result
    must be `!vm.ref<?>` or the operand's own type.

    ```mlir
    %any = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    ```
  }];

  let arguments = (ins VM_AnyRef:$operand);
  let results = (outs VM_AnyRef:$result);

  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];

  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def VM_AssignRefOp : VM_Op<"assign.ref", [NoMemoryEffect]> {
  let summary = "copies or moves a ref into another register";
  let description = [{
    Yields the operand's reference in a new value. At run time this retains
    the object, or moves it when the operand register is not used again; when
    register allocation gives source and result the same register the op
    costs nothing. The result has the operand's type, or `!vm.ref<?>`.

    Passes insert this op where a distinct register is needed, so it is not
    folded away by canonicalization.

    ```mlir
    %copy = vm.assign.ref %buf : !vm.buffer -> !vm.buffer
    ```
  }];

  let arguments = (ins VM_AnyRef:$source);
  let results = (outs VM_AnyRef:$result);

  let assemblyFormat = [{
    $source attr-dict `:` type($source) `->` type($result)
  }];

  let hasVerifier = 1;
}

def VM_DiscardRefsOp : VM_Op<"discard.refs", [
    MemoryEffects<[MemWrite]>,
  ]> {
  let summary = "releases refs at the point where they die";
  let description = [{
    Drops the reference held by each operand now instead of when the function
    returns. Passes insert it right after the last use of a ref so objects are
    freed early and functions can end with no refs left to clean up. Each
    operand must not be used after this op. With no operands it does nothing
    and canonicalization removes it.

    ```mlir
    vm.discard.refs %a, %b : !vm.buffer, !vm.ref<?>
    ```
  }];

  let arguments = (ins Variadic<VM_AnyRef>:$refs);

  let assemblyFormat = [{
    ($refs^ `:` type($refs))? attr-dict
  }];

  let hasCanonicalizer = 1;
}

#endif // KILN_DIALECT_VM_REF_OPS
