// RUN: vm-opt -split-input-file --cse %s | FileCheck %s

// Memory effects of buffer ops as seen by CSE.

vm.module @m {
  // Reads with no write in between are merged; the length never changes.
  // CHECK-LABEL: vm.func @cse_reads
  vm.func @cse_reads(%buf: !vm.buffer, %off: i64, %v: i32) -> (i32, i32, i64, i64, i32) {
    // CHECK-NEXT: %[[L0:.+]] = vm.buffer.load.i32
    %0 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: %[[N0:.+]] = vm.buffer.length
    %n0 = vm.buffer.length %buf : !vm.buffer -> i64
    %1 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.buffer.store.i32
    vm.buffer.store.i32 %v, %buf[%off] : i32 -> !vm.buffer
    %n1 = vm.buffer.length %buf : !vm.buffer -> i64
    // Must not merge: the store may have changed the element.
    // CHECK-NEXT: %[[L2:.+]] = vm.buffer.load.i32
    %2 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.return %[[L0]], %[[L0]], %[[N0]], %[[N0]], %[[L2]]
    vm.return %0, %1, %n0, %n1, %2 : i32, i32, i64, i64, i32
  }

  // Must not merge: two allocations are two buffers.
  // CHECK-LABEL: vm.func @no_cse_alloc
  vm.func @no_cse_alloc(%len: i64, %align: i32) -> (!vm.buffer, !vm.buffer) {
    // CHECK-NEXT: %[[A:.+]] = vm.buffer.alloc
    // CHECK-NEXT: %[[B:.+]] = vm.buffer.alloc
    %a = vm.buffer.alloc %len, %align : !vm.buffer
    %b = vm.buffer.alloc %len, %align : !vm.buffer
    // CHECK-NEXT: vm.return %[[A]], %[[B]]
    vm.return %a, %b : !vm.buffer, !vm.buffer
  }
}
