// Counted loops of bounded modules take their fuel up front
// (vm-prepay-loop-fuel, docs/runtime.md "Bounded C modules"). The module
// translated --vm-c-bounded prepays; the same file translated without the
// flag and compiled with -DKILN_C_BOUNDED=1 counts at every header entry.
// Both must use exactly the same fuel (the same N passes and N - 1 fails)
// and fail with the same status and trace, byte for byte.
// RUN: vm-translate --vm-to-c --vm-c-bounded %s -o %t.prepaid.c
// RUN: %vm-to-c %s -o %t.ticking.c
// RUN: FileCheck %s --check-prefix=EMIT < %t.prepaid.c
// RUN: FileCheck %s --check-prefix=TICKING < %t.ticking.c
// RUN: %cc -O2 -shared -fPIC %t.prepaid.c -o %t.prepaid.so
// RUN: %cc -O2 -shared -fPIC -DKILN_C_BOUNDED=1 %t.ticking.c -o %t.ticking.so
// RUN: python3 %S/Inputs/same_fuel.py %s %t.prepaid.so %t.ticking.so
// Deadlines are still noticed inside a prepaid loop of 2^62 iterations
// (prepaying never reaches past the current slice).
// RUN: not run-module --module=%t.prepaid.so --function=long --input=i64=4611686018427387904 --deadline=100 2>&1 | FileCheck %s --check-prefix=DEADLINE
// An i32 induction variable that wraps past the bound keeps looping in
// both forms, and fuel still ends it.
// RUN: not run-module --module=%t.prepaid.so --function=wrap --input=2147483600 --fuel=300000 2>&1 | FileCheck %s --check-prefix=WRAPFUEL
// RUN: not run-module --module=%t.ticking.so --function=wrap --input=2147483600 --fuel=300000 2>&1 | FileCheck %s --check-prefix=WRAPFUEL

// EMIT: kiln_light_fuel_prepay_loop(
// TICKING-NOT: prepay_loop
// DEADLINE: error: DEADLINE_EXCEEDED: the invocation ran past its deadline
// DEADLINE-NEXT: at t.long
// WRAPFUEL: error: RESOURCE_EXHAUSTED: out of fuel: the invocation used its budget of 300000 units
// WRAPFUEL-NEXT: at t.wrap

// same_fuel.py reads these lines: FUNCTION INPUTS... ; the smallest fuel
// each needs is searched in both modules and must be the same, and both
// must print the same thing at that fuel and one unit less.
// EXACT: count --input=0
// EXACT: count --input=1
// EXACT: count --input=1000
// EXACT: count --input=200000
// EXACT: strided --input=i64=-7 --input=i64=100
// EXACT: strided --input=i64=5 --input=i64=5
// EXACT: two_loops --input=70000
// EXACT: fail_at --input=100 --input=37

vm.module @t {
  // sum of 0..n-1 (i32, step 1).
  vm.func @count(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @count

  // i64, step 3, from lb to ub.
  vm.func @strided(%lb: i64, %ub: i64) -> i64 {
    %c3 = vm.const.i64 3
    %zero = vm.const.i64.zero
    vm.br ^loop(%lb, %zero : i64, i64)
  ^loop(%i: i64, %acc: i64):
    %more = vm.cmp.lt.i64.s %i, %ub : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.xor.i64 %acc, %i : i64
    %i1 = vm.add.i64 %i, %c3 : i64
    vm.br ^loop(%i1, %acc1 : i64, i64)
  ^exit:
    vm.return %acc : i64
  }
  vm.export @strided

  // A prepaid loop, then a loop that calls (and so counts every entry):
  // fuel left by the first decides where the second runs out.
  // Recursive (so not inlined, and each call counts a unit); returns x
  // for x >= 0 without recursing.
  vm.func private @id(%x: i32) -> i32 {
    %zero = vm.const.i32.zero
    %neg = vm.cmp.lt.i32.s %x, %zero : i32
    vm.cond_br %neg, ^again, ^done
  ^again:
    %r = vm.call @id(%zero) : (i32) -> i32
    vm.return %r : i32
  ^done:
    vm.return %x : i32
  }
  vm.func @two_loops(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^a(%zero, %zero : i32, i32)
  ^a(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^abody, ^b(%zero, %acc : i32, i32)
  ^abody:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^a(%i1, %acc1 : i32, i32)
  ^b(%j: i32, %acc2: i32):
    %more2 = vm.cmp.lt.i32.s %j, %n : i32
    vm.cond_br %more2, ^bbody, ^exit
  ^bbody:
    %v = vm.call @id(%j) : (i32) -> i32
    %acc3 = vm.add.i32 %acc2, %v : i32
    %j1 = vm.add.i32 %j, %one : i32
    vm.br ^b(%j1, %acc3 : i32, i32)
  ^exit:
    vm.return %acc2 : i32
  }
  vm.export @two_loops

  // Stores i at b[i] (4 bytes each) for i < n into a buffer of k bytes:
  // fails at i = k / 4 (when that is below n) with the store's
  // OUT_OF_RANGE, or runs out of fuel first.
  vm.func @fail_at(%n: i32, %k: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    %c4 = vm.const.i32 4
    %k64 = vm.ext.i32.i64.s %k : i32 -> i64
    %b = vm.buffer.alloc %k64, %c4 : !vm.buffer
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i64 = vm.ext.i32.i64.s %i : i32 -> i64
    vm.buffer.store.i32 %i, %b[%i64] : i32 -> !vm.buffer
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return %i : i32
  }
  vm.export @fail_at

  // 2^62 iterations: only a deadline (or fuel) ends it.
  vm.func @long(%n: i64) -> i64 {
    %zero = vm.const.i64.zero
    %one = vm.const.i64 1
    vm.br ^loop(%zero, %zero : i64, i64)
  ^loop(%i: i64, %acc: i64):
    %more = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %sq = vm.mul.i64 %i, %i : i64
    %acc1 = vm.xor.i64 %acc, %sq : i64
    %i1 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i1, %acc1 : i64, i64)
  ^exit:
    vm.return %acc : i64
  }
  vm.export @long

  // Step 7 up to INT32_MAX: the step past the last iteration wraps to a
  // negative i, which is below the bound again, so the loop never ends.
  vm.func @wrap(%start: i32) -> i32 {
    %c7 = vm.const.i32 7
    %max = vm.const.i32 2147483647
    vm.br ^loop(%start : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %max : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i1 = vm.add.i32 %i, %c7 : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return %i : i32
  }
  vm.export @wrap
}
