// run-module --print-statistics: load and call time, bytecode instructions
// executed and peak VM stack depth (exact for bytecode), allocations and
// peak memory (both forms), on stderr; results stay on stdout.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=main --input=10 --print-statistics 2>%t.err | FileCheck %s --check-prefix=RESULT
// RUN: FileCheck %s --check-prefix=BC < %t.err
// RUN: run-module --module=%t.vmfb --function=main --input=20 --print-statistics 2>&1 >/dev/null | FileCheck %s --check-prefix=BC20
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=main --input=10 --print-statistics 2>%t.c.err | FileCheck %s --check-prefix=RESULT
// RUN: FileCheck %s --check-prefix=C < %t.c.err
// RUN: run-module --module=%t.vmfb --function=main --input=10 | FileCheck %s --check-prefix=QUIET --allow-empty
// RESULT: i32=55
// BC: [statistics] load: {{[0-9.]+}} ms
// BC: [statistics] call: {{[0-9.]+}} ms
// BC: [statistics] bytecode instructions: [[N10:[0-9]+]]
// BC: [statistics] peak VM stack depth: 12 frames
// BC: [statistics] allocations: 1, peak memory: {{[0-9]+}} bytes
// BC20: peak VM stack depth: 22 frames
// C: bytecode instructions: 0 (emitted C modules run uncounted)
// C: [statistics] allocations: 1, peak memory: {{[0-9]+}} bytes
// QUIET-NOT: statistics
vm.module @stats {
  vm.export @main
  vm.func @main(%n: i32) -> i32 {
    // One allocation: a 4 KiB buffer the sum is stored in.
    %size = vm.const.i64 4096
    %align = vm.const.i32 16
    %buf = vm.buffer.alloc %size, %align : !vm.buffer
    %r = vm.call @sum(%n) : (i32) -> i32
    %c0 = vm.const.i64 0
    vm.buffer.store.i32 %r, %buf[%c0] : i32 -> !vm.buffer
    %back = vm.buffer.load.i32 %buf[%c0] : !vm.buffer -> i32
    vm.return %back : i32
  }
  // Recursion depth n + 1 below main.
  vm.func @sum(%n: i32) -> i32 {
    %nz = vm.cmp.nz.i32 %n : i32
    vm.cond_br %nz, ^more, ^bottom
  ^more:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %r = vm.call @sum(%m) : (i32) -> i32
    %s = vm.add.i32 %r, %n : i32
    vm.return %s : i32
  ^bottom:
    %z = vm.const.i32 0
    vm.return %z : i32
  }
}
