// The VM call depth: by default a 1 MiB frame budget (8,192 frames of 128
// bytes); --max-stack-depth and --stack-size change it, in both forms.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=depth --input=8000 | FileCheck %s --check-prefix=OK8K
// RUN: not run-module --module=%t.vmfb --function=depth --input=9000 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not run-module --module=%t.vmfb --function=depth --input=150 --max-stack-depth=100 2>&1 | FileCheck %s --check-prefix=LIMIT100
// RUN: run-module --module=%t.vmfb --function=depth --input=50000 --max-stack-depth=60000 | FileCheck %s --check-prefix=OK50K
// RUN: not run-module --module=%t.vmfb --function=depth --input=1000 --stack-size=4k 2>&1 | FileCheck %s --check-prefix=SMALL
// RUN: not run-module --module=%t.vmfb --function=depth --input=1 --max-stack-depth=0 2>&1 | FileCheck %s --check-prefix=BADFLAG
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=depth --input=8000 | FileCheck %s --check-prefix=OK8K
// RUN: not run-module --module=%t.so --function=depth --input=9000 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: not run-module --module=%t.so --function=depth --input=150 --max-stack-depth=100 2>&1 | FileCheck %s --check-prefix=LIMIT100
// Past what the thread's native stack holds, emitted C built with
// KILN_C_BOUNDED stops with a status (unbounded C does not check: see
// docs/limits.md).
// RUN: cc -std=c11 -O1 -shared -fPIC -DKILN_C_BOUNDED=1 -I %kiln_src/runtime/include %t.c -lm -o %t.bounded.so
// RUN: not run-module --module=%t.bounded.so --function=depth --input=500000 --max-stack-depth=600000 2>&1 | FileCheck %s --check-prefix=NATIVE
// @down is small and recursive: it checks at every eighth light depth
// (kiln_light_stack_check), with room for the levels in between; on a
// 256 KiB stack too.
// RUN: not sh -c 'ulimit -s 256 && run-module --module=%t.bounded.so --function=depth --input=500000 --max-stack-depth=600000' 2>&1 | FileCheck %s --check-prefix=NATIVE
// RUN: sh -c 'ulimit -s 256 && run-module --module=%t.bounded.so --function=depth --input=1000' | FileCheck %s --check-prefix=OK1K
// OK8K: i32=8000
// OK1K: i32=1000
// DEFAULT: error: RESOURCE_EXHAUSTED: stack overflow: call depth limit of 8192 frames exceeded
// DEFAULT: more frames of stack.down
// LIMIT100: error: RESOURCE_EXHAUSTED: stack overflow: call depth limit of 100 frames exceeded
// OK50K: i32=50000
// SMALL: error: RESOURCE_EXHAUSTED: stack overflow
// BADFLAG: error: {{.*}}max-stack-depth
// NATIVE: error: RESOURCE_EXHAUSTED: native stack overflow
vm.module @stack {
  vm.export @depth
  vm.func @depth(%n: i32) -> i32 {
    %r = vm.call @down(%n) : (i32) -> i32
    vm.return %r : i32
  }
  // Counts its own depth on the way back up.
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
}
