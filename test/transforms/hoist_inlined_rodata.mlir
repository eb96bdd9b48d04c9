// RUN: vm-opt -split-input-file --vm-hoist-inlined-rodata %s | FileCheck %s

// CHECK-LABEL: vm.module {{(public )?}}@hoist
vm.module @hoist {
  // CHECK-NEXT: vm.rodata private @greeting {alignment = 8 : i64, mime_type = "text/plain"} "hello"
  // CHECK-NEXT: vm.rodata private @f_rodata dense<[1, 2, 3]> : tensor<3xi32>
  // CHECK-NEXT: vm.func @f() -> (!vm.buffer, !vm.buffer)
  vm.func @f() -> (!vm.buffer, !vm.buffer) {
    // CHECK-NEXT: %[[A:.+]] = vm.const.ref.rodata @greeting : !vm.buffer
    %0 = vm.rodata.inline "greeting" {alignment = 8 : i64, mime_type = "text/plain"} : !vm.buffer = "hello"
    // CHECK-NEXT: %[[B:.+]] = vm.const.ref.rodata @f_rodata : !vm.buffer
    %1 = vm.rodata.inline : !vm.buffer = dense<[1, 2, 3]> : tensor<3xi32>
    // CHECK-NEXT: vm.return %[[A]], %[[B]]
    vm.return %0, %1 : !vm.buffer, !vm.buffer
  }
}

// -----

// Names that are taken are uniqued.
// CHECK-LABEL: vm.module {{(public )?}}@names
vm.module @names {
  // CHECK: vm.rodata private @data "x"
  vm.rodata private @data "x"
  // CHECK: vm.rodata private @[[N1:data_[0-9]+]] "y"
  // CHECK: vm.rodata private @[[N2:data_[0-9]+]] "z"
  vm.func @g() -> (!vm.buffer, !vm.buffer) {
    // CHECK: vm.const.ref.rodata @[[N1]]
    %0 = vm.rodata.inline "data" : !vm.buffer = "y"
    // CHECK: vm.const.ref.rodata @[[N2]]
    %1 = vm.rodata.inline "data" : !vm.buffer = "z"
    vm.return %0, %1 : !vm.buffer, !vm.buffer
  }
}

// -----

// A table: elements padded to data_alignment, (offset, size) pairs.
// CHECK-LABEL: vm.module {{(public )?}}@table
vm.module @table {
  // CHECK-NEXT: vm.rodata private @t {alignment = 16 : i64} dense<[0, 1, 4, 2, 8, 0, 8, 3]> : tensor<8xi32>
  // CHECK-NEXT: vm.rodata private @d {alignment = 16 : i64} dense<[97, 0, 0, 0, 98, 99, 0, 0, 100, 101, 102]> : tensor<11xi8>
  vm.func @f() -> (!vm.buffer, !vm.buffer) {
    // CHECK: %[[T:.+]] = vm.const.ref.rodata @t : !vm.buffer
    // CHECK: %[[D:.+]] = vm.const.ref.rodata @d : !vm.buffer
    %t, %d = vm.rodata.table.inline i32 {table_name = "t", data_name = "d", alignment = 16 : i64, data_alignment = 4 : i64} : !vm.buffer, !vm.buffer = ["a", "bc", "", "def"]
    // CHECK: vm.return %[[T]], %[[D]]
    vm.return %t, %d : !vm.buffer, !vm.buffer
  }
}
