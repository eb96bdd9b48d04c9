// RUN: %vm-to-c %s | FileCheck %s

vm.module @app attributes {version = 3 : i32} {
  // CHECK: typedef struct {
  // CHECK: int32_t g_counter;
  // CHECK: kiln_ref_t g_cache;
  // CHECK: } app_state_t;
  vm.global.i32 private mutable @counter = 5 : i32
  vm.global.ref private mutable @cache : !vm.buffer
  vm.import private @math.add(%a : i32, %b : i32) -> i32
  vm.import private optional @math.maybe() -> i32

  // CHECK-LABEL: app_f_bump({{.*}}) {
  vm.func @bump(%x: i32) -> i32 {
    // CHECK: v{{[0-9]+}} = state->g_counter;
    %0 = vm.global.load.i32 @counter : i32
    // CHECK: struct { int32_t a0; int32_t a1; } [[IN:t[0-9]+]];
    // CHECK: struct { int32_t r0; } [[OUT:t[0-9]+]];
    // CHECK: S->set_location(exec, &app_loc{{[0-9]+}});
    // CHECK: st = S->call_import(exec, 0, &[[IN]], sizeof([[IN]]), &[[OUT]], sizeof([[OUT]]));
    %1 = vm.call @math.add(%0, %x) : (i32, i32) -> i32
    // CHECK: state->g_counter = v{{[0-9]+}};
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
    // CHECK: kiln_ref_assign(S, &state->g_cache, v0);
    vm.global.store.ref %b, @cache : !vm.buffer
    // CHECK: S->buffer_span(
    %n = vm.buffer.length %b : !vm.buffer -> i64
    // CHECK: cleanup:
    // CHECK-NEXT: kiln_ref_release(S, v0);
    vm.return %n : i64
  }
  vm.export @keep

  // CHECK: s->g_counter = 5;
  // CHECK: kiln_ref_reset(S, &s->g_cache);
  // CHECK: static const kiln_import_desc_t app_imports[] = {
  // CHECK-NEXT: {"math.add", "0ii_i", 0},
  // CHECK-NEXT: {"math.maybe", "0v_i", KILN_IMPORT_OPTIONAL},
  // CHECK: "app", 3u,
}
