// f32 arithmetic and math. Exact results are checked with vm.check.eq,
// transcendental ones with vm.check.nearly_eq (IREE's ULP rule). Inputs
// arrive through E2E-ARGS or vm.optimization_barrier so nothing folds.
// E2E-ARGS: test_basic_args --input=f32=1.5 --input=f32=2.25
vm.module @arith_f32 {
  vm.func @test_basic_args(%a: f32, %b: f32) {
    %add = vm.add.f32 %a, %b : f32
    %add_e = vm.const.f32 3.75
    vm.check.eq %add, %add_e, "add" : f32
    %sub = vm.sub.f32 %a, %b : f32
    %sub_e = vm.const.f32 -0.75
    vm.check.eq %sub, %sub_e, "sub" : f32
    %mul = vm.mul.f32 %a, %b : f32
    %mul_e = vm.const.f32 3.375
    vm.check.eq %mul, %mul_e, "mul" : f32
    %div = vm.div.f32 %a, %b : f32
    %div_e = vm.const.f32 0.666666666666666667
    vm.check.nearly_eq %div, %div_e, "div" : f32
    %fma = vm.fma.f32 %a, %b, %a : f32
    %fma_e = vm.const.f32 4.875
    vm.check.eq %fma, %fma_e, "fma(1.5, 2.25, 1.5)" : f32
    %min = vm.min.f32 %a, %b : f32
    vm.check.eq %min, %a, "min" : f32
    %max = vm.max.f32 %a, %b : f32
    vm.check.eq %max, %b, "max" : f32
    vm.return
  }
  vm.export @test_basic_args

  vm.func @test_rounding() {
    %x0_0 = vm.const.f32 -2.5
    %x0 = vm.optimization_barrier %x0_0 : f32
    %r0 = vm.abs.f32 %x0 : f32
    %e0 = vm.const.f32 2.5
    vm.check.eq %r0, %e0, "abs(-2.5)" : f32
    %x1_0 = vm.const.f32 2.5
    %x1 = vm.optimization_barrier %x1_0 : f32
    %r1 = vm.neg.f32 %x1 : f32
    %e1 = vm.const.f32 -2.5
    vm.check.eq %r1, %e1, "neg(2.5)" : f32
    %x2_0 = vm.const.f32 -1.5
    %x2 = vm.optimization_barrier %x2_0 : f32
    %r2 = vm.ceil.f32 %x2 : f32
    %e2 = vm.const.f32 -1.0
    vm.check.eq %r2, %e2, "ceil(-1.5)" : f32
    %x3_0 = vm.const.f32 -1.5
    %x3 = vm.optimization_barrier %x3_0 : f32
    %r3 = vm.floor.f32 %x3 : f32
    %e3 = vm.const.f32 -2.0
    vm.check.eq %r3, %e3, "floor(-1.5)" : f32
    %x4_0 = vm.const.f32 2.5
    %x4 = vm.optimization_barrier %x4_0 : f32
    %r4 = vm.round.f32 %x4 : f32
    %e4 = vm.const.f32 3.0
    vm.check.eq %r4, %e4, "round(2.5)" : f32
    %x5_0 = vm.const.f32 -2.5
    %x5 = vm.optimization_barrier %x5_0 : f32
    %r5 = vm.round.f32 %x5 : f32
    %e5 = vm.const.f32 -3.0
    vm.check.eq %r5, %e5, "round(-2.5)" : f32
    %x6_0 = vm.const.f32 0.4
    %x6 = vm.optimization_barrier %x6_0 : f32
    %r6 = vm.round.f32 %x6 : f32
    %e6 = vm.const.f32 0.0
    vm.check.eq %r6, %e6, "round(0.4)" : f32
    vm.return
  }
  vm.export @test_rounding

  vm.func @test_round_even() {
    %x0_0 = vm.const.f32 2.5
    %x0 = vm.optimization_barrier %x0_0 : f32
    %r0 = vm.round.f32.even %x0 : f32
    %e0 = vm.const.f32 2.0
    vm.check.eq %r0, %e0, "round.even(2.5)" : f32
    %x1_0 = vm.const.f32 3.5
    %x1 = vm.optimization_barrier %x1_0 : f32
    %r1 = vm.round.f32.even %x1 : f32
    %e1 = vm.const.f32 4.0
    vm.check.eq %r1, %e1, "round.even(3.5)" : f32
    %x2_0 = vm.const.f32 -2.5
    %x2 = vm.optimization_barrier %x2_0 : f32
    %r2 = vm.round.f32.even %x2 : f32
    %e2 = vm.const.f32 -2.0
    vm.check.eq %r2, %e2, "round.even(-2.5)" : f32
    vm.return
  }
  vm.export @test_round_even

  vm.func @test_math_unary() {
    %x0_0 = vm.const.f32 1.0
    %x0 = vm.optimization_barrier %x0_0 : f32
    %r0 = vm.atan.f32 %x0 : f32
    %e0 = vm.const.f32 0.7853981633974483
    vm.check.nearly_eq %r0, %e0, "atan(1.0)" : f32
    %x1_0 = vm.const.f32 1.0
    %x1 = vm.optimization_barrier %x1_0 : f32
    %r1 = vm.cos.f32 %x1 : f32
    %e1 = vm.const.f32 0.5403023058681398
    vm.check.nearly_eq %r1, %e1, "cos(1.0)" : f32
    %x2_0 = vm.const.f32 1.0
    %x2 = vm.optimization_barrier %x2_0 : f32
    %r2 = vm.sin.f32 %x2 : f32
    %e2 = vm.const.f32 0.8414709848078965
    vm.check.nearly_eq %r2, %e2, "sin(1.0)" : f32
    %x3_0 = vm.const.f32 1.0
    %x3 = vm.optimization_barrier %x3_0 : f32
    %r3 = vm.exp.f32 %x3 : f32
    %e3 = vm.const.f32 2.718281828459045
    vm.check.nearly_eq %r3, %e3, "exp(1.0)" : f32
    %x4_0 = vm.const.f32 3.0
    %x4 = vm.optimization_barrier %x4_0 : f32
    %r4 = vm.exp2.f32 %x4 : f32
    %e4 = vm.const.f32 8.0
    vm.check.nearly_eq %r4, %e4, "exp2(3.0)" : f32
    %x5_0 = vm.const.f32 0.5
    %x5 = vm.optimization_barrier %x5_0 : f32
    %r5 = vm.expm1.f32 %x5 : f32
    %e5 = vm.const.f32 0.6487212707001282
    vm.check.nearly_eq %r5, %e5, "expm1(0.5)" : f32
    %x6_0 = vm.const.f32 10.0
    %x6 = vm.optimization_barrier %x6_0 : f32
    %r6 = vm.log.f32 %x6 : f32
    %e6 = vm.const.f32 2.302585092994046
    vm.check.nearly_eq %r6, %e6, "log(10.0)" : f32
    %x7_0 = vm.const.f32 2.0
    %x7 = vm.optimization_barrier %x7_0 : f32
    %r7 = vm.log10.f32 %x7 : f32
    %e7 = vm.const.f32 0.3010299956639812
    vm.check.nearly_eq %r7, %e7, "log10(2.0)" : f32
    %x8_0 = vm.const.f32 0.5
    %x8 = vm.optimization_barrier %x8_0 : f32
    %r8 = vm.log1p.f32 %x8 : f32
    %e8 = vm.const.f32 0.4054651081081644
    vm.check.nearly_eq %r8, %e8, "log1p(0.5)" : f32
    %x9_0 = vm.const.f32 10.0
    %x9 = vm.optimization_barrier %x9_0 : f32
    %r9 = vm.log2.f32 %x9 : f32
    %e9 = vm.const.f32 3.321928094887362
    vm.check.nearly_eq %r9, %e9, "log2(10.0)" : f32
    %x10_0 = vm.const.f32 2.0
    %x10 = vm.optimization_barrier %x10_0 : f32
    %r10 = vm.rsqrt.f32 %x10 : f32
    %e10 = vm.const.f32 0.7071067811865475
    vm.check.nearly_eq %r10, %e10, "rsqrt(2.0)" : f32
    %x11_0 = vm.const.f32 2.0
    %x11 = vm.optimization_barrier %x11_0 : f32
    %r11 = vm.sqrt.f32 %x11 : f32
    %e11 = vm.const.f32 1.4142135623730951
    vm.check.nearly_eq %r11, %e11, "sqrt(2.0)" : f32
    %x12_0 = vm.const.f32 0.5
    %x12 = vm.optimization_barrier %x12_0 : f32
    %r12 = vm.tanh.f32 %x12 : f32
    %e12 = vm.const.f32 0.46211715726000974
    vm.check.nearly_eq %r12, %e12, "tanh(0.5)" : f32
    %x13_0 = vm.const.f32 0.5
    %x13 = vm.optimization_barrier %x13_0 : f32
    %r13 = vm.erf.f32 %x13 : f32
    %e13 = vm.const.f32 0.5204998778130465
    vm.check.nearly_eq %r13, %e13, "erf(0.5)" : f32
    vm.return
  }
  vm.export @test_math_unary

  vm.func @test_math_binary() {
    %one0 = vm.const.f32 1.0
    %one = vm.optimization_barrier %one0 : f32
    %m10 = vm.const.f32 -1.0
    %m1 = vm.optimization_barrier %m10 : f32
    %at = vm.atan2.f32 %one, %m1 : f32
    %at_e = vm.const.f32 2.356194490192345
    vm.check.nearly_eq %at, %at_e, "atan2(1, -1)" : f32
    %two0 = vm.const.f32 2.0
    %two = vm.optimization_barrier %two0 : f32
    %half0 = vm.const.f32 0.5
    %half = vm.optimization_barrier %half0 : f32
    %pow = vm.pow.f32 %two, %half : f32
    %pow_e = vm.const.f32 1.4142135623730951
    vm.check.nearly_eq %pow, %pow_e, "pow(2, 0.5)" : f32
    %x0 = vm.const.f32 5.5
    %x = vm.optimization_barrier %x0 : f32
    %rem = vm.rem.f32 %x, %two : f32
    %rem_e = vm.const.f32 -0.5
    vm.check.eq %rem, %rem_e, "IEEE remainder(5.5, 2) == -0.5" : f32
    vm.return
  }
  vm.export @test_math_binary

  // Float division by zero is not an error: it gives inf / nan.
  vm.func @test_div_by_zero_is_inf() {
    %one0 = vm.const.f32 1.0
    %one = vm.optimization_barrier %one0 : f32
    %z0 = vm.const.f32.zero
    %z = vm.optimization_barrier %z0 : f32
    %inf = vm.div.f32 %one, %z : f32
    %inf_e = vm.const.f32 0x7F800000
    vm.check.eq %inf, %inf_e, "1 / 0 == inf" : f32
    %nan = vm.div.f32 %z, %z : f32
    %isnan = vm.cmp.nan.f32 %nan : f32
    vm.check.nz %isnan, "0 / 0 is nan" : i32
    vm.return
  }
  vm.export @test_div_by_zero_is_inf
}
