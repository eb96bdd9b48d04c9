// Malformed or unsupported input is an MLIR diagnostic at the op, never a
// crash.
// RUN: %vm-to-c --vm-c-no-preparation -split-input-file -verify-diagnostics %s

vm.module @e1 {
  // expected-error @+1 {{has no ordinal; the C target needs the preparation pipeline}}
  vm.global.i32 private mutable @g : i32
  vm.func @f() -> i32 {
    %v = vm.global.load.i32 @g : i32
    vm.return %v : i32
  }
  vm.export @f
}

// -----

vm.module @e2 {
  // expected-error @+1 {{must be merged into __init by the preparation pipeline}}
  vm.initializer {
    vm.return
  }
}

