// RUN: vm-opt -split-input-file --loop-invariant-code-motion %s | FileCheck %s

// List ops fail on a null list or an index out of range, so none is hoisted
// out of a loop that might not run, even when its operands are invariant.

vm.module @m {
  // CHECK-LABEL: vm.func @no_hoist
  vm.func @no_hoist(%l: !vm.list<i32>, %r: !vm.list<?>, %i: i32,
                    %lb: index, %ub: index, %step: index) {
    // CHECK-NEXT: scf.for
    scf.for %iv = %lb to %ub step %step {
      // CHECK-NEXT: vm.list.alloc
      %0 = vm.list.alloc %i : (i32) -> !vm.list<i32>
      // CHECK-NEXT: vm.list.size
      %1 = vm.list.size %l : (!vm.list<i32>) -> i32
      // CHECK-NEXT: vm.list.get.i32
      %2 = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
      // CHECK-NEXT: vm.list.get.ref
      %3 = vm.list.get.ref %r, %i : (!vm.list<?>, i32) -> !vm.buffer
      // CHECK-NEXT: vm.list.set.i32
      vm.list.set.i32 %l, %i, %i : (!vm.list<i32>, i32, i32)
      // CHECK-NEXT: vm.list.reserve
      vm.list.reserve %l, %i : (!vm.list<i32>, i32)
      // CHECK-NEXT: vm.list.resize
      vm.list.resize %l, %i : (!vm.list<i32>, i32)
    }
    vm.return
  }
}
