// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.switch.* prints as a C switch over the index: case k takes value k,
// anything else (negative or too large) the default.
vm.module @sw {
  // CHECK-LABEL: sw_f_pick({{.*}}) {
  vm.func @pick(%i: i32, %a: i32, %b: i32, %c: i32) -> i32 {
    // CHECK: switch (v0) {
    // CHECK-NEXT: case 0: v{{[0-9]+}} = v2; break;
    // CHECK-NEXT: case 1: v{{[0-9]+}} = v3; break;
    // CHECK-NEXT: default: v{{[0-9]+}} = v1; break;
    %r = vm.switch.i32 %i[%b, %c] else %a : i32
    vm.return %r : i32
  }
  vm.export @pick

  // CHECK-LABEL: sw_f_pick_ref({{.*}}) {
  vm.func @pick_ref(%i: i32, %a: !vm.buffer, %b: !vm.buffer) -> !vm.buffer {
    // CHECK: switch (v0) {
    // CHECK-NEXT: case 0: kiln_ref_assign(S, &v{{[0-9]+}}, v2); break;
    // CHECK-NEXT: default: kiln_ref_assign(S, &v{{[0-9]+}}, v1); break;
    %r = vm.switch.ref %i[%b] else %a : !vm.buffer
    vm.return %r : !vm.buffer
  }
  vm.export @pick_ref

  // CHECK-LABEL: sw_f_pick_f64({{.*}}) {
  vm.func @pick_f64(%i: i32, %a: f64, %b: f64) -> f64 {
    // CHECK: switch (v0) {
    // CHECK-NEXT: case 0: v{{[0-9]+}} = v2; break;
    // CHECK-NEXT: default: v{{[0-9]+}} = v1; break;
    %r = vm.switch.f64 %i[%b] else %a : f64
    vm.return %r : f64
  }
  vm.export @pick_f64
}
