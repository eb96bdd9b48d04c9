// The whole preparation pipeline, on a vm.module nested in a builtin.module.
// RUN: vm-opt --vm-bytecode-preparation %s | FileCheck %s
// RUN: vm-opt --pass-pipeline="builtin.module(vm-bytecode-preparation)" %s | FileCheck %s

// CHECK-LABEL: vm.module {{(public )?}}@m
// CHECK-SAME: ordinal_counts = #vm.ordinal_counts<import_funcs = 1, export_funcs = 3, internal_funcs = 3, global_bytes = 4, global_refs = 0, rodatas = 1, rwdatas = 0>
vm.module @m {
  vm.import private @io.wait(%t : i64) -> i32 attributes {vm.yield}
  // Unused: dropped.
  // CHECK-NOT: @unused_import
  vm.import private @unused_import()
  // CHECK: vm.global.i32 private mutable @counter {ordinal = 0 : i32} : i32
  vm.global.i32 private mutable @counter = 10 : i32
  // CHECK-NOT: @dead
  vm.global.i32 private mutable @dead : i32
  // CHECK: vm.rodata private @{{.+}} {ordinal = 0 : i32} "msg"
  vm.initializer {
    %c = vm.const.i32 1
    vm.global.store.i32 %c, @counter : i32
    vm.return
  }
  vm.func private @twice(%x : i32) -> i32 {
    %0 = vm.add.i32 %x, %x : i32
    vm.return %0 : i32
  }
  // CHECK: vm.func @main(%{{.+}}: i32) -> (i32, !vm.buffer, !vm.buffer)
  // CHECK-SAME: attributes {ordinal = 0 : i32}
  vm.func @main(%x : i32) -> (i32, !vm.buffer, !vm.buffer) {
    // CHECK-NOT: vm.check
    // CHECK-NOT: vm.optimization_barrier
    // CHECK-NOT: vm.call @twice
    // CHECK-NOT: vm.rodata.inline
    // CHECK: vm.fail
    vm.check.nz %x, "x is zero" : i32
    %y = vm.optimization_barrier %x : i32
    %0 = vm.call @twice(%y) : (i32) -> i32
    // The counter is read and written, so its initial value needs @__init.
    %g = vm.global.load.i32 @counter : i32
    %g1 = vm.add.i32 %g, %0 : i32
    vm.global.store.i32 %g1, @counter : i32
    %a = vm.rodata.inline : !vm.buffer = "msg"
    %b = vm.rodata.inline : !vm.buffer = dense<[109, 115, 103]> : tensor<3xi8>
    vm.return %0, %a, %b : i32, !vm.buffer, !vm.buffer
  }
  vm.export @main
  // CHECK: vm.func @waits(%{{.+}}: i64) -> i32 attributes {ordinal = 1 : i32, vm.yieldable}
  vm.func @waits(%t : i64) -> i32 {
    vm.call.yieldable @io.wait(%t) : (i64) -> ^done(i32)
  ^done(%r : i32):
    vm.return %r : i32
  }
  vm.export @waits
  // CHECK: vm.func private @__init() attributes {ordinal = 2 : i32} {
  // CHECK-NEXT: %[[ONE:.+]] = vm.const.i32 1
  // CHECK-NEXT: vm.global.store.i32 %[[ONE]], @counter : i32
  // CHECK-NEXT: vm.return
  // CHECK: vm.export @__init attributes {ordinal = 2 : i32}
}
