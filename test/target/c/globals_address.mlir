// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// Scalar globals live in a byte area at the offsets ordinal allocation gives
// them (largest first), ref globals in an array; vm.global.address is that
// offset or ordinal, and indirect access is bounds-checked like bytecode.
// CHECK: typedef struct {
// CHECK-NEXT: int64_t gb_align_;
// CHECK-NEXT: uint8_t gb[16];
// CHECK-NEXT: kiln_ref_t gr[1];
// CHECK-NEXT: } ga_state_t;
vm.module @ga {
  vm.global.i32 private mutable @a : i32
  vm.global.i64 private mutable @b : i64
  vm.global.i32 private mutable @c : i32
  vm.global.ref private mutable @r : !vm.buffer

  // CHECK-LABEL: ga_f_addresses({{.*}}) {
  vm.func @addresses() -> (i32, i32, i32) {
    // CHECK: = 8;
    %pa = vm.global.address @a : i32
    // CHECK: = 12;
    %pc = vm.global.address @c : i32
    // CHECK: = 0;
    %pr = vm.global.address @r : i32
    vm.return %pa, %pc, %pr : i32, i32, i32
  }
  vm.export @addresses

  // CHECK-LABEL: ga_f_indirect({{.*}}) {
  vm.func @indirect(%p: i32, %x: i64) -> i64 {
    // CHECK: if (kiln_global_range(v0, 8, 16) != KILN_OP_OK) {
    // CHECK-NEXT: st = S->make_status(exec, KILN_STATUS_OUT_OF_RANGE,
    // CHECK: memcpy(state->gb + v0, &v1, sizeof(v1));
    vm.global.store.indirect.i64 %x, %p : i64 -> i32
    // CHECK: memcpy(&v{{[0-9]+}}, state->gb + 0, sizeof(v{{[0-9]+}}));
    %v = vm.global.load.i64 @b : i64
    vm.return %v : i64
  }
  vm.export @indirect

  // CHECK-LABEL: ga_f_indirect_ref({{.*}}) {
  vm.func @indirect_ref(%p: i32) -> !vm.buffer {
    // CHECK: if (v0 < 0 || v0 >= 1) {
    // CHECK: if (state->gr[v0] && state->gr[v0]->type != S->buffer_type) {
    // CHECK: kiln_ref_assign(S, &v{{[0-9]+}}, state->gr[v0]);
    %r = vm.global.load.indirect.ref %p : i32 -> !vm.buffer
    vm.return %r : !vm.buffer
  }
  vm.export @indirect_ref
}
