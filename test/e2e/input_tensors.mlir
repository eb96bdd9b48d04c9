// Plain MLIR with tensors at the boundary (--vm-buffer-view-exports): memref
// arguments and results cross as hal buffer views, shapes and element types
// are checked on entry, and the check module compares results.
// E2E-TRANSLATE-FLAGS: --vm-buffer-view-exports
// E2E-ARGS: test_scale_static --input=2x3xf32=1,2,3,4,5,6 --input=f32=2 --input=2x3xf32=2,4,6,8,10,12
// E2E-ARGS: test_sum_dynamic --input=5xi32=1,2,3,4,5 --input=5xi32=10,20,30,40,50 --input=5xi32=11,22,33,44,55
// E2E-ARGS: fail_wrong_result --input=2x3xf32=1,2,3,4,5,6 --input=f32=2 --input=2x3xf32=2,4,6,8,10,13
// E2E-ARGS: fail_wrong_shape --input=3x2xf32=1,2,3,4,5,6 --input=f32=2 --input=2x3xf32=2,4,6,8,10,12
// E2E-ARGS: fail_wrong_type --input=2x3xi32=1,2,3,4,5,6 --input=f32=2 --input=2x3xf32=2,4,6,8,10,12
// E2E-ARGS: fail_wrong_rank --input=30xi32=1 --input=5xi32=1 --input=5xi32=1
// E2E-EXPECT-ERROR: fail_wrong_shape fail_wrong_shape argument 0 shape dimension 0 mismatch
// E2E-EXPECT-ERROR: fail_wrong_type fail_wrong_type argument 0 element type mismatch
// E2E-EXPECT-ERROR: fail_wrong_rank fail_wrong_rank argument 0 must have rank 2
module {
  func.func private @check.expect_almost_eq(memref<2x3xf32>, memref<2x3xf32>, f32, f32)
  func.func private @check.expect_eq(memref<?xi32>, memref<?xi32>)

  func.func private @scale(%m: memref<2x3xf32>, %s: f32) -> memref<2x3xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %r = memref.alloc() : memref<2x3xf32>
    scf.for %i = %c0 to %c2 step %c1 {
      scf.for %j = %c0 to %c3 step %c1 {
        %v = memref.load %m[%i, %j] : memref<2x3xf32>
        %w = arith.mulf %v, %s : f32
        memref.store %w, %r[%i, %j] : memref<2x3xf32>
      }
    }
    return %r : memref<2x3xf32>
  }

  func.func @test_scale_static(%m: memref<2x3xf32>, %s: f32, %expected: memref<2x3xf32>) -> memref<2x3xf32> {
    %r = func.call @scale(%m, %s) : (memref<2x3xf32>, f32) -> memref<2x3xf32>
    %atol = arith.constant 0.0 : f32
    func.call @check.expect_almost_eq(%r, %expected, %atol, %atol) : (memref<2x3xf32>, memref<2x3xf32>, f32, f32) -> ()
    return %r : memref<2x3xf32>
  }

  func.func @fail_wrong_result(%m: memref<2x3xf32>, %s: f32, %expected: memref<2x3xf32>) {
    %r = func.call @scale(%m, %s) : (memref<2x3xf32>, f32) -> memref<2x3xf32>
    %atol = arith.constant 0.0 : f32
    func.call @check.expect_almost_eq(%r, %expected, %atol, %atol) : (memref<2x3xf32>, memref<2x3xf32>, f32, f32) -> ()
    return
  }

  func.func @fail_wrong_shape(%m: memref<2x3xf32>, %s: f32, %expected: memref<2x3xf32>) {
    return
  }

  func.func @fail_wrong_type(%m: memref<2x3xf32>, %s: f32, %expected: memref<2x3xf32>) {
    return
  }

  // Dynamic sizes come from the views.
  func.func @test_sum_dynamic(%a: memref<?xi32>, %b: memref<?xi32>, %expected: memref<?xi32>) -> memref<?xi32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %a, %c0 : memref<?xi32>
    %r = memref.alloc(%n) : memref<?xi32>
    scf.for %i = %c0 to %n step %c1 {
      %x = memref.load %a[%i] : memref<?xi32>
      %y = memref.load %b[%i] : memref<?xi32>
      %s = arith.addi %x, %y : i32
      memref.store %s, %r[%i] : memref<?xi32>
    }
    func.call @check.expect_eq(%r, %expected) : (memref<?xi32>, memref<?xi32>) -> ()
    return %r : memref<?xi32>
  }

  func.func @fail_wrong_rank(%a: memref<?x?xi32>, %b: memref<?xi32>, %c: memref<?xi32>) {
    return
  }
}
