// RUN: %vm-to-c %s | FileCheck %s

vm.module @app attributes {version = 3 : i32} {
  // Scalar globals in a byte area at their ordinal-allocated offsets, refs
  // in an array by ordinal.
  // CHECK: typedef struct {
  // CHECK-NEXT: uint8_t gb[16];
  // CHECK-NEXT: kiln_ref_t gr[1];
  // CHECK-NEXT: } app_state_t;
  vm.global.i32 private mutable @counter = 5 : i32
  vm.global.ref private mutable @cache : !vm.buffer
  vm.import private @math.add(%a : i32, %b : i32) -> i32
  vm.import private optional @math.maybe() -> i32

  // An import may suspend, so @bump is a resume state machine with a VM
  // frame holding its locals.
  // CHECK: {{^}}typedef struct {{[{]$}}
  // CHECK-NEXT: kiln_frame_header_t header;
  // CHECK-NEXT: int32_t x0;
  // CHECK: } app_frame_bump_t;
  // The import's arguments and results are packed as its signature says.
  // CHECK: typedef struct { int32_t a0; int32_t a1; } app_args0_t;
  // CHECK-NEXT: typedef struct { int32_t r0; } app_results1_t;
  // CHECK: static const kiln_source_loc_t [[CALLLOC:app_loc[0-9]+]] = {"{{.*}}imports_globals.mlir", [[#@LINE+30]], 10, 1, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} app_f_bump({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  // CHECK-NEXT: = kiln_frame_enter([[EXEC]], 0, &[[FH:v[0-9]+]], &[[RP:v[0-9]+]]);
  vm.func @bump(%x: i32) -> i32 {
    // CHECK: #line [[#@LINE+3]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: [[GB:v[0-9]+]] = kiln_state_bytes({{v[0-9]+}});
    // CHECK-NEXT: [[CNT:v[0-9]+]] = kiln_load_i32([[GB]], (uint64_t) 0);
    %0 = vm.global.load.i32 @counter : i32
    // The call is resume point 1: its label precedes it, and a deferred
    // status suspends there.
    // CHECK-NEXT: #line [[#@LINE+19]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: goto [[CALL:label[0-9]+]];
    // CHECK-NEXT: [[CALL]]:
    // CHECK-NEXT: [[A0:v[0-9]+]] = [[CNT]];
    // CHECK-NEXT: [[IN:v[0-9]+]].a0 = [[A0]];
    // CHECK-NEXT: [[A1:v[0-9]+]] = {{v[0-9]+}};
    // CHECK-NEXT: [[IN]].a1 = [[A1]];
    // CHECK-NEXT: [[OUT:v[0-9]+]].r0 = 0;
    // CHECK-NEXT: [[FH]]->loc = &[[CALLLOC]];
    // CHECK-NEXT: [[ST:v[0-9]+]] = kiln_call_import([[EXEC]], 0, (const void*) (&[[IN]]), sizeof(app_args0_t), (void*) (&[[OUT]]), sizeof(app_results1_t));
    // CHECK-NEXT: [[S1:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[DEF:v[0-9]+]] = [[S1]] == KILN_DEFERRED;
    // CHECK-NEXT: if ([[DEF]]) {
    // CHECK-NEXT: goto [[DEFER:label[0-9]+]];
    // CHECK: [[S2:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: [[BAD:v[0-9]+]] = [[S2]] != KILN_OK;
    // CHECK-NEXT: if ([[BAD]]) {
    // CHECK-NEXT: goto [[EXIT:label[0-9]+]];
    // CHECK: [[SUM:v[0-9]+]] = [[OUT]].r0;
    %1 = vm.call @math.add(%0, %x) : (i32, i32) -> i32
    // The stored value is the import's result itself (no copy).
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: [[GB2:v[0-9]+]] = kiln_state_bytes({{v[0-9]+}});
    // CHECK-NEXT: [[OFF:v[0-9]+]] = (uint64_t) 0;
    // CHECK-NEXT: kiln_store_i32([[GB2]], [[OFF]], [[SUM]]);
    vm.global.store.i32 %1, @counter : i32
    // CHECK-NEXT: #line [[#@LINE+2]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = kiln_import_resolved([[EXEC]], 1);
    %r = vm.import.resolved @math.maybe : i32
    %2 = vm.add.i32 %1, %r : i32
    // The exit leaves the VM frame.
    // CHECK: [[EXIT]]:
    // CHECK-NEXT: [[S3:v[0-9]+]] = [[ST]];
    // CHECK-NEXT: kiln_frame_leave([[EXEC]], [[S3]]);
    // CHECK-NEXT: return [[ST]];
    // On resume, point 1 re-issues the call.
    // CHECK: if ({{v[0-9]+}} == 1) {
    // CHECK-NEXT: goto [[CALL]];
    // CHECK: [[DEFER]]:
    // CHECK-NEXT: [[RP]] = 1;
    vm.return %2 : i32
  }
  vm.export @bump

  // CHECK: static const kiln_source_loc_t [[LENLOC:app_loc[0-9]+]] = {"{{.*}}imports_globals.mlir", [[#@LINE+28]], 10, 1, NULL, NULL};
  // CHECK-LABEL: static {{[a-z0-9_]+}} app_f_keep({{.*}}) {
  // CHECK: = kiln_exec_services([[EXEC:v[0-9]+]]);
  vm.func @keep(%b: !vm.buffer) -> i64 {
    // The argument is retained into its variable, stored in ref global 0 by
    // assignment (retaining it, releasing the old value) and released on
    // the way out.
    // CHECK: = kiln_light_enter_fuel(
    // CHECK: {{v[0-9]+}} = &[[BV:v[0-9]+]];
    // CHECK-NEXT: kiln_ref_assign(
    // CHECK: #line [[#@LINE+5]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: [[SLOT:v[0-9]+]] = kiln_state_ref({{v[0-9]+}}, 16, 0);
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: [[B:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: kiln_ref_assign({{v[0-9]+}}, [[SLOT]], [[B]]);
    vm.global.store.ref %b, @cache : !vm.buffer
    // The length is the span's, cast to i64 (folded into the result's
    // store); the operand must be a vm.buffer.
    // CHECK-NEXT: #line [[#@LINE+10]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: [[B2:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: [[K:v[0-9]+]] = kiln_ref_is_kind([[EXEC]], [[B2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: if ([[K]] == 0) {
    // CHECK-NEXT: goto [[KFAIL:label[0-9]+]];
    // CHECK: {{v[0-9]+}} = &{{v[0-9]+}};
    // CHECK-NEXT: [[PL:v[0-9]+]] = &[[LENV:v[0-9]+]];
    // CHECK-NEXT: {{v[0-9]+}} = &{{v[0-9]+}};
    // CHECK-NEXT: kiln_buffer_span([[B2]], {{v[0-9]+}}, [[PL]], {{v[0-9]+}});
    // CHECK-NEXT: [[LEN:v[0-9]+]] = [[LENV]];
    %n = vm.buffer.length %b : !vm.buffer -> i64
    // CHECK-NEXT: #line [[#@LINE+8]] "{{.*}}imports_globals.mlir"
    // CHECK-NEXT: {{\*v[0-9]+|v[0-9]+\.r0}} = (int64_t) [[LEN]];
    // CHECK: [[RB:v[0-9]+]] = [[BV]];
    // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
    // CHECK-NEXT: kiln_ref_release({{v[0-9]+}}, [[RB]]);
    // CHECK: [[KFAIL]]:
    // CHECK-NEXT: = kiln_ref_kind_error([[EXEC]], [[B2]], KILN_REF_KIND_BUFFER);
    // CHECK-NEXT: ->loc = &[[LENLOC]];
    vm.return %n : i64
  }
  vm.export @keep

  // The initial value moved into __init (preparation), an exported function
  // the runtime runs once per context.
  // CHECK-LABEL: static {{[a-z0-9_]+}} app_f___init({{.*}}) {
  // CHECK: #line [[#@LINE-113]] "{{.*}}imports_globals.mlir"
  // CHECK-NEXT: #line [[#@LINE-114]] "{{.*}}imports_globals.mlir"
  // CHECK-NEXT: [[GB:v[0-9]+]] = kiln_state_bytes({{v[0-9]+}});
  // CHECK-NEXT: [[OFF:v[0-9]+]] = (uint64_t) 0;
  // CHECK-NEXT: kiln_store_i32([[GB]], [[OFF]], 5);
  // CHECK: static void app_state_deinit(
  // CHECK: kiln_state_release_refs({{v[0-9]+}}, {{v[0-9]+}}, 16, 1);
  // CHECK: static const kiln_import_desc_t app_imports[2] = {
  // CHECK-NEXT: {"math.add", "0ii_i", 0},
  // CHECK-NEXT: {"math.maybe", "0v_i", KILN_IMPORT_OPTIONAL},
  // CHECK: {"bump", "0i_i", app_e_bump, sizeof(app_frame_bump_t), 0},
  // CHECK: {"__init", "0v_v", app_e___init, sizeof(kiln_frame_header_t), 0},
  // CHECK: {"__init", "0v_v", 2},
  // CHECK: "app", 3u,
  // CHECK-NEXT: 2, app_imports,
}
