// RUN: vm-opt -split-input-file --vm-fold-immutable-globals --allow-unregistered-dialect %s | FileCheck %s

// Loads of immutable globals that nothing stores to become their value.
// CHECK-LABEL: @fold_immutable_loads
vm.module @fold_immutable_loads {
  vm.global.i32 private @i32 = 42 : i32
  vm.global.i64 private @i64_default : i64
  vm.global.f32 private @f32 = -0.0 : f32
  vm.global.f64 private @f64 = 1.0 : f64
  vm.global.ref private @ref : !vm.buffer
  // CHECK-LABEL: vm.func @loads
  vm.func @loads() -> (i32, i64, f32, f64, !vm.buffer) {
    // CHECK-DAG: %[[I32:.+]] = vm.const.i32 42
    // CHECK-DAG: %[[I64:.+]] = vm.const.i64.zero
    // CHECK-DAG: %[[F32:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[F64:.+]] = vm.const.f64 1.000000e+00
    // CHECK-DAG: %[[REF:.+]] = vm.const.ref.zero : !vm.buffer
    // CHECK-NOT: vm.global.load
    // CHECK: vm.return %[[I32]], %[[I64]], %[[F32]], %[[F64]], %[[REF]]
    %0 = vm.global.load.i32 @i32 : i32
    %1 = vm.global.load.i64 immutable @i64_default : i64
    %2 = vm.global.load.f32 @f32 : f32
    %3 = vm.global.load.f64 @f64 : f64
    %4 = vm.global.load.ref @ref : !vm.buffer
    vm.return %0, %1, %2, %3, %4 : i32, i64, f32, f64, !vm.buffer
  }
}

// -----

// CHECK-LABEL: @keep_loads
vm.module @keep_loads {
  vm.global.i32 private mutable @mutable = 1 : i32
  vm.global.i32 private @stored_by_initializer = 1 : i32
  vm.global.ref private @ref_stored : !vm.buffer
  vm.global.i32 private @address_taken = 5 : i32
  vm.initializer {
    %c = "test.value"() : () -> i32
    vm.global.store.i32 %c, @stored_by_initializer : i32
    %b = "test.value"() : () -> !vm.buffer
    vm.global.store.ref %b, @ref_stored : !vm.buffer
    vm.return
  }
  // CHECK-LABEL: vm.func @loads
  vm.func @loads() -> (i32, i32, !vm.buffer, i32, i32) {
    // CHECK-NEXT: vm.global.load.i32 @mutable
    // CHECK-NEXT: vm.global.load.i32 immutable @stored_by_initializer
    // CHECK-NEXT: vm.global.load.ref immutable @ref_stored
    // CHECK-NEXT: vm.global.load.i32 @address_taken
    %0 = vm.global.load.i32 @mutable : i32
    %1 = vm.global.load.i32 @stored_by_initializer : i32
    %2 = vm.global.load.ref @ref_stored : !vm.buffer
    %3 = vm.global.load.i32 @address_taken : i32
    %p = vm.global.address @address_taken : i32
    %4 = "test.opaque_use"(%p) : (i32) -> i32
    vm.return %0, %1, %2, %3, %4 : i32, i32, !vm.buffer, i32, i32
  }
}

// -----

// Loads of an immutable global that an initializer stores stay loads but are
// marked immutable (they read nothing that changes after initialization);
// loads of mutable globals are left alone.
// CHECK-LABEL: @mark_immutable_loads
vm.module @mark_immutable_loads {
  vm.global.i32 private @set_once : i32
  vm.global.i32 private mutable @counter : i32
  vm.initializer {
    %c = "test.value"() : () -> i32
    vm.global.store.i32 %c, @set_once : i32
    vm.return
  }
  // CHECK-LABEL: vm.func @loads
  vm.func @loads() -> (i32, i32) {
    // CHECK-NEXT: vm.global.load.i32 immutable @set_once
    // CHECK-NEXT: vm.global.load.i32 @counter
    %0 = vm.global.load.i32 @set_once : i32
    %1 = vm.global.load.i32 @counter : i32
    vm.return %0, %1 : i32, i32
  }
}
