// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{integer constant out of range for attribute}}
    %0 = vm.const.i32 4294967296
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @f() -> i64 {
    // expected-error@+1 {{integer constant out of range for attribute}}
    %0 = vm.const.i64 18446744073709551616
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.const.i32' op attribute 'value' failed to satisfy constraint: 32-bit integer value}}
    %0 = "vm.const.i32"() <{value = 1 : i64}> : () -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @f() -> i64 {
    // expected-error@+1 {{'vm.const.i64' op result #0 must be 64-bit signless integer, but got 'i32'}}
    %0 = "vm.const.i64"() <{value = 1 : i64}> : () -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @f() -> f32 {
    // expected-error@+1 {{'vm.const.f32' op attribute 'value' failed to satisfy constraint: 32-bit floating-point value}}
    %0 = "vm.const.f32"() <{value = 1.0 : f64}> : () -> f32
    vm.return %0 : f32
  }
}

// -----

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{invalid kind of type specified: expected vm.ref, but found 'i32'}}
    %0 = vm.const.ref.zero : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @f() -> i32 {
    // expected-error@+1 {{'vm.const.ref.zero' op result #0 must be ref, but got 'i32'}}
    %0 = "vm.const.ref.zero"() : () -> i32
    vm.return %0 : i32
  }
}
