// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @get_i32_from_f32(%list: !vm.list<f32>, %i: i32) -> i32 {
    // expected-error @+1 {{'vm.list.get.i32' op cannot read 'i32' values in a list of 'f32' elements}}
    %0 = vm.list.get.i32 %list, %i : (!vm.list<f32>, i32) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @get_i64_from_f64(%list: !vm.list<f64>, %i: i32) -> i64 {
    // expected-error @+1 {{cannot read 'i64' values in a list of 'f64' elements}}
    %0 = vm.list.get.i64 %list, %i : (!vm.list<f64>, i32) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @get_f32_from_i32(%list: !vm.list<i32>, %i: i32) -> f32 {
    // expected-error @+1 {{'vm.list.get.f32' op cannot read 'f32' values in a list of 'i32' elements}}
    %0 = vm.list.get.f32 %list, %i : (!vm.list<i32>, i32) -> f32
    vm.return %0 : f32
  }
}

// -----

vm.module @m {
  vm.func @get_f64_from_i8(%list: !vm.list<i8>, %i: i32) -> f64 {
    // expected-error @+1 {{cannot read 'f64' values in a list of 'i8' elements}}
    %0 = vm.list.get.f64 %list, %i : (!vm.list<i8>, i32) -> f64
    vm.return %0 : f64
  }
}

// -----

vm.module @m {
  vm.func @set_i32_into_f32(%list: !vm.list<f32>, %i: i32) {
    // expected-error @+1 {{'vm.list.set.i32' op cannot write 'i32' values in a list of 'f32' elements}}
    vm.list.set.i32 %list, %i, %i : (!vm.list<f32>, i32, i32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @set_i64_into_f64(%list: !vm.list<f64>, %i: i32, %v: i64) {
    // expected-error @+1 {{cannot write 'i64' values in a list of 'f64' elements}}
    vm.list.set.i64 %list, %i, %v : (!vm.list<f64>, i32, i64)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @set_f32_into_i16(%list: !vm.list<i16>, %i: i32, %v: f32) {
    // expected-error @+1 {{'vm.list.set.f32' op cannot write 'f32' values in a list of 'i16' elements}}
    vm.list.set.f32 %list, %i, %v : (!vm.list<i16>, i32, f32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @set_f64_into_i64(%list: !vm.list<i64>, %i: i32, %v: f64) {
    // expected-error @+1 {{cannot write 'f64' values in a list of 'i64' elements}}
    vm.list.set.f64 %list, %i, %v : (!vm.list<i64>, i32, f64)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @get_i32_from_refs(%list: !vm.list<!vm.ref<?>>, %i: i32) -> i32 {
    // expected-error @+1 {{operand #0 must be list<8/16/32/64-bit integer or 16/32/64-bit float>, but got '!vm.list<!vm.ref<?>>'}}
    %0 = vm.list.get.i32 %list, %i : (!vm.list<!vm.ref<?>>, i32) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @set_f32_into_buffers(%list: !vm.list<!vm.buffer>, %i: i32, %v: f32) {
    // expected-error @+1 {{but got '!vm.list<!vm.buffer>'}}
    vm.list.set.f32 %list, %i, %v : (!vm.list<!vm.buffer>, i32, f32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @get_i32_as_f32(%list: !vm.list<i32>, %i: i32) -> f32 {
    // expected-error @+1 {{result #0 must be 32-bit signless integer, but got 'f32'}}
    %0 = "vm.list.get.i32"(%list, %i) : (!vm.list<i32>, i32) -> f32
    vm.return %0 : f32
  }
}

// -----

vm.module @m {
  vm.func @get_i64_index(%list: !vm.list<i32>, %i: i64) -> i32 {
    // expected-error @+1 {{operand #1 must be 32-bit signless integer, but got 'i64'}}
    %0 = vm.list.get.i32 %list, %i : (!vm.list<i32>, i64) -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @get_ref_from_i32(%list: !vm.list<i32>, %i: i32) -> !vm.ref<?> {
    // expected-error @+1 {{'vm.list.get.ref' op cannot read refs in a list of 'i32' elements}}
    %0 = vm.list.get.ref %list, %i : (!vm.list<i32>, i32) -> !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  vm.func @set_ref_into_f32(%list: !vm.list<f32>, %i: i32, %v: !vm.buffer) {
    // expected-error @+1 {{'vm.list.set.ref' op cannot write refs in a list of 'f32' elements}}
    vm.list.set.ref %list, %i, %v : (!vm.list<f32>, i32, !vm.buffer)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @get_wrong_ref(%list: !vm.list<!vm.buffer>, %i: i32) -> !vm.list<i32> {
    // expected-error @+1 {{'vm.list.get.ref' op cannot read '!vm.list<i32>' values in a list of '!vm.buffer' elements; the types must match}}
    %0 = vm.list.get.ref %list, %i : (!vm.list<!vm.buffer>, i32) -> !vm.list<i32>
    vm.return %0 : !vm.list<i32>
  }
}

// -----

vm.module @m {
  vm.func @get_typed_as_any(%list: !vm.list<!vm.buffer>, %i: i32) -> !vm.ref<?> {
    // expected-error @+1 {{cannot read '!vm.ref<?>' values in a list of '!vm.buffer' elements; the types must match}}
    %0 = vm.list.get.ref %list, %i : (!vm.list<!vm.buffer>, i32) -> !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  vm.func @set_wrong_ref(%list: !vm.list<!vm.list<i8>>, %i: i32, %v: !vm.list<i16>) {
    // expected-error @+1 {{'vm.list.set.ref' op cannot write '!vm.list<i16>' values in a list of '!vm.list<i8>' elements; the types must match}}
    vm.list.set.ref %list, %i, %v : (!vm.list<!vm.list<i8>>, i32, !vm.list<i16>)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @set_any_into_typed(%list: !vm.list<!vm.buffer>, %i: i32, %v: !vm.ref<?>) {
    // expected-error @+1 {{cannot write '!vm.ref<?>' values in a list of '!vm.buffer' elements; the types must match}}
    vm.list.set.ref %list, %i, %v : (!vm.list<!vm.buffer>, i32, !vm.ref<?>)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @get_ref_from_buffer(%buf: !vm.buffer, %i: i32) -> !vm.ref<?> {
    // expected-error @+1 {{operand #0 must be list, but got '!vm.buffer'}}
    %0 = vm.list.get.ref %buf, %i : (!vm.buffer, i32) -> !vm.ref<?>
    vm.return %0 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  vm.func @alloc_buffer(%n: i32) -> !vm.buffer {
    // expected-error @+1 {{result #0 must be list, but got '!vm.buffer'}}
    %0 = vm.list.alloc %n : (i32) -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @size_i64(%list: !vm.list<i32>) -> i64 {
    // expected-error @+1 {{result #0 must be 32-bit signless integer, but got 'i64'}}
    %0 = "vm.list.size"(%list) : (!vm.list<i32>) -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @resize_any(%any: !vm.ref<?>, %n: i32) {
    // expected-error @+1 {{operand #0 must be list, but got '!vm.ref<?>'}}
    vm.list.resize %any, %n : (!vm.ref<?>, i32)
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @reserve_i64(%list: !vm.list<i32>, %n: i64) {
    // expected-error @+1 {{operand #1 must be 32-bit signless integer, but got 'i64'}}
    vm.list.reserve %list, %n : (!vm.list<i32>, i64)
    vm.return
  }
}
