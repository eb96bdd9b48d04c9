// RUN: %vm-to-c %s | FileCheck %s

vm.module @control {
  // Internal functions are direct C calls with typed parameters.
  // CHECK: KILN_MODULE_MAYBE_UNUSED static kiln_status_t control_f_fib(kiln_exec_t* exec, control_state_t* state, int32_t a0, int32_t* r0);
  // Locations: static records pointing back to the .mlir, with the op's
  // number in its function (the trace offset).
  // CHECK: static const kiln_source_loc_t control_loc{{[0-9]+}} = {"{{.*}}control.mlir", {{[0-9]+}}, {{[0-9]+}}, {{[0-9]+}}, NULL, NULL};
  vm.func private @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    // CHECK-LABEL: control_f_fib(kiln_exec_t* exec, control_state_t* state, int32_t a0, int32_t* r0) {
    // CHECK: #line [[#@LINE+2]] "{{.*}}control.mlir"
    // CHECK-NEXT: if (v{{[0-9]+}}) {
    vm.cond_br %small, ^base, ^recurse
  // CHECK: bb1:
  ^base:
    vm.return %n : i32
  // CHECK: bb2:
  ^recurse:
    %c1 = vm.const.i32 1
    %n1 = vm.sub.i32 %n, %c1 : i32
    // CHECK: fh->loc = &control_loc{{[0-9]+}};
    // CHECK-NEXT: st = control_f_fib(exec, state, v{{[0-9]+}}, &t{{[0-9]+}}_0);
    // CHECK-NEXT: if (st) goto cleanup;
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    %sum = vm.add.i32 %f1, %f2 : i32
    vm.return %sum : i32
  }

  // CHECK-LABEL: control_f_loop({{.*}}) {
  vm.func @loop(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    // Block arguments are a parallel copy on the edge.
    // CHECK: int32_t [[T:t[0-9]+]] = v{{[0-9]+}};
    // CHECK: v{{[0-9]+}} = [[T]];
    // CHECK: goto bb1;
    vm.br ^head(%zero, %zero : i32, i32)
  ^head(%i: i32, %acc: i32):
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit(%acc : i32), ^body
  ^body:
    %acc2 = vm.add.i32 %acc, %i : i32
    %one = vm.const.i32 1
    %i2 = vm.add.i32 %i, %one : i32
    vm.br ^head(%i2, %acc2 : i32, i32)
  ^exit(%r: i32):
    %f = vm.call @fib(%r) : (i32) -> i32
    vm.return %f : i32
  }
  vm.export @loop

  // CHECK-LABEL: control_f_table({{.*}}) {
  vm.func @table(%i: i32) -> i32 {
    // CHECK: switch (v0) {
    // CHECK: case 0: {
    // CHECK: case 1: {
    // CHECK: default: break;
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
    // CHECK: st = S->make_status(exec, v{{[0-9]+}}, "no such case", -1, &control_loc{{[0-9]+}}); goto cleanup;
    vm.fail %s, "no such case"
  }
  vm.export @table

  vm.func @checked(%c: i32) {
    %s = vm.const.i32 3
    // (canonicalized into a branch to a vm.fail)
    // CHECK: if (v0) {
    // CHECK: st = S->make_status(exec, v{{[0-9]+}}, "bad input", -1, &control_loc{{[0-9]+}}); goto cleanup;
    vm.cond_fail %c, %s, "bad input"
    vm.return
  }
  vm.export @checked as("checked_export")


  // Exports take packed arguments/results through one entry per exported
  // function; the function table lists every function (fib first) and the
  // exports index into it.
  // CHECK: static kiln_status_t control_e_checked(kiln_exec_t* exec, void* state, const void* args, void* results) {
  // CHECK: static const kiln_function_desc_t control_functions[] = {
  // CHECK-NEXT: {"fib", "0i_i", NULL, sizeof(kiln_frame_header_t), 0},
  // CHECK: static const kiln_export_desc_t control_exports[] = {
  // CHECK-NEXT: {"loop", "0i_i", 1},
  // CHECK-NEXT: {"table", "0i_i", 2},
  // CHECK-NEXT: {"checked_export", "0i_v", 3},
  // CHECK: const kiln_module_desc_t* kiln_module_v1_get(void) { return &control_descriptor; }
}
