// A two-layer perceptron in plain MLIR, y = relu(x W1 + b1) W2 + b2, over
// memrefs of any size (exported with buffer views: --vm-buffer-view-exports).
// Its weights are not in the module: weights.mlir loads them from a
// parameter file through the io_parameters module. run.py puts the two
// together and checks the answer against numpy.
module @mlp {
  // out[i, j] = b[j] + sum_p a[i, p] * w[p, j], then relu when `relu`.
  func.func private @dense(%a: memref<?x?xf32>, %w: memref<?x?xf32>, %b: memref<?xf32>,
                           %relu: i1) -> memref<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.0 : f32
    %n = memref.dim %a, %c0 : memref<?x?xf32>
    %k = memref.dim %a, %c1 : memref<?x?xf32>
    %m = memref.dim %w, %c1 : memref<?x?xf32>
    %out = memref.alloc(%n, %m) : memref<?x?xf32>
    scf.for %i = %c0 to %n step %c1 {
      scf.for %j = %c0 to %m step %c1 {
        %bias = memref.load %b[%j] : memref<?xf32>
        %sum = scf.for %p = %c0 to %k step %c1 iter_args(%acc = %bias) -> (f32) {
          %x = memref.load %a[%i, %p] : memref<?x?xf32>
          %y = memref.load %w[%p, %j] : memref<?x?xf32>
          %xy = arith.mulf %x, %y : f32
          %next = arith.addf %acc, %xy : f32
          scf.yield %next : f32
        }
        %negative = arith.cmpf olt, %sum, %zero : f32
        %clamp = arith.andi %relu, %negative : i1
        %v = arith.select %clamp, %zero, %sum : f32
        memref.store %v, %out[%i, %j] : memref<?x?xf32>
      }
    }
    return %out : memref<?x?xf32>
  }

  func.func @mlp(%x: memref<?x?xf32>, %w1: memref<?x?xf32>, %b1: memref<?xf32>,
                 %w2: memref<?x?xf32>, %b2: memref<?xf32>) -> memref<?x?xf32> {
    %true = arith.constant true
    %false = arith.constant false
    %h = func.call @dense(%x, %w1, %b1, %true)
        : (memref<?x?xf32>, memref<?x?xf32>, memref<?xf32>, i1) -> memref<?x?xf32>
    %y = func.call @dense(%h, %w2, %b2, %false)
        : (memref<?x?xf32>, memref<?x?xf32>, memref<?xf32>, i1) -> memref<?x?xf32>
    return %y : memref<?x?xf32>
  }
}
