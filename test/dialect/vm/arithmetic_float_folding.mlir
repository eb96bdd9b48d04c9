// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// Float folding is IEEE 754 exact: round to nearest even, signed zeros kept,
// and identities only where they hold for NaN, infinities and -0.0 as well.
// Arithmetic producing a NaN is left to the target, whose NaN bits differ.

// CHECK-LABEL: vm.module public @add_sub
vm.module @add_sub {
  // CHECK-LABEL: vm.func @add_const
  vm.func @add_const() -> (f32, f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 3.750000e+00
    // CHECK-DAG: %[[B:.+]] = vm.const.f32 1.000000e+00
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[C:.+]] = vm.const.f64 0.30000000000000004
    // CHECK-NOT: vm.add
    // CHECK: vm.return %[[A]], %[[B]], %[[NZ]], %[[C]]
    %a = vm.const.f32 1.5
    %b = vm.const.f32 2.25
    %0 = vm.add.f32 %a, %b : f32
    // 1 + 2^-24 is a tie between 1 and 1 + 2^-23: even wins.
    %one = vm.const.f32 1.0
    %tiny = vm.const.f32 5.96046448E-8
    %1 = vm.add.f32 %one, %tiny : f32
    %nz = vm.const.f32 -0.0
    %2 = vm.add.f32 %nz, %nz : f32
    %p1 = vm.const.f64 0.1
    %p2 = vm.const.f64 0.2
    %3 = vm.add.f64 %p1, %p2 : f64
    vm.return %0, %1, %2, %3 : f32, f32, f32, f64
  }

  // x + -0.0 is x for every x (-0.0 + -0.0 = -0.0, NaN + -0.0 = NaN).
  // CHECK-LABEL: vm.func @add_neg_zero
  vm.func @add_neg_zero(%arg0 : f32, %arg1 : f64) -> (f32, f32, f64) {
    // CHECK-NOT: vm.add
    // CHECK: vm.return %arg0, %arg0, %arg1
    %nz = vm.const.f32 -0.0
    %0 = vm.add.f32 %arg0, %nz : f32
    %1 = vm.add.f32 %nz, %arg0 : f32
    %nz64 = vm.const.f64 -0.0
    %2 = vm.add.f64 %arg1, %nz64 : f64
    vm.return %0, %1, %2 : f32, f32, f64
  }

  // x + 0.0 is not x: -0.0 + 0.0 = +0.0.
  // CHECK-LABEL: vm.func @add_pos_zero_not_folded
  vm.func @add_pos_zero_not_folded(%arg0 : f32, %arg1 : f64) -> (f32, f64) {
    // CHECK-DAG: %[[R0:.+]] = vm.add.f32 %arg0, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.add.f64 %arg1, %{{.+}} : f64
    // CHECK: vm.return %[[R0]], %[[R1]]
    %zero = vm.const.f32.zero
    %0 = vm.add.f32 %zero, %arg0 : f32
    %zero64 = vm.const.f64.zero
    %1 = vm.add.f64 %arg1, %zero64 : f64
    vm.return %0, %1 : f32, f64
  }

  // CHECK-LABEL: vm.func @add_nan_not_folded
  vm.func @add_nan_not_folded() -> (f32, f32) {
    // CHECK-DAG: %[[R0:.+]] = vm.add.f32 %{{.+}}, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.add.f32 %{{.+}}, %{{.+}} : f32
    // CHECK: vm.return %[[R0]], %[[R1]]
    %inf = vm.const.f32 0x7F800000
    %ninf = vm.const.f32 0xFF800000
    %0 = vm.add.f32 %inf, %ninf : f32
    %nan = vm.const.f32 0x7FC00000
    %one = vm.const.f32 1.0
    %1 = vm.add.f32 %nan, %one : f32
    vm.return %0, %1 : f32, f32
  }

  // CHECK-LABEL: vm.func @sub_const
  vm.func @sub_const() -> (f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 -2.000000e+00
    // CHECK-DAG: %[[Z:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[B:.+]] = vm.const.f64 -0.000000e+00
    // CHECK-NOT: vm.sub
    // CHECK: vm.return %[[A]], %[[Z]], %[[B]]
    %one = vm.const.f32 1.0
    %three = vm.const.f32 3.0
    %0 = vm.sub.f32 %one, %three : f32
    // -0.0 - -0.0 = +0.0
    %nz = vm.const.f32 -0.0
    %1 = vm.sub.f32 %nz, %nz : f32
    %nz64 = vm.const.f64 -0.0
    %zero64 = vm.const.f64.zero
    %2 = vm.sub.f64 %nz64, %zero64 : f64
    vm.return %0, %1, %2 : f32, f32, f64
  }

  // x - 0.0 is x for every x.
  // CHECK-LABEL: vm.func @sub_pos_zero
  vm.func @sub_pos_zero(%arg0 : f32, %arg1 : f64) -> (f32, f64) {
    // CHECK-NOT: vm.sub
    // CHECK: vm.return %arg0, %arg1
    %zero = vm.const.f32.zero
    %0 = vm.sub.f32 %arg0, %zero : f32
    %zero64 = vm.const.f64 0.0
    %1 = vm.sub.f64 %arg1, %zero64 : f64
    vm.return %0, %1 : f32, f64
  }

  // x - -0.0 is not x (-0.0 - -0.0 = +0.0); x - x is not 0 (NaN, inf).
  // CHECK-LABEL: vm.func @sub_not_folded
  vm.func @sub_not_folded(%arg0 : f32) -> (f32, f32) {
    // CHECK-DAG: %[[R0:.+]] = vm.sub.f32 %arg0, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.sub.f32 %arg0, %arg0 : f32
    // CHECK: vm.return %[[R0]], %[[R1]]
    %nz = vm.const.f32 -0.0
    %0 = vm.sub.f32 %arg0, %nz : f32
    %1 = vm.sub.f32 %arg0, %arg0 : f32
    vm.return %0, %1 : f32, f32
  }
}

// -----

// CHECK-LABEL: vm.module public @mul_div_rem
vm.module @mul_div_rem {
  // CHECK-LABEL: vm.func @mul_const
  vm.func @mul_const() -> (f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 1.500000e+00
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[INF:.+]] = vm.const.f64 0x7FF0000000000000
    // CHECK-NOT: vm.mul
    // CHECK: vm.return %[[A]], %[[NZ]], %[[INF]]
    %three = vm.const.f32 3.0
    %half = vm.const.f32 0.5
    %0 = vm.mul.f32 %three, %half : f32
    %zero = vm.const.f32.zero
    %m2 = vm.const.f32 -2.0
    %1 = vm.mul.f32 %zero, %m2 : f32
    // Overflow rounds to infinity.
    %big = vm.const.f64 1.0e300
    %2 = vm.mul.f64 %big, %big : f64
    vm.return %0, %1, %2 : f32, f32, f64
  }

  // CHECK-LABEL: vm.func @mul_one
  vm.func @mul_one(%arg0 : f32, %arg1 : f64) -> (f32, f64) {
    // CHECK-NOT: vm.mul
    // CHECK: vm.return %arg0, %arg1
    %one = vm.const.f32 1.0
    %0 = vm.mul.f32 %one, %arg0 : f32
    %one64 = vm.const.f64 1.0
    %1 = vm.mul.f64 %arg1, %one64 : f64
    vm.return %0, %1 : f32, f64
  }

  // x * 0.0 is NaN for NaN and infinities and -0.0 for negative x.
  // CHECK-LABEL: vm.func @mul_zero_not_folded
  vm.func @mul_zero_not_folded(%arg0 : f32) -> (f32, f32) {
    // CHECK-DAG: %[[R0:.+]] = vm.mul.f32 %arg0, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.mul.f32 %{{.+}}, %{{.+}} : f32
    // CHECK: vm.return %[[R0]], %[[R1]]
    %zero = vm.const.f32.zero
    %0 = vm.mul.f32 %arg0, %zero : f32
    %inf = vm.const.f32 0x7F800000
    %1 = vm.mul.f32 %inf, %zero : f32
    vm.return %0, %1 : f32, f32
  }

  // Float products are not reassociated and not fused with adds.
  // CHECK-LABEL: vm.func @mul_no_reassociation
  vm.func @mul_no_reassociation(%arg0 : f32, %arg1 : f32) -> (f32, f32) {
    // CHECK: %[[M0:.+]] = vm.mul.f32 %arg0, %{{.+}} : f32
    // CHECK: %[[M1:.+]] = vm.mul.f32 %[[M0]], %{{.+}} : f32
    // CHECK: %[[M2:.+]] = vm.mul.f32 %arg0, %arg1 : f32
    // CHECK: %[[A:.+]] = vm.add.f32 %[[M2]], %arg1 : f32
    // CHECK: vm.return %[[M1]], %[[A]]
    %c3 = vm.const.f32 3.0
    %c5 = vm.const.f32 0.1
    %0 = vm.mul.f32 %arg0, %c3 : f32
    %1 = vm.mul.f32 %0, %c5 : f32
    %2 = vm.mul.f32 %arg0, %arg1 : f32
    %3 = vm.add.f32 %2, %arg1 : f32
    vm.return %1, %3 : f32, f32
  }

  // CHECK-LABEL: vm.func @div_const
  vm.func @div_const() -> (f32, f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 0.333333343
    // CHECK-DAG: %[[INF:.+]] = vm.const.f32 0x7F800000
    // CHECK-DAG: %[[NINF:.+]] = vm.const.f32 0xFF800000
    // CHECK-DAG: %[[B:.+]] = vm.const.f64 -2.500000e-01
    // CHECK-NOT: vm.div
    // CHECK: vm.return %[[A]], %[[INF]], %[[NINF]], %[[B]]
    %one = vm.const.f32 1.0
    %three = vm.const.f32 3.0
    %0 = vm.div.f32 %one, %three : f32
    // Division by zero is defined for floats.
    %zero = vm.const.f32.zero
    %nz = vm.const.f32 -0.0
    %1 = vm.div.f32 %one, %zero : f32
    %2 = vm.div.f32 %one, %nz : f32
    %m1 = vm.const.f64 -1.0
    %c4 = vm.const.f64 4.0
    %3 = vm.div.f64 %m1, %c4 : f64
    vm.return %0, %1, %2, %3 : f32, f32, f32, f64
  }

  // CHECK-LABEL: vm.func @div_identities
  vm.func @div_identities(%arg0 : f32, %arg1 : f64) -> (f32, f64, f32, f32) {
    // CHECK-DAG: %[[R0:.+]] = vm.div.f32 %{{.+}}, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.div.f32 %{{.+}}, %arg0 : f32
    // CHECK: vm.return %arg0, %arg1, %[[R0]], %[[R1]]
    %one = vm.const.f32 1.0
    %0 = vm.div.f32 %arg0, %one : f32
    %one64 = vm.const.f64 1.0
    %1 = vm.div.f64 %arg1, %one64 : f64
    // 0 / 0 is a NaN; 0 / x is not 0 for x = 0, NaN or negative x.
    %zero = vm.const.f32.zero
    %2 = vm.div.f32 %zero, %zero : f32
    %3 = vm.div.f32 %zero, %arg0 : f32
    vm.return %0, %1, %2, %3 : f32, f64, f32, f32
  }

  // IEEE remainder: n = lhs / rhs rounded to nearest, ties to even.
  // CHECK-LABEL: vm.func @rem_const
  vm.func @rem_const() -> (f32, f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 -5.000000e-01
    // CHECK-DAG: %[[B:.+]] = vm.const.f32 -1.000000e+00
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[C:.+]] = vm.const.f64 1.000000e+00
    // CHECK-NOT: vm.rem
    // CHECK: vm.return %[[A]], %[[B]], %[[NZ]], %[[C]]
    %a = vm.const.f32 5.5
    %two = vm.const.f32 2.0
    %0 = vm.rem.f32 %a, %two : f32
    %seven = vm.const.f32 7.0
    %1 = vm.rem.f32 %seven, %two : f32
    %nz = vm.const.f32 -0.0
    %2 = vm.rem.f32 %nz, %two : f32
    %big = vm.const.f64 1.0e30
    %three = vm.const.f64 3.0
    %3 = vm.rem.f64 %big, %three : f64
    vm.return %0, %1, %2, %3 : f32, f32, f32, f64
  }

  // CHECK-LABEL: vm.func @rem_not_folded
  vm.func @rem_not_folded(%arg0 : f32) -> (f32, f32, f32) {
    // CHECK-DAG: %[[R0:.+]] = vm.rem.f32 %{{.+}}, %{{.+}} : f32
    // CHECK-DAG: %[[R1:.+]] = vm.rem.f32 %arg0, %{{.+}} : f32
    // CHECK-DAG: %[[R2:.+]] = vm.rem.f32 %{{.+}}, %arg0 : f32
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]]
    %one = vm.const.f32 1.0
    %zero = vm.const.f32.zero
    // NaN: not folded.
    %0 = vm.rem.f32 %one, %zero : f32
    // x rem 1.0 is not 0 (-0.5 rem 1.0 = -0.5); 0 rem x is not 0 (x = 0).
    %1 = vm.rem.f32 %arg0, %one : f32
    %2 = vm.rem.f32 %zero, %arg0 : f32
    vm.return %0, %1, %2 : f32, f32, f32
  }
}

// -----

// CHECK-LABEL: vm.module public @fma
vm.module @fma {
  // One rounding: (1 + 2^-12)^2 - (1 + 2^-11) = 2^-24, while rounding the
  // product first gives 0.
  // CHECK-LABEL: vm.func @fma_const
  vm.func @fma_const() -> (f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 5.96046448E-8
    // CHECK-DAG: %[[B:.+]] = vm.const.f64 7.000000e+00
    // CHECK-NOT: vm.fma
    // CHECK: vm.return %[[A]], %[[B]]
    %a = vm.const.f32 1.000244140625
    %c = vm.const.f32 -1.00048828125
    %0 = vm.fma.f32 %a, %a, %c : f32
    %two = vm.const.f64 2.0
    %three = vm.const.f64 3.0
    %one = vm.const.f64 1.0
    %1 = vm.fma.f64 %two, %three, %one : f64
    vm.return %0, %1 : f32, f64
  }

  // fma(1, b, c) = b + c and fma(a, b, -0.0) = a * b exactly.
  // CHECK-LABEL: vm.func @fma_identities
  vm.func @fma_identities(%arg0 : f32, %arg1 : f32, %arg2 : f32) -> (f32, f32, f32) {
    // CHECK-DAG: %[[ADD0:.+]] = vm.add.f32 %arg1, %arg2 : f32
    // CHECK-DAG: %[[ADD1:.+]] = vm.add.f32 %arg0, %arg2 : f32
    // CHECK-DAG: %[[MUL:.+]] = vm.mul.f32 %arg0, %arg1 : f32
    // CHECK-NOT: vm.fma
    // CHECK: vm.return %[[ADD0]], %[[ADD1]], %[[MUL]]
    %one = vm.const.f32 1.0
    %nz = vm.const.f32 -0.0
    %0 = vm.fma.f32 %one, %arg1, %arg2 : f32
    %1 = vm.fma.f32 %arg0, %one, %arg2 : f32
    %2 = vm.fma.f32 %arg0, %arg1, %nz : f32
    vm.return %0, %1, %2 : f32, f32, f32
  }

  // fma(a, b, +0.0) turns a -0.0 product into +0.0; fma(a, 0.0, c) is not c
  // for infinite or NaN a.
  // CHECK-LABEL: vm.func @fma_not_folded
  vm.func @fma_not_folded(%arg0 : f64, %arg1 : f64, %arg2 : f64) -> (f64, f64) {
    // CHECK-DAG: %[[R0:.+]] = vm.fma.f64 %arg0, %arg1, %{{.+}} : f64
    // CHECK-DAG: %[[R1:.+]] = vm.fma.f64 %arg0, %{{.+}}, %arg2 : f64
    // CHECK: vm.return %[[R0]], %[[R1]]
    %zero = vm.const.f64.zero
    %0 = vm.fma.f64 %arg0, %arg1, %zero : f64
    %1 = vm.fma.f64 %arg0, %zero, %arg2 : f64
    vm.return %0, %1 : f64, f64
  }
}

// -----

// CHECK-LABEL: vm.module public @sign_ops
vm.module @sign_ops {
  // abs and neg only touch the sign bit, NaNs and zeros included.
  // CHECK-LABEL: vm.func @abs_neg_const
  vm.func @abs_neg_const() -> (f32, f32, f32, f32, f64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.f32 2.500000e+00
    // CHECK-DAG: %[[Z:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[QNAN:.+]] = vm.const.f32 0x7FC00000
    // CHECK-DAG: %[[NNAN:.+]] = vm.const.f32 0xFFC00000
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f64 -0.000000e+00
    // CHECK-NOT: vm.abs
    // CHECK-NOT: vm.neg
    // CHECK: vm.return %[[A]], %[[Z]], %[[QNAN]], %[[NNAN]], %[[NZ]]
    %m = vm.const.f32 -2.5
    %0 = vm.abs.f32 %m : f32
    %nz = vm.const.f32 -0.0
    %1 = vm.abs.f32 %nz : f32
    %nnan = vm.const.f32 0xFFC00000
    %2 = vm.abs.f32 %nnan : f32
    %qnan = vm.const.f32 0x7FC00000
    %3 = vm.neg.f32 %qnan : f32
    %zero64 = vm.const.f64.zero
    %4 = vm.neg.f64 %zero64 : f64
    vm.return %0, %1, %2, %3, %4 : f32, f32, f32, f32, f64
  }

  // CHECK-LABEL: vm.func @abs_neg_chains
  vm.func @abs_neg_chains(%arg0 : f32, %arg1 : f64) -> (f32, f32, f64) {
    // CHECK-DAG: %[[ABS:.+]] = vm.abs.f32 %arg0 : f32
    // CHECK-NOT: vm.neg
    // CHECK: vm.return %arg0, %[[ABS]], %arg1
    %n = vm.neg.f32 %arg0 : f32
    %0 = vm.neg.f32 %n : f32
    %a = vm.abs.f32 %arg0 : f32
    %1 = vm.abs.f32 %a : f32
    %n64 = vm.neg.f64 %arg1 : f64
    %2 = vm.neg.f64 %n64 : f64
    vm.return %0, %1, %2 : f32, f32, f64
  }

  // abs(neg(x)) = abs(x)
  // CHECK-LABEL: vm.func @abs_of_neg
  vm.func @abs_of_neg(%arg0 : f64) -> f64 {
    // CHECK-NEXT: %[[ABS:.+]] = vm.abs.f64 %arg0 : f64
    // CHECK-NEXT: vm.return %[[ABS]]
    %n = vm.neg.f64 %arg0 : f64
    %0 = vm.abs.f64 %n : f64
    vm.return %0 : f64
  }
}

// -----

// CHECK-LABEL: vm.module public @rounding
vm.module @rounding {
  // CHECK-LABEL: vm.func @rounding_const
  vm.func @rounding_const() -> (f32, f32, f32, f32, f32, f32, f32, f64) {
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[M1:.+]] = vm.const.f32 -1.000000e+00
    // CHECK-DAG: %[[P3:.+]] = vm.const.f32 3.000000e+00
    // CHECK-DAG: %[[M3:.+]] = vm.const.f32 -3.000000e+00
    // CHECK-DAG: %[[P2:.+]] = vm.const.f32 2.000000e+00
    // CHECK-DAG: %[[Z:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[D:.+]] = vm.const.f64 -4.000000e+00
    // CHECK-NOT: vm.ceil
    // CHECK-NOT: vm.floor
    // CHECK-NOT: vm.round
    // CHECK: vm.return %[[NZ]], %[[M1]], %[[P3]], %[[M3]], %[[P2]], %[[NZ]], %[[Z]], %[[D]]
    %mhalf = vm.const.f32 -0.5
    %0 = vm.ceil.f32 %mhalf : f32
    %1 = vm.floor.f32 %mhalf : f32
    %p25 = vm.const.f32 2.5
    %m25 = vm.const.f32 -2.5
    %2 = vm.round.f32 %p25 : f32
    %3 = vm.round.f32 %m25 : f32
    %4 = vm.round.f32.even %p25 : f32
    %5 = vm.round.f32.even %mhalf : f32
    // The largest float below 0.5 rounds to 0 (not 1, as floor(x + 0.5) would).
    %below = vm.const.f32 0.49999997
    %6 = vm.round.f32 %below : f32
    %m35 = vm.const.f64 -3.5
    %7 = vm.round.f64.even %m35 : f64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7 : f32, f32, f32, f32, f32, f32, f32, f64
  }

  // Rounding an integral value changes nothing.
  // CHECK-LABEL: vm.func @rounding_chains
  vm.func @rounding_chains(%arg0 : f32, %arg1 : f64) -> (f32, f32, f64) {
    // CHECK-DAG: %[[C:.+]] = vm.ceil.f32 %arg0 : f32
    // CHECK-DAG: %[[R:.+]] = vm.round.f64 %arg1 : f64
    // CHECK-NOT: vm.floor
    // CHECK: vm.return %[[C]], %[[C]], %[[R]]
    %c = vm.ceil.f32 %arg0 : f32
    %0 = vm.ceil.f32 %c : f32
    %1 = vm.floor.f32 %c : f32
    %r = vm.round.f64 %arg1 : f64
    %2 = vm.round.f64.even %r : f64
    vm.return %0, %1, %2 : f32, f32, f64
  }

  // CHECK-LABEL: vm.func @rounding_nan_not_folded
  vm.func @rounding_nan_not_folded() -> f32 {
    // CHECK: %[[R:.+]] = vm.floor.f32 %{{.+}} : f32
    // CHECK: vm.return %[[R]]
    %nan = vm.const.f32 0x7FC00000
    %0 = vm.floor.f32 %nan : f32
    vm.return %0 : f32
  }
}

// -----

// min.f is `rhs < lhs ? rhs : lhs`, max.f is `lhs < rhs ? rhs : lhs`.

// CHECK-LABEL: vm.module public @min_max
vm.module @min_max {
  // CHECK-LABEL: vm.func @min_max_const
  vm.func @min_max_const() -> (f32, f32, f32, f32, f32, f32, f32, f64) {
    // CHECK-DAG: %[[ONE:.+]] = vm.const.f32 1.000000e+00
    // CHECK-DAG: %[[NAN:.+]] = vm.const.f32 0x7FC00000
    // CHECK-DAG: %[[Z:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[TWO64:.+]] = vm.const.f64 2.000000e+00
    // CHECK-NOT: vm.min
    // CHECK-NOT: vm.max
    // CHECK: vm.return %[[ONE]], %[[NAN]], %[[ONE]], %[[Z]], %[[NZ]], %[[NZ]], %[[NAN]], %[[TWO64]]
    %one = vm.const.f32 1.0
    %two = vm.const.f32 2.0
    %nan = vm.const.f32 0x7FC00000
    %zero = vm.const.f32.zero
    %nz = vm.const.f32 -0.0
    %0 = vm.min.f32 %two, %one : f32
    %1 = vm.min.f32 %nan, %one : f32
    %2 = vm.min.f32 %one, %nan : f32
    %3 = vm.min.f32 %zero, %nz : f32
    %4 = vm.min.f32 %nz, %zero : f32
    %5 = vm.max.f32 %nz, %zero : f32
    %6 = vm.max.f32 %nan, %two : f32
    %one64 = vm.const.f64 1.0
    %two64 = vm.const.f64 2.0
    %7 = vm.max.f64 %one64, %two64 : f64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7 : f32, f32, f32, f32, f32, f32, f32, f64
  }

  // CHECK-LABEL: vm.func @min_max_identities
  vm.func @min_max_identities(%arg0 : f32, %arg1 : f64) -> (f32, f32, f32, f32, f32, f32, f64, f64) {
    // CHECK-DAG: %[[NINF:.+]] = vm.const.f32 0xFF800000
    // CHECK-DAG: %[[INF64:.+]] = vm.const.f64 0x7FF0000000000000
    // CHECK-NOT: vm.min
    // CHECK-NOT: vm.max
    // CHECK: vm.return %arg0, %arg0, %arg0, %[[NINF]], %arg0, %arg0, %[[INF64]], %arg1
    %nan = vm.const.f32 0x7FC00000
    %inf = vm.const.f32 0x7F800000
    %ninf = vm.const.f32 0xFF800000
    %0 = vm.min.f32 %arg0, %arg0 : f32
    %1 = vm.min.f32 %arg0, %nan : f32
    %2 = vm.min.f32 %arg0, %inf : f32
    %3 = vm.min.f32 %ninf, %arg0 : f32
    %4 = vm.max.f32 %arg0, %nan : f32
    %5 = vm.max.f32 %arg0, %ninf : f32
    %inf64 = vm.const.f64 0x7FF0000000000000
    %6 = vm.max.f64 %inf64, %arg1 : f64
    %7 = vm.max.f64 %arg1, %arg1 : f64
    vm.return %0, %1, %2, %3, %4, %5, %6, %7 : f32, f32, f32, f32, f32, f32, f64, f64
  }

  // min(x, -inf) is x when x is NaN; a constant lhs is not moved to the
  // right because the operands are not interchangeable.
  // CHECK-LABEL: vm.func @min_max_not_folded
  vm.func @min_max_not_folded(%arg0 : f32) -> (f32, f32, f32) {
    // CHECK-DAG: %[[NINF:.+]] = vm.const.f32 0xFF800000
    // CHECK-DAG: %[[ONE:.+]] = vm.const.f32 1.000000e+00
    // CHECK-DAG: %[[R0:.+]] = vm.min.f32 %arg0, %[[NINF]] : f32
    // CHECK-DAG: %[[R1:.+]] = vm.min.f32 %[[ONE]], %arg0 : f32
    // CHECK-DAG: %[[R2:.+]] = vm.max.f32 %arg0, %[[ONE]] : f32
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]]
    %ninf = vm.const.f32 0xFF800000
    %one = vm.const.f32 1.0
    %0 = vm.min.f32 %arg0, %ninf : f32
    %1 = vm.min.f32 %one, %arg0 : f32
    %2 = vm.max.f32 %arg0, %one : f32
    vm.return %0, %1, %2 : f32, f32, f32
  }
}

// -----

// sqrt is correctly rounded by IEEE 754 and folds; the other math functions
// are not correctly rounded in C libraries and never fold.

// CHECK-LABEL: vm.module public @math
vm.module @math {
  // CHECK-LABEL: vm.func @sqrt_const
  vm.func @sqrt_const() -> (f32, f32, f32, f32, f64) {
    // CHECK-DAG: %[[TWO:.+]] = vm.const.f32 2.000000e+00
    // CHECK-DAG: %[[R2:.+]] = vm.const.f32 1.41421354
    // CHECK-DAG: %[[NZ:.+]] = vm.const.f32 -0.000000e+00
    // CHECK-DAG: %[[INF:.+]] = vm.const.f32 0x7F800000
    // CHECK-DAG: %[[R2_64:.+]] = vm.const.f64 1.4142135623730951
    // CHECK-NOT: vm.sqrt
    // CHECK: vm.return %[[TWO]], %[[R2]], %[[NZ]], %[[INF]], %[[R2_64]]
    %four = vm.const.f32 4.0
    %two = vm.const.f32 2.0
    %nz = vm.const.f32 -0.0
    %inf = vm.const.f32 0x7F800000
    %0 = vm.sqrt.f32 %four : f32
    %1 = vm.sqrt.f32 %two : f32
    %2 = vm.sqrt.f32 %nz : f32
    %3 = vm.sqrt.f32 %inf : f32
    %two64 = vm.const.f64 2.0
    %4 = vm.sqrt.f64 %two64 : f64
    vm.return %0, %1, %2, %3, %4 : f32, f32, f32, f32, f64
  }

  // CHECK-LABEL: vm.func @math_not_folded
  vm.func @math_not_folded() -> (f32, f32, f32, f64, f32) {
    // CHECK-DAG: %[[S:.+]] = vm.sqrt.f32 %{{.+}} : f32
    // CHECK-DAG: %[[E:.+]] = vm.exp.f32 %{{.+}} : f32
    // CHECK-DAG: %[[R:.+]] = vm.rsqrt.f32 %{{.+}} : f32
    // CHECK-DAG: %[[L:.+]] = vm.log.f64 %{{.+}} : f64
    // CHECK-DAG: %[[P:.+]] = vm.pow.f32 %{{.+}}, %{{.+}} : f32
    // CHECK: vm.return %[[S]], %[[E]], %[[R]], %[[L]], %[[P]]
    %m1 = vm.const.f32 -1.0
    %0 = vm.sqrt.f32 %m1 : f32
    %one = vm.const.f32 1.0
    %1 = vm.exp.f32 %one : f32
    %four = vm.const.f32 4.0
    %2 = vm.rsqrt.f32 %four : f32
    %ten = vm.const.f64 10.0
    %3 = vm.log.f64 %ten : f64
    %4 = vm.pow.f32 %four, %one : f32
    vm.return %0, %1, %2, %3, %4 : f32, f32, f32, f64, f32
  }
}
