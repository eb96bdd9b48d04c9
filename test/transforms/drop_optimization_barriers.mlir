// RUN: vm-opt --vm-drop-optimization-barriers %s | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32, %b : !vm.buffer) -> (i32, !vm.buffer) {
    // CHECK-NOT: vm.optimization_barrier
    // CHECK: vm.return %arg0, %arg1 : i32, !vm.buffer
    %0, %1 = vm.optimization_barrier %x, %b : i32, !vm.buffer
    vm.return %0, %1 : i32, !vm.buffer
  }
}
