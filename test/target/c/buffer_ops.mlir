// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// Bulk buffer ops: null check, kiln_buffer_range on every range (the same
// check the interpreter makes), read-only check on writes.
vm.module @bops {
  // CHECK-LABEL: bops_f_fill({{.*}}) {
  vm.func @fill(%b: !vm.buffer, %off: i64, %n: i64, %x: i32) {
    // CHECK: if (!v0) {
    // CHECK-NEXT: st = S->make_status(exec, KILN_STATUS_INVALID_ARGUMENT, "null ref where a vm.buffer is required"
    // CHECK: S->buffer_span(v0,
    // CHECK: int32_t [[X:t[0-9]+]] = (int32_t)v3;
    // CHECK: if (kiln_buffer_range([[L:t[0-9]+]], v1, v2, 4, &[[O:t[0-9]+]]) != KILN_OP_OK) {
    // CHECK-NEXT: KILN_STATUS_OUT_OF_RANGE
    // CHECK: KILN_STATUS_PERMISSION_DENIED
    // CHECK: kiln_buffer_fill({{t[0-9]+}} + [[O]], v2, &[[X]], 4);
    vm.buffer.fill.i32 %b, %off, %n, %x : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fill

  // CHECK-LABEL: bops_f_copy_compare({{.*}}) {
  vm.func @copy_compare(%a: !vm.buffer, %b: !vm.buffer, %n: i64) -> i32 {
    %z = vm.const.i64.zero
    // CHECK: kiln_buffer_range({{t[0-9]+}}, {{v[0-9]+}}, v2, 1,
    // CHECK: kiln_buffer_range({{t[0-9]+}}, {{v[0-9]+}}, v2, 1,
    // CHECK: memmove(
    vm.buffer.copy %a, %z, %b, %z, %n : !vm.buffer -> !vm.buffer
    // CHECK: = memcmp(
    %eq = vm.buffer.compare %a, %z, %b, %z, %n : !vm.buffer, !vm.buffer
    vm.return %eq : i32
  }
  vm.export @copy_compare

  // CHECK-LABEL: bops_f_clone_hash({{.*}}) {
  vm.func @clone_hash(%a: !vm.buffer, %n: i64) -> (!vm.buffer, i64) {
    %z = vm.const.i64.zero
    %c8 = vm.const.i32 8
    // CHECK: if (kiln_buffer_alignment({{v[0-9]+}}, &
    // CHECK: "vm.buffer.clone alignment must be a power of two"
    // CHECK: st = S->buffer_clone(exec, v0,
    // CHECK-NEXT: if (st) { fh->loc = &bops_loc{{[0-9]+}}; goto cleanup; }
    %c = vm.buffer.clone %a, %z, %n, %c8 : !vm.buffer -> !vm.buffer
    // CHECK: = kiln_buffer_hash_bytes(
    %h = vm.buffer.hash %c, %z, %n : !vm.buffer -> i64
    vm.return %c, %h : !vm.buffer, i64
  }
  vm.export @clone_hash
}
