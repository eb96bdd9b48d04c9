// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  // Casting to the operand's own type is the identity, either way.
  // CHECK-LABEL: vm.func @same_type
  // CHECK-SAME: (%[[BUF:.+]]: !vm.buffer, %[[ANY:.+]]: !vm.ref<?>)
  vm.func @same_type(%buf: !vm.buffer, %any: !vm.ref<?>) -> (!vm.buffer, !vm.ref<?>, !vm.ref<?>) {
    // CHECK-NOT: vm.cast
    %0 = vm.cast.any.ref %buf : !vm.buffer -> !vm.buffer
    %1 = vm.cast.ref.any %any : !vm.ref<?> -> !vm.ref<?>
    %2 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.ref<?>
    // CHECK: vm.return %[[BUF]], %[[ANY]], %[[ANY]]
    vm.return %0, %1, %2 : !vm.buffer, !vm.ref<?>, !vm.ref<?>
  }

  // Widening then narrowing back to the same type gives the original value.
  // CHECK-LABEL: vm.func @widen_narrow
  // CHECK-SAME: (%[[BUF:.+]]: !vm.buffer)
  vm.func @widen_narrow(%buf: !vm.buffer) -> !vm.buffer {
    // CHECK-NOT: vm.cast
    %0 = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    %1 = vm.cast.any.ref %0 : !vm.ref<?> -> !vm.buffer
    // CHECK: vm.return %[[BUF]]
    vm.return %1 : !vm.buffer
  }

  // Narrowing then widening back gives the original untyped value; the
  // narrowing cast (and its check) remains while something else uses it.
  // CHECK-LABEL: vm.func @narrow_widen
  // CHECK-SAME: (%[[ANY:.+]]: !vm.ref<?>)
  vm.func @narrow_widen(%any: !vm.ref<?>) -> (!vm.ref<?>, !vm.buffer) {
    // CHECK: %[[BUF:.+]] = vm.cast.any.ref %[[ANY]] : !vm.ref<?> -> !vm.buffer
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    // CHECK-NOT: vm.cast.ref.any
    %1 = vm.cast.ref.any %0 : !vm.buffer -> !vm.ref<?>
    // CHECK: vm.return %[[ANY]], %[[BUF]]
    vm.return %1, %0 : !vm.ref<?>, !vm.buffer
  }
}

// -----

vm.module @m {
  // Must not fold: a widened buffer narrowed to a list keeps its run-time
  // check (it fails unless the buffer is null).
  // CHECK-LABEL: vm.func @widen_narrow_other_type
  // CHECK-SAME: (%[[BUF:.+]]: !vm.buffer)
  vm.func @widen_narrow_other_type(%buf: !vm.buffer) -> !vm.list<i32> {
    // CHECK: %[[ANY:.+]] = vm.cast.ref.any %[[BUF]] : !vm.buffer -> !vm.ref<?>
    %0 = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    // CHECK: %[[L:.+]] = vm.cast.any.ref %[[ANY]] : !vm.ref<?> -> !vm.list<i32>
    %1 = vm.cast.any.ref %0 : !vm.ref<?> -> !vm.list<i32>
    // CHECK: vm.return %[[L]]
    vm.return %1 : !vm.list<i32>
  }

  // Must not fold: a plain checked cast of an unknown value.
  // CHECK-LABEL: vm.func @checked_cast
  vm.func @checked_cast(%any: !vm.ref<?>) -> !vm.buffer {
    // CHECK: vm.cast.any.ref %{{.+}} : !vm.ref<?> -> !vm.buffer
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }

  // Must not fold: a checked cast directly on a typed value of another type.
  // CHECK-LABEL: vm.func @sideways_cast
  vm.func @sideways_cast(%l: !vm.list<i8>) -> !vm.buffer {
    // CHECK: vm.cast.any.ref %{{.+}} : !vm.list<i8> -> !vm.buffer
    %0 = vm.cast.any.ref %l : !vm.list<i8> -> !vm.buffer
    vm.return %0 : !vm.buffer
  }

  // Must not fold: two checked casts in a row are not the identity.
  // CHECK-LABEL: vm.func @narrow_narrow
  vm.func @narrow_narrow(%any: !vm.ref<?>) -> !vm.buffer {
    // CHECK: %[[A:.+]] = vm.cast.any.ref %{{.+}} : !vm.ref<?> -> !vm.list<i8>
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i8>
    // CHECK: vm.cast.any.ref %[[A]] : !vm.list<i8> -> !vm.buffer
    %1 = vm.cast.any.ref %0 : !vm.list<i8> -> !vm.buffer
    vm.return %1 : !vm.buffer
  }

  // Must stay: an unused checked cast still fails on a mismatched type, and
  // failing is observable (VM_MayFail; IREE drops it).
  // CHECK-LABEL: vm.func @dead_cast
  vm.func @dead_cast(%any: !vm.ref<?>) {
    // CHECK-NEXT: vm.cast.any.ref
    %0 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.buffer
    // CHECK-NEXT: vm.return
    vm.return
  }
}

// -----

vm.module @m {
  // A cast of null is null of the result type.
  // CHECK-LABEL: vm.func @cast_any_ref_null
  vm.func @cast_any_ref_null() -> !vm.buffer {
    // CHECK: %[[NULL:.+]] = vm.const.ref.zero : !vm.buffer
    // CHECK-NOT: vm.cast
    %0 = vm.const.ref.zero : !vm.ref<?>
    %1 = vm.cast.any.ref %0 : !vm.ref<?> -> !vm.buffer
    // CHECK: vm.return %[[NULL]]
    vm.return %1 : !vm.buffer
  }

  // CHECK-LABEL: vm.func @cast_ref_any_null
  vm.func @cast_ref_any_null() -> !vm.ref<?> {
    // CHECK: %[[NULL:.+]] = vm.const.ref.zero : !vm.ref<?>
    // CHECK-NOT: vm.cast
    %0 = vm.const.ref.zero : !vm.list<i32>
    %1 = vm.cast.ref.any %0 : !vm.list<i32> -> !vm.ref<?>
    // CHECK: vm.return %[[NULL]]
    vm.return %1 : !vm.ref<?>
  }

  // Even a cast that could never succeed on an object succeeds on null.
  // CHECK-LABEL: vm.func @sideways_null
  vm.func @sideways_null() -> !vm.buffer {
    // CHECK: %[[NULL:.+]] = vm.const.ref.zero : !vm.buffer
    // CHECK-NOT: vm.cast
    %0 = vm.const.ref.zero : !vm.list<i8>
    %1 = vm.cast.any.ref %0 : !vm.list<i8> -> !vm.buffer
    // CHECK: vm.return %[[NULL]]
    vm.return %1 : !vm.buffer
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @discard_empty
  vm.func @discard_empty() {
    // CHECK-NOT: vm.discard.refs
    vm.discard.refs
    // CHECK: vm.return
    vm.return
  }

  // Must not fold: a discard with operands releases them.
  // CHECK-LABEL: vm.func @discard_some
  vm.func @discard_some(%a: !vm.buffer, %b: !vm.ref<?>) {
    // CHECK: vm.discard.refs %{{.+}}, %{{.+}} : !vm.buffer, !vm.ref<?>
    vm.discard.refs %a, %b : !vm.buffer, !vm.ref<?>
    vm.return
  }

  // Must not fold: an assignment stays even to the same type.
  // CHECK-LABEL: vm.func @assign_kept
  vm.func @assign_kept(%a: !vm.buffer) -> !vm.buffer {
    // CHECK: %[[B:.+]] = vm.assign.ref %{{.+}} : !vm.buffer -> !vm.buffer
    %0 = vm.assign.ref %a : !vm.buffer -> !vm.buffer
    // CHECK: vm.return %[[B]]
    vm.return %0 : !vm.buffer
  }
}
