// SAMPLE-RUN: sum_i32 --input=buffer=i32:1,2,3,4,5
// Sums the 32-bit integers of a buffer and keeps a running total in a global.
vm.module @buffers {
  vm.global.i64 private mutable @total : i64

  vm.func @sum_i32(%buf: !vm.buffer) -> i64 {
    %zero = vm.const.i64.zero
    %c1 = vm.const.i64 1
    %c4 = vm.const.i64 4
    %bytes = vm.buffer.length %buf : !vm.buffer -> i64
    %count = vm.div.i64.u %bytes, %c4 : i64
    vm.br ^loop(%zero, %zero : i64, i64)
  ^loop(%i: i64, %acc: i64):
    %more = vm.cmp.lt.i64.u %i, %count : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %v = vm.buffer.load.i32 %buf[%i] : !vm.buffer -> i32
    %v64 = vm.ext.i32.i64.s %v : i32 -> i64
    %acc1 = vm.add.i64 %acc, %v64 : i64
    %i1 = vm.add.i64 %i, %c1 : i64
    vm.br ^loop(%i1, %acc1 : i64, i64)
  ^exit:
    %old = vm.global.load.i64 @total : i64
    %new = vm.add.i64 %old, %acc : i64
    vm.global.store.i64 %new, @total : i64
    vm.return %acc : i64
  }

  vm.export @sum_i32
}
