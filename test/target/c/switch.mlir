// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.switch.* is a chain of conditional expressions over the index: value k
// when it is k, else the default (negative or too large).
vm.module @sw {
  // CHECK-LABEL: static {{[a-z0-9_]+}} sw_f_pick({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NEXT: [[I:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[A:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[C:v[0-9]+]] = {{v[0-9]+}};
  vm.func @pick(%i: i32, %a: i32, %b: i32, %c: i32) -> i32 {
    // CHECK: #line [[#@LINE+6]] "{{.*}}switch.mlir"
    // CHECK-DAG: [[IV:v[0-9]+]] = [[I]];
    // CHECK-DAG: [[AV:v[0-9]+]] = [[A]];
    // CHECK-DAG: [[BV:v[0-9]+]] = [[B]];
    // CHECK-DAG: [[CV:v[0-9]+]] = [[C]];
    // CHECK: {{v[0-9]+}} = [[IV]] == 0 ? [[BV]] : ([[IV]] == 1 ? [[CV]] : [[AV]]);
    %r = vm.switch.i32 %i[%b, %c] else %a : i32
    vm.return %r : i32
  }
  vm.export @pick

  // CHECK-LABEL: static {{[a-z0-9_]+}} sw_f_pick_ref({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NEXT: [[I:v[0-9]+]] = {{v[0-9]+}};
  // CHECK: {{v[0-9]+}} = &[[A:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK: {{v[0-9]+}} = &[[B:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  vm.func @pick_ref(%i: i32, %a: !vm.buffer, %b: !vm.buffer) -> !vm.buffer {
    // The chosen ref is assigned (retained) to the result's variable.
    // CHECK: #line [[#@LINE+7]] "{{.*}}switch.mlir"
    // CHECK-DAG: [[IV:v[0-9]+]] = [[I]];
    // CHECK-DAG: [[AV:v[0-9]+]] = [[A]];
    // CHECK-DAG: [[BV:v[0-9]+]] = [[B]];
    // CHECK: [[SEL:v[0-9]+]] = [[IV]] == 0 ? [[BV]] : [[AV]];
    // CHECK: {{v[0-9]+}} = &[[R:v[0-9]+]];
    // CHECK-NEXT: kiln_ref_assign({{v[0-9]+}}, {{v[0-9]+}}, [[SEL]]);
    %r = vm.switch.ref %i[%b] else %a : !vm.buffer
    // CHECK: {{v[0-9]+}} = [[R]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_retain(
    // All three refs are released on the way out.
    // CHECK: [[RA:v[0-9]+]] = [[A]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release({{v[0-9]+}}, [[RA]]);
    // CHECK-NEXT: [[RB:v[0-9]+]] = [[B]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release({{v[0-9]+}}, [[RB]]);
    // CHECK-NEXT: [[RR:v[0-9]+]] = [[R]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release({{v[0-9]+}}, [[RR]]);
    vm.return %r : !vm.buffer
  }
  vm.export @pick_ref

  // CHECK-LABEL: static {{[a-z0-9_]+}} sw_f_pick_f64({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NEXT: [[I:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[A:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
  vm.func @pick_f64(%i: i32, %a: f64, %b: f64) -> f64 {
    // CHECK: #line [[#@LINE+5]] "{{.*}}switch.mlir"
    // CHECK-DAG: [[IV:v[0-9]+]] = [[I]];
    // CHECK-DAG: [[AV:v[0-9]+]] = [[A]];
    // CHECK-DAG: [[BV:v[0-9]+]] = [[B]];
    // CHECK: {{v[0-9]+}} = [[IV]] == 0 ? [[BV]] : [[AV]];
    %r = vm.switch.f64 %i[%b] else %a : f64
    vm.return %r : f64
  }
  vm.export @pick_f64
}
