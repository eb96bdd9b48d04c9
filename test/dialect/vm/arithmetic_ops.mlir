// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Round trip of the integer and float arithmetic ops, every width.

// int_i32
// CHECK-LABEL: vm.module public @int_i32
vm.module @int_i32 {
  // CHECK-LABEL: vm.func @add_i32
  vm.func @add_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.add.i32 %arg0, %arg1 : i32
    %0 = vm.add.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @sub_i32
  vm.func @sub_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.sub.i32 %arg0, %arg1 : i32
    %0 = vm.sub.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @mul_i32
  vm.func @mul_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.mul.i32 %arg0, %arg1 : i32
    %0 = vm.mul.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @div_i32_s
  vm.func @div_i32_s(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.div.i32.s %arg0, %arg1 : i32
    %0 = vm.div.i32.s %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @div_i32_u
  vm.func @div_i32_u(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.div.i32.u %arg0, %arg1 : i32
    %0 = vm.div.i32.u %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @rem_i32_s
  vm.func @rem_i32_s(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.rem.i32.s %arg0, %arg1 : i32
    %0 = vm.rem.i32.s %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @rem_i32_u
  vm.func @rem_i32_u(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.rem.i32.u %arg0, %arg1 : i32
    %0 = vm.rem.i32.u %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @min_i32_s
  vm.func @min_i32_s(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.min.i32.s %arg0, %arg1 : i32
    %0 = vm.min.i32.s %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @min_i32_u
  vm.func @min_i32_u(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.min.i32.u %arg0, %arg1 : i32
    %0 = vm.min.i32.u %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @max_i32_s
  vm.func @max_i32_s(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.max.i32.s %arg0, %arg1 : i32
    %0 = vm.max.i32.s %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @max_i32_u
  vm.func @max_i32_u(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.max.i32.u %arg0, %arg1 : i32
    %0 = vm.max.i32.u %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @and_i32
  vm.func @and_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.and.i32 %arg0, %arg1 : i32
    %0 = vm.and.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @or_i32
  vm.func @or_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.or.i32 %arg0, %arg1 : i32
    %0 = vm.or.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @xor_i32
  vm.func @xor_i32(%arg0 : i32, %arg1 : i32) -> i32 {
    // CHECK: %0 = vm.xor.i32 %arg0, %arg1 : i32
    %0 = vm.xor.i32 %arg0, %arg1 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @fma_i32
  vm.func @fma_i32(%arg0 : i32, %arg1 : i32, %arg2 : i32) -> i32 {
    // CHECK: %0 = vm.fma.i32 %arg0, %arg1, %arg2 : i32
    %0 = vm.fma.i32 %arg0, %arg1, %arg2 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @abs_i32
  vm.func @abs_i32(%arg0 : i32) -> i32 {
    // CHECK: %0 = vm.abs.i32 %arg0 : i32
    %0 = vm.abs.i32 %arg0 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @not_i32
  vm.func @not_i32(%arg0 : i32) -> i32 {
    // CHECK: %0 = vm.not.i32 %arg0 : i32
    %0 = vm.not.i32 %arg0 : i32
    vm.return %0 : i32
  }

  // CHECK-LABEL: vm.func @ctlz_i32
  vm.func @ctlz_i32(%arg0 : i32) -> i32 {
    // CHECK: %0 = vm.ctlz.i32 %arg0 : i32
    %0 = vm.ctlz.i32 %arg0 : i32
    vm.return %0 : i32
  }
}

// -----

// int_i64
// CHECK-LABEL: vm.module public @int_i64
vm.module @int_i64 {
  // CHECK-LABEL: vm.func @add_i64
  vm.func @add_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.add.i64 %arg0, %arg1 : i64
    %0 = vm.add.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @sub_i64
  vm.func @sub_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.sub.i64 %arg0, %arg1 : i64
    %0 = vm.sub.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @mul_i64
  vm.func @mul_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.mul.i64 %arg0, %arg1 : i64
    %0 = vm.mul.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @div_i64_s
  vm.func @div_i64_s(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.div.i64.s %arg0, %arg1 : i64
    %0 = vm.div.i64.s %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @div_i64_u
  vm.func @div_i64_u(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.div.i64.u %arg0, %arg1 : i64
    %0 = vm.div.i64.u %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @rem_i64_s
  vm.func @rem_i64_s(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.rem.i64.s %arg0, %arg1 : i64
    %0 = vm.rem.i64.s %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @rem_i64_u
  vm.func @rem_i64_u(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.rem.i64.u %arg0, %arg1 : i64
    %0 = vm.rem.i64.u %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @min_i64_s
  vm.func @min_i64_s(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.min.i64.s %arg0, %arg1 : i64
    %0 = vm.min.i64.s %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @min_i64_u
  vm.func @min_i64_u(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.min.i64.u %arg0, %arg1 : i64
    %0 = vm.min.i64.u %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @max_i64_s
  vm.func @max_i64_s(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.max.i64.s %arg0, %arg1 : i64
    %0 = vm.max.i64.s %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @max_i64_u
  vm.func @max_i64_u(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.max.i64.u %arg0, %arg1 : i64
    %0 = vm.max.i64.u %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @and_i64
  vm.func @and_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.and.i64 %arg0, %arg1 : i64
    %0 = vm.and.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @or_i64
  vm.func @or_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.or.i64 %arg0, %arg1 : i64
    %0 = vm.or.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @xor_i64
  vm.func @xor_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // CHECK: %0 = vm.xor.i64 %arg0, %arg1 : i64
    %0 = vm.xor.i64 %arg0, %arg1 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @fma_i64
  vm.func @fma_i64(%arg0 : i64, %arg1 : i64, %arg2 : i64) -> i64 {
    // CHECK: %0 = vm.fma.i64 %arg0, %arg1, %arg2 : i64
    %0 = vm.fma.i64 %arg0, %arg1, %arg2 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @abs_i64
  vm.func @abs_i64(%arg0 : i64) -> i64 {
    // CHECK: %0 = vm.abs.i64 %arg0 : i64
    %0 = vm.abs.i64 %arg0 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @not_i64
  vm.func @not_i64(%arg0 : i64) -> i64 {
    // CHECK: %0 = vm.not.i64 %arg0 : i64
    %0 = vm.not.i64 %arg0 : i64
    vm.return %0 : i64
  }

  // CHECK-LABEL: vm.func @ctlz_i64
  vm.func @ctlz_i64(%arg0 : i64) -> i64 {
    // CHECK: %0 = vm.ctlz.i64 %arg0 : i64
    %0 = vm.ctlz.i64 %arg0 : i64
    vm.return %0 : i64
  }
}

// -----

// float_f32
// CHECK-LABEL: vm.module public @float_f32
vm.module @float_f32 {
  // CHECK-LABEL: vm.func @add_f32
  vm.func @add_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.add.f32 %arg0, %arg1 : f32
    %0 = vm.add.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @sub_f32
  vm.func @sub_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.sub.f32 %arg0, %arg1 : f32
    %0 = vm.sub.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @mul_f32
  vm.func @mul_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.mul.f32 %arg0, %arg1 : f32
    %0 = vm.mul.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @div_f32
  vm.func @div_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.div.f32 %arg0, %arg1 : f32
    %0 = vm.div.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @rem_f32
  vm.func @rem_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.rem.f32 %arg0, %arg1 : f32
    %0 = vm.rem.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @min_f32
  vm.func @min_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.min.f32 %arg0, %arg1 : f32
    %0 = vm.min.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @max_f32
  vm.func @max_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.max.f32 %arg0, %arg1 : f32
    %0 = vm.max.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @fma_f32
  vm.func @fma_f32(%arg0 : f32, %arg1 : f32, %arg2 : f32) -> f32 {
    // CHECK: %0 = vm.fma.f32 %arg0, %arg1, %arg2 : f32
    %0 = vm.fma.f32 %arg0, %arg1, %arg2 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @abs_f32
  vm.func @abs_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.abs.f32 %arg0 : f32
    %0 = vm.abs.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @neg_f32
  vm.func @neg_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.neg.f32 %arg0 : f32
    %0 = vm.neg.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @ceil_f32
  vm.func @ceil_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.ceil.f32 %arg0 : f32
    %0 = vm.ceil.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @floor_f32
  vm.func @floor_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.floor.f32 %arg0 : f32
    %0 = vm.floor.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @round_f32
  vm.func @round_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.round.f32 %arg0 : f32
    %0 = vm.round.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @round_f32_even
  vm.func @round_f32_even(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.round.f32.even %arg0 : f32
    %0 = vm.round.f32.even %arg0 : f32
    vm.return %0 : f32
  }
}

// -----

// float_f64
// CHECK-LABEL: vm.module public @float_f64
vm.module @float_f64 {
  // CHECK-LABEL: vm.func @add_f64
  vm.func @add_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.add.f64 %arg0, %arg1 : f64
    %0 = vm.add.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @sub_f64
  vm.func @sub_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.sub.f64 %arg0, %arg1 : f64
    %0 = vm.sub.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @mul_f64
  vm.func @mul_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.mul.f64 %arg0, %arg1 : f64
    %0 = vm.mul.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @div_f64
  vm.func @div_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.div.f64 %arg0, %arg1 : f64
    %0 = vm.div.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @rem_f64
  vm.func @rem_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.rem.f64 %arg0, %arg1 : f64
    %0 = vm.rem.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @min_f64
  vm.func @min_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.min.f64 %arg0, %arg1 : f64
    %0 = vm.min.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @max_f64
  vm.func @max_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.max.f64 %arg0, %arg1 : f64
    %0 = vm.max.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @fma_f64
  vm.func @fma_f64(%arg0 : f64, %arg1 : f64, %arg2 : f64) -> f64 {
    // CHECK: %0 = vm.fma.f64 %arg0, %arg1, %arg2 : f64
    %0 = vm.fma.f64 %arg0, %arg1, %arg2 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @abs_f64
  vm.func @abs_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.abs.f64 %arg0 : f64
    %0 = vm.abs.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @neg_f64
  vm.func @neg_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.neg.f64 %arg0 : f64
    %0 = vm.neg.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @ceil_f64
  vm.func @ceil_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.ceil.f64 %arg0 : f64
    %0 = vm.ceil.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @floor_f64
  vm.func @floor_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.floor.f64 %arg0 : f64
    %0 = vm.floor.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @round_f64
  vm.func @round_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.round.f64 %arg0 : f64
    %0 = vm.round.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @round_f64_even
  vm.func @round_f64_even(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.round.f64.even %arg0 : f64
    %0 = vm.round.f64.even %arg0 : f64
    vm.return %0 : f64
  }
}
