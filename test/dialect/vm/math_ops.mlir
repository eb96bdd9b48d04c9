// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Round trip of the floating-point math ops, every width.

// math_f32
// CHECK-LABEL: vm.module public @math_f32
vm.module @math_f32 {
  // CHECK-LABEL: vm.func @atan2_f32
  vm.func @atan2_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.atan2.f32 %arg0, %arg1 : f32
    %0 = vm.atan2.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @pow_f32
  vm.func @pow_f32(%arg0 : f32, %arg1 : f32) -> f32 {
    // CHECK: %0 = vm.pow.f32 %arg0, %arg1 : f32
    %0 = vm.pow.f32 %arg0, %arg1 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @atan_f32
  vm.func @atan_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.atan.f32 %arg0 : f32
    %0 = vm.atan.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @cos_f32
  vm.func @cos_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.cos.f32 %arg0 : f32
    %0 = vm.cos.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @sin_f32
  vm.func @sin_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.sin.f32 %arg0 : f32
    %0 = vm.sin.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @exp_f32
  vm.func @exp_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.exp.f32 %arg0 : f32
    %0 = vm.exp.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @exp2_f32
  vm.func @exp2_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.exp2.f32 %arg0 : f32
    %0 = vm.exp2.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @expm1_f32
  vm.func @expm1_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.expm1.f32 %arg0 : f32
    %0 = vm.expm1.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @log_f32
  vm.func @log_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.log.f32 %arg0 : f32
    %0 = vm.log.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @log10_f32
  vm.func @log10_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.log10.f32 %arg0 : f32
    %0 = vm.log10.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @log1p_f32
  vm.func @log1p_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.log1p.f32 %arg0 : f32
    %0 = vm.log1p.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @log2_f32
  vm.func @log2_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.log2.f32 %arg0 : f32
    %0 = vm.log2.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @rsqrt_f32
  vm.func @rsqrt_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.rsqrt.f32 %arg0 : f32
    %0 = vm.rsqrt.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @sqrt_f32
  vm.func @sqrt_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.sqrt.f32 %arg0 : f32
    %0 = vm.sqrt.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @tanh_f32
  vm.func @tanh_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.tanh.f32 %arg0 : f32
    %0 = vm.tanh.f32 %arg0 : f32
    vm.return %0 : f32
  }

  // CHECK-LABEL: vm.func @erf_f32
  vm.func @erf_f32(%arg0 : f32) -> f32 {
    // CHECK: %0 = vm.erf.f32 %arg0 : f32
    %0 = vm.erf.f32 %arg0 : f32
    vm.return %0 : f32
  }
}

// -----

// math_f64
// CHECK-LABEL: vm.module public @math_f64
vm.module @math_f64 {
  // CHECK-LABEL: vm.func @atan2_f64
  vm.func @atan2_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.atan2.f64 %arg0, %arg1 : f64
    %0 = vm.atan2.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @pow_f64
  vm.func @pow_f64(%arg0 : f64, %arg1 : f64) -> f64 {
    // CHECK: %0 = vm.pow.f64 %arg0, %arg1 : f64
    %0 = vm.pow.f64 %arg0, %arg1 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @atan_f64
  vm.func @atan_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.atan.f64 %arg0 : f64
    %0 = vm.atan.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @cos_f64
  vm.func @cos_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.cos.f64 %arg0 : f64
    %0 = vm.cos.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @sin_f64
  vm.func @sin_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.sin.f64 %arg0 : f64
    %0 = vm.sin.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @exp_f64
  vm.func @exp_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.exp.f64 %arg0 : f64
    %0 = vm.exp.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @exp2_f64
  vm.func @exp2_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.exp2.f64 %arg0 : f64
    %0 = vm.exp2.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @expm1_f64
  vm.func @expm1_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.expm1.f64 %arg0 : f64
    %0 = vm.expm1.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @log_f64
  vm.func @log_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.log.f64 %arg0 : f64
    %0 = vm.log.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @log10_f64
  vm.func @log10_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.log10.f64 %arg0 : f64
    %0 = vm.log10.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @log1p_f64
  vm.func @log1p_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.log1p.f64 %arg0 : f64
    %0 = vm.log1p.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @log2_f64
  vm.func @log2_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.log2.f64 %arg0 : f64
    %0 = vm.log2.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @rsqrt_f64
  vm.func @rsqrt_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.rsqrt.f64 %arg0 : f64
    %0 = vm.rsqrt.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @sqrt_f64
  vm.func @sqrt_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.sqrt.f64 %arg0 : f64
    %0 = vm.sqrt.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @tanh_f64
  vm.func @tanh_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.tanh.f64 %arg0 : f64
    %0 = vm.tanh.f64 %arg0 : f64
    vm.return %0 : f64
  }

  // CHECK-LABEL: vm.func @erf_f64
  vm.func @erf_f64(%arg0 : f64) -> f64 {
    // CHECK: %0 = vm.erf.f64 %arg0 : f64
    %0 = vm.erf.f64 %arg0 : f64
    vm.return %0 : f64
  }
}
