// RUN: vm-opt -split-input-file --canonicalize --allow-unregistered-dialect %s | FileCheck %s

// CHECK-LABEL: @empty_initializer
vm.module @empty_initializer {
  // CHECK-NEXT: }
  vm.initializer {
    vm.return
  }
}

// -----

// An initializer with work left in it stays.
// CHECK-LABEL: @busy_initializer
vm.module @busy_initializer {
  vm.global.i32 private mutable @g : i32
  // CHECK-NEXT: vm.global.i32
  // CHECK-NEXT: vm.initializer {
  // CHECK-NEXT:   %[[C:.+]] = vm.const.i32 1
  // CHECK-NEXT:   "test.side_effect"() : () -> ()
  // CHECK-NEXT:   vm.global.store.i32 %[[C]], @g : i32
  // CHECK-NEXT:   vm.return
  vm.initializer {
    "test.side_effect"() : () -> ()
    %c = vm.const.i32 1
    // Not moved into the initial value: the unknown op before it might
    // read @g.
    vm.global.store.i32 %c, @g : i32
    vm.return
  }
}

// -----

// A constant store after an unknown op in an earlier initializer stays too.
// CHECK-LABEL: @earlier_unknown_op
vm.module @earlier_unknown_op {
  // CHECK-NEXT: vm.global.i32 private mutable @g : i32
  vm.global.i32 private mutable @g : i32
  vm.initializer {
    "test.side_effect"() : () -> ()
    vm.return
  }
  // CHECK: vm.initializer {
  // CHECK: vm.global.store.i32 %{{.+}}, @g : i32
  vm.initializer {
    %c = vm.const.i32 1
    vm.global.store.i32 %c, @g : i32
    vm.return
  }
}

// -----

// Functions and exports are not touched by canonicalization.
// CHECK-LABEL: @functions
vm.module @functions {
  // CHECK-NEXT: vm.export @f
  vm.export @f
  // CHECK-NEXT: vm.import private @mod.g() -> i32
  vm.import private @mod.g() -> i32
  // CHECK-NEXT: vm.func @f() -> i32 {
  vm.func @f() -> i32 {
    // CHECK-NEXT: %c1 = vm.const.i32 1
    %c1 = vm.const.i32 1
    // CHECK-NEXT: vm.return %c1 : i32
    vm.return %c1 : i32
  }
  // CHECK-NEXT: }
  // CHECK-NEXT: vm.func private @unused()
  vm.func private @unused()
}
