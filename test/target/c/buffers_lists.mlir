// RUN: %vm-to-c %s | FileCheck %s

// Buffers and lists go through the runtime's services (kiln_buffer_allocate,
// kiln_list_*) and kiln/c/ops.h's checked element access; refs are
// released on the way out.
vm.module @refs {
  // CHECK: static const kiln_source_loc_t [[ALLOC:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+36]], 10, 3, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[STORE:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+59]], 5, 4, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LOAD:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+76]], 10, 5, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LOAD8:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+92]], 11, 6, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} refs_f_buffers({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // Once the frame is entered, the entry block copies the argument into its
  // block-argument variable.
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[V:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @buffers(%v: i32) -> i32 {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    // The runtime's service checks the length and the alignment with the
    // interpreter's function (kiln/vm/ops.h): its status is the op's own
    // (only the location is recorded). The new buffer moves into the result's
    // variable. The constant length and alignment are folded into their uses.
    // CHECK: #line [[#@LINE+15]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_buffer_allocate([[EXEC]], INT64_C(16), 4, &[[TMP:v[0-9]+]]);
    // (No negative-length or alignment check here: a failing alloc fails
    // in the service, with the same status as through bytecode.)
    //
    //
    //
    //
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
    // CHECK-NEXT: #line [[#@LINE+20]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[B1:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B1]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[N1]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // CHECK: [[PD1:v[0-9]+]] = &[[DATA1:v[0-9]+]];
    // CHECK-NEXT: [[PL1:v[0-9]+]] = &[[LEN1:v[0-9]+]];
    // CHECK-NEXT: [[PW1:v[0-9]+]] = &[[WR1:v[0-9]+]];
    // CHECK-NEXT: kiln_buffer_span([[B1]], [[PD1]], [[PL1]], [[PW1]]);
    // CHECK-NEXT: [[L1:v[0-9]+]] = [[LEN1]];
    // CHECK-NEXT: [[E1:v[0-9]+]] = kiln_buffer_element([[L1]], INT64_C(1), 4u, &[[OFF1:v[0-9]+]]);
    // CHECK-NEXT: if ([[E1]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL:label[0-9]+]];
    // CHECK: [[W1:v[0-9]+]] = [[WR1]];
    // CHECK-NEXT: if ([[W1]] == 0) {
    // CHECK-NEXT: goto [[ROFAIL:label[0-9]+]];
    // CHECK: [[D1:v[0-9]+]] = [[DATA1]];
    // CHECK-NEXT: [[O1:v[0-9]+]] = [[OFF1]];
    // CHECK-NEXT: [[X:v[0-9]+]] = [[V]];
    // CHECK-NEXT: kiln_store_i32([[D1]], [[O1]], [[X]]);
    vm.buffer.store.i32 %v, %b[%i1] : i32 -> !vm.buffer
    // Loads check the type and the element index, not writability.
    // CHECK-NEXT: #line [[#@LINE+16]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[B2:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[N2:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[N2]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL2:label[0-9]+]];
    // CHECK: [[PD2:v[0-9]+]] = &[[DATA2:v[0-9]+]];
    // CHECK-NEXT: [[PL2:v[0-9]+]] = &[[LEN2:v[0-9]+]];
    // CHECK-NEXT: [[PW2:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[B2]], [[PD2]], [[PL2]], [[PW2]]);
    // CHECK-NEXT: [[L2:v[0-9]+]] = [[LEN2]];
    // CHECK-NEXT: [[E2:v[0-9]+]] = kiln_buffer_element([[L2]], INT64_C(1), 4u, &[[OFF2:v[0-9]+]]);
    // CHECK-NEXT: if ([[E2]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL2:label[0-9]+]];
    // CHECK: [[D2:v[0-9]+]] = [[DATA2]];
    // CHECK-NEXT: [[O2:v[0-9]+]] = [[OFF2]];
    // CHECK-NEXT: [[R:v[0-9]+]] = kiln_load_i32([[D2]], [[O2]]);
    %r = vm.buffer.load.i32 %b[%i1] : !vm.buffer -> i32
    // CHECK-NEXT: #line [[#@LINE+16]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[B3:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[N3:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B3]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[N3]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL3:label[0-9]+]];
    // CHECK: [[PD3:v[0-9]+]] = &[[DATA3:v[0-9]+]];
    // CHECK-NEXT: [[PL3:v[0-9]+]] = &[[LEN3:v[0-9]+]];
    // CHECK-NEXT: [[PW3:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[B3]], [[PD3]], [[PL3]], [[PW3]]);
    // CHECK-NEXT: [[L3:v[0-9]+]] = [[LEN3]];
    // CHECK-NEXT: [[E3:v[0-9]+]] = kiln_buffer_element([[L3]], INT64_C(1), 1u, &[[OFF3:v[0-9]+]]);
    // CHECK-NEXT: if ([[E3]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL3:label[0-9]+]];
    // CHECK: [[D3:v[0-9]+]] = [[DATA3]];
    // CHECK-NEXT: [[O3:v[0-9]+]] = [[OFF3]];
    // CHECK-NEXT: [[LO:v[0-9]+]] = kiln_load_i8_u([[D3]], [[O3]]);
    %lo = vm.buffer.load.i8.u %b[%i1] : !vm.buffer -> i32
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[SUM:v[0-9]+]] = kiln_add_i32([[R]], [[LO]]);
    %s = vm.add.i32 %r, %lo : i32
    // CHECK-NEXT: #line [[#@LINE+39]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[SUM]];
    // Every exit releases the buffer.
    // CHECK: [[RB:v[0-9]+]] = [[BUF]];
    // CHECK-NEXT: [[RS:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release([[RS]], [[RB]]);
    // CHECK: kiln_light_exit(
    // CHECK-NOT: vm.buffer.alloc alignment
    //
    //
    //
    //
    //
    // CHECK: [[ALLOCFAIL]]:
    // CHECK-NEXT: ->loc = &[[ALLOC]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[B1]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[STORE]];
    // CHECK: [[RANGEFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[STORE]];
    // CHECK: [[ROFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_READ_ONLY, {{.*}});
    // CHECK-NEXT: ->loc = &[[STORE]];
    // CHECK: [[NULLFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[B2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[LOAD]];
    // CHECK: [[RANGEFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[LOAD]];
    // CHECK: [[NULLFAIL3]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[B3]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[LOAD8]];
    // CHECK: [[RANGEFAIL3]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[LOAD8]];
    // CHECK-NOT: KILN_STATUS_PERMISSION_DENIED
    // CHECK: }
    vm.return %s : i32
  }
  vm.export @buffers

  // CHECK: static const kiln_source_loc_t [[LALLOC:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+26]], 10, 1, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LRESIZE:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+38]], 5, 2, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LSET:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+51]], 5, 3, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LGET:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+62]], 10, 4, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[LSIZE:refs_loc[0-9]+]] = {"{{.*}}buffers_lists.mlir", [[#@LINE+68]], 11, 5, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} refs_f_lists({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // Once the frame is entered, the entry block copies the argument into its
  // block-argument variable.
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[NVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @lists(%n: i32) -> i32 {
    // CHECK: #line [[#@LINE+10]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[CAP:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_list_create([[EXEC]], KILN_ELEMENT_I32, KILN_REF_KIND_ANY, [[CAP]], &[[TMP:v[0-9]+]]);
    // CHECK-NEXT: [[S:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD:v[0-9]+]] = [[S]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD]]) {
    // CHECK-NEXT: goto [[CREATEFAIL:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &[[L:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = &[[TMP]];
    // CHECK-NEXT: kiln_ref_move(
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // Every list op checks the type (non-null vm.list) first.
    // CHECK-NEXT: #line [[#@LINE+11]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[L1:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[L1]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: if ([[N1]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // CHECK: [[SIZE:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[ST]] = kiln_list_resize([[EXEC]], [[L1]], [[SIZE]]);
    // CHECK-NEXT: [[S1:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD1:v[0-9]+]] = [[S1]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD1]]) {
    // CHECK-NEXT: goto [[RESIZEFAIL:label[0-9]+]];
    vm.list.resize %l, %n : (!vm.list<i32>, i32)
    %c0 = vm.const.i32 0
    // Element values pass by address with their type code; the constant
    // index is folded in.
    // CHECK: #line [[#@LINE+10]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[L2:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[N2:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[L2]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: if ([[N2]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL2:label[0-9]+]];
    // CHECK: [[ST]] = kiln_list_set([[EXEC]], [[L2]], 0, 'i', &[[NVAR]]);
    // CHECK-NEXT: [[S2:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD2:v[0-9]+]] = [[S2]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD2]]) {
    // CHECK-NEXT: goto [[SETFAIL:label[0-9]+]];
    vm.list.set.i32 %l, %c0, %n : (!vm.list<i32>, i32, i32)
    // CHECK: #line [[#@LINE+11]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[L3:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[N3:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[L3]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: if ([[N3]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL3:label[0-9]+]];
    // CHECK: [[ST]] = kiln_list_get([[EXEC]], [[L3]], 0, 'i', &[[G:v[0-9]+]]);
    // CHECK-NEXT: [[S3:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD3:v[0-9]+]] = [[S3]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD3]]) {
    // CHECK-NEXT: goto [[GETFAIL:label[0-9]+]];
    // CHECK: [[GV:v[0-9]+]] = [[G]];
    %g = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    // CHECK-NEXT: #line [[#@LINE+6]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[L4:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[N4:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[L4]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: if ([[N4]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL4:label[0-9]+]];
    // CHECK: [[SZ:v[0-9]+]] = kiln_list_size([[EXEC]], [[L4]]);
    %sz = vm.list.size %l : (!vm.list<i32>) -> i32
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: [[SUM:v[0-9]+]] = kiln_add_i32([[GV]], [[SZ]]);
    %r = vm.add.i32 %g, %sz : i32
    // CHECK-NEXT: #line [[#@LINE+31]] "{{.*}}buffers_lists.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[SUM]];
    // CHECK: [[RL:v[0-9]+]] = [[L]];
    // CHECK-NEXT: [[RS:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release([[RS]], [[RL]]);
    // The runtime's own failure status stands; only the location is
    // recorded.
    // CHECK: [[CREATEFAIL]]:
    // CHECK-NEXT: ->loc = &[[LALLOC]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[L1]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: ->loc = &[[LRESIZE]];
    // CHECK: [[RESIZEFAIL]]:
    // CHECK-NEXT: ->loc = &[[LRESIZE]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[L2]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: ->loc = &[[LSET]];
    // CHECK: [[SETFAIL]]:
    // CHECK-NEXT: ->loc = &[[LSET]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL3]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[L3]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: ->loc = &[[LGET]];
    // CHECK: [[GETFAIL]]:
    // CHECK-NEXT: ->loc = &[[LGET]];
    // CHECK-NEXT: goto
    // CHECK: [[NULLFAIL4]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[L4]], KILN_REF_KIND_LIST);
    // CHECK-NEXT: ->loc = &[[LSIZE]];
    vm.return %r : i32
  }
  vm.export @lists
}
