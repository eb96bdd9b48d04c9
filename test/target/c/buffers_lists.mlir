// RUN: %vm-to-c %s | FileCheck %s

// Buffers and lists go through the runtime's services (kiln_buffer_allocate,
// kiln_list_*) and kiln/c/ops.h's checked element access; refs are
// released on the way out.
vm.module @refs {
  // CHECK: static const kiln_source_loc_t [[ALLOC:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+26]], 10, 3, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[STORE:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+43]], 5, 4, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} refs_f_buffers({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  vm.func @buffers(%v: i32) -> i32 {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    // A negative length and a bad alignment fail before the runtime is
    // asked; the runtime's status is the op's own (only the location is
    // recorded). The new buffer moves into the result's variable.
    // CHECK: #line [[#@LINE+16]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[LEN:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: if ([[LEN]] < 0) {
    // CHECK-NEXT: goto [[NEGFAIL:label[0-9]+]];
    // CHECK: [[AST:v[0-9]+]] = kiln_buffer_alignment({{v[0-9]+}}, &[[ALIGN:v[0-9]+]]);
    // CHECK-NEXT: if ([[AST]] != 0) {
    // CHECK-NEXT: goto [[ALIGNFAIL:label[0-9]+]];
    // CHECK: [[A:v[0-9]+]] = [[ALIGN]];
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_buffer_allocate([[EXEC]], [[LEN]], [[A]], &[[TMP:v[0-9]+]]);
    // CHECK-NEXT: [[S:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD:v[0-9]+]] = [[S]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD]]) {
    // CHECK-NEXT: goto [[ALLOCFAIL:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &[[BUF:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = &[[TMP]];
    // CHECK-NEXT: kiln_ref_move(
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %i1 = vm.const.i64 1
    // A store: type check (non-null vm.buffer), element index check (4-byte elements),
    // writability check, then kiln_store_i32 at the checked byte offset.
    // CHECK: #line [[#@LINE+14]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[B1:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B1]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[N1]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // CHECK: kiln_buffer_span([[B1]],
    // CHECK: [[E1:v[0-9]+]] = kiln_buffer_element({{v[0-9]+}}, {{v[0-9]+}}, 4u, &[[OFF1:v[0-9]+]]);
    // CHECK-NEXT: if ([[E1]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL:label[0-9]+]];
    // CHECK: if ({{v[0-9]+}} == 0) {
    // CHECK-NEXT: goto [[ROFAIL:label[0-9]+]];
    // CHECK: [[O1:v[0-9]+]] = [[OFF1]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_store_i32({{v[0-9]+}}, [[O1]], {{v[0-9]+}});
    vm.buffer.store.i32 %v, %b[%i1] : i32 -> !vm.buffer
    // CHECK: kiln_buffer_element({{v[0-9]+}}, {{v[0-9]+}}, 4u, &[[OFF2:v[0-9]+]]);
    // CHECK: [[O2:v[0-9]+]] = [[OFF2]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_load_i32({{v[0-9]+}}, [[O2]]);
    %r = vm.buffer.load.i32 %b[%i1] : !vm.buffer -> i32
    // CHECK: kiln_buffer_element({{v[0-9]+}}, {{v[0-9]+}}, 1u, &[[OFF3:v[0-9]+]]);
    // CHECK: [[O3:v[0-9]+]] = [[OFF3]];
    // CHECK-NEXT: {{v[0-9]+}} = kiln_load_i8_u({{v[0-9]+}}, [[O3]]);
    %lo = vm.buffer.load.i8.u %b[%i1] : !vm.buffer -> i32
    %s = vm.add.i32 %r, %lo : i32
    // Every exit releases the buffer.
    // CHECK: [[RB:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[RS:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release([[RS]], [[RB]]);
    // CHECK: kiln_light_leave(
    // CHECK: [[NEGFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_fail([[EXEC]], KILN_STATUS_OUT_OF_RANGE, "vm.buffer.alloc length: negative value", {{.*}});
    // CHECK-NEXT: ->loc = &[[ALLOC]];
    // CHECK: [[ALIGNFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_fail([[EXEC]], KILN_STATUS_INVALID_ARGUMENT, "vm.buffer.alloc alignment must be a power of two", {{.*}});
    // CHECK-NEXT: ->loc = &[[ALLOC]];
    // CHECK: [[ALLOCFAIL]]:
    // CHECK-NEXT: ->loc = &[[ALLOC]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[B1]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[STORE]];
    // CHECK: [[RANGEFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_fail([[EXEC]], KILN_STATUS_OUT_OF_RANGE, "out-of-bounds buffer access", {{.*}});
    // CHECK-NEXT: ->loc = &[[STORE]];
    // CHECK: [[ROFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_fail([[EXEC]], KILN_STATUS_PERMISSION_DENIED, "write to a read-only buffer (e.g. rodata)", {{.*}});
    // CHECK-NEXT: ->loc = &[[STORE]];
    vm.return %s : i32
  }
  vm.export @buffers

  // CHECK: static const kiln_source_loc_t [[LALLOC:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+13]], 10, 1, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LRESIZE:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+21]], 5, 2, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} refs_f_lists({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  vm.func @lists(%n: i32) -> i32 {
    // CHECK: #line [[#@LINE+8]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[CAP:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_list_create([[EXEC]], KILN_ELEMENT_I32, KILN_REF_KIND_ANY, [[CAP]], &[[TMP:v[0-9]+]]);
    // CHECK: if ({{v[0-9]+}}) {
    // CHECK-NEXT: goto [[CREATEFAIL:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &[[L:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = &[[TMP]];
    // CHECK-NEXT: kiln_ref_move(
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // CHECK: #line [[#@LINE+8]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[L1:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[L1]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: if ([[N1]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // CHECK: [[ST]] = kiln_list_resize([[EXEC]], [[L1]], {{v[0-9]+}});
    // CHECK: if ({{v[0-9]+}}) {
    // CHECK-NEXT: goto [[RESIZEFAIL:label[0-9]+]];
    vm.list.resize %l, %n : (!vm.list<i32>, i32)
    %c0 = vm.const.i32 0
    // Element values pass by address with their type code.
    // CHECK: [[ST]] = kiln_list_set([[EXEC]], {{v[0-9]+}}, {{v[0-9]+}}, 'i', &{{v[0-9]+}});
    vm.list.set.i32 %l, %c0, %n : (!vm.list<i32>, i32, i32)
    // CHECK: [[ST]] = kiln_list_get([[EXEC]], {{v[0-9]+}}, {{v[0-9]+}}, 'i', &[[G:v[0-9]+]]);
    %g = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    // CHECK: [[SZ:v[0-9]+]] = kiln_list_size([[EXEC]], {{v[0-9]+}});
    %sz = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK: {{v[0-9]+}} = [[G]];
    // CHECK-NEXT: {{v[0-9]+}} = [[SZ]];
    // CHECK-NEXT: = kiln_add_i32(
    %r = vm.add.i32 %g, %sz : i32
    // CHECK: [[RL:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[RS:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release([[RS]], [[RL]]);
    // CHECK: [[CREATEFAIL]]:
    // CHECK-NEXT: ->loc = &[[LALLOC]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[L1]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: ->loc = &[[LRESIZE]];
    // CHECK: [[RESIZEFAIL]]:
    // CHECK-NEXT: ->loc = &[[LRESIZE]];
    // CHECK-NEXT: goto
    vm.return %r : i32
  }
  vm.export @lists
}
