// RUN: vm-translate --vm-to-bytecode -split-input-file -verify-diagnostics %s -o /dev/null

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

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error @+1 {{cannot be encoded: rodata element type 'i1' is not byte-sized}}
    %0 = vm.rodata.inline : !vm.buffer = dense<[true, false]> : tensor<2xi1>
    vm.return %0 : !vm.buffer
  }
}

// -----

// expected-error @+1 {{expected a 'vm.module' to translate}}
module {
}
