// RUN: vm-opt --vm-drop-unused-symbols %s | FileCheck %s

// CHECK-LABEL: vm.module {{(public )?}}@m
vm.module @m {
  // CHECK-DAG: vm.import private @used_import
  vm.import private @used_import(%x : i32) -> i32
  // CHECK-NOT: @unused_import
  vm.import private @unused_import(%x : i32) -> i32
  // CHECK-DAG: vm.global.i32 private mutable @used_global
  vm.global.i32 private mutable @used_global : i32
  // CHECK-NOT: @unused_global
  vm.global.i32 private mutable @unused_global : i32
  // CHECK-NOT: @unused_ref
  vm.global.ref private mutable @unused_ref : !vm.buffer
  // CHECK-DAG: vm.rodata private @used_data
  vm.rodata private @used_data "x"
  // CHECK-NOT: @unused_data
  vm.rodata private @unused_data "y"
  // A public global is kept.
  // CHECK-DAG: vm.global.i32 public @public_global
  vm.global.i32 @public_global : i32

  // CHECK-DAG: vm.func @entry
  vm.func @entry(%x : i32) -> i32 {
    %0 = vm.call @helper(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  vm.export @entry

  // Reached from the export: kept with all it refers to.
  // CHECK-DAG: vm.func private @helper
  vm.func private @helper(%x : i32) -> i32 {
    %0 = vm.call @used_import(%x) : (i32) -> i32
    vm.global.store.i32 %0, @used_global : i32
    %b = vm.const.ref.rodata @used_data : !vm.buffer
    vm.return %0 : i32
  }

  // Private functions calling only each other are dead.
  // CHECK-NOT: @ping
  vm.func private @ping() {
    vm.call @pong() : () -> ()
    vm.return
  }
  // CHECK-NOT: @pong
  vm.func private @pong() {
    vm.call @ping() : () -> ()
    %0 = vm.global.load.i32 @unused_global : i32
    vm.return
  }

  // @__init is always kept.
  // CHECK-DAG: vm.func private @__init
  vm.func private @__init() {
    vm.return
  }
}
