// vm.yield suspends the invocation; run-module resumes it until it
// completes. Yields inside loops, inside nested internal calls, with
// registers (scalars and refs) live across the suspension.
// E2E-ARGS: test_yield_in_loop_args --input=10
vm.module @yield {
  vm.func @test_yield_once() -> i32 {
    %c5 = vm.const.i32 5
    %x = vm.optimization_barrier %c5 : i32
    vm.yield ^resumed
  ^resumed:
    %c2 = vm.const.i32 2
    %r = vm.mul.i32 %x, %c2 : i32
    %e = vm.const.i32 10
    vm.check.eq %r, %e, "register survives a yield" : i32
    vm.return %r : i32
  }
  vm.export @test_yield_once

  vm.func @test_yield_in_loop_args(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.yield ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    %e = vm.const.i32 45
    vm.check.eq %acc, %e, "sum 0..9 with a yield per iteration" : i32
    vm.return %acc : i32
  }
  vm.export @test_yield_in_loop_args

  // Yields k times, then returns k * 100.
  vm.func private @yield_k_times(%k: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %k : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i1 = vm.add.i32 %i, %one : i32
    vm.yield ^loop(%i1 : i32)
  ^exit:
    %c100 = vm.const.i32 100
    %r = vm.mul.i32 %k, %c100 : i32
    vm.return %r : i32
  }

  vm.func private @outer(%k: i32, %buf: !vm.buffer) -> i32 {
    %a = vm.call @yield_k_times(%k) : (i32) -> i32
    vm.yield ^after
  ^after:
    %b = vm.call @yield_k_times(%k) : (i32) -> i32
    %zero = vm.const.i64.zero
    %stored = vm.buffer.load.i32 %buf[%zero] : !vm.buffer -> i32
    %s = vm.add.i32 %a, %b : i32
    %r = vm.add.i32 %s, %stored : i32
    vm.return %r : i32
  }

  vm.func @test_yield_in_nested_calls() {
    %c3 = vm.const.i32 3
    %k = vm.optimization_barrier %c3 : i32
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %zero = vm.const.i64.zero
    %c7 = vm.const.i32 7
    vm.buffer.store.i32 %c7, %buf[%zero] : i32 -> !vm.buffer
    %r = vm.call @outer(%k, %buf) : (i32, !vm.buffer) -> i32
    %e = vm.const.i32 607
    vm.check.eq %r, %e, "300 + 300 + 7 across 7 suspensions" : i32
    // The ref register held by this frame survived the suspensions.
    %again = vm.buffer.load.i32 %buf[%zero] : !vm.buffer -> i32
    vm.check.eq %again, %c7, "ref live across nested yields" : i32
    vm.return
  }
  vm.export @test_yield_in_nested_calls

  // A yieldable call to an internal function that yields.
  vm.func @test_call_yieldable() {
    %c2 = vm.const.i32 2
    %k = vm.optimization_barrier %c2 : i32
    vm.call.yieldable @yield_k_times(%k) : (i32) -> ^done(i32)
  ^done(%r: i32):
    %e = vm.const.i32 200
    vm.check.eq %r, %e, "vm.call.yieldable result" : i32
    vm.return
  }
  vm.export @test_call_yieldable

  vm.func @fail_after_yield() {
    vm.yield ^next
  ^next:
    %code = vm.const.i32 13
    vm.fail %code, "failed after resuming"
  }
  vm.export @fail_after_yield
}
// E2E-EXPECT-ERROR: fail_after_yield failed after resuming
