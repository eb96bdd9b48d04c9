// E2E-LIBRARY: compiled only as a dependency of input_control.mlir.
// A library in upstream MLIR; its public functions are the module's exports.
module {
  func.func @gcd(%a: i32, %b: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %r:2 = scf.while (%x = %a, %y = %b) : (i32, i32) -> (i32, i32) {
      %more = arith.cmpi ne, %y, %c0 : i32
      scf.condition(%more) %x, %y : i32, i32
    } do {
    ^bb0(%x: i32, %y: i32):
      %m = arith.remui %x, %y : i32
      scf.yield %y, %m : i32, i32
    }
    return %r#0 : i32
  }

  func.func @fill(%m: memref<?xf32>, %v: f32) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %n = memref.dim %m, %c0 : memref<?xf32>
    scf.for %i = %c0 to %n step %c1 {
      memref.store %v, %m[%i] : memref<?xf32>
    }
    return
  }
}
