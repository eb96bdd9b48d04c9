// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.call.variadic packs its arguments in one struct laid out like the
// expanded signature: a variadic span is an int32_t count, then its values
// (tuples flattened).
vm.module @va {
  vm.import private @native.sum(%a : i32, %rest : i32 ...) -> i32
  vm.import private @native.pairs(%p : tuple<i32, i64> ...)

  // CHECK: static {{[a-z0-9_]+}} va_f_sum3(kiln_exec_t* {{v[0-9]+}}, va_state_t* {{v[0-9]+}}, int32_t [[PA:v[0-9]+]], int32_t [[PB:v[0-9]+]], int32_t [[PC:v[0-9]+]], int32_t* {{v[0-9]+}});
  // CHECK: typedef struct { int32_t a0; int32_t n1; int32_t a1; int32_t a2; } [[ARGS:va_args[0-9]+_t]];
  // CHECK-NEXT: typedef struct { int32_t r0; } [[RESULTS:va_results[0-9]+_t]];
  // CHECK-LABEL: static {{[a-z0-9_]+}} va_f_sum3({{.*}}) {
  // CHECK: [[A:v[0-9]+]] = [[PA]];
  // CHECK-NEXT: [[B:v[0-9]+]] = [[PB]];
  // CHECK-NEXT: [[C:v[0-9]+]] = [[PC]];
  // CHECK: [[X:v[0-9]+]] = [[A]];
  // CHECK-NEXT: [[IN:v[0-9]+]].a0 = [[X]];
  // CHECK-NEXT: [[IN]].n1 = 2;
  // CHECK-NEXT: [[Y:v[0-9]+]] = [[B]];
  // CHECK-NEXT: [[IN]].a1 = [[Y]];
  // CHECK-NEXT: [[Z:v[0-9]+]] = [[C]];
  // CHECK-NEXT: [[IN]].a2 = [[Z]];
  // CHECK: = kiln_call_import({{v[0-9]+}}, 0, (const void*) (&[[IN]]), sizeof([[ARGS]]), (void*) (&{{v[0-9]+}}), sizeof([[RESULTS]]));
  vm.func @sum3(%a: i32, %b: i32, %c: i32) -> i32 {
    %r = vm.call.variadic @native.sum(%a, [%b, %c]) : (i32, i32 ...) -> i32
    vm.return %r : i32
  }
  vm.export @sum3

  // CHECK: typedef struct { int32_t n0; int32_t a0; int64_t a1; } [[ARGS:va_args[0-9]+_t]];
  // CHECK-LABEL: static {{[a-z0-9_]+}} va_f_pairs({{.*}}) {
  // CHECK: [[IN:v[0-9]+]].n0 = 1;
  // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
  // CHECK-NEXT: [[IN]].a0 = {{v[0-9]+}};
  // CHECK-NEXT: {{v[0-9]+}} = {{v[0-9]+}};
  // CHECK-NEXT: [[IN]].a1 = {{v[0-9]+}};
  // No results: none are passed.
  // CHECK: = kiln_call_import({{v[0-9]+}}, 1, (const void*) (&[[IN]]), sizeof([[ARGS]]), NULL, 0);
  vm.func @pairs(%a: i32, %b: i64) {
    vm.call.variadic @native.pairs([(%a, %b)]) : (tuple<i32, i64> ...) -> ()
    vm.return
  }
  vm.export @pairs

  // CHECK: static const kiln_import_desc_t va_imports[2] = {
  // CHECK-NEXT: {"native.sum", "0iCiD_i", 0},
  // CHECK-NEXT: {"native.pairs", "0CiID_v", 0},
}
