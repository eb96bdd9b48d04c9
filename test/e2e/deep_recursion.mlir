// Recursion thousands of frames deep runs with the default stack (a 1 MiB
// byte budget: 8,192 frames of up to 128 bytes), in both forms; unbounded
// recursion is a clean RESOURCE_EXHAUSTED "stack overflow" with a collapsed
// trace, never a crash.
// E2E-EXPECT-ERROR: fail_unbounded stack overflow
vm.module @deep {
  vm.func private @sum_to(%n : i32) -> i32 {
    %zero = vm.const.i32 0
    %done = vm.cmp.eq.i32 %n, %zero : i32
    vm.cond_br %done, ^base, ^step
  ^base:
    vm.return %zero : i32
  ^step:
    %one = vm.const.i32 1
    %m = vm.sub.i32 %n, %one : i32
    %r = vm.call @sum_to(%m) : (i32) -> i32
    %s = vm.add.i32 %r, %n : i32
    vm.return %s : i32
  }

  vm.export @test_recursion_5000
  vm.func @test_recursion_5000() {
    %n = vm.const.i32 5000
    %r = vm.call @sum_to(%n) : (i32) -> i32
    %e = vm.const.i32 12502500
    vm.check.eq %r, %e, "sum of 1..5000 by recursion" : i32
    vm.return
  }

  vm.func private @forever(%n : i32) -> i32 {
    %one = vm.const.i32 1
    %m = vm.add.i32 %n, %one : i32
    %r = vm.call @forever(%m) : (i32) -> i32
    vm.return %r : i32
  }

  vm.export @fail_unbounded
  vm.func @fail_unbounded() -> i32 {
    %z = vm.const.i32 0
    %r = vm.call @forever(%z) : (i32) -> i32
    vm.return %r : i32
  }
}
