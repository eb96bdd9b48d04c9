// The yieldable_test module run-module registers for programs that import
// it (IREE's VM test programs do): yield_n and yield_variadic_sum suspend
// their caller yield_count times and add one per suspension. The variadic
// calls give the plain trailing argument's segment as 1, as IREE's programs
// do, beside the -1 Kiln prints.
vm.module @suspending_imports {
  vm.import private @yieldable_test.yield_n(%arg : i32, %yield_count : i32) -> i32 attributes {vm.yield}
  vm.import private @yieldable_test.yield_variadic_sum(%args : i32 ..., %yield_count : i32) -> i32 attributes {vm.yield}

  vm.export @test_yield_n_suspends_and_counts
  vm.func @test_yield_n_suspends_and_counts() {
    %c7 = vm.const.i32 7
    %c4 = vm.const.i32 4
    vm.call.yieldable @yieldable_test.yield_n(%c7, %c4) : (i32, i32) -> ^done(i32)
  ^done(%r : i32):
    %c11 = vm.const.i32 11
    vm.check.eq %r, %c11, "7 after 4 suspensions" : i32
    vm.return
  }

  vm.export @test_negative_count_returns_at_once
  vm.func @test_negative_count_returns_at_once() {
    %c9 = vm.const.i32 9
    %neg = vm.const.i32 -5
    vm.call.yieldable @yieldable_test.yield_n(%c9, %neg) : (i32, i32) -> ^done(i32)
  ^done(%r : i32):
    vm.check.eq %r, %c9, "no suspension for a negative count" : i32
    vm.return
  }

  // Inside a loop, with a value that must survive each suspension.
  vm.export @test_suspensions_in_a_loop
  vm.func @test_suspensions_in_a_loop() {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c5 = vm.const.i32 5
    vm.br ^loop(%c0, %c0 : i32, i32)
  ^loop(%i : i32, %acc : i32):
    %more = vm.cmp.lt.i32.s %i, %c5 : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    vm.call.yieldable @yieldable_test.yield_n(%acc, %c2) : (i32, i32) -> ^next(i32)
  ^next(%acc2 : i32):
    %i2 = vm.add.i32 %i, %c1 : i32
    vm.br ^loop(%i2, %acc2 : i32, i32)
  ^exit:
    %c10 = vm.const.i32 10
    vm.check.eq %acc, %c10, "5 rounds of 2 suspensions" : i32
    vm.return
  }

  vm.export @test_variadic_sum_in_iree_form
  vm.func @test_variadic_sum_in_iree_form() {
    %c3 = vm.const.i32 3
    %c4 = vm.const.i32 4
    %c5 = vm.const.i32 5
    %c1 = vm.const.i32 1
    vm.call.variadic.yieldable @yieldable_test.yield_variadic_sum(%c3, %c4, %c5, %c1) {segment_sizes = dense<[3, 1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32, i32, i32, i32) -> ^done(i32)
  ^done(%r : i32):
    %c13 = vm.const.i32 13
    vm.check.eq %r, %c13, "3+4+5 and one suspension" : i32
    vm.return
  }

  vm.export @test_variadic_sum_of_nothing
  vm.func @test_variadic_sum_of_nothing() {
    %c0 = vm.const.i32 0
    vm.call.variadic.yieldable @yieldable_test.yield_variadic_sum(%c0) {segment_sizes = dense<[0, -1]> : vector<2xi16>, segment_types = [i32, i32]} : (i32) -> ^done(i32)
  ^done(%r : i32):
    vm.check.eq %r, %c0, "empty sum, no suspension" : i32
    vm.return
  }

  vm.export @fail_after_suspending
  vm.func @fail_after_suspending() {
    %c1 = vm.const.i32 1
    vm.call.yieldable @yieldable_test.yield_n(%c1, %c1) : (i32, i32) -> ^done(i32)
  ^done(%r : i32):
    vm.check.eq %r, %c1, "2 is not 1" : i32
    vm.return
  }
}
// E2E-EXPECT-ERROR: fail_after_suspending 2 is not 1
