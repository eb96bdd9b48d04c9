// Indirect global access through vm.global.address (an i32 handle), for
// every type, and the run-time bounds check on a bad handle.
// E2E-EXPECT-ERROR: fail_indirect_out_of_range OUT_OF_RANGE
vm.module @globals_indirect {
  vm.global.i32 private mutable @a = 1 : i32
  vm.global.i64 private mutable @b = 2 : i64
  vm.global.f32 private mutable @c = 3.0 : f32
  vm.global.f64 private mutable @d = 4.0 : f64
  vm.global.ref private mutable @r : !vm.buffer

  vm.func @test_indirect_scalars() {
    %pa0 = vm.global.address @a : i32
    %pa = vm.optimization_barrier %pa0 : i32
    %va = vm.global.load.indirect.i32 %pa : i32 -> i32
    %c1 = vm.const.i32 1
    vm.check.eq %va, %c1, "indirect load i32" : i32
    %c10 = vm.const.i32 10
    vm.global.store.indirect.i32 %c10, %pa : i32 -> i32
    %da = vm.global.load.i32 @a : i32
    vm.check.eq %da, %c10, "indirect store seen by direct load" : i32

    %pb0 = vm.global.address @b : i32
    %pb = vm.optimization_barrier %pb0 : i32
    %vb = vm.global.load.indirect.i64 %pb : i32 -> i64
    %c2 = vm.const.i64 2
    vm.check.eq %vb, %c2, "indirect load i64" : i64
    %c20 = vm.const.i64 20000000000
    vm.global.store.indirect.i64 %c20, %pb : i64 -> i32
    %db = vm.global.load.i64 @b : i64
    vm.check.eq %db, %c20, "indirect store i64" : i64

    %pc0 = vm.global.address @c : i32
    %pc = vm.optimization_barrier %pc0 : i32
    %vc = vm.global.load.indirect.f32 %pc : i32 -> f32
    %c3 = vm.const.f32 3.0
    vm.check.eq %vc, %c3, "indirect load f32" : f32
    %c35 = vm.const.f32 3.5
    vm.global.store.indirect.f32 %c35, %pc : f32 -> i32
    %dc = vm.global.load.f32 @c : f32
    vm.check.eq %dc, %c35, "indirect store f32" : f32

    %pd0 = vm.global.address @d : i32
    %pd = vm.optimization_barrier %pd0 : i32
    %vd = vm.global.load.indirect.f64 %pd : i32 -> f64
    %c4 = vm.const.f64 4.0
    vm.check.eq %vd, %c4, "indirect load f64" : f64
    %c45 = vm.const.f64 4.5
    vm.global.store.indirect.f64 %c45, %pd : f64 -> i32
    %dd = vm.global.load.f64 @d : f64
    vm.check.eq %dd, %c45, "indirect store f64" : f64
    vm.return
  }
  vm.export @test_indirect_scalars

  vm.func @test_indirect_ref() {
    %pr0 = vm.global.address @r : i32
    %pr = vm.optimization_barrier %pr0 : i32
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    vm.global.store.indirect.ref %buf, %pr : !vm.buffer -> i32
    %back = vm.global.load.indirect.ref %pr : i32 -> !vm.buffer
    vm.check.eq %back, %buf, "indirect ref round trip" : !vm.buffer
    %direct = vm.global.load.ref @r : !vm.buffer
    vm.check.eq %direct, %buf, "indirect ref store seen directly" : !vm.buffer
    vm.return
  }
  vm.export @test_indirect_ref

  vm.func @fail_indirect_out_of_range() -> i32 {
    %pa = vm.global.address @a : i32
    %big = vm.const.i32 1000000
    %bad0 = vm.add.i32 %pa, %big : i32
    %bad = vm.optimization_barrier %bad0 : i32
    %v = vm.global.load.indirect.i32 %bad : i32 -> i32
    vm.return %v : i32
  }
  vm.export @fail_indirect_out_of_range
}
