//===- VMListOps.td - vm dialect: List ops -*- tablegen -*-===//
//
// `!vm.list<T>`: a reference-counted, growable list. Elements are i8, i16,
// i32, i64, f32, f64, refs, or a mix of all of those in a variant list
// `!vm.list<?>`. Indices and sizes are i32 element counts. Accessing an index
// at or past the size, or going through a null list, fails the invocation.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_LIST_OPS
#define KILN_DIALECT_VM_LIST_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// Whole lists
//===----------------------------------------------------------------------===//

def VM_ListAllocOp : VM_Op<"list.alloc", [VM_MayFail]> {
  let summary = "allocates an empty list";
  let description = [{
    Creates a list of the result's element type with size 0 and room for at
    least `initial_capacity` elements before it has to grow.

    ```mlir
    %list = vm.list.alloc %capacity : (i32) -> !vm.list<i32>
    ```
  }];

  let arguments = (ins VM_ListIndex:$initial_capacity);
  let results = (outs Res<VM_AnyList, "the new list", [MemAlloc]>:$result);

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($initial_capacity) `)` `->` type($result)
  }];
}

def VM_ListReserveOp : VM_Op<"list.reserve", [VM_MayFail]> {
  let summary = "grows a list's capacity";
  let description = [{
    Makes room for at least `minimum_capacity` elements without changing the
    size; does nothing when the list already has that much room.

    ```mlir
    vm.list.reserve %list, %capacity : (!vm.list<i32>, i32)
    ```
  }];

  let arguments = (ins
    Arg<VM_AnyList, "the list to grow", [MemRead, MemWrite]>:$list,
    VM_ListIndex:$minimum_capacity
  );

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($minimum_capacity) `)`
  }];
}

def VM_ListSizeOp : VM_Op<"list.size", [VM_MayFail]> {
  let summary = "the number of elements in a list";
  let description = [{
    Returns how many elements the list currently holds.

    ```mlir
    %n = vm.list.size %list : (!vm.list<i32>) -> i32
    ```
  }];

  let arguments = (ins Arg<VM_AnyList, "the list", [MemRead]>:$list);
  let results = (outs VM_ListIndex:$result);

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `)` `->` type($result)
  }];
}

def VM_ListResizeOp : VM_Op<"list.resize", [VM_MayFail]> {
  let summary = "sets the number of elements in a list";
  let description = [{
    Changes the size of the list to `new_size`. Shrinking drops (and for refs
    releases) the elements past the new end; growing appends zeros, or null
    refs in lists of refs.

    ```mlir
    vm.list.resize %list, %n : (!vm.list<i32>, i32)
    ```
  }];

  let arguments = (ins
    Arg<VM_AnyList, "the list to resize", [MemRead, MemWrite]>:$list,
    VM_ListIndex:$new_size
  );

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($new_size) `)`
  }];
}

//===----------------------------------------------------------------------===//
// Element access
//===----------------------------------------------------------------------===//

// Reads a scalar element as `type`.
class VM_ListGetPrimitiveOp<Type type, string mnemonic,
                            list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_MayFail])> {
  let description = [{
    Returns the element at `index`, converted to the result type. Integer
    lists of any width are read by the integer accessors (narrow elements are
    sign-extended, wider ones truncated) and f32/f64 lists by the float
    accessors; reading an integer list as a float, or the reverse, is
    rejected. On a variant list the same rules apply to the type the element
    has at run time.

    ```mlir
    %v = vm.list.get.i32 %list, %i : (!vm.list<i8>, i32) -> i32
    ```
  }];

  let arguments = (ins
    Arg<VM_ListOf<VM_PrimitiveType>, "the list to read", [MemRead]>:$list,
    VM_ListIndex:$index
  );
  let results = (outs type:$result);

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($index) `)` `->` type($result)
  }];

  let hasVerifier = 1;
}

// Writes a scalar element given as `type`.
class VM_ListSetPrimitiveOp<Type type, string mnemonic,
                            list<Trait> traits = []>
    : VM_Op<mnemonic, !listconcat(traits, [VM_MayFail])> {
  let description = [{
    Replaces the element at `index` with `value`, converted to the list's
    element type (integers are truncated or sign-extended, floats rounded or
    widened). Integer values go only into integer lists and float values only
    into float lists; a variant list stores the value with its own type.

    ```mlir
    vm.list.set.i32 %list, %i, %v : (!vm.list<i32>, i32, i32)
    ```
  }];

  let arguments = (ins
    Arg<VM_ListOf<VM_PrimitiveType>, "the list to write", [MemWrite]>:$list,
    VM_ListIndex:$index,
    type:$value
  );

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($index) `,` type($value) `)`
  }];

  let hasVerifier = 1;
}

def VM_ListGetI32Op : VM_ListGetPrimitiveOp<I32, "list.get.i32"> {
  let summary = "reads an integer list element as i32";
}
def VM_ListGetI64Op : VM_ListGetPrimitiveOp<I64, "list.get.i64"> {
  let summary = "reads an integer list element as i64";
}
def VM_ListGetF32Op : VM_ListGetPrimitiveOp<F32, "list.get.f32", [VM_ExtF32]> {
  let summary = "reads a float list element as f32";
}
def VM_ListGetF64Op : VM_ListGetPrimitiveOp<F64, "list.get.f64", [VM_ExtF64]> {
  let summary = "reads a float list element as f64";
}

def VM_ListSetI32Op : VM_ListSetPrimitiveOp<I32, "list.set.i32"> {
  let summary = "writes an i32 into an integer list element";
}
def VM_ListSetI64Op : VM_ListSetPrimitiveOp<I64, "list.set.i64"> {
  let summary = "writes an i64 into an integer list element";
}
def VM_ListSetF32Op : VM_ListSetPrimitiveOp<F32, "list.set.f32", [VM_ExtF32]> {
  let summary = "writes an f32 into a float list element";
}
def VM_ListSetF64Op : VM_ListSetPrimitiveOp<F64, "list.set.f64", [VM_ExtF64]> {
  let summary = "writes an f64 into a float list element";
}

def VM_ListGetRefOp : VM_Op<"list.get.ref", [VM_MayFail]> {
  let summary = "reads a ref element of a list";
  let description = [{
    Returns a new reference to the object at `index`, or null when the
    element is null or (in a list of `!vm.ref<?>` or a variant list) holds an
    object of another type than the result's. A list of a specific ref type
    must be read as exactly that type; lists of scalars cannot be read here.

    ```mlir
    %buf = vm.list.get.ref %list, %i : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    ```
  }];

  let arguments = (ins
    Arg<VM_AnyList, "the list to read", [MemRead]>:$list,
    VM_ListIndex:$index
  );
  let results = (outs VM_AnyRef:$result);

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($index) `)` `->` type($result)
  }];

  let hasVerifier = 1;
}

def VM_ListSetRefOp : VM_Op<"list.set.ref", [VM_MayFail]> {
  let summary = "writes a ref element of a list";
  let description = [{
    Replaces the element at `index` with `value` (which may be null),
    retaining the new object and releasing the old one. A list of a specific
    ref type only accepts values of exactly that type; a list of `!vm.ref<?>`
    or a variant list accepts any ref.

    ```mlir
    vm.list.set.ref %list, %i, %buf : (!vm.list<!vm.ref<?>>, i32, !vm.buffer)
    ```
  }];

  let arguments = (ins
    Arg<VM_AnyList, "the list to write", [MemWrite]>:$list,
    VM_ListIndex:$index,
    VM_AnyRef:$value
  );

  let assemblyFormat = [{
    operands attr-dict `:` `(` type($list) `,` type($index) `,` type($value) `)`
  }];

  let hasVerifier = 1;
}

#endif // KILN_DIALECT_VM_LIST_OPS
