// SAMPLE-RUN: trace_of_square --input=f32=1.5
// f32 matrix multiply over dynamically sized memrefs, plus a driver that
// multiplies two 4x4 matrices and returns the trace of the product.
module @matmul {
  func.func @matmul(%a: memref<?x?xf32>, %b: memref<?x?xf32>, %c: memref<?x?xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %zero = arith.constant 0.0 : f32
    %m = memref.dim %a, %c0 : memref<?x?xf32>
    %k = memref.dim %a, %c1 : memref<?x?xf32>
    %n = memref.dim %b, %c1 : memref<?x?xf32>
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        %sum = scf.for %p = %c0 to %k step %c1 iter_args(%acc = %zero) -> (f32) {
          %x = memref.load %a[%i, %p] : memref<?x?xf32>
          %y = memref.load %b[%p, %j] : memref<?x?xf32>
          %r = math.fma %x, %y, %acc : f32
          scf.yield %r : f32
        }
        memref.store %sum, %c[%i, %j] : memref<?x?xf32>
      }
    }
    return
  }

  func.func @trace_of_square(%seed: f32) -> f32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %zero = arith.constant 0.0 : f32
    %a = memref.alloc(%c4, %c4) : memref<?x?xf32>
    %c = memref.alloc(%c4, %c4) : memref<?x?xf32>
    scf.for %i = %c0 to %c4 step %c1 {
      scf.for %j = %c0 to %c4 step %c1 {
        %s = arith.addi %i, %j : index
        %si = arith.index_cast %s : index to i32
        %sf = arith.sitofp %si : i32 to f32
        %v = arith.addf %sf, %seed : f32
        memref.store %v, %a[%i, %j] : memref<?x?xf32>
      }
    }
    func.call @matmul(%a, %a, %c) : (memref<?x?xf32>, memref<?x?xf32>, memref<?x?xf32>) -> ()
    %t = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %zero) -> (f32) {
      %d = memref.load %c[%i, %i] : memref<?x?xf32>
      %r = arith.addf %acc, %d : f32
      scf.yield %r : f32
    }
    return %t : f32
  }
}
