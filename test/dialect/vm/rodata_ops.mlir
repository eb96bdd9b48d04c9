// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: @rodata
vm.module @rodata {
  // CHECK-NEXT: vm.rodata private @buf0 {alignment = 8 : i64} dense<[0, 1, 2]> : tensor<3xi8>
  vm.rodata private @buf0 {alignment = 8 : i64} dense<[0, 1, 2]> : tensor<3xi8>
  // CHECK-NEXT: vm.rodata public @str {mime_type = "text/plain"} "hello"
  vm.rodata @str {mime_type = "text/plain"} "hello"
  // CHECK-NEXT: vm.rodata private @floats {ordinal = 2 : i32} dense<[1.000000e+00, 2.500000e+00]> : vector<2xf32>
  vm.rodata private @floats {ordinal = 2 : i32} dense<[1.0, 2.5]> : vector<2xf32>
  // CHECK-NEXT: vm.rodata nested @splat dense<7> : tensor<4xi64>
  vm.rodata nested @splat dense<7> : tensor<4xi64>

  // CHECK-LABEL: vm.func @const_ref_rodata
  vm.func @const_ref_rodata() -> (!vm.buffer, !vm.buffer) {
    // CHECK-NEXT: %buf0 = vm.const.ref.rodata @buf0 : !vm.buffer
    %0 = vm.const.ref.rodata @buf0 : !vm.buffer
    // CHECK-NEXT: %str = vm.const.ref.rodata @str : !vm.buffer
    %1 = vm.const.ref.rodata @str : !vm.buffer
    vm.return %0, %1 : !vm.buffer, !vm.buffer
  }
}

// -----

// CHECK-LABEL: @inline
vm.module @inline {
  // CHECK-LABEL: vm.func @rodata_inline
  vm.func @rodata_inline() -> (!vm.buffer, !vm.buffer, !vm.buffer) {
    // CHECK-NEXT: = vm.rodata.inline : !vm.buffer = dense<[0, 1, 2]> : tensor<3xi8>
    %0 = vm.rodata.inline : !vm.buffer = dense<[0, 1, 2]> : tensor<3xi8>
    // CHECK-NEXT: = vm.rodata.inline "greeting" {alignment = 1 : i64} : !vm.buffer = "hi there"
    %1 = vm.rodata.inline "greeting" {alignment = 1 : i64} : !vm.buffer = "hi there"
    // CHECK-NEXT: = vm.rodata.inline {mime_type = "application/octet-stream"} : !vm.buffer = dense<1.000000e+00> : tensor<2xf64>
    %2 = vm.rodata.inline {mime_type = "application/octet-stream"} : !vm.buffer = dense<1.0> : tensor<2xf64>
    vm.return %0, %1, %2 : !vm.buffer, !vm.buffer, !vm.buffer
  }
}

// -----

#table_data = [
  dense<[2, 3]> : vector<2xi8>,
  "hello",
  dense<4> : tensor<3xi8>
]

// CHECK-LABEL: @table_inline
vm.module @table_inline {
  // CHECK-LABEL: vm.func @rodata_table_inline
  vm.func @rodata_table_inline() -> (!vm.buffer, !vm.buffer) {
    // CHECK-NEXT: = vm.rodata.table.inline i32 : !vm.buffer, !vm.buffer
    // CHECK-SAME: = [dense<[2, 3]> : vector<2xi8>, "hello", dense<4> : tensor<3xi8>]
    %0:2 = vm.rodata.table.inline i32 : !vm.buffer, !vm.buffer = #table_data
    // CHECK-NEXT: = vm.rodata.table.inline i64 {alignment = 16 : i64, data_alignment = 8 : i64, data_name = "d", table_name = "t"} : !vm.buffer, !vm.buffer = ["a", "bc"]
    %1:2 = vm.rodata.table.inline i64 {table_name = "t", data_name = "d", alignment = 16 : i64, data_alignment = 8 : i64} : !vm.buffer, !vm.buffer = ["a", "bc"]
    vm.return %0#0, %1#1 : !vm.buffer, !vm.buffer
  }
}
