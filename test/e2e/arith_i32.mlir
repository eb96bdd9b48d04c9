// i32 arithmetic, bitwise ops and shifts, including the edge cases that
// ops.h defines: wrapping overflow, INT_MIN / -1 (wraps, remainder 0),
// abs(INT_MIN) == INT_MIN, and shift amounts masked to the width.
// Operands come through vm.optimization_barrier or E2E-ARGS so the
// interpreter, not the folder, computes every checked value.
// E2E-ARGS: test_add_sub_args --input=7 --input=i32=-3
// E2E-ARGS: test_div_rem_args --input=-7 --input=2
vm.module @arith_i32 {
  vm.func @test_add_sub_args(%a: i32, %b: i32) {
    %sum = vm.add.i32 %a, %b : i32
    %c4 = vm.const.i32 4
    vm.check.eq %sum, %c4, "7 + -3" : i32
    %diff = vm.sub.i32 %a, %b : i32
    %c10 = vm.const.i32 10
    vm.check.eq %diff, %c10, "7 - -3" : i32
    %prod = vm.mul.i32 %a, %b : i32
    %cm21 = vm.const.i32 -21
    vm.check.eq %prod, %cm21, "7 * -3" : i32
    vm.return
  }
  vm.export @test_add_sub_args

  vm.func @test_div_rem_args(%a: i32, %b: i32) {
    // Signed division truncates toward zero; the remainder has the sign of
    // the dividend.
    %q = vm.div.i32.s %a, %b : i32
    %cm3 = vm.const.i32 -3
    vm.check.eq %q, %cm3, "-7 / 2" : i32
    %r = vm.rem.i32.s %a, %b : i32
    %cm1 = vm.const.i32 -1
    vm.check.eq %r, %cm1, "-7 % 2" : i32
    // Unsigned: 0xFFFFFFF9 / 2 = 0x7FFFFFFC, remainder 1.
    %qu = vm.div.i32.u %a, %b : i32
    %cqu = vm.const.i32 2147483644
    vm.check.eq %qu, %cqu, "-7 /u 2" : i32
    %ru = vm.rem.i32.u %a, %b : i32
    %c1 = vm.const.i32 1
    vm.check.eq %ru, %c1, "-7 %u 2" : i32
    vm.return
  }
  vm.export @test_div_rem_args

  vm.func @test_wrapping() {
    %max0 = vm.const.i32 2147483647
    %max = vm.optimization_barrier %max0 : i32
    %one0 = vm.const.i32 1
    %one = vm.optimization_barrier %one0 : i32
    %wrapped = vm.add.i32 %max, %one : i32
    %min = vm.const.i32 -2147483648
    vm.check.eq %wrapped, %min, "INT_MAX + 1 wraps" : i32
    %back = vm.sub.i32 %wrapped, %one : i32
    vm.check.eq %back, %max, "INT_MIN - 1 wraps" : i32
    %sq = vm.mul.i32 %max, %max : i32
    vm.check.eq %sq, %one, "INT_MAX * INT_MAX == 1 (mod 2^32)" : i32
    vm.return
  }
  vm.export @test_wrapping

  vm.func @test_int_min_div_minus_one() {
    %min0 = vm.const.i32 -2147483648
    %min = vm.optimization_barrier %min0 : i32
    %m10 = vm.const.i32 -1
    %m1 = vm.optimization_barrier %m10 : i32
    %q = vm.div.i32.s %min, %m1 : i32
    vm.check.eq %q, %min0, "INT_MIN / -1 wraps to INT_MIN" : i32
    %r = vm.rem.i32.s %min, %m1 : i32
    %zero = vm.const.i32.zero
    vm.check.eq %r, %zero, "INT_MIN % -1 == 0" : i32
    %abs = vm.abs.i32 %min : i32
    vm.check.eq %abs, %min0, "abs(INT_MIN) == INT_MIN" : i32
    vm.return
  }
  vm.export @test_int_min_div_minus_one

  vm.func @test_fma_abs_min_max() {
    %a0 = vm.const.i32 -5
    %a = vm.optimization_barrier %a0 : i32
    %b0 = vm.const.i32 3
    %b = vm.optimization_barrier %b0 : i32
    %c0 = vm.const.i32 100
    %c = vm.optimization_barrier %c0 : i32
    %fma = vm.fma.i32 %a, %b, %c : i32
    %c85 = vm.const.i32 85
    vm.check.eq %fma, %c85, "fma(-5, 3, 100)" : i32
    %abs = vm.abs.i32 %a : i32
    %c5 = vm.const.i32 5
    vm.check.eq %abs, %c5, "abs(-5)" : i32
    %mins = vm.min.i32.s %a, %b : i32
    vm.check.eq %mins, %a0, "min.s(-5, 3)" : i32
    %maxs = vm.max.i32.s %a, %b : i32
    vm.check.eq %maxs, %b0, "max.s(-5, 3)" : i32
    // Unsigned: -5 is 0xFFFFFFFB, the largest.
    %minu = vm.min.i32.u %a, %b : i32
    vm.check.eq %minu, %b0, "min.u(-5, 3)" : i32
    %maxu = vm.max.i32.u %a, %b : i32
    vm.check.eq %maxu, %a0, "max.u(-5, 3)" : i32
    vm.return
  }
  vm.export @test_fma_abs_min_max

  vm.func @test_bitwise() {
    %a0 = vm.const.i32 0x0F0F00FF
    %a = vm.optimization_barrier %a0 : i32
    %b0 = vm.const.i32 0x00FF0F0F
    %b = vm.optimization_barrier %b0 : i32
    %and = vm.and.i32 %a, %b : i32
    %and_e = vm.const.i32 0x000F000F
    vm.check.eq %and, %and_e, "and" : i32
    %or = vm.or.i32 %a, %b : i32
    %or_e = vm.const.i32 0x0FFF0FFF
    vm.check.eq %or, %or_e, "or" : i32
    %xor = vm.xor.i32 %a, %b : i32
    %xor_e = vm.const.i32 0x0FF00FF0
    vm.check.eq %xor, %xor_e, "xor" : i32
    %not = vm.not.i32 %a : i32
    %not_e = vm.const.i32 -252641536
    vm.check.eq %not, %not_e, "not" : i32
    %ctlz = vm.ctlz.i32 %a : i32
    %c4 = vm.const.i32 4
    vm.check.eq %ctlz, %c4, "ctlz(0x0F0F00FF)" : i32
    %z0 = vm.const.i32.zero
    %z = vm.optimization_barrier %z0 : i32
    %ctlz0 = vm.ctlz.i32 %z : i32
    %c32 = vm.const.i32 32
    vm.check.eq %ctlz0, %c32, "ctlz(0) == 32" : i32
    vm.return
  }
  vm.export @test_bitwise

  vm.func @test_shifts() {
    %x0 = vm.const.i32 -16
    %x = vm.optimization_barrier %x0 : i32
    %n20 = vm.const.i32 2
    %n2 = vm.optimization_barrier %n20 : i32
    %shl = vm.shl.i32 %x, %n2 : i32
    %shl_e = vm.const.i32 -64
    vm.check.eq %shl, %shl_e, "-16 << 2" : i32
    %shrs = vm.shr.i32.s %x, %n2 : i32
    %shrs_e = vm.const.i32 -4
    vm.check.eq %shrs, %shrs_e, "-16 >>s 2" : i32
    %shru = vm.shr.i32.u %x, %n2 : i32
    %shru_e = vm.const.i32 0x3FFFFFFC
    vm.check.eq %shru, %shru_e, "-16 >>u 2" : i32
    // Amounts are masked to 5 bits: 32 acts as 0, 33 as 1.
    %n320 = vm.const.i32 32
    %n32 = vm.optimization_barrier %n320 : i32
    %shl32 = vm.shl.i32 %x, %n32 : i32
    vm.check.eq %shl32, %x0, "x << 32 == x" : i32
    %n330 = vm.const.i32 33
    %n33 = vm.optimization_barrier %n330 : i32
    %shr33 = vm.shr.i32.s %x, %n33 : i32
    %cm8 = vm.const.i32 -8
    vm.check.eq %shr33, %cm8, "-16 >>s 33 == -8" : i32
    %shru33 = vm.shr.i32.u %x, %n33 : i32
    %big = vm.const.i32 0x7FFFFFF8
    vm.check.eq %shru33, %big, "-16 >>u 33" : i32
    vm.return
  }
  vm.export @test_shifts

  // Returns a value so run-module's result printing is exercised too.
  vm.func @test_returns_value(%a: i32) -> i32 {
    %c2 = vm.const.i32 2
    %r = vm.mul.i32 %a, %c2 : i32
    vm.return %r : i32
  }
  vm.export @test_returns_value
}
// E2E-ARGS: test_returns_value --input=21
