// RUN: %vm-to-c %s | FileCheck %s

// Every arithmetic op is a call to its kiln/c/ops.h helper, after a #line
// directive naming the op's line. Division and remainder check for a zero
// divisor: the helper's nonzero result branches to a cold block that fails
// with the interpreter's status and message at the op's location record.
// This function never suspends, so op results are C temporaries and a
// single-use one (a constant too) is folded into the expression using it.

// CHECK: #include "kiln/c/module.h"
// CHECK: #include "kiln/c/ops.h"
// CHECK: static const kiln_source_loc_t [[DIVLOC:arith_loc[0-9]+]] = {"{{.*}}arith.mlir", [[#@LINE+28]], 10, 4, NULL, NULL};
// CHECK: static const kiln_source_loc_t [[REMLOC:arith_loc[0-9]+]] = {"{{.*}}arith.mlir", [[#@LINE+35]], 10, 5, NULL, NULL};
vm.module @arith {
  // CHECK-LABEL: static {{[a-z0-9_]+}} arith_f_i32_ops({{.*}}) {
  // It can fail, so it runs in a light frame (function 0).
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel([[EXEC]], {{(v[0-9]+, )?}}0, &{{v[0-9]+}});
  vm.func @i32_ops(%a: i32, %b: i32) -> i32 {
    // The arguments are block-argument variables, read before each use.
    // CHECK: #line [[#@LINE+5]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[A:v[0-9]+]] = [[AV:v[0-9]+]];
    // CHECK-NEXT: [[B:v[0-9]+]] = [[BV:v[0-9]+]];
    // CHECK-NEXT: [[SUM:v[0-9]+]] = kiln_add_i32([[A]], [[B]]);
    // CHECK-NOT: kiln_
    %0 = vm.add.i32 %a, %b : i32
    // CHECK: #line [[#@LINE+3]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[B1:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[MUL:v[0-9]+]] = kiln_mul_i32([[SUM]], [[B1]]);
    %1 = vm.mul.i32 %0, %b : i32
    // CHECK: #line [[#@LINE+3]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[A1:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[SHR:v[0-9]+]] = kiln_shr_i32_u([[MUL]], [[A1]]);
    %2 = vm.shr.i32.u %1, %a : i32
    // CHECK: #line [[#@LINE+5]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[B2:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[DIVST:v[0-9]+]] = kiln_div_i32_s([[SHR]], [[B2]], &[[Q:v[0-9]+]]);
    // CHECK-NEXT: if ([[DIVST]] != 0) {
    // CHECK-NEXT: goto [[DIVFAIL:label[0-9]+]];
    %3 = vm.div.i32.s %2, %b : i32
    // The remainder reads the quotient.
    // CHECK: [[QV:v[0-9]+]] = [[Q]];
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[B3:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[REMST:v[0-9]+]] = kiln_rem_i32_u([[QV]], [[B3]], &[[R:v[0-9]+]]);
    // CHECK-NEXT: if ([[REMST]] != 0) {
    // CHECK-NEXT: goto [[REMFAIL:label[0-9]+]];
    %4 = vm.rem.i32.u %3, %b : i32
    %c = vm.const.i32 -2147483648
    // The hoisted constant is folded into the xor.
    // CHECK: [[RV:v[0-9]+]] = [[R]];
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[XOR:v[0-9]+]] = kiln_xor_i32([[RV]], INT32_MIN);
    %5 = vm.xor.i32 %4, %c : i32
    // The result goes out (through its pointer or beside the status), then
    // to the exit, which leaves the light frame.
    // CHECK-NEXT: #line [[#@LINE+9]] "{{.*}}arith.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[XOR]];
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    // CHECK: [[EXIT]]:
    // CHECK: kiln_light_exit([[EXEC]], {{v[0-9]+}}, 0, {{v[0-9]+}}, {{v[0-9]+}});
    // CHECK: [[DIVFAIL]]:
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_op_fault([[EXEC]], KILN_FAULT_DIV_BY_ZERO, {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[DIVLOC]];
    // CHECK-NEXT: goto [[EXIT]];
    vm.return %5 : i32
    // CHECK: [[REMFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_DIV_BY_ZERO, {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[REMLOC]];
    // CHECK-NEXT: goto [[EXIT]];
  }
  vm.export @i32_ops

  // CHECK: static const kiln_source_loc_t [[DIV64LOC:arith_loc[0-9]+]] = {"{{.*}}arith.mlir", [[#@LINE+16]], 10, 2, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} arith_f_i64_ops({{.*}}) {
  vm.func @i64_ops(%a: i64, %b: i64) -> i64 {
    // The constant is folded into the subtraction.
    // CHECK: #line [[#@LINE+4]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[A:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[DIFF:v[0-9]+]] = kiln_sub_i64([[A]], INT64_C(1099511627776));
    %c = vm.const.i64 1099511627776
    %0 = vm.sub.i64 %a, %c : i64
    // CHECK-NEXT: #line [[#@LINE+7]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[ST64:v[0-9]+]] = kiln_div_i64_u([[DIFF]], [[B]], &[[Q64:v[0-9]+]]);
    // CHECK-NEXT: if ([[ST64]] != 0) {
    // CHECK: [[QV64:v[0-9]+]] = [[Q64]];
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}arith.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[QV64]];
    %1 = vm.div.i64.u %0, %b : i64
    vm.return %1 : i64
    // CHECK: = kiln_op_fault({{v[0-9]+}}, KILN_FAULT_DIV_BY_ZERO, {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[DIV64LOC]];
  }
  vm.export @i64_ops

  // Nothing here can fail: no frame, no failure path.
  // CHECK-LABEL: static {{[a-z0-9_]+}} arith_f_float_ops({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NOT: kiln_light_enter
  vm.func @float_ops(%a: f32, %b: f64) -> (f32, f64, f32) {
    // 1.5 is an exact hex float, folded into the fma.
    // CHECK: #line [[#@LINE+6]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[A:v[0-9]+]] = [[AV:v[0-9]+]];
    // CHECK-NEXT: [[A2:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[FMA:v[0-9]+]] = kiln_fma_f32([[A]], 0x1.8p+0f, [[A2]]);
    %c = vm.const.f32 1.5
    // CHECK-NOT: kiln_
    %0 = vm.fma.f32 %a, %c, %a : f32
    // CHECK: #line [[#@LINE+3]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[SQRT:v[0-9]+]] = kiln_sqrt_f64([[B]]);
    %1 = vm.sqrt.f64 %b : f64
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[ROUND:v[0-9]+]] = kiln_round_even_f32([[FMA]]);
    %2 = vm.round.f32.even %0 : f32
    %nan = vm.const.f32 0x7FC00000
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}arith.mlir"
    // CHECK-NEXT: [[A3:v[0-9]+]] = [[AV]];
    // CHECK-NEXT: [[MIN:v[0-9]+]] = kiln_min_f32([[ROUND]], [[A3]]);
    %3 = vm.min.f32 %2, %a : f32
    // The results go out through their pointers; the third is the NaN, a
    // bit pattern.
    // CHECK-NEXT: #line [[#@LINE+6]] "{{.*}}arith.mlir"
    // CHECK-NEXT: *{{v[0-9]+}} = [[MIN]];
    // CHECK-NEXT: *{{v[0-9]+}} = [[SQRT]];
    // CHECK-NEXT: *{{v[0-9]+}} = kiln_bitcast_i32_f32((int32_t)0x7fc00000u);
    // CHECK-NOT: kiln_fail
    // CHECK: return {{v[0-9]+}};
    vm.return %3, %1, %nan : f32, f64, f32
  }
  vm.export @float_ops
}
