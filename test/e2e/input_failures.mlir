// Written in upstream MLIR: runtime errors of lowered code fail cleanly with
// a message and a source location in the stack trace.
// E2E-ARGS: fail_assert --input=i32=-4
// E2E-EXPECT-ERROR: fail_assert x must not be negative
// E2E-EXPECT-TRACE: fail_assert check_positive fail_assert
// E2E-ARGS: fail_divide_by_zero --input=i32=0
// E2E-EXPECT-ERROR: fail_divide_by_zero division by zero
// E2E-ARGS: fail_out_of_bounds --input=i64=4 --input=i64=4
// E2E-EXPECT-ERROR: fail_out_of_bounds out-of-bounds buffer access
module {
  func.func private @check_positive(%x: i32) {
    %c0 = arith.constant 0 : i32
    %ok = arith.cmpi sge, %x, %c0 : i32
    cf.assert %ok, "x must not be negative"
    return
  }

  func.func @fail_assert(%x: i32) {
    call @check_positive(%x) : (i32) -> ()
    return
  }

  func.func @fail_divide_by_zero(%d: i32) -> i32 {
    %c7 = arith.constant 7 : i32
    %q = arith.divsi %c7, %d : i32
    return %q : i32
  }

  func.func @fail_out_of_bounds(%n64: i64, %i64: i64) -> i32 {
    %n = arith.index_cast %n64 : i64 to index
    %i = arith.index_cast %i64 : i64 to index
    %m = memref.alloc(%n) : memref<?xi32>
    %v = memref.load %m[%i] : memref<?xi32>
    return %v : i32
  }
}
