// mlir-runner's driver for the dispatch samples: prints what @run returns.
// Appended to a sample (both are bodies of one implicit module).
func.func private @printMemrefF32(memref<*xf32>)
func.func @main() {
  %r = call @run() : () -> memref<?x?xf32>
  %u = memref.cast %r : memref<?x?xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}
