// The small module of bench/jit/run.py: a recursive call, a counted loop
// over a buffer and some arithmetic, called once (time to first result).
vm.module @jit_small {
  vm.func @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^base, ^rec
  ^base:
    vm.return %n : i32
  ^rec:
    %c1 = vm.const.i32 1
    %n1 = vm.sub.i32 %n, %c1 : i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    %r = vm.add.i32 %f1, %f2 : i32
    vm.return %r : i32
  }

  // sum of i * 3 + 1 over a buffer of n i32 elements filled with i.
  vm.func @buffer_sum(%n: i32) -> i32 {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c3 = vm.const.i32 3
    %c4 = vm.const.i64 4
    %c16 = vm.const.i32 16
    %n64 = vm.ext.i32.i64.s %n : i32 -> i64
    %bytes = vm.mul.i64 %n64, %c4 : i64
    %buf = vm.buffer.alloc %bytes, %c16 : !vm.buffer
    vm.br ^fill(%c0 : i32)
  ^fill(%i: i32):
    %i64 = vm.ext.i32.i64.s %i : i32 -> i64
    vm.buffer.store.i32 %i, %buf[%i64] : i32 -> !vm.buffer
    %i1 = vm.add.i32 %i, %c1 : i32
    %more = vm.cmp.lt.i32.s %i1, %n : i32
    vm.cond_br %more, ^fill(%i1 : i32), ^sum(%c0, %c0 : i32, i32)
  ^sum(%j: i32, %acc: i32):
    %j64 = vm.ext.i32.i64.s %j : i32 -> i64
    %v = vm.buffer.load.i32 %buf[%j64] : !vm.buffer -> i32
    %t = vm.mul.i32 %v, %c3 : i32
    %t1 = vm.add.i32 %t, %c1 : i32
    %acc1 = vm.add.i32 %acc, %t1 : i32
    %j1 = vm.add.i32 %j, %c1 : i32
    %again = vm.cmp.lt.i32.s %j1, %n : i32
    vm.cond_br %again, ^sum(%j1, %acc1 : i32, i32), ^done(%acc1 : i32)
  ^done(%r: i32):
    vm.return %r : i32
  }

  vm.export @main
  vm.func @main() -> i32 {
    %c20 = vm.const.i32 20
    %c1000 = vm.const.i32 1000
    %f = vm.call @fib(%c20) : (i32) -> i32
    %s = vm.call @buffer_sum(%c1000) : (i32) -> i32
    %r = vm.add.i32 %f, %s : i32
    vm.return %r : i32
  }
}
