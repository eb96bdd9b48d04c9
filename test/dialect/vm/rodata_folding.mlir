// RUN: vm-opt -split-input-file --cse --canonicalize %s | FileCheck %s

// References to the same rodata are one value.
// CHECK-LABEL: @rodata_refs
vm.module @rodata_refs {
  // CHECK-NEXT: vm.rodata private @r
  vm.rodata private @r dense<[9, 9, 9]> : vector<3xi32>
  vm.rodata private @s dense<[9, 9, 9]> : vector<3xi32>
  // CHECK-LABEL: vm.func @cse_rodata_loads
  vm.func @cse_rodata_loads() -> (!vm.buffer, !vm.buffer, !vm.buffer) {
    // CHECK-DAG: %[[R:.+]] = vm.const.ref.rodata @r : !vm.buffer
    // CHECK-DAG: %[[S:.+]] = vm.const.ref.rodata @s : !vm.buffer
    // CHECK: vm.return %[[R]], %[[R]], %[[S]] : !vm.buffer, !vm.buffer, !vm.buffer
    %0 = vm.const.ref.rodata @r : !vm.buffer
    %1 = vm.const.ref.rodata @r : !vm.buffer
    %2 = vm.const.ref.rodata @s : !vm.buffer
    vm.return %0, %1, %2 : !vm.buffer, !vm.buffer, !vm.buffer
  }
}
