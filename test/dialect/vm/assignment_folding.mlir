// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

// CHECK-LABEL: @select_folds
// CHECK-SAME: (%[[C:[a-z0-9]+]]: i32, %[[A:[a-z0-9]+]]: i32, %[[B:[a-z0-9]+]]: i32, %[[X:[a-z0-9]+]]: i64, %[[Y:[a-z0-9]+]]: i64, %[[F:[a-z0-9]+]]: f32, %[[D:[a-z0-9]+]]: f64, %[[R0:[a-z0-9]+]]: !vm.buffer, %[[R1:[a-z0-9]+]]: !vm.buffer)
vm.module @m {
  vm.func @select_folds(%c : i32, %a : i32, %b : i32, %x : i64, %y : i64,
                        %f : f32, %d : f64, %r0 : !vm.buffer, %r1 : !vm.buffer)
      -> (i32, i64, f32, f64, !vm.buffer, !vm.buffer, i32) {
    %zero = vm.const.i32.zero
    %seven = vm.const.i32 7
    // A zero condition picks the false value.
    %0 = vm.select.i32 %zero, %a, %b : i32
    // Any non-zero condition picks the true value.
    %1 = vm.select.i64 %seven, %x, %y : i64
    // Equal values make the condition irrelevant.
    %2 = vm.select.f32 %c, %f, %f : f32
    %3 = vm.select.f64 %c, %d, %d : f64
    %4 = vm.select.ref %zero, %r0, %r1 : !vm.buffer
    // An unknown condition with different values stays.
    // CHECK: %[[S:.+]] = vm.select.ref %[[C]], %[[R0]], %[[R1]] : !vm.buffer
    %5 = vm.select.ref %c, %r0, %r1 : !vm.buffer
    // select tests for non-zero itself, so cmp.nz.i32 is redundant.
    // CHECK: %[[T:.+]] = vm.select.i32 %[[C]], %[[A]], %[[B]] : i32
    %nz = vm.cmp.nz.i32 %c : i32
    %6 = vm.select.i32 %nz, %a, %b : i32
    // CHECK: vm.return %[[B]], %[[X]], %[[F]], %[[D]], %[[R1]], %[[S]], %[[T]]
    vm.return %0, %1, %2, %3, %4, %5, %6 : i32, i64, f32, f64, !vm.buffer, !vm.buffer, i32
  }
}

// -----

// CHECK-LABEL: @switch_folds
// CHECK-SAME: (%[[I:[a-z0-9]+]]: i32, %[[A:[a-z0-9]+]]: i32, %[[B:[a-z0-9]+]]: i32, %[[X:[a-z0-9]+]]: i64, %[[Y:[a-z0-9]+]]: i64, %[[F:[a-z0-9]+]]: f32, %[[G:[a-z0-9]+]]: f32, %[[D:[a-z0-9]+]]: f64, %[[R0:[a-z0-9]+]]: !vm.ref<?>, %[[R1:[a-z0-9]+]]: !vm.ref<?>)
vm.module @m {
  vm.func @switch_folds(%i : i32, %a : i32, %b : i32, %x : i64, %y : i64,
                        %f : f32, %g : f32, %d : f64, %r0 : !vm.ref<?>, %r1 : !vm.ref<?>)
      -> (i32, i64, f32, f64, !vm.ref<?>, !vm.ref<?>, i32) {
    %c0 = vm.const.i32.zero
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %cm1 = vm.const.i32 -1
    // In range: the value at the index.
    %0 = vm.switch.i32 %c1[%a, %b] else %a : i32
    %1 = vm.switch.i64 %c0[%x, %y] else %y : i64
    // Out of range on either side: the default.
    %2 = vm.switch.f32 %c2[%f, %f] else %g : f32
    %3 = vm.switch.ref %cm1[%r0] else %r1 : !vm.ref<?>
    // All values equal to the default: the index is irrelevant.
    %4 = vm.switch.f64 %i[%d, %d] else %d : f64
    // Unknown index, different values: stays.
    // CHECK: %[[S:.+]] = vm.switch.ref %[[I]][%[[R0]], %[[R1]]] else %[[R0]] : !vm.ref<?>
    %5 = vm.switch.ref %i[%r0, %r1] else %r0 : !vm.ref<?>
    // An empty value list always takes the default.
    // CHECK-NOT: vm.switch
    %6 = vm.switch.i32 %i[] else %b : i32
    // CHECK: vm.return %[[B]], %[[X]], %[[G]], %[[D]], %[[R1]], %[[S]], %[[B]]
    vm.return %0, %1, %2, %4, %3, %5, %6 : i32, i64, f32, f64, !vm.ref<?>, !vm.ref<?>, i32
  }
}
