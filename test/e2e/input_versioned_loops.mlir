// Loops the native forms version (vm-version-loops, docs/conversion.md):
// a check before each innermost loop compares every access's first and last
// index with its buffer, and a copy without per-element index checks runs
// when all are in range. Bytecode checks every access; every form must give
// the same results and fail the same way, at the same access.
// Sizes arrive as arguments so nothing folds.
// E2E-ARGS: test_reverse_and_sum --input=i64=100
// E2E-ARGS: test_matrix_rows --input=i64=7 --input=i64=5
// E2E-ARGS: test_strided_subview --input=i64=50
// E2E-ARGS: test_empty_and_one --input=i64=10
// E2E-ARGS: fail_last_iteration --input=i64=16
// E2E-EXPECT-ERROR: fail_last_iteration OUT_OF_RANGE
// E2E-EXPECT-TRACE: fail_last_iteration fail_last_iteration
// E2E-ARGS: fail_negative_first --input=i64=8
// E2E-EXPECT-ERROR: fail_negative_first OUT_OF_RANGE
// E2E-ARGS: fail_index_wraps --input=i64=4611686018427387904
// E2E-EXPECT-ERROR: fail_index_wraps OUT_OF_RANGE
// E2E-ARGS: fail_strided_past_end --input=i64=20
// E2E-EXPECT-ERROR: fail_strided_past_end OUT_OF_RANGE
module {
  // a[i] = i; b[i] = 2 * a[n - 1 - i] (a decreasing index); sum(b).
  func.func @test_reverse_and_sum(%n64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.index_cast %n64 : i64 to index
    %a = memref.alloc(%n) : memref<?xi64>
    %b = memref.alloc(%n) : memref<?xi64>
    scf.for %i = %c0 to %n step %c1 {
      %v = arith.index_cast %i : index to i64
      memref.store %v, %a[%i] : memref<?xi64>
    }
    %last = arith.subi %n, %c1 : index
    scf.for %i = %c0 to %n step %c1 {
      %j = arith.subi %last, %i : index
      %v = memref.load %a[%j] : memref<?xi64>
      %w = arith.addi %v, %v : i64
      memref.store %w, %b[%i] : memref<?xi64>
    }
    %z = arith.constant 0 : i64
    %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i64) {
      %v = memref.load %b[%i] : memref<?xi64>
      %t = arith.addi %acc, %v : i64
      scf.yield %t : i64
    }
    %one = arith.constant 1 : i64
    %p = arith.subi %n64, %one : i64
    %e = arith.muli %n64, %p : i64
    %ok = arith.cmpi eq, %s, %e : i64
    cf.assert %ok, "sum of 2 * (n - 1 - i) is n * (n - 1)"
    memref.dealloc %a : memref<?xi64>
    memref.dealloc %b : memref<?xi64>
    return
  }

  // An r x c matrix: m[i][j] = i * c + j, read back by rows into a sum; the
  // inner loop's index is i * c + j (affine in j, i loop-invariant).
  func.func @test_matrix_rows(%r64: i64, %c64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %r = arith.index_cast %r64 : i64 to index
    %c = arith.index_cast %c64 : i64 to index
    %m = memref.alloc(%r, %c) : memref<?x?xf32>
    scf.for %i = %c0 to %r step %c1 {
      scf.for %j = %c0 to %c step %c1 {
        %k = arith.muli %i, %c : index
        %l = arith.addi %k, %j : index
        %v64 = arith.index_cast %l : index to i64
        %v = arith.sitofp %v64 : i64 to f32
        memref.store %v, %m[%i, %j] : memref<?x?xf32>
      }
    }
    %zero = arith.constant 0.0 : f32
    %s = scf.for %i = %c0 to %r step %c1 iter_args(%acc = %zero) -> (f32) {
      %row = scf.for %j = %c0 to %c step %c1 iter_args(%racc = %acc) -> (f32) {
        %v = memref.load %m[%i, %j] : memref<?x?xf32>
        %t = arith.addf %racc, %v : f32
        scf.yield %t : f32
      }
      scf.yield %row : f32
    }
    // 0 + 1 + ... + (r*c - 1) = 34 * 35 / 2 = 595 for 7 x 5.
    %e = arith.constant 595.0 : f32
    %ok = arith.cmpf oeq, %s, %e : f32
    cf.assert %ok, "sum of a 7x5 iota is 595"
    memref.dealloc %m : memref<?x?xf32>
    return
  }

  // A step of 3 through a subview that starts at element 2 (an offset in
  // the index): touches elements 2, 5, ..., the last below n.
  func.func @test_strided_subview(%n64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %c3 = arith.constant 3 : index
    %n = arith.index_cast %n64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    %len = arith.subi %n, %c2 : index
    %view = memref.subview %m[%c2] [%len] [1] : memref<?xi32> to memref<?xi32, strided<[1], offset: ?>>
    %one = arith.constant 1 : i32
    scf.for %i = %c0 to %len step %c3 {
      memref.store %one, %view[%i] : memref<?xi32, strided<[1], offset: ?>>
    }
    %z = arith.constant 0 : i32
    %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
      %v = memref.load %m[%i] : memref<?xi32>
      %t = arith.addi %acc, %v : i32
      scf.yield %t : i32
    }
    // i = 0, 3, ..., 45 (48 - 1 = 47 is the last below 48): 16 elements.
    %e = arith.constant 16 : i32
    %ok = arith.cmpi eq, %s, %e : i32
    cf.assert %ok, "16 elements set"
    memref.dealloc %m : memref<?xi32>
    return
  }

  // Loops of zero and one iteration: the empty one never reads the (out of
  // range) index it would compute; the one-iteration one reads element 0.
  func.func @test_empty_and_one(%n64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.index_cast %n64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    %seven = arith.constant 7 : i32
    %far = arith.addi %n, %n : index
    scf.for %i = %n to %c0 step %c1 {
      %k = arith.addi %i, %far : index
      memref.store %seven, %m[%k] : memref<?xi32>
    }
    scf.for %i = %c0 to %c1 step %c1 {
      memref.store %seven, %m[%i] : memref<?xi32>
    }
    %v = memref.load %m[%c0] : memref<?xi32>
    %ok = arith.cmpi eq, %v, %seven : i32
    cf.assert %ok, "element 0 is 7"
    memref.dealloc %m : memref<?xi32>
    return
  }

  // m[i + 1] = m[i] for i < n: the last iteration stores past the end,
  // after n - 1 stores have happened (the checked loop runs them all).
  func.func @fail_last_iteration(%n64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.index_cast %n64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    scf.for %i = %c0 to %n step %c1 {
      %v = memref.load %m[%i] : memref<?xi32>
      %j = arith.addi %i, %c1 : index
      memref.store %v, %m[%j] : memref<?xi32>
    }
    return
  }

  // m[i - 1]: the first iteration reads element -1.
  func.func @fail_negative_first(%n64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = arith.index_cast %n64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    %z = arith.constant 0 : i32
    %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %z) -> (i32) {
      %j = arith.subi %i, %c1 : index
      %v = memref.load %m[%j] : memref<?xi32>
      %t = arith.addi %acc, %v : i32
      scf.yield %t : i32
    }
    %ok = arith.cmpi eq, %s, %z : i32
    cf.assert %ok, "unreachable"
    return
  }

  // m[i * 2^62] for i in 0..4: the wrapped index is 0 at both ends (0 and
  // 4 * 2^62 = 2^64), in range, but 2^62 in between. The check computes
  // exactly and takes the checked loop, which fails at i = 1.
  func.func @fail_index_wraps(%big64: i64) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c5 = arith.constant 5 : index
    %big = arith.index_cast %big64 : i64 to index
    %m = memref.alloc(%c5) : memref<?xi32>
    %z = arith.constant 0 : i32
    %s = scf.for %i = %c0 to %c5 step %c1 iter_args(%acc = %z) -> (i32) {
      %j = arith.muli %i, %big : index
      %v = memref.load %m[%j] : memref<?xi32>
      %t = arith.addi %acc, %v : i32
      scf.yield %t : i32
    }
    %ok = arith.cmpi eq, %s, %z : i32
    cf.assert %ok, "unreachable"
    return
  }

  // A step of 7 over n = 20 elements: i = 0, 7, 14 (the last below 20),
  // and the access at i + 7 reads element 21 in the last iteration.
  func.func @fail_strided_past_end(%n64: i64) {
    %c0 = arith.constant 0 : index
    %n = arith.index_cast %n64 : i64 to index
    %step = arith.constant 7 : index
    %m = memref.alloc(%n) : memref<?xi32>
    %z = arith.constant 0 : i32
    %s = scf.for %i = %c0 to %n step %step iter_args(%acc = %z) -> (i32) {
      %j = arith.addi %i, %step : index
      %v = memref.load %m[%j] : memref<?xi32>
      %t = arith.addi %acc, %v : i32
      scf.yield %t : i32
    }
    %ok = arith.cmpi eq, %s, %z : i32
    cf.assert %ok, "unreachable"
    return
  }
}
