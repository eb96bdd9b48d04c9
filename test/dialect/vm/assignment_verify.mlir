// RUN: vm-opt -split-input-file -verify-diagnostics %s

// These need no vm.module: the checks are on the ops alone.

func.func @select_wide_condition(%c : i64, %a : i32) -> i32 {
  // expected-error @+1 {{'vm.select.i32' op operand #0 must be 32-bit signless integer, but got 'i64'}}
  %0 = "vm.select.i32"(%c, %a, %a) : (i64, i32, i32) -> i32
  return %0 : i32
}

// -----

func.func @select_ref_types_differ(%c : i32, %a : !vm.buffer, %b : !vm.ref<?>) -> !vm.buffer {
  // expected-error @+1 {{'vm.select.ref' op failed to verify that all of {true_value, false_value, result} have same type}}
  %0 = "vm.select.ref"(%c, %a, %b) : (i32, !vm.buffer, !vm.ref<?>) -> !vm.buffer
  return %0 : !vm.buffer
}

// -----

func.func @switch_value_width(%i : i32, %a : i32, %b : i64) -> i64 {
  // expected-error @+1 {{'vm.switch.i64' op operand #2 must be variadic of 64-bit signless integer, but got 'i32'}}
  %0 = "vm.switch.i64"(%i, %b, %a) : (i32, i64, i32) -> i64
  return %0 : i64
}

// -----

func.func @switch_default_type(%i : i32, %a : f32, %b : f64) -> f32 {
  // expected-error @+1 {{'vm.switch.f32' op operand #1 must be 32-bit float, but got 'f64'}}
  %0 = "vm.switch.f32"(%i, %b, %a) : (i32, f64, f32) -> f32
  return %0 : f32
}

// -----

func.func @switch_ref_value_type(%i : i32, %a : !vm.buffer, %b : !vm.ref<?>) -> !vm.buffer {
  // expected-error @+1 {{'vm.switch.ref' op value #1 has type '!vm.ref<?>' but the result has type '!vm.buffer'; all values must have the result type}}
  %0 = "vm.switch.ref"(%i, %a, %a, %b) : (i32, !vm.buffer, !vm.buffer, !vm.ref<?>) -> !vm.buffer
  return %0 : !vm.buffer
}

// -----

// expected-note @+1 {{prior use here}}
func.func @switch_ref_custom_form(%i : i32, %a : !vm.buffer, %b : !vm.ref<?>) -> !vm.buffer {
  // The custom form gives every value the result type.
  // expected-error @+1 {{use of value '%b' expects different type than prior uses: '!vm.buffer' vs '!vm.ref<?>'}}
  %0 = vm.switch.ref %i[%a] else %b : !vm.buffer
  return %0 : !vm.buffer
}
