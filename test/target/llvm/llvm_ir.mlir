// The LLVM form as textual IR: the C module ABI's one exported symbol and
// the static registration name, internal functions, and the kiln/c/ops.h
// helpers inlined (no call of a helper is left at -O2; -O0 inlines them too,
// as always_inline functions).
// RUN: vm-translate --vm-to-llvm-ir %s | FileCheck %s
// RUN: vm-translate --vm-to-llvm-ir -O0 %s | FileCheck %s --check-prefix=O0
// RUN: vm-translate --vm-to-llvm-ir -O3 --target-cpu=x86-64-v2 %s | FileCheck %s --check-prefix=CPU

// CHECK-DAG: define{{.*}} ptr @kiln_module_v1_get()
// CHECK-DAG: define{{.*}} ptr @arith_kiln_module()
// CHECK-DAG: c"arith\00"
// CHECK-DAG: c"0ii_i\00"
// CHECK-NOT: call {{.*}}@kiln_add_i32
// CHECK-NOT: call {{.*}}@kiln_div_i32_s

// O0: define internal {{.*}} @arith_f_add
// O0-NOT: call {{.*}}@kiln_add_i32(

// A CPU attribute on every function:
// CPU: "target-cpu"="x86-64-v2"

vm.module @arith {
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.func @div(%a: i32, %b: i32) -> i32 {
    %c = vm.div.i32.s %a, %b : i32
    vm.return %c : i32
  }
  vm.export @add
  vm.export @div
}
