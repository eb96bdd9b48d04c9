//===- VMAssignmentOps.td - vm dialect: Assignment ops -*- tablegen -*-===//
//
// Conditional assignment: two-way `vm.select.*` and n-way `vm.switch.*`.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_VM_ASSIGNMENT_OPS
#define KILN_DIALECT_VM_ASSIGNMENT_OPS

include "dialects/vm/VMBase.td"

//===----------------------------------------------------------------------===//
// vm.select.*
//===----------------------------------------------------------------------===//

class VM_SelectOp<Type type, string suffix, list<Trait> traits = []>
    : VM_PureOp<"select." # suffix, !listconcat(traits, [
        AllTypesMatch<["true_value", "false_value", "result"]>])> {
  let summary = "chooses between two " # suffix # " values";
  let description = [{
    Produces `true_value` when `condition` is non-zero and `false_value`
    when it is zero. Both values are evaluated; the op itself cannot fail.

    ```mlir
    %max = vm.select.}] # suffix # [{ %a_is_bigger, %a, %b : }] #
      !if(!eq(suffix, "ref"), "!vm.buffer", suffix) # [{
    ```
  }];
  let arguments = (ins
    VM_CondValue:$condition,
    type:$true_value,
    type:$false_value
  );
  let results = (outs type:$result);
  let assemblyFormat = "operands attr-dict `:` type($result)";
  let hasFolder = 1;
}

def VM_SelectI32Op : VM_SelectOp<I32, "i32">;
def VM_SelectI64Op : VM_SelectOp<I64, "i64">;
def VM_SelectF32Op : VM_SelectOp<F32, "f32", [VM_ExtF32]>;
def VM_SelectF64Op : VM_SelectOp<F64, "f64", [VM_ExtF64]>;
def VM_SelectRefOp : VM_SelectOp<VM_AnyRef, "ref">;

//===----------------------------------------------------------------------===//
// vm.switch.*
//===----------------------------------------------------------------------===//

class VM_SwitchOp<Type type, string suffix, list<Trait> traits = []>
    : VM_PureOp<"switch." # suffix, !listconcat(traits, [
        AllTypesMatch<["default_value", "result"]>])> {
  let summary = "chooses one of several " # suffix # " values by index";
  let description = [{
    Produces `values[index]` when `0 <= index < size(values)` (the index is
    read as a signed i32) and `default_value` otherwise.

    ```mlir
    %v = vm.switch.}] # suffix # [{ %index[%a, %b, %c] else %d : }] #
      !if(!eq(suffix, "ref"), "!vm.buffer", suffix) # [{
    ```
  }];
  let arguments = (ins
    VM_Index:$index,
    type:$default_value,
    Variadic<type>:$values
  );
  let results = (outs type:$result);
  let hasFolder = 1;
}

def VM_SwitchI32Op : VM_SwitchOp<I32, "i32"> {
  let assemblyFormat = [{
    $index `[` $values `]` `else` $default_value attr-dict `:` type($result)
  }];
}
def VM_SwitchI64Op : VM_SwitchOp<I64, "i64"> {
  let assemblyFormat = [{
    $index `[` $values `]` `else` $default_value attr-dict `:` type($result)
  }];
}
def VM_SwitchF32Op : VM_SwitchOp<F32, "f32", [VM_ExtF32]> {
  let assemblyFormat = [{
    $index `[` $values `]` `else` $default_value attr-dict `:` type($result)
  }];
}
def VM_SwitchF64Op : VM_SwitchOp<F64, "f64", [VM_ExtF64]> {
  let assemblyFormat = [{
    $index `[` $values `]` `else` $default_value attr-dict `:` type($result)
  }];
}
// Ref values may have any ref type, so the values' types cannot be inferred
// by the declarative format: all of them take the result type.
def VM_SwitchRefOp : VM_SwitchOp<VM_AnyRef, "ref"> {
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

#endif // KILN_DIALECT_VM_ASSIGNMENT_OPS
