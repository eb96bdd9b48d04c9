// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// Bulk buffer ops: a type check (non-null vm.buffer), kiln_buffer_range on every range (the same
// check the interpreter makes), read-only check on writes. Each check
// branches to a cold block that fails with the interpreter's status and
// message and records the op's location.
vm.module @bops {
  // CHECK: static const kiln_source_loc_t [[FILL:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+45]], 5, 0, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_fill({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // The ref argument is retained into its variable, the scalars copied.
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: {{v[0-9]+}} = &[[BVAR:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK-NEXT: [[OFFVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[NVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[XVAR:v[0-9]+]] = {{v[0-9]+}};
  vm.func @fill(%b: !vm.buffer, %off: i64, %n: i64, %x: i32) {
    // CHECK: #line [[#@LINE+34]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[B:v[0-9]+]] = [[BVAR]];
    // CHECK-NEXT: [[ISBUF:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[ISBUF]] == 0) {
    // CHECK-NEXT: goto [[NULLFAIL:label[0-9]+]];
    // The span gives the data, byte length and writability.
    // CHECK: [[PD:v[0-9]+]] = &[[DATA:v[0-9]+]];
    // CHECK-NEXT: [[PL:v[0-9]+]] = &[[LEN:v[0-9]+]];
    // CHECK-NEXT: [[PW:v[0-9]+]] = &[[WR:v[0-9]+]];
    // CHECK-NEXT: kiln_buffer_span([[B]], [[PD]], [[PL]], [[PW]]);
    // CHECK-NEXT: [[L:v[0-9]+]] = [[LEN]];
    // CHECK-NEXT: [[D:v[0-9]+]] = [[DATA]];
    // 4-byte elements; the checked byte offset is where the fill starts.
    // CHECK-NEXT: [[N:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[OFFV:v[0-9]+]] = [[OFFVAR]];
    // CHECK-NEXT: [[R:v[0-9]+]] = kiln_buffer_range([[L]], [[OFFV]], [[N]], 4u, &[[OFF:v[0-9]+]]);
    // CHECK-NEXT: if ([[R]] != 0) {
    // CHECK-NEXT: goto [[RANGEFAIL:label[0-9]+]];
    // CHECK: [[O:v[0-9]+]] = [[OFF]];
    // CHECK-NEXT: [[W:v[0-9]+]] = [[WR]];
    // CHECK-NEXT: if ([[W]] == 0) {
    // CHECK-NEXT: goto [[ROFAIL:label[0-9]+]];
    // CHECK: [[N2:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[X:v[0-9]+]] = [[XVAR]];
    // CHECK-NEXT: kiln_fill_i32([[D]], [[O]], [[N2]], [[X]]);
    // CHECK: [[NULLFAIL]]:
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_ref_kind_error([[EXEC]], [[B]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[FILL]];
    // CHECK: [[RANGEFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[FILL]];
    // CHECK: [[ROFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_READ_ONLY, {{.*}});
    // CHECK-NEXT: ->loc = &[[FILL]];
    vm.buffer.fill.i32 %b, %off, %n, %x : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fill

  // CHECK: static const kiln_source_loc_t [[COPY:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+53]], 5, 1, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[CMP:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+87]], 11, 2, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_copy_compare({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // The ref arguments are retained into their variables.
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: {{v[0-9]+}} = &[[A:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK: {{v[0-9]+}} = &[[B:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK-NEXT: [[NVAR:v[0-9]+]] = {{v[0-9]+}};
  vm.func @copy_compare(%a: !vm.buffer, %b: !vm.buffer, %n: i64) -> i32 {
    %z = vm.const.i64.zero
    // Both buffers are type-checked, both byte ranges checked (1-byte
    // elements, the zero offsets folded in), the target (%b) must be
    // writable, and kiln_copy_bytes takes the target first.
    // CHECK: #line [[#@LINE+37]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[AV:v[0-9]+]] = [[A]];
    // CHECK-NEXT: [[AK:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[AV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[AK]] == 0) {
    // CHECK-NEXT: goto [[AFAIL:label[0-9]+]];
    // CHECK: [[APD:v[0-9]+]] = &[[ADATA:v[0-9]+]];
    // CHECK-NEXT: [[APL:v[0-9]+]] = &[[ALEN:v[0-9]+]];
    // CHECK-NEXT: [[APW:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[AV]], [[APD]], [[APL]], [[APW]]);
    // CHECK-NEXT: [[AL:v[0-9]+]] = [[ALEN]];
    // CHECK-NEXT: [[SRC:v[0-9]+]] = [[ADATA]];
    // CHECK-NEXT: [[BV:v[0-9]+]] = [[B]];
    // CHECK-NEXT: [[BK:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[BV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[BK]] == 0) {
    // CHECK-NEXT: goto [[BFAIL:label[0-9]+]];
    // CHECK: [[BPD:v[0-9]+]] = &[[BDATA:v[0-9]+]];
    // CHECK-NEXT: [[BPL:v[0-9]+]] = &[[BLEN:v[0-9]+]];
    // CHECK-NEXT: [[BPW:v[0-9]+]] = &[[BWR:v[0-9]+]];
    // CHECK-NEXT: kiln_buffer_span([[BV]], [[BPD]], [[BPL]], [[BPW]]);
    // CHECK-NEXT: [[BL:v[0-9]+]] = [[BLEN]];
    // CHECK-NEXT: [[DST:v[0-9]+]] = [[BDATA]];
    // CHECK-NEXT: [[N1:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[SR:v[0-9]+]] = kiln_buffer_range([[AL]], 0, [[N1]], 1u, &[[SOFF:v[0-9]+]]);
    // CHECK-NEXT: if ([[SR]] != 0) {
    // CHECK-NEXT: goto [[SRFAIL:label[0-9]+]];
    // CHECK: [[SO:v[0-9]+]] = [[SOFF]];
    // CHECK-NEXT: [[N2:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[DR:v[0-9]+]] = kiln_buffer_range([[BL]], 0, [[N2]], 1u, &[[DOFF:v[0-9]+]]);
    // CHECK-NEXT: if ([[DR]] != 0) {
    // CHECK-NEXT: goto [[DRFAIL:label[0-9]+]];
    // CHECK: [[DO:v[0-9]+]] = [[DOFF]];
    // CHECK-NEXT: [[W:v[0-9]+]] = [[BWR]];
    // CHECK-NEXT: if ([[W]] == 0) {
    // CHECK-NEXT: goto [[ROFAIL:label[0-9]+]];
    // CHECK: [[N3:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: kiln_copy_bytes([[DST]], [[DO]], [[SRC]], [[SO]], [[N3]]);
    // CHECK-NEXT: #line [[#@LINE+36]] "{{.*}}buffer_ops.mlir"
    vm.buffer.copy %a, %z, %b, %z, %n : !vm.buffer -> !vm.buffer
    // The compare checks the same, except writability, and compares %a's
    // range with %b's.
    // CHECK-NEXT: [[AV2:v[0-9]+]] = [[A]];
    // CHECK-NEXT: [[AK2:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[AV2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[AK2]] == 0) {
    // CHECK-NEXT: goto [[AFAIL2:label[0-9]+]];
    // CHECK: [[APD2:v[0-9]+]] = &[[ADATA2:v[0-9]+]];
    // CHECK-NEXT: [[APL2:v[0-9]+]] = &[[ALEN2:v[0-9]+]];
    // CHECK-NEXT: [[APW2:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[AV2]], [[APD2]], [[APL2]], [[APW2]]);
    // CHECK-NEXT: [[AL2:v[0-9]+]] = [[ALEN2]];
    // CHECK-NEXT: [[AD2:v[0-9]+]] = [[ADATA2]];
    // CHECK-NEXT: [[BV2:v[0-9]+]] = [[B]];
    // CHECK-NEXT: [[BK2:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[BV2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[BK2]] == 0) {
    // CHECK-NEXT: goto [[BFAIL2:label[0-9]+]];
    // CHECK: [[BPD2:v[0-9]+]] = &[[BDATA2:v[0-9]+]];
    // CHECK-NEXT: [[BPL2:v[0-9]+]] = &[[BLEN2:v[0-9]+]];
    // CHECK-NEXT: [[BPW2:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[BV2]], [[BPD2]], [[BPL2]], [[BPW2]]);
    // CHECK-NEXT: [[BL2:v[0-9]+]] = [[BLEN2]];
    // CHECK-NEXT: [[BD2:v[0-9]+]] = [[BDATA2]];
    // CHECK-NEXT: [[N4:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[AR2:v[0-9]+]] = kiln_buffer_range([[AL2]], 0, [[N4]], 1u, &[[AOFF2:v[0-9]+]]);
    // CHECK-NEXT: if ([[AR2]] != 0) {
    // CHECK-NEXT: goto [[ARFAIL2:label[0-9]+]];
    // CHECK: [[AO2:v[0-9]+]] = [[AOFF2]];
    // CHECK-NEXT: [[N5:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[BR2:v[0-9]+]] = kiln_buffer_range([[BL2]], 0, [[N5]], 1u, &[[BOFF2:v[0-9]+]]);
    // CHECK-NEXT: if ([[BR2]] != 0) {
    // CHECK-NEXT: goto [[BRFAIL2:label[0-9]+]];
    // CHECK: [[BO2:v[0-9]+]] = [[BOFF2]];
    // CHECK-NEXT: [[N6:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[EQ:v[0-9]+]] = kiln_equal_bytes([[AD2]], [[AO2]], [[BD2]], [[BO2]], [[N6]]);
    %eq = vm.buffer.compare %a, %z, %b, %z, %n : !vm.buffer, !vm.buffer
    // CHECK-NEXT: #line [[#@LINE+33]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[EQ]];
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    // CHECK: [[AFAIL]]:
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_ref_kind_error([[EXEC]], [[AV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK-NEXT: goto [[EXIT]];
    // CHECK: [[BFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[BV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK: [[SRFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK: [[DRFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK: [[ROFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_READ_ONLY, {{.*}});
    // CHECK-NEXT: ->loc = &[[COPY]];
    // CHECK: [[AFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[AV2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[CMP]];
    // CHECK: [[BFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[BV2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[CMP]];
    // CHECK: [[ARFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[CMP]];
    // CHECK: [[BRFAIL2]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[CMP]];
    // CHECK-NOT: KILN_STATUS_PERMISSION_DENIED
    // CHECK: }
    vm.return %eq : i32
  }
  vm.export @copy_compare

  // CHECK: static const kiln_source_loc_t [[CLONE:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+43]], 10, 2, NULL, NULL};
  // CHECK: static const kiln_source_loc_t [[HASH:bops_loc[0-9]+]] = {"{{.*}}buffer_ops.mlir", [[#@LINE+62]], 10, 3, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} bops_f_clone_hash({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: {{v[0-9]+}} = &[[A:v[0-9]+]];
  // CHECK-NEXT: kiln_ref_assign(
  // CHECK-NEXT: [[NVAR:v[0-9]+]] = {{v[0-9]+}};
  vm.func @clone_hash(%a: !vm.buffer, %n: i64) -> (!vm.buffer, i64) {
    %z = vm.const.i64.zero
    %c8 = vm.const.i32 8
    // The type is checked here; the runtime's clone service checks the range
    // and the alignment with the interpreter's function (kiln/vm/ops.h), so
    // its failure status is the op's (only the location is recorded). The
    // clone moves into the result's variable. Constants fold into the call.
    // CHECK: #line [[#@LINE+28]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[AV:v[0-9]+]] = [[A]];
    // CHECK-NEXT: [[K:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[AV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[K]] == 0) {
    // CHECK-NEXT: goto [[KFAIL:label[0-9]+]];
    // CHECK: [[N2:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_buffer_clone([[EXEC]], [[AV]], 0, [[N2]], 8, &[[TMP:v[0-9]+]]);
    // CHECK-NEXT: [[S:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD:v[0-9]+]] = [[S]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD]]) {
    // CHECK-NEXT: goto [[CLONEFAIL:label[0-9]+]];
    // CHECK: [[DP:v[0-9]+]] = &[[C:v[0-9]+]];
    // CHECK-NEXT: [[SP:v[0-9]+]] = &[[TMP]];
    // CHECK-NEXT: kiln_ref_move({{v[0-9]+}}, [[DP]], [[SP]]);
    //
    //
    //
    //
    //
    //
    //
    //
    //
    //
    //
    //
    //
    //
    %c = vm.buffer.clone %a, %z, %n, %c8 : !vm.buffer -> !vm.buffer
    // The hash reads the clone.
    // CHECK-NEXT: #line [[#@LINE+18]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[CV:v[0-9]+]] = [[C]];
    // CHECK-NEXT: [[CK:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[CV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[CK]] == 0) {
    // CHECK-NEXT: goto [[CKFAIL:label[0-9]+]];
    // CHECK: [[HPD:v[0-9]+]] = &[[HDATA:v[0-9]+]];
    // CHECK-NEXT: [[HPL:v[0-9]+]] = &[[HLEN:v[0-9]+]];
    // CHECK-NEXT: [[HPW:v[0-9]+]] = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[CV]], [[HPD]], [[HPL]], [[HPW]]);
    // CHECK-NEXT: [[HL:v[0-9]+]] = [[HLEN]];
    // CHECK-NEXT: [[HD:v[0-9]+]] = [[HDATA]];
    // CHECK-NEXT: [[N3:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[HR:v[0-9]+]] = kiln_buffer_range([[HL]], 0, [[N3]], 1u, &[[HOFF:v[0-9]+]]);
    // CHECK-NEXT: if ([[HR]] != 0) {
    // CHECK-NEXT: goto [[HRFAIL:label[0-9]+]];
    // CHECK: [[HO:v[0-9]+]] = [[HOFF]];
    // CHECK-NEXT: [[N4:v[0-9]+]] = [[NVAR]];
    // CHECK-NEXT: [[H:v[0-9]+]] = kiln_hash_bytes_at([[HD]], [[HO]], [[N4]]);
    %h = vm.buffer.hash %c, %z, %n : !vm.buffer -> i64
    // The clone is retained for the caller; both results go out through
    // their pointers.
    // CHECK-NEXT: #line [[#@LINE+23]] "{{.*}}buffer_ops.mlir"
    // CHECK-NEXT: [[CR:v[0-9]+]] = [[C]];
    // CHECK: kiln_ref_retain({{v[0-9]+}}, [[CR]]);
    // CHECK-NEXT: *{{v[0-9]+}} = [[CR]];
    // CHECK-NEXT: *{{v[0-9]+}} = [[H]];
    // CHECK: [[KFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[AV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[CLONE]];
    //
    //
    //
    //
    //
    //
    // CHECK: [[CLONEFAIL]]:
    // CHECK-NEXT: {{v[0-9]+}}->loc = &[[CLONE]];
    // CHECK-NEXT: goto
    // CHECK: [[CKFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_ref_kind_error([[EXEC]], [[CV]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[HASH]];
    // CHECK: [[HRFAIL]]:
    // CHECK-NEXT: [[ST]] = kiln_op_fault([[EXEC]], KILN_FAULT_BUFFER_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[HASH]];
    vm.return %c, %h : !vm.buffer, i64
  }
  vm.export @clone_hash
}
