// RUN: vm-opt -split-input-file --vm-inline-initializer-constants --canonicalize %s | FileCheck %s

// Constant stores that run first in module initialization become initial
// values; empty initializers disappear.
// CHECK-LABEL: @inline_initializer_stores
vm.module @inline_initializer_stores {
  // CHECK-NEXT: vm.global.i32 private mutable @g0 = 123 : i32
  vm.global.i32 private mutable @g0 : i32
  // CHECK-NEXT: vm.global.f64 private @g1 = 2.500000e+00 : f64
  vm.global.f64 private @g1 : f64
  // A stored zero becomes the default.
  // CHECK-NEXT: vm.global.i64 private mutable @g2 : i64
  vm.global.i64 private mutable @g2 = 9 : i64
  // CHECK-NOT: vm.initializer
  vm.initializer {
    %c123 = vm.const.i32 123
    vm.global.store.i32 %c123, @g0 : i32
    %f = vm.const.f64 2.5
    vm.global.store.f64 %f, @g1 : f64
    %zero = vm.const.i64 0
    vm.global.store.i64 %zero, @g2 : i64
    vm.return
  }
}

// -----

// Stores whose effect a reader could observe stay where they are.
// CHECK-LABEL: @keep_observable_stores
vm.module @keep_observable_stores {
  // CHECK-NEXT: vm.global.i32 private mutable @read_first = 1 : i32
  vm.global.i32 private mutable @read_first = 1 : i32
  // CHECK-NEXT: vm.global.i32 private mutable @copy : i32
  vm.global.i32 private mutable @copy : i32
  // CHECK-NEXT: vm.global.i32 private mutable @earlier_reader = 3 : i32
  vm.global.i32 private mutable @earlier_reader = 3 : i32

  // CHECK-NEXT: vm.initializer {
  // CHECK-NEXT:   %[[E:.+]] = vm.global.load.i32 @earlier_reader : i32
  // CHECK-NEXT:   vm.global.store.i32 %[[E]], @copy : i32
  // CHECK-NEXT:   vm.return
  vm.initializer {
    %e = vm.global.load.i32 @earlier_reader : i32
    vm.global.store.i32 %e, @copy : i32
    vm.return
  }
  // CHECK: vm.initializer {
  // CHECK-NEXT:   %[[C:.+]] = vm.const.i32 2
  // CHECK-NEXT:   %[[R:.+]] = vm.global.load.i32 @read_first : i32
  // CHECK-NEXT:   vm.global.store.i32 %[[R]], @copy : i32
  // CHECK-NEXT:   vm.global.store.i32 %[[C]], @read_first : i32
  // CHECK-NEXT:   vm.global.store.i32 %[[C]], @earlier_reader : i32
  // CHECK-NEXT:   vm.return
  vm.initializer {
    %r = vm.global.load.i32 @read_first : i32
    vm.global.store.i32 %r, @copy : i32
    %c2 = vm.const.i32 2
    vm.global.store.i32 %c2, @read_first : i32
    vm.global.store.i32 %c2, @earlier_reader : i32
    vm.return
  }
}

// -----

// An earlier initializer with effects beyond a global it names (a call)
// could touch any global: later constant stores stay.
// CHECK-LABEL: @unknown_effects
vm.module @unknown_effects {
  // CHECK-NEXT: vm.import private @ext.f
  vm.import private @ext.f()
  // CHECK-NEXT: vm.global.i32 private mutable @g : i32
  vm.global.i32 private mutable @g : i32
  // CHECK: vm.call @ext.f
  vm.initializer {
    vm.call @ext.f() : () -> ()
    vm.return
  }
  // CHECK: vm.initializer {
  // CHECK:   vm.global.store.i32
  vm.initializer {
    %c = vm.const.i32 5
    vm.global.store.i32 %c, @g : i32
    vm.return
  }
}
