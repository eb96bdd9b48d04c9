// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Round trip of the shifts; the amount is an i32 for both widths.

// CHECK-LABEL: vm.module public @shift_i32
vm.module @shift_i32 {
  // CHECK-LABEL: vm.func @shl_i32
  vm.func @shl_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.shl.i32 %arg0, %arg1 : i32
    %0 = vm.shl.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @shr_i32_s
  vm.func @shr_i32_s(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.shr.i32.s %arg0, %arg1 : i32
    %0 = vm.shr.i32.s %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @shr_i32_u
  vm.func @shr_i32_u(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.shr.i32.u %arg0, %arg1 : i32
    %0 = vm.shr.i32.u %arg0, %arg1 : i32
    vm.return %0 : i32
  }
}

// -----

// CHECK-LABEL: vm.module public @shift_i64
vm.module @shift_i64 {
  // CHECK-LABEL: vm.func @shl_i64
  vm.func @shl_i64(%arg0 : i64, %arg1 : i32) -> i64 {
    // CHECK: %0 = vm.shl.i64 %arg0, %arg1 : i64
    %0 = vm.shl.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @shr_i64_s
  vm.func @shr_i64_s(%arg0 : i64, %arg1 : i32) -> i64 {
    // CHECK: %0 = vm.shr.i64.s %arg0, %arg1 : i64
    %0 = vm.shr.i64.s %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @shr_i64_u
  vm.func @shr_i64_u(%arg0 : i64, %arg1 : i32) -> i64 {
    // CHECK: %0 = vm.shr.i64.u %arg0, %arg1 : i64
    %0 = vm.shr.i64.u %arg0, %arg1 : i64
    vm.return %0 : i64
  }
}
