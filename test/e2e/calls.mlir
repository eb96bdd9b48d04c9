// Internal calls: recursion (fib), mutual recursion, multiple results,
// refs passed into and returned from calls, deep call chains.
// E2E-ARGS: test_fib_args --input=20
vm.module @calls {
  vm.func private @fib(%n: i32) -> i32 {
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

  vm.func @test_fib_args(%n: i32) -> i32 {
    %r = vm.call @fib(%n) : (i32) -> i32
    %e = vm.const.i32 6765
    vm.check.eq %r, %e, "fib(20)" : i32
    vm.return %r : i32
  }
  vm.export @test_fib_args

  vm.func private @is_even(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %done = vm.cmp.eq.i32 %n, %zero : i32
    vm.cond_br %done, ^yes, ^no
  ^yes:
    %one = vm.const.i32 1
    vm.return %one : i32
  ^no:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %r = vm.call @is_odd(%m) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func private @is_odd(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %done = vm.cmp.eq.i32 %n, %zero : i32
    vm.cond_br %done, ^yes, ^no
  ^yes:
    vm.return %zero : i32
  ^no:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %r = vm.call @is_even(%m) : (i32) -> i32
    vm.return %r : i32
  }

  vm.func @test_mutual_recursion() {
    %c570 = vm.const.i32 57
    %c57 = vm.optimization_barrier %c570 : i32
    %even = vm.call @is_even(%c57) : (i32) -> i32
    %zero = vm.const.i32.zero
    vm.check.eq %even, %zero, "57 is not even" : i32
    %odd = vm.call @is_odd(%c57) : (i32) -> i32
    vm.check.nz %odd, "57 is odd" : i32
    vm.return
  }
  vm.export @test_mutual_recursion

  vm.func private @divmod(%a: i64, %b: i64) -> (i64, i64, f64) {
    %q = vm.div.i64.s %a, %b : i64
    %r = vm.rem.i64.s %a, %b : i64
    %af = vm.cast.si64.f64 %a : i64 -> f64
    %bf = vm.cast.si64.f64 %b : i64 -> f64
    %ratio = vm.div.f64 %af, %bf : f64
    vm.return %q, %r, %ratio : i64, i64, f64
  }

  vm.func @test_multiple_results() {
    %a0 = vm.const.i64 17
    %a = vm.optimization_barrier %a0 : i64
    %b0 = vm.const.i64 4
    %b = vm.optimization_barrier %b0 : i64
    %res:3 = vm.call @divmod(%a, %b) : (i64, i64) -> (i64, i64, f64)
    %e4 = vm.const.i64 4
    vm.check.eq %res#0, %e4, "17 / 4" : i64
    %e1 = vm.const.i64 1
    vm.check.eq %res#1, %e1, "17 % 4" : i64
    %ef = vm.const.f64 4.25
    vm.check.eq %res#2, %ef, "17.0 / 4.0" : f64
    vm.return
  }
  vm.export @test_multiple_results

  // Fills a buffer in the callee; the caller sees the writes (refs alias).
  vm.func private @fill_with(%buf: !vm.buffer, %v: i32) -> !vm.buffer {
    %zero = vm.const.i64.zero
    %len = vm.buffer.length %buf : !vm.buffer -> i64
    %c4 = vm.const.i64 4
    %n = vm.div.i64.u %len, %c4 : i64
    vm.buffer.fill.i32 %buf, %zero, %n, %v : i32 -> !vm.buffer
    vm.return %buf : !vm.buffer
  }

  vm.func private @make_list(%b: !vm.buffer) -> !vm.list<!vm.buffer> {
    %c1 = vm.const.i32 1
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<!vm.buffer>
    vm.list.resize %l, %c1 : (!vm.list<!vm.buffer>, i32)
    vm.list.set.ref %l, %c0, %b : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    vm.return %l : !vm.list<!vm.buffer>
  }

  vm.func @test_refs_across_calls() {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %v0 = vm.const.i32 31
    %v = vm.optimization_barrier %v0 : i32
    %same = vm.call @fill_with(%buf, %v) : (!vm.buffer, i32) -> !vm.buffer
    vm.check.eq %same, %buf, "callee returned the same buffer" : !vm.buffer
    %i3 = vm.const.i64 3
    %x = vm.buffer.load.i32 %buf[%i3] : !vm.buffer -> i32
    vm.check.eq %x, %v0, "caller sees callee's writes" : i32
    %l = vm.call @make_list(%buf) : (!vm.buffer) -> !vm.list<!vm.buffer>
    %c0 = vm.const.i32 0
    %b2 = vm.list.get.ref %l, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    vm.check.eq %b2, %buf, "buffer round-trips through a list from a call" : !vm.buffer
    %null = vm.const.ref.zero : !vm.buffer
    %l2 = vm.call @make_list(%null) : (!vm.buffer) -> !vm.list<!vm.buffer>
    %n2 = vm.list.get.ref %l2, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %nz = vm.cmp.nz.ref %n2 : !vm.buffer
    %zero = vm.const.i32.zero
    vm.check.eq %nz, %zero, "null ref passed through a call" : i32
    vm.return
  }
  vm.export @test_refs_across_calls

  // depth(n) = n == 0 ? 0 : 1 + depth(n - 1): 200 frames, under the
  // default 256-frame stack.
  vm.func private @depth(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %done = vm.cmp.eq.i32 %n, %zero : i32
    vm.cond_br %done, ^base, ^recurse
  ^base:
    vm.return %zero : i32
  ^recurse:
    %c1 = vm.const.i32 1
    %m = vm.sub.i32 %n, %c1 : i32
    %d = vm.call @depth(%m) : (i32) -> i32
    %r = vm.add.i32 %d, %c1 : i32
    vm.return %r : i32
  }

  vm.func @test_deep_recursion() {
    %c2000 = vm.const.i32 200
    %n = vm.optimization_barrier %c2000 : i32
    %d = vm.call @depth(%n) : (i32) -> i32
    vm.check.eq %d, %c2000, "200 nested calls" : i32
    vm.return
  }
  vm.export @test_deep_recursion

  // An exported function called internally by another export.
  vm.func @square(%x: i32) -> i32 {
    %r = vm.mul.i32 %x, %x : i32
    vm.return %r : i32
  }
  vm.export @square

  vm.func @test_call_export() {
    %c90 = vm.const.i32 9
    %c9 = vm.optimization_barrier %c90 : i32
    %r = vm.call @square(%c9) : (i32) -> i32
    %e = vm.const.i32 81
    vm.check.eq %r, %e, "square(9)" : i32
    vm.return
  }
  vm.export @test_call_export
}
