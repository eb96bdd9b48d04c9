// RUN: vm-translate --vm-to-bytecode -split-input-file -verify-diagnostics %s -o /dev/null

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
