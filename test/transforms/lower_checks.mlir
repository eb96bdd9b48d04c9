// RUN: vm-opt -split-input-file --vm-lower-checks %s | FileCheck %s

// Each check becomes one comparison that is non-zero when the check fails and
// a vm.cond_fail with status 9, the message and the check's location.
vm.module @m {
  // CHECK-LABEL: vm.func @check_eq_i32
  vm.func @check_eq_i32(%a : i32, %b : i32) {
    // CHECK-NEXT: %[[FAIL:.+]] = vm.cmp.ne.i32 %arg0, %arg1 : i32
    // CHECK-NEXT: %[[STATUS:.+]] = vm.const.i32 9
    // CHECK-NEXT: vm.cond_fail %[[FAIL]], %[[STATUS]], "a == b"
    // CHECK-NOT: vm.check
    // CHECK-NEXT: vm.return
    vm.check.eq %a, %b, "a == b" : i32
    vm.return
  }

  // CHECK-LABEL: vm.func @check_ne_i64
  vm.func @check_ne_i64(%a : i64, %b : i64) {
    // CHECK-NEXT: %[[FAIL:.+]] = vm.cmp.eq.i64 %arg0, %arg1 : i64
    // CHECK-NEXT: %[[STATUS:.+]] = vm.const.i32 9
    // CHECK-NEXT: vm.cond_fail %[[FAIL]], %[[STATUS]], "vm.check.ne failed"
    vm.check.ne %a, %b : i64
    vm.return
  }

  // Floats compare ordered: the failure condition is the unordered inverse.
  // CHECK-LABEL: vm.func @check_eq_f32
  vm.func @check_eq_f32(%a : f32, %b : f32) {
    // CHECK-NEXT: vm.cmp.ne.f32.u %arg0, %arg1 : f32
    // CHECK: vm.cond_fail
    vm.check.eq %a, %b : f32
    vm.return
  }

  // CHECK-LABEL: vm.func @check_ne_f64
  vm.func @check_ne_f64(%a : f64, %b : f64) {
    // CHECK-NEXT: vm.cmp.eq.f64.u %arg0, %arg1 : f64
    // CHECK: vm.cond_fail
    vm.check.ne %a, %b, "differ" : f64
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nz_ref
  vm.func @check_nz_ref(%r : !vm.ref<?>) {
    // CHECK-NEXT: %[[NZ:.+]] = vm.cmp.nz.ref %arg0 : !vm.ref<?>
    // CHECK-NEXT: %[[ONE:.+]] = vm.const.i32 1
    // CHECK-NEXT: %[[FAIL:.+]] = vm.xor.i32 %[[NZ]], %[[ONE]] : i32
    // CHECK-NEXT: %[[STATUS:.+]] = vm.const.i32 9
    // CHECK-NEXT: vm.cond_fail %[[FAIL]], %[[STATUS]], "null"
    vm.check.nz %r, "null" : !vm.ref<?>
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nz_i32
  vm.func @check_nz_i32(%x : i32) {
    // CHECK-NEXT: vm.cmp.nz.i32 %arg0 : i32
    // CHECK: vm.cond_fail {{.+}}, "vm.check.nz failed"
    vm.check.nz %x : i32
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nearly_eq_f32
  vm.func @check_nearly_eq_f32(%a : f32, %b : f32) {
    // CHECK-NEXT: %[[NEAR:.+]] = vm.cmp.eq.f32.near %arg0, %arg1 : f32
    // CHECK: vm.xor.i32 %[[NEAR]]
    // CHECK: vm.cond_fail {{.+}}, "drift"
    vm.check.nearly_eq %a, %b, "drift" : f32
    vm.return
  }

  // Integers are compared exactly by nearly_eq.
  // CHECK-LABEL: vm.func @check_nearly_eq_i32
  vm.func @check_nearly_eq_i32(%a : i32, %b : i32) {
    // CHECK-NEXT: vm.cmp.ne.i32 %arg0, %arg1 : i32
    // CHECK: vm.cond_fail {{.+}}, "vm.check.nearly_eq failed"
    vm.check.nearly_eq %a, %b : i32
    vm.return
  }
}

