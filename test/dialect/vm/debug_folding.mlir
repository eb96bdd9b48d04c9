// Canonicalization of the debug ops.
// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @cond_break_true
  vm.func @cond_break_true(%x : i32) -> i32 {
    // CHECK-NEXT: vm.break ^bb1(%arg0 : i32)
    // CHECK-NEXT: ^bb1(%[[V:.+]]: i32):
    // CHECK-NEXT: vm.return %[[V]] : i32
    %c = vm.const.i32 3
    vm.cond_break %c, ^bb1(%x : i32)
  ^bb1(%y : i32):
    vm.return %y : i32
  }

  // CHECK-LABEL: vm.func @cond_break_false
  vm.func @cond_break_false(%x : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg0 : i32
    %c = vm.const.i32.zero
    vm.cond_break %c, ^bb1(%x : i32)
  ^bb1(%y : i32):
    vm.return %y : i32
  }

  // CHECK-LABEL: vm.func @cond_break_unknown
  vm.func @cond_break_unknown(%c : i32) {
    // CHECK-NEXT: vm.cond_break %arg0, ^bb1
    vm.cond_break %c, ^bb1
  ^bb1:
    vm.return
  }

  // Debug ops with effects are never dropped; barriers are not looked through.
  // CHECK-LABEL: vm.func @kept
  vm.func @kept(%x : i32) -> i32 {
    // CHECK-DAG: %[[C:.+]] = vm.const.i32 5
    // CHECK-DAG: vm.trace "t"(%arg0) : i32
    vm.trace "t"(%x) : i32
    // CHECK: vm.print "p"(%arg0) : i32
    vm.print "p"(%x) : i32
    // CHECK-NEXT: %[[B:.+]] = vm.optimization_barrier %[[C]] : i32
    // CHECK-NEXT: vm.return %[[B]] : i32
    %c5 = vm.const.i32 5
    %b = vm.optimization_barrier %c5 : i32
    vm.return %b : i32
  }
}
