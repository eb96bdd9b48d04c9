// RUN: vm-opt -split-input-file --kiln-buffer-view-boundary --convert-to-vm --kiln-buffer-view-exports %s | FileCheck %s
// RUN: vm-opt -split-input-file -verify-diagnostics --kiln-buffer-view-boundary %S/Inputs/buffer_view_boundary_bad.mlir

// A static and a dynamic memref argument and a dynamic memref result.
// CHECK-LABEL: vm.module public @m
// CHECK-DAG: vm.import private @hal.buffer_view.assert(%buffer_view : !vm.ref<!hal.buffer_view>, %message : !vm.buffer, %element_type : i32, %encoding_type : i32, %shape : i64 ...)
// CHECK-DAG: vm.import private @hal.fence.await({{.*}}) -> i32 attributes {vm.yield}
// CHECK-DAG: vm.import private @hal.buffer_view.create(
// The memref version keeps its body, renamed; the internal caller follows.
// CHECK: vm.func private @scale__memrefs(%{{.*}}: !vm.buffer, %{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: f32) -> (!vm.buffer, i64, i32)
// CHECK: vm.func private @caller(
// CHECK: vm.call @scale__memrefs(
// Without memrefs nothing changes.
// CHECK: vm.func @plain(%{{.*}}: i32) -> i32
// CHECK: vm.export @plain
// CHECK: vm.func @scale(%[[A:arg[0-9]+]]: !vm.ref<!hal.buffer_view>, %[[B:arg[0-9]+]]: !vm.ref<!hal.buffer_view>, %[[S:arg[0-9]+]]: f32) -> (!vm.ref<!hal.buffer_view>, i32)
// CHECK: %[[DEV:[a-z_0-9]+]] = vm.call @hal.devices.get(
// Argument 0: 2x3xf32 (element type 0x21000020), static dims asserted.
// CHECK: %[[ET:c[0-9]+]] = vm.const.i32 553648160
// CHECK: vm.call.variadic @hal.buffer_view.assert(%[[A]], %{{.*}}, %[[ET]], %{{.*}}, [%{{.*}}, %{{.*}}])
// CHECK: vm.call @hal.buffer_view.buffer(%[[A]])
// CHECK: vm.buffer.alloc
// CHECK: vm.call @hal.allocator.import(
// CHECK: vm.call @hal.fence.create(%[[DEV]]
// CHECK: vm.call @hal.device.queue.copy(
// Argument 1: ?xi32 (0x10000020): the dynamic size comes from the view.
// CHECK: %[[D0:[0-9]+]] = vm.call @hal.buffer_view.dim(%[[B]], %{{.*}}) : (!vm.ref<!hal.buffer_view>, i32) -> i64
// CHECK: vm.const.i32 268435488
// CHECK: vm.call.variadic @hal.buffer_view.assert(%[[B]], %{{.*}}, %{{.*}}, %{{.*}}, [%[[D0]]])
// CHECK: vm.call.variadic @hal.fence.await(%{{.*}}, %{{.*}}, [%{{.*}}, %{{.*}}])
// CHECK: vm.cond_fail
// CHECK: %[[R:[a-z_0-9]+]]:3 = vm.call @scale__memrefs(%{{.*}}, %{{.*}}, %[[D0]], %[[S]])
// CHECK: vm.call @hal.allocator.import(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[R]]#0,
// CHECK: %[[V:[a-z_0-9]+]] = vm.call.variadic @hal.buffer_view.create(%{{.*}}, [%[[R]]#1])
// CHECK: vm.return %[[V]], %[[R]]#2 : !vm.ref<!hal.buffer_view>, i32
// CHECK: vm.export @scale
module @m {
  func.func @scale(%a: memref<2x3xf32>, %b: memref<?xi32>, %s: f32) -> (memref<?xi32>, i32) {
    %c0 = arith.constant 0 : index
    %n = memref.dim %b, %c0 : memref<?xi32>
    %r = memref.alloc(%n) : memref<?xi32>
    memref.copy %b, %r : memref<?xi32> to memref<?xi32>
    %k = arith.constant 7 : i32
    return %r, %k : memref<?xi32>, i32
  }
  func.func private @caller(%a: memref<2x3xf32>, %b: memref<?xi32>) -> i32 {
    %s = arith.constant 1.0 : f32
    %r, %k = func.call @scale(%a, %b, %s) : (memref<2x3xf32>, memref<?xi32>, f32) -> (memref<?xi32>, i32)
    return %k : i32
  }
  // Without memrefs nothing changes.
  func.func @plain(%x: i32) -> i32 {
    return %x : i32
  }
}

// -----

// Rank 0 and results only: no copies, no fence.
// CHECK-LABEL: vm.module public @n
// CHECK: vm.func @make() -> !vm.ref<!hal.buffer_view>
// CHECK-NOT: hal.fence
// CHECK: vm.call.variadic @hal.buffer_view.create(%{{.*}}, []) :
module @n {
  func.func @make() -> memref<f64> {
    %m = memref.alloc() : memref<f64>
    return %m : memref<f64>
  }
}
