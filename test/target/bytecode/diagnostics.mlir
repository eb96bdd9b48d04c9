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

// -----

vm.module @m {
  // expected-error @+1 {{'alignment' of 128 is not supported: rodata is aligned to a power of two from 1 to 64 bytes}}
  vm.rodata public @wide {alignment = 128 : i64} dense<[1, 2]> : tensor<2xi32>
  vm.func @f() -> !vm.buffer {
    %0 = vm.const.ref.rodata @wide : !vm.buffer
    vm.return %0 : !vm.buffer
  }
  vm.export @f
}
