// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Checked narrowing and unchecked widening casts print as written.
vm.module @m {
  // CHECK-LABEL: vm.func @casts
  // CHECK-SAME: (%[[ANY:.+]]: !vm.ref<?>, %[[LIST:.+]]: !vm.list<i32>)
  vm.func @casts(%any: !vm.ref<?>, %list: !vm.list<i32>) -> !vm.ref<?> {
    // CHECK: %[[BUF:.+]] = vm.cast.any.ref %[[ANY]] : !vm.ref<?> -> !vm.buffer
    %buf = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    // CHECK: %[[L:.+]] = vm.cast.any.ref %[[ANY]] : !vm.ref<?> -> !vm.list<f32>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<f32>
    // CHECK: vm.cast.any.ref %[[LIST]] : !vm.list<i32> -> !vm.buffer
    %odd = vm.cast.any.ref %list : !vm.list<i32> -> !vm.buffer
    // CHECK: vm.cast.ref.any %[[BUF]] : !vm.buffer -> !vm.ref<?>
    %w0 = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    // CHECK: vm.cast.ref.any %[[L]] : !vm.list<f32> -> !vm.ref<?>
    %w1 = vm.cast.ref.any %l : !vm.list<f32> -> !vm.ref<?>
    // CHECK: vm.cast.ref.any %[[ANY]] : !vm.ref<?> -> !vm.ref<?>
    %w2 = vm.cast.ref.any %any : !vm.ref<?> -> !vm.ref<?>
    // CHECK: vm.cast.ref.any %[[LIST]] : !vm.list<i32> -> !vm.list<i32>
    %w3 = vm.cast.ref.any %list : !vm.list<i32> -> !vm.list<i32>
    vm.return %w0 : !vm.ref<?>
  }
}

// -----

// Attributes go before the colon.
vm.module @m {
  // CHECK-LABEL: vm.func @cast_attrs
  vm.func @cast_attrs(%any: !vm.ref<?>) -> !vm.buffer {
    // CHECK: vm.cast.any.ref %{{.+}} {note = 1 : i32} : !vm.ref<?> -> !vm.buffer
    %buf = vm.cast.any.ref %any {note = 1 : i32} : !vm.ref<?> -> !vm.buffer
    vm.return %buf : !vm.buffer
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @assign
  // CHECK-SAME: (%[[A:.+]]: !vm.buffer)
  vm.func @assign(%a: !vm.buffer) -> !vm.ref<?> {
    // CHECK: vm.assign.ref %[[A]] : !vm.buffer -> !vm.buffer
    %0 = vm.assign.ref %a : !vm.buffer -> !vm.buffer
    // CHECK: vm.assign.ref %[[A]] : !vm.buffer -> !vm.ref<?>
    %1 = vm.assign.ref %a : !vm.buffer -> !vm.ref<?>
    vm.return %1 : !vm.ref<?>
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @discard
  // CHECK-SAME: (%[[A:.+]]: !vm.buffer, %[[B:.+]]: !vm.ref<?>, %[[C:.+]]: !vm.list<?>)
  vm.func @discard(%a: !vm.buffer, %b: !vm.ref<?>, %c: !vm.list<?>) {
    // CHECK: vm.discard.refs %[[A]] : !vm.buffer
    vm.discard.refs %a : !vm.buffer
    // CHECK: vm.discard.refs %[[B]], %[[C]] : !vm.ref<?>, !vm.list<?>
    vm.discard.refs %b, %c : !vm.ref<?>, !vm.list<?>
    // An empty discard must be followed by an op without results (as in
    // IREE): `vm.discard.refs %x = ...` would read %x as an operand.
    // CHECK: vm.discard.refs{{$}}
    vm.discard.refs
    // CHECK-NEXT: vm.return
    vm.return
  }
}
