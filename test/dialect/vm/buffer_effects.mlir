// RUN: vm-opt -split-input-file --cse %s | FileCheck %s

// Memory effects of buffer ops as seen by CSE.

vm.module @m {
  // Buffer reads can fail (null buffer, out of range), and a failing op is
  // never removed or merged away (VM_MayFail declares the failure as a write
  // to VM_FaultResource): CSE keeps every read, even with no write between.
  // CHECK-LABEL: vm.func @cse_reads
  vm.func @cse_reads(%buf: !vm.buffer, %off: i64, %v: i32) -> (i32, i32, i64, i64, i32) {
    // CHECK-NEXT: %[[L0:.+]] = vm.buffer.load.i32
    %0 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: %[[N0:.+]] = vm.buffer.length
    %n0 = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK-NEXT: %[[L1:.+]] = vm.buffer.load.i32
    %1 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.buffer.store.i32
    vm.buffer.store.i32 %v, %buf[%off] : i32 -> !vm.buffer
    // CHECK-NEXT: %[[N1:.+]] = vm.buffer.length
    %n1 = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK-NEXT: %[[L2:.+]] = vm.buffer.load.i32
    %2 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.return %[[L0]], %[[L1]], %[[N0]], %[[N1]], %[[L2]]
    vm.return %0, %1, %n0, %n1, %2 : i32, i32, i64, i64, i32
  }

  // Unused reads stay: they may fail.
  // CHECK-LABEL: vm.func @unused_reads_stay
  vm.func @unused_reads_stay(%buf: !vm.buffer, %off: i64, %a: i32, %b: i32) {
    // CHECK-NEXT: vm.buffer.load.i32
    %0 = vm.buffer.load.i32 %buf[%off] : !vm.buffer -> i32
    // CHECK-NEXT: vm.buffer.length
    %n = vm.buffer.length %buf : !vm.buffer -> i64
    // CHECK-NEXT: vm.div.i32.s
    %q = vm.div.i32.s %a, %b : i32
    // CHECK-NEXT: vm.return
    vm.return
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
