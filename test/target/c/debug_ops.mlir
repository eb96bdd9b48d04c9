// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.break and vm.cond_break branch to their destination like the
// interpreter (no debugger attached); vm.trace prints nothing.
vm.module @dbg {
  // CHECK-LABEL: static {{[a-z0-9_]+}} dbg_f_debug({{.*}}) {
  // CHECK: /* cannot fail, call or suspend: no VM frame */
  // CHECK-NEXT: [[C:v[0-9]+]] = {{v[0-9]+}};
  // CHECK-NEXT: [[X:v[0-9]+]] = {{v[0-9]+}};
  vm.func @debug(%c: i32, %x: i32) -> i32 {
    // The trace leaves only its #line.
    // CHECK: #line [[#@LINE+3]] "{{.*}}debug_ops.mlir"
    // CHECK-NEXT: #line [[#@LINE+7]] "{{.*}}debug_ops.mlir"
    // CHECK-NOT: trace
    vm.trace "event"(%x) : i32
    // The conditional break does not test %c: it copies the block argument
    // and branches.
    // CHECK-NEXT: [[Y:v[0-9]+]] = [[X]];
    // CHECK-NEXT: goto [[NEXT:label[0-9]+]];
    vm.cond_break %c, ^next(%x : i32)
  ^next(%y: i32):
    // CHECK-NEXT: [[NEXT]]:
    // CHECK-NEXT: #line [[#@LINE+3]] "{{.*}}debug_ops.mlir"
    // CHECK-NEXT: goto [[LAST:label[0-9]+]];
    // CHECK-NEXT: [[LAST]]:
    vm.break ^last
  ^last:
    // CHECK-NEXT: #line [[#@LINE+4]] "{{.*}}debug_ops.mlir"
    // CHECK-NEXT: {{v[0-9]+}} = [[Y]];
    // CHECK-NOT: {{[^0-9]}}[[C]]{{[^0-9]}}
    // CHECK: {{^}}}{{$}}
    vm.return %y : i32
  }
  vm.export @debug
}
