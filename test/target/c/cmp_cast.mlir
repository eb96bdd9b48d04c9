// RUN: %vm-to-c %s | FileCheck %s

// Integer compares are C expressions giving 0 or 1 (unsigned ones compare
// uint32_t); float compares and casts are kiln/c/ops.h helpers.
vm.module @cmpcast {
  // CHECK-LABEL: static {{[a-z0-9_]+}} cmpcast_f_compare({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  vm.func @compare(%a: i32, %b: i32, %x: f32, %y: f64) -> i32 {
    // CHECK: #line [[#@LINE+2]] "{{.*}}cmp_cast.mlir"
    // CHECK: [[EQ:v[0-9]+]] = (int32_t) ({{v[0-9]+}} == {{v[0-9]+}});
    %0 = vm.cmp.eq.i32 %a, %b : i32
    // CHECK: [[LT:v[0-9]+]] = (int32_t) ((uint32_t) {{v[0-9]+}} < (uint32_t) {{v[0-9]+}});
    %1 = vm.cmp.lt.i32.u %a, %b : i32
    // CHECK: [[NZ:v[0-9]+]] = (int32_t) ({{v[0-9]+}} != 0);
    %2 = vm.cmp.nz.i32 %a : i32
    // CHECK: {{v[0-9]+}} = kiln_cmp_lt_f32_o({{v[0-9]+}}, {{v[0-9]+}});
    %half = vm.const.f32 0.5
    %3 = vm.cmp.lt.f32.o %x, %half : f32
    // CHECK: {{v[0-9]+}} = kiln_cmp_nan_f64({{v[0-9]+}});
    %4 = vm.cmp.nan.f64 %y : f64
    // select: %0 ? %1 : %2.
    // CHECK: #line [[#@LINE+5]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[F:v[0-9]+]] = [[NZ]];
    // CHECK-NEXT: [[T:v[0-9]+]] = [[LT]];
    // CHECK-NEXT: [[C:v[0-9]+]] = [[EQ]];
    // CHECK-NEXT: {{v[0-9]+}} = [[C]] != 0 ? [[T]] : [[F]];
    %5 = vm.select.i32 %0, %1, %2 : i32
    %6 = vm.add.i32 %5, %3 : i32
    %7 = vm.add.i32 %6, %4 : i32
    // CHECK-NOT: kiln_fail
    // CHECK: return
    vm.return %7 : i32
  }
  vm.export @compare

  // CHECK-LABEL: static {{[a-z0-9_]+}} cmpcast_f_casts({{.*}}) {
  vm.func @casts(%a: i32, %f: f32) -> (i64, f32, i32, f64) {
    // CHECK: #line [[#@LINE+2]] "{{.*}}cmp_cast.mlir"
    // CHECK: {{v[0-9]+}} = kiln_ext_i32_i64_s({{v[0-9]+}});
    %0 = vm.ext.i32.i64.s %a : i32 -> i64
    // CHECK: {{v[0-9]+}} = kiln_cast_si32_f32({{v[0-9]+}});
    %1 = vm.cast.si32.f32 %a : i32 -> f32
    // CHECK: [[I:v[0-9]+]] = kiln_cast_f32_si32({{v[0-9]+}});
    %2 = vm.cast.f32.si32 %f : f32 -> i32
    // The truncation reads the cast's result.
    // CHECK: #line [[#@LINE+3]] "{{.*}}cmp_cast.mlir"
    // CHECK-NEXT: [[IV:v[0-9]+]] = [[I]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_trunc_i32_i8([[IV]]);
    %3 = vm.trunc.i32.i8 %2 : i32 -> i32
    // CHECK: {{v[0-9]+}} = kiln_ext_f32_f64({{v[0-9]+}});
    %4 = vm.ext.f32.f64 %f : f32 -> f64
    vm.return %0, %1, %3, %4 : i64, f32, i32, f64
  }
  vm.export @casts
}
