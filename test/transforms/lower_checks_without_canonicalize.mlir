// The lowering needs no other pass: a module with only checks verifies after
// it, and canonicalization then finishes the job (cond_fail to a branch).
// RUN: vm-opt --vm-lower-checks --canonicalize %s | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @f
  vm.func @f(%a : i32, %b : i32) {
    // CHECK: vm.cmp.ne.i32
    // CHECK: vm.fail %{{.+}}, "sizes"
    vm.check.eq %a, %b, "sizes" : i32
    vm.return
  }
}
