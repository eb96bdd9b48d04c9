// RUN: vm-opt --vm-version-loops %s | FileCheck %s
// RUN: vm-opt "--vm-version-loops=version=false" %s | FileCheck %s --check-prefix=STRIP
// RUN: vm-translate --vm-to-c %s | FileCheck %s --check-prefix=C

// in_range in the input is not trusted: only the pass decides, so an
// access outside any versioned loop (here one that is out of range for
// every call) keeps its check in every native form.
// CHECK-LABEL: vm.func @claims
// CHECK-NOT: in_range
// STRIP-LABEL: vm.func @claims
// STRIP-NOT: in_range
// C-LABEL: mod_f_claims(
// C-NOT: kiln_buffer_element_in_range
// C: kiln_buffer_element(
// C-NOT: kiln_buffer_element_in_range
vm.module @mod {
  vm.func @claims(%i: i64) -> i32 {
    %c4 = vm.const.i64 4
    %c1 = vm.const.i32 1
    %b = vm.buffer.alloc %c4, %c1 : !vm.buffer
    %v = vm.buffer.load.i8.u %b[%i] {in_range} : !vm.buffer -> i32
    vm.buffer.store.i8 %v, %b[%i] {in_range} : i32 -> !vm.buffer
    vm.return %v : i32
  }
  vm.export @claims
}
