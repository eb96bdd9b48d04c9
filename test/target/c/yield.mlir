// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c
// RUN: %vm-to-c --vm-c-light-frames=false %s | FileCheck %s --check-prefix=NOLIGHT

// A function that may suspend is a resume state machine: frame_enter hands
// back the resume point, the locals come back from the frame (refs moved
// out), and a switch jumps to the point's label; on DEFERRED every local is
// spilled into the frame and the function returns KILN_DEFERRED.
vm.module @y {
  // CHECK: } y_state_t;
  // CHECK: typedef struct {
  // CHECK-NEXT: kiln_frame_header_t header;
  // CHECK-NEXT: kiln_ref_t v1;
  // CHECK-NEXT: int32_t v0;
  // CHECK: } y_frame_counter_t;
  // CHECK-LABEL: y_f_counter({{.*}}) {
  // CHECK: st = S->frame_enter(exec, 0, &fh, &rp);
  // CHECK-NEXT: if (st) return st;
  // CHECK-NEXT: if (rp) {
  // CHECK-NEXT: y_frame_counter_t* fr = (y_frame_counter_t*)(void*)fh;
  // CHECK-NEXT: (void)fr;
  // CHECK-NEXT: v1 = fr->v1; fr->v1 = NULL;
  // CHECK-NEXT: v0 = fr->v0;
  // CHECK-NEXT: switch (rp) {
  // CHECK-NEXT: case 1: goto resume1;
  // CHECK-NEXT: default: break;
  // CHECK: rp = 1; goto suspend;
  // CHECK-NEXT: resume1:
  // CHECK-NEXT: goto bb1;
  // CHECK: suspend:
  // CHECK: fr->v1 = v1;
  // CHECK: S->frame_suspend(exec, rp);
  // CHECK-NEXT: return KILN_DEFERRED;
  // CHECK: cleanup:
  // CHECK: S->frame_leave(exec, st);
  vm.func @counter(%n: i32, %b: !vm.buffer) -> i32 {
    vm.yield ^next
  ^next:
    vm.return %n : i32
  }
  vm.export @counter

  // A caller of a suspending function is one too: its call is a resume point
  // whose label precedes the call, which is re-issued on resume.
  // CHECK-LABEL: y_f_caller({{.*}}) {
  // CHECK: resume1:
  // CHECK-NEXT: {
  // CHECK: st = y_f_counter(exec, state,
  // CHECK-NEXT: if (st == KILN_DEFERRED) { rp = 1; goto suspend; }
  // CHECK-NEXT: if (st) goto cleanup;
  vm.func @caller(%n: i32, %b: !vm.buffer) -> i32 {
    %r = vm.call @counter(%n, %b) : (i32, !vm.buffer) -> i32
    vm.return %r : i32
  }
  vm.export @caller

  // vm.call.yieldable delivers the results to its destination block.
  // CHECK-LABEL: y_f_yieldable({{.*}}) {
  // CHECK: if (st == KILN_DEFERRED) { rp = 1; goto suspend; }
  // CHECK: goto bb1;
  vm.func @yieldable(%n: i32, %b: !vm.buffer) -> i32 {
    vm.call.yieldable @counter(%n, %b) : (i32, !vm.buffer) -> ^done(i32)
  ^done(%r: i32):
    vm.return %r : i32
  }
  vm.export @yieldable

  // A function that can fail but cannot suspend has a light frame (a depth
  // counter and a local header, no service call unless it fails) and no
  // state machine.
  // CHECK-LABEL: y_f_plain({{.*}}) {
  // CHECK-NOT: suspend
  // CHECK: kiln_frame_header_t* fh = &lf;
  // CHECK-NOT: frame_enter
  // CHECK: st = kiln_light_enter(exec, 3);
  // CHECK-NOT: suspend
  // CHECK: fh->loc = &y_loc{{[0-9]+}};
  // CHECK-NOT: frame_leave
  // CHECK: return kiln_light_leave(exec, st, 3, fh->loc);
  // NOLIGHT-LABEL: y_f_plain({{.*}}) {
  // NOLIGHT: st = S->frame_enter(exec, 3, &fh, &rp);
  // NOLIGHT-NOT: kiln_light
  // NOLIGHT: S->frame_leave(exec, st);
  vm.func @plain(%n: i32, %d: i32) -> i32 {
    %q = vm.div.i32.s %n, %d : i32
    vm.return %q : i32
  }
  vm.export @plain

  // One that can neither fail, call nor suspend gets no frame at all.
  // CHECK-LABEL: y_f_leaf({{.*}}) {
  // CHECK-NOT: fh
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NOT: frame_
  // CHECK: return st;
  vm.func @leaf(%n: i32) -> i32 {
    %c3 = vm.const.i32 3
    %r = vm.mul.i32 %n, %c3 : i32
    vm.return %r : i32
  }
  vm.export @leaf

  // CHECK: static const kiln_function_desc_t y_functions[] = {
  // CHECK-NEXT: {"counter", "0ir_i", y_e_counter, sizeof(y_frame_counter_t), 1},
  // CHECK: {"plain", "0ii_i", y_e_plain, sizeof(kiln_frame_header_t), 0},
}
