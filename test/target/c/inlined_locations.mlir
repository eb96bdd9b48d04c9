// RUN: %vm-to-c %s > %t.c && FileCheck %s < %t.c && %cc -c %t.c -o %t.o

// Code the inliner moved into @f keeps where it came from: the failing op's
// location names the function it was inlined from and points at the call
// site it was inlined at, which points at the next level out.

// CHECK-DAG: static const kiln_source_loc_t [[OUTER:inl_loc[0-9]+]] = {"f.mlir", 20, 3, -1, NULL, NULL};
// CHECK-DAG: static const kiln_source_loc_t [[MID:inl_loc[0-9]+]] = {"mid.mlir", 7, 5, -1, "mid", &[[OUTER]]};
// CHECK-DAG: static const kiln_source_loc_t [[LEAF:inl_loc[0-9]+]] = {"leaf.mlir", 2, 5, {{[0-9]+}}, "leaf", &[[MID]]};

// The division keeps the leaf's line in its #line and, when it fails,
// records the leaf location, whose chain leads out to @f.
// CHECK-LABEL: static {{[a-z0-9_]+}} inl_f_f({{.*}}) {
// CHECK: #line 2 "leaf.mlir"
// CHECK: [[DST:v[0-9]+]] = kiln_div_i32_s({{v[0-9]+}}, {{v[0-9]+}}, &{{v[0-9]+}});
// CHECK-NEXT: if ([[DST]] != 0) {
// CHECK-NEXT: goto [[FAIL:label[0-9]+]];
// CHECK: #line 21 "f.mlir"
// CHECK: [[FAIL]]:
// CHECK-NEXT: = kiln_op_fault({{v[0-9]+}}, KILN_FAULT_DIV_BY_ZERO, {{.*}});
// CHECK-NEXT: ->loc = &[[LEAF]];
// The callees were inlined away.
// CHECK-NOT: inl_f_leaf(
// CHECK-NOT: inl_f_mid(
vm.module @inl {
  vm.func private @leaf(%a: i32, %b: i32) -> i32 {
    %q = vm.div.i32.s %a, %b : i32 loc("leaf.mlir":2:5)
    vm.return %q : i32 loc("leaf.mlir":3:5)
  }
  vm.func private @mid(%a: i32, %b: i32) -> i32 {
    %s = vm.call @leaf(%a, %b) : (i32, i32) -> i32 loc("mid.mlir":7:5)
    vm.return %s : i32 loc("mid.mlir":8:5)
  }
  vm.func @f(%a: i32, %b: i32) -> i32 {
    %t = vm.call @mid(%a, %b) : (i32, i32) -> i32 loc("f.mlir":20:3)
    vm.return %t : i32 loc("f.mlir":21:3)
  }
  vm.export @f
}
