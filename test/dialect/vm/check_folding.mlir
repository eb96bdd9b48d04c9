// Canonicalization lowers the vm.check.* pseudo-ops to a comparison, an xor
// with 1 (the check fails when the comparison is false) and a vm.cond_fail
// with status 9 (FAILED_PRECONDITION), which becomes a branch to a vm.fail.
// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  // CHECK-LABEL: vm.func @check_eq_i32
  vm.func @check_eq_i32(%a : i32, %b : i32) {
    // CHECK: vm.cmp.{{eq|ne}}.i32 %arg0, %arg1 : i32
    // CHECK: vm.cond_br %{{.+}}, ^bb1, ^bb2(%{{.+}} : i32)
    // CHECK-NEXT: ^bb1:
    // CHECK-NEXT: vm.return
    // CHECK-NEXT: ^bb2(%[[S:.+]]: i32):
    // CHECK-NEXT: vm.fail %[[S]], "a == b"
    vm.check.eq %a, %b, "a == b" : i32
    vm.return
  }

  // CHECK-LABEL: vm.func @check_ne_i64
  vm.func @check_ne_i64(%a : i64, %b : i64) {
    // CHECK: vm.cmp.{{eq|ne}}.i64 %arg0, %arg1 : i64
    // CHECK: vm.fail %{{.+}}{{$}}
    vm.check.ne %a, %b : i64
    vm.return
  }

  // CHECK-LABEL: vm.func @check_eq_f64
  vm.func @check_eq_f64(%a : f64, %b : f64) {
    // The failure condition is !(a == b, ordered); the comparison folders may
    // rewrite the xor into the inverse comparison (not-equal, unordered).
    // CHECK: vm.cmp.{{eq.f64.o|ne.f64.u}} %arg0, %arg1 : f64
    // CHECK: vm.fail %{{.+}}, "eq"
    vm.check.eq %a, %b, "eq" : f64
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nz_ref
  vm.func @check_nz_ref(%r : !vm.ref<?>) {
    // CHECK: vm.cmp.nz.ref %arg0 : !vm.ref<?>
    // CHECK: vm.fail %{{.+}}, "null"
    vm.check.nz %r, "null" : !vm.ref<?>
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nearly_eq_i32
  vm.func @check_nearly_eq_i32(%a : i32, %b : i32) {
    // Integers compare exactly.
    // CHECK: vm.cmp.{{eq|ne}}.i32 %arg0, %arg1 : i32
    // CHECK: vm.fail
    vm.check.nearly_eq %a, %b : i32
    vm.return
  }

  // CHECK-LABEL: vm.func @check_nearly_eq_f32
  vm.func @check_nearly_eq_f32(%a : f32, %b : f32) {
    // CHECK-NOT: vm.check.nearly_eq
    // CHECK: vm.fail %{{.+}}, "close"
    vm.check.nearly_eq %a, %b, "close" : f32
    vm.return
  }
}

// -----

vm.module @m {
  // Checks on known values that pass vanish entirely.
  // CHECK-LABEL: vm.func @passing_checks
  vm.func @passing_checks(%x : i32) {
    // CHECK-NEXT: vm.return
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    vm.check.eq %c1, %c1 : i32
    vm.check.ne %c1, %c2 : i32
    vm.check.nz %c2 : i32
    vm.check.eq %x, %x : i32
    vm.return
  }

  // A check on known values that fails becomes an unconditional vm.fail.
  // CHECK-LABEL: vm.func @failing_check
  vm.func @failing_check() {
    // CHECK: %[[NINE:.+]] = vm.const.i32 9
    // CHECK-NEXT: vm.fail %[[NINE]], "one is not two"
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    vm.check.eq %c1, %c2, "one is not two" : i32
    vm.return
  }
}
