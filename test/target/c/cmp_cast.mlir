// RUN: %vm-to-c %s | FileCheck %s

vm.module @cmpcast {
  // CHECK-LABEL: cmpcast_f_compare({{.*}}) {
  vm.func @compare(%a: i32, %b: i32, %x: f32, %y: f64) -> i32 {
    // CHECK: = v0 == v1;
    %0 = vm.cmp.eq.i32 %a, %b : i32
    // CHECK: = (uint32_t)v0 < (uint32_t)v1;
    %1 = vm.cmp.lt.i32.u %a, %b : i32
    // CHECK: = v0 != 0;
    %2 = vm.cmp.nz.i32 %a : i32
    // CHECK: = kiln_cmp_lt_f32_o(
    %half = vm.const.f32 0.5
    %3 = vm.cmp.lt.f32.o %x, %half : f32
    // CHECK: = kiln_cmp_nan_f64(
    %4 = vm.cmp.nan.f64 %y : f64
    // CHECK: = v{{[0-9]+}} ? v{{[0-9]+}} : v{{[0-9]+}};
    %5 = vm.select.i32 %0, %1, %2 : i32
    %6 = vm.add.i32 %5, %3 : i32
    %7 = vm.add.i32 %6, %4 : i32
    vm.return %7 : i32
  }
  vm.export @compare

  // CHECK-LABEL: cmpcast_f_casts({{.*}}) {
  vm.func @casts(%a: i32, %f: f32) -> (i64, f32, i32, f64) {
    // CHECK: = kiln_ext_i32_i64_s(
    %0 = vm.ext.i32.i64.s %a : i32 -> i64
    // CHECK: = kiln_cast_si32_f32(
    %1 = vm.cast.si32.f32 %a : i32 -> f32
    // CHECK: = kiln_cast_f32_si32(
    %2 = vm.cast.f32.si32 %f : f32 -> i32
    // CHECK: = kiln_trunc_i32_i8(
    %3 = vm.trunc.i32.i8 %2 : i32 -> i32
    // CHECK: = kiln_ext_f32_f64(
    %4 = vm.ext.f32.f64 %f : f32 -> f64
    vm.return %0, %1, %3, %4 : i64, f32, i32, f64
  }
  vm.export @casts
}
