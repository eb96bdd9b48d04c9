// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// Integer comparisons of constants: -1 is the largest unsigned value.
// CHECK-LABEL: @int_constants
vm.module @m {
  vm.func @int_constants() -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[ZERO:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    %a = vm.const.i32 -1
    %b = vm.const.i32 1
    %z = vm.const.i32.zero
    %0 = vm.cmp.eq.i32 %a, %b : i32
    %1 = vm.cmp.ne.i32 %a, %b : i32
    %2 = vm.cmp.lt.i32.s %a, %b : i32
    %3 = vm.cmp.lt.i32.u %a, %b : i32
    %4 = vm.cmp.lte.i32.s %a, %b : i32
    %5 = vm.cmp.lte.i32.u %a, %b : i32
    %6 = vm.cmp.gt.i32.s %a, %b : i32
    %7 = vm.cmp.gt.i32.u %a, %b : i32
    %8 = vm.cmp.gte.i32.s %a, %b : i32
    %9 = vm.cmp.gte.i32.u %a, %b : i32
    %10 = vm.cmp.nz.i32 %a : i32
    %11 = vm.cmp.nz.i32 %z : i32
    // CHECK: vm.return %[[ZERO]], %[[ONE]], %[[ONE]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[ONE]], %[[ONE]], %[[ZERO]]
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @i64_constants
vm.module @m {
  vm.func @i64_constants() -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[ZERO:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    %a = vm.const.i64 -9223372036854775808
    %b = vm.const.i64 9223372036854775807
    %0 = vm.cmp.eq.i64 %a, %b : i64
    %1 = vm.cmp.ne.i64 %a, %b : i64
    %2 = vm.cmp.lt.i64.s %a, %b : i64
    %3 = vm.cmp.lt.i64.u %a, %b : i64
    %4 = vm.cmp.lte.i64.s %a, %b : i64
    %5 = vm.cmp.lte.i64.u %a, %b : i64
    %6 = vm.cmp.gt.i64.s %a, %b : i64
    %7 = vm.cmp.gt.i64.u %a, %b : i64
    %8 = vm.cmp.gte.i64.s %a, %b : i64
    %9 = vm.cmp.gte.i64.u %a, %b : i64
    %10 = vm.cmp.nz.i64 %a : i64
    // CHECK: vm.return %[[ZERO]], %[[ONE]], %[[ONE]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[ONE]], %[[ONE]]
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// An integer compared with itself.
// CHECK-LABEL: @int_same_operand
vm.module @m {
  vm.func @int_same_operand(%x : i32, %y : i64) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[ZERO:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    %0 = vm.cmp.eq.i32 %x, %x : i32
    %1 = vm.cmp.ne.i32 %x, %x : i32
    %2 = vm.cmp.lt.i32.s %x, %x : i32
    %3 = vm.cmp.lt.i32.u %x, %x : i32
    %4 = vm.cmp.lte.i32.s %x, %x : i32
    %5 = vm.cmp.lte.i32.u %x, %x : i32
    %6 = vm.cmp.gt.i32.s %x, %x : i32
    %7 = vm.cmp.gt.i32.u %x, %x : i32
    %8 = vm.cmp.gte.i32.s %x, %x : i32
    %9 = vm.cmp.gte.i32.u %x, %x : i32
    %10 = vm.cmp.eq.i64 %y, %y : i64
    %11 = vm.cmp.lt.i64.u %y, %y : i64
    // CHECK-NOT: vm.cmp
    // CHECK: vm.return %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ONE]], %[[ZERO]], %[[ZERO]], %[[ONE]], %[[ONE]], %[[ONE]], %[[ZERO]]
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// Pseudo integer comparisons become vm.cmp.lt (and an xor with 1).
// CHECK-LABEL: @int_pseudo_lowering
// CHECK-SAME: (%[[A:[a-z0-9]+]]: i32, %[[B:[a-z0-9]+]]: i32, %[[L:[a-z0-9]+]]: i64, %[[M:[a-z0-9]+]]: i64)
vm.module @m {
  vm.func @int_pseudo_lowering(%a : i32, %b : i32, %l : i64, %m : i64) -> (i32, i32, i32, i32) {
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[GT:.+]] = vm.cmp.lt.i32.s %[[B]], %[[A]] : i32
    %0 = vm.cmp.gt.i32.s %a, %b : i32
    // CHECK-DAG: %[[LTE0:.+]] = vm.cmp.lt.i32.u %[[B]], %[[A]] : i32
    // CHECK-DAG: %[[LTE:.+]] = vm.xor.i32 %[[LTE0]], %[[ONE]] : i32
    %1 = vm.cmp.lte.i32.u %a, %b : i32
    // CHECK-DAG: %[[GTE0:.+]] = vm.cmp.lt.i64.s %[[L]], %[[M]] : i64
    // CHECK-DAG: %[[GTE:.+]] = vm.xor.i32 %[[GTE0]], %[[ONE]] : i32
    %2 = vm.cmp.gte.i64.s %l, %m : i64
    // CHECK-DAG: %[[GT64:.+]] = vm.cmp.lt.i64.u %[[M]], %[[L]] : i64
    %3 = vm.cmp.gt.i64.u %l, %m : i64
    // CHECK: vm.return %[[GT]], %[[LTE]], %[[GTE]], %[[GT64]]
    vm.return %0, %1, %2, %3 : i32, i32, i32, i32
  }
}

// -----

// A comparison inverted by `xor %c, 1` becomes the inverse comparison.
// CHECK-LABEL: @int_inversions
// CHECK-SAME: (%[[A:[a-z0-9]+]]: i32, %[[B:[a-z0-9]+]]: i32)
vm.module @m {
  vm.func @int_inversions(%a : i32, %b : i32) -> (i32, i32, i32, i32) {
    %one = vm.const.i32 1
    // CHECK-DAG: %[[NE:.+]] = vm.cmp.ne.i32 %[[A]], %[[B]] : i32
    %0 = vm.cmp.eq.i32 %a, %b : i32
    %1 = vm.xor.i32 %0, %one : i32
    // CHECK-DAG: %[[EQ:.+]] = vm.cmp.eq.i32 %[[A]], %[[B]] : i32
    %2 = vm.cmp.ne.i32 %a, %b : i32
    %3 = vm.xor.i32 %2, %one : i32
    // !(a >= b) is a < b.
    // CHECK-DAG: %[[LT:.+]] = vm.cmp.lt.i32.s %[[A]], %[[B]] : i32
    %4 = vm.cmp.gte.i32.s %a, %b : i32
    %5 = vm.xor.i32 %4, %one : i32
    // !(a <= b) is b < a.
    // CHECK-DAG: %[[GT:.+]] = vm.cmp.lt.i32.u %[[B]], %[[A]] : i32
    %6 = vm.cmp.lte.i32.u %a, %b : i32
    %7 = vm.xor.i32 %6, %one : i32
    // CHECK-NOT: vm.xor.i32
    // CHECK: vm.return %[[NE]], %[[EQ]], %[[LT]], %[[GT]]
    vm.return %1, %3, %5, %7 : i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @int_inversions_not_applied
// CHECK-SAME: (%[[A:[a-z0-9]+]]: i32, %[[B:[a-z0-9]+]]: i32)
vm.module @m {
  vm.func @int_inversions_not_applied(%a : i32, %b : i32) -> (i32, i32, i32) {
    %one = vm.const.i32 1
    %two = vm.const.i32 2
    // The comparison has another use.
    // CHECK-DAG: %[[EQ:.+]] = vm.cmp.eq.i32 %[[A]], %[[B]] : i32
    // CHECK-DAG: %[[X:.+]] = vm.xor.i32 %[[EQ]], %{{.+}} : i32
    %0 = vm.cmp.eq.i32 %a, %b : i32
    %1 = vm.xor.i32 %0, %one : i32
    // xor with something other than 1.
    // CHECK-DAG: %[[NE:.+]] = vm.cmp.ne.i32 %[[A]], %[[B]] : i32
    // CHECK-DAG: %[[Y:.+]] = vm.xor.i32 %[[NE]], %{{.+}} : i32
    %2 = vm.cmp.ne.i32 %a, %b : i32
    %3 = vm.xor.i32 %2, %two : i32
    // CHECK: vm.return %[[X]], %[[EQ]], %[[Y]]
    vm.return %1, %0, %3 : i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @int_against_zero
// CHECK-SAME: (%[[A:[a-z0-9]+]]: i32, %[[L:[a-z0-9]+]]: i64)
vm.module @m {
  vm.func @int_against_zero(%a : i32, %l : i64) -> (i32, i32, i32, i32, i32) {
    %z = vm.const.i32.zero
    %z64 = vm.const.i64.zero
    %c5 = vm.const.i32 5
    // CHECK-DAG: %[[NZ:.+]] = vm.cmp.nz.i32 %[[A]] : i32
    %0 = vm.cmp.ne.i32 %a, %z : i32
    // Constants move to the right of commutative comparisons first.
    // CHECK-DAG: %[[NZ2:.+]] = vm.cmp.nz.i32 %[[A]] : i32
    %1 = vm.cmp.ne.i32 %z, %a : i32
    // CHECK-DAG: %[[NZ64:.+]] = vm.cmp.nz.i64 %[[L]] : i64
    %2 = vm.cmp.ne.i64 %l, %z64 : i64
    // A constant on the left of lt stays there; gt with a constant on the
    // left lowers to lt with the constant on the right.
    // CHECK-DAG: %[[C5:.+]] = vm.const.i32 5
    // CHECK-DAG: %[[LT:.+]] = vm.cmp.lt.i32.s %[[C5]], %[[A]] : i32
    %3 = vm.cmp.lt.i32.s %c5, %a : i32
    // CHECK-DAG: %[[GT:.+]] = vm.cmp.lt.i32.s %[[A]], %[[C5]] : i32
    %4 = vm.cmp.gt.i32.s %c5, %a : i32
    // CHECK: vm.return %[[NZ]], %[[NZ2]], %[[NZ64]], %[[LT]], %[[GT]]
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i32
  }
}

// -----

// Float comparisons of constants: ordered predicates are false on NaN,
// unordered ones true; -0.0 equals +0.0.
// CHECK-LABEL: @f32_constants
vm.module @m {
  vm.func @f32_constants() -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32,
                               i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32,
                               i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %one = vm.const.f32 1.0
    %two = vm.const.f32 2.0
    %nan = vm.const.f32 0x7FC00000
    %pz = vm.const.f32 0.0
    %nz = vm.const.f32 -0.0
    %0 = vm.cmp.eq.f32.o %one, %two : f32
    %1 = vm.cmp.eq.f32.u %one, %two : f32
    %2 = vm.cmp.ne.f32.o %one, %two : f32
    %3 = vm.cmp.ne.f32.u %one, %two : f32
    %4 = vm.cmp.lt.f32.o %one, %two : f32
    %5 = vm.cmp.lt.f32.u %one, %two : f32
    %6 = vm.cmp.lte.f32.o %one, %two : f32
    %7 = vm.cmp.lte.f32.u %one, %two : f32
    %8 = vm.cmp.gt.f32.o %one, %two : f32
    %9 = vm.cmp.gt.f32.u %one, %two : f32
    %10 = vm.cmp.gte.f32.o %one, %two : f32
    %11 = vm.cmp.gte.f32.u %one, %two : f32
    %12 = vm.cmp.eq.f32.o %nan, %one : f32
    %13 = vm.cmp.eq.f32.u %nan, %one : f32
    %14 = vm.cmp.ne.f32.o %nan, %one : f32
    %15 = vm.cmp.ne.f32.u %nan, %one : f32
    %16 = vm.cmp.lt.f32.o %nan, %one : f32
    %17 = vm.cmp.lt.f32.u %nan, %one : f32
    %18 = vm.cmp.lte.f32.o %nan, %one : f32
    %19 = vm.cmp.lte.f32.u %nan, %one : f32
    %20 = vm.cmp.gt.f32.o %one, %nan : f32
    %21 = vm.cmp.gt.f32.u %one, %nan : f32
    %22 = vm.cmp.gte.f32.o %nan, %nan : f32
    %23 = vm.cmp.gte.f32.u %nan, %nan : f32
    %24 = vm.cmp.eq.f32.o %nz, %pz : f32
    %25 = vm.cmp.ne.f32.u %nz, %pz : f32
    %26 = vm.cmp.lt.f32.o %nz, %pz : f32
    // CHECK: vm.return %[[Z]], %[[Z]], %[[O]], %[[O]], %[[O]], %[[O]], %[[O]], %[[O]], %[[Z]], %[[Z]], %[[Z]], %[[Z]],
    // CHECK-SAME: %[[Z]], %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]],
    // CHECK-SAME: %[[O]], %[[Z]], %[[Z]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11,
              %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23,
              %24, %25, %26
        : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32,
          i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32,
          i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @f64_constants
vm.module @m {
  vm.func @f64_constants() -> (i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %a = vm.const.f64 -1.5
    %inf = vm.const.f64 0x7FF0000000000000
    %nan = vm.const.f64 0xFFF8000000000001
    %0 = vm.cmp.lt.f64.o %a, %inf : f64
    %1 = vm.cmp.gte.f64.o %inf, %inf : f64
    %2 = vm.cmp.ne.f64.o %a, %nan : f64
    %3 = vm.cmp.ne.f64.u %a, %nan : f64
    %4 = vm.cmp.lte.f64.o %nan, %inf : f64
    %5 = vm.cmp.gt.f64.u %nan, %a : f64
    // CHECK: vm.return %[[O]], %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]] :
    vm.return %0, %1, %2, %3, %4, %5 : i32, i32, i32, i32, i32, i32
  }
}

// -----

// A float compared with itself folds only where NaN gives the same answer.
// CHECK-LABEL: @float_same_operand
// CHECK-SAME: (%[[X:[a-z0-9]+]]: f32, %[[Y:[a-z0-9]+]]: f64)
vm.module @m {
  vm.func @float_same_operand(%x : f32, %y : f64) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %0 = vm.cmp.eq.f32.u %x, %x : f32
    %1 = vm.cmp.lte.f32.u %x, %x : f32
    %2 = vm.cmp.gte.f64.u %y, %y : f64
    %3 = vm.cmp.ne.f32.o %x, %x : f32
    %4 = vm.cmp.lt.f64.o %y, %y : f64
    %5 = vm.cmp.gt.f32.o %x, %x : f32
    // These depend on whether %x is NaN.
    // CHECK-DAG: %[[EQO:.+]] = vm.cmp.eq.f32.o %[[X]], %[[X]] : f32
    %6 = vm.cmp.eq.f32.o %x, %x : f32
    // CHECK-DAG: %[[NEU:.+]] = vm.cmp.ne.f32.u %[[X]], %[[X]] : f32
    %7 = vm.cmp.ne.f32.u %x, %x : f32
    // CHECK-DAG: %[[LTU:.+]] = vm.cmp.lt.f32.u %[[X]], %[[X]] : f32
    %8 = vm.cmp.lt.f32.u %x, %x : f32
    // CHECK-DAG: %[[LTEO:.+]] = vm.cmp.lte.f64.o %[[Y]], %[[Y]] : f64
    %9 = vm.cmp.lte.f64.o %y, %y : f64
    // CHECK-DAG: %[[GTU:.+]] = vm.cmp.lt.f32.u %[[X]], %[[X]] : f32
    %10 = vm.cmp.gt.f32.u %x, %x : f32
    // CHECK-DAG: %[[GTEO:.+]] = vm.cmp.lte.f32.o %[[X]], %[[X]] : f32
    %11 = vm.cmp.gte.f32.o %x, %x : f32
    // CHECK: vm.return %[[O]], %[[O]], %[[O]], %[[Z]], %[[Z]], %[[Z]], %[[EQO]], %[[NEU]], %[[LTU]], %[[LTEO]], %[[GTU]], %[[GTEO]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// Pseudo float comparisons swap operands; inverting one flips its ordering.
// CHECK-LABEL: @float_canonical_forms
// CHECK-SAME: (%[[A:[a-z0-9]+]]: f32, %[[B:[a-z0-9]+]]: f32, %[[C:[a-z0-9]+]]: f64, %[[D:[a-z0-9]+]]: f64)
vm.module @m {
  vm.func @float_canonical_forms(%a : f32, %b : f32, %c : f64, %d : f64) -> (i32, i32, i32, i32, i32, i32, i32, i32) {
    %one = vm.const.i32 1
    // CHECK-DAG: %[[R0:.+]] = vm.cmp.lt.f32.o %[[B]], %[[A]] : f32
    %0 = vm.cmp.gt.f32.o %a, %b : f32
    // CHECK-DAG: %[[R1:.+]] = vm.cmp.lte.f64.u %[[D]], %[[C]] : f64
    %1 = vm.cmp.gte.f64.u %c, %d : f64
    // CHECK-DAG: %[[R2:.+]] = vm.cmp.ne.f32.u %[[A]], %[[B]] : f32
    %e2 = vm.cmp.eq.f32.o %a, %b : f32
    %2 = vm.xor.i32 %e2, %one : i32
    // CHECK-DAG: %[[R3:.+]] = vm.cmp.eq.f64.o %[[C]], %[[D]] : f64
    %e3 = vm.cmp.ne.f64.u %c, %d : f64
    %3 = vm.xor.i32 %e3, %one : i32
    // !(a <o b) is b <=u a.
    // CHECK-DAG: %[[R4:.+]] = vm.cmp.lte.f32.u %[[B]], %[[A]] : f32
    %e4 = vm.cmp.lt.f32.o %a, %b : f32
    %4 = vm.xor.i32 %e4, %one : i32
    // !(a <=u b) is b <o a.
    // CHECK-DAG: %[[R5:.+]] = vm.cmp.lt.f64.o %[[D]], %[[C]] : f64
    %e5 = vm.cmp.lte.f64.u %c, %d : f64
    %5 = vm.xor.i32 %e5, %one : i32
    // CHECK-DAG: %[[R6:.+]] = vm.cmp.eq.f32.o %[[A]], %[[B]] : f32
    %e6 = vm.cmp.ne.f32.u %a, %b : f32
    %6 = vm.xor.i32 %one, %e6 : i32
    // CHECK-DAG: %[[R7:.+]] = vm.cmp.lt.f32.u %[[B]], %[[A]] : f32
    %e7 = vm.cmp.lte.f32.o %a, %b : f32
    %7 = vm.xor.i32 %e7, %one : i32
    // CHECK-NOT: vm.xor.i32
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]], %[[R3]], %[[R4]], %[[R5]], %[[R6]], %[[R7]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7 : i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// CHECK-LABEL: @float_nz_and_nan
// CHECK-SAME: (%[[X:[a-z0-9]+]]: f32, %[[Y:[a-z0-9]+]]: f64)
vm.module @m {
  vm.func @float_nz_and_nan(%x : f32, %y : f64) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %pz = vm.const.f32 0.0
    %nz = vm.const.f32 -0.0
    %nan = vm.const.f32 0x7FC00000
    %three = vm.const.f32 3.0
    %dnan = vm.const.f64 0x7FF0000000000001
    %dinf = vm.const.f64 0xFFF0000000000000
    %0 = vm.cmp.nz.f32.o %pz : f32
    %1 = vm.cmp.nz.f32.o %nz : f32
    %2 = vm.cmp.nz.f32.o %nan : f32
    %3 = vm.cmp.nz.f32.u %nan : f32
    %4 = vm.cmp.nz.f32.u %three : f32
    %5 = vm.cmp.nz.f64.o %dinf : f64
    %6 = vm.cmp.nan.f32 %nan : f32
    %7 = vm.cmp.nan.f64 %dnan : f64
    %8 = vm.cmp.nan.f64 %dinf : f64
    // Non-constant non-zero tests become ne against zero.
    // CHECK-DAG: %[[FZ:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[NEO:.+]] = vm.cmp.ne.f32.o %[[X]], %[[FZ]] : f32
    %9 = vm.cmp.nz.f32.o %x : f32
    // CHECK-DAG: %[[DZ:.+]] = vm.const.f64.zero
    // CHECK-DAG: %[[NEU:.+]] = vm.cmp.ne.f64.u %[[Y]], %[[DZ]] : f64
    %10 = vm.cmp.nz.f64.u %y : f64
    // CHECK: vm.return %[[Z]], %[[Z]], %[[Z]], %[[O]], %[[O]], %[[O]], %[[O]], %[[O]], %[[Z]], %[[NEO]], %[[NEU]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// Near-equality of constants, as IREE's expansion computes it: operands on
// the same side of zero (x >= 0, ordered: -0.0 is on the non-negative side,
// NaN on the other) are near when their bit patterns are at most 99 apart
// (+0.0 and -0.0: |INT_MIN| = INT_MIN, near); operands on different sides
// only when equal (never, in fact).
// CHECK-LABEL: @near_constants
vm.module @m {
  vm.func @near_constants() -> (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %one = vm.const.f32 1.0
    %one_99 = vm.const.f32 0x3F800063
    %one_100 = vm.const.f32 0x3F800064
    %pz = vm.const.f32 0.0
    %nz = vm.const.f32 -0.0
    %tiny = vm.const.f32 0x00000001
    %ntiny = vm.const.f32 0x80000001
    %nan = vm.const.f32 0x7FC00000
    %nan_1 = vm.const.f32 0x7FC00001
    %d1 = vm.const.f64 1.0
    %d2 = vm.const.f64 0x3FF0000000001000
    %d3 = vm.const.f64 1.1
    %0 = vm.cmp.eq.f32.near %one, %one_99 : f32
    %1 = vm.cmp.eq.f32.near %one, %one_100 : f32
    %2 = vm.cmp.eq.f32.near %pz, %nz : f32
    %3 = vm.cmp.eq.f32.near %tiny, %ntiny : f32
    %4 = vm.cmp.eq.f32.near %nan, %nan_1 : f32
    %5 = vm.cmp.eq.f32.near %one_99, %one : f32
    %6 = vm.cmp.eq.f64.near %d1, %d2 : f64
    %7 = vm.cmp.eq.f64.near %d1, %d3 : f64
    // -0.0 is non-negative, -tiny negative: different sides, unequal.
    %8 = vm.cmp.eq.f32.near %nz, %ntiny : f32
    // NaN is on the negative side: a NaN and 1.0 are on different sides.
    %9 = vm.cmp.eq.f32.near %nan, %one : f32
    // CHECK: vm.return %[[O]], %[[Z]], %[[O]], %[[Z]], %[[O]], %[[O]], %[[O]], %[[Z]], %[[Z]], %[[Z]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : i32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}

// -----

// Near-equality of unknown values expands into real ops, without control
// flow; x near x folds to 1 (a NaN's bits equal its own).
// CHECK-LABEL: @near_expansion
// CHECK-SAME: (%[[A:[a-z0-9]+]]: f32, %[[B:[a-z0-9]+]]: f32)
vm.module @m {
  vm.func @near_expansion(%a : f32, %b : f32) -> (i32, i32) {
    // CHECK-DAG: %[[ZF:.+]] = vm.const.f32.zero
    // CHECK-DAG: %[[MAX:.+]] = vm.const.i32 100
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[NA:.+]] = vm.cmp.lte.f32.o %[[ZF]], %[[A]] : f32
    // CHECK-DAG: %[[NB:.+]] = vm.cmp.lte.f32.o %[[ZF]], %[[B]] : f32
    // CHECK-DAG: %[[SD:.+]] = vm.cmp.ne.i32 %[[NA]], %[[NB]] : i32
    // CHECK-DAG: %[[EQ:.+]] = vm.cmp.eq.f32.o %[[A]], %[[B]] : f32
    // CHECK-DAG: %[[BA:.+]] = vm.bitcast.f32.i32 %[[A]] : f32 -> i32
    // CHECK-DAG: %[[BB:.+]] = vm.bitcast.f32.i32 %[[B]] : f32 -> i32
    // CHECK-DAG: %[[DIFF:.+]] = vm.sub.i32 %[[BA]], %[[BB]] : i32
    // CHECK-DAG: %[[ABS:.+]] = vm.abs.i32 %[[DIFF]] : i32
    // CHECK-DAG: %[[ULP:.+]] = vm.cmp.lt.i32.s %[[ABS]], %[[MAX]] : i32
    // CHECK-DAG: %[[R:.+]] = vm.select.i32 %[[SD]], %[[EQ]], %[[ULP]] : i32
    %0 = vm.cmp.eq.f32.near %a, %b : f32
    %1 = vm.cmp.eq.f32.near %a, %a : f32
    // CHECK-NOT: vm.cmp.eq.f32.near
    // CHECK: vm.return %[[R]], %[[ONE]] :
    vm.return %0, %1 : i32, i32
  }
}

// -----

// CHECK-LABEL: @refs
// CHECK-SAME: (%[[A:[a-z0-9]+]]: !vm.buffer, %[[B:[a-z0-9]+]]: !vm.buffer)
vm.module @m {
  vm.func @refs(%a : !vm.buffer, %b : !vm.buffer) -> (i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[O:.+]] = vm.const.i32 1
    %null = vm.const.ref.zero : !vm.buffer
    %null2 = vm.const.ref.zero : !vm.buffer
    %one = vm.const.i32 1
    %0 = vm.cmp.eq.ref %a, %a : !vm.buffer
    %1 = vm.cmp.ne.ref %a, %a : !vm.buffer
    %2 = vm.cmp.eq.ref %null, %null2 : !vm.buffer
    %3 = vm.cmp.ne.ref %null, %null2 : !vm.buffer
    %4 = vm.cmp.nz.ref %null : !vm.buffer
    // CHECK-DAG: %[[NZ:.+]] = vm.cmp.nz.ref %[[A]] : !vm.buffer
    %5 = vm.cmp.ne.ref %a, %null : !vm.buffer
    // CHECK-DAG: %[[NZ2:.+]] = vm.cmp.nz.ref %[[A]] : !vm.buffer
    // CHECK-DAG: %[[ISNULL:.+]] = vm.xor.i32 %[[NZ2]], %[[O]] : i32
    %6 = vm.cmp.eq.ref %null, %a : !vm.buffer
    // CHECK-DAG: %[[NE:.+]] = vm.cmp.ne.ref %[[A]], %[[B]] : !vm.buffer
    %e7 = vm.cmp.eq.ref %a, %b : !vm.buffer
    %7 = vm.xor.i32 %e7, %one : i32
    // CHECK-DAG: %[[EQ:.+]] = vm.cmp.eq.ref %[[A]], %[[B]] : !vm.buffer
    %e8 = vm.cmp.ne.ref %a, %b : !vm.buffer
    %8 = vm.xor.i32 %e8, %one : i32
    // CHECK: vm.return %[[O]], %[[Z]], %[[O]], %[[Z]], %[[Z]], %[[NZ]], %[[ISNULL]], %[[NE]], %[[EQ]] :
    vm.return %0, %1, %2, %3, %4, %5, %6, %7, %8 : i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
}
