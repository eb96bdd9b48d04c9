// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c
// RUN: %vm-to-c --vm-c-light-frames=false %s | FileCheck %s --check-prefix=NOLIGHT

// A function that may suspend is a resume state machine: kiln_frame_enter
// hands back the resume point, the locals come back from the frame (refs
// moved out), and a dispatch on the point jumps to its label; on DEFERRED
// every local is spilled into the frame and the function returns
// KILN_DEFERRED after kiln_frame_suspend.
vm.module @y {
  // CHECK: } y_state_t;
  // The frame: the header, then the locals, refs first.
  // CHECK: {{^}}typedef struct {{[{]$}}
  // CHECK-NEXT: kiln_frame_header_t header;
  // CHECK-NEXT: kiln_ref_t x1;
  // CHECK-NEXT: int32_t x0;
  // CHECK-NEXT: } y_frame_counter_t;
  // CHECK: static const kiln_source_loc_t [[YLOC:y_loc[0-9]+]] = {"{{.*}}yield.mlir", [[#@LINE+56]], 5, 0, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} y_f_counter({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_frame_enter([[EXEC]], 0, &[[FH:v[0-9]+]], &[[RP:v[0-9]+]]);
  // CHECK: if ({{v[0-9]+}}) {
  // CHECK-NEXT: goto [[ENTERFAIL:label[0-9]+]];
  // CHECK: [[RPV:v[0-9]+]] = [[RP]];
  // CHECK-NEXT: if ([[RPV]] != 0) {
  // CHECK-NEXT: goto [[RESUME:label[0-9]+]];
  // A fresh call takes the arguments (the ref retained).
  // CHECK: [[N:v[0-9]+]] = {{v[0-9]+}};
  // CHECK: {{v[0-9]+}} = &[[B:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // The yield records its location, sets resume point 1 and suspends; the
  // point resumes at the yield's destination.
  // CHECK: #line [[#@LINE+41]] "{{.*}}yield.mlir"
  // CHECK-NEXT: [[FH]]->loc = &[[YLOC]];
  // CHECK-NEXT: [[RP]] = 1;
  // CHECK-NEXT: goto [[SUSPEND:label[0-9]+]];
  // CHECK-NEXT: [[NEXT:label[0-9]+]]:
  // CHECK-NEXT: #line [[#@LINE+38]] "{{.*}}yield.mlir"
  // Leaving releases the locals and the frame.
  // CHECK: kiln_ref_release(
  // CHECK: kiln_frame_leave([[EXEC]], {{v[0-9]+}});
  // CHECK-NEXT: return [[ST]];
  // Suspending spills every local (the ref moves into the frame).
  // CHECK-NEXT: [[SUSPEND]]:
  // CHECK-NEXT: [[F0:v[0-9]+]] = [[FH]];
  // CHECK-NEXT: [[FR:v[0-9]+]] = (y_frame_counter_t*) [[F0]];
  // CHECK-NEXT: [[BV:v[0-9]+]] = [[B]];
  // CHECK-NEXT: [[FR]]->x1 = [[BV]];
  // CHECK-NEXT: [[NV:v[0-9]+]] = [[N]];
  // CHECK-NEXT: [[FR]]->x0 = [[NV]];
  // CHECK-NEXT: [[RPV2:v[0-9]+]] = [[RP]];
  // CHECK-NEXT: kiln_frame_suspend([[EXEC]], [[RPV2]]);
  // CHECK-NEXT: return KILN_DEFERRED;
  // CHECK-NEXT: [[ENTERFAIL]]:
  // CHECK-NEXT: return [[ST]];
  // Resuming takes the locals back (the ref moved out of the frame) and
  // dispatches on the resume point.
  // CHECK-NEXT: [[RESUME]]:
  // CHECK-NEXT: [[F1:v[0-9]+]] = [[FH]];
  // CHECK-NEXT: [[FR]] = (y_frame_counter_t*) [[F1]];
  // CHECK-NEXT: [[B]] = [[FR]]->x1;
  // CHECK-NEXT: [[FR]]->x1 = NULL;
  // CHECK-NEXT: [[N]] = [[FR]]->x0;
  // CHECK-NEXT: [[RPV3:v[0-9]+]] = [[RP]];
  // CHECK-NEXT: if ([[RPV3]] == 1) {
  // CHECK-NEXT: goto [[P1:label[0-9]+]];
  // CHECK-NEXT: } else {
  // CHECK-NEXT: goto [[BADRP:label[0-9]+]];
  // CHECK: [[BADRP]]:
  // CHECK-NEXT: [[ST]] = kiln_fail([[EXEC]], KILN_STATUS_INTERNAL, "bad resume point", NULL);
  // CHECK: [[P1]]:
  // CHECK-NEXT: goto [[NEXT]];
  vm.func @counter(%n: i32, %b: !vm.buffer) -> i32 {
    vm.yield ^next
  ^next:
    vm.return %n : i32
  }
  vm.export @counter

  // A caller of a suspending function is one too: its call is a resume point
  // whose label precedes the call, which is re-issued on resume.
  // CHECK-LABEL: static {{[a-z0-9_]+}} y_f_caller({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_frame_enter([[EXEC]], 1, &[[FH:v[0-9]+]], &[[RP:v[0-9]+]]);
  // CHECK: #line [[#@LINE+16]] "{{.*}}yield.mlir"
  // CHECK-NEXT: goto [[CALL:label[0-9]+]];
  // CHECK-NEXT: [[CALL]]:
  // CHECK: [[FH]]->loc = &y_loc{{[0-9]+}};
  // CHECK-NEXT: [[ST]] = y_f_counter([[EXEC]], {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, &{{v[0-9]+}});
  // CHECK-NEXT: [[S:v[0-9]+]] = [[ST]];
  // CHECK-NEXT: [[D:v[0-9]+]] = [[S]] == KILN_DEFERRED;
  // CHECK-NEXT: if ([[D]]) {
  // CHECK-NEXT: goto [[DEFER:label[0-9]+]];
  // CHECK: kiln_frame_suspend([[EXEC]],
  // CHECK-NEXT: return KILN_DEFERRED;
  // CHECK: if ({{v[0-9]+}} == 1) {
  // CHECK-NEXT: goto [[CALL]];
  // CHECK: [[DEFER]]:
  // CHECK-NEXT: [[RP]] = 1;
  vm.func @caller(%n: i32, %b: !vm.buffer) -> i32 {
    %r = vm.call @counter(%n, %b) : (i32, !vm.buffer) -> i32
    vm.return %r : i32
  }
  vm.export @caller

  // vm.call.yieldable delivers the results to its destination block.
  // CHECK-LABEL: static {{[a-z0-9_]+}} y_f_yieldable({{.*}}) {
  // CHECK: [[ST:v[0-9]+]] = y_f_counter({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, &[[OUT:v[0-9]+]]);
  // CHECK: == KILN_DEFERRED;
  // CHECK: != KILN_OK;
  // CHECK: [[R:v[0-9]+]] = [[OUT]];
  // CHECK-NEXT: goto [[DONE:label[0-9]+]];
  // CHECK-NEXT: [[DONE]]:
  // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}yield.mlir"
  // CHECK-NEXT: {{v[0-9]+}} = [[R]];
  vm.func @yieldable(%n: i32, %b: !vm.buffer) -> i32 {
    vm.call.yieldable @counter(%n, %b) : (i32, !vm.buffer) -> ^done(i32)
  ^done(%r: i32):
    vm.return %r : i32
  }
  vm.export @yieldable

  // A function that can fail but cannot suspend has a light frame (a depth
  // check and a local header, no service call unless it fails) and no
  // state machine.
  // CHECK-LABEL: static {{[a-z0-9_]+}} y_f_plain({{.*}}) {
  // CHECK-NOT: suspend
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK-NEXT: /* never suspends: a light frame */
  // CHECK-NEXT: [[LF:v[0-9]+]] = kiln_frame_header_empty();
  // CHECK-NEXT: [[FH:v[0-9]+]] = &[[LF]];
  // CHECK-NEXT: {{v[0-9]+}} = kiln_light_fuel_param({{v[0-9]+}});
  // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_light_enter_fuel([[EXEC]], {{(v[0-9]+, )?}}3, &{{v[0-9]+}});
  // CHECK-NOT: suspend
  // CHECK-NOT: frame_leave
  // CHECK: [[LOC:v[0-9]+]] = [[FH]]->loc;
  // CHECK-NEXT: [[FUEL:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: {{.*}}kiln_light_exit([[EXEC]], {{v[0-9]+}}, 3, [[LOC]], [[FUEL]]);
  // CHECK-NOT: suspend
  // CHECK: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_DIV_BY_ZERO, {{.*}});
  // CHECK-NEXT: [[FH]]->loc = &y_loc{{[0-9]+}};
  // NOLIGHT-LABEL: static {{[a-z0-9_]+}} y_f_plain({{.*}}) {
  // NOLIGHT: = kiln_frame_enter({{v[0-9]+}}, 3, &{{v[0-9]+}}, &{{v[0-9]+}});
  // NOLIGHT-NOT: kiln_light
  // NOLIGHT: kiln_frame_leave(
  // NOLIGHT-NOT: kiln_light
  // NOLIGHT: kiln_op_fault({{.*}}, KILN_FAULT_DIV_BY_ZERO,
  // NOLIGHT-NOT: kiln_light
  // NOLIGHT: static {{[a-z0-9_]+}} y_f_leaf(
  vm.func @plain(%n: i32, %d: i32) -> i32 {
    %q = vm.div.i32.s %n, %d : i32
    vm.return %q : i32
  }
  vm.export @plain

  // One that can neither fail, call nor suspend gets no frame at all.
  // CHECK-LABEL: static {{[a-z0-9_]+}} y_f_leaf({{.*}}) {
  // CHECK-NOT: frame_
  // CHECK-NOT: kiln_light
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NOT: frame_
  // CHECK-NOT: kiln_light
  // CHECK: = kiln_mul_i32(
  // CHECK-NOT: frame_
  // CHECK-NOT: kiln_light
  // CHECK: return {{v[0-9]+}};
  // CHECK-NEXT: {{^}}}{{$}}
  vm.func @leaf(%n: i32) -> i32 {
    %c3 = vm.const.i32 3
    %r = vm.mul.i32 %n, %c3 : i32
    vm.return %r : i32
  }
  vm.export @leaf

  // The frame sizes and whether each function may suspend.
  // CHECK: static const kiln_function_desc_t y_functions[5] = {
  // CHECK-NEXT: {"counter", "0ir_i", y_e_counter, sizeof(y_frame_counter_t), 1},
  // CHECK-NEXT: {"caller", "0ir_i", y_e_caller, sizeof(y_frame_caller_t), 1},
  // CHECK-NEXT: {"yieldable", "0ir_i", y_e_yieldable, sizeof(y_frame_yieldable_t), 1},
  // CHECK-NEXT: {"plain", "0ii_i", y_e_plain, sizeof(kiln_frame_header_t), 0},
  // CHECK-NEXT: {"leaf", "0i_i", y_e_leaf, sizeof(kiln_frame_header_t), 0},
}
