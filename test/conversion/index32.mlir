// RUN: vm-opt --convert-to-vm=index-bitwidth=32 %s | FileCheck %s
// RUN: vm-opt --kiln-lower-to-vm=index-bitwidth=32 %s | FileCheck %s --check-prefix=PIPE

// PIPE: vm.func @load(%{{.*}}: !vm.buffer, %{{.*}}: i64, %{{.*}}: i32) -> (i32, i32)
// PIPE: vm.buffer.load.i32

// CHECK-LABEL: vm.func @load
// CHECK-SAME: (%[[B:[^:]*]]: !vm.buffer, %[[N:[^:]*]]: i64, %[[I:[^:]*]]: i32) -> (i32, i32)
func.func @load(%m: memref<?xindex>, %i: index) -> (index, index) {
  // CHECK: %[[I64:.*]] = vm.ext.i32.i64.s %[[I]] : i32 -> i64
  // CHECK: vm.buffer.load.i32 %[[B]][%[[I64]]] : !vm.buffer -> i32
  %v = memref.load %m[%i] : memref<?xindex>
  %c0 = arith.constant 0 : index
  // CHECK: vm.trunc.i64.i32 %[[N]]
  %d = memref.dim %m, %c0 : memref<?xindex>
  return %v, %d : index, index
}
