// Benchmark workloads, compiled by vm-translate at build time into
// workloads.vmfb and driven by vm_bench.cpp beside native C++ versions.
// Imports native.add1 from a NativeModule the harness registers first.
vm.module @bench {
  vm.import private @native.add1(%x : i32) -> i32

  // An exported call that does nothing: host call overhead.
  vm.func @empty() {
    vm.return
  }
  vm.export @empty

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

  // A chain of 20 internal calls: chain_1 calls chain_2 ... calls chain_20,
  // each adding one on the way back.
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
    %r = vm.call @chain_5(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_5(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_6(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_6(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_7(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_7(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_8(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_8(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_9(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_9(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_10(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_10(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_11(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_11(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_12(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_12(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_13(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_13(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_14(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_14(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_15(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_15(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_16(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_16(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_17(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_17(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_18(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_18(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_19(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_19(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %r = vm.call @chain_20(%x) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }
  vm.func private @chain_20(%x: i32) -> i32 {
    %one = vm.const.i32 1
    %s = vm.add.i32 %x, %one : i32
    vm.return %s : i32
  }
  vm.func @call_chain(%x: i32) -> i32 {
    %r = vm.call @chain_1(%x) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @call_chain

  // 20 calls to the native import native.add1, each on the previous result.
  vm.func @import_calls(%x: i32) -> i32 {
    %r0 = vm.call @native.add1(%x) : (i32) -> i32
    %r1 = vm.call @native.add1(%r0) : (i32) -> i32
    %r2 = vm.call @native.add1(%r1) : (i32) -> i32
    %r3 = vm.call @native.add1(%r2) : (i32) -> i32
    %r4 = vm.call @native.add1(%r3) : (i32) -> i32
    %r5 = vm.call @native.add1(%r4) : (i32) -> i32
    %r6 = vm.call @native.add1(%r5) : (i32) -> i32
    %r7 = vm.call @native.add1(%r6) : (i32) -> i32
    %r8 = vm.call @native.add1(%r7) : (i32) -> i32
    %r9 = vm.call @native.add1(%r8) : (i32) -> i32
    %r10 = vm.call @native.add1(%r9) : (i32) -> i32
    %r11 = vm.call @native.add1(%r10) : (i32) -> i32
    %r12 = vm.call @native.add1(%r11) : (i32) -> i32
    %r13 = vm.call @native.add1(%r12) : (i32) -> i32
    %r14 = vm.call @native.add1(%r13) : (i32) -> i32
    %r15 = vm.call @native.add1(%r14) : (i32) -> i32
    %r16 = vm.call @native.add1(%r15) : (i32) -> i32
    %r17 = vm.call @native.add1(%r16) : (i32) -> i32
    %r18 = vm.call @native.add1(%r17) : (i32) -> i32
    %r19 = vm.call @native.add1(%r18) : (i32) -> i32
    vm.return %r19 : i32
  }
  vm.export @import_calls

  // Sum of the i32 elements of a buffer.
  vm.func @reduce_i32(%buf: !vm.buffer) -> i32 {
    %bytes = vm.buffer.length %buf : !vm.buffer -> i64
    %c4 = vm.const.i64 4
    %count = vm.div.i64.u %bytes, %c4 : i64
    %zero = vm.const.i64.zero
    %izero = vm.const.i32.zero
    %one = vm.const.i64 1
    vm.br ^loop(%zero, %izero : i64, i32)
  ^loop(%i: i64, %acc: i32):
    %more = vm.cmp.lt.i64.u %i, %count : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %v = vm.buffer.load.i32 %buf[%i] : !vm.buffer -> i32
    %acc1 = vm.add.i32 %acc, %v : i32
    %i1 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i1, %acc1 : i64, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @reduce_i32

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
