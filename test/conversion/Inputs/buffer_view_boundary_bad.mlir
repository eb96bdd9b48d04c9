// expected-error @+1 {{argument 0 of type 'memref<4xindex>' cannot cross the module boundary as a buffer view: element type 'index' has no buffer view encoding}}
func.func @indices(%m: memref<4xindex>) {
  return
}

// -----

// expected-error @+1 {{result 0 of type 'memref<4xf32, strided<[2]>>' cannot cross the module boundary as a buffer view: only identity (row-major, contiguous) layouts can}}
func.func @strided(%m: memref<8xf32>) -> memref<4xf32, strided<[2]>> {
  %v = memref.subview %m[0] [4] [2] : memref<8xf32> to memref<4xf32, strided<[2]>>
  return %v : memref<4xf32, strided<[2]>>
}

// -----

// Private functions and declarations keep the memref convention.
func.func private @internal(%m: memref<4xindex>) {
  return
}
func.func private @ext.decl(memref<4xindex>)
