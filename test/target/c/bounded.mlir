// Bounded C modules (docs/runtime.md, "Bounded C modules"): with
// KILN_C_BOUNDED the emitted C counts fuel at loop headers and calls and
// checks the native stack in recursive and large functions; without it the
// same file compiles to code with no checks.
// RUN: %vm-to-c %s -o %t.c
// RUN: %cc -O2 -shared -fPIC %t.c -o %t.plain.so
// RUN: %cc -O2 -shared -fPIC -DKILN_C_BOUNDED=1 %t.c -o %t.bounded.so
// RUN: FileCheck %s --check-prefix=EMIT < %t.c
// RUN: vm-translate --vm-to-c --vm-c-bounded %s | FileCheck %s --check-prefix=BDEF
// RUN: run-module --module=%t.bounded.so --function=count --input=1000 --fuel=1001 | FileCheck %s --check-prefix=COUNT
// RUN: not run-module --module=%t.bounded.so --function=count --input=1000 --fuel=999 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.bounded.so --function=rec --input=100 --fuel=50 2>&1 | FileCheck %s --check-prefix=RECFUEL
// Recursion counts exactly one unit per call, in the light frames' local
// count; the count comes back to the invocation's between two light calls
// from a VM frame (@rec_twice yields, so it has one): rec(100) takes 100
// units, rec_twice(100) 202: two calls of rec (a unit each) and 100 units
// inside each.
// RUN: run-module --module=%t.bounded.so --function=rec --input=100 --fuel=100 | FileCheck %s --check-prefix=RECOK
// RUN: not run-module --module=%t.bounded.so --function=rec --input=100 --fuel=99 2>&1 | FileCheck %s --check-prefix=RECFUEL
// RUN: run-module --module=%t.bounded.so --function=rec_twice --input=100 --fuel=202 | FileCheck %s --check-prefix=TWICEOK
// RUN: not run-module --module=%t.bounded.so --function=rec_twice --input=100 --fuel=201 2>&1 | FileCheck %s --check-prefix=RECFUEL
// RUN: not run-module --module=%t.bounded.so --function=spin --deadline=100 2>&1 | FileCheck %s --check-prefix=DEADLINE
// RUN: not run-module --module=%t.bounded.so --function=yield_forever --fuel=1000 2>&1 | FileCheck %s --check-prefix=YFUEL
// RUN: run-module --module=%t.plain.so --function=count --input=1000 --fuel=10 2>&1 | FileCheck %s --check-prefix=PLAIN
// Native stack: 8 KiB frames per level, recursion 100 deep (800 KiB) on a
// 256 KiB stack fails cleanly instead of crashing; on 8 MiB it runs.
// RUN: python3 %S/Inputs/gen_big_frame.py 1024 > %t.big.mlir
// RUN: %vm-to-c %t.big.mlir -o %t.big.c
// RUN: %cc -O2 -shared -fPIC -DKILN_C_BOUNDED=1 %t.big.c -o %t.big.so
// RUN: FileCheck %s --check-prefix=STACKCHECK < %t.big.c
// RUN: sh -c 'ulimit -s 8192 && run-module --module=%t.big.so --function=deep --input=100' | FileCheck %s --check-prefix=DEEP
// RUN: not sh -c 'ulimit -s 256 && run-module --module=%t.big.so --function=deep --input=100' 2>&1 | FileCheck %s --check-prefix=OVERFLOW

// EMIT: #include "kiln/c/module.h"
// Light functions count fuel in a local (kiln_light_fuel_tick) and a small
// recursive one checks the stack at every eighth depth; a function with a
// VM frame counts in exec->fuel.
// EMIT: kiln_light_fuel_tick(
// EMIT: kiln_light_stack_check_fuel(
// EMIT: kiln_fuel_tick(
// EMIT: KILN_MODULE_BUILD_FLAGS
// BDEF: #define KILN_C_BOUNDED 1
// BDEF-NEXT: #include <stdbool.h>
// COUNT: i32=1000
// FUEL: error: RESOURCE_EXHAUSTED: out of fuel: the invocation used its budget of 999 units
// FUEL-NEXT: at t.count
// RECOK: i32=0
// TWICEOK: i32=0
// RECFUEL: error: RESOURCE_EXHAUSTED: out of fuel
// RECFUEL-NEXT: at t.rec
// RECFUEL-NEXT: at t.rec
// DEADLINE: error: DEADLINE_EXCEEDED: the invocation ran past its deadline
// DEADLINE-NEXT: at t.spin
// YFUEL: error: RESOURCE_EXHAUSTED: out of fuel
// PLAIN: warning: C module 't' was built without KILN_C_BOUNDED
// PLAIN: i32=1000
// STACKCHECK: kiln_stack_check_margin_fuel(
// DEEP: i64=
// OVERFLOW: error: RESOURCE_EXHAUSTED: native stack overflow: the C stack of this thread ({{[0-9]+}} bytes) has no room left
// OVERFLOW-NEXT: at big.deep

vm.module @t {
  vm.func @count(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return %i : i32
  }
  vm.export @count
  vm.func @spin() {
    vm.br ^loop
  ^loop:
    vm.br ^loop
  }
  vm.export @spin
  vm.func @rec(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %done = vm.cmp.lte.i32.s %n, %zero : i32
    vm.cond_br %done, ^exit, ^more
  ^more:
    %one = vm.const.i32 1
    %m = vm.sub.i32 %n, %one : i32
    %r = vm.call @rec(%m) : (i32) -> i32
    vm.return %r : i32
  ^exit:
    vm.return %n : i32
  }
  vm.export @rec
  vm.func @rec_twice(%n: i32) -> i32 {
    %a = vm.call @rec(%n) : (i32) -> i32
    vm.yield ^next
  ^next:
    %b = vm.call @rec(%n) : (i32) -> i32
    %s = vm.add.i32 %a, %b : i32
    vm.return %s : i32
  }
  vm.export @rec_twice
  vm.func @yield_forever() {
    vm.br ^loop
  ^loop:
    vm.yield ^loop
  }
  vm.export @yield_forever
}
