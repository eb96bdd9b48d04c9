// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.const.ref.rodata' op undefined rodata section: 'missing'}}
    %0 = vm.const.ref.rodata @missing : !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.const.ref.rodata' op 'f' is a 'vm.func', not a vm.rodata}}
    %0 = vm.const.ref.rodata @f : !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.rodata private @r "x"
  vm.func @f() -> !vm.ref<?> {
    // expected-error@+1 {{'vm.const.ref.rodata' op result #0 must be buffer, but got '!vm.ref<?>'}}
    %0 = vm.const.ref.rodata @r : !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.rodata' op attribute 'value' failed to satisfy constraint: string or elements attribute}}
  vm.rodata private @r 42 : i32
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.rodata' op value has element type 'index'; only integer and floating-point data can be stored}}
  vm.rodata private @r dense<[1, 2]> : tensor<2xindex>
}

// -----

vm.module @m {
  // expected-error@+1 {{'vm.rodata' op alignment must be a power of two, not 12}}
  vm.rodata private @r {alignment = 12 : i64} "abc"
}

// -----

// expected-error@+1 {{'vm.rodata' op expects parent op 'vm.module'}}
vm.rodata private @outside "abc"

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.rodata.inline' op alignment must be a power of two, not 0}}
    %0 = vm.rodata.inline {alignment = 0 : i64} : !vm.buffer = "abc"
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.rodata.inline' op value has element type 'index'}}
    %0 = vm.rodata.inline : !vm.buffer = dense<1> : tensor<2xindex>
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.rodata.table.inline' op data_array element 1 must be a string or an elements attribute, not 5 : i32}}
    %0:2 = vm.rodata.table.inline i32 : !vm.buffer, !vm.buffer = ["a", 5 : i32]
    vm.return %0#0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.rodata.table.inline' op data_alignment must be a power of two, not 3}}
    %0:2 = vm.rodata.table.inline i32 {data_alignment = 3 : i64} : !vm.buffer, !vm.buffer = ["a"]
    vm.return %0#0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @f() -> !vm.buffer {
    // expected-error@+1 {{'vm.rodata.table.inline' op attribute 'table_type' failed to satisfy constraint: type attribute of 32/64-bit integer}}
    %0:2 = vm.rodata.table.inline i16 : !vm.buffer, !vm.buffer = ["a"]
    vm.return %0#0 : !vm.buffer
  }
}
