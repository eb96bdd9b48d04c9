// Tensors in, tensors out, from plain MLIR: a matrix product over memrefs
// of any size, exported with IREE's calling convention (buffer views) and
// checked with the runtime's check module.
//
// SAMPLE-FLAGS: --vm-buffer-view-exports
// SAMPLE-RUN: matmul_checked --input=2x3xf32=1,2,3,4,5,6 --input=3x2xf32=7,8,9,10,11,12 --input=2x2xf32=58,64,139,154
//
//   vm-translate --vm-to-bytecode --vm-buffer-view-exports samples/tensor_matmul.mlir -o matmul.vmfb
//   run-module --module=matmul.vmfb --function=matmul \
//       --input=2x3xf32=1,2,3,4,5,6 --input=3x2xf32=7,8,9,10,11,12
//   # 2x2xf32=[58 64][139 154]
module @tensor_matmul {
  // The check module's expect_almost_eq takes (device, lhs, rhs, atol, rtol)
  // with buffer views; written with memrefs, the compiler passes the device
  // and wraps the memrefs.
  func.func private @check.expect_almost_eq(memref<?x?xf32>, memref<?x?xf32>, f32, f32)

  // c = a * b for a: MxK, b: KxN.
  func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>) -> memref<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.0 : f32
    %m = memref.dim %a, %c0 : memref<?x?xf32>
    %k = memref.dim %a, %c1 : memref<?x?xf32>
    %n = memref.dim %b, %c1 : memref<?x?xf32>
    %c = memref.alloc(%m, %n) : memref<?x?xf32>
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        %sum = scf.for %p = %c0 to %k step %c1 iter_args(%acc = %zero) -> (f32) {
          %x = memref.load %a[%i, %p] : memref<?x?xf32>
          %y = memref.load %b[%p, %j] : memref<?x?xf32>
          %xy = arith.mulf %x, %y : f32
          %next = arith.addf %acc, %xy : f32
          scf.yield %next : f32
        }
        memref.store %sum, %c[%i, %j] : memref<?x?xf32>
      }
    }
    return %c : memref<?x?xf32>
  }

  // The product, checked against `expected` within a small tolerance.
  func.func @matmul_checked(%a: memref<?x?xf32>, %b: memref<?x?xf32>,
                            %expected: memref<?x?xf32>) -> memref<?x?xf32> {
    %c = func.call @matmul(%a, %b) : (memref<?x?xf32>, memref<?x?xf32>) -> memref<?x?xf32>
    %atol = arith.constant 1.0e-4 : f32
    %rtol = arith.constant 1.0e-6 : f32
    func.call @check.expect_almost_eq(%c, %expected, %atol, %rtol)
        : (memref<?x?xf32>, memref<?x?xf32>, f32, f32) -> ()
    return %c : memref<?x?xf32>
  }
}
