// RUN: vm-opt -split-input-file -verify-diagnostics %s

// These need no vm.module: the checks are on the ops alone.

func.func @mixed_widths(%a : i32, %b : i64) -> i32 {
  // expected-error @+1 {{'vm.cmp.eq.i32' op operand #1 must be 32-bit signless integer, but got 'i64'}}
  %0 = "vm.cmp.eq.i32"(%a, %b) : (i32, i64) -> i32
  return %0 : i32
}

// -----

func.func @wide_result(%a : i64, %b : i64) -> i64 {
  // expected-error @+1 {{'vm.cmp.lt.i64.s' op result #0 must be 32-bit signless integer, but got 'i64'}}
  %0 = "vm.cmp.lt.i64.s"(%a, %b) : (i64, i64) -> i64
  return %0 : i64
}

// -----

func.func @i1_result(%a : f32, %b : f32) -> f32 {
  // expected-error @+1 {{'vm.cmp.lt.f32.o' op result #0 must be 32-bit signless integer, but got 'i1'}}
  %0 = "vm.cmp.lt.f32.o"(%a, %b) : (f32, f32) -> i1
  return %a : f32
}

// -----

func.func @nz_wrong_type(%a : f64) -> i32 {
  // expected-error @+1 {{'vm.cmp.nz.f32.o' op operand #0 must be 32-bit float, but got 'f64'}}
  %0 = "vm.cmp.nz.f32.o"(%a) : (f64) -> i32
  return %0 : i32
}

// -----

func.func @ref_types_differ(%a : !vm.buffer, %b : !vm.ref<?>) -> i32 {
  // expected-error @+1 {{'vm.cmp.eq.ref' op failed to verify that all of {lhs, rhs} have same type}}
  %0 = "vm.cmp.eq.ref"(%a, %b) : (!vm.buffer, !vm.ref<?>) -> i32
  return %0 : i32
}

// -----

func.func @nz_ref_of_scalar(%a : i32) -> i32 {
  // expected-error @+1 {{'vm.cmp.nz.ref' op operand #0 must be ref, but got 'i32'}}
  %0 = "vm.cmp.nz.ref"(%a) : (i32) -> i32
  return %0 : i32
}
