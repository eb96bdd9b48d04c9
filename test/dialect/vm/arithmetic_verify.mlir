// RUN: vm-opt -split-input-file -verify-diagnostics %s

// Each op takes exactly the type in its name; shift amounts are always i32.

vm.module @m {
  vm.func @add_i32_wrong_type(%arg0 : i64, %arg1 : i64) -> i64 {
    // expected-error @+1 {{'vm.add.i32' op operand #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = "vm.add.i32"(%arg0, %arg1) : (i64, i64) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @div_i64_s_mixed(%arg0 : i64, %arg1 : i32) -> i64 {
    // expected-error @+1 {{'vm.div.i64.s' op operand #1 must be 64-bit signless integer, but got 'i32'}}
    %0 = "vm.div.i64.s"(%arg0, %arg1) : (i64, i32) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @mul_f32_wrong_result(%arg0 : f32, %arg1 : f32) -> f64 {
    // expected-error @+1 {{'vm.mul.f32' op result #0 must be 32-bit float, but got 'f64'}}
    %0 = "vm.mul.f32"(%arg0, %arg1) : (f32, f32) -> f64
    vm.return %0 : f64
  }
}

// -----

vm.module @m {
  vm.func @fma_f64_wrong_type(%arg0 : f64, %arg1 : f64, %arg2 : f32) -> f64 {
    // expected-error @+1 {{'vm.fma.f64' op operand #2 must be 64-bit float, but got 'f32'}}
    %0 = "vm.fma.f64"(%arg0, %arg1, %arg2) : (f64, f64, f32) -> f64
    vm.return %0 : f64
  }
}

// -----

vm.module @m {
  vm.func @abs_i32_wrong_type(%arg0 : f32) -> f32 {
    // expected-error @+1 {{'vm.abs.i32' op operand #0 must be 32-bit signless integer, but got 'f32'}}
    %0 = "vm.abs.i32"(%arg0) : (f32) -> f32
    vm.return %0 : f32
  }
}

// -----

vm.module @m {
  vm.func @sqrt_f32_wrong_type(%arg0 : f64) -> f64 {
    // expected-error @+1 {{'vm.sqrt.f32' op operand #0 must be 32-bit float, but got 'f64'}}
    %0 = vm.sqrt.f32 %arg0 : f64
    vm.return %0 : f64
  }
}

// -----

vm.module @m {
  vm.func @shl_i64_amount_i64(%arg0 : i64, %arg1 : i64) -> i64 {
    // expected-error @+1 {{'vm.shl.i64' op operand #1 must be 32-bit signless integer, but got 'i64'}}
    %0 = "vm.shl.i64"(%arg0, %arg1) : (i64, i64) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @shr_i32_u_wrong_result(%arg0 : i32, %arg1 : i32) -> i64 {
    // expected-error @+1 {{'vm.shr.i32.u' op result #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = "vm.shr.i32.u"(%arg0, %arg1) : (i32, i32) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  // expected-note @+1 {{prior use here}}
  vm.func @add_i32_custom_wrong_type(%arg0 : i32, %arg1 : i32) -> i32 {
    // The custom form takes one type for all operands and the result.
    // expected-error @+1 {{use of value '%arg0' expects different type than prior uses: 'i64' vs 'i32'}}
    %0 = vm.add.i32 %arg0, %arg1 : i64
    vm.return %0 : i32
  }
}
