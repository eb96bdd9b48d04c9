// select, switch, br_table, cond_br and loops with block arguments.
// E2E-ARGS: test_br_table_args --input=2
// E2E-ARGS: test_loop_sum_args --input=100
vm.module @control {
  vm.func @test_select() {
    %one0 = vm.const.i32 1
    %one = vm.optimization_barrier %one0 : i32
    %zero0 = vm.const.i32.zero
    %zero = vm.optimization_barrier %zero0 : i32
    %a = vm.const.i32 10
    %b = vm.const.i32 20
    %s1 = vm.select.i32 %one, %a, %b : i32
    vm.check.eq %s1, %a, "select.i32 true" : i32
    %s2 = vm.select.i32 %zero, %a, %b : i32
    vm.check.eq %s2, %b, "select.i32 false" : i32
    %a64 = vm.const.i64 -10
    %b64 = vm.const.i64 20000000000
    %s3 = vm.select.i64 %zero, %a64, %b64 : i64
    vm.check.eq %s3, %b64, "select.i64" : i64
    %af = vm.const.f32 1.5
    %bf = vm.const.f32 2.5
    %s4 = vm.select.f32 %one, %af, %bf : f32
    vm.check.eq %s4, %af, "select.f32" : f32
    %ad = vm.const.f64 1.25
    %bd = vm.const.f64 2.25
    %s5 = vm.select.f64 %zero, %ad, %bd : f64
    vm.check.eq %s5, %bd, "select.f64" : f64
    // Any non-zero condition is true.
    %m70 = vm.const.i32 -7
    %m7 = vm.optimization_barrier %m70 : i32
    %s6 = vm.select.i32 %m7, %a, %b : i32
    vm.check.eq %s6, %a, "select with -7" : i32
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %null = vm.const.ref.zero : !vm.buffer
    %s7 = vm.select.ref %zero, %buf, %null : !vm.buffer
    %nz7 = vm.cmp.nz.ref %s7 : !vm.buffer
    vm.check.eq %nz7, %zero0, "select.ref false -> null" : i32
    %s8 = vm.select.ref %one, %buf, %null : !vm.buffer
    vm.check.eq %s8, %buf, "select.ref true -> buf" : !vm.buffer
    vm.return
  }
  vm.export @test_select

  vm.func @test_switch() {
    %c100 = vm.const.i32 100
    %c200 = vm.const.i32 200
    %c300 = vm.const.i32 300
    %c400 = vm.const.i32 400
    %i00 = vm.const.i32 0
    %i0 = vm.optimization_barrier %i00 : i32
    %i20 = vm.const.i32 2
    %i2 = vm.optimization_barrier %i20 : i32
    %i30 = vm.const.i32 3
    %i3 = vm.optimization_barrier %i30 : i32
    %im0 = vm.const.i32 -1
    %im = vm.optimization_barrier %im0 : i32
    %s0 = vm.switch.i32 %i0[%c100, %c200, %c300] else %c400 : i32
    vm.check.eq %s0, %c100, "switch 0" : i32
    %s2 = vm.switch.i32 %i2[%c100, %c200, %c300] else %c400 : i32
    vm.check.eq %s2, %c300, "switch 2" : i32
    %s3 = vm.switch.i32 %i3[%c100, %c200, %c300] else %c400 : i32
    vm.check.eq %s3, %c400, "switch 3 -> default" : i32
    %sm = vm.switch.i32 %im[%c100, %c200, %c300] else %c400 : i32
    vm.check.eq %sm, %c400, "switch -1 -> default" : i32
    %d1 = vm.const.i64 11
    %d2 = vm.const.i64 22
    %d3 = vm.const.i64 33
    %s64 = vm.switch.i64 %i0[%d1, %d2] else %d3 : i64
    vm.check.eq %s64, %d1, "switch.i64" : i64
    %f1 = vm.const.f32 1.5
    %f2 = vm.const.f32 2.5
    %sf = vm.switch.f32 %i3[%f1] else %f2 : f32
    vm.check.eq %sf, %f2, "switch.f32 default" : f32
    %g1 = vm.const.f64 1.5
    %g2 = vm.const.f64 2.5
    %sg = vm.switch.f64 %i0[%g1] else %g2 : f64
    vm.check.eq %sg, %g1, "switch.f64" : f64
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %b0 = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %b1 = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %b2 = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %sr = vm.switch.ref %i2[%b0, %b1] else %b2 : !vm.buffer
    vm.check.eq %sr, %b2, "switch.ref default" : !vm.buffer
    vm.return
  }
  vm.export @test_switch

  vm.func private @classify(%i: i32) -> i32 {
    vm.br_table %i {
      default: ^default,
      0: ^zero,
      1: ^one(%i : i32),
      2: ^two,
      3: ^one(%i : i32)
    }
  ^default:
    %d = vm.const.i32 -1
    vm.return %d : i32
  ^zero:
    %z = vm.const.i32 100
    vm.return %z : i32
  ^one(%x: i32):
    %c10 = vm.const.i32 10
    %r = vm.mul.i32 %x, %c10 : i32
    vm.return %r : i32
  ^two:
    %t = vm.const.i32 200
    vm.return %t : i32
  }

  vm.func @test_br_table_args(%two: i32) {
    %r2 = vm.call @classify(%two) : (i32) -> i32
    %c200 = vm.const.i32 200
    vm.check.eq %r2, %c200, "br_table case 2" : i32
    %c1 = vm.const.i32 1
    %three = vm.add.i32 %two, %c1 : i32
    %r3 = vm.call @classify(%three) : (i32) -> i32
    %c30 = vm.const.i32 30
    vm.check.eq %r3, %c30, "br_table case 3 with block argument" : i32
    %zero = vm.sub.i32 %two, %two : i32
    %r0 = vm.call @classify(%zero) : (i32) -> i32
    %c100 = vm.const.i32 100
    vm.check.eq %r0, %c100, "br_table case 0" : i32
    %big = vm.mul.i32 %two, %c200 : i32
    %rb = vm.call @classify(%big) : (i32) -> i32
    %cm1 = vm.const.i32 -1
    vm.check.eq %rb, %cm1, "br_table default (400)" : i32
    %neg = vm.sub.i32 %zero, %two : i32
    %rn = vm.call @classify(%neg) : (i32) -> i32
    vm.check.eq %rn, %cm1, "br_table default (negative)" : i32
    vm.return
  }
  vm.export @test_br_table_args

  // Sum of 1..n with an i32 and an i64 accumulator carried as block args.
  vm.func @test_loop_sum_args(%n: i32) {
    %zero = vm.const.i32.zero
    %zero64 = vm.const.i64.zero
    %one = vm.const.i32 1
    vm.br ^loop(%one, %zero, %zero64 : i32, i32, i64)
  ^loop(%i: i32, %acc: i32, %acc64: i64):
    %done = vm.cmp.gt.i32.s %i, %n : i32
    vm.cond_br %done, ^exit, ^body
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i64 = vm.ext.i32.i64.s %i : i32 -> i64
    %sq = vm.mul.i64 %i64, %i64 : i64
    %acc64_1 = vm.add.i64 %acc64, %sq : i64
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1, %acc64_1 : i32, i32, i64)
  ^exit:
    %e = vm.const.i32 5050
    vm.check.eq %acc, %e, "sum 1..100" : i32
    %e64 = vm.const.i64 338350
    vm.check.eq %acc64, %e64, "sum of squares 1..100" : i64
    vm.return
  }
  vm.export @test_loop_sum_args

  // Block arguments that swap on every iteration (a parallel copy).
  vm.func @test_swap_block_args() {
    %a0 = vm.const.i32 1
    %b0 = vm.const.i32 2
    %n0 = vm.const.i32 5
    %n = vm.optimization_barrier %n0 : i32
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %a0, %b0 : i32, i32, i32)
  ^loop(%i: i32, %a: i32, %b: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.cond_br %more, ^loop(%i1, %b, %a : i32, i32, i32), ^exit(%a, %b : i32, i32)
  ^exit(%x: i32, %y: i32):
    // Five swaps: (1, 2) -> (2, 1).
    vm.check.eq %x, %b0, "a after 5 swaps" : i32
    vm.check.eq %y, %a0, "b after 5 swaps" : i32
    vm.return
  }
  vm.export @test_swap_block_args
}
