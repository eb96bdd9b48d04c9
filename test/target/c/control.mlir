// RUN: %vm-to-c %s | FileCheck %s

vm.module @control {
  // Internal functions are direct C calls with typed parameters.
  // CHECK: KILN_MODULE_MAYBE_UNUSED static {{[a-z0-9_]+}} control_f_fib(kiln_exec_t* {{v[0-9]+}}, control_state_t* {{v[0-9]+}}, {{.*}}int32_t {{v[0-9]+}}{{.*}});
  // Locations: static records pointing back to the .mlir, with the op's
  // number in its function (the trace offset).
  // CHECK: static const kiln_source_loc_t [[CALL1:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+67]], 11, 6, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[CALL2:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+89]], 11, 8, NULL, NULL};
  vm.func private @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_fib({{.*}}) {
    // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
    // A light function keeps the fuel in a local (kiln/c/module.h, "Light
    // functions' fuel"); a small recursive one checks the native stack at
    // every eighth depth before the first call of a block, not on entry.
    // CHECK: [[FUEL:v[0-9]+]] = kiln_light_fuel_param(
    // CHECK: = kiln_light_enter_fuel([[EXEC]], [[DEPTH:v[0-9]+]], 0, &[[FUEL:v[0-9]+]]);
    // CHECK-NOT: kiln_light_stack_check
    // CHECK: } else {
    // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
    // CHECK: [[ENTRY]]:
    // CHECK-NEXT: [[NV:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: goto
    // The compare (its constant folded in) is the branch condition.
    // CHECK: #line [[#@LINE-15]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[N0:v[0-9]+]] = [[NV]];
    // CHECK-NEXT: [[LT:v[0-9]+]] = kiln_cmp_lt_i32_s([[N0]], 2);
    // CHECK-NEXT: #line [[#@LINE+6]] "{{.*}}control.mlir"
    // CHECK-NEXT: if ([[LT]] != 0) {
    // CHECK-NEXT: goto [[BASE:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[RECURSE:label[0-9]+]];
    // CHECK-NEXT: }
    vm.cond_br %small, ^base, ^recurse
  ^base:
    // CHECK-NEXT: [[BASEBLK:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[NR:v[0-9]+]] = [[NV]];
    // CHECK-NEXT: {{v[0-9]+}}.r0 = [[NR]];
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    vm.return %n : i32
  ^recurse:
    %c1 = vm.const.i32 1
    // The call records its location in the frame first, passes the depth
    // plus one, and leaves on a failed status.
    // CHECK-NEXT: [[RECBLK:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+25]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[NA:v[0-9]+]] = [[NV]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = kiln_sub_i32([[NA]], 1);
    // CHECK-NEXT: #line [[#@LINE+23]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = kiln_light_stack_check_fuel([[EXEC]], [[DEPTH]], 0, {{[0-9]+}}, &[[FUEL]]);
    // CHECK: } else {
    // CHECK-NEXT: goto [[TICKBLK1:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[TICKBLK1]]:
    // CHECK-NEXT: {{v[0-9]+}} = kiln_light_fuel_tick([[EXEC]], &[[FUEL]]);
    // CHECK: } else {
    // CHECK-NEXT: goto [[CALLBLK1:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[CALLBLK1]]:
    // CHECK-NEXT: [[FUEL1:v[0-9]+]] = [[FUEL]];
    // CHECK-NEXT: [[FH:v[0-9]+]]->loc = &[[CALL1]];
    // CHECK-NEXT: [[RET1:v[0-9]+]] = control_f_fib([[EXEC]], [[STATE:v[0-9]+]], [[DEPTH]] + 1, [[FUEL1]], [[N1]]);
    // CHECK-NEXT: [[W1:v[0-9]+]] = [[RET1]].st;
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_light_status([[W1]]);
    // CHECK-NEXT: [[S1:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD1:v[0-9]+]] = [[S1]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD1]]) {
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK: [[FUEL]] = kiln_light_fuel_left([[W1]]);
    // CHECK-NEXT: [[F1:v[0-9]+]] = [[RET1]].r0;
    %n1 = vm.sub.i32 %n, %c1 : i32
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    // CHECK-NEXT: #line [[#@LINE-1]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[NB:v[0-9]+]] = [[NV]];
    // CHECK-NEXT: [[N2:v[0-9]+]] = kiln_sub_i32([[NB]], 2);
    // The block's second call is covered by its first one's stack check.
    // CHECK-NEXT: #line [[#@LINE+17]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = kiln_light_fuel_tick([[EXEC]], &[[FUEL]]);
    // CHECK: } else {
    // CHECK-NEXT: goto [[CALLBLK2:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[CALLBLK2]]:
    // CHECK-NEXT: [[FUEL2:v[0-9]+]] = [[FUEL]];
    // CHECK-NEXT: [[FH]]->loc = &[[CALL2]];
    // CHECK-NEXT: [[RET2:v[0-9]+]] = control_f_fib([[EXEC]], [[STATE]], [[DEPTH]] + 1, [[FUEL2]], [[N2]]);
    // CHECK-NEXT: [[W2:v[0-9]+]] = [[RET2]].st;
    // CHECK-NEXT: [[ST]] = kiln_light_status([[W2]]);
    // CHECK-NEXT: [[S2:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD2:v[0-9]+]] = [[S2]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD2]]) {
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK: [[FUEL]] = kiln_light_fuel_left([[W2]]);
    // CHECK-NEXT: [[F2:v[0-9]+]] = [[RET2]].r0;
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[SUM:v[0-9]+]] = kiln_add_i32([[F1]], [[F2]]);
    %sum = vm.add.i32 %f1, %f2 : i32
    // CHECK-NEXT: #line [[#@LINE+10]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}}.r0 = [[SUM]];
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK-NEXT: [[EXIT]]:
    // CHECK: kiln_light_exit([[EXEC]], {{v[0-9]+}}, 0, {{v[0-9]+}}, {{v[0-9]+}});
    // The cond_br's targets are reached through its own branch blocks.
    // CHECK: [[BASE]]:
    // CHECK-NEXT: goto [[BASEBLK]];
    // CHECK-NEXT: [[RECURSE]]:
    // CHECK-NEXT: goto [[RECBLK]];
    vm.return %sum : i32
  }

  // CHECK: static const kiln_source_loc_t [[CALL3:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+76]], 10, 8, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_loop({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel([[EXEC]], [[DEPTH:v[0-9]+]], 1, &{{v[0-9]+}});
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[NV:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @loop(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    // Block arguments are a parallel copy on the edge: every source is read
    // before any block argument is written (the constant is written as is).
    // CHECK: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[I:v[0-9]+]] = 0;
    // CHECK-NEXT: [[ACC:v[0-9]+]] = 0;
    // CHECK-NEXT: goto [[HEAD:label[0-9]+]];
    vm.br ^head(%zero, %zero : i32, i32)
  ^head(%i: i32, %acc: i32):
    // The compare (canonicalized to %i < %n) is the branch condition.
    // CHECK-NEXT: [[HEAD]]:
    // CHECK-NEXT: {{v[0-9]+}} = kiln_light_fuel_tick({{v[0-9]+}}, &{{v[0-9]+}});
    // CHECK: } else {
    // CHECK-NEXT: goto [[HEADBODY:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[HEADBODY]]:
    // CHECK-NEXT: #line [[#@LINE+10]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[IV:v[0-9]+]] = [[I]];
    // CHECK-NEXT: [[NV1:v[0-9]+]] = [[NV]];
    // CHECK-NEXT: [[LT2:v[0-9]+]] = kiln_cmp_lt_i32_s([[IV]], [[NV1]]);
    // CHECK-NEXT: #line [[#@LINE+7]] "{{.*}}control.mlir"
    // CHECK-NEXT: if ([[LT2]] != 0) {
    // CHECK-NEXT: goto [[TOBODY:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[TOEXIT:label[0-9]+]];
    // CHECK-NEXT: }
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit(%acc : i32), ^body
  ^body:
    // CHECK-NEXT: [[BODY:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[A1:v[0-9]+]] = [[ACC]];
    // CHECK-NEXT: [[I1:v[0-9]+]] = [[I]];
    // CHECK-NEXT: [[ACC2:v[0-9]+]] = kiln_add_i32([[A1]], [[I1]]);
    %acc2 = vm.add.i32 %acc, %i : i32
    %one = vm.const.i32 1
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[I1B:v[0-9]+]] = [[I]];
    // CHECK-NEXT: [[I2:v[0-9]+]] = kiln_add_i32([[I1B]], 1);
    %i2 = vm.add.i32 %i, %one : i32
    // The back edge: (%i, %acc) = (%i2, %acc2).
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[I]] = [[I2]];
    // CHECK-NEXT: [[ACC]] = [[ACC2]];
    // CHECK-NEXT: goto [[HEAD]];
    vm.br ^head(%i2, %acc2 : i32, i32)
  ^exit(%r: i32):
    // CHECK-NEXT: [[EXITBLK:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+18]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = kiln_light_fuel_tick([[EXEC]], &[[LFUEL:v[0-9]+]]);
    // CHECK: } else {
    // CHECK-NEXT: goto [[CALLBLK3:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[CALLBLK3]]:
    // CHECK-NEXT: [[FV:v[0-9]+]] = [[LFUEL]];
    // CHECK-NEXT: [[RV:v[0-9]+]] = [[R:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[CALL3]];
    // CHECK-NEXT: [[RET:v[0-9]+]] = control_f_fib([[EXEC]], {{v[0-9]+}}, [[DEPTH]] + 1, [[FV]], [[RV]]);
    // CHECK: [[F:v[0-9]+]] = [[RET]].r0;
    // CHECK-NEXT: #line [[#@LINE+8]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}}.r0 = [[F]];
    // CHECK: [[TOBODY]]:
    // CHECK-NEXT: goto [[BODY]];
    // CHECK-NEXT: [[TOEXIT]]:
    // CHECK-NEXT: [[R]] = [[ACC]];
    // CHECK-NEXT: goto [[EXITBLK]];
    %f = vm.call @fib(%r) : (i32) -> i32
    vm.return %f : i32
  }
  vm.export @loop

  // CHECK: static const kiln_source_loc_t [[FAILLOC:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+55]], 5, 5, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_table({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[IVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @table(%i: i32) -> i32 {
    // vm.br_table compares the index with each case in turn.
    // CHECK: #line [[#@LINE+15]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[IDX:v[0-9]+]] = [[IVAR]];
    // CHECK-NEXT: if ([[IDX]] == 0) {
    // CHECK-NEXT: goto [[CASE0:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[NEXT:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[NEXT]]:
    // CHECK-NEXT: if ([[IDX]] == 1) {
    // CHECK-NEXT: goto [[CASE1:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[DEFAULT:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[DEFAULT]]:
    // CHECK-NEXT: goto [[D:label[0-9]+]];
    vm.br_table %i {
      default: ^d,
      0: ^a,
      1: ^b(%i : i32)
    }
  ^a:
    // CHECK-NEXT: [[A:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}}.r0 = 10;
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    %c10 = vm.const.i32 10
    vm.return %c10 : i32
  ^b(%x: i32):
    // CHECK-NEXT: [[B:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[XV:v[0-9]+]] = [[X:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}}.r0 = [[XV]];
    // CHECK-NEXT: goto [[EXIT]];
    vm.return %x : i32
  ^d:
    %s = vm.const.i32 9
    // vm.fail fails with its status operand (the constant, folded in) and
    // message.
    // CHECK-NEXT: [[D]]:
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = kiln_fail([[EXEC]], 9, "no such case", {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[FAILLOC]];
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK-NEXT: [[EXIT]]:
    vm.fail %s, "no such case"
    // CHECK: [[CASE0]]:
    // CHECK-NEXT: goto [[A]];
    // Case 1 passes the index to ^b.
    // CHECK-NEXT: [[CASE1]]:
    // CHECK-NEXT: [[X]] = [[IVAR]];
    // CHECK-NEXT: goto [[B]];
  }
  vm.export @table

  // CHECK: static const kiln_source_loc_t [[CFLOC:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+35]], 5, 3, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_checked({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[CVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @checked(%c: i32) {
    %s = vm.const.i32 3
    // (canonicalized into a branch to a vm.fail, the status passed as a
    // block argument)
    // CHECK: #line [[#@LINE+22]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[CV:v[0-9]+]] = [[CVAR]];
    // CHECK-NEXT: if ([[CV]] != 0) {
    // CHECK-NEXT: goto [[FAILEDGE:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[OKEDGE:label[0-9]+]];
    // CHECK-NEXT: }
    // CHECK-NEXT: [[OK:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+15]] "{{.*}}control.mlir"
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    // CHECK-NEXT: [[FAIL:label[0-9]+]]:
    // CHECK-NEXT: #line [[#@LINE+11]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[CODE:v[0-9]+]] = [[FAILARG:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_fail([[EXEC]], [[CODE]], "bad input", {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[CFLOC]];
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK-NEXT: [[EXIT]]:
    // CHECK: [[FAILEDGE]]:
    // CHECK-NEXT: [[FAILARG]] = 3;
    // CHECK-NEXT: goto [[FAIL]];
    // CHECK-NEXT: [[OKEDGE]]:
    // CHECK-NEXT: goto [[OK]];
    vm.cond_fail %c, %s, "bad input"
    vm.return
  }
  vm.export @checked as("checked_export")


  // Exports take packed arguments/results through one entry per exported
  // function; the function table lists every function (fib first, with no
  // entry: it is not exported) and the exports index into it.
  // CHECK-NOT: control_e_fib
  // CHECK: static kiln_status_t control_e_checked(kiln_exec_t* {{v[0-9]+}}, void* {{v[0-9]+}}, const void* {{v[0-9]+}}, void* {{v[0-9]+}}) {
  // CHECK: static const kiln_function_desc_t control_functions[4] = {
  // CHECK-NEXT: {"fib", "0i_i", NULL, sizeof(kiln_frame_header_t), 0},
  // CHECK-NEXT: {"loop", "0i_i", control_e_loop, sizeof(kiln_frame_header_t), 0},
  // CHECK-NEXT: {"table", "0i_i", control_e_table, sizeof(kiln_frame_header_t), 0},
  // CHECK-NEXT: {"checked", "0i_v", control_e_checked, sizeof(kiln_frame_header_t), 0},
  // CHECK-NEXT: };
  // CHECK: static const kiln_export_desc_t control_exports[3] = {
  // CHECK-NEXT: {"loop", "0i_i", 1},
  // CHECK-NEXT: {"table", "0i_i", 2},
  // CHECK-NEXT: {"checked_export", "0i_v", 3},
  // CHECK-NEXT: };
  // CHECK: 3, control_exports,
  // CHECK-NEXT: 4, control_functions,
  // CHECK: const kiln_module_desc_t* kiln_module_v1_get(void) { return &control_descriptor; }
}
