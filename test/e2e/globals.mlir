// Globals of every type: initial values, vm.initializer, stores that
// persist across calls, and ref globals.
vm.module @globals {
  vm.global.i32 private mutable @counter = 5 : i32
  vm.global.i64 private mutable @big = 9000000000 : i64
  vm.global.f32 private mutable @f = 1.5 : f32
  vm.global.f64 private mutable @d = 0.25 : f64
  vm.global.i32 private mutable @zero_init : i32
  vm.global.i32 private mutable @from_initializer : i32
  vm.global.ref private mutable @buffer : !vm.buffer
  vm.global.ref private mutable @empty_ref : !vm.buffer

  vm.initializer {
    %c77 = vm.const.i32 77
    vm.global.store.i32 %c77, @from_initializer : i32
    %c16 = vm.const.i64 16
    %c8 = vm.const.i32 8
    %b = vm.buffer.alloc %c16, %c8 : !vm.buffer
    %zero = vm.const.i64.zero
    %c42 = vm.const.i32 42
    vm.buffer.store.i32 %c42, %b[%zero] : i32 -> !vm.buffer
    vm.global.store.ref %b, @buffer : !vm.buffer
    vm.return
  }

  vm.func private @bump(%by: i32) -> i32 {
    %old = vm.global.load.i32 @counter : i32
    %new = vm.add.i32 %old, %by : i32
    vm.global.store.i32 %new, @counter : i32
    vm.return %new : i32
  }

  vm.func @test_initial_values() {
    %c = vm.global.load.i32 @counter : i32
    %c5 = vm.const.i32 5
    vm.check.eq %c, %c5, "counter initial value" : i32
    %b = vm.global.load.i64 @big : i64
    %e = vm.const.i64 9000000000
    vm.check.eq %b, %e, "big initial value" : i64
    %f = vm.global.load.f32 @f : f32
    %ef = vm.const.f32 1.5
    vm.check.eq %f, %ef, "f initial value" : f32
    %d = vm.global.load.f64 @d : f64
    %ed = vm.const.f64 0.25
    vm.check.eq %d, %ed, "d initial value" : f64
    %z = vm.global.load.i32 @zero_init : i32
    %zero = vm.const.i32.zero
    vm.check.eq %z, %zero, "no initial value means zero" : i32
    vm.return
  }
  vm.export @test_initial_values

  vm.func @test_initializer_ran() {
    %v = vm.global.load.i32 @from_initializer : i32
    %c77 = vm.const.i32 77
    vm.check.eq %v, %c77, "vm.initializer stored 77" : i32
    %b = vm.global.load.ref @buffer : !vm.buffer
    vm.check.nz %b, "initializer stored a buffer" : !vm.buffer
    %zero = vm.const.i64.zero
    %x = vm.buffer.load.i32 %b[%zero] : !vm.buffer -> i32
    %c42 = vm.const.i32 42
    vm.check.eq %x, %c42, "buffer global holds 42" : i32
    %n = vm.global.load.ref @empty_ref : !vm.buffer
    %nz = vm.cmp.nz.ref %n : !vm.buffer
    %izero = vm.const.i32.zero
    vm.check.eq %nz, %izero, "unset ref global is null" : i32
    vm.return
  }
  vm.export @test_initializer_ran

  vm.func @test_stores_persist() {
    %c10 = vm.const.i32 10
    %by = vm.optimization_barrier %c10 : i32
    %r1 = vm.call @bump(%by) : (i32) -> i32
    %r2 = vm.call @bump(%by) : (i32) -> i32
    %c25 = vm.const.i32 25
    vm.check.eq %r2, %c25, "5 + 10 + 10" : i32
    %now = vm.global.load.i32 @counter : i32
    vm.check.eq %now, %c25, "global holds the last store" : i32
    %b = vm.global.load.i64 @big : i64
    %one = vm.const.i64 1
    %b1 = vm.add.i64 %b, %one : i64
    vm.global.store.i64 %b1, @big : i64
    %b2 = vm.global.load.i64 @big : i64
    %e = vm.const.i64 9000000001
    vm.check.eq %b2, %e, "i64 store" : i64
    %f0 = vm.const.f32 -3.5
    %f = vm.optimization_barrier %f0 : f32
    vm.global.store.f32 %f, @f : f32
    %f2 = vm.global.load.f32 @f : f32
    vm.check.eq %f2, %f0, "f32 store" : f32
    %d0 = vm.const.f64 1.0e100
    %d = vm.optimization_barrier %d0 : f64
    vm.global.store.f64 %d, @d : f64
    %d2 = vm.global.load.f64 @d : f64
    vm.check.eq %d2, %d0, "f64 store" : f64
    vm.return
  }
  vm.export @test_stores_persist

  vm.func @test_ref_global_replace() {
    %c4 = vm.const.i64 4
    %c4i = vm.const.i32 4
    %nb = vm.buffer.alloc %c4, %c4i : !vm.buffer
    vm.global.store.ref %nb, @buffer : !vm.buffer
    %got = vm.global.load.ref @buffer : !vm.buffer
    vm.check.eq %got, %nb, "ref global replaced" : !vm.buffer
    %len = vm.buffer.length %got : !vm.buffer -> i64
    vm.check.eq %len, %c4, "replacement length" : i64
    %null = vm.const.ref.zero : !vm.buffer
    vm.global.store.ref %null, @buffer : !vm.buffer
    %cleared = vm.global.load.ref @buffer : !vm.buffer
    %nz = vm.cmp.nz.ref %cleared : !vm.buffer
    %zero = vm.const.i32.zero
    vm.check.eq %nz, %zero, "ref global cleared" : i32
    vm.return
  }
  vm.export @test_ref_global_replace

  // Reports the counter so run-module prints a result.
  vm.func @test_counter_value() -> i32 {
    %c = vm.global.load.i32 @counter : i32
    vm.return %c : i32
  }
  vm.export @test_counter_value
}
