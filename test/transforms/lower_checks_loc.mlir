// The vm.cond_fail keeps the location of the check it replaces.
// RUN: vm-opt --vm-lower-checks --mlir-print-debuginfo %s | FileCheck %s

vm.module @loc {
  vm.func @f(%a : i32) {
    // CHECK: vm.cond_fail {{.+}} loc(#[[L:[a-z0-9]+]])
    vm.check.nz %a : i32 loc("check.mlir":7:3)
    vm.return
  }
}
// CHECK: #[[L]] = loc("check.mlir":7:3)
