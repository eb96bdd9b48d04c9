// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -fsyntax-only %t.c

// vm.break and vm.cond_break branch to their destination like the
// interpreter (no debugger attached); vm.trace prints nothing.
vm.module @dbg {
  // CHECK-LABEL: dbg_f_debug({{.*}}) {
  vm.func @debug(%c: i32, %x: i32) -> i32 {
    // CHECK-NOT: trace
    vm.trace "event"(%x) : i32
    // CHECK: v{{[0-9]+}} = [[T:t[0-9]+]];
    // CHECK: goto bb1;
    vm.cond_break %c, ^next(%x : i32)
  ^next(%y: i32):
    // CHECK: bb1:
    // CHECK: goto bb2;
    vm.break ^last
  ^last:
    vm.return %y : i32
  }
  vm.export @debug
}
