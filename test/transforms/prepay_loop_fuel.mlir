// RUN: vm-opt -split-input-file --vm-prepay-loop-fuel %s | FileCheck %s
// RUN: vm-opt -split-input-file --vm-prepay-loop-fuel=enable=false %s | FileCheck %s --check-prefix=OFF

// The form scf.for lowers to (i32 here, as vm code often has it): the
// header keeps its unit of fuel and enters the body through G, which
// prepays; H' (marked fuel_prepaid) counts the prepaid iterations down and
// goes back to H when they are done. The latch now enters H'.
// CHECK-LABEL: vm.module public @sum
// OFF-LABEL: vm.module public @sum
vm.module @sum {
  vm.func @f(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
}
// CHECK:       vm.br ^[[H:bb[0-9]+]](%{{.+}}, %{{.+}} : i32, i32)
// CHECK-NEXT:^[[H]](%[[I:.+]]: i32, %[[ACC:.+]]: i32):
// CHECK-NEXT:  %[[MORE:.+]] = vm.cmp.lt.i32.s %[[I]], %arg0 : i32
// CHECK-NEXT:  vm.cond_br %[[MORE]], ^[[G:bb[0-9]+]](%[[I]], %[[ACC]] : i32, i32), ^[[EXIT:bb[0-9]+]]
// The body, in place, reads H''s arguments.
// CHECK-NEXT:^[[BODY:bb[0-9]+]]:
// CHECK-NEXT:  %[[ACC1:.+]] = vm.add.i32 %[[ACC2:[^,]+]], %[[I2:[^ ]+]] : i32
// CHECK-NEXT:  %[[I1:.+]] = vm.add.i32 %[[I2]], %{{.+}} : i32
// CHECK-NEXT:  vm.br ^[[INNER:bb[0-9]+]](%[[I1]], %[[ACC1]], %[[REST:.+]] : i32, i32, i64)
// CHECK-NEXT:^[[EXIT]]:
// CHECK-NEXT:  vm.return %[[ACC]] : i32
// G: the trip count from the current iv in i64, prepaid.
// CHECK-NEXT:^[[G]](%[[GI:.+]]: i32, %[[GACC:.+]]: i32):
// CHECK-NEXT:  %[[IV64:.+]] = vm.ext.i32.i64.s %[[GI]] : i32 -> i64
// CHECK-NEXT:  %[[UB64:.+]] = vm.ext.i32.i64.s %arg0 : i32 -> i64
// CHECK-NEXT:  %[[STEP:.+]] = vm.const.i64 1
// CHECK-NEXT:  %[[N:.+]] = vm.fuel.prepay_loop %[[IV64]], %[[UB64]], %[[STEP]] : i64
// CHECK-NEXT:  vm.br ^[[INNER]](%[[GI]], %[[GACC]], %[[N]] : i32, i32, i64)
// H': the countdown (H's compare, unused, is not copied); back to H when
// it is done.
// CHECK-NEXT:^[[INNER]](%[[I2]]: i32, %[[ACC2]]: i32, %[[LEFT:.+]]: i64):
// CHECK-NEXT:  %[[GO:.+]] = vm.cmp.nz.i64 %[[LEFT]] : i64
// CHECK-NEXT:  %[[ONE:.+]] = vm.const.i64 1
// CHECK-NEXT:  %[[REST]] = vm.sub.i64 %[[LEFT]], %[[ONE]] : i64
// CHECK-NEXT:  vm.cond_br %[[GO]], ^[[BODY]], ^[[H]](%[[I2]], %[[ACC2]] : i32, i32) {fuel_prepaid}
// OFF-NOT: vm.fuel.prepay_loop

// -----

// An i64 loop with step 3 and a value of the header used in the body.
// CHECK-LABEL: vm.module public @step
vm.module @step {
  vm.func @f(%lb: i64, %ub: i64, %b: !vm.buffer) {
    %c3 = vm.const.i64 3
    vm.br ^h(%lb : i64)
  ^h(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %ub : i64
    %twice = vm.add.i64 %i, %i : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %v = vm.trunc.i64.i32 %twice : i64 -> i32
    vm.buffer.store.i32 %v, %b[%i] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c3 : i64
    vm.br ^h(%next : i64)
  ^exit:
    vm.return
  }
}
// CHECK:       ^[[H:bb[0-9]+]](%[[I:.+]]: i64):
// CHECK-NEXT:  vm.cmp.lt.i64.s %[[I]], %arg1 : i64
// CHECK-NEXT:  vm.add.i64 %[[I]], %[[I]] : i64
// CHECK-NEXT:  vm.cond_br %{{.+}}, ^[[G:bb[0-9]+]](%[[I]] : i64), ^{{bb[0-9]+}}
// CHECK-NEXT:^{{bb[0-9]+}}:
// CHECK-NEXT:  vm.trunc.i64.i32 %[[TWICE2:.+]] : i64 -> i32
// CHECK-NEXT:  vm.buffer.store.i32 %{{.+}}, %arg2[%[[I2:[0-9]+]]]
// CHECK:     ^[[G]](%[[GI:.+]]: i64):
// CHECK-NEXT:  %[[STEP:.+]] = vm.const.i64 3
// CHECK-NEXT:  vm.fuel.prepay_loop %[[GI]], %arg1, %[[STEP]] : i64
// CHECK:     ^{{bb[0-9]+}}(%[[I2]]: i64, %{{.+}}: i64):
// CHECK-NEXT:  %[[TWICE2]] = vm.add.i64 %[[I2]], %[[I2]] : i64
// CHECK:       vm.cond_br %{{.+}}, ^{{bb[0-9]+}}, ^[[H]](%[[I2]] : i64) {fuel_prepaid}

// -----

// Loops whose body calls (the callee counts from the same fuel), whose
// header may fail, or that are not counted keep counting at every entry.
// CHECK-LABEL: vm.module public @kept
vm.module @kept {
  vm.func private @g(%x: i32) -> i32 {
    vm.return %x : i32
  }
  vm.func @calls(%n: i32) {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %r = vm.call @g(%i) : (i32) -> i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return
  }
  vm.func @failing_header(%n: i32, %d: i32) {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %q = vm.div.i32.s %i, %d : i32
    %more = vm.cmp.lt.i32.s %q, %n : i32
    %more2 = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more2, ^body, ^exit
  ^body:
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return
  }
  // Counting down: not the scf.for form.
  vm.func @down(%n: i32) {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%n : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %zero, %i : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i1 = vm.sub.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return
  }
  // A way out of the body other than the header's test.
  vm.func @early_exit(%n: i32, %stop: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %hit = vm.cmp.eq.i32 %i, %stop : i32
    vm.cond_br %hit, ^exit, ^latch
  ^latch:
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1 : i32)
  ^exit:
    vm.return %i : i32
  }
}
// CHECK-NOT: vm.fuel.prepay_loop
// CHECK-NOT: fuel_prepaid

// -----

// The input's own fuel_prepaid is dropped, prepaying or not: a header
// counts its fuel unless this pass built it.
// CHECK-LABEL: vm.module public @untrusted
// OFF-LABEL: vm.module public @untrusted
vm.module @untrusted {
  vm.func @spin() {
    %one = vm.const.i32 1
    vm.br ^loop
  ^loop:
    vm.cond_br %one, ^loop, ^exit {fuel_prepaid}
  ^exit:
    vm.return
  }
}
// CHECK-NOT: fuel_prepaid
// OFF-NOT: fuel_prepaid
