// Written in upstream MLIR (func, arith, math, cf): vm-translate lowers it
// itself, in both forms. The operands arrive as arguments so canonicalization
// cannot fold the arithmetic away; every result is checked with cf.assert.
// E2E-ARGS: test_i32_ops --input=i32=7 --input=i32=-3
// E2E-ARGS: test_narrow_ints --input=i32=200 --input=i32=100
// E2E-ARGS: test_i64_and_index --input=i64=5000000000 --input=i64=3
// E2E-ARGS: test_floats --input=f32=2.25 --input=f64=-2.75
// E2E-ARGS: test_casts --input=f32=-2.75 --input=i32=-1
// E2E-ARGS: test_select_and_minmax --input=i32=-5 --input=i32=9
module {
  func.func @test_i32_ops(%a: i32, %b: i32) {
    %c4 = arith.constant 4 : i32
    %sum = arith.addi %a, %b : i32
    %ok0 = arith.cmpi eq, %sum, %c4 : i32
    cf.assert %ok0, "7 + -3 == 4"

    %cm2 = arith.constant -2 : i32
    %q = arith.divsi %a, %b : i32
    %ok1 = arith.cmpi eq, %q, %cm2 : i32
    cf.assert %ok1, "7 / -3 == -2 (truncating)"

    %c1 = arith.constant 1 : i32
    %r = arith.remsi %a, %b : i32
    %ok2 = arith.cmpi eq, %r, %c1 : i32
    cf.assert %ok2, "7 % -3 == 1"

    %cm3 = arith.constant -3 : i32
    %fd = arith.floordivsi %a, %b : i32
    %ok3 = arith.cmpi eq, %fd, %cm3 : i32
    cf.assert %ok3, "floordiv(7, -3) == -3"

    %cd = arith.ceildivsi %a, %b : i32
    %ok4 = arith.cmpi eq, %cd, %cm2 : i32
    cf.assert %ok4, "ceildiv(7, -3) == -2"

    // -3 as unsigned is 4294967293; / 7 = 613566756.
    %cu = arith.constant 613566756 : i32
    %u = arith.divui %b, %a : i32
    %ok5 = arith.cmpi eq, %u, %cu : i32
    cf.assert %ok5, "divui(-3, 7) == 613566756"

    %sh = arith.shrsi %b, %c1 : i32
    %ok6 = arith.cmpi eq, %sh, %cm2 : i32
    cf.assert %ok6, "-3 >>s 1 == -2"

    %c2147483646 = arith.constant 2147483646 : i32
    %shu = arith.shrui %b, %c1 : i32
    %ok7 = arith.cmpi eq, %shu, %c2147483646 : i32
    cf.assert %ok7, "-3 >>u 1 == 2147483646"

    %lt_s = arith.cmpi slt, %b, %a : i32
    cf.assert %lt_s, "-3 <s 7"
    %lt_u = arith.cmpi ult, %a, %b : i32
    cf.assert %lt_u, "7 <u -3"

    %c5 = arith.constant 5 : i32
    %x = arith.xori %a, %c1 : i32
    %and = arith.andi %x, %b : i32
    %or = arith.ori %and, %c1 : i32
    %ok8 = arith.cmpi eq, %or, %c5 : i32
    cf.assert %ok8, "((7 ^ 1) & -3) | 1 == 5"

    // Multiplication wraps.
    %big = arith.constant 1073741824 : i32
    %m = arith.muli %big, %c4 : i32
    %c0 = arith.constant 0 : i32
    %ok9 = arith.cmpi eq, %m, %c0 : i32
    cf.assert %ok9, "2^30 * 4 wraps to 0"
    return
  }

  // i8 values wrap at 8 bits and sign-extend as signed.
  func.func @test_narrow_ints(%a32: i32, %b32: i32) {
    %a = arith.trunci %a32 : i32 to i8
    %b = arith.trunci %b32 : i32 to i8
    %s = arith.addi %a, %b : i8
    %s32 = arith.extui %s : i8 to i32
    %c44 = arith.constant 44 : i32
    %ok0 = arith.cmpi eq, %s32, %c44 : i32
    cf.assert %ok0, "200 + 100 wraps to 44 in i8"

    %as = arith.extsi %a : i8 to i32
    %cm56 = arith.constant -56 : i32
    %ok1 = arith.cmpi eq, %as, %cm56 : i32
    cf.assert %ok1, "i8 200 sign-extends to -56"

    %lt = arith.cmpi slt, %a, %b : i8
    cf.assert %lt, "i8 -56 <s 100"
    %gt = arith.cmpi ugt, %a, %b : i8
    cf.assert %gt, "i8 200 >u 100"

    %q = arith.divsi %a, %b : i8
    %q32 = arith.extsi %q : i8 to i32
    %c0 = arith.constant 0 : i32
    %ok2 = arith.cmpi eq, %q32, %c0 : i32
    cf.assert %ok2, "i8 -56 / 100 == 0"

    %flag = arith.cmpi ne, %s, %a : i8
    %f32 = arith.extui %flag : i1 to i32
    %c1 = arith.constant 1 : i32
    %ok3 = arith.cmpi eq, %f32, %c1 : i32
    cf.assert %ok3, "i1 extends to 1"
    return
  }

  func.func @test_i64_and_index(%a: i64, %b: i64) {
    %prod = arith.muli %a, %b : i64
    %e = arith.constant 15000000000 : i64
    %ok0 = arith.cmpi eq, %prod, %e : i64
    cf.assert %ok0, "5e9 * 3 == 1.5e10"

    %ia = arith.index_cast %a : i64 to index
    %ib = arith.index_cast %b : i64 to index
    %ir = arith.remui %ia, %ib : index
    %c2 = arith.constant 2 : index
    %ok1 = arith.cmpi eq, %ir, %c2 : index
    cf.assert %ok1, "5e9 mod 3 == 2 as index"

    %t = arith.trunci %a : i64 to i32
    %ct = arith.constant 705032704 : i32
    %ok2 = arith.cmpi eq, %t, %ct : i32
    cf.assert %ok2, "5e9 truncates to 705032704"
    return
  }

  func.func @test_floats(%x: f32, %y: f64) {
    %r = math.sqrt %x : f32
    %c15 = arith.constant 1.5 : f32
    %ok0 = arith.cmpf oeq, %r, %c15 : f32
    cf.assert %ok0, "sqrt(2.25) == 1.5"

    %p = arith.mulf %r, %r : f32
    %ok1 = arith.cmpf oeq, %p, %x : f32
    cf.assert %ok1, "1.5 * 1.5 == 2.25"

    %a = math.absf %y : f64
    %c275 = arith.constant 2.75 : f64
    %ok2 = arith.cmpf oeq, %a, %c275 : f64
    cf.assert %ok2, "|-2.75| == 2.75"

    %fl = math.floor %y : f64
    %cm3 = arith.constant -3.0 : f64
    %ok3 = arith.cmpf oeq, %fl, %cm3 : f64
    cf.assert %ok3, "floor(-2.75) == -3"

    // remf is C fmod: the sign of the dividend.
    %c1 = arith.constant 1.0 : f64
    %rem = arith.remf %y, %c1 : f64
    %cm075 = arith.constant -0.75 : f64
    %ok4 = arith.cmpf oeq, %rem, %cm075 : f64
    cf.assert %ok4, "fmod(-2.75, 1) == -0.75"

    %zero = arith.constant 0.0 : f64
    %nan = arith.divf %zero, %zero : f64
    %uno = arith.cmpf uno, %nan, %nan : f64
    cf.assert %uno, "0/0 is NaN"
    %ord = arith.cmpf oeq, %nan, %nan : f64
    %false = arith.constant false
    %ok5 = arith.cmpi eq, %ord, %false : i1
    cf.assert %ok5, "NaN == NaN is false"

    %neg = arith.negf %y : f64
    %ok6 = arith.cmpf ogt, %neg, %zero : f64
    cf.assert %ok6, "-(-2.75) > 0"
    return
  }

  func.func @test_casts(%f: f32, %m1: i32) {
    // fptosi truncates toward zero.
    %i = arith.fptosi %f : f32 to i32
    %cm2 = arith.constant -2 : i32
    %ok0 = arith.cmpi eq, %i, %cm2 : i32
    cf.assert %ok0, "fptosi(-2.75) == -2"

    %u = arith.uitofp %m1 : i32 to f64
    %cu = arith.constant 4294967295.0 : f64
    %ok1 = arith.cmpf oeq, %u, %cu : f64
    cf.assert %ok1, "uitofp(-1 as u32) == 4294967295"

    %s = arith.sitofp %m1 : i32 to f32
    %cm1 = arith.constant -1.0 : f32
    %ok2 = arith.cmpf oeq, %s, %cm1 : f32
    cf.assert %ok2, "sitofp(-1) == -1"

    %w = arith.extf %f : f32 to f64
    %cw = arith.constant -2.75 : f64
    %ok3 = arith.cmpf oeq, %w, %cw : f64
    cf.assert %ok3, "extf keeps -2.75"

    %bits = arith.bitcast %f : f32 to i32
    %back = arith.bitcast %bits : i32 to f32
    %ok4 = arith.cmpf oeq, %back, %f : f32
    cf.assert %ok4, "bitcast round-trips"
    %neg = arith.cmpi slt, %bits, %cm2 : i32
    cf.assert %neg, "a negative float's bits have the sign bit set"
    return
  }

  func.func @test_select_and_minmax(%a: i32, %b: i32) {
    %lt = arith.cmpi slt, %a, %b : i32
    %s = arith.select %lt, %a, %b : i32
    %mn = arith.minsi %a, %b : i32
    %ok0 = arith.cmpi eq, %s, %mn : i32
    cf.assert %ok0, "select(a < b, a, b) == minsi(a, b)"

    %mxu = arith.maxui %a, %b : i32
    %ok1 = arith.cmpi eq, %mxu, %a : i32
    cf.assert %ok1, "maxui(-5, 9) is -5 (unsigned 4294967291)"
    return
  }
}
