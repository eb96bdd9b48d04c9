// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// Integer add, sub and mul: constants wrap, identities hold for every value.

// CHECK-LABEL: vm.module public @add_sub_mul
vm.module @add_sub_mul {
  // CHECK-LABEL: vm.func @add_const
  vm.func @add_const() -> (i32, i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 12
    // CHECK-DAG: %[[B:.+]] = vm.const.i32 -2147483648
    // CHECK-DAG: %[[C:.+]] = vm.const.i64 -9223372036854775808
    // CHECK: vm.return %[[A]], %[[B]], %[[C]] : i32, i32, i64
    %c5 = vm.const.i32 5
    %c7 = vm.const.i32 7
    %0 = vm.add.i32 %c5, %c7 : i32
    %max = vm.const.i32 2147483647
    %c1 = vm.const.i32 1
    %1 = vm.add.i32 %max, %c1 : i32
    %max64 = vm.const.i64 9223372036854775807
    %c1_64 = vm.const.i64 1
    %2 = vm.add.i64 %max64, %c1_64 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // CHECK-LABEL: vm.func @add_zero
  vm.func @add_zero(%arg0 : i32, %arg1 : i64) -> (i32, i32, i64) {
    // CHECK-NOT: vm.add
    // CHECK: vm.return %arg0, %arg0, %arg1 : i32, i32, i64
    %zero = vm.const.i32.zero
    %0 = vm.add.i32 %arg0, %zero : i32
    %1 = vm.add.i32 %zero, %arg0 : i32
    %zero64 = vm.const.i64.zero
    %2 = vm.add.i64 %arg1, %zero64 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // Commutative ops get their constant operand on the right.
  // CHECK-LABEL: vm.func @add_constant_to_rhs
  vm.func @add_constant_to_rhs(%arg0 : i32) -> i32 {
    // CHECK: %[[C:.+]] = vm.const.i32 3
    // CHECK: %[[R:.+]] = vm.add.i32 %arg0, %[[C]] : i32
    // CHECK: vm.return %[[R]]
    %c3 = vm.const.i32 3
    %0 = vm.add.i32 %c3, %arg0 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @add_of_sub
  vm.func @add_of_sub(%arg0 : i32, %arg1 : i32) -> (i32, i32) {
    // CHECK-NOT: vm.add
    // CHECK: vm.return %arg0, %arg0 : i32, i32
    %0 = vm.sub.i32 %arg0, %arg1 : i32
    %1 = vm.add.i32 %0, %arg1 : i32
    %2 = vm.add.i32 %arg1, %0 : i32
    vm.return %1, %2 : i32, i32
  }

  // CHECK-LABEL: vm.func @sub_const
  vm.func @sub_const() -> (i32, i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 -2
    // CHECK-DAG: %[[B:.+]] = vm.const.i32 2147483647
    // CHECK-DAG: %[[C:.+]] = vm.const.i64 9223372036854775807
    // CHECK: vm.return %[[A]], %[[B]], %[[C]] : i32, i32, i64
    %c3 = vm.const.i32 3
    %c5 = vm.const.i32 5
    %0 = vm.sub.i32 %c3, %c5 : i32
    %min = vm.const.i32 -2147483648
    %c1 = vm.const.i32 1
    %1 = vm.sub.i32 %min, %c1 : i32
    %min64 = vm.const.i64 -9223372036854775808
    %c1_64 = vm.const.i64 1
    %2 = vm.sub.i64 %min64, %c1_64 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // CHECK-LABEL: vm.func @sub_identities
  vm.func @sub_identities(%arg0 : i32, %arg1 : i32, %arg2 : i64) -> (i32, i32, i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-NOT: vm.sub
    // CHECK: vm.return %arg0, %[[Z]], %arg1, %arg0, %[[Z64]] : i32, i32, i32, i32, i64
    %zero = vm.const.i32.zero
    %0 = vm.sub.i32 %arg0, %zero : i32
    %1 = vm.sub.i32 %arg0, %arg0 : i32
    %sum = vm.add.i32 %arg0, %arg1 : i32
    %2 = vm.sub.i32 %sum, %arg0 : i32
    %3 = vm.sub.i32 %sum, %arg1 : i32
    %4 = vm.sub.i64 %arg2, %arg2 : i64
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i64
  }

  // sub is not commutative: a constant lhs stays where it is.
  // CHECK-LABEL: vm.func @sub_from_zero
  vm.func @sub_from_zero(%arg0 : i32) -> i32 {
    // CHECK: %[[Z:.+]] = vm.const.i32.zero
    // CHECK: %[[R:.+]] = vm.sub.i32 %[[Z]], %arg0 : i32
    // CHECK: vm.return %[[R]]
    %zero = vm.const.i32.zero
    %0 = vm.sub.i32 %zero, %arg0 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @mul_const
  vm.func @mul_const() -> (i32, i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 -42
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[C:.+]] = vm.const.i64 -8589934592
    // CHECK: vm.return %[[A]], %[[Z]], %[[C]] : i32, i32, i64
    %c6 = vm.const.i32 6
    %cm7 = vm.const.i32 -7
    %0 = vm.mul.i32 %c6, %cm7 : i32
    %c65536 = vm.const.i32 65536
    %1 = vm.mul.i32 %c65536, %c65536 : i32
    %big = vm.const.i64 4294967295
    %cm2 = vm.const.i64 -2
    %p = vm.mul.i64 %big, %cm2 : i64
    %cm2b = vm.const.i64 2
    %2 = vm.sub.i64 %p, %cm2b : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // CHECK-LABEL: vm.func @mul_identities
  vm.func @mul_identities(%arg0 : i32, %arg1 : i64) -> (i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-NOT: vm.mul
    // CHECK: vm.return %[[Z]], %arg0, %arg1 : i32, i32, i64
    %zero = vm.const.i32.zero
    %c1 = vm.const.i32 1
    %0 = vm.mul.i32 %zero, %arg0 : i32
    %1 = vm.mul.i32 %arg0, %c1 : i32
    %c1_64 = vm.const.i64 1
    %2 = vm.mul.i64 %c1_64, %arg1 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // (x * c1) * c2 -> x * (c1 * c2)
  // CHECK-LABEL: vm.func @mul_reassociate
  vm.func @mul_reassociate(%arg0 : i32) -> i32 {
    // CHECK: %[[C:.+]] = vm.const.i32 15
    // CHECK: %[[R:.+]] = vm.mul.i32 %arg0, %[[C]] : i32
    // CHECK-NEXT: vm.return %[[R]]
    %c3 = vm.const.i32 3
    %c5 = vm.const.i32 5
    %0 = vm.mul.i32 %arg0, %c3 : i32
    %1 = vm.mul.i32 %0, %c5 : i32
    vm.return %1 : i32
  }

  // CHECK-LABEL: vm.func @fuse_mul_add
  vm.func @fuse_mul_add(%arg0 : i32, %arg1 : i32, %arg2 : i32, %arg3 : i64, %arg4 : i64) -> (i32, i64) {
    // CHECK-DAG: %[[R0:.+]] = vm.fma.i32 %arg0, %arg1, %arg2 : i32
    // CHECK-DAG: %[[R1:.+]] = vm.fma.i64 %arg3, %arg4, %arg3 : i64
    // CHECK: vm.return %[[R0]], %[[R1]]
    %0 = vm.mul.i32 %arg0, %arg1 : i32
    %1 = vm.add.i32 %arg2, %0 : i32
    %2 = vm.mul.i64 %arg3, %arg4 : i64
    %3 = vm.add.i64 %2, %arg3 : i64
    vm.return %1, %3 : i32, i64
  }

  // A product with another use is kept as it is.
  // CHECK-LABEL: vm.func @no_fuse_shared_mul
  vm.func @no_fuse_shared_mul(%arg0 : i32, %arg1 : i32, %arg2 : i32) -> (i32, i32) {
    // CHECK: %[[M:.+]] = vm.mul.i32 %arg0, %arg1 : i32
    // CHECK: %[[A:.+]] = vm.add.i32 %[[M]], %arg2 : i32
    // CHECK: vm.return %[[A]], %[[M]]
    %0 = vm.mul.i32 %arg0, %arg1 : i32
    %1 = vm.add.i32 %0, %arg2 : i32
    vm.return %1, %0 : i32, i32
  }
}

// -----

// Division and remainder: never folded when the divisor is (or may be) zero.

// CHECK-LABEL: vm.module public @div_rem
vm.module @div_rem {
  // CHECK-LABEL: vm.func @div_s_const
  vm.func @div_s_const() -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 -3
    // CHECK-DAG: %[[MIN:.+]] = vm.const.i32 -2147483648
    // CHECK-DAG: %[[MIN64:.+]] = vm.const.i64 -9223372036854775808
    // CHECK-NOT: vm.div
    // CHECK: vm.return %[[A]], %[[A]], %[[MIN]], %[[MIN64]] : i32, i32, i32, i64
    %c7 = vm.const.i32 7
    %cm7 = vm.const.i32 -7
    %c2 = vm.const.i32 2
    %cm2 = vm.const.i32 -2
    %0 = vm.div.i32.s %c7, %cm2 : i32
    %1 = vm.div.i32.s %cm7, %c2 : i32
    %min = vm.const.i32 -2147483648
    %cm1 = vm.const.i32 -1
    %2 = vm.div.i32.s %min, %cm1 : i32
    %min64 = vm.const.i64 -9223372036854775808
    %cm1_64 = vm.const.i64 -1
    %3 = vm.div.i64.s %min64, %cm1_64 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @div_u_const
  vm.func @div_u_const() -> (i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 2147483647
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 6148914691236517205
    // CHECK: vm.return %[[A]], %[[B]] : i32, i64
    %cm1 = vm.const.i32 -1
    %c2 = vm.const.i32 2
    %0 = vm.div.i32.u %cm1, %c2 : i32
    %cm1_64 = vm.const.i64 -1
    %c3 = vm.const.i64 3
    %1 = vm.div.i64.u %cm1_64, %c3 : i64
    vm.return %0, %1 : i32, i64
  }

  // CHECK-LABEL: vm.func @div_by_one
  vm.func @div_by_one(%arg0 : i32, %arg1 : i64) -> (i32, i64) {
    // CHECK-NOT: vm.div
    // CHECK: vm.return %arg0, %arg1 : i32, i64
    %c1 = vm.const.i32 1
    %0 = vm.div.i32.s %arg0, %c1 : i32
    %c1_64 = vm.const.i64 1
    %1 = vm.div.i64.u %arg1, %c1_64 : i64
    vm.return %0, %1 : i32, i64
  }

  // Division by zero fails at run time; folding would hide the failure.
  // CHECK-LABEL: vm.func @div_by_zero_not_folded
  vm.func @div_by_zero_not_folded(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[C5:.+]] = vm.const.i32 5
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-DAG: %[[R0:.+]] = vm.div.i32.s %arg0, %[[Z]] : i32
    // CHECK-DAG: %[[R1:.+]] = vm.div.i32.u %[[C5]], %[[Z]] : i32
    // CHECK-DAG: %[[R2:.+]] = vm.div.i32.s %[[Z]], %arg0 : i32
    // CHECK-DAG: %[[R3:.+]] = vm.div.i64.u %arg1, %[[Z64]] : i64
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]], %[[R3]]
    %zero = vm.const.i32.zero
    %c5 = vm.const.i32 5
    %0 = vm.div.i32.s %arg0, %zero : i32
    %1 = vm.div.i32.u %c5, %zero : i32
    // 0 / x fails when x is 0, so it is not 0 either.
    %2 = vm.div.i32.s %zero, %arg0 : i32
    %zero64 = vm.const.i64.zero
    %3 = vm.div.i64.u %arg1, %zero64 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @rem_const
  vm.func @rem_const() -> (i32, i32, i32, i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 -1
    // CHECK-DAG: %[[B:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[C:.+]] = vm.const.i32 5
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-NOT: vm.rem
    // CHECK: vm.return %[[A]], %[[B]], %[[Z]], %[[C]], %[[Z64]] : i32, i32, i32, i32, i64
    %cm7 = vm.const.i32 -7
    %c7 = vm.const.i32 7
    %c2 = vm.const.i32 2
    %cm2 = vm.const.i32 -2
    %0 = vm.rem.i32.s %cm7, %c2 : i32
    %1 = vm.rem.i32.s %c7, %cm2 : i32
    %min = vm.const.i32 -2147483648
    %cm1 = vm.const.i32 -1
    %2 = vm.rem.i32.s %min, %cm1 : i32
    %c10 = vm.const.i32 10
    %3 = vm.rem.i32.u %cm1, %c10 : i32
    %min64 = vm.const.i64 -9223372036854775808
    %cm1_64 = vm.const.i64 -1
    %4 = vm.rem.i64.s %min64, %cm1_64 : i64
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @rem_identities
  vm.func @rem_identities(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-NOT: vm.rem
    // CHECK: vm.return %[[Z]], %[[Z]], %[[Z]], %[[Z64]] : i32, i32, i32, i64
    %c1 = vm.const.i32 1
    %cm1 = vm.const.i32 -1
    %0 = vm.rem.i32.s %arg0, %c1 : i32
    %1 = vm.rem.i32.s %arg0, %cm1 : i32
    %2 = vm.rem.i32.u %arg0, %c1 : i32
    %c1_64 = vm.const.i64 1
    %3 = vm.rem.i64.u %arg1, %c1_64 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @rem_not_folded
  vm.func @rem_not_folded(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[M1:.+]] = vm.const.i32 -1
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-DAG: %[[R0:.+]] = vm.rem.i32.s %arg0, %[[Z]] : i32
    // CHECK-DAG: %[[R1:.+]] = vm.rem.i32.u %[[Z]], %arg0 : i32
    // CHECK-DAG: %[[R2:.+]] = vm.rem.i32.u %arg0, %[[M1]] : i32
    // CHECK-DAG: %[[R3:.+]] = vm.rem.i64.s %arg1, %[[Z64]] : i64
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]], %[[R3]]
    %zero = vm.const.i32.zero
    %0 = vm.rem.i32.s %arg0, %zero : i32
    %1 = vm.rem.i32.u %zero, %arg0 : i32
    // Unsigned x % 0xFFFFFFFF is x, except 0 for x = 0xFFFFFFFF.
    %cm1 = vm.const.i32 -1
    %2 = vm.rem.i32.u %arg0, %cm1 : i32
    %zero64 = vm.const.i64.zero
    %3 = vm.rem.i64.s %arg1, %zero64 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }
}

// -----

// fma, abs, min and max.

// CHECK-LABEL: vm.module public @fma_abs_min_max
vm.module @fma_abs_min_max {
  // CHECK-LABEL: vm.func @fma_const
  vm.func @fma_const() -> (i32, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 17
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 -4294967295
    // CHECK: vm.return %[[A]], %[[B]] : i32, i64
    %c3 = vm.const.i32 3
    %c4 = vm.const.i32 4
    %c5 = vm.const.i32 5
    %0 = vm.fma.i32 %c3, %c4, %c5 : i32
    // 0x100000000 * 0x7FFFFFFF... wraps: 2^32 * (2^32 - 1) + 1 = -2^32 + 1.
    %a = vm.const.i64 4294967296
    %b = vm.const.i64 4294967295
    %c = vm.const.i64 1
    %1 = vm.fma.i64 %a, %b, %c : i64
    vm.return %0, %1 : i32, i64
  }

  // CHECK-LABEL: vm.func @fma_identities
  vm.func @fma_identities(%arg0 : i32, %arg1 : i32, %arg2 : i32) -> (i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[ADD0:.+]] = vm.add.i32 %arg1, %arg2 : i32
    // CHECK-DAG: %[[ADD1:.+]] = vm.add.i32 %arg0, %arg2 : i32
    // CHECK-DAG: %[[MUL:.+]] = vm.mul.i32 %arg0, %arg1 : i32
    // CHECK-NOT: vm.fma
    // CHECK: vm.return %arg2, %arg2, %[[ADD0]], %[[ADD1]], %[[MUL]]
    %zero = vm.const.i32.zero
    %c1 = vm.const.i32 1
    %0 = vm.fma.i32 %zero, %arg1, %arg2 : i32
    %1 = vm.fma.i32 %arg0, %zero, %arg2 : i32
    %2 = vm.fma.i32 %c1, %arg1, %arg2 : i32
    %3 = vm.fma.i32 %arg0, %c1, %arg2 : i32
    %4 = vm.fma.i32 %arg0, %arg1, %zero : i32
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i32
  }

  // CHECK-LABEL: vm.func @abs
  vm.func @abs(%arg0 : i32) -> (i32, i32, i64, i32) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 5
    // CHECK-DAG: %[[MIN:.+]] = vm.const.i32 -2147483648
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 9223372036854775807
    // CHECK-DAG: %[[ABS:.+]] = vm.abs.i32 %arg0 : i32
    // CHECK-NOT: vm.abs
    // CHECK: vm.return %[[A]], %[[MIN]], %[[B]], %[[ABS]]
    %cm5 = vm.const.i32 -5
    %0 = vm.abs.i32 %cm5 : i32
    // The most negative value has no positive counterpart: it wraps.
    %min = vm.const.i32 -2147483648
    %1 = vm.abs.i32 %min : i32
    %c = vm.const.i64 -9223372036854775807
    %2 = vm.abs.i64 %c : i64
    %3 = vm.abs.i32 %arg0 : i32
    %4 = vm.abs.i32 %3 : i32
    vm.return %0, %1, %2, %4 : i32, i32, i64, i32
  }

  // CHECK-LABEL: vm.func @min_max_const
  vm.func @min_max_const() -> (i32, i32, i32, i32, i64, i64) {
    // CHECK-DAG: %[[M1:.+]] = vm.const.i32 -1
    // CHECK-DAG: %[[P1:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[M1_64:.+]] = vm.const.i64 -1
    // CHECK-DAG: %[[P1_64:.+]] = vm.const.i64 1
    // CHECK: vm.return %[[M1]], %[[P1]], %[[P1]], %[[M1]], %[[P1_64]], %[[M1_64]]
    %cm1 = vm.const.i32 -1
    %c1 = vm.const.i32 1
    %0 = vm.min.i32.s %cm1, %c1 : i32
    %1 = vm.min.i32.u %cm1, %c1 : i32
    %2 = vm.max.i32.s %cm1, %c1 : i32
    %3 = vm.max.i32.u %cm1, %c1 : i32
    %cm1_64 = vm.const.i64 -1
    %c1_64 = vm.const.i64 1
    %4 = vm.min.i64.u %cm1_64, %c1_64 : i64
    %5 = vm.max.i64.u %cm1_64, %c1_64 : i64
    vm.return %0, %1, %2, %3, %4, %5 : i32, i32, i32, i32, i64, i64
  }

  // CHECK-LABEL: vm.func @min_max_same
  vm.func @min_max_same(%arg0 : i32, %arg1 : i64) -> (i32, i32, i64, i64) {
    // CHECK-NOT: vm.min
    // CHECK-NOT: vm.max
    // CHECK: vm.return %arg0, %arg0, %arg1, %arg1
    %0 = vm.min.i32.s %arg0, %arg0 : i32
    %1 = vm.max.i32.u %arg0, %arg0 : i32
    %2 = vm.min.i64.u %arg1, %arg1 : i64
    %3 = vm.max.i64.s %arg1, %arg1 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i64, i64
  }

  // The extremes of each order decide or drop out of min/max.
  // CHECK-LABEL: vm.func @min_max_bounds
  vm.func @min_max_bounds(%arg0 : i32) -> (i32, i32, i32, i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[SMIN:.+]] = vm.const.i32 -2147483648
    // CHECK-DAG: %[[SMAX:.+]] = vm.const.i32 2147483647
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[UMAX:.+]] = vm.const.i32 -1
    // CHECK-NOT: vm.min
    // CHECK-NOT: vm.max
    // CHECK: vm.return %[[SMIN]], %arg0, %[[Z]], %arg0, %[[SMAX]], %arg0, %[[UMAX]], %arg0
    %smin = vm.const.i32 -2147483648
    %smax = vm.const.i32 2147483647
    %zero = vm.const.i32.zero
    %umax = vm.const.i32 -1
    %0 = vm.min.i32.s %arg0, %smin : i32
    %1 = vm.min.i32.s %smax, %arg0 : i32
    %2 = vm.min.i32.u %zero, %arg0 : i32
    %3 = vm.min.i32.u %arg0, %umax : i32
    %4 = vm.max.i32.s %arg0, %smax : i32
    %5 = vm.max.i32.s %arg0, %smin : i32
    %6 = vm.max.i32.u %umax, %arg0 : i32
    %7 = vm.max.i32.u %arg0, %zero : i32
    vm.return %0, %1, %2, %3, %4, %5, %6, %7 : i32, i32, i32, i32, i32, i32, i32, i32
  }

  // CHECK-LABEL: vm.func @min_max_not_folded
  vm.func @min_max_not_folded(%arg0 : i32, %arg1 : i64) -> (i32, i64) {
    // CHECK: vm.min.i32.s %arg0, %{{.+}} : i32
    // CHECK: vm.max.i64.u %arg1, %{{.+}} : i64
    %zero = vm.const.i32.zero
    %0 = vm.min.i32.s %arg0, %zero : i32
    %c = vm.const.i64 9223372036854775807
    %1 = vm.max.i64.u %arg1, %c : i64
    vm.return %0, %1 : i32, i64
  }
}

// -----

// Bitwise ops and ctlz.

// CHECK-LABEL: vm.module public @bitwise
vm.module @bitwise {
  // CHECK-LABEL: vm.func @bitwise_const
  vm.func @bitwise_const() -> (i32, i32, i32, i32, i64) {
    // CHECK-DAG: %[[NOT:.+]] = vm.const.i32 -13
    // CHECK-DAG: %[[AND:.+]] = vm.const.i32 8
    // CHECK-DAG: %[[OR:.+]] = vm.const.i32 14
    // CHECK-DAG: %[[XOR:.+]] = vm.const.i32 6
    // CHECK-DAG: %[[NOT64:.+]] = vm.const.i64 -1
    // CHECK: vm.return %[[NOT]], %[[AND]], %[[OR]], %[[XOR]], %[[NOT64]]
    %c12 = vm.const.i32 12
    %c10 = vm.const.i32 10
    %0 = vm.not.i32 %c12 : i32
    %1 = vm.and.i32 %c12, %c10 : i32
    %2 = vm.or.i32 %c12, %c10 : i32
    %3 = vm.xor.i32 %c12, %c10 : i32
    %zero64 = vm.const.i64.zero
    %4 = vm.not.i64 %zero64 : i64
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @not_not
  vm.func @not_not(%arg0 : i32, %arg1 : i64) -> (i32, i64) {
    // CHECK-NOT: vm.not
    // CHECK: vm.return %arg0, %arg1
    %0 = vm.not.i32 %arg0 : i32
    %1 = vm.not.i32 %0 : i32
    %2 = vm.not.i64 %arg1 : i64
    %3 = vm.not.i64 %2 : i64
    vm.return %1, %3 : i32, i64
  }

  // CHECK-LABEL: vm.func @and_identities
  vm.func @and_identities(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-NOT: vm.and
    // CHECK: vm.return %[[Z]], %arg0, %arg0, %arg1
    %zero = vm.const.i32.zero
    %ones = vm.const.i32 -1
    %0 = vm.and.i32 %zero, %arg0 : i32
    %1 = vm.and.i32 %arg0, %ones : i32
    %2 = vm.and.i32 %arg0, %arg0 : i32
    %3 = vm.and.i64 %arg1, %arg1 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @or_identities
  vm.func @or_identities(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64) {
    // CHECK-DAG: %[[ONES:.+]] = vm.const.i32 -1
    // CHECK-NOT: vm.or
    // CHECK: vm.return %arg0, %[[ONES]], %arg0, %arg1
    %zero = vm.const.i32.zero
    %ones = vm.const.i32 -1
    %0 = vm.or.i32 %zero, %arg0 : i32
    %1 = vm.or.i32 %arg0, %ones : i32
    %2 = vm.or.i32 %arg0, %arg0 : i32
    %zero64 = vm.const.i64.zero
    %3 = vm.or.i64 %arg1, %zero64 : i64
    vm.return %0, %1, %2, %3 : i32, i32, i32, i64
  }

  // CHECK-LABEL: vm.func @xor_identities
  vm.func @xor_identities(%arg0 : i32, %arg1 : i64) -> (i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[Z64:.+]] = vm.const.i64.zero
    // CHECK-NOT: vm.xor
    // CHECK: vm.return %arg0, %[[Z]], %[[Z64]]
    %zero = vm.const.i32.zero
    %0 = vm.xor.i32 %zero, %arg0 : i32
    %1 = vm.xor.i32 %arg0, %arg0 : i32
    %2 = vm.xor.i64 %arg1, %arg1 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // CHECK-LABEL: vm.func @xor_not_folded
  vm.func @xor_not_folded(%arg0 : i32) -> i32 {
    // CHECK: %[[R:.+]] = vm.xor.i32 %arg0, %{{.+}} : i32
    // CHECK: vm.return %[[R]]
    %ones = vm.const.i32 -1
    %0 = vm.xor.i32 %ones, %arg0 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @ctlz
  vm.func @ctlz() -> (i32, i32, i32, i64, i64) {
    // CHECK-DAG: %[[W:.+]] = vm.const.i32 32
    // CHECK-DAG: %[[A:.+]] = vm.const.i32 31
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[W64:.+]] = vm.const.i64 64
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 31
    // CHECK-NOT: vm.ctlz
    // CHECK: vm.return %[[W]], %[[A]], %[[Z]], %[[W64]], %[[B]]
    %zero = vm.const.i32.zero
    %c1 = vm.const.i32 1
    %cm1 = vm.const.i32 -1
    %0 = vm.ctlz.i32 %zero : i32
    %1 = vm.ctlz.i32 %c1 : i32
    %2 = vm.ctlz.i32 %cm1 : i32
    %zero64 = vm.const.i64.zero
    %c = vm.const.i64 4294967296
    %3 = vm.ctlz.i64 %zero64 : i64
    %4 = vm.ctlz.i64 %c : i64
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i64, i64
  }
}

// -----

// Shifts: the amount is taken modulo the bit width.

// CHECK-LABEL: vm.module public @shifts
vm.module @shifts {
  // CHECK-LABEL: vm.func @shift_const_i32
  vm.func @shift_const_i32() -> (i32, i32, i32, i32, i32) {
    // CHECK-DAG: %[[MIN:.+]] = vm.const.i32 -2147483648
    // CHECK-DAG: %[[C1:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[M1:.+]] = vm.const.i32 -1
    // CHECK-DAG: %[[C2:.+]] = vm.const.i32 2
    // CHECK-NOT: vm.sh
    // CHECK: vm.return %[[MIN]], %[[C2]], %[[M1]], %[[C1]], %[[MIN]]
    %c1 = vm.const.i32 1
    %c31 = vm.const.i32 31
    %c33 = vm.const.i32 33
    %min = vm.const.i32 -2147483648
    %0 = vm.shl.i32 %c1, %c31 : i32
    // 33 & 31 = 1
    %1 = vm.shl.i32 %c1, %c33 : i32
    %2 = vm.shr.i32.s %min, %c31 : i32
    %3 = vm.shr.i32.u %min, %c31 : i32
    // -1 & 31 = 31
    %cm1 = vm.const.i32 -1
    %4 = vm.shl.i32 %c1, %cm1 : i32
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i32, i32
  }

  // CHECK-LABEL: vm.func @shift_const_i64
  vm.func @shift_const_i64() -> (i64, i64, i64, i64) {
    // CHECK-DAG: %[[A:.+]] = vm.const.i64 4294967296
    // CHECK-DAG: %[[B:.+]] = vm.const.i64 2
    // CHECK-DAG: %[[M1:.+]] = vm.const.i64 -1
    // CHECK-DAG: %[[C1:.+]] = vm.const.i64 1
    // CHECK-NOT: vm.sh
    // CHECK: vm.return %[[A]], %[[B]], %[[M1]], %[[C1]]
    %c1 = vm.const.i64 1
    %min = vm.const.i64 -9223372036854775808
    %c32 = vm.const.i32 32
    %c63 = vm.const.i32 63
    %c65 = vm.const.i32 65
    %0 = vm.shl.i64 %c1, %c32 : i64
    // 65 & 63 = 1
    %1 = vm.shl.i64 %c1, %c65 : i64
    %2 = vm.shr.i64.s %min, %c63 : i64
    %3 = vm.shr.i64.u %min, %c63 : i64
    vm.return %0, %1, %2, %3 : i64, i64, i64, i64
  }

  // An amount that masks to zero leaves the operand unchanged.
  // CHECK-LABEL: vm.func @shift_by_zero
  vm.func @shift_by_zero(%arg0 : i32, %arg1 : i64) -> (i32, i32, i32, i64, i64) {
    // CHECK-NOT: vm.sh
    // CHECK: vm.return %arg0, %arg0, %arg0, %arg1, %arg1
    %zero = vm.const.i32.zero
    %c32 = vm.const.i32 32
    %c64 = vm.const.i32 64
    %0 = vm.shl.i32 %arg0, %zero : i32
    %1 = vm.shr.i32.s %arg0, %c32 : i32
    %2 = vm.shr.i32.u %arg0, %c64 : i32
    %3 = vm.shl.i64 %arg1, %c64 : i64
    %4 = vm.shr.i64.u %arg1, %zero : i64
    vm.return %0, %1, %2, %3, %4 : i32, i32, i32, i64, i64
  }

  // Zero shifted either way is zero; all ones shifted right arithmetically is
  // all ones.
  // CHECK-LABEL: vm.func @shift_fixed_operand
  vm.func @shift_fixed_operand(%arg0 : i32) -> (i32, i32, i64) {
    // CHECK-DAG: %[[Z:.+]] = vm.const.i32.zero
    // CHECK-DAG: %[[M1:.+]] = vm.const.i32 -1
    // CHECK-DAG: %[[M1_64:.+]] = vm.const.i64 -1
    // CHECK-NOT: vm.sh
    // CHECK: vm.return %[[Z]], %[[M1]], %[[M1_64]]
    %zero = vm.const.i32.zero
    %cm1 = vm.const.i32 -1
    %0 = vm.shl.i32 %zero, %arg0 : i32
    %1 = vm.shr.i32.s %cm1, %arg0 : i32
    %cm1_64 = vm.const.i64 -1
    %2 = vm.shr.i64.s %cm1_64, %arg0 : i64
    vm.return %0, %1, %2 : i32, i32, i64
  }

  // CHECK-LABEL: vm.func @shift_not_folded
  vm.func @shift_not_folded(%arg0 : i32, %arg1 : i64) -> (i32, i64, i32) {
    // CHECK-DAG: %[[R0:.+]] = vm.shr.i32.u %{{.+}}, %arg0 : i32
    // CHECK-DAG: %[[R1:.+]] = vm.shl.i64 %arg1, %{{.+}} : i64
    // CHECK-DAG: %[[R2:.+]] = vm.shr.i32.s %arg0, %{{.+}} : i32
    // CHECK: vm.return %[[R0]], %[[R1]], %[[R2]]
    %cm1 = vm.const.i32 -1
    %0 = vm.shr.i32.u %cm1, %arg0 : i32
    // 32 is a real shift amount for an i64.
    %c32 = vm.const.i32 32
    %1 = vm.shl.i64 %arg1, %c32 : i64
    %c33 = vm.const.i32 33
    %2 = vm.shr.i32.s %arg0, %c33 : i32
    vm.return %0, %1, %2 : i32, i64, i32
  }
}
