// RUN: vm-opt -split-input-file -verify-diagnostics %s

// Buffer ops have no verifier of their own: everything that can be wrong is
// a type, rejected by the operand and result constraints.

vm.module @m {
  vm.func @alloc_i32_length(%len: i32, %align: i32) -> !vm.buffer {
    // expected-error @+1 {{operand #0 must be 64-bit signless integer, but got 'i32'}}
    %0 = "vm.buffer.alloc"(%len, %align) : (i32, i32) -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @alloc_list(%len: i64, %align: i32) -> !vm.list<i8> {
    // expected-error @+1 {{result #0 must be buffer, but got '!vm.list<i8>'}}
    %0 = vm.buffer.alloc %len, %align : !vm.list<i8>
    vm.return %0 : !vm.list<i8>
  }
}

// -----

vm.module @m {
  vm.func @clone_any(%src: !vm.ref<?>, %off: i64, %len: i64, %align: i32) -> !vm.buffer {
    // expected-error @+1 {{operand #0 must be buffer, but got '!vm.ref<?>'}}
    %0 = vm.buffer.clone %src, %off, %len, %align : !vm.ref<?> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @length_i32(%buf: !vm.buffer) -> i32 {
    // expected-error @+1 {{result #0 must be 64-bit signless integer, but got 'i32'}}
    %0 = vm.buffer.length %buf : !vm.buffer -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @copy_into_list(%buf: !vm.buffer, %list: !vm.list<i8>, %off: i64) {
    // expected-error @+1 {{operand #2 must be buffer, but got '!vm.list<i8>'}}
    vm.buffer.copy %buf, %off, %list, %off, %off : !vm.buffer -> !vm.list<i8>
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @compare_i64(%buf: !vm.buffer, %off: i64) -> i64 {
    // expected-error @+1 {{result #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = "vm.buffer.compare"(%buf, %off, %buf, %off, %off) : (!vm.buffer, i64, !vm.buffer, i64, i64) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @hash_i32(%buf: !vm.buffer, %off: i64) -> i32 {
    // expected-error @+1 {{result #0 must be 64-bit signless integer, but got 'i32'}}
    %0 = vm.buffer.hash %buf, %off, %off : !vm.buffer -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @fill_i8_with_i64(%buf: !vm.buffer, %off: i64, %v: i64) {
    // expected-error @+1 {{operand #3 must be 8-bit signless integer or 32-bit signless integer, but got 'i64'}}
    vm.buffer.fill.i8 %buf, %off, %off, %v : i64 -> !vm.buffer
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @fill_f32_with_f64(%buf: !vm.buffer, %off: i64, %v: f64) {
    // expected-error @+1 {{operand #3 must be 32-bit float or 32-bit signless integer, but got 'f64'}}
    vm.buffer.fill.f32 %buf, %off, %off, %v : f64 -> !vm.buffer
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @load_i8_as_i64(%buf: !vm.buffer, %off: i64) -> i64 {
    // expected-error @+1 {{result #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = vm.buffer.load.i8.s %buf[%off] : !vm.buffer -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @load_f64_as_f32(%buf: !vm.buffer, %off: i64) -> f32 {
    // expected-error @+1 {{result #0 must be 64-bit float or 32-bit signless integer, but got 'f32'}}
    %0 = vm.buffer.load.f64 %buf[%off] : !vm.buffer -> f32
    vm.return %0 : f32
  }
}

// -----

vm.module @m {
  vm.func @load_i32_offset(%buf: !vm.buffer, %off: i32) -> i32 {
    // expected-error @+1 {{operand #1 must be 64-bit signless integer, but got 'i32'}}
    %0 = "vm.buffer.load.i32"(%buf, %off) : (!vm.buffer, i32) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @store_i16_from_i64(%buf: !vm.buffer, %off: i64, %v: i64) {
    // expected-error @+1 {{operand #2 must be 32-bit signless integer, but got 'i64'}}
    vm.buffer.store.i16 %v, %buf[%off] : i64 -> !vm.buffer
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @store_i64_from_f64(%buf: !vm.buffer, %off: i64, %v: f64) {
    // expected-error @+1 {{operand #2 must be 64-bit signless integer or 32-bit signless integer, but got 'f64'}}
    vm.buffer.store.i64 %v, %buf[%off] : f64 -> !vm.buffer
    vm.return
  }
}
