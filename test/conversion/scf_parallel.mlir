// Without --kiln-dispatch-parallel-loops, scf.parallel and scf.forall run
// serially: a nest of loops over the dimensions in order, scf.reduce folded
// into loop-carried accumulators (its region applied to the accumulator and
// each value).
// RUN: vm-opt --convert-to-vm %s | FileCheck %s
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=sum_and_max --input=4 --input=5 | FileCheck %s --check-prefix=RESULT
// RUN: run-module --module=%t.vmfb --function=forall_count --input=3 --input=7 | FileCheck %s --check-prefix=FORALL

// sum of i * j and max of i + j over [0, m) x [0, n) with 4, 5: 60 and 7.
// RESULT: i64=60
// RESULT-NEXT: i64=7
// FORALL: i64=21

// CHECK-LABEL: vm.func @sum_and_max(
// CHECK-COUNT-2: vm.cmp.lt.i64.s
// CHECK: vm.mul.i64
// CHECK: vm.add.i64
// CHECK: vm.max.i64.s
func.func @sum_and_max(%m: index, %n: index) -> (i64, i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0 : i64
  %sum, %max = scf.parallel (%i, %j) = (%c0, %c0) to (%m, %n) step (%c1, %c1) init (%zero, %zero) -> (i64, i64) {
    %p = arith.muli %i, %j : index
    %pi = arith.index_cast %p : index to i64
    %s = arith.addi %i, %j : index
    %si = arith.index_cast %s : index to i64
    scf.reduce(%pi, %si : i64, i64) {
    ^bb0(%l: i64, %r: i64):
      %a = arith.addi %l, %r : i64
      scf.reduce.return %a : i64
    }, {
    ^bb0(%l: i64, %r: i64):
      %x = arith.maxsi %l, %r : i64
      scf.reduce.return %x : i64
    }
  }
  return %sum, %max : i64, i64
}

// Counts the iterations of a 2-D scf.forall through a memref.
// CHECK-LABEL: vm.func @forall_count(
// CHECK-COUNT-2: vm.cmp.lt.i64.s
func.func @forall_count(%m: index, %n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i64
  %counter = memref.alloc() : memref<1xi64>
  %zero = arith.constant 0 : i64
  memref.store %zero, %counter[%c0] : memref<1xi64>
  scf.forall (%i, %j) in (%m, %n) {
    %v = memref.load %counter[%c0] : memref<1xi64>
    %w = arith.addi %v, %one : i64
    memref.store %w, %counter[%c0] : memref<1xi64>
  }
  %r = memref.load %counter[%c0] : memref<1xi64>
  return %r : i64
}
