// RUN: vm-opt --kiln-lower-to-vm %s | FileCheck %s
// A contiguous block of rows with dynamic sizes: the column count comes from
// memref.dim of the source, so the view stays contiguous.

// CHECK-LABEL: vm.func @rows
// CHECK-SAME: (%[[B:[^:]*]]: !vm.buffer, %[[D0:[^:]*]]: i64, %[[D1:[^:]*]]: i64, %[[R:[^:]*]]: i64, %[[N:[^:]*]]: i64) -> f32
// CHECK: %[[IDX:.*]] = vm.fma.i64 %[[R]], %[[D1]], %[[D1]] : i64
// CHECK: vm.buffer.load.f32 %[[B]][%[[IDX]]]
func.func @rows(%m: memref<?x?xf32>, %r: index, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cols = memref.dim %m, %c1 : memref<?x?xf32>
  %v = memref.subview %m[%r, 0] [%n, %cols] [1, 1] : memref<?x?xf32> to memref<?x?xf32, strided<[?, 1], offset: ?>>
  %x = memref.load %v[%c1, %c0] : memref<?x?xf32, strided<[?, 1], offset: ?>>
  return %x : f32
}
