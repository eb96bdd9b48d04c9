// Integer truncation/extension, int<->float casts (round half away from
// zero, saturating, NaN -> 0 per ops.h) and bitcasts.
vm.module @conversions {
  vm.func @test_int_trunc_ext() {
    %k1 = vm.const.i32 511
    %v2 = vm.optimization_barrier %k1 : i32
    %t3 = vm.trunc.i32.i8 %v2 : i32 -> i32
    %k4 = vm.const.i32 255
    vm.check.eq %t3, %k4, "trunc.i32.i8(511) == 255" : i32
    %k5 = vm.const.i32 -1
    %v6 = vm.optimization_barrier %k5 : i32
    %t7 = vm.trunc.i32.i16 %v6 : i32 -> i32
    %k8 = vm.const.i32 65535
    vm.check.eq %t7, %k8, "trunc.i32.i16(-1) == 65535" : i32
    %k9 = vm.const.i32 4660
    %v10 = vm.optimization_barrier %k9 : i32
    %t11 = vm.trunc.i16.i8 %v10 : i32 -> i32
    %k12 = vm.const.i32 52
    vm.check.eq %t11, %k12, "trunc.i16.i8(4660) == 52" : i32
    %k13 = vm.const.i64 -2
    %v14 = vm.optimization_barrier %k13 : i64
    %t15 = vm.trunc.i64.i8 %v14 : i64 -> i32
    %k16 = vm.const.i32 254
    vm.check.eq %t15, %k16, "trunc.i64.i8(-2) == 254" : i32
    %k17 = vm.const.i64 65537
    %v18 = vm.optimization_barrier %k17 : i64
    %t19 = vm.trunc.i64.i16 %v18 : i64 -> i32
    %k20 = vm.const.i32 1
    vm.check.eq %t19, %k20, "trunc.i64.i16(65537) == 1" : i32
    %k21 = vm.const.i64 4294967301
    %v22 = vm.optimization_barrier %k21 : i64
    %t23 = vm.trunc.i64.i32 %v22 : i64 -> i32
    %k24 = vm.const.i32 5
    vm.check.eq %t23, %k24, "trunc.i64.i32(4294967301) == 5" : i32
    %k25 = vm.const.i32 255
    %v26 = vm.optimization_barrier %k25 : i32
    %t27 = vm.ext.i8.i32.s %v26 : i32 -> i32
    %k28 = vm.const.i32 -1
    vm.check.eq %t27, %k28, "ext.i8.i32.s(255) == -1" : i32
    %k29 = vm.const.i32 -1
    %v30 = vm.optimization_barrier %k29 : i32
    %t31 = vm.ext.i8.i32.u %v30 : i32 -> i32
    %k32 = vm.const.i32 255
    vm.check.eq %t31, %k32, "ext.i8.i32.u(-1) == 255" : i32
    %k33 = vm.const.i32 32768
    %v34 = vm.optimization_barrier %k33 : i32
    %t35 = vm.ext.i16.i32.s %v34 : i32 -> i32
    %k36 = vm.const.i32 -32768
    vm.check.eq %t35, %k36, "ext.i16.i32.s(32768) == -32768" : i32
    %k37 = vm.const.i32 -1
    %v38 = vm.optimization_barrier %k37 : i32
    %t39 = vm.ext.i16.i32.u %v38 : i32 -> i32
    %k40 = vm.const.i32 65535
    vm.check.eq %t39, %k40, "ext.i16.i32.u(-1) == 65535" : i32
    %k41 = vm.const.i32 128
    %v42 = vm.optimization_barrier %k41 : i32
    %t43 = vm.ext.i8.i64.s %v42 : i32 -> i64
    %k44 = vm.const.i64 -128
    vm.check.eq %t43, %k44, "ext.i8.i64.s(128) == -128" : i64
    %k45 = vm.const.i32 -128
    %v46 = vm.optimization_barrier %k45 : i32
    %t47 = vm.ext.i8.i64.u %v46 : i32 -> i64
    %k48 = vm.const.i64 128
    vm.check.eq %t47, %k48, "ext.i8.i64.u(-128) == 128" : i64
    %k49 = vm.const.i32 65535
    %v50 = vm.optimization_barrier %k49 : i32
    %t51 = vm.ext.i16.i64.s %v50 : i32 -> i64
    %k52 = vm.const.i64 -1
    vm.check.eq %t51, %k52, "ext.i16.i64.s(65535) == -1" : i64
    %k53 = vm.const.i32 -1
    %v54 = vm.optimization_barrier %k53 : i32
    %t55 = vm.ext.i16.i64.u %v54 : i32 -> i64
    %k56 = vm.const.i64 65535
    vm.check.eq %t55, %k56, "ext.i16.i64.u(-1) == 65535" : i64
    %k57 = vm.const.i32 -1
    %v58 = vm.optimization_barrier %k57 : i32
    %t59 = vm.ext.i32.i64.s %v58 : i32 -> i64
    %k60 = vm.const.i64 -1
    vm.check.eq %t59, %k60, "ext.i32.i64.s(-1) == -1" : i64
    %k61 = vm.const.i32 -1
    %v62 = vm.optimization_barrier %k61 : i32
    %t63 = vm.ext.i32.i64.u %v62 : i32 -> i64
    %k64 = vm.const.i64 4294967295
    vm.check.eq %t63, %k64, "ext.i32.i64.u(-1) == 4294967295" : i64
    vm.return
  }
  vm.export @test_int_trunc_ext

  vm.func @test_int_to_float() {
    %k1 = vm.const.i32 -3
    %v2 = vm.optimization_barrier %k1 : i32
    %t3 = vm.cast.si32.f32 %v2 : i32 -> f32
    %k4 = vm.const.f32 -3.0
    vm.check.eq %t3, %k4, "cast.si32.f32(-3) == -3.0" : f32
    %k5 = vm.const.i32 -1
    %v6 = vm.optimization_barrier %k5 : i32
    %t7 = vm.cast.ui32.f32 %v6 : i32 -> f32
    %k8 = vm.const.f32 4294967296.0
    vm.check.eq %t7, %k8, "cast.ui32.f32(-1) == 4294967296.0" : f32
    %k9 = vm.const.i64 -1099511627776
    %v10 = vm.optimization_barrier %k9 : i64
    %t11 = vm.cast.si64.f32 %v10 : i64 -> f32
    %k12 = vm.const.f32 -1099511627776.0
    vm.check.eq %t11, %k12, "cast.si64.f32(-1099511627776) == -1099511627776.0" : f32
    %k13 = vm.const.i64 -1
    %v14 = vm.optimization_barrier %k13 : i64
    %t15 = vm.cast.ui64.f32 %v14 : i64 -> f32
    %k16 = vm.const.f32 18446744073709551616.0
    vm.check.eq %t15, %k16, "cast.ui64.f32(-1) == 18446744073709551616.0" : f32
    %k17 = vm.const.i64 -9007199254740993
    %v18 = vm.optimization_barrier %k17 : i64
    %t19 = vm.cast.si64.f64 %v18 : i64 -> f64
    %k20 = vm.const.f64 -9007199254740992.0
    vm.check.eq %t19, %k20, "cast.si64.f64(-9007199254740993) == -9007199254740992.0" : f64
    %k21 = vm.const.i64 -1
    %v22 = vm.optimization_barrier %k21 : i64
    %t23 = vm.cast.ui64.f64 %v22 : i64 -> f64
    %k24 = vm.const.f64 18446744073709551616.0
    vm.check.eq %t23, %k24, "cast.ui64.f64(-1) == 18446744073709551616.0" : f64
    vm.return
  }
  vm.export @test_int_to_float

  vm.func @test_float_to_int() {
    %k1 = vm.const.f32 2.5
    %v2 = vm.optimization_barrier %k1 : f32
    %t3 = vm.cast.f32.si32 %v2 : f32 -> i32
    %k4 = vm.const.i32 3
    vm.check.eq %t3, %k4, "cast.f32.si32(2.5) == 3" : i32
    %k5 = vm.const.f32 -2.5
    %v6 = vm.optimization_barrier %k5 : f32
    %t7 = vm.cast.f32.si32 %v6 : f32 -> i32
    %k8 = vm.const.i32 -3
    vm.check.eq %t7, %k8, "cast.f32.si32(-2.5) == -3" : i32
    %k9 = vm.const.f32 2.4
    %v10 = vm.optimization_barrier %k9 : f32
    %t11 = vm.cast.f32.si32 %v10 : f32 -> i32
    %k12 = vm.const.i32 2
    vm.check.eq %t11, %k12, "cast.f32.si32(2.4) == 2" : i32
    %k13 = vm.const.f32 1.0e10
    %v14 = vm.optimization_barrier %k13 : f32
    %t15 = vm.cast.f32.si32 %v14 : f32 -> i32
    %k16 = vm.const.i32 2147483647
    vm.check.eq %t15, %k16, "cast.f32.si32(1.0e10) == 2147483647" : i32
    %k17 = vm.const.f32 -1.0e10
    %v18 = vm.optimization_barrier %k17 : f32
    %t19 = vm.cast.f32.si32 %v18 : f32 -> i32
    %k20 = vm.const.i32 -2147483648
    vm.check.eq %t19, %k20, "cast.f32.si32(-1.0e10) == -2147483648" : i32
    %k21 = vm.const.f32 0x7FC00000
    %v22 = vm.optimization_barrier %k21 : f32
    %t23 = vm.cast.f32.si32 %v22 : f32 -> i32
    %k24 = vm.const.i32 0
    vm.check.eq %t23, %k24, "cast.f32.si32(0x7FC00000) == 0" : i32
    %k25 = vm.const.f32 -5.0
    %v26 = vm.optimization_barrier %k25 : f32
    %t27 = vm.cast.f32.ui32 %v26 : f32 -> i32
    %k28 = vm.const.i32 0
    vm.check.eq %t27, %k28, "cast.f32.ui32(-5.0) == 0" : i32
    %k29 = vm.const.f32 3000000000.0
    %v30 = vm.optimization_barrier %k29 : f32
    %t31 = vm.cast.f32.ui32 %v30 : f32 -> i32
    %k32 = vm.const.i32 -1294967296
    vm.check.eq %t31, %k32, "cast.f32.ui32(3000000000.0) == -1294967296" : i32
    %k33 = vm.const.f32 -0.5
    %v34 = vm.optimization_barrier %k33 : f32
    %t35 = vm.cast.f32.si64 %v34 : f32 -> i64
    %k36 = vm.const.i64 -1
    vm.check.eq %t35, %k36, "cast.f32.si64(-0.5) == -1" : i64
    %k37 = vm.const.f32 1.5
    %v38 = vm.optimization_barrier %k37 : f32
    %t39 = vm.cast.f32.ui64 %v38 : f32 -> i64
    %k40 = vm.const.i64 2
    vm.check.eq %t39, %k40, "cast.f32.ui64(1.5) == 2" : i64
    %k41 = vm.const.f64 -1.5
    %v42 = vm.optimization_barrier %k41 : f64
    %t43 = vm.cast.f64.si64 %v42 : f64 -> i64
    %k44 = vm.const.i64 -2
    vm.check.eq %t43, %k44, "cast.f64.si64(-1.5) == -2" : i64
    %k45 = vm.const.f64 1.0e300
    %v46 = vm.optimization_barrier %k45 : f64
    %t47 = vm.cast.f64.si64 %v46 : f64 -> i64
    %k48 = vm.const.i64 9223372036854775807
    vm.check.eq %t47, %k48, "cast.f64.si64(1.0e300) == 9223372036854775807" : i64
    %k49 = vm.const.f64 -1.0
    %v50 = vm.optimization_barrier %k49 : f64
    %t51 = vm.cast.f64.ui64 %v50 : f64 -> i64
    %k52 = vm.const.i64 0
    vm.check.eq %t51, %k52, "cast.f64.ui64(-1.0) == 0" : i64
    %k53 = vm.const.f64 0x7FF8000000000000
    %v54 = vm.optimization_barrier %k53 : f64
    %t55 = vm.cast.f64.ui64 %v54 : f64 -> i64
    %k56 = vm.const.i64 0
    vm.check.eq %t55, %k56, "cast.f64.ui64(0x7FF8000000000000) == 0" : i64
    vm.return
  }
  vm.export @test_float_to_int

  vm.func @test_float_width_and_bitcast() {
    %k1 = vm.const.f32 0.1
    %v2 = vm.optimization_barrier %k1 : f32
    %t3 = vm.ext.f32.f64 %v2 : f32 -> f64
    %k4 = vm.const.f64 0.10000000149011612
    vm.check.eq %t3, %k4, "ext.f32.f64(0.1) == 0.10000000149011612" : f64
    %k5 = vm.const.f64 0.1
    %v6 = vm.optimization_barrier %k5 : f64
    %t7 = vm.trunc.f64.f32 %v6 : f64 -> f32
    %k8 = vm.const.f32 0.1
    vm.check.eq %t7, %k8, "trunc.f64.f32(0.1) == 0.1" : f32
    %k9 = vm.const.f32 1.0
    %v10 = vm.optimization_barrier %k9 : f32
    %t11 = vm.bitcast.f32.i32 %v10 : f32 -> i32
    %k12 = vm.const.i32 1065353216
    vm.check.eq %t11, %k12, "bitcast.f32.i32(1.0) == 1065353216" : i32
    %k13 = vm.const.i32 -1082130432
    %v14 = vm.optimization_barrier %k13 : i32
    %t15 = vm.bitcast.i32.f32 %v14 : i32 -> f32
    %k16 = vm.const.f32 -1.0
    vm.check.eq %t15, %k16, "bitcast.i32.f32(-1082130432) == -1.0" : f32
    %k17 = vm.const.f64 1.0
    %v18 = vm.optimization_barrier %k17 : f64
    %t19 = vm.bitcast.f64.i64 %v18 : f64 -> i64
    %k20 = vm.const.i64 4607182418800017408
    vm.check.eq %t19, %k20, "bitcast.f64.i64(1.0) == 4607182418800017408" : i64
    %k21 = vm.const.i64 -4616189618054758400
    %v22 = vm.optimization_barrier %k21 : i64
    %t23 = vm.bitcast.i64.f64 %v22 : i64 -> f64
    %k24 = vm.const.f64 -1.0
    vm.check.eq %t23, %k24, "bitcast.i64.f64(-4616189618054758400) == -1.0" : f64
    vm.return
  }
  vm.export @test_float_width_and_bitcast

}
