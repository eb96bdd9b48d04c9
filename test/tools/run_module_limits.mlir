// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// Fuel: one unit per taken backward branch and per call.
// RUN: run-module --module=%t.vmfb --function=count --input=100 --fuel=99 | FileCheck %s --check-prefix=COUNT
// RUN: not run-module --module=%t.vmfb --function=count --input=100 --fuel=98 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.vmfb --function=spin --fuel=1000000 2>&1 | FileCheck %s --check-prefix=SPINFUEL
// RUN: not run-module --module=%t.vmfb --function=rec --input=50 --fuel=20 2>&1 | FileCheck %s --check-prefix=RECFUEL
// Deadline: an endless loop ends after --deadline milliseconds.
// RUN: not run-module --module=%t.vmfb --function=spin --deadline=100 2>&1 | FileCheck %s --check-prefix=DEADLINE
// RUN: not run-module --module=%t.vmfb --function=yield_forever --deadline=100 2>&1 | FileCheck %s --check-prefix=YDEADLINE
// RUN: not run-module --module=%t.vmfb --function=yield_forever --fuel=1000 2>&1 | FileCheck %s --check-prefix=YFUEL
// RUN: not run-module --module=%t.vmfb --function=spin --deadline=100 --invocations=3 2>&1 | FileCheck %s --check-prefix=DEADLINE
// Memory: a program that allocates without bound stops at the limit.
// RUN: run-module --module=%t.vmfb --function=grow --input=10 --memory-limit=1m | FileCheck %s --check-prefix=GROW
// RUN: not run-module --module=%t.vmfb --function=grow --input=100000 --memory-limit=1m 2>&1 | FileCheck %s --check-prefix=MEMORY
// RUN: not run-module --module=%t.vmfb --function=big --input=100000000 --memory-limit=64m 2>&1 | FileCheck %s --check-prefix=BIG

// COUNT: i32=100
// FUEL: error: RESOURCE_EXHAUSTED: out of fuel: the invocation used its budget of 98 units
// FUEL-NEXT: at t.count
// SPINFUEL: error: RESOURCE_EXHAUSTED: out of fuel
// SPINFUEL-NEXT: at t.spin
// RECFUEL: error: RESOURCE_EXHAUSTED: out of fuel
// RECFUEL-NEXT: at t.rec
// RECFUEL-NEXT: at t.rec
// DEADLINE: error: DEADLINE_EXCEEDED: the invocation ran past its deadline
// DEADLINE-NEXT: at t.spin
// YDEADLINE: error: DEADLINE_EXCEEDED
// YFUEL: error: RESOURCE_EXHAUSTED: out of fuel
// GROW: i32=10
// MEMORY: error: RESOURCE_EXHAUSTED: memory limit exceeded: allocating {{.*}} with {{[0-9]+}} of the context's 1048576 bytes in use
// MEMORY-NEXT: at t.grow
// BIG: error: RESOURCE_EXHAUSTED: memory limit exceeded: allocating a vm.buffer of {{[0-9]+}} bytes with 0 of the context's 67108864 bytes in use

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
  vm.func @yield_forever() {
    vm.br ^loop
  ^loop:
    vm.yield ^loop
  }
  vm.export @yield_forever
  // Appends a 4 KiB buffer to a list n times; returns the list's size.
  vm.func @grow(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    %c4096 = vm.const.i64 4096
    %c16 = vm.const.i32 16
    %list = vm.list.alloc %zero : (i32) -> !vm.list<!vm.buffer>
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %b = vm.buffer.alloc %c4096, %c16 : !vm.buffer
    %i1 = vm.add.i32 %i, %one : i32
    vm.list.resize %list, %i1 : (!vm.list<!vm.buffer>, i32)
    vm.list.set.ref %list, %i, %b : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    vm.br ^loop(%i1 : i32)
  ^exit:
    %size = vm.list.size %list : (!vm.list<!vm.buffer>) -> i32
    vm.return %size : i32
  }
  vm.export @grow
  vm.func @big(%n: i32) -> i64 {
    %c16 = vm.const.i32 16
    %len = vm.ext.i32.i64.s %n : i32 -> i64
    %b = vm.buffer.alloc %len, %c16 : !vm.buffer
    %l = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %l : i64
  }
  vm.export @big
}
