// Round-trip of the vm.check.* testing ops.
// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @checks
  vm.func @checks(%a : i32, %b : i32, %x : f32, %y : f32, %l : i64, %r : !vm.ref<?>) {
    // CHECK: vm.check.eq %arg0, %arg1 : i32
    vm.check.eq %a, %b : i32
    // CHECK: vm.check.eq %arg0, %arg1, "a == b" : i32
    vm.check.eq %a, %b, "a == b" : i32
    // CHECK: vm.check.ne %arg5, %arg5, "distinct" : !vm.ref<?>
    vm.check.ne %r, %r, "distinct" : !vm.ref<?>
    // CHECK: vm.check.nz %arg4 : i64
    vm.check.nz %l : i64
    // CHECK: vm.check.nz %arg5, "not null" : !vm.ref<?>
    vm.check.nz %r, "not null" : !vm.ref<?>
    // CHECK: vm.check.nearly_eq %arg2, %arg3, "close" : f32
    vm.check.nearly_eq %x, %y, "close" : f32
    vm.return
  }
}
