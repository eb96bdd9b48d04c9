// f64 arithmetic and math. Exact results are checked with vm.check.eq,
// transcendental ones with vm.check.nearly_eq (IREE's ULP rule). Inputs
// arrive through E2E-ARGS or vm.optimization_barrier so nothing folds.
// E2E-ARGS: test_basic_args --input=f64=1.5 --input=f64=2.25
vm.module @arith_f64 {
  vm.func @test_basic_args(%a: f64, %b: f64) {
    %add = vm.add.f64 %a, %b : f64
    %add_e = vm.const.f64 3.75
    vm.check.eq %add, %add_e, "add" : f64
    %sub = vm.sub.f64 %a, %b : f64
    %sub_e = vm.const.f64 -0.75
    vm.check.eq %sub, %sub_e, "sub" : f64
    %mul = vm.mul.f64 %a, %b : f64
    %mul_e = vm.const.f64 3.375
    vm.check.eq %mul, %mul_e, "mul" : f64
    %div = vm.div.f64 %a, %b : f64
    %div_e = vm.const.f64 0.666666666666666667
    vm.check.nearly_eq %div, %div_e, "div" : f64
    %fma = vm.fma.f64 %a, %b, %a : f64
    %fma_e = vm.const.f64 4.875
    vm.check.eq %fma, %fma_e, "fma(1.5, 2.25, 1.5)" : f64
    %min = vm.min.f64 %a, %b : f64
    vm.check.eq %min, %a, "min" : f64
    %max = vm.max.f64 %a, %b : f64
    vm.check.eq %max, %b, "max" : f64
    vm.return
  }
  vm.export @test_basic_args

  vm.func @test_rounding() {
    %x0_0 = vm.const.f64 -2.5
    %x0 = vm.optimization_barrier %x0_0 : f64
    %r0 = vm.abs.f64 %x0 : f64
    %e0 = vm.const.f64 2.5
    vm.check.eq %r0, %e0, "abs(-2.5)" : f64
    %x1_0 = vm.const.f64 2.5
    %x1 = vm.optimization_barrier %x1_0 : f64
    %r1 = vm.neg.f64 %x1 : f64
    %e1 = vm.const.f64 -2.5
    vm.check.eq %r1, %e1, "neg(2.5)" : f64
    %x2_0 = vm.const.f64 -1.5
    %x2 = vm.optimization_barrier %x2_0 : f64
    %r2 = vm.ceil.f64 %x2 : f64
    %e2 = vm.const.f64 -1.0
    vm.check.eq %r2, %e2, "ceil(-1.5)" : f64
    %x3_0 = vm.const.f64 -1.5
    %x3 = vm.optimization_barrier %x3_0 : f64
    %r3 = vm.floor.f64 %x3 : f64
    %e3 = vm.const.f64 -2.0
    vm.check.eq %r3, %e3, "floor(-1.5)" : f64
    %x4_0 = vm.const.f64 2.5
    %x4 = vm.optimization_barrier %x4_0 : f64
    %r4 = vm.round.f64 %x4 : f64
    %e4 = vm.const.f64 3.0
    vm.check.eq %r4, %e4, "round(2.5)" : f64
    %x5_0 = vm.const.f64 -2.5
    %x5 = vm.optimization_barrier %x5_0 : f64
    %r5 = vm.round.f64 %x5 : f64
    %e5 = vm.const.f64 -3.0
    vm.check.eq %r5, %e5, "round(-2.5)" : f64
    %x6_0 = vm.const.f64 0.4
    %x6 = vm.optimization_barrier %x6_0 : f64
    %r6 = vm.round.f64 %x6 : f64
    %e6 = vm.const.f64 0.0
    vm.check.eq %r6, %e6, "round(0.4)" : f64
    vm.return
  }
  vm.export @test_rounding

  vm.func @test_round_even() {
    %x0_0 = vm.const.f64 2.5
    %x0 = vm.optimization_barrier %x0_0 : f64
    %r0 = vm.round.f64.even %x0 : f64
    %e0 = vm.const.f64 2.0
    vm.check.eq %r0, %e0, "round.even(2.5)" : f64
    %x1_0 = vm.const.f64 3.5
    %x1 = vm.optimization_barrier %x1_0 : f64
    %r1 = vm.round.f64.even %x1 : f64
    %e1 = vm.const.f64 4.0
    vm.check.eq %r1, %e1, "round.even(3.5)" : f64
    %x2_0 = vm.const.f64 -2.5
    %x2 = vm.optimization_barrier %x2_0 : f64
    %r2 = vm.round.f64.even %x2 : f64
    %e2 = vm.const.f64 -2.0
    vm.check.eq %r2, %e2, "round.even(-2.5)" : f64
    vm.return
  }
  vm.export @test_round_even

  vm.func @test_math_unary() {
    %x0_0 = vm.const.f64 1.0
    %x0 = vm.optimization_barrier %x0_0 : f64
    %r0 = vm.atan.f64 %x0 : f64
    %e0 = vm.const.f64 0.7853981633974483
    vm.check.nearly_eq %r0, %e0, "atan(1.0)" : f64
    %x1_0 = vm.const.f64 1.0
    %x1 = vm.optimization_barrier %x1_0 : f64
    %r1 = vm.cos.f64 %x1 : f64
    %e1 = vm.const.f64 0.5403023058681398
    vm.check.nearly_eq %r1, %e1, "cos(1.0)" : f64
    %x2_0 = vm.const.f64 1.0
    %x2 = vm.optimization_barrier %x2_0 : f64
    %r2 = vm.sin.f64 %x2 : f64
    %e2 = vm.const.f64 0.8414709848078965
    vm.check.nearly_eq %r2, %e2, "sin(1.0)" : f64
    %x3_0 = vm.const.f64 1.0
    %x3 = vm.optimization_barrier %x3_0 : f64
    %r3 = vm.exp.f64 %x3 : f64
    %e3 = vm.const.f64 2.718281828459045
    vm.check.nearly_eq %r3, %e3, "exp(1.0)" : f64
    %x4_0 = vm.const.f64 3.0
    %x4 = vm.optimization_barrier %x4_0 : f64
    %r4 = vm.exp2.f64 %x4 : f64
    %e4 = vm.const.f64 8.0
    vm.check.nearly_eq %r4, %e4, "exp2(3.0)" : f64
    %x5_0 = vm.const.f64 0.5
    %x5 = vm.optimization_barrier %x5_0 : f64
    %r5 = vm.expm1.f64 %x5 : f64
    %e5 = vm.const.f64 0.6487212707001282
    vm.check.nearly_eq %r5, %e5, "expm1(0.5)" : f64
    %x6_0 = vm.const.f64 10.0
    %x6 = vm.optimization_barrier %x6_0 : f64
    %r6 = vm.log.f64 %x6 : f64
    %e6 = vm.const.f64 2.302585092994046
    vm.check.nearly_eq %r6, %e6, "log(10.0)" : f64
    %x7_0 = vm.const.f64 2.0
    %x7 = vm.optimization_barrier %x7_0 : f64
    %r7 = vm.log10.f64 %x7 : f64
    %e7 = vm.const.f64 0.3010299956639812
    vm.check.nearly_eq %r7, %e7, "log10(2.0)" : f64
    %x8_0 = vm.const.f64 0.5
    %x8 = vm.optimization_barrier %x8_0 : f64
    %r8 = vm.log1p.f64 %x8 : f64
    %e8 = vm.const.f64 0.4054651081081644
    vm.check.nearly_eq %r8, %e8, "log1p(0.5)" : f64
    %x9_0 = vm.const.f64 10.0
    %x9 = vm.optimization_barrier %x9_0 : f64
    %r9 = vm.log2.f64 %x9 : f64
    %e9 = vm.const.f64 3.321928094887362
    vm.check.nearly_eq %r9, %e9, "log2(10.0)" : f64
    %x10_0 = vm.const.f64 2.0
    %x10 = vm.optimization_barrier %x10_0 : f64
    %r10 = vm.rsqrt.f64 %x10 : f64
    %e10 = vm.const.f64 0.7071067811865475
    vm.check.nearly_eq %r10, %e10, "rsqrt(2.0)" : f64
    %x11_0 = vm.const.f64 2.0
    %x11 = vm.optimization_barrier %x11_0 : f64
    %r11 = vm.sqrt.f64 %x11 : f64
    %e11 = vm.const.f64 1.4142135623730951
    vm.check.nearly_eq %r11, %e11, "sqrt(2.0)" : f64
    %x12_0 = vm.const.f64 0.5
    %x12 = vm.optimization_barrier %x12_0 : f64
    %r12 = vm.tanh.f64 %x12 : f64
    %e12 = vm.const.f64 0.46211715726000974
    vm.check.nearly_eq %r12, %e12, "tanh(0.5)" : f64
    %x13_0 = vm.const.f64 0.5
    %x13 = vm.optimization_barrier %x13_0 : f64
    %r13 = vm.erf.f64 %x13 : f64
    %e13 = vm.const.f64 0.5204998778130465
    vm.check.nearly_eq %r13, %e13, "erf(0.5)" : f64
    vm.return
  }
  vm.export @test_math_unary

  vm.func @test_math_binary() {
    %one0 = vm.const.f64 1.0
    %one = vm.optimization_barrier %one0 : f64
    %m10 = vm.const.f64 -1.0
    %m1 = vm.optimization_barrier %m10 : f64
    %at = vm.atan2.f64 %one, %m1 : f64
    %at_e = vm.const.f64 2.356194490192345
    vm.check.nearly_eq %at, %at_e, "atan2(1, -1)" : f64
    %two0 = vm.const.f64 2.0
    %two = vm.optimization_barrier %two0 : f64
    %half0 = vm.const.f64 0.5
    %half = vm.optimization_barrier %half0 : f64
    %pow = vm.pow.f64 %two, %half : f64
    %pow_e = vm.const.f64 1.4142135623730951
    vm.check.nearly_eq %pow, %pow_e, "pow(2, 0.5)" : f64
    %x0 = vm.const.f64 5.5
    %x = vm.optimization_barrier %x0 : f64
    %rem = vm.rem.f64 %x, %two : f64
    %rem_e = vm.const.f64 -0.5
    vm.check.eq %rem, %rem_e, "IEEE remainder(5.5, 2) == -0.5" : f64
    vm.return
  }
  vm.export @test_math_binary

  // Float division by zero is not an error: it gives inf / nan.
  vm.func @test_div_by_zero_is_inf() {
    %one0 = vm.const.f64 1.0
    %one = vm.optimization_barrier %one0 : f64
    %z0 = vm.const.f64.zero
    %z = vm.optimization_barrier %z0 : f64
    %inf = vm.div.f64 %one, %z : f64
    %inf_e = vm.const.f64 0x7FF0000000000000
    vm.check.eq %inf, %inf_e, "1 / 0 == inf" : f64
    %nan = vm.div.f64 %z, %z : f64
    %isnan = vm.cmp.nan.f64 %nan : f64
    vm.check.nz %isnan, "0 / 0 is nan" : i32
    vm.return
  }
  vm.export @test_div_by_zero_is_inf
}
