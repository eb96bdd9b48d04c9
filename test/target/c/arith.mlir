// RUN: %vm-to-c %s | FileCheck %s

// CHECK: #include "kiln/c/module.h"
// CHECK: #include "kiln/c/ops.h"
vm.module @arith {
  // CHECK-LABEL: arith_f_i32_ops({{.*}}) {
  vm.func @i32_ops(%a: i32, %b: i32) -> i32 {
    // The preparation pipeline's canonicalizer hoists constants.
    // CHECK: = INT32_MIN;
    // CHECK: = kiln_add_i32(v0, v1);
    %0 = vm.add.i32 %a, %b : i32
    // CHECK: = kiln_mul_i32(
    %1 = vm.mul.i32 %0, %b : i32
    // CHECK: = kiln_shr_i32_u(
    %2 = vm.shr.i32.u %1, %a : i32
    // CHECK: if (kiln_div_i32_s(v{{[0-9]+}}, v{{[0-9]+}}, &v{{[0-9]+}}) != KILN_OP_OK) {
    // CHECK-NEXT: st = S->make_status(exec, KILN_STATUS_INVALID_ARGUMENT, "integer division by zero", -1, &arith_loc{{[0-9]+}}); goto cleanup;
    %3 = vm.div.i32.s %2, %b : i32
    // CHECK: kiln_rem_i32_u(
    %4 = vm.rem.i32.u %3, %b : i32
    %c = vm.const.i32 -2147483648
    // CHECK: = kiln_xor_i32(
    %5 = vm.xor.i32 %4, %c : i32
    // CHECK: *r0 = v{{[0-9]+}};
    // CHECK-NEXT: goto cleanup;
    vm.return %5 : i32
  }
  vm.export @i32_ops

  // CHECK-LABEL: arith_f_i64_ops({{.*}}) {
  vm.func @i64_ops(%a: i64, %b: i64) -> i64 {
    // CHECK: = INT64_C(1099511627776);
    %c = vm.const.i64 1099511627776
    // CHECK: = kiln_sub_i64(
    %0 = vm.sub.i64 %a, %c : i64
    // CHECK: kiln_div_i64_u(
    %1 = vm.div.i64.u %0, %b : i64
    vm.return %1 : i64
  }
  vm.export @i64_ops

  // CHECK-LABEL: arith_f_float_ops({{.*}}) {
  vm.func @float_ops(%a: f32, %b: f64) -> (f32, f64, f32) {
    // CHECK: = kiln_bitcast_i32_f32((int32_t)0x7fc00000u);
    // CHECK: = 0x1.8p+0f;
    %c = vm.const.f32 1.5
    // CHECK: = kiln_fma_f32(
    %0 = vm.fma.f32 %a, %c, %a : f32
    // CHECK: = kiln_sqrt_f64(
    %1 = vm.sqrt.f64 %b : f64
    // CHECK: = kiln_round_even_f32(
    %2 = vm.round.f32.even %0 : f32
    %nan = vm.const.f32 0x7FC00000
    // CHECK: = kiln_min_f32(
    %3 = vm.min.f32 %2, %a : f32
    vm.return %3, %1, %nan : f32, f64, f32
  }
  vm.export @float_ops
}
