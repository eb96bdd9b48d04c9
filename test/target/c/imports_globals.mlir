// RUN: %vm-to-c %s | FileCheck %s

vm.module @app attributes {version = 3 : i32} {
  // Scalar globals in a byte area at their ordinal-allocated offsets, refs
  // in an array by ordinal.
  // CHECK: typedef struct {
  // CHECK: uint8_t gb[8];
  // CHECK: kiln_ref_t gr[1];
  // CHECK: } app_state_t;
  vm.global.i32 private mutable @counter = 5 : i32
  vm.global.ref private mutable @cache : !vm.buffer
  vm.import private @math.add(%a : i32, %b : i32) -> i32
  vm.import private optional @math.maybe() -> i32

  // CHECK-LABEL: app_f_bump({{.*}}) {
  vm.func @bump(%x: i32) -> i32 {
    // CHECK: memcpy(&v{{[0-9]+}}, state->gb + 0, sizeof(v{{[0-9]+}}));
    %0 = vm.global.load.i32 @counter : i32
    // CHECK: struct { int32_t a0; int32_t a1; } [[IN:t[0-9]+]];
    // CHECK: struct { int32_t r0; } [[OUT:t[0-9]+]];
    // CHECK: fh->loc = &app_loc{{[0-9]+}};
    // CHECK: st = S->call_import(exec, 0, &[[IN]], sizeof([[IN]]), &[[OUT]], sizeof([[OUT]]));
    %1 = vm.call @math.add(%0, %x) : (i32, i32) -> i32
    // CHECK: memcpy(state->gb + 0, &v{{[0-9]+}}, sizeof(v{{[0-9]+}}));
    vm.global.store.i32 %1, @counter : i32
    // CHECK: = S->import_resolved(exec, 1);
    %r = vm.import.resolved @math.maybe : i32
    %2 = vm.add.i32 %1, %r : i32
    vm.return %2 : i32
  }
  vm.export @bump

  // CHECK-LABEL: app_f_keep({{.*}}) {
  vm.func @keep(%b: !vm.buffer) -> i64 {
    // CHECK: kiln_ref_retain(S, a0);
    // CHECK: kiln_ref_assign(S, &state->gr[0], v0);
    vm.global.store.ref %b, @cache : !vm.buffer
    // CHECK: S->buffer_span(
    %n = vm.buffer.length %b : !vm.buffer -> i64
    // CHECK: cleanup:
    // CHECK-NEXT: kiln_ref_release(S, v0);
    vm.return %n : i64
  }
  vm.export @keep

  // The initial value moved into __init (preparation), an exported function
  // the runtime runs once per context.
  // CHECK-LABEL: app_f___init({{.*}}) {
  // CHECK: = 5;
  // CHECK: memcpy(state->gb + 0,
  // CHECK: kiln_ref_reset(S, &s->gr[i]);
  // CHECK: static const kiln_import_desc_t app_imports[] = {
  // CHECK-NEXT: {"math.add", "0ii_i", 0},
  // CHECK-NEXT: {"math.maybe", "0v_i", KILN_IMPORT_OPTIONAL},
  // CHECK: {"__init", "0v_v", app_e___init, sizeof(kiln_frame_header_t), 0},
  // CHECK: {"__init", "0v_v", 2},
  // CHECK: "app", 3u,
}
