// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// CHECK-LABEL: @declarations
vm.module @declarations {
  // CHECK-NEXT: vm.global.i32 public @i32 : i32
  vm.global.i32 @i32 : i32
  // CHECK-NEXT: vm.global.i32 private mutable @i32_init = 123 : i32
  vm.global.i32 private mutable @i32_init = 123 : i32
  // The older `: type = value` spelling is accepted too.
  // CHECK-NEXT: vm.global.i32 private @i32_old = -7 : i32
  vm.global.i32 private @i32_old : i32 = -7 : i32
  // CHECK-NEXT: vm.global.i64 private mutable @i64 {ordinal = 8 : i32} = 1099511627776 : i64
  vm.global.i64 private mutable @i64 {ordinal = 8 : i32} = 1099511627776 : i64
  // CHECK-NEXT: vm.global.f32 nested @f32 = 1.500000e+00 : f32
  vm.global.f32 nested @f32 = 1.5 : f32
  // CHECK-NEXT: vm.global.f64 private mutable @f64 : f64
  vm.global.f64 private mutable @f64 : f64
  // CHECK-NEXT: vm.global.ref public @ref : !vm.ref<?>
  vm.global.ref @ref : !vm.ref<?>
  // CHECK-NEXT: vm.global.ref private mutable @buf {ordinal = 0 : i32} : !vm.buffer
  vm.global.ref private mutable @buf {ordinal = 0 : i32} : !vm.buffer
  // CHECK-NEXT: vm.global.ref private @list : !vm.list<i32>
  vm.global.ref private @list : !vm.list<i32>
}

// -----

// CHECK-LABEL: @direct
vm.module @direct {
  vm.global.i32 private mutable @gi32 : i32
  vm.global.i64 private mutable @gi64 : i64
  vm.global.f32 private mutable @gf32 : f32
  vm.global.f64 private mutable @gf64 : f64
  vm.global.ref private mutable @gref : !vm.buffer
  // CHECK-LABEL: vm.func @loads_and_stores
  vm.func @loads_and_stores(%a : i32, %b : i64, %c : f32, %d : f64, %e : !vm.buffer) {
    // CHECK-NEXT: %gi32 = vm.global.load.i32 @gi32 : i32
    %0 = vm.global.load.i32 @gi32 : i32
    // CHECK-NEXT: %gi64 = vm.global.load.i64 @gi64 : i64
    %1 = vm.global.load.i64 @gi64 : i64
    // CHECK-NEXT: %gf32 = vm.global.load.f32 @gf32 : f32
    %2 = vm.global.load.f32 @gf32 : f32
    // CHECK-NEXT: %gf64 = vm.global.load.f64 @gf64 : f64
    %3 = vm.global.load.f64 @gf64 : f64
    // CHECK-NEXT: %gref = vm.global.load.ref @gref : !vm.buffer
    %4 = vm.global.load.ref @gref : !vm.buffer
    // CHECK-NEXT: vm.global.store.i32 %arg0, @gi32 : i32
    vm.global.store.i32 %a, @gi32 : i32
    // CHECK-NEXT: vm.global.store.i64 %arg1, @gi64 : i64
    vm.global.store.i64 %b, @gi64 : i64
    // CHECK-NEXT: vm.global.store.f32 %arg2, @gf32 : f32
    vm.global.store.f32 %c, @gf32 : f32
    // CHECK-NEXT: vm.global.store.f64 %arg3, @gf64 : f64
    vm.global.store.f64 %d, @gf64 : f64
    // CHECK-NEXT: vm.global.store.ref %arg4, @gref : !vm.buffer
    vm.global.store.ref %e, @gref : !vm.buffer
    vm.return
  }
}

// -----

// CHECK-LABEL: @immutable_loads
vm.module @immutable_loads {
  vm.global.i32 private @g : i32
  vm.initializer {
    %c = vm.const.i32 4
    // Initializers may store to immutable globals.
    // CHECK: vm.global.store.i32 %c4, @g : i32
    vm.global.store.i32 %c, @g : i32
    vm.return
  }
  vm.func @f() -> i32 {
    // CHECK: %g = vm.global.load.i32 immutable @g : i32
    %0 = vm.global.load.i32 immutable @g : i32
    vm.return %0 : i32
  }
}

// -----

// CHECK-LABEL: @indirect
vm.module @indirect {
  vm.global.i32 private mutable @gi32 : i32
  vm.global.i64 private mutable @gi64 : i64
  vm.global.f32 private mutable @gf32 : f32
  vm.global.f64 private mutable @gf64 : f64
  vm.global.ref private mutable @gref : !vm.ref<?>
  // CHECK-LABEL: vm.func @indirect
  vm.func @indirect(%a : i32, %b : i64, %c : f32, %d : f64, %e : !vm.ref<?>) {
    // CHECK-NEXT: %[[P0:.+]] = vm.global.address @gi32 : i32
    %p0 = vm.global.address @gi32 : i32
    // CHECK-NEXT: %[[P1:.+]] = vm.global.address immutable @gi64 : i32
    %p1 = vm.global.address immutable @gi64 : i32
    %p2 = vm.global.address @gf32 : i32
    %p3 = vm.global.address @gf64 : i32
    %p4 = vm.global.address @gref : i32
    // CHECK: = vm.global.load.indirect.i32 %[[P0]] : i32 -> i32
    %0 = vm.global.load.indirect.i32 %p0 : i32 -> i32
    // CHECK-NEXT: = vm.global.load.indirect.i64 immutable %[[P1]] : i32 -> i64
    %1 = vm.global.load.indirect.i64 immutable %p1 : i32 -> i64
    // CHECK-NEXT: = vm.global.load.indirect.f32 %{{.+}} : i32 -> f32
    %2 = vm.global.load.indirect.f32 %p2 : i32 -> f32
    // CHECK-NEXT: = vm.global.load.indirect.f64 %{{.+}} : i32 -> f64
    %3 = vm.global.load.indirect.f64 %p3 : i32 -> f64
    // CHECK-NEXT: = vm.global.load.indirect.ref %{{.+}} : i32 -> !vm.ref<?>
    %4 = vm.global.load.indirect.ref %p4 : i32 -> !vm.ref<?>
    // CHECK-NEXT: vm.global.store.indirect.i32 %arg0, %[[P0]] : i32 -> i32
    vm.global.store.indirect.i32 %a, %p0 : i32 -> i32
    // CHECK-NEXT: vm.global.store.indirect.i64 %arg1, %[[P1]] : i64 -> i32
    vm.global.store.indirect.i64 %b, %p1 : i64 -> i32
    // CHECK-NEXT: vm.global.store.indirect.f32 %arg2, %{{.+}} : f32 -> i32
    vm.global.store.indirect.f32 %c, %p2 : f32 -> i32
    // CHECK-NEXT: vm.global.store.indirect.f64 %arg3, %{{.+}} : f64 -> i32
    vm.global.store.indirect.f64 %d, %p3 : f64 -> i32
    // CHECK-NEXT: vm.global.store.indirect.ref %arg4, %{{.+}} : !vm.ref<?> -> i32
    vm.global.store.indirect.ref %e, %p4 : !vm.ref<?> -> i32
    vm.return
  }
}
