// RUN: vm-opt --vm-ordinal-allocation %s | FileCheck %s
// Running it twice changes nothing.
// RUN: vm-opt --vm-ordinal-allocation --vm-ordinal-allocation %s | FileCheck %s

// Scalars are laid out largest first (module order among equals), each at a
// multiple of its size: i64 @b at 0, f64 @d at 8, then i32 @a at 16, f32 @c
// at 20, i32 @e at 24; 28 bytes in all.
// CHECK-LABEL: vm.module {{(public )?}}@m
// CHECK-SAME: ordinal_counts = #vm.ordinal_counts<import_funcs = 2, export_funcs = 3, internal_funcs = 3, global_bytes = 28, global_refs = 2, rodatas = 2, rwdatas = 0>
vm.module @m {
  // CHECK: vm.import private @x.f(%x : i32) -> i32 attributes {ordinal = 0 : i32}
  vm.import private @x.f(%x : i32) -> i32
  // CHECK: vm.import private @x.g() attributes {ordinal = 1 : i32}
  vm.import private @x.g()
  // CHECK: vm.global.i32 private mutable @a {ordinal = 16 : i32} : i32
  vm.global.i32 private mutable @a : i32
  // CHECK: vm.global.i64 private mutable @b {ordinal = 0 : i32} : i64
  vm.global.i64 private mutable @b : i64
  // CHECK: vm.global.ref private mutable @r0 {ordinal = 0 : i32} : !vm.buffer
  vm.global.ref private mutable @r0 : !vm.buffer
  // CHECK: vm.global.f32 private mutable @c {ordinal = 20 : i32} : f32
  vm.global.f32 private mutable @c : f32
  // CHECK: vm.global.f64 private mutable @d {ordinal = 8 : i32} : f64
  vm.global.f64 private mutable @d : f64
  // CHECK: vm.global.ref private mutable @r1 {ordinal = 1 : i32} : !vm.ref<?>
  vm.global.ref private mutable @r1 : !vm.ref<?>
  // CHECK: vm.global.i32 private mutable @e {ordinal = 24 : i32} : i32
  vm.global.i32 private mutable @e : i32
  // CHECK: vm.rodata private @data0 {ordinal = 0 : i32} "a"
  vm.rodata private @data0 "a"
  // CHECK: vm.rodata private @data1 {ordinal = 1 : i32} "b"
  vm.rodata private @data1 "b"
  // CHECK: vm.func @f0() attributes {ordinal = 0 : i32}
  vm.func @f0() {
    vm.return
  }
  // CHECK: vm.export @f0 attributes {ordinal = 0 : i32}
  vm.export @f0
  // CHECK: vm.export @f0 as("alias") attributes {ordinal = 1 : i32}
  vm.export @f0 as("alias")
  // CHECK: vm.func private @f1() attributes {ordinal = 1 : i32}
  vm.func private @f1() {
    vm.return
  }
  // CHECK: vm.func @f2() attributes {ordinal = 2 : i32}
  vm.func @f2() {
    vm.return
  }
  // CHECK: vm.export @f2 attributes {ordinal = 2 : i32}
  vm.export @f2
}
