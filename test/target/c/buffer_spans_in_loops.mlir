// RUN: %vm-to-c %s -o %t.c && %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: %vm-to-c %s | FileCheck %s --check-prefix=C
// RUN: run-module --module=%t.so --function=sum --input=buffer=i32:1,2,3,4 --input=i64=4 | FileCheck %s --check-prefix=SUM
// RUN: run-module --module=%t.vmfb --function=sum --input=buffer=i32:1,2,3,4 --input=i64=4 | FileCheck %s --check-prefix=SUM
// RUN: not run-module --module=%t.so --function=sum --input=buffer=i32:1,2,3,4 --input=i64=6 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not run-module --module=%t.vmfb --function=sum --input=buffer=i32:1,2,3,4 --input=i64=6 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not run-module --module=%t.so --function=sum --input=null --input=i64=2 2>&1 | FileCheck %s --check-prefix=NULL
// RUN: not run-module --module=%t.vmfb --function=sum --input=null --input=i64=2 2>&1 | FileCheck %s --check-prefix=NULL
// RUN: not run-module --module=%t.so --function=sum --input=list\<i32\>=1,2 --input=i64=2 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not run-module --module=%t.vmfb --function=sum --input=list\<i32\>=1,2 --input=i64=2 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not run-module --module=%t.so --function=fill_rodata --input=i64=3 2>&1 | FileCheck %s --check-prefix=READONLY
// RUN: not run-module --module=%t.vmfb --function=fill_rodata --input=i64=3 2>&1 | FileCheck %s --check-prefix=READONLY
// RUN: run-module --module=%t.so --function=swap_sum --input=i64=3 | FileCheck %s --check-prefix=SWAP
// RUN: run-module --module=%t.vmfb --function=swap_sum --input=i64=3 | FileCheck %s --check-prefix=SWAP

// A buffer used inside a loop has its span read once where the value is
// defined (an argument, an op result, a block argument that changes per
// iteration) into C locals; every access still checks the ref's type, the
// index against the length and, for stores, writability, with the
// interpreter's status. Both forms agree.

// C-LABEL: bufloops_f_sum({{.*}}) {
// C: = kiln_buffer_span_of(
// C-NOT: kiln_buffer_span(
// C-LABEL: bufloops_f_fill_rodata({{.*}}) {

// SUM: i32=10
// RANGE: OUT_OF_RANGE
// RANGE: bufloops.sum
// NULL: null ref where a 'vm.buffer' was expected
// TYPE: ref type mismatch: expected 'vm.buffer' but got 'vm.list'
// READONLY: read-only
// READONLY: bufloops.fill_rodata
// SWAP: i32=12
vm.module @bufloops {
  vm.rodata private @ro dense<[1, 2, 3, 4]> : tensor<4xi32>

  // The sum of b[0..n).
  vm.func @sum(%b: !vm.buffer, %n: i64) -> i32 {
    %z = vm.const.i64 0
    %z32 = vm.const.i32 0
    %one = vm.const.i64 1
    vm.br ^loop(%z, %z32 : i64, i32)
  ^loop(%i: i64, %acc: i32):
    %more = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %more, ^body, ^done(%acc : i32)
  ^body:
    %v = vm.buffer.load.i32 %b[%i] : !vm.buffer -> i32
    %acc2 = vm.add.i32 %acc, %v : i32
    %i2 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i2, %acc2 : i64, i32)
  ^done(%r: i32):
    vm.return %r : i32
  }
  vm.export @sum

  // Stores into a rodata buffer in a loop: read-only.
  vm.func @fill_rodata(%n: i64) {
    %b = vm.const.ref.rodata @ro : !vm.buffer
    %z = vm.const.i64 0
    %one = vm.const.i64 1
    %x = vm.const.i32 5
    vm.br ^loop(%z : i64)
  ^loop(%i: i64):
    %more = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %more, ^body, ^done
  ^body:
    vm.buffer.store.i32 %x, %b[%i] : i32 -> !vm.buffer
    %i2 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i2 : i64)
  ^done:
    vm.return
  }
  vm.export @fill_rodata

  // A buffer that is a block argument, swapped each iteration between a
  // fresh buffer (5, 5, 5, 5 written into it) and the rodata: sums element
  // 1 of the current one over n iterations (5 + 2 + 5 for n = 3).
  vm.func @swap_sum(%n: i64) -> i32 {
    %ro = vm.const.ref.rodata @ro : !vm.buffer
    %len = vm.const.i64 16
    %align = vm.const.i32 16
    %fresh = vm.buffer.alloc %len, %align : !vm.buffer
    %z = vm.const.i64 0
    %four = vm.const.i64 4
    %five = vm.const.i32 5
    vm.buffer.fill.i32 %fresh, %z, %four, %five : i32 -> !vm.buffer
    %z32 = vm.const.i32 0
    %one = vm.const.i64 1
    vm.br ^loop(%z, %z32, %fresh, %ro : i64, i32, !vm.buffer, !vm.buffer)
  ^loop(%i: i64, %acc: i32, %cur: !vm.buffer, %other: !vm.buffer):
    %more = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %more, ^body, ^done(%acc : i32)
  ^body:
    %v = vm.buffer.load.i32 %cur[%one] : !vm.buffer -> i32
    %acc2 = vm.add.i32 %acc, %v : i32
    %i2 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i2, %acc2, %other, %cur : i64, i32, !vm.buffer, !vm.buffer)
  ^done(%r: i32):
    vm.return %r : i32
  }
  vm.export @swap_sum
}
