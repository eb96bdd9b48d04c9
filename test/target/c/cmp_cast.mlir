// RUN: %vm-to-c %s | FileCheck %s

// Integer and float compares and casts are kiln/c/ops.h helpers (the
// functions the interpreter calls: kiln_cmp_lt_i32_u, ...). These
// functions never suspend: an operand is read where its op stands, and a
// single-use compare (a C expression) is folded into the expression using
// it.
vm.module @cmpcast {
  // CHECK-LABEL: static {{[a-z0-9_]+}} cmpcast_f_compare({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // The arguments are copied into their block-argument variables.
  // CHECK-NEXT: [[AV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[BV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[XV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[YV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @compare(%a: i32, %b: i32, %x: f32, %y: f64) -> i32 {
    // CHECK: #line [[#@LINE+4]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[EA:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[EB:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[EQ:v[0-9]+]] = kiln_cmp_eq_i32([[EA]], [[EB]]);
    %0 = vm.cmp.eq.i32 %a, %b : i32
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[LA:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[LB:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[LT:v[0-9]+]] = kiln_cmp_lt_i32_u([[LA]], [[LB]]);
    %1 = vm.cmp.lt.i32.u %a, %b : i32
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[NA:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[NZ:v[0-9]+]] = kiln_cmp_nz_i32([[NA]]);
    %2 = vm.cmp.nz.i32 %a : i32
    // The constant is an exact hex float.
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[X:v[0-9]+]] = [[XV]];
    // CHECK-NEXT: [[FLT:v[0-9]+]] = kiln_cmp_lt_f32_o([[X]], 0x1p-1f);
    %half = vm.const.f32 0.5
    %3 = vm.cmp.lt.f32.o %x, %half : f32
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[Y:v[0-9]+]] = [[YV]];
    // CHECK-NEXT: [[NAN:v[0-9]+]] = kiln_cmp_nan_f64([[Y]]);
    %4 = vm.cmp.nan.f64 %y : f64
    // select: %0 ? %1 : %2 folded into the add using it.
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[S1:v[0-9]+]] = kiln_add_i32([[EQ]] != 0 ? [[LT]] : [[NZ]], [[FLT]]);
    %5 = vm.select.i32 %0, %1, %2 : i32
    %6 = vm.add.i32 %5, %3 : i32
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[S2:v[0-9]+]] = kiln_add_i32([[S1]], [[NAN]]);
    %7 = vm.add.i32 %6, %4 : i32
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: *{{v[0-9]+}} = [[S2]];
    // CHECK-NOT: kiln_fail
    // CHECK: return
    vm.return %7 : i32
  }
  vm.export @compare

  // CHECK-LABEL: static {{[a-z0-9_]+}} cmpcast_f_casts({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NEXT: [[AV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[FV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @casts(%a: i32, %f: f32) -> (i64, f32, i32, f64) {
    // CHECK: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[A1:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[EXT:v[0-9]+]] = kiln_ext_i32_i64_s([[A1]]);
    %0 = vm.ext.i32.i64.s %a : i32 -> i64
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[A2:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[SF:v[0-9]+]] = kiln_cast_si32_f32([[A2]]);
    %1 = vm.cast.si32.f32 %a : i32 -> f32
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[F1:v[0-9]+]] = [[FV]];
    // CHECK-NEXT: [[I:v[0-9]+]] = kiln_cast_f32_si32([[F1]]);
    %2 = vm.cast.f32.si32 %f : f32 -> i32
    // The truncation reads the cast's result.
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[TR:v[0-9]+]] = kiln_trunc_i32_i8([[I]]);
    %3 = vm.trunc.i32.i8 %2 : i32 -> i32
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[F2:v[0-9]+]] = [[FV]];
    // CHECK-NEXT: [[FE:v[0-9]+]] = kiln_ext_f32_f64([[F2]]);
    %4 = vm.ext.f32.f64 %f : f32 -> f64
    // The results go out through their pointers, in order.
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: *{{v[0-9]+}} = [[EXT]];
    // CHECK-NEXT: *{{v[0-9]+}} = [[SF]];
    // CHECK-NEXT: *{{v[0-9]+}} = [[TR]];
    // CHECK-NEXT: *{{v[0-9]+}} = [[FE]];
    vm.return %0, %1, %3, %4 : i64, f32, i32, f64
  }
  vm.export @casts
}
