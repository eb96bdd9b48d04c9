// Written in upstream MLIR: memrefs (static and dynamic shapes, subviews,
// copies) lowered to !vm.buffer plus index arithmetic, passed between
// functions, with scf loops. Sizes arrive as arguments so nothing folds.
// E2E-ARGS: test_dynamic_fill_and_sum --input=i64=100
// E2E-ARGS: test_matrix_2d --input=i64=3 --input=i64=4
// E2E-ARGS: test_subview_and_copy --input=i64=10
// E2E-ARGS: test_element_types --input=i64=6
// E2E-ARGS: fail_alloc_overflow --input=i64=4611686018427387904
// E2E-EXPECT-ERROR: fail_alloc_overflow OUT_OF_RANGE: memref.alloc size is negative or its byte size overflows a 64-bit length
module {
  // Returns sum(m[i]) over a dynamically sized memref.
  func.func private @sum(%m: memref<?xi32>) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %z = arith.constant 0 : i32
    %n = memref.dim %m, %c0 : memref<?xi32>
    %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
      %v = memref.load %m[%i] : memref<?xi32>
      %a = arith.addi %acc, %v : i32
      scf.yield %a : i32
    }
    return %s : i32
  }

  // Public, so it is exported too: memrefs cross the boundary as a buffer
  // and their dynamic sizes.
  func.func @iota(%n: index) -> memref<?xi32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %m = memref.alloc(%n) : memref<?xi32>
    scf.for %i = %c0 to %n step %c1 {
      %v = arith.index_cast %i : index to i32
      memref.store %v, %m[%i] : memref<?xi32>
    }
    return %m : memref<?xi32>
  }

  func.func @test_dynamic_fill_and_sum(%n64: i64) {
    %n = arith.index_cast %n64 : i64 to index
    %m = call @iota(%n) : (index) -> memref<?xi32>
    %s = call @sum(%m) : (memref<?xi32>) -> i32
    %e = arith.constant 4950 : i32
    %ok = arith.cmpi eq, %s, %e : i32
    cf.assert %ok, "sum(0..99) == 4950"
    %c0 = arith.constant 0 : index
    %d = memref.dim %m, %c0 : memref<?xi32>
    %okd = arith.cmpi eq, %d, %n : index
    cf.assert %okd, "the returned memref keeps its size"
    memref.dealloc %m : memref<?xi32>
    return
  }

  // A row-major ?x? matrix: m[i][j] = 10 * i + j, then the trace-like sum of
  // the last column.
  func.func @test_matrix_2d(%r64: i64, %c64: i64) {
    %rows = arith.index_cast %r64 : i64 to index
    %cols = arith.index_cast %c64 : i64 to index
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c10 = arith.constant 10 : index
    %m = memref.alloc(%rows, %cols) : memref<?x?xi64>
    scf.for %i = %c0 to %rows step %c1 {
      scf.for %j = %c0 to %cols step %c1 {
        %t = arith.muli %i, %c10 : index
        %v = arith.addi %t, %j : index
        %v64 = arith.index_cast %v : index to i64
        memref.store %v64, %m[%i, %j] : memref<?x?xi64>
      }
    }
    %last = arith.subi %cols, %c1 : index
    %z = arith.constant 0 : i64
    %s = scf.for %i = %c0 to %rows step %c1 iter_args(%acc = %z) -> (i64) {
      %v = memref.load %m[%i, %last] : memref<?x?xi64>
      %a = arith.addi %acc, %v : i64
      scf.yield %a : i64
    }
    // 3 + 13 + 23
    %e = arith.constant 39 : i64
    %ok = arith.cmpi eq, %s, %e : i64
    cf.assert %ok, "sum of the last column == 39"
    %d1 = memref.dim %m, %c1 : memref<?x?xi64>
    %okd = arith.cmpi eq, %d1, %cols : index
    cf.assert %okd, "dim 1 == cols"
    return
  }

  // A subview of a contiguous range aliases the source; memref.copy copies
  // into a fresh static buffer.
  func.func @test_subview_and_copy(%n64: i64) {
    %n = arith.index_cast %n64 : i64 to index
    %src = call @iota(%n) : (index) -> memref<?xi32>
    %c2 = arith.constant 2 : index
    %view = memref.subview %src[%c2] [4] [1]
        : memref<?xi32> to memref<4xi32, strided<[1], offset: ?>>
    %dst = memref.alloca() : memref<4xi32>
    memref.copy %view, %dst : memref<4xi32, strided<[1], offset: ?>> to memref<4xi32>
    %c0 = arith.constant 0 : index
    %c3 = arith.constant 3 : index
    %first = memref.load %dst[%c0] : memref<4xi32>
    %last = memref.load %dst[%c3] : memref<4xi32>
    %e2 = arith.constant 2 : i32
    %e5 = arith.constant 5 : i32
    %ok0 = arith.cmpi eq, %first, %e2 : i32
    cf.assert %ok0, "the copy starts at src[2]"
    %ok1 = arith.cmpi eq, %last, %e5 : i32
    cf.assert %ok1, "the copy ends at src[5]"
    // Writing through the view changes the source.
    %c99 = arith.constant 99 : i32
    memref.store %c99, %view[%c0] : memref<4xi32, strided<[1], offset: ?>>
    %s2 = memref.load %src[%c2] : memref<?xi32>
    %ok2 = arith.cmpi eq, %s2, %c99 : i32
    cf.assert %ok2, "the subview aliases its source"
    %d0 = memref.load %dst[%c0] : memref<4xi32>
    %ok3 = arith.cmpi eq, %d0, %e2 : i32
    cf.assert %ok3, "the copy does not alias"
    return
  }

  // Narrow and float elements keep their storage width and value.
  func.func @test_element_types(%n64: i64) {
    %n = arith.index_cast %n64 : i64 to index
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %bytes = memref.alloc(%n) : memref<?xi8>
    %halves = memref.alloc(%n) : memref<?xi16>
    %floats = memref.alloc(%n) : memref<?xf64>
    scf.for %i = %c0 to %n step %c1 {
      %i32 = arith.index_cast %i : index to i32
      %c250 = arith.constant 250 : i32
      %b = arith.addi %i32, %c250 : i32
      %b8 = arith.trunci %b : i32 to i8
      memref.store %b8, %bytes[%i] : memref<?xi8>
      %c65530 = arith.constant 65530 : i32
      %h = arith.addi %i32, %c65530 : i32
      %h16 = arith.trunci %h : i32 to i16
      memref.store %h16, %halves[%i] : memref<?xi16>
      %f = arith.sitofp %i32 : i32 to f64
      %c05 = arith.constant 0.5 : f64
      %fh = arith.mulf %f, %c05 : f64
      memref.store %fh, %floats[%i] : memref<?xf64>
    }
    %c5 = arith.constant 5 : index
    %b5 = memref.load %bytes[%c5] : memref<?xi8>
    %b5w = arith.extui %b5 : i8 to i32
    %e255 = arith.constant 255 : i32
    %ok0 = arith.cmpi eq, %b5w, %e255 : i32
    cf.assert %ok0, "bytes[5] == 255"
    %c4 = arith.constant 4 : index
    %b4 = memref.load %bytes[%c4] : memref<?xi8>
    %b4s = arith.extsi %b4 : i8 to i32
    %em2 = arith.constant -2 : i32
    %ok1 = arith.cmpi eq, %b4s, %em2 : i32
    cf.assert %ok1, "bytes[4] wrapped to 254, i.e. -2 signed"
    %h5 = memref.load %halves[%c5] : memref<?xi16>
    %h5w = arith.extui %h5 : i16 to i32
    %e65535 = arith.constant 65535 : i32
    %ok2 = arith.cmpi eq, %h5w, %e65535 : i32
    cf.assert %ok2, "halves[5] == 65535"
    %f5 = memref.load %floats[%c5] : memref<?xf64>
    %e25 = arith.constant 2.5 : f64
    %ok3 = arith.cmpf oeq, %f5, %e25 : f64
    cf.assert %ok3, "floats[5] == 2.5"
    return
  }

  // 2^62 i32 elements: the byte size overflows; the alloc fails right there
  // (it used to wrap to 0 bytes and fail later at a store).
  func.func @fail_alloc_overflow(%n64: i64) {
    %n = arith.index_cast %n64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    %c1 = arith.constant 1 : index
    %v = arith.constant 7 : i32
    memref.store %v, %m[%c1] : memref<?xi32>
    return
  }
}
