// RUN: vm-translate --vm-to-emitc %s | FileCheck %s
// The emitc form is plain upstream emitc: mlir-translate prints it as C that
// compiles like --vm-to-c's.
// RUN: vm-translate --vm-to-emitc %s | mlir-translate --mlir-to-cpp --declare-variables-at-top > %t.c
// RUN: %cc -fsyntax-only %t.c

// --vm-to-emitc prints the module as the emitc IR that --vm-to-c prints as
// C: one emitc.func per vm.func, runtime helpers as emitc.call_opaque,
// calls between functions as emitc.call, blocks and branches as cf.
// CHECK: emitc.include "kiln/c/module.h"
// CHECK: emitc.include "kiln/c/ops.h"
// Prototypes are verbatim text (see VMToC.cpp: printing emitc.declare_func
// scans the module per function).
// CHECK: emitc.verbatim "KILN_MODULE_MAYBE_UNUSED static kiln_status_t ef_f_callee(kiln_exec_t* v1, ef_state_t* v2, int32_t v3, int32_t* v4);"
// CHECK: emitc.verbatim "KILN_MODULE_MAYBE_UNUSED static ef_ret_f_t ef_f_f(kiln_exec_t* v1, ef_state_t* v2, int32_t v3, int64_t v4, int32_t v5, int32_t v6);"
vm.module @ef {
  // CHECK-LABEL: emitc.func @ef_f_callee(%arg0: !emitc.ptr<!emitc.opaque<"kiln_exec_t">>, %arg1: !emitc.ptr<!emitc.opaque<"ef_state_t">>, %arg2: i32, %arg3: !emitc.ptr<i32>) -> !emitc.opaque<"kiln_status_t">
  // CHECK: verbatim "#line [[#@LINE+6]] \22{{.*}}emitc_form.mlir\22"
  // CHECK: call_opaque "kiln_add_i32"(%{{[0-9]+}}, %{{[0-9]+}}) : (i32, i32) -> i32
  // CHECK: dereference %arg3 : !emitc.ptr<i32>
  // CHECK: return %{{[0-9]+}} : !emitc.opaque<"kiln_status_t">
  vm.func private @callee(%x: i32) -> i32 attributes {noinline} {
    %c = vm.const.i32 7
    %r = vm.add.i32 %x, %c : i32
    vm.return %r : i32
  }
  // A source location is a static const kiln_source_loc_t, verbatim.
  // CHECK: emitc.verbatim "static const kiln_source_loc_t [[LOC:ef_loc[0-9]+]] = {\22{{.*}}emitc_form.mlir\22, [[#@LINE+16]], 10, 2, NULL, NULL};"
  // CHECK-LABEL: emitc.func @ef_f_f(
  // CHECK: call_opaque "kiln_light_enter_fuel"(%arg0,
  // CHECK: call_opaque "kiln_add_i32"(%{{[0-9]+}}, %{{[0-9]+}}) : (i32, i32) -> i32
  // CHECK: verbatim "#line [[#@LINE+10]] \22{{.*}}emitc_form.mlir\22"
  // CHECK: %[[C:[0-9]+]] = cmp ne, %{{[0-9]+}}, %{{[0-9]+}} : (i32, i32) -> i1
  // CHECK-NEXT: cf.cond_br %[[C]], ^bb{{[0-9]+}}, ^bb{{[0-9]+}}
  // CHECK: verbatim "#line [[#@LINE+9]] \22{{.*}}emitc_form.mlir\22"
  // CHECK: literal "&[[LOC]]"
  // CHECK: %{{[0-9]+}} = call_opaque "ef_f_callee"(%arg0, %arg1, %{{[0-9]+}}, %{{[0-9]+}}) : (!emitc.ptr<!emitc.opaque<"kiln_exec_t">>, !emitc.ptr<!emitc.opaque<"ef_state_t">>, i32, !emitc.ptr<i32>) -> !emitc.opaque<"kiln_status_t">
  // CHECK: cf.cond_br
  // CHECK: call_opaque "kiln_light_exit"(%arg0,
  vm.func @f(%a: i32, %b: i32) -> i32 {
    %s = vm.add.i32 %a, %b : i32
    vm.cond_br %a, ^then, ^else
  ^then:
    %t = vm.call @callee(%s) : (i32) -> i32
    vm.return %t : i32
  ^else:
    vm.return %b : i32
  }
  vm.export @f
  // The export's entry calls @f; the descriptor tables are emitc.globals.
  // CHECK-LABEL: emitc.func @ef_e_f(
  // CHECK: call_opaque "ef_f_f"(%arg0,
  // CHECK: emitc.global static const @ef_functions : !emitc.array<2x!emitc.opaque<"kiln_function_desc_t">> = #emitc.opaque<"{\0A  {\22callee\22, \220i_i\22, NULL, sizeof(kiln_frame_header_t), 0},\0A  {\22f\22, \220ii_i\22, ef_e_f, sizeof(kiln_frame_header_t), 0},\0A}">
  // CHECK: emitc.global static const @ef_exports : !emitc.array<1x!emitc.opaque<"kiln_export_desc_t">> = #emitc.opaque<"{\0A  {\22f\22, \220ii_i\22, 1},\0A}">
}
