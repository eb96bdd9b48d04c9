// RUN: vm-opt --convert-to-vm %s -split-input-file -verify-diagnostics

// expected-error @+1 {{'func.func' op argument type 'f16' is not supported by the vm conversion}}
func.func @f16(%a: f16) -> f16 {
  // expected-error @+1 {{'arith.addf' op result type 'f16' is not supported by the vm conversion}}
  %r = arith.addf %a, %a : f16
  return %r : f16
}

// -----

// expected-error @+1 {{'func.func' op argument type 'vector<4xf32>' is not supported by the vm conversion}}
func.func @vec(%a: vector<4xf32>) {
  return
}

// -----

// expected-error @+1 {{'func.func' op result type 'tensor<4xf32>' is not supported by the vm conversion}}
func.func private @tensor() -> tensor<4xf32>

// -----

func.func @bf16(%a: f32) -> f32 {
  // expected-error @+1 {{'arith.truncf' op result type 'bf16' is not supported by the vm conversion}}
  %t = arith.truncf %a : f32 to bf16
  %e = arith.extf %t : bf16 to f32
  return %e : f32
}

// -----

func.func @i128(%a: i128) -> i128 {
  // expected-error @-1 {{'func.func' op argument type 'i128' is not supported by the vm conversion}}
  return %a : i128
}

// -----

// expected-error @+1 {{'func.func' op declaration needs a module to import from}}
func.func private @nomodule(i32)
func.func @g(%a: i32) {
  func.call @nomodule(%a) : (i32) -> ()
  return
}

// -----

func.func @strided_static(%m: memref<8x8xf32>) {
  // expected-error @+1 {{'memref.subview' op result type 'memref<4x4xf32, strided<[8, 1]>>' is not supported by the vm conversion (only contiguous row-major memrefs}}
  %v = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  return
}

// -----

func.func @strided_dynamic(%m: memref<?x?xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  // expected-error @+2 {{'memref.subview' op the view is not contiguous: dimension 1 must be taken whole}}
  // expected-error @+1 {{failed to legalize operation 'memref.subview'}}
  %v = memref.subview %m[0, 0] [4, 4] [1, 1] : memref<?x?xf32> to memref<4x4xf32, strided<[?, 1]>>
  %x = memref.load %v[%c0, %c0] : memref<4x4xf32, strided<[?, 1]>>
  return %x : f32
}

// -----

func.func @step(%m: memref<16xf32>, %s: index) {
  // expected-error @+2 {{'memref.subview' op only unit strides keep the view contiguous}}
  // expected-error @+1 {{failed to legalize operation 'memref.subview'}}
  %v = memref.subview %m[0] [4] [%s] : memref<16xf32> to memref<4xf32, strided<[?]>>
  return
}

// -----

// expected-error @+1 {{failed to legalize operation 'memref.global'}}
memref.global "private" @g : memref<4xi32> = dense<0>

// -----

func.func @rounding(%a: f64) -> f32 {
  // expected-error @+2 {{'arith.truncf' op only round-to-nearest-even truncation is supported}}
  // expected-error @+1 {{failed to legalize operation 'arith.truncf'}}
  %t = arith.truncf %a to_nearest_away : f64 to f32
  return %t : f32
}

// -----

func.func @dim(%m: memref<?xf32>, %i: index) -> index {
  // expected-error @+2 {{'memref.dim' op dimension index must be a constant in range}}
  // expected-error @+1 {{failed to legalize operation 'memref.dim'}}
  %d = memref.dim %m, %i : memref<?xf32>
  return %d : index
}

// -----

// 2^62 f32 elements: the byte size wraps a 64-bit length, which is an error
// at the alloc (it used to wrap to 0 and fail later at a store).
func.func @alloc_too_big() -> memref<4611686018427387904xf32> {
  // expected-error @+2 {{'memref.alloc' op allocates memref<4611686018427387904xf32>, whose byte size does not fit a 64-bit length}}
  // expected-error @+1 {{failed to legalize operation 'memref.alloc'}}
  %m = memref.alloc() : memref<4611686018427387904xf32>
  return %m : memref<4611686018427387904xf32>
}
