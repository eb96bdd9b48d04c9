// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

vm.module @my_module {
  // CHECK-LABEL: @const_i32
  vm.func @const_i32() -> (i32, i32, i32, i32) {
    // CHECK-NEXT: %c1 = vm.const.i32 1
    %0 = vm.const.i32 1
    // CHECK-NEXT: %c-1 = vm.const.i32 -1
    %1 = vm.const.i32 -1
    // CHECK-NEXT: %c2147483647 = vm.const.i32 2147483647
    %2 = vm.const.i32 2147483647
    // Hex literals and the unsigned spelling of a negative value are fine.
    // CHECK-NEXT: %c-2147483648 = vm.const.i32 -2147483648
    %3 = vm.const.i32 0x80000000
    // CHECK-NEXT: vm.return %c1, %c-1, %c2147483647, %c-2147483648
    vm.return %0, %1, %2, %3 : i32, i32, i32, i32
  }
}

// -----

vm.module @my_module {
  // CHECK-LABEL: @const_i64
  vm.func @const_i64() -> (i64, i64) {
    // CHECK-NEXT: %c-9223372036854775808 = vm.const.i64 -9223372036854775808
    %0 = vm.const.i64 -9223372036854775808
    // CHECK-NEXT: %c4294967296 = vm.const.i64 4294967296
    %1 = vm.const.i64 4294967296
    vm.return %0, %1 : i64, i64
  }
}

// -----

vm.module @my_module {
  // CHECK-LABEL: @const_float
  vm.func @const_float() -> (f32, f64, f32, f64) {
    // CHECK-NEXT: %[[A:.+]] = vm.const.f32 1.500000e+00
    %0 = vm.const.f32 1.5
    // CHECK-NEXT: %[[B:.+]] = vm.const.f64 -2.500000e-01
    %1 = vm.const.f64 -0.25
    // CHECK-NEXT: %[[C:.+]] = vm.const.f32 0x7FC00000
    %2 = vm.const.f32 0x7FC00000
    // CHECK-NEXT: %[[D:.+]] = vm.const.f64 -0.000000e+00
    %3 = vm.const.f64 -0.0
    // CHECK-NEXT: vm.return %[[A]], %[[B]], %[[C]], %[[D]]
    vm.return %0, %1, %2, %3 : f32, f64, f32, f64
  }
}

// -----

vm.module @my_module {
  // CHECK-LABEL: @const_zero
  vm.func @const_zero() -> (i32, i64, f32, f64) {
    // CHECK-NEXT: %zero = vm.const.i32.zero
    %0 = vm.const.i32.zero
    // CHECK-NEXT: %zero_0 = vm.const.i64.zero
    %1 = vm.const.i64.zero
    // CHECK-NEXT: %zero_1 = vm.const.f32.zero
    %2 = vm.const.f32.zero
    // CHECK-NEXT: %zero_2 = vm.const.f64.zero
    %3 = vm.const.f64.zero
    vm.return %0, %1, %2, %3 : i32, i64, f32, f64
  }
}

// -----

vm.module @my_module {
  // CHECK-LABEL: @const_ref_zero
  vm.func @const_ref_zero() -> (!vm.ref<?>, !vm.buffer, !vm.list<i32>) {
    // CHECK-NEXT: %null = vm.const.ref.zero : !vm.ref<?>
    %0 = vm.const.ref.zero : !vm.ref<?>
    // CHECK-NEXT: %null_0 = vm.const.ref.zero : !vm.buffer
    %1 = vm.const.ref.zero : !vm.buffer
    // CHECK-NEXT: %null_1 = vm.const.ref.zero : !vm.list<i32>
    %2 = vm.const.ref.zero : !vm.list<i32>
    vm.return %0, %1, %2 : !vm.ref<?>, !vm.buffer, !vm.list<i32>
  }
}

// -----

// Constants with attributes keep them.
vm.module @my_module {
  // CHECK-LABEL: @const_attrs
  vm.func @const_attrs() -> i32 {
    // CHECK-NEXT: %c3 = vm.const.i32 3 {tag}
    %0 = vm.const.i32 3 {tag}
    vm.return %0 : i32
  }
}
