// RUN: %vm-to-c %s | FileCheck %s

vm.module @control {
  // Internal functions are direct C calls with typed parameters.
  // CHECK: KILN_MODULE_MAYBE_UNUSED static {{[a-z0-9_]+}} control_f_fib(kiln_exec_t* {{v[0-9]+}}, control_state_t* {{v[0-9]+}}, {{.*}}int32_t {{v[0-9]+}}{{.*}});
  // Locations: static records pointing back to the .mlir, with the op's
  // number in its function (the trace offset).
  // CHECK: static const kiln_source_loc_t [[CALL1:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+27]], 11, 6, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[CALL2:control_loc[0-9]+]] = {"{{.*}}control.mlir", [[#@LINE+30]], 11, 8, NULL, NULL};
  vm.func private @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_fib({{.*}}) {
    // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
    // CHECK: [[SMALL:v[0-9]+]] = (int32_t) ({{v[0-9]+}} < {{v[0-9]+}});
    // CHECK: #line [[#@LINE+5]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[C:v[0-9]+]] = [[SMALL]];
    // CHECK-NEXT: if ([[C]] != 0) {
    // CHECK-NEXT: goto [[BASE:label[0-9]+]];
    // CHECK-NEXT: } else {
    vm.cond_br %small, ^base, ^recurse
  ^base:
    vm.return %n : i32
  ^recurse:
    %c1 = vm.const.i32 1
    // The call records its location in the frame first and leaves on a
    // failed status.
    // CHECK: [[N1:v[0-9]+]] = kiln_sub_i32(
    // CHECK-NEXT: #line [[#@LINE+6]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[ARG:v[0-9]+]] = [[N1]];
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[CALL1]];
    // CHECK-NEXT: {{v[0-9]+}} = control_f_fib([[EXEC]], {{v[0-9]+}}, {{(.*, )?}}[[ARG]]{{(, .*)?}});
    // CHECK: != KILN_OK;
    %n1 = vm.sub.i32 %n, %c1 : i32
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    // CHECK: {{v[0-9]+}}->loc = &[[CALL2]];
    // CHECK-NEXT: {{v[0-9]+}} = control_f_fib([[EXEC]],
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    %sum = vm.add.i32 %f1, %f2 : i32
    // The blocks follow in order, the cond_br's targets reached through
    // its own branch blocks.
    // CHECK: [[BASE]]:
    // CHECK-NEXT: goto
    vm.return %sum : i32
  }

  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_loop({{.*}}) {
  vm.func @loop(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    // Block arguments are a parallel copy on the edge: every source is read
    // before any block argument is written.
    // CHECK: #line [[#@LINE+6]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[Z1:v[0-9]+]] = [[ZERO:v[0-9]+]];
    // CHECK-NEXT: [[Z2:v[0-9]+]] = [[ZERO]];
    // CHECK-NEXT: [[I:v[0-9]+]] = [[Z1]];
    // CHECK-NEXT: [[ACC:v[0-9]+]] = [[Z2]];
    // CHECK-NEXT: goto [[HEAD:label[0-9]+]];
    vm.br ^head(%zero, %zero : i32, i32)
  ^head(%i: i32, %acc: i32):
    // CHECK: [[HEAD]]:
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}control.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = [[I]];
    // CHECK: = (int32_t) (
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit(%acc : i32), ^body
  ^body:
    // CHECK: [[ACC2:v[0-9]+]] = kiln_add_i32(
    %acc2 = vm.add.i32 %acc, %i : i32
    %one = vm.const.i32 1
    // CHECK: [[I2:v[0-9]+]] = kiln_add_i32(
    %i2 = vm.add.i32 %i, %one : i32
    // The back edge: (%i, %acc) = (%i2, %acc2).
    // CHECK: #line [[#@LINE+6]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[X:v[0-9]+]] = [[I2]];
    // CHECK-NEXT: [[Y:v[0-9]+]] = [[ACC2]];
    // CHECK-NEXT: [[I]] = [[X]];
    // CHECK-NEXT: [[ACC]] = [[Y]];
    // CHECK-NEXT: goto [[HEAD]];
    vm.br ^head(%i2, %acc2 : i32, i32)
  ^exit(%r: i32):
    // CHECK: = control_f_fib([[EXEC:v[0-9]+]],
    %f = vm.call @fib(%r) : (i32) -> i32
    vm.return %f : i32
  }
  vm.export @loop

  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_table({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  vm.func @table(%i: i32) -> i32 {
    // vm.br_table compares the index with each case in turn.
    // CHECK: [[NINE:v[0-9]+]] = 9;
    // CHECK: #line [[#@LINE+11]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[IDX:v[0-9]+]] = [[IVAR:v[0-9]+]];
    // CHECK-NEXT: if ([[IDX]] == 0) {
    // CHECK-NEXT: goto [[CASE0:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[NEXT:label[0-9]+]];
    // CHECK: [[NEXT]]:
    // CHECK-NEXT: if ([[IDX]] == 1) {
    // CHECK-NEXT: goto [[CASE1:label[0-9]+]];
    // CHECK-NEXT: } else {
    // CHECK-NEXT: goto [[DEFAULT:label[0-9]+]];
    vm.br_table %i {
      default: ^d,
      0: ^a,
      1: ^b(%i : i32)
    }
  ^a:
    %c10 = vm.const.i32 10
    vm.return %c10 : i32
  ^b(%x: i32):
    vm.return %x : i32
  ^d:
    %s = vm.const.i32 9
    // vm.fail fails with its status operand and message.
    // CHECK: #line [[#@LINE+4]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[CODE:v[0-9]+]] = [[NINE]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_fail([[EXEC]], [[CODE]], "no such case", {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &control_loc{{[0-9]+}};
    vm.fail %s, "no such case"
    // CHECK: [[CASE0]]:
    // CHECK-NEXT: goto
    // Case 1 passes the index to ^b.
    // CHECK: [[CASE1]]:
    // CHECK-NEXT: {{v[0-9]+}} = [[IVAR]];
    // CHECK-NEXT: goto
  }
  vm.export @table

  // CHECK-LABEL: static {{[a-z0-9_]+}} control_f_checked({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  vm.func @checked(%c: i32) {
    // CHECK: [[THREE:v[0-9]+]] = 3;
    %s = vm.const.i32 3
    // (canonicalized into a branch to a vm.fail)
    // CHECK: #line [[#@LINE+8]] "{{.*}}control.mlir"
    // CHECK-NEXT: [[CV:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: if ([[CV]] != 0) {
    // CHECK: [[CODE:v[0-9]+]] = [[FAILARG:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_fail([[EXEC]], [[CODE]], "bad input", {{.*}});
    // CHECK-NEXT: {{v[0-9]+}}->loc = &control_loc{{[0-9]+}};
    // CHECK: [[FAILARG]] = [[THREE]];
    // CHECK-NEXT: goto
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
