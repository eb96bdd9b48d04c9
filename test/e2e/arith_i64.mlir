// i64 arithmetic, bitwise ops and shifts (shift amounts are i32, masked to
// 6 bits), with the same edge cases as arith_i32.mlir.
// E2E-ARGS: test_args --input=i64=9000000000 --input=i64=-3
vm.module @arith_i64 {
  vm.func @test_args(%a: i64, %b: i64) {
    %sum = vm.add.i64 %a, %b : i64
    %e1 = vm.const.i64 8999999997
    vm.check.eq %sum, %e1, "add" : i64
    %diff = vm.sub.i64 %a, %b : i64
    %e2 = vm.const.i64 9000000003
    vm.check.eq %diff, %e2, "sub" : i64
    %prod = vm.mul.i64 %a, %b : i64
    %e3 = vm.const.i64 -27000000000
    vm.check.eq %prod, %e3, "mul" : i64
    %q = vm.div.i64.s %a, %b : i64
    %e4 = vm.const.i64 -3000000000
    vm.check.eq %q, %e4, "div.s" : i64
    %r = vm.rem.i64.s %a, %b : i64
    %zero = vm.const.i64.zero
    vm.check.eq %r, %zero, "rem.s" : i64
    %qu = vm.div.i64.u %b, %a : i64
    // 0xFFFFFFFFFFFFFFFD / 9e9 = 2049638230
    %e5 = vm.const.i64 2049638230
    vm.check.eq %qu, %e5, "div.u" : i64
    %ru = vm.rem.i64.u %b, %a : i64
    %e6 = vm.const.i64 3709551613
    vm.check.eq %ru, %e6, "rem.u" : i64
    vm.return
  }
  vm.export @test_args

  vm.func @test_edges() {
    %max0 = vm.const.i64 9223372036854775807
    %max = vm.optimization_barrier %max0 : i64
    %one0 = vm.const.i64 1
    %one = vm.optimization_barrier %one0 : i64
    %min0 = vm.const.i64 -9223372036854775808
    %wrapped = vm.add.i64 %max, %one : i64
    vm.check.eq %wrapped, %min0, "INT64_MAX + 1 wraps" : i64
    %m10 = vm.const.i64 -1
    %m1 = vm.optimization_barrier %m10 : i64
    %q = vm.div.i64.s %wrapped, %m1 : i64
    vm.check.eq %q, %min0, "INT64_MIN / -1 wraps" : i64
    %r = vm.rem.i64.s %wrapped, %m1 : i64
    %zero = vm.const.i64.zero
    vm.check.eq %r, %zero, "INT64_MIN % -1 == 0" : i64
    %abs = vm.abs.i64 %wrapped : i64
    vm.check.eq %abs, %min0, "abs(INT64_MIN)" : i64
    %fma = vm.fma.i64 %max, %one, %one : i64
    vm.check.eq %fma, %min0, "fma wraps" : i64
    %mins = vm.min.i64.s %m1, %one : i64
    vm.check.eq %mins, %m10, "min.s" : i64
    %maxu = vm.max.i64.u %m1, %one : i64
    vm.check.eq %maxu, %m10, "max.u" : i64
    %minu = vm.min.i64.u %m1, %one : i64
    vm.check.eq %minu, %one0, "min.u" : i64
    %maxs = vm.max.i64.s %m1, %one : i64
    vm.check.eq %maxs, %one0, "max.s" : i64
    vm.return
  }
  vm.export @test_edges

  vm.func @test_bitwise_shifts() {
    %a0 = vm.const.i64 0x00FF00FF00FF00FF
    %a = vm.optimization_barrier %a0 : i64
    %b0 = vm.const.i64 0x0F0F0F0F0F0F0F0F
    %b = vm.optimization_barrier %b0 : i64
    %and = vm.and.i64 %a, %b : i64
    %and_e = vm.const.i64 0x000F000F000F000F
    vm.check.eq %and, %and_e, "and" : i64
    %or = vm.or.i64 %a, %b : i64
    %or_e = vm.const.i64 0x0FFF0FFF0FFF0FFF
    vm.check.eq %or, %or_e, "or" : i64
    %xor = vm.xor.i64 %a, %b : i64
    %xor_e = vm.const.i64 0x0FF00FF00FF00FF0
    vm.check.eq %xor, %xor_e, "xor" : i64
    %not = vm.not.i64 %a : i64
    %not_e = vm.const.i64 -71777214294589696
    vm.check.eq %not, %not_e, "not" : i64
    %ctlz = vm.ctlz.i64 %a : i64
    %c8 = vm.const.i64 8
    vm.check.eq %ctlz, %c8, "ctlz" : i64
    %n40 = vm.const.i32 40
    %n4 = vm.optimization_barrier %n40 : i32
    %shl = vm.shl.i64 %a, %n4 : i64
    %shl_e = vm.const.i64 -71777218572845056
    vm.check.eq %shl, %shl_e, "shl 40" : i64
    %neg0 = vm.const.i64 -256
    %neg = vm.optimization_barrier %neg0 : i64
    %c4_0 = vm.const.i32 4
    %c4 = vm.optimization_barrier %c4_0 : i32
    %shrs = vm.shr.i64.s %neg, %c4 : i64
    %shrs_e = vm.const.i64 -16
    vm.check.eq %shrs, %shrs_e, "shr.s" : i64
    %shru = vm.shr.i64.u %neg, %c4 : i64
    %shru_e = vm.const.i64 0x0FFFFFFFFFFFFFF0
    vm.check.eq %shru, %shru_e, "shr.u" : i64
    // Amounts are masked to 6 bits: 64 acts as 0, 68 as 4.
    %n640 = vm.const.i32 64
    %n64 = vm.optimization_barrier %n640 : i32
    %shl64 = vm.shl.i64 %a, %n64 : i64
    vm.check.eq %shl64, %a0, "x << 64 == x" : i64
    %n680 = vm.const.i32 68
    %n68 = vm.optimization_barrier %n680 : i32
    %shr68 = vm.shr.i64.s %neg, %n68 : i64
    vm.check.eq %shr68, %shrs_e, "x >>s 68 == x >>s 4" : i64
    vm.return
  }
  vm.export @test_bitwise_shifts
}
