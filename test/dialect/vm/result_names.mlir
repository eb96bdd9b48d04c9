// RUN: vm-opt %s | FileCheck %s

// Results of ops that name none themselves print as IREE prints them: a ref
// result is %buffer, %list or %ref; other results keep MLIR's numbers.
// CHECK-LABEL: vm.func @names
vm.module @m {
  vm.import private @make() -> !vm.ref<?>
  vm.func @names(%n : i32, %w : i64, %b : !vm.buffer) -> i32 {
    // CHECK: %list = vm.list.alloc
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // CHECK: %buffer = vm.buffer.clone
    %c = vm.buffer.clone %b, %w, %w, %n : !vm.buffer -> !vm.buffer
    // CHECK: %ref = vm.call @make()
    %r = vm.call @make() : () -> !vm.ref<?>
    // CHECK: %ref_0 = vm.call @make()
    %s = vm.call @make() : () -> !vm.ref<?>
    // CHECK: %0 = vm.list.size %list
    %size = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.return %size : i32
  }
}
