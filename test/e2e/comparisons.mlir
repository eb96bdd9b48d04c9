// Comparisons: integer signed/unsigned, float ordered/unordered with NaN,
// near-equality, and the pseudo-ops (gt, gte) the compiler expands.
vm.module @comparisons {
  vm.func @test_cmp_i32() {
    %k1 = vm.const.i32 5
    %v2 = vm.optimization_barrier %k1 : i32
    %k3 = vm.const.i32 5
    %v4 = vm.optimization_barrier %k3 : i32
    %t5 = vm.cmp.eq.i32 %v2, %v4 : i32
    %k6 = vm.const.i32 1
    vm.check.eq %t5, %k6, "eq.i32(5, 5) == 1" : i32
    %k7 = vm.const.i32 5
    %v8 = vm.optimization_barrier %k7 : i32
    %k9 = vm.const.i32 5
    %v10 = vm.optimization_barrier %k9 : i32
    %t11 = vm.cmp.ne.i32 %v8, %v10 : i32
    %k12 = vm.const.i32 0
    vm.check.eq %t11, %k12, "ne.i32(5, 5) == 0" : i32
    %k13 = vm.const.i32 -1
    %v14 = vm.optimization_barrier %k13 : i32
    %k15 = vm.const.i32 1
    %v16 = vm.optimization_barrier %k15 : i32
    %t17 = vm.cmp.lt.i32.s %v14, %v16 : i32
    %k18 = vm.const.i32 1
    vm.check.eq %t17, %k18, "lt.i32.s(-1, 1) == 1" : i32
    %k19 = vm.const.i32 -1
    %v20 = vm.optimization_barrier %k19 : i32
    %k21 = vm.const.i32 1
    %v22 = vm.optimization_barrier %k21 : i32
    %t23 = vm.cmp.lt.i32.u %v20, %v22 : i32
    %k24 = vm.const.i32 0
    vm.check.eq %t23, %k24, "lt.i32.u(-1, 1) == 0" : i32
    %k25 = vm.const.i32 3
    %v26 = vm.optimization_barrier %k25 : i32
    %k27 = vm.const.i32 3
    %v28 = vm.optimization_barrier %k27 : i32
    %t29 = vm.cmp.lte.i32.s %v26, %v28 : i32
    %k30 = vm.const.i32 1
    vm.check.eq %t29, %k30, "lte.i32.s(3, 3) == 1" : i32
    %k31 = vm.const.i32 4
    %v32 = vm.optimization_barrier %k31 : i32
    %k33 = vm.const.i32 3
    %v34 = vm.optimization_barrier %k33 : i32
    %t35 = vm.cmp.lte.i32.u %v32, %v34 : i32
    %k36 = vm.const.i32 0
    vm.check.eq %t35, %k36, "lte.i32.u(4, 3) == 0" : i32
    %k37 = vm.const.i32 1
    %v38 = vm.optimization_barrier %k37 : i32
    %k39 = vm.const.i32 -1
    %v40 = vm.optimization_barrier %k39 : i32
    %t41 = vm.cmp.gt.i32.s %v38, %v40 : i32
    %k42 = vm.const.i32 1
    vm.check.eq %t41, %k42, "gt.i32.s(1, -1) == 1" : i32
    %k43 = vm.const.i32 1
    %v44 = vm.optimization_barrier %k43 : i32
    %k45 = vm.const.i32 -1
    %v46 = vm.optimization_barrier %k45 : i32
    %t47 = vm.cmp.gt.i32.u %v44, %v46 : i32
    %k48 = vm.const.i32 0
    vm.check.eq %t47, %k48, "gt.i32.u(1, -1) == 0" : i32
    %k49 = vm.const.i32 -2
    %v50 = vm.optimization_barrier %k49 : i32
    %k51 = vm.const.i32 -2
    %v52 = vm.optimization_barrier %k51 : i32
    %t53 = vm.cmp.gte.i32.s %v50, %v52 : i32
    %k54 = vm.const.i32 1
    vm.check.eq %t53, %k54, "gte.i32.s(-2, -2) == 1" : i32
    %k55 = vm.const.i32 0
    %v56 = vm.optimization_barrier %k55 : i32
    %k57 = vm.const.i32 -1
    %v58 = vm.optimization_barrier %k57 : i32
    %t59 = vm.cmp.gte.i32.u %v56, %v58 : i32
    %k60 = vm.const.i32 0
    vm.check.eq %t59, %k60, "gte.i32.u(0, -1) == 0" : i32
    %k61 = vm.const.i32 0
    %v62 = vm.optimization_barrier %k61 : i32
    %t63 = vm.cmp.nz.i32 %v62 : i32
    %k64 = vm.const.i32 0
    vm.check.eq %t63, %k64, "nz.i32(0) == 0" : i32
    %k65 = vm.const.i32 -7
    %v66 = vm.optimization_barrier %k65 : i32
    %t67 = vm.cmp.nz.i32 %v66 : i32
    %k68 = vm.const.i32 1
    vm.check.eq %t67, %k68, "nz.i32(-7) == 1" : i32
    vm.return
  }
  vm.export @test_cmp_i32

  vm.func @test_cmp_i64() {
    %k1 = vm.const.i64 4294967296
    %v2 = vm.optimization_barrier %k1 : i64
    %k3 = vm.const.i64 0
    %v4 = vm.optimization_barrier %k3 : i64
    %t5 = vm.cmp.eq.i64 %v2, %v4 : i64
    %k6 = vm.const.i32 0
    vm.check.eq %t5, %k6, "eq.i64(4294967296, 0) == 0" : i32
    %k7 = vm.const.i64 4294967296
    %v8 = vm.optimization_barrier %k7 : i64
    %k9 = vm.const.i64 0
    %v10 = vm.optimization_barrier %k9 : i64
    %t11 = vm.cmp.ne.i64 %v8, %v10 : i64
    %k12 = vm.const.i32 1
    vm.check.eq %t11, %k12, "ne.i64(4294967296, 0) == 1" : i32
    %k13 = vm.const.i64 -1
    %v14 = vm.optimization_barrier %k13 : i64
    %k15 = vm.const.i64 1
    %v16 = vm.optimization_barrier %k15 : i64
    %t17 = vm.cmp.lt.i64.s %v14, %v16 : i64
    %k18 = vm.const.i32 1
    vm.check.eq %t17, %k18, "lt.i64.s(-1, 1) == 1" : i32
    %k19 = vm.const.i64 -1
    %v20 = vm.optimization_barrier %k19 : i64
    %k21 = vm.const.i64 1
    %v22 = vm.optimization_barrier %k21 : i64
    %t23 = vm.cmp.lt.i64.u %v20, %v22 : i64
    %k24 = vm.const.i32 0
    vm.check.eq %t23, %k24, "lt.i64.u(-1, 1) == 0" : i32
    %k25 = vm.const.i64 -9223372036854775808
    %v26 = vm.optimization_barrier %k25 : i64
    %k27 = vm.const.i64 9223372036854775807
    %v28 = vm.optimization_barrier %k27 : i64
    %t29 = vm.cmp.lte.i64.s %v26, %v28 : i64
    %k30 = vm.const.i32 1
    vm.check.eq %t29, %k30, "lte.i64.s(-9223372036854775808, 9223372036854775807) == 1" : i32
    %k31 = vm.const.i64 -9223372036854775808
    %v32 = vm.optimization_barrier %k31 : i64
    %k33 = vm.const.i64 9223372036854775807
    %v34 = vm.optimization_barrier %k33 : i64
    %t35 = vm.cmp.lte.i64.u %v32, %v34 : i64
    %k36 = vm.const.i32 0
    vm.check.eq %t35, %k36, "lte.i64.u(-9223372036854775808, 9223372036854775807) == 0" : i32
    %k37 = vm.const.i64 4294967296
    %v38 = vm.optimization_barrier %k37 : i64
    %t39 = vm.cmp.nz.i64 %v38 : i64
    %k40 = vm.const.i32 1
    vm.check.eq %t39, %k40, "nz.i64(4294967296) == 1" : i32
    vm.return
  }
  vm.export @test_cmp_i64

  vm.func @test_cmp_f32_nan() {
    %k1 = vm.const.f32 1.0
    %v2 = vm.optimization_barrier %k1 : f32
    %k3 = vm.const.f32 1.0
    %v4 = vm.optimization_barrier %k3 : f32
    %t5 = vm.cmp.eq.f32.o %v2, %v4 : f32
    %k6 = vm.const.i32 1
    vm.check.eq %t5, %k6, "eq.f32.o(1.0, 1.0) == 1" : i32
    %k7 = vm.const.f32 0x7FC00000
    %v8 = vm.optimization_barrier %k7 : f32
    %k9 = vm.const.f32 0x7FC00000
    %v10 = vm.optimization_barrier %k9 : f32
    %t11 = vm.cmp.eq.f32.o %v8, %v10 : f32
    %k12 = vm.const.i32 0
    vm.check.eq %t11, %k12, "eq.f32.o(0x7FC00000, 0x7FC00000) == 0" : i32
    %k13 = vm.const.f32 0x7FC00000
    %v14 = vm.optimization_barrier %k13 : f32
    %k15 = vm.const.f32 1.0
    %v16 = vm.optimization_barrier %k15 : f32
    %t17 = vm.cmp.eq.f32.u %v14, %v16 : f32
    %k18 = vm.const.i32 1
    vm.check.eq %t17, %k18, "eq.f32.u(0x7FC00000, 1.0) == 1" : i32
    %k19 = vm.const.f32 0x7FC00000
    %v20 = vm.optimization_barrier %k19 : f32
    %k21 = vm.const.f32 1.0
    %v22 = vm.optimization_barrier %k21 : f32
    %t23 = vm.cmp.ne.f32.o %v20, %v22 : f32
    %k24 = vm.const.i32 0
    vm.check.eq %t23, %k24, "ne.f32.o(0x7FC00000, 1.0) == 0" : i32
    %k25 = vm.const.f32 0x7FC00000
    %v26 = vm.optimization_barrier %k25 : f32
    %k27 = vm.const.f32 1.0
    %v28 = vm.optimization_barrier %k27 : f32
    %t29 = vm.cmp.ne.f32.u %v26, %v28 : f32
    %k30 = vm.const.i32 1
    vm.check.eq %t29, %k30, "ne.f32.u(0x7FC00000, 1.0) == 1" : i32
    %k31 = vm.const.f32 1.0
    %v32 = vm.optimization_barrier %k31 : f32
    %k33 = vm.const.f32 2.0
    %v34 = vm.optimization_barrier %k33 : f32
    %t35 = vm.cmp.ne.f32.o %v32, %v34 : f32
    %k36 = vm.const.i32 1
    vm.check.eq %t35, %k36, "ne.f32.o(1.0, 2.0) == 1" : i32
    %k37 = vm.const.f32 1.0
    %v38 = vm.optimization_barrier %k37 : f32
    %k39 = vm.const.f32 2.0
    %v40 = vm.optimization_barrier %k39 : f32
    %t41 = vm.cmp.lt.f32.o %v38, %v40 : f32
    %k42 = vm.const.i32 1
    vm.check.eq %t41, %k42, "lt.f32.o(1.0, 2.0) == 1" : i32
    %k43 = vm.const.f32 0x7FC00000
    %v44 = vm.optimization_barrier %k43 : f32
    %k45 = vm.const.f32 2.0
    %v46 = vm.optimization_barrier %k45 : f32
    %t47 = vm.cmp.lt.f32.o %v44, %v46 : f32
    %k48 = vm.const.i32 0
    vm.check.eq %t47, %k48, "lt.f32.o(0x7FC00000, 2.0) == 0" : i32
    %k49 = vm.const.f32 0x7FC00000
    %v50 = vm.optimization_barrier %k49 : f32
    %k51 = vm.const.f32 2.0
    %v52 = vm.optimization_barrier %k51 : f32
    %t53 = vm.cmp.lt.f32.u %v50, %v52 : f32
    %k54 = vm.const.i32 1
    vm.check.eq %t53, %k54, "lt.f32.u(0x7FC00000, 2.0) == 1" : i32
    %k55 = vm.const.f32 2.0
    %v56 = vm.optimization_barrier %k55 : f32
    %k57 = vm.const.f32 2.0
    %v58 = vm.optimization_barrier %k57 : f32
    %t59 = vm.cmp.lte.f32.o %v56, %v58 : f32
    %k60 = vm.const.i32 1
    vm.check.eq %t59, %k60, "lte.f32.o(2.0, 2.0) == 1" : i32
    %k61 = vm.const.f32 2.0
    %v62 = vm.optimization_barrier %k61 : f32
    %k63 = vm.const.f32 0x7FC00000
    %v64 = vm.optimization_barrier %k63 : f32
    %t65 = vm.cmp.lte.f32.o %v62, %v64 : f32
    %k66 = vm.const.i32 0
    vm.check.eq %t65, %k66, "lte.f32.o(2.0, 0x7FC00000) == 0" : i32
    %k67 = vm.const.f32 2.0
    %v68 = vm.optimization_barrier %k67 : f32
    %k69 = vm.const.f32 0x7FC00000
    %v70 = vm.optimization_barrier %k69 : f32
    %t71 = vm.cmp.lte.f32.u %v68, %v70 : f32
    %k72 = vm.const.i32 1
    vm.check.eq %t71, %k72, "lte.f32.u(2.0, 0x7FC00000) == 1" : i32
    %k73 = vm.const.f32 0.0
    %v74 = vm.optimization_barrier %k73 : f32
    %k75 = vm.const.f32 -0.0
    %v76 = vm.optimization_barrier %k75 : f32
    %t77 = vm.cmp.eq.f32.o %v74, %v76 : f32
    %k78 = vm.const.i32 1
    vm.check.eq %t77, %k78, "eq.f32.o(0.0, -0.0) == 1" : i32
    %k79 = vm.const.f32 0x7FC00000
    %v80 = vm.optimization_barrier %k79 : f32
    %t81 = vm.cmp.nan.f32 %v80 : f32
    %k82 = vm.const.i32 1
    vm.check.eq %t81, %k82, "nan.f32(0x7FC00000) == 1" : i32
    %k83 = vm.const.f32 1.0
    %v84 = vm.optimization_barrier %k83 : f32
    %t85 = vm.cmp.nan.f32 %v84 : f32
    %k86 = vm.const.i32 0
    vm.check.eq %t85, %k86, "nan.f32(1.0) == 0" : i32
    %k87 = vm.const.f32 0x7FC00000
    %v88 = vm.optimization_barrier %k87 : f32
    %t89 = vm.cmp.nz.f32.o %v88 : f32
    %k90 = vm.const.i32 0
    vm.check.eq %t89, %k90, "nz.f32.o(0x7FC00000) == 0" : i32
    %k91 = vm.const.f32 0x7FC00000
    %v92 = vm.optimization_barrier %k91 : f32
    %t93 = vm.cmp.nz.f32.u %v92 : f32
    %k94 = vm.const.i32 1
    vm.check.eq %t93, %k94, "nz.f32.u(0x7FC00000) == 1" : i32
    %k95 = vm.const.f32 -0.0
    %v96 = vm.optimization_barrier %k95 : f32
    %t97 = vm.cmp.nz.f32.o %v96 : f32
    %k98 = vm.const.i32 0
    vm.check.eq %t97, %k98, "nz.f32.o(-0.0) == 0" : i32
    %k99 = vm.const.f32 1.0
    %v100 = vm.optimization_barrier %k99 : f32
    %k101 = vm.const.f32 1.0000001
    %v102 = vm.optimization_barrier %k101 : f32
    %t103 = vm.cmp.eq.f32.near %v100, %v102 : f32
    %k104 = vm.const.i32 1
    vm.check.eq %t103, %k104, "eq.f32.near(1.0, 1.0000001) == 1" : i32
    %k105 = vm.const.f32 1.0
    %v106 = vm.optimization_barrier %k105 : f32
    %k107 = vm.const.f32 1.001
    %v108 = vm.optimization_barrier %k107 : f32
    %t109 = vm.cmp.eq.f32.near %v106, %v108 : f32
    %k110 = vm.const.i32 0
    vm.check.eq %t109, %k110, "eq.f32.near(1.0, 1.001) == 0" : i32
    %k111 = vm.const.f32 0.0
    %v112 = vm.optimization_barrier %k111 : f32
    %k113 = vm.const.f32 -0.0
    %v114 = vm.optimization_barrier %k113 : f32
    %t115 = vm.cmp.eq.f32.near %v112, %v114 : f32
    %k116 = vm.const.i32 1
    vm.check.eq %t115, %k116, "eq.f32.near(0.0, -0.0) == 1" : i32
    vm.return
  }
  vm.export @test_cmp_f32_nan

  // eq.near at its edges, as IREE's expansion computes it (docs/semantics.md).
  vm.func @test_cmp_near_edges() {
    %a0 = vm.const.f32 -0.0
    %va0 = vm.optimization_barrier %a0 : f32
    %b0 = vm.const.f32 0x80000001
    %vb0 = vm.optimization_barrier %b0 : f32
    %t0 = vm.cmp.eq.f32.near %va0, %vb0 : f32
    %r0 = vm.const.i32 0
    vm.check.eq %t0, %r0, "eq.f32.near(-0.0, -tiny) == 0: -0.0 is on the non-negative side" : i32
    %a1 = vm.const.f32 0x7FC00000
    %va1 = vm.optimization_barrier %a1 : f32
    %b1 = vm.const.f32 0x7FC00000
    %vb1 = vm.optimization_barrier %b1 : f32
    %t1 = vm.cmp.eq.f32.near %va1, %vb1 : f32
    %r1 = vm.const.i32 1
    vm.check.eq %t1, %r1, "eq.f32.near(NaN, NaN) == 1: equal bits" : i32
    %a2 = vm.const.f32 0x7FC00000
    %va2 = vm.optimization_barrier %a2 : f32
    %b2 = vm.const.f32 0x7FC00001
    %vb2 = vm.optimization_barrier %b2 : f32
    %t2 = vm.cmp.eq.f32.near %va2, %vb2 : f32
    %r2 = vm.const.i32 1
    vm.check.eq %t2, %r2, "eq.f32.near(NaN, NaN + 1 ulp) == 1" : i32
    %a3 = vm.const.f32 0x7FC00000
    %va3 = vm.optimization_barrier %a3 : f32
    %b3 = vm.const.f32 1.0
    %vb3 = vm.optimization_barrier %b3 : f32
    %t3 = vm.cmp.eq.f32.near %va3, %vb3 : f32
    %r3 = vm.const.i32 0
    vm.check.eq %t3, %r3, "eq.f32.near(NaN, 1.0) == 0: NaN is on the negative side" : i32
    %a4 = vm.const.f32 0x7F800000
    %va4 = vm.optimization_barrier %a4 : f32
    %b4 = vm.const.f32 0x7F800001
    %vb4 = vm.optimization_barrier %b4 : f32
    %t4 = vm.cmp.eq.f32.near %va4, %vb4 : f32
    %r4 = vm.const.i32 0
    vm.check.eq %t4, %r4, "eq.f32.near(+inf, sNaN) == 0: different sides" : i32
    %a5 = vm.const.f32 0xFF800000
    %va5 = vm.optimization_barrier %a5 : f32
    %b5 = vm.const.f32 0xFF800001
    %vb5 = vm.optimization_barrier %b5 : f32
    %t5 = vm.cmp.eq.f32.near %va5, %vb5 : f32
    %r5 = vm.const.i32 1
    vm.check.eq %t5, %r5, "eq.f32.near(-inf, -sNaN) == 1: same side, 1 ulp" : i32
    %a6 = vm.const.f32 0xFFC00000
    %va6 = vm.optimization_barrier %a6 : f32
    %b6 = vm.const.f32 -1.0
    %vb6 = vm.optimization_barrier %b6 : f32
    %t6 = vm.cmp.eq.f32.near %va6, %vb6 : f32
    %r6 = vm.const.i32 0
    vm.check.eq %t6, %r6, "eq.f32.near(-NaN, -1.0) == 0: far apart" : i32
    %a7 = vm.const.f64 -0.0
    %va7 = vm.optimization_barrier %a7 : f64
    %b7 = vm.const.f64 0x8000000000000001
    %vb7 = vm.optimization_barrier %b7 : f64
    %t7 = vm.cmp.eq.f64.near %va7, %vb7 : f64
    %r7 = vm.const.i32 0
    vm.check.eq %t7, %r7, "eq.f64.near(-0.0, -tiny) == 0" : i32
    %a8 = vm.const.f64 0x7FF8000000000000
    %va8 = vm.optimization_barrier %a8 : f64
    %b8 = vm.const.f64 0x7FF8000000000000
    %vb8 = vm.optimization_barrier %b8 : f64
    %t8 = vm.cmp.eq.f64.near %va8, %vb8 : f64
    %r8 = vm.const.i32 1
    vm.check.eq %t8, %r8, "eq.f64.near(NaN, NaN) == 1" : i32
    %a9 = vm.const.f64 0x7FF8000000000000
    %va9 = vm.optimization_barrier %a9 : f64
    %b9 = vm.const.f64 1.0
    %vb9 = vm.optimization_barrier %b9 : f64
    %t9 = vm.cmp.eq.f64.near %va9, %vb9 : f64
    %r9 = vm.const.i32 0
    vm.check.eq %t9, %r9, "eq.f64.near(NaN, 1.0) == 0" : i32
    vm.return
  }
  vm.export @test_cmp_near_edges


  vm.func @test_cmp_f64_nan() {
    %k1 = vm.const.f64 1.0
    %v2 = vm.optimization_barrier %k1 : f64
    %k3 = vm.const.f64 1.0
    %v4 = vm.optimization_barrier %k3 : f64
    %t5 = vm.cmp.eq.f64.o %v2, %v4 : f64
    %k6 = vm.const.i32 1
    vm.check.eq %t5, %k6, "eq.f64.o(1.0, 1.0) == 1" : i32
    %k7 = vm.const.f64 0x7FF8000000000000
    %v8 = vm.optimization_barrier %k7 : f64
    %k9 = vm.const.f64 0x7FF8000000000000
    %v10 = vm.optimization_barrier %k9 : f64
    %t11 = vm.cmp.eq.f64.o %v8, %v10 : f64
    %k12 = vm.const.i32 0
    vm.check.eq %t11, %k12, "eq.f64.o(0x7FF8000000000000, 0x7FF8000000000000) == 0" : i32
    %k13 = vm.const.f64 0x7FF8000000000000
    %v14 = vm.optimization_barrier %k13 : f64
    %k15 = vm.const.f64 1.0
    %v16 = vm.optimization_barrier %k15 : f64
    %t17 = vm.cmp.eq.f64.u %v14, %v16 : f64
    %k18 = vm.const.i32 1
    vm.check.eq %t17, %k18, "eq.f64.u(0x7FF8000000000000, 1.0) == 1" : i32
    %k19 = vm.const.f64 0x7FF8000000000000
    %v20 = vm.optimization_barrier %k19 : f64
    %k21 = vm.const.f64 1.0
    %v22 = vm.optimization_barrier %k21 : f64
    %t23 = vm.cmp.ne.f64.o %v20, %v22 : f64
    %k24 = vm.const.i32 0
    vm.check.eq %t23, %k24, "ne.f64.o(0x7FF8000000000000, 1.0) == 0" : i32
    %k25 = vm.const.f64 0x7FF8000000000000
    %v26 = vm.optimization_barrier %k25 : f64
    %k27 = vm.const.f64 1.0
    %v28 = vm.optimization_barrier %k27 : f64
    %t29 = vm.cmp.ne.f64.u %v26, %v28 : f64
    %k30 = vm.const.i32 1
    vm.check.eq %t29, %k30, "ne.f64.u(0x7FF8000000000000, 1.0) == 1" : i32
    %k31 = vm.const.f64 1.0
    %v32 = vm.optimization_barrier %k31 : f64
    %k33 = vm.const.f64 2.0
    %v34 = vm.optimization_barrier %k33 : f64
    %t35 = vm.cmp.ne.f64.o %v32, %v34 : f64
    %k36 = vm.const.i32 1
    vm.check.eq %t35, %k36, "ne.f64.o(1.0, 2.0) == 1" : i32
    %k37 = vm.const.f64 1.0
    %v38 = vm.optimization_barrier %k37 : f64
    %k39 = vm.const.f64 2.0
    %v40 = vm.optimization_barrier %k39 : f64
    %t41 = vm.cmp.lt.f64.o %v38, %v40 : f64
    %k42 = vm.const.i32 1
    vm.check.eq %t41, %k42, "lt.f64.o(1.0, 2.0) == 1" : i32
    %k43 = vm.const.f64 0x7FF8000000000000
    %v44 = vm.optimization_barrier %k43 : f64
    %k45 = vm.const.f64 2.0
    %v46 = vm.optimization_barrier %k45 : f64
    %t47 = vm.cmp.lt.f64.o %v44, %v46 : f64
    %k48 = vm.const.i32 0
    vm.check.eq %t47, %k48, "lt.f64.o(0x7FF8000000000000, 2.0) == 0" : i32
    %k49 = vm.const.f64 0x7FF8000000000000
    %v50 = vm.optimization_barrier %k49 : f64
    %k51 = vm.const.f64 2.0
    %v52 = vm.optimization_barrier %k51 : f64
    %t53 = vm.cmp.lt.f64.u %v50, %v52 : f64
    %k54 = vm.const.i32 1
    vm.check.eq %t53, %k54, "lt.f64.u(0x7FF8000000000000, 2.0) == 1" : i32
    %k55 = vm.const.f64 2.0
    %v56 = vm.optimization_barrier %k55 : f64
    %k57 = vm.const.f64 2.0
    %v58 = vm.optimization_barrier %k57 : f64
    %t59 = vm.cmp.lte.f64.o %v56, %v58 : f64
    %k60 = vm.const.i32 1
    vm.check.eq %t59, %k60, "lte.f64.o(2.0, 2.0) == 1" : i32
    %k61 = vm.const.f64 2.0
    %v62 = vm.optimization_barrier %k61 : f64
    %k63 = vm.const.f64 0x7FF8000000000000
    %v64 = vm.optimization_barrier %k63 : f64
    %t65 = vm.cmp.lte.f64.o %v62, %v64 : f64
    %k66 = vm.const.i32 0
    vm.check.eq %t65, %k66, "lte.f64.o(2.0, 0x7FF8000000000000) == 0" : i32
    %k67 = vm.const.f64 2.0
    %v68 = vm.optimization_barrier %k67 : f64
    %k69 = vm.const.f64 0x7FF8000000000000
    %v70 = vm.optimization_barrier %k69 : f64
    %t71 = vm.cmp.lte.f64.u %v68, %v70 : f64
    %k72 = vm.const.i32 1
    vm.check.eq %t71, %k72, "lte.f64.u(2.0, 0x7FF8000000000000) == 1" : i32
    %k73 = vm.const.f64 0.0
    %v74 = vm.optimization_barrier %k73 : f64
    %k75 = vm.const.f64 -0.0
    %v76 = vm.optimization_barrier %k75 : f64
    %t77 = vm.cmp.eq.f64.o %v74, %v76 : f64
    %k78 = vm.const.i32 1
    vm.check.eq %t77, %k78, "eq.f64.o(0.0, -0.0) == 1" : i32
    %k79 = vm.const.f64 0x7FF8000000000000
    %v80 = vm.optimization_barrier %k79 : f64
    %t81 = vm.cmp.nan.f64 %v80 : f64
    %k82 = vm.const.i32 1
    vm.check.eq %t81, %k82, "nan.f64(0x7FF8000000000000) == 1" : i32
    %k83 = vm.const.f64 1.0
    %v84 = vm.optimization_barrier %k83 : f64
    %t85 = vm.cmp.nan.f64 %v84 : f64
    %k86 = vm.const.i32 0
    vm.check.eq %t85, %k86, "nan.f64(1.0) == 0" : i32
    %k87 = vm.const.f64 0x7FF8000000000000
    %v88 = vm.optimization_barrier %k87 : f64
    %t89 = vm.cmp.nz.f64.o %v88 : f64
    %k90 = vm.const.i32 0
    vm.check.eq %t89, %k90, "nz.f64.o(0x7FF8000000000000) == 0" : i32
    %k91 = vm.const.f64 0x7FF8000000000000
    %v92 = vm.optimization_barrier %k91 : f64
    %t93 = vm.cmp.nz.f64.u %v92 : f64
    %k94 = vm.const.i32 1
    vm.check.eq %t93, %k94, "nz.f64.u(0x7FF8000000000000) == 1" : i32
    %k95 = vm.const.f64 -0.0
    %v96 = vm.optimization_barrier %k95 : f64
    %t97 = vm.cmp.nz.f64.o %v96 : f64
    %k98 = vm.const.i32 0
    vm.check.eq %t97, %k98, "nz.f64.o(-0.0) == 0" : i32
    %k99 = vm.const.f64 1.0
    %v100 = vm.optimization_barrier %k99 : f64
    %k101 = vm.const.f64 1.0000001
    %v102 = vm.optimization_barrier %k101 : f64
    %t103 = vm.cmp.eq.f64.near %v100, %v102 : f64
    %k104 = vm.const.i32 1
    vm.check.eq %t103, %k104, "eq.f64.near(1.0, 1.0000001) == 1" : i32
    %k105 = vm.const.f64 1.0
    %v106 = vm.optimization_barrier %k105 : f64
    %k107 = vm.const.f64 1.001
    %v108 = vm.optimization_barrier %k107 : f64
    %t109 = vm.cmp.eq.f64.near %v106, %v108 : f64
    %k110 = vm.const.i32 0
    vm.check.eq %t109, %k110, "eq.f64.near(1.0, 1.001) == 0" : i32
    %k111 = vm.const.f64 0.0
    %v112 = vm.optimization_barrier %k111 : f64
    %k113 = vm.const.f64 -0.0
    %v114 = vm.optimization_barrier %k113 : f64
    %t115 = vm.cmp.eq.f64.near %v112, %v114 : f64
    %k116 = vm.const.i32 1
    vm.check.eq %t115, %k116, "eq.f64.near(0.0, -0.0) == 1" : i32
    vm.return
  }
  vm.export @test_cmp_f64_nan

  // Refs compare by identity.
  vm.func @test_cmp_ref() {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %a = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %null = vm.const.ref.zero : !vm.buffer
    %a2 = vm.optimization_barrier %a : !vm.buffer
    %eq_self = vm.cmp.eq.ref %a, %a2 : !vm.buffer
    vm.check.nz %eq_self, "a == a" : i32
    %ne = vm.cmp.ne.ref %a, %b : !vm.buffer
    vm.check.nz %ne, "a != b (same contents, different objects)" : i32
    %nz = vm.cmp.nz.ref %a2 : !vm.buffer
    vm.check.nz %nz, "a is not null" : i32
    %null2 = vm.optimization_barrier %null : !vm.buffer
    %nz_null = vm.cmp.nz.ref %null2 : !vm.buffer
    %zero = vm.const.i32.zero
    vm.check.eq %nz_null, %zero, "null is null" : i32
    vm.return
  }
  vm.export @test_cmp_ref
}
