// Fuel in counted loops: the C and LLVM forms of a bounded module take a
// counted loop's fuel up front (vm-prepay-loop-fuel, docs/runtime.md); a
// call that runs out inside such a loop must fail in every form with the
// same status and trace, one that has enough must finish with the same
// result, and a fault inside the loop stays that fault. (The forms count
// different units, so the fuel given is far from every form's exact need;
// test/target/c/prepay_fuel.mlir checks the exact units.)
// E2E-TRANSLATE-FLAGS: --vm-c-bounded --vm-llvm-bounded
// E2E-ARGS: test_sum_across_slices --input=200000 --fuel=1000000
// E2E-ARGS: test_strided --input=i64=1000 --fuel=10000
// E2E-ARGS: fail_sum_out_of_fuel --input=200000 --fuel=150000
// E2E-EXPECT-ERROR: fail_sum_out_of_fuel RESOURCE_EXHAUSTED: out of fuel: the invocation used its budget of 150000 units
// E2E-EXPECT-TRACE: fail_sum_out_of_fuel fail_sum_out_of_fuel
// E2E-ARGS: fail_sum_in_callee --input=100000 --fuel=40000
// E2E-EXPECT-ERROR: fail_sum_in_callee RESOURCE_EXHAUSTED: out of fuel
// E2E-EXPECT-TRACE: fail_sum_in_callee sum fail_sum_in_callee
// E2E-ARGS: fail_store_past_end --input=1000 --fuel=1000000
// E2E-EXPECT-ERROR: fail_store_past_end OUT_OF_RANGE
// E2E-EXPECT-TRACE: fail_store_past_end fail_store_past_end
vm.module @fuel_loops {

  // 0 + 1 + ... + (n - 1), wrapping in i32.
  vm.func private @sum(%n: i32) -> i32 {
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

  vm.func @test_sum_across_slices(%n: i32) {
    %s = vm.call @sum(%n) : (i32) -> i32
    // 200000 * 199999 / 2 mod 2^32, as a signed i32.
    %want = vm.const.i32 -1474936480
    vm.check.eq %s, %want, "sum of 0..199999" : i32
    vm.return
  }
  vm.export @test_sum_across_slices

  // i64, step 3: 0, 3, ..., 999 summed.
  vm.func @test_strided(%n: i64) {
    %c3 = vm.const.i64 3
    %zero = vm.const.i64.zero
    vm.br ^loop(%zero, %zero : i64, i64)
  ^loop(%i: i64, %acc: i64):
    %more = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i64 %acc, %i : i64
    %i1 = vm.add.i64 %i, %c3 : i64
    vm.br ^loop(%i1, %acc1 : i64, i64)
  ^exit:
    %want = vm.const.i64 166833
    vm.check.eq %acc, %want, "sum of 0, 3, ..., 999" : i64
    vm.return
  }
  vm.export @test_strided

  // The loop in the failing function itself.
  vm.func @fail_sum_out_of_fuel(%n: i32) -> i32 {
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
  vm.export @fail_sum_out_of_fuel

  // The loop in a callee: the trace shows both frames.
  vm.func @fail_sum_in_callee(%n: i32) -> i32 {
    %s = vm.call @sum(%n) : (i32) -> i32
    %t = vm.call @sum(%n) : (i32) -> i32
    %r = vm.add.i32 %s, %t : i32
    vm.return %r : i32
  }
  vm.export @fail_sum_in_callee

  // b[i] = i for i < n over a buffer of n - 1 elements: the last store
  // fails, after the loop prepaid its fuel.
  vm.func @fail_store_past_end(%n: i32) {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    %c4 = vm.const.i32 4
    %m = vm.sub.i32 %n, %one : i32
    %m64 = vm.ext.i32.i64.s %m : i32 -> i64
    %b = vm.buffer.alloc %m64, %c4 : !vm.buffer
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i64 = vm.ext.i32.i64.s %i : i32 -> i64
    vm.buffer.store.i32 %i, %b[%i64] : i32 -> !vm.buffer
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return
  }
  vm.export @fail_store_past_end
}
