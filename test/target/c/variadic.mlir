// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.call.variadic packs its arguments in one struct laid out like the
// expanded signature: a variadic span is an int32_t count, then its values
// (tuples flattened).
vm.module @va {
  vm.import private @native.sum(%a : i32, %rest : i32 ...) -> i32
  vm.import private @native.pairs(%p : tuple<i32, i64> ...)

  // CHECK-LABEL: va_f_sum3({{.*}}) {
  // CHECK: struct { int32_t a0; int32_t n1; int32_t a1; int32_t a2; } [[IN:t[0-9]+]];
  // CHECK-NEXT: [[IN]].a0 = v0;
  // CHECK-NEXT: [[IN]].n1 = 2;
  // CHECK-NEXT: [[IN]].a1 = v1;
  // CHECK-NEXT: [[IN]].a2 = v2;
  // CHECK: st = S->call_import(exec, 0, &[[IN]], sizeof([[IN]]),
  vm.func @sum3(%a: i32, %b: i32, %c: i32) -> i32 {
    %r = vm.call.variadic @native.sum(%a, [%b, %c]) : (i32, i32 ...) -> i32
    vm.return %r : i32
  }
  vm.export @sum3

  // CHECK-LABEL: va_f_pairs({{.*}}) {
  // CHECK: struct { int32_t n0; int32_t a0; int64_t a1; } [[IN:t[0-9]+]];
  // CHECK: [[IN]].n0 = 1;
  vm.func @pairs(%a: i32, %b: i64) {
    vm.call.variadic @native.pairs([(%a, %b)]) : (tuple<i32, i64> ...) -> ()
    vm.return
  }
  vm.export @pairs

  // CHECK: static const kiln_import_desc_t va_imports[] = {
  // CHECK-NEXT: {"native.sum", "0iCiD_i", 0},
  // CHECK-NEXT: {"native.pairs", "0CiID_v", 0},
}
