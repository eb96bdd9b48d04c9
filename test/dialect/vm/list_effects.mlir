// RUN: vm-opt -split-input-file --canonicalize --cse %s | FileCheck %s

// Memory effects of list ops as seen by DCE and CSE. There are no list
// folders: what happens below comes from the declared effects.

vm.module @m {
  // Every list op can fail (null list, negative count, index out of range),
  // and failing is observable: unused reads and allocations stay (VM_MayFail
  // declares the failure as a write to VM_FaultResource), as do writes.
  // CHECK-LABEL: vm.func @dead_ops
  // CHECK-SAME: (%[[L:[^:]+]]: !vm.list<i32>, %[[R:[^:]+]]: !vm.list<?>, %[[I:[^:]+]]: i32)
  vm.func @dead_ops(%l: !vm.list<i32>, %r: !vm.list<?>, %i: i32) {
    // CHECK-NEXT: vm.list.alloc %[[I]]
    %0 = vm.list.alloc %i : (i32) -> !vm.list<i32>
    // CHECK-NEXT: vm.list.size %[[L]]
    %1 = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK-NEXT: vm.list.get.i32 %[[L]], %[[I]]
    %2 = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    // CHECK-NEXT: vm.list.get.ref %[[R]], %[[I]]
    %3 = vm.list.get.ref %r, %i : (!vm.list<?>, i32) -> !vm.buffer
    // CHECK-NEXT: vm.list.reserve %[[L]], %[[I]]
    vm.list.reserve %l, %i : (!vm.list<i32>, i32)
    // CHECK-NEXT: vm.list.resize %[[L]], %[[I]]
    vm.list.resize %l, %i : (!vm.list<i32>, i32)
    // CHECK-NEXT: vm.list.set.i32 %[[L]], %[[I]], %[[I]]
    vm.list.set.i32 %l, %i, %i : (!vm.list<i32>, i32, i32)
    // CHECK-NEXT: vm.list.set.ref %[[R]], %[[I]], %[[R]]
    vm.list.set.ref %r, %i, %r : (!vm.list<?>, i32, !vm.list<?>)
    // CHECK-NEXT: vm.return
    vm.return
  }
}

// -----

vm.module @m {
  // Reads that may fail are not merged either (MLIR's CSE merges only ops
  // whose effects are all reads).
  // CHECK-LABEL: vm.func @cse_reads
  // CHECK-SAME: (%[[L:[^:]+]]: !vm.list<i32>, %[[I:[^:]+]]: i32)
  vm.func @cse_reads(%l: !vm.list<i32>, %i: i32) -> (i32, i32, i32, i32, i32, i32) {
    // CHECK-NEXT: %[[S0:.+]] = vm.list.size %[[L]]
    %s0 = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK-NEXT: %[[G0:.+]] = vm.list.get.i32 %[[L]], %[[I]]
    %g0 = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    // CHECK-NEXT: %[[S1:.+]] = vm.list.size %[[L]]
    %s1 = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK-NEXT: %[[G1:.+]] = vm.list.get.i32 %[[L]], %[[I]]
    %g1 = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    // CHECK-NEXT: vm.list.resize
    vm.list.resize %l, %i : (!vm.list<i32>, i32)
    // Must not merge: the size may have changed.
    // CHECK-NEXT: %[[S2:.+]] = vm.list.size %[[L]]
    %s2 = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK-NEXT: vm.list.set.i32
    vm.list.set.i32 %l, %i, %s2 : (!vm.list<i32>, i32, i32)
    // Must not merge: the element may have changed.
    // CHECK-NEXT: %[[G2:.+]] = vm.list.get.i32 %[[L]], %[[I]]
    %g2 = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    // CHECK-NEXT: vm.return %[[S0]], %[[G0]], %[[S1]], %[[G1]], %[[S2]], %[[G2]]
    vm.return %s0, %g0, %s1, %g1, %s2, %g2 : i32, i32, i32, i32, i32, i32
  }

  // Must not merge: two allocations are two lists.
  // CHECK-LABEL: vm.func @no_cse_alloc
  vm.func @no_cse_alloc(%n: i32) -> (!vm.list<i32>, !vm.list<i32>) {
    // CHECK-NEXT: %[[A:.+]] = vm.list.alloc
    // CHECK-NEXT: %[[B:.+]] = vm.list.alloc
    %a = vm.list.alloc %n : (i32) -> !vm.list<i32>
    %b = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // CHECK-NEXT: vm.return %[[A]], %[[B]]
    vm.return %a, %b : !vm.list<i32>, !vm.list<i32>
  }
}
