// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// Scalar globals live in a byte area at the offsets ordinal allocation gives
// them (largest first), ref globals in an array after it; vm.global.address
// is that offset or ordinal, and indirect access is bounds-checked like
// bytecode.
// CHECK: typedef struct {
// CHECK-NEXT: uint8_t gb[16];
// CHECK-NEXT: kiln_ref_t gr[1];
// CHECK-NEXT: } ga_state_t;
vm.module @ga {
  vm.global.i32 private mutable @a : i32
  vm.global.i64 private mutable @b : i64
  vm.global.i32 private mutable @c : i32
  vm.global.ref private mutable @r : !vm.buffer

  // CHECK-LABEL: static {{[a-z0-9_]+}} ga_f_addresses({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  vm.func @addresses() -> (i32, i32, i32) {
    // The addresses are constants, folded into the stores of the results.
    // CHECK: #line [[#@LINE+2]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}globals_address.mlir"
    %pa = vm.global.address @a : i32
    %pc = vm.global.address @c : i32
    // @r is ref ordinal 0.
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: *{{v[0-9]+}} = 8;
    // CHECK-NEXT: *{{v[0-9]+}} = 12;
    // CHECK-NEXT: *{{v[0-9]+}} = 0;
    %pr = vm.global.address @r : i32
    vm.return %pa, %pc, %pr : i32, i32, i32
  }
  vm.export @addresses

  // CHECK: static const kiln_source_loc_t [[ILOC:ga_loc[0-9]+]] = {"{{.*}}globals_address.mlir", [[#@LINE+21]], 5, 0, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} ga_f_indirect({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[PVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[XVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @indirect(%p: i32, %x: i64) -> i64 {
    // 8 bytes at offset %p of the 16-byte area, or out of range.
    // CHECK: #line [[#@LINE+9]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: [[P:v[0-9]+]] = [[PVAR]];
    // CHECK-NEXT: [[RG:v[0-9]+]] = kiln_global_range([[P]], 8u, 16u);
    // CHECK-NEXT: if ([[RG]] != 0) {
    // CHECK-NEXT: goto [[OOB:label[0-9]+]];
    // CHECK: [[BYTES:v[0-9]+]] = kiln_state_bytes([[STATE:v[0-9]+]]);
    // CHECK-NEXT: [[OFF:v[0-9]+]] = (uint64_t) [[P]];
    // CHECK-NEXT: [[X:v[0-9]+]] = [[XVAR]];
    // CHECK-NEXT: kiln_store_i64([[BYTES]], [[OFF]], [[X]]);
    vm.global.store.indirect.i64 %x, %p : i64 -> i32
    // @b (the largest) is at byte 0.
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: [[B2:v[0-9]+]] = kiln_state_bytes([[STATE]]);
    // CHECK-NEXT: [[V:v[0-9]+]] = kiln_load_i64([[B2]], (uint64_t) 0);
    %v = vm.global.load.i64 @b : i64
    // CHECK-NEXT: #line [[#@LINE+5]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = [[V]];
    // CHECK: [[OOB]]:
    // CHECK-NEXT: = kiln_op_fault([[EXEC]], KILN_FAULT_GLOBAL_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[ILOC]];
    vm.return %v : i64
  }
  vm.export @indirect

  // CHECK: static const kiln_source_loc_t [[RLOC:ga_loc[0-9]+]] = {"{{.*}}globals_address.mlir", [[#@LINE+22]], 10, 0, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} ga_f_indirect_ref({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK: = kiln_light_enter_fuel(
  // CHECK: } else {
  // CHECK-NEXT: goto [[ENTRY:label[0-9]+]];
  // CHECK: [[ENTRY]]:
  // CHECK-NEXT: [[PVAR:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: goto
  vm.func @indirect_ref(%p: i32) -> !vm.buffer {
    // An ordinal of the one ref global, and a vm.buffer (or null) in it,
    // retained into the result's variable.
    // CHECK: #line [[#@LINE+10]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: [[P:v[0-9]+]] = [[PVAR]];
    // CHECK-NEXT: if ([[P]] < 0 || [[P]] >= 1) {
    // CHECK-NEXT: goto [[OOB:label[0-9]+]];
    // CHECK: [[R:v[0-9]+]] = kiln_state_ref_get({{v[0-9]+}}, 16, [[P]]);
    // CHECK-NEXT: [[OK:v[0-9]+]] = kiln_ref_has_kind([[EXEC]], [[R]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[OK]] == 0) {
    // CHECK-NEXT: goto [[BADTYPE:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &[[RV:v[0-9]+]];
    // CHECK-NEXT: kiln_ref_assign({{v[0-9]+}}, {{v[0-9]+}}, [[R]]);
    %r = vm.global.load.indirect.ref %p : i32 -> !vm.buffer
    // The result is retained for the caller.
    // CHECK-NEXT: #line [[#@LINE+10]] "{{.*}}globals_address.mlir"
    // CHECK-NEXT: [[RR:v[0-9]+]] = [[RV]];
    // CHECK: kiln_ref_retain({{v[0-9]+}}, [[RR]]);
    // CHECK-NEXT: *{{v[0-9]+}} = [[RR]];
    // CHECK: [[OOB]]:
    // CHECK-NEXT: = kiln_op_fault([[EXEC]], KILN_FAULT_REF_GLOBAL_RANGE, {{.*}});
    // CHECK-NEXT: ->loc = &[[RLOC]];
    // CHECK: [[BADTYPE]]:
    // CHECK-NEXT: = kiln_ref_kind_error([[EXEC]], [[R]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[RLOC]];
    vm.return %r : !vm.buffer
  }
  vm.export @indirect_ref

  // The state's ref globals are released when it goes.
  // CHECK: static void ga_state_deinit(const kiln_services_t* [[S:v[0-9]+]], void* [[ST:v[0-9]+]]) {
  // CHECK: kiln_state_release_refs([[S]], [[ST]], 16, 1);
}
