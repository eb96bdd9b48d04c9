// RUN: vm-translate --vm-to-bytecode --vm-bytecode-no-preparation -split-input-file -verify-diagnostics %s -o /dev/null

// Without the preparation pipeline, what only __init can hold is rejected
// at the op instead of being encoded wrongly.

vm.module @m {
  // expected-error @+1 {{cannot be encoded: a non-zero initial value must be moved into '__init'}}
  vm.global.i32 private mutable @g = 5 : i32
}

// -----

vm.module @m {
  vm.global.i32 private mutable @g : i32
  vm.import private @env.get() -> i32
  // expected-error @+1 {{'vm.initializer' must be merged into '__init'}}
  vm.initializer {
    %c = vm.call @env.get() : () -> i32
    vm.global.store.i32 %c, @g : i32
    vm.return
  }
}

