// Run time of JIT-compiled code at each optimization level
// (bench/jit/run.py --speed): the shapes of bench/workloads.mlir (a
// counted loop, a chain of calls, a buffer reduction, fib) as exports that
// run long enough to time with run-module --print-statistics.
vm.module @jit_speed {
  // sum of 0..n-1 in a counting loop (wrapping i32).
  vm.func @loop_sum(%n: i32) -> i32 {
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
  vm.export @loop_sum

  // sum over i < n of (i xor acc) * 3: a loop no optimizer closes.
  vm.func @loop_mix(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    %three = vm.const.i32 3
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %x = vm.xor.i32 %i, %acc : i32
    %t = vm.mul.i32 %x, %three : i32
    %acc1 = vm.add.i32 %acc, %t : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @loop_mix

  // n times a chain of 4 internal calls, each adding one on the way back.
  vm.func private @chain_1(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_2(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_2(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_3(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_3(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_4(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_4(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %s = vm.add.i32 %x, %one : i32
    vm.return %s : i32
  }
  vm.func @call_chain(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %r = vm.call @chain_1(%i) : (i32) -> i32
    %acc1 = vm.xor.i32 %acc, %r : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @call_chain

  // Fills a buffer of n i32 with i and sums its elements, `rounds` times.
  vm.func @buffer_sum(%n: i32, %rounds: i32) -> i32 {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
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
    vm.cond_br %more, ^fill(%i1 : i32), ^round(%c0, %c0 : i32, i32)
  ^round(%r: i32, %total: i32):
    %go = vm.cmp.lt.i32.s %r, %rounds : i32
    vm.cond_br %go, ^sum(%c0, %total : i32, i32), ^done(%total : i32)
  ^sum(%j: i32, %acc: i32):
    %j64 = vm.ext.i32.i64.s %j : i32 -> i64
    %v = vm.buffer.load.i32 %buf[%j64] : !vm.buffer -> i32
    %acc1 = vm.add.i32 %acc, %v : i32
    %j1 = vm.add.i32 %j, %c1 : i32
    %again = vm.cmp.lt.i32.s %j1, %n : i32
    %r1 = vm.add.i32 %r, %c1 : i32
    vm.cond_br %again, ^sum(%j1, %acc1 : i32, i32), ^round(%r1, %acc1 : i32, i32)
  ^done(%result: i32):
    vm.return %result : i32
  }
  vm.export @buffer_sum

  // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
  vm.func @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^base, ^recurse
  ^base:
    vm.return %n : i32
  ^recurse:
    %c1 = vm.const.i32 1
    %n1 = vm.sub.i32 %n, %c1 : i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    %f1 = vm.call @fib(%n1) : (i32) -> i32
    %f2 = vm.call @fib(%n2) : (i32) -> i32
    %sum = vm.add.i32 %f1, %f2 : i32
    vm.return %sum : i32
  }
  vm.export @fib
}
