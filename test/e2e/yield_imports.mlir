// Suspension across modules: imports that yield (vm.call and
// vm.call.yieldable), with scalar and ref values of the caller live across
// every suspension, and a failure after a resume that must carry a trace
// through both modules.
// E2E-DEPENDS: yield_lib.mlir
// E2E-EXPECT-ERROR: fail_import_fails_after_yield library failed after resuming
// E2E-EXPECT-TRACE: fail_import_fails_after_yield yield_then_fail fail_import_fails_after_yield
vm.module @yimp {
  vm.import private @ylib.count_yields(%k : i32) -> i32
  vm.import private @ylib.yield_then_fail()

  vm.func private @twice(%k: i32) -> i32 attributes {noinline} {
    %a = vm.call @ylib.count_yields(%k) : (i32) -> i32
    %b = vm.call @ylib.count_yields(%k) : (i32) -> i32
    %r = vm.add.i32 %a, %b : i32
    vm.return %r : i32
  }

  vm.func @test_import_yields() {
    %c3 = vm.const.i32 3
    %k = vm.optimization_barrier %c3 : i32
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %zero = vm.const.i64.zero
    %c5 = vm.const.i32 5
    vm.buffer.store.i32 %c5, %buf[%zero] : i32 -> !vm.buffer
    %r = vm.call @ylib.count_yields(%k) : (i32) -> i32
    %e = vm.const.i32 30
    vm.check.eq %r, %e, "result of an import that yielded 3 times" : i32
    %v = vm.buffer.load.i32 %buf[%zero] : !vm.buffer -> i32
    vm.check.eq %v, %c5, "ref live across the import's suspensions" : i32
    %t = vm.call @twice(%k) : (i32) -> i32
    %e2 = vm.const.i32 60
    vm.check.eq %t, %e2, "internal function suspended inside imports" : i32
    vm.check.eq %k, %c3, "scalar live across suspensions" : i32
    vm.return
  }
  vm.export @test_import_yields

  vm.func @test_import_yieldable() {
    %c2 = vm.const.i32 2
    %k = vm.optimization_barrier %c2 : i32
    vm.call.yieldable @ylib.count_yields(%k) : (i32) -> ^done(i32)
  ^done(%r: i32):
    %e = vm.const.i32 20
    vm.check.eq %r, %e, "vm.call.yieldable to an import" : i32
    vm.return
  }
  vm.export @test_import_yieldable

  vm.func @fail_import_fails_after_yield() {
    vm.call @ylib.yield_then_fail() : () -> ()
    vm.return
  }
  vm.export @fail_import_fails_after_yield
}
