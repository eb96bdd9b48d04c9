// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// CHECK-LABEL: @integer_zero
vm.module @integer_zero {
  // CHECK-LABEL: @i32
  vm.func @i32() -> (i32, i32) {
    // CHECK-NEXT: %zero = vm.const.i32.zero
    // CHECK-NEXT: vm.return %zero, %zero : i32, i32
    %0 = vm.const.i32 0
    %1 = vm.const.i32 0
    vm.return %0, %1 : i32, i32
  }
  // CHECK-LABEL: @i64
  vm.func @i64() -> i64 {
    // CHECK-NEXT: %zero = vm.const.i64.zero
    // CHECK-NEXT: vm.return %zero : i64
    %0 = vm.const.i64 0
    vm.return %0 : i64
  }
}

// -----

// CHECK-LABEL: @float_zero
vm.module @float_zero {
  // CHECK-LABEL: @positive_zero
  vm.func @positive_zero() -> (f32, f64) {
    // CHECK-DAG: %[[F32:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[F64:.+]] = vm.const.f64.zero
    // CHECK: vm.return %[[F32]], %[[F64]] : f32, f64
    %0 = vm.const.f32 0.0
    %1 = vm.const.f64 0.0
    vm.return %0, %1 : f32, f64
  }
  // -0.0 is not the zero op's value: it must stay.
  // CHECK-LABEL: @negative_zero
  vm.func @negative_zero() -> (f32, f64) {
    // CHECK-DAG: %[[F32:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[F64:.+]] = vm.const.f64 -0.000000e+00
    // CHECK-NOT: zero
    // CHECK: vm.return %[[F32]], %[[F64]] : f32, f64
    %0 = vm.const.f32 -0.0
    %1 = vm.const.f64 -0.0
    vm.return %0, %1 : f32, f64
  }
}

// -----

// Identical constants are merged; different ones are not.
// CHECK-LABEL: @dedup
vm.module @dedup {
  // CHECK-LABEL: @ints
  vm.func @ints() -> (i32, i32, i64, i32) {
    // CHECK-DAG: %[[C1:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[C1_64:.+]] = vm.const.i64 1
    // CHECK-DAG: %[[C2:.+]] = vm.const.i32 2
    // CHECK: vm.return %[[C1]], %[[C1]], %[[C1_64]], %[[C2]]
    %0 = vm.const.i32 1
    %1 = vm.const.i32 1
    %2 = vm.const.i64 1
    %3 = vm.const.i32 2
    vm.return %0, %1, %2, %3 : i32, i32, i64, i32
  }
  // CHECK-LABEL: @floats
  vm.func @floats() -> (f32, f32, f32) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 1.000000e+00
    // CHECK-DAG: %[[B:.+]] = vm.const.f32 -1.000000e+00
    // CHECK: vm.return %[[A]], %[[A]], %[[B]]
    %0 = vm.const.f32 1.0
    %1 = vm.const.f32 1.0
    %2 = vm.const.f32 -1.0
    vm.return %0, %1, %2 : f32, f32, f32
  }
  // CHECK-LABEL: @nulls
  vm.func @nulls() -> (!vm.ref<?>, !vm.ref<?>, !vm.buffer) {
    // CHECK-DAG: %[[ANY:.+]] = vm.const.ref.zero : !vm.ref<?>
    // CHECK-DAG: %[[BUF:.+]] = vm.const.ref.zero : !vm.buffer
    // CHECK: vm.return %[[ANY]], %[[ANY]], %[[BUF]]
    %0 = vm.const.ref.zero : !vm.ref<?>
    %1 = vm.const.ref.zero : !vm.ref<?>
    %2 = vm.const.ref.zero : !vm.buffer
    vm.return %0, %1, %2 : !vm.ref<?>, !vm.ref<?>, !vm.buffer
  }
}

// -----

// Unused constants are erased.
// CHECK-LABEL: @dead
vm.module @dead {
  // CHECK-LABEL: vm.func @dead
  vm.func @dead() {
    // CHECK-NEXT: vm.return
    %0 = vm.const.i32 5
    %1 = vm.const.f64.zero
    %2 = vm.const.ref.zero : !vm.buffer
    %3 = vm.rodata.inline : !vm.buffer = "unused"
    vm.return
  }
}
