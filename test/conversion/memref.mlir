// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @alloc_static() -> !vm.buffer
func.func @alloc_static() -> memref<4x8xf32> {
  // CHECK: %[[LEN:.*]] = vm.const.i64 128
  // CHECK: %[[AL:.*]] = vm.const.i32 16
  // CHECK: %[[BUF:.*]] = vm.buffer.alloc %[[LEN]], %[[AL]] : !vm.buffer
  %m = memref.alloc() : memref<4x8xf32>
  // CHECK: vm.return %[[BUF]] : !vm.buffer
  return %m : memref<4x8xf32>
}

// Dynamic sizes travel next to the buffer.
// CHECK-LABEL: vm.func @alloc_dynamic(%{{.*}}: i64) -> (!vm.buffer, i64)
func.func @alloc_dynamic(%n: index) -> memref<?xi16> {
  // CHECK: %[[TWO:.*]] = vm.const.i64 2
  // The byte size is checked (negative or overflowing: OUT_OF_RANGE here).
  // CHECK: %[[MAX:.*]] = vm.const.i64 4611686018427387903
  // CHECK: vm.cond_fail %{{.*}}, %{{.*}}, "memref.alloc size is negative or its byte size overflows a 64-bit length"
  // CHECK: %[[LEN:.*]] = vm.mul.i64 %[[TWO]], %[[N:.*]] : i64
  // CHECK: %[[BUF:.*]] = vm.buffer.alloc %[[LEN]], %{{.*}} : !vm.buffer
  %m = memref.alloca(%n) : memref<?xi16>
  // CHECK: vm.return %[[BUF]], %[[N]] : !vm.buffer, i64
  return %m : memref<?xi16>
}

// CHECK-LABEL: vm.func @load_store
// CHECK-SAME: (%[[B:[^:]*]]: !vm.buffer, %[[D0:[^:]*]]: i64, %[[D1:[^:]*]]: i64, %[[I:[^:]*]]: i64, %[[J:[^:]*]]: i64)
func.func @load_store(%m: memref<?x?xf64>, %i: index, %j: index) -> f64 {
  // CHECK: %[[ROW:.*]] = vm.mul.i64 %[[I]], %[[D1]] : i64
  // CHECK: %[[IDX:.*]] = vm.add.i64 %[[J]], %[[ROW]] : i64
  // CHECK: %[[V:.*]] = vm.buffer.load.f64 %[[B]][%[[IDX]]] : !vm.buffer -> f64
  %v = memref.load %m[%i, %j] : memref<?x?xf64>
  // CHECK: vm.buffer.store.f64 %[[V]], %[[B]][%{{.*}}] : f64 -> !vm.buffer
  memref.store %v, %m[%j, %i] : memref<?x?xf64>
  memref.dealloc %m : memref<?x?xf64>
  return %v : f64
}

// CHECK-LABEL: vm.func @narrow_elements
func.func @narrow_elements(%m: memref<4xi8>, %b: memref<4xi1>, %i: index) -> (i8, i1) {
  // CHECK: vm.buffer.load.i8.u
  %v = memref.load %m[%i] : memref<4xi8>
  // CHECK: vm.buffer.store.i8
  memref.store %v, %m[%i] : memref<4xi8>
  // CHECK: vm.buffer.load.i8.u
  %c = memref.load %b[%i] : memref<4xi1>
  return %v, %c : i8, i1
}

// CHECK-LABEL: vm.func @dim
// CHECK-SAME: (%{{.*}}: !vm.buffer, %[[D:[^:]*]]: i64) -> (i64, i64)
func.func @dim(%m: memref<3x?xi32>) -> (index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: %[[THREE:.*]] = vm.const.i64 3
  %0 = memref.dim %m, %c0 : memref<3x?xi32>
  %1 = memref.dim %m, %c1 : memref<3x?xi32>
  // CHECK: vm.return %[[THREE]], %[[D]] : i64, i64
  return %0, %1 : index, index
}

// CHECK-LABEL: vm.func @copy
func.func @copy(%a: memref<?xi64>, %b: memref<?xi64>) {
  // CHECK: vm.buffer.copy %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : !vm.buffer -> !vm.buffer
  memref.copy %a, %b : memref<?xi64> to memref<?xi64>
  return
}

// A row of a matrix: contiguous, with a dynamic offset.
// CHECK-LABEL: vm.func @subview_row
// CHECK-SAME: (%[[B:[^:]*]]: !vm.buffer, %[[R:[^:]*]]: i64, %[[J:[^:]*]]: i64) -> f32
func.func @subview_row(%m: memref<4x8xf32>, %r: index, %j: index) -> f32 {
  // CHECK: %[[EIGHT:.*]] = vm.const.i64 8
  // CHECK: %[[OFF:.*]] = vm.mul.i64 %[[R]], %[[EIGHT]] : i64
  %row = memref.subview %m[%r, 0] [1, 8] [1, 1] : memref<4x8xf32> to memref<8xf32, strided<[1], offset: ?>>
  // CHECK: %[[IDX:.*]] = vm.add.i64 %[[OFF]], %[[J]] : i64
  // CHECK: vm.buffer.load.f32 %[[B]][%[[IDX]]]
  %v = memref.load %row[%j] : memref<8xf32, strided<[1], offset: ?>>
  return %v : f32
}

// Subviews cross calls as buffer, offset and sizes.
// CHECK-LABEL: vm.func private @callee(%{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i64)
func.func private @callee(%m: memref<?xf32, strided<[1], offset: ?>>) {
  return
}
// CHECK-LABEL: vm.func @caller
func.func @caller(%m: memref<?x16xf32>, %r: index) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %m, %c0 : memref<?x16xf32>
  %rows = arith.subi %n, %r : index
  %tail = memref.subview %m[%r, 0] [%rows, 16] [1, 1] : memref<?x16xf32> to memref<?x16xf32, strided<[16, 1], offset: ?>>
  %flat = memref.subview %m[%r, 0] [1, 16] [1, 1] : memref<?x16xf32> to memref<16xf32, strided<[1], offset: ?>>
  %cast = memref.cast %flat : memref<16xf32, strided<[1], offset: ?>> to memref<?xf32, strided<[1], offset: ?>>
  // CHECK: vm.call @callee(%{{.*}}, %{{.*}}, %{{.*}}) : (!vm.buffer, i64, i64) -> ()
  func.call @callee(%cast) : (memref<?xf32, strided<[1], offset: ?>>) -> ()
  return
}
