// RUN: vm-opt -split-input-file --canonicalize --allow-unregistered-dialect %s | FileCheck %s

// Initial values equal to the default are dropped; -0.0 is not the default.
// CHECK-LABEL: @default_initial_values
vm.module @default_initial_values {
  // CHECK-NEXT: vm.global.i32 private mutable @i32_zero : i32
  vm.global.i32 private mutable @i32_zero = 0 : i32
  // CHECK-NEXT: vm.global.i64 private mutable @i64_zero : i64
  vm.global.i64 private mutable @i64_zero = 0 : i64
  // CHECK-NEXT: vm.global.f32 private mutable @f32_zero : f32
  vm.global.f32 private mutable @f32_zero = 0.0 : f32
  // CHECK-NEXT: vm.global.f64 private mutable @f64_zero : f64
  vm.global.f64 private mutable @f64_zero = 0.0 : f64
  // CHECK-NEXT: vm.global.f32 private mutable @f32_negzero = -0.000000e+00 : f32
  vm.global.f32 private mutable @f32_negzero = -0.0 : f32
  // CHECK-NEXT: vm.global.i32 private mutable @i32_one = 1 : i32
  vm.global.i32 private mutable @i32_one = 1 : i32
}

// -----

// Indirect accesses through a known address become direct.
// CHECK-LABEL: @indirect_to_direct
vm.module @indirect_to_direct {
  vm.global.i32 private mutable @g0 : i32
  vm.global.ref private mutable @r0 : !vm.ref<?>
  vm.global.i64 private @imm : i64
  // CHECK-LABEL: vm.func @fold_load_i32
  vm.func @fold_load_i32() -> i32 {
    %0 = vm.global.address @g0 : i32
    // CHECK-NEXT: %[[V:.+]] = vm.global.load.i32 @g0 : i32
    %1 = vm.global.load.indirect.i32 %0 : i32 -> i32
    // CHECK-NEXT: vm.return %[[V]]
    vm.return %1 : i32
  }
  // CHECK-LABEL: vm.func @fold_store_i32
  vm.func @fold_store_i32(%arg0 : i32) {
    %0 = vm.global.address @g0 : i32
    // CHECK-NEXT: vm.global.store.i32 %arg0, @g0 : i32
    vm.global.store.indirect.i32 %arg0, %0 : i32 -> i32
    vm.return
  }
  // CHECK-LABEL: vm.func @fold_ref
  vm.func @fold_ref(%arg0 : !vm.ref<?>) -> !vm.ref<?> {
    %0 = vm.global.address @r0 : i32
    // CHECK-NEXT: vm.global.store.ref %arg0, @r0 : !vm.ref<?>
    vm.global.store.indirect.ref %arg0, %0 : !vm.ref<?> -> i32
    // CHECK-NEXT: %[[V:.+]] = vm.global.load.ref @r0 : !vm.ref<?>
    %1 = vm.global.load.indirect.ref %0 : i32 -> !vm.ref<?>
    vm.return %1 : !vm.ref<?>
  }
  // The address of a global of another type is left alone (the direct op
  // would not verify), as is a store to an immutable global outside an
  // initializer.
  // CHECK-LABEL: vm.func @no_fold
  vm.func @no_fold(%arg0 : i64) -> i32 {
    // CHECK: vm.global.load.indirect.i32
    // CHECK: vm.global.store.indirect.i64
    %0 = vm.global.address @imm : i32
    %1 = vm.global.load.indirect.i32 %0 : i32 -> i32
    vm.global.store.indirect.i64 %arg0, %0 : i64 -> i32
    vm.return %1 : i32
  }
}
