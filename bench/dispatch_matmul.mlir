// The plain-MLIR matmul of bench/dispatch_bench.cpp (BM_MlirMatmul): the
// same algorithm as the native baseline (native_matmul_o2.cpp: loop order
// i, k, j with fma over 512x512 row-major f32), written as a top-level
// scf.parallel over the rows, which vm-translate
// --kiln-dispatch-parallel-loops turns into a dispatch (64 workgroups of 8
// rows). Exported as matmul(!vm.buffer a, !vm.buffer b, !vm.buffer c).
module @mlir_matmul {
  func.func @matmul(%a: memref<512x512xf32>, %b: memref<512x512xf32>, %c: memref<512x512xf32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.constant 512 : index
    %zero = arith.constant 0.0 : f32
    scf.parallel (%i) = (%c0) to (%n) step (%c1) {
      scf.for %j = %c0 to %n step %c1 {
        memref.store %zero, %c[%i, %j] : memref<512x512xf32>
      }
      scf.for %k = %c0 to %n step %c1 {
        %av = memref.load %a[%i, %k] : memref<512x512xf32>
        scf.for %j = %c0 to %n step %c1 {
          %bv = memref.load %b[%k, %j] : memref<512x512xf32>
          %cv = memref.load %c[%i, %j] : memref<512x512xf32>
          %s = math.fma %av, %bv, %cv : f32
          memref.store %s, %c[%i, %j] : memref<512x512xf32>
        }
      }
    }
    return
  }
}
