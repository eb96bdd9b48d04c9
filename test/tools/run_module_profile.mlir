// run-module --profile=PATH writes a Chrome trace of the bytecode calls
// (one complete event per call) with per-function totals and per-block
// instruction counts; emitted C is observed per VM frame: with light frames
// (the default) these functions have none and show no events, translated
// with --vm-c-light-frames=false the ones that call have theirs (leaf, which
// cannot fail or call, needs no frame and stays its caller's time).
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=main --input=5 --profile=%t.json | FileCheck %s --check-prefix=RESULT
// RUN: python3 %S/Inputs/check_profile.py %t.json prof.main=1 prof.sum=6 prof.leaf=5 | FileCheck %s --check-prefix=OK
// RUN: run-module --module=%t.vmfb --function=main --input=5 --profile=%t.json --print-statistics 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// RUN: not run-module --module=%t.vmfb --function=main --input=5 --profile=%t.missing/dir/x.json 2>&1 | FileCheck %s --check-prefix=BADPATH
// RUN: not run-module --module=%t.vmfb --function=main --input=5 --profile=%t.json --invocations=2 2>&1 | FileCheck %s --check-prefix=INVOCATIONS
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=main --input=5 --profile=%t.c.json | FileCheck %s --check-prefix=RESULT
// RUN: python3 %S/Inputs/check_profile.py %t.c.json prof.main=0 | FileCheck %s --check-prefix=OK
// RUN: vm-translate --vm-to-c --vm-c-light-frames=false %s -o %t.frames.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.frames.c -lm -o %t.frames.so
// RUN: run-module --module=%t.frames.so --function=main --input=5 --profile=%t.frames.json | FileCheck %s --check-prefix=RESULT
// RUN: python3 %S/Inputs/check_profile.py %t.frames.json prof.main=1 prof.sum=6 prof.leaf=0 | FileCheck %s --check-prefix=OK
// RESULT: i32=25
// OK: profile ok:
// STATS: peak VM stack depth: 7 frames
// BADPATH: error: {{.*}}--profile: cannot write
// INVOCATIONS: error: --profile follows one invocation
vm.module @prof {
  vm.export @main
  vm.func @main(%n: i32) -> i32 {
    %r = vm.call @sum(%n) : (i32) -> i32
    vm.return %r : i32
  }
  // sum(n) = leaf(n) + sum(n - 1), leaf(n) = 2n - 1: the sum of the first n
  // odd numbers.
  vm.func @sum(%n: i32) -> i32 {
    %nz = vm.cmp.nz.i32 %n : i32
    vm.cond_br %nz, ^more, ^bottom
  ^more:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %l = vm.call @leaf(%n) : (i32) -> i32
    %r = vm.call @sum(%m) : (i32) -> i32
    %s = vm.add.i32 %r, %l : i32
    vm.return %s : i32
  ^bottom:
    %z = vm.const.i32 0
    vm.return %z : i32
  }
  vm.func @leaf(%n: i32) -> i32 attributes {noinline} {
    %c1 = vm.const.i32 1
    %d = vm.add.i32 %n, %n : i32
    %r = vm.sub.i32 %d, %c1 : i32
    vm.return %r : i32
  }
}
