// A failure under deep recursion prints the repeated frames once, then how
// many more there are, in both forms.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: not run-module --module=%t.vmfb --function=main --input=200 2>&1 | FileCheck %s
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: not run-module --module=%t.so --function=main --input=200 2>&1 | FileCheck %s
// CHECK: error: {{.*}}bottom reached
// CHECK-NEXT: at rec.down
// CHECK-NEXT: at rec.down
// CHECK-NEXT: at rec.down
// CHECK-NEXT: at rec.down
// CHECK-NEXT: ... {{19[0-9]}} more frames of rec.down
// CHECK-NEXT: at rec.main
vm.module @rec {
  vm.export @main
  vm.func @main(%n: i32) -> i32 {
    %r = vm.call @down(%n) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func @down(%n: i32) -> i32 {
    %nz = vm.cmp.nz.i32 %n : i32
    vm.cond_br %nz, ^more, ^bottom
  ^more:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %r = vm.call @down(%m) : (i32) -> i32
    vm.return %r : i32
  ^bottom:
    %code = vm.const.i32 9
    vm.fail %code, "bottom reached"
  }
}
