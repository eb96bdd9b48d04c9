// A small recursive light function checks the native stack before the
// first call of each block, not on entry (takesStackCheck of
// compiler/Target/C/NativeShared.h, docs/runtime.md "Bounded C modules"):
// the leaf path (n < 2) passes no check, and the block's second call is
// covered by its first one's. At -O0 the inlined helpers leave their exit
// blocks behind, in order.
// RUN: vm-translate --vm-to-llvm-ir --vm-llvm-bounded -O0 %s | FileCheck %s
// And the native stack still runs out cleanly deep in the recursion.
// RUN: vm-translate --vm-to-object --vm-llvm-bounded %s -o %t.so
// RUN: not sh -c 'ulimit -s 256 && run-module --module=%t.so --function=down --input=500000 --max-stack-depth=600000' 2>&1 | FileCheck %s --check-prefix=NATIVE

// CHECK-LABEL: define internal {{.*}} @t_f_fib(
// CHECK: kiln_light_enter_fuel.exit:
// CHECK-NOT: kiln_light_stack_check_fuel.exit:
// CHECK: icmp slt i32
// CHECK-NOT: kiln_light_stack_check_fuel.exit:
// CHECK: sub i32
// CHECK: and i32 %{{[0-9]+}}, 7
// CHECK: kiln_light_stack_check_fuel.exit:
// CHECK: kiln_light_fuel_tick.exit:
// CHECK-NOT: kiln_light_stack_check_fuel.exit:
// CHECK: kiln_light_fuel_tick.exit{{[0-9]+}}:
// CHECK-NOT: kiln_light_stack_check_fuel.exit:
// CHECK: {{^}}}
// NATIVE: error: RESOURCE_EXHAUSTED: native stack overflow
// NATIVE-NEXT: at t.down

vm.module @t {
  vm.func @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^base, ^recurse
  ^base:
    vm.return %n : i32
  ^recurse:
    %c1 = vm.const.i32 1
    %n1 = vm.sub.i32 %n, %c1 : i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    %sum = vm.add.i32 %f1, %f2 : i32
    vm.return %sum : i32
  }
  vm.export @fib
  vm.func @down(%n: i32) -> i32 {
    %nz = vm.cmp.nz.i32 %n : i32
    vm.cond_br %nz, ^more, ^bottom
  ^more:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %r = vm.call @down(%m) : (i32) -> i32
    %s = vm.add.i32 %r, %c1 : i32
    vm.return %s : i32
  ^bottom:
    %z = vm.const.i32 0
    vm.return %z : i32
  }
  vm.export @down
}
