// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  // The length of a fresh buffer is the length it was made with.
  // CHECK-LABEL: vm.func @length_of_alloc
  // CHECK-SAME: (%[[LEN:[^:]+]]: i64, %[[ALIGN:[^:]+]]: i32)
  vm.func @length_of_alloc(%len: i64, %align: i32) -> (!vm.buffer, i64) {
    // CHECK: %[[BUF:.+]] = vm.buffer.alloc %[[LEN]], %[[ALIGN]]
    %buf = vm.buffer.alloc %len, %align : !vm.buffer
    // CHECK-NOT: vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK: vm.return %[[BUF]], %[[LEN]]
    vm.return %buf, %n : !vm.buffer, i64
  }

  // CHECK-LABEL: vm.func @length_of_clone
  // CHECK-SAME: (%[[SRC:[^:]+]]: !vm.buffer, %[[OFF:[^:]+]]: i64, %[[LEN:[^:]+]]: i64, %[[ALIGN:[^:]+]]: i32)
  vm.func @length_of_clone(%src: !vm.buffer, %off: i64, %len: i64, %align: i32) -> (!vm.buffer, i64) {
    // CHECK: %[[BUF:.+]] = vm.buffer.clone %[[SRC]], %[[OFF]], %[[LEN]], %[[ALIGN]]
    %buf = vm.buffer.clone %src, %off, %len, %align : !vm.buffer -> !vm.buffer
    // CHECK-NOT: vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK: vm.return %[[BUF]], %[[LEN]]
    vm.return %buf, %n : !vm.buffer, i64
  }

  // The length does not change when the contents do.
  // CHECK-LABEL: vm.func @length_after_writes
  // CHECK-SAME: (%[[LEN:[^:]+]]: i64, %[[ALIGN:[^:]+]]: i32, %[[V:[^:]+]]: i32)
  vm.func @length_after_writes(%len: i64, %align: i32, %v: i32) -> i64 {
    %buf = vm.buffer.alloc %len, %align : !vm.buffer
    // CHECK: vm.buffer.fill.i32
    vm.buffer.fill.i32 %buf, %len, %len, %v : i32 -> !vm.buffer
    // CHECK-NOT: vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK: vm.return %[[LEN]]
    vm.return %n : i64
  }
}

// -----

vm.module @m {
  // Must not fold: nothing is known about an argument's length.
  // CHECK-LABEL: vm.func @length_of_arg
  vm.func @length_of_arg(%buf: !vm.buffer) -> i64 {
    // CHECK: %[[N:.+]] = vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK: vm.return %[[N]]
    vm.return %n : i64
  }

  // Must not fold: the clone's length is its length operand, not the
  // source's length or offset.
  // CHECK-LABEL: vm.func @length_of_clone_source
  // CHECK-SAME: (%[[SRC:[^:]+]]: !vm.buffer
  vm.func @length_of_clone_source(%src: !vm.buffer, %off: i64, %len: i64, %align: i32) -> (!vm.buffer, i64) {
    %buf = vm.buffer.clone %src, %off, %len, %align : !vm.buffer -> !vm.buffer
    // CHECK: %[[N:.+]] = vm.buffer.length %[[SRC]]
    %n = vm.buffer.length %src : !vm.buffer -> i64
    // CHECK: vm.return %{{.+}}, %[[N]]
    vm.return %buf, %n : !vm.buffer, i64
  }

  // Must not fold: a buffer that went through a ref cast may be another one
  // (or null) as far as the folder can tell.
  // CHECK-LABEL: vm.func @length_through_cast
  vm.func @length_through_cast(%any: !vm.ref<?>) -> i64 {
    %buf = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    // CHECK: %[[N:.+]] = vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK: vm.return %[[N]]
    vm.return %n : i64
  }
}

// -----

vm.module @m {
  // Every buffer op can fail (null buffer, bad length or alignment, range),
  // and failing is observable: unused allocations and reads stay, as do
  // writes (VM_MayFail; docs/semantics.md). IREE drops the unused ones.
  // CHECK-LABEL: vm.func @dead_ops
  vm.func @dead_ops(%buf: !vm.buffer, %off: i64, %len: i64, %align: i32, %v: i32) {
    // CHECK-NEXT: vm.buffer.alloc
    %unused = vm.buffer.alloc %len, %align : !vm.buffer
    // CHECK-NEXT: vm.buffer.clone
    %unused_clone = vm.buffer.clone %buf, %off, %len, %align : !vm.buffer -> !vm.buffer
    // CHECK-NEXT: vm.buffer.load
    %0 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.buffer.hash
    %1 = vm.buffer.hash %buf, %off, %len : !vm.buffer -> i64
    // CHECK-NEXT: vm.buffer.compare
    %2 = vm.buffer.compare %buf, %off, %buf, %len, %len : !vm.buffer, !vm.buffer
    // CHECK-NEXT: vm.buffer.length
    %3 = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK-NEXT: vm.buffer.store.i32
    vm.buffer.store.i32 %v, %buf[%off] : i32 -> !vm.buffer
    // CHECK-NEXT: vm.buffer.fill.i8
    vm.buffer.fill.i8 %buf, %off, %len, %v : i32 -> !vm.buffer
    // CHECK-NEXT: vm.buffer.copy
    vm.buffer.copy %buf, %off, %buf, %len, %len : !vm.buffer -> !vm.buffer
    // CHECK-NEXT: vm.return
    vm.return
  }
}
