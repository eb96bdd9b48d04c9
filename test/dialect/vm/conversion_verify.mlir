// RUN: vm-opt -split-input-file -verify-diagnostics %s

// These need no vm.module: the checks are on the ops alone.

func.func @trunc_wrong_operand(%x : i64) -> i32 {
  // expected-error @+1 {{'vm.trunc.i32.i8' op operand #0 must be 32-bit signless integer, but got 'i64'}}
  %0 = "vm.trunc.i32.i8"(%x) : (i64) -> i32
  return %0 : i32
}

// -----

func.func @ext_wrong_result(%x : i32) -> i32 {
  // expected-error @+1 {{'vm.ext.i32.i64.s' op result #0 must be 64-bit signless integer, but got 'i32'}}
  %0 = "vm.ext.i32.i64.s"(%x) : (i32) -> i32
  return %0 : i32
}

// -----

func.func @cast_wrong_operand(%x : f64) -> f32 {
  // expected-error @+1 {{'vm.cast.si32.f32' op operand #0 must be 32-bit signless integer, but got 'f64'}}
  %0 = "vm.cast.si32.f32"(%x) : (f64) -> f32
  return %0 : f32
}

// -----

func.func @bitcast_wrong_width(%x : i64) -> f32 {
  // expected-error @+1 {{'vm.bitcast.i32.f32' op operand #0 must be 32-bit signless integer, but got 'i64'}}
  %0 = "vm.bitcast.i32.f32"(%x) : (i64) -> f32
  return %0 : f32
}

// -----

func.func @ref_cast_to_scalar(%x : !vm.buffer) -> !vm.buffer {
  // expected-error @+1 {{'vm.cast.any.ref' op result #0 must be ref, but got 'i32'}}
  %0 = "vm.cast.any.ref"(%x) : (!vm.buffer) -> i32
  return %x : !vm.buffer
}
