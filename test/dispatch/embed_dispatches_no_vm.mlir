// RUN: vm-opt --kiln-outline-dispatches --kiln-embed-dispatches -verify-diagnostics %s

// The embedding runs after the conversion to vm; without it there is no
// vm.module to embed into.
// expected-error @+1 {{kiln-embed-dispatches: expected one vm.module after the conversion to vm, found 0}}
module {
  func.func @f(%m: memref<4xi32>) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
      %v = arith.constant 1 : i32
      memref.store %v, %m[%i] : memref<4xi32>
    }
    return
  }
}
