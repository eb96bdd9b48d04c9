// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @cast_ref_any_narrows(%any: !vm.ref<?>) -> !vm.buffer {
    // expected-error @+1 {{result must be !vm.ref<?> or the operand type '!vm.ref<?>', but got '!vm.buffer'; use vm.cast.any.ref to narrow}}
    %0 = vm.cast.ref.any %any : !vm.ref<?> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @cast_ref_any_sideways(%list: !vm.list<i32>) -> !vm.buffer {
    // expected-error @+1 {{result must be !vm.ref<?> or the operand type '!vm.list<i32>', but got '!vm.buffer'}}
    %0 = vm.cast.ref.any %list : !vm.list<i32> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @cast_any_ref_scalar(%x: i32) -> !vm.buffer {
    // expected-error @+1 {{expected vm.ref, but found 'i32'}}
    %0 = vm.cast.any.ref %x : i32 -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @cast_any_ref_to_scalar(%any: !vm.ref<?>) -> i32 {
    // expected-error @+1 {{expected vm.ref, but found 'i32'}}
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @assign_narrows(%any: !vm.ref<?>) -> !vm.buffer {
    // expected-error @+1 {{result type '!vm.buffer' must be the source type '!vm.ref<?>' or !vm.ref<?>}}
    %0 = vm.assign.ref %any : !vm.ref<?> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }
}

// -----

vm.module @m {
  vm.func @assign_sideways(%buf: !vm.buffer) -> !vm.list<i8> {
    // expected-error @+1 {{result type '!vm.list<i8>' must be the source type '!vm.buffer' or !vm.ref<?>}}
    %0 = vm.assign.ref %buf : !vm.buffer -> !vm.list<i8>
    vm.return %0 : !vm.list<i8>
  }
}

// -----

vm.module @m {
  vm.func @assign_scalar(%x: i64) -> i64 {
    // The custom form parses ref types directly, so a scalar is a parse error.
    // expected-error @+1 {{expected vm.ref, but found 'i64'}}
    %0 = vm.assign.ref %x : i64 -> i64
    vm.return %0 : i64
  }
}

// -----

vm.module @m {
  vm.func @discard_scalar(%buf: !vm.buffer, %x: i32) {
    // expected-error @+1 {{operand #1 must be variadic of ref, but got 'i32'}}
    vm.discard.refs %buf, %x : !vm.buffer, i32
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @assign_scalar_generic(%x: i64) -> i64 {
    // expected-error @+1 {{operand #0 must be ref, but got 'i64'}}
    %0 = "vm.assign.ref"(%x) : (i64) -> i64
    vm.return %0 : i64
  }
}
