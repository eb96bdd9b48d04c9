// RUN: vm-opt -split-input-file --loop-invariant-code-motion %s | FileCheck %s

// Buffer ops can fail at run time (null buffer, out-of-bounds range), so none
// of them is hoisted out of a loop that might not run. The widening ref cast
// cannot fail and is hoisted; the checked one can and is not.

vm.module @m {
  // CHECK-LABEL: vm.func @no_hoist
  vm.func @no_hoist(%buf: !vm.buffer, %off: i64, %len: i64, %align: i32,
                    %lb: index, %ub: index, %step: index) {
    // CHECK-NEXT: %[[ANY:.+]] = vm.cast.ref.any
    // CHECK-NEXT: scf.for
    scf.for %i = %lb to %ub step %step {
      %any = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
      // CHECK-NEXT: vm.buffer.length
      %0 = vm.buffer.length %buf : !vm.buffer -> i64
      // CHECK-NEXT: vm.buffer.load.i32
      %1 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
      // CHECK-NEXT: vm.buffer.hash
      %2 = vm.buffer.hash %buf, %off, %len : !vm.buffer -> i64
      // CHECK-NEXT: vm.buffer.alloc
      %3 = vm.buffer.alloc %len, %align : !vm.buffer
      // CHECK-NEXT: vm.buffer.clone
      %4 = vm.buffer.clone %buf, %off, %len, %align : !vm.buffer -> !vm.buffer
      // CHECK-NEXT: vm.buffer.compare
      %5 = vm.buffer.compare %buf, %off, %buf, %off, %len : !vm.buffer, !vm.buffer
      // The checked cast may fail, so it stays too.
      // CHECK-NEXT: vm.cast.any.ref %[[ANY]]
      %6 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    }
    vm.return
  }
}

