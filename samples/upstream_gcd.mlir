// SAMPLE-RUN: gcd --input=84 --input=18
// Greatest common divisor with scf.while, written in upstream MLIR.
// vm-translate --vm-to-bytecode samples/upstream_gcd.mlir -o gcd.vmfb (see
// the vm it becomes with vm-opt --kiln-lower-to-vm samples/upstream_gcd.mlir)
module @upstream_gcd {
  func.func @gcd(%a: i32, %b: i32) -> i32 {
    %c0 = arith.constant 0 : i32
    %r:2 = scf.while (%x = %a, %y = %b) : (i32, i32) -> (i32, i32) {
      %nz = arith.cmpi ne, %y, %c0 : i32
      scf.condition(%nz) %x, %y : i32, i32
    } do {
    ^bb0(%x: i32, %y: i32):
      %m = arith.remui %x, %y : i32
      scf.yield %y, %m : i32, i32
    }
    return %r#0 : i32
  }
}
