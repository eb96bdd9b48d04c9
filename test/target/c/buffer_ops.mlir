// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// Bulk buffer ops: a type check (non-null vm.buffer), kiln_buffer_range on every range (the same
// check the interpreter makes), read-only check on writes. Each check
// branches to a cold block that fails with the interpreter's status and
// message and records the op's location.
vm.module @bops {
  // CHECK: static const kiln_source_loc_t [[FILL:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+27]], 5, 0, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_fill({{.*}}) {
  vm.func @fill(%b: !vm.buffer, %off: i64, %n: i64, %x: i32) {
    // CHECK: #line [[#@LINE+24]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[ISBUF:v[0-9]+]] = kiln_ref_is_kind({{v[0-9]+}}, [[B]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[ISBUF]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // CHECK: kiln_buffer_span([[B]], {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}});
    // 4-byte elements; the checked byte offset is where the fill starts.
    // CHECK: [[R:v[0-9]+]] = kiln_buffer_range({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, 4u, &[[OFF:v[0-9]+]]);
    // CHECK-NEXT: if ([[R]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL:label[0-9]+]];
    // CHECK: [[O:v[0-9]+]] = [[OFF]];
    // CHECK-NEXT: [[W:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: if ([[W]] == 0) {
    // CHECK-NEXT: goto [[ROFAIL:label[0-9]+]];
    // CHECK: kiln_fill_i32({{v[0-9]+}}, [[O]], {{v[0-9]+}}, {{v[0-9]+}});
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: = kiln_ref_kind_error({{v[0-9]+}}, [[B]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[FILL]];
    // CHECK: [[RANGEFAIL]]:
    // CHECK-NEXT: = kiln_fail({{v[0-9]+}}, KILN_STATUS_OUT_OF_RANGE, "out-of-bounds buffer access", {{.*}});
    // CHECK-NEXT: ->loc = &[[FILL]];
    // CHECK: [[ROFAIL]]:
    // CHECK-NEXT: = kiln_fail({{v[0-9]+}}, KILN_STATUS_PERMISSION_DENIED, "write to a read-only buffer (e.g. rodata)", {{.*}});
    // CHECK-NEXT: ->loc = &[[FILL]];
    vm.buffer.fill.i32 %b, %off, %n, %x : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fill

  // CHECK: static const kiln_source_loc_t [[COPY:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+33]], 5, 1, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[CMP:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+37]], 11, 2, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_copy_compare({{.*}}) {
  // The ref arguments are retained into their variables.
  // CHECK: = kiln_light_enter(
  // CHECK: {{v[0-9]+}} = &[[A:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK: {{v[0-9]+}} = &[[B:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  vm.func @copy_compare(%a: !vm.buffer, %b: !vm.buffer, %n: i64) -> i32 {
    %z = vm.const.i64.zero
    // Both buffers are type-checked, both byte ranges checked (1-byte
    // elements), the target (%b) must be writable, and kiln_copy_bytes
    // takes the target first.
    // CHECK: #line [[#@LINE+19]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[AV:v[0-9]+]] = [[A]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_ref_is_kind({{v[0-9]+}}, [[AV]], KILN_REF_KIND_BUFFER);
    // CHECK: kiln_buffer_span([[AV]], {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}});
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: [[SRC:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[BV:v[0-9]+]] = [[B]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_ref_is_kind({{v[0-9]+}}, [[BV]], KILN_REF_KIND_BUFFER);
    // CHECK: kiln_buffer_span([[BV]], {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}});
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: [[DST:v[0-9]+]] = {{v[0-9]+}};
    // CHECK: = kiln_buffer_range({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, 1u, &[[SOFF:v[0-9]+]]);
    // CHECK: [[SO:v[0-9]+]] = [[SOFF]];
    // CHECK: = kiln_buffer_range({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, 1u, &[[DOFF:v[0-9]+]]);
    // CHECK: [[DO:v[0-9]+]] = [[DOFF]];
    // CHECK: if ({{v[0-9]+}} == 0) {
    // CHECK: kiln_copy_bytes([[DST]], [[DO]], [[SRC]], [[SO]], {{v[0-9]+}});
    // CHECK-NOT: kiln_fail
    // CHECK: #line [[#@LINE+6]] "{{.*}}buffer_ops.mlir"
    vm.buffer.copy %a, %z, %b, %z, %n : !vm.buffer -> !vm.buffer
    // The compare checks the same, except writability.
    // CHECK-COUNT-2: kiln_buffer_span(
    // CHECK-COUNT-2: = kiln_buffer_range({{.*}}, 1u, &
    // CHECK: {{v[0-9]+}} = kiln_equal_bytes({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}});
    %eq = vm.buffer.compare %a, %z, %b, %z, %n : !vm.buffer, !vm.buffer
    // CHECK-COUNT-2: = kiln_ref_kind_error({{v[0-9]+}}, {{v[0-9]+}}, KILN_REF_KIND_BUFFER);
    // CHECK-COUNT-2: KILN_STATUS_OUT_OF_RANGE, "out-of-bounds buffer access"
    // CHECK: KILN_STATUS_PERMISSION_DENIED, "write to a read-only buffer (e.g. rodata)"
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK-COUNT-2: = kiln_ref_kind_error({{v[0-9]+}}, {{v[0-9]+}}, KILN_REF_KIND_BUFFER);
    // CHECK-COUNT-2: KILN_STATUS_OUT_OF_RANGE, "out-of-bounds buffer access"
    // CHECK-NEXT: ->loc = &[[CMP]];
    // CHECK-NOT: KILN_STATUS_PERMISSION_DENIED
    // CHECK: }
    vm.return %eq : i32
  }
  vm.export @copy_compare

  // CHECK: static const kiln_source_loc_t [[CLONE:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+22]], 10, 2, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_clone_hash({{.*}}) {
  vm.func @clone_hash(%a: !vm.buffer, %n: i64) -> (!vm.buffer, i64) {
    %z = vm.const.i64.zero
    %c8 = vm.const.i32 8
    // The range is checked, then the alignment; the runtime's clone takes
    // the checked byte offset and the alignment, and its failure status is
    // the op's (only the location is recorded). The clone moves into the
    // result's variable.
    // CHECK: = kiln_buffer_range({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}}, 1u, &[[OFF:v[0-9]+]]);
    // CHECK: [[O:v[0-9]+]] = [[OFF]];
    // CHECK: [[AST:v[0-9]+]] = kiln_buffer_alignment({{v[0-9]+}}, &[[ALIGN:v[0-9]+]]);
    // CHECK-NEXT: if ([[AST]] != 0) {
    // CHECK-NEXT: goto [[ALIGNFAIL:label[0-9]+]];
    // CHECK: [[A:v[0-9]+]] = [[ALIGN]];
    // CHECK: [[ST:v[0-9]+]] = kiln_buffer_clone({{v[0-9]+}}, {{v[0-9]+}}, (int64_t) [[O]], {{v[0-9]+}}, [[A]], &[[TMP:v[0-9]+]]);
    // CHECK-NEXT: [[S:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD:v[0-9]+]] = [[S]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD]]) {
    // CHECK-NEXT: goto [[CLONEFAIL:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &[[TMP]];
    // CHECK-NEXT: kiln_ref_move(
    %c = vm.buffer.clone %a, %z, %n, %c8 : !vm.buffer -> !vm.buffer
    // CHECK: {{v[0-9]+}} = kiln_hash_bytes_at({{v[0-9]+}}, {{v[0-9]+}}, {{v[0-9]+}});
    %h = vm.buffer.hash %c, %z, %n : !vm.buffer -> i64
    // CHECK: [[ALIGNFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_fail({{v[0-9]+}}, KILN_STATUS_INVALID_ARGUMENT, "vm.buffer.clone alignment must be a power of two", {{.*}});
    // CHECK-NEXT: ->loc = &[[CLONE]];
    // CHECK: [[CLONEFAIL]]:
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[CLONE]];
    // CHECK-NEXT: goto
    vm.return %c, %h : !vm.buffer, i64
  }
  vm.export @clone_hash
}
