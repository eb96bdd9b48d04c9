// Malformed or unprepared input is an MLIR diagnostic at the op, never a
// crash (as for the C target, test/target/c/errors.mlir).
// RUN: vm-translate --vm-to-llvm-ir --vm-llvm-no-preparation -split-input-file -verify-diagnostics %s -o /dev/null

vm.module @e1 {
  // expected-error @+1 {{has no ordinal; the LLVM target needs the preparation pipeline}}
  vm.global.i32 private mutable @g : i32
  vm.func @f() -> i32 {
    %v = vm.global.load.i32 @g : i32
    vm.return %v : i32
  }
  vm.export @f
}

// -----

vm.module @e2 {
  // expected-error @+1 {{must be merged into __init by the preparation pipeline before the LLVM target runs}}
  vm.initializer {
    vm.return
  }
}

// -----

vm.module @e3 {
  // expected-error @+1 {{has a misaligned byte offset 2}}
  vm.global.i32 private mutable @g {ordinal = 2 : i32} : i32
}

// -----

// expected-error @+1 {{the LLVM form translates exactly one vm.module}}
module {
  vm.module @a {
  }
  vm.module @b {
  }
}
