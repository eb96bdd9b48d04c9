// RUN: vm-opt -split-input-file --vm-global-initialization %s | FileCheck %s

// Initial values of used globals and initializer bodies land in @__init, in
// module order; zero and unused initial values need no code.
// CHECK-LABEL: vm.module {{(public )?}}@values
vm.module @values {
  // CHECK: vm.global.i32 private mutable @a : i32
  vm.global.i32 private mutable @a = 5 : i32
  // CHECK: vm.global.i64 private mutable @zero : i64
  vm.global.i64 private mutable @zero = 0 : i64
  // Immutable but still loaded: initialized, and mutable for @__init.
  // CHECK: vm.global.f32 private mutable @f : f32
  vm.global.f32 private @f = 1.5 : f32
  // Nothing refers to it: its value does not matter.
  // CHECK: vm.global.i32 private @unused : i32
  vm.global.i32 private @unused = 7 : i32
  // CHECK: vm.global.ref private mutable @r : !vm.buffer
  vm.global.ref private mutable @r : !vm.buffer
  vm.func @get() -> (i32, i64, f32) {
    %0 = vm.global.load.i32 @a : i32
    %1 = vm.global.load.i64 @zero : i64
    %2 = vm.global.load.f32 @f : f32
    vm.return %0, %1, %2 : i32, i64, f32
  }
  // CHECK-NOT: vm.initializer
  // CHECK: vm.func private @__init() {
  // CHECK-NEXT:   %[[A:.+]] = vm.const.i32 5
  // CHECK-NEXT:   vm.global.store.i32 %[[A]], @a : i32
  // CHECK-NEXT:   %[[F:.+]] = vm.const.f32 1.5
  // CHECK-NEXT:   vm.global.store.f32 %[[F]], @f : f32
  // CHECK-NEXT:   vm.return
  // CHECK-NEXT: }
  // CHECK-NEXT: vm.export @__init
}

// -----

// Initializers run in order after the initial values; multi-block ones keep
// their control flow and their vm.return branches to what follows.
// CHECK-LABEL: vm.module {{(public )?}}@initializers
vm.module @initializers {
  // CHECK: vm.global.i32 private mutable @g : i32
  vm.global.i32 private @g : i32
  vm.global.i32 private mutable @h = 3 : i32
  vm.initializer {
    %c1 = vm.const.i32 1
    vm.global.store.i32 %c1, @g : i32
    vm.return
  }
  vm.initializer {
    vm.return
  }
  vm.initializer {
    %x = vm.global.load.i32 @h : i32
    %nz = vm.cmp.nz.i32 %x : i32
    vm.cond_br %nz, ^yes, ^no
  ^yes:
    %c2 = vm.const.i32 2
    vm.global.store.i32 %c2, @g : i32
    vm.return
  ^no:
    vm.return
  }
  vm.initializer {
    %c4 = vm.const.i32 4
    vm.global.store.i32 %c4, @h : i32
    vm.return
  }
  vm.func @get() -> i32 {
    %0 = vm.global.load.i32 @g : i32
    vm.return %0 : i32
  }
  // CHECK-NOT: vm.initializer
  // CHECK: vm.func private @__init() {
  // CHECK-NEXT:   %[[C3:.+]] = vm.const.i32 3
  // CHECK-NEXT:   vm.global.store.i32 %[[C3]], @h : i32
  // CHECK-NEXT:   %[[C1:.+]] = vm.const.i32 1
  // CHECK-NEXT:   vm.global.store.i32 %[[C1]], @g : i32
  // CHECK-NEXT:   vm.br ^[[ENTRY:.+]]
  // CHECK-NEXT: ^[[ENTRY]]:
  // CHECK:        vm.cond_br %{{.+}}, ^[[YES:.+]], ^[[NO:[a-z0-9]+]]
  // CHECK-NEXT: ^[[YES]]:
  // CHECK:        vm.global.store.i32 %{{.+}}, @g : i32
  // CHECK-NEXT:   vm.br ^[[NEXT:[a-z0-9]+]]
  // CHECK-NEXT: ^[[NO]]:
  // CHECK-NEXT:   vm.br ^[[NEXT]]
  // CHECK-NEXT: ^[[NEXT]]:
  // CHECK-NEXT:   %[[C4:.+]] = vm.const.i32 4
  // CHECK-NEXT:   vm.global.store.i32 %[[C4]], @h : i32
  // CHECK-NEXT:   vm.return
  // CHECK-NEXT: }
  // CHECK-NEXT: vm.export @__init
}

// -----

// Nothing to initialize: no @__init, empty initializers dropped.
// CHECK-LABEL: vm.module {{(public )?}}@nothing
vm.module @nothing {
  // CHECK-NEXT: vm.global.i32 private mutable @z : i32
  vm.global.i32 private mutable @z = 0 : i32
  vm.initializer {
    vm.return
  }
  // CHECK-NEXT: }
}
