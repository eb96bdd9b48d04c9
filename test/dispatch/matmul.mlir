// A matrix product of plain MLIR dispatched over a 2-D scf.parallel (rows
// split into workgroups along x): both host forms with both kernel forms,
// two workers, against mlir-runner running the same program serially.
//
// REQUIRES: mlir-runner
// RUN: cat %s %S/Inputs/print_f32_2d.mlir > %t.runner.mlir
// RUN: mlir-opt %t.runner.mlir --convert-scf-to-cf --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils > %t.reference
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.bb.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.bc.vmfb
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.cb.c
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.cc.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.cb.c -lm -o %t.cb.so
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.cc.c -lm -o %t.cc.so
// RUN: run-module --module=%t.bb.vmfb --function=run --device=local-task --task-workers=2 > %t.bb.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.bb.out
// RUN: run-module --module=%t.bc.vmfb --function=run --device=local-task --task-workers=2 > %t.bc.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.bc.out
// RUN: run-module --module=%t.cb.so --function=run --device=local-task --task-workers=2 > %t.cb.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.cb.out
// RUN: run-module --module=%t.cc.so --function=run --device=local-task --task-workers=2 > %t.cc.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.cc.out
// More workgroups than rows: x takes all 33 rows, y splits the columns.
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kiln-dispatch-workgroups=200 --kernel-form=c %s -o %t.wide.vmfb
// RUN: run-module --module=%t.wide.vmfb --function=run --device=local-task --task-workers=2 > %t.wide.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.wide.out

// c = a * b for a: 33x17, b: 17x29 (dynamic sizes), a[i][k] = (i + 2k) mod 7
// - 3, b[k][j] = ((k * j) mod 5) / 2.
func.func @run() -> memref<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c5 = arith.constant 5 : index
  %c7 = arith.constant 7 : index
  %m = arith.constant 33 : index
  %k = arith.constant 17 : index
  %n = arith.constant 29 : index
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %a = memref.alloc(%m, %k) : memref<?x?xf32>
  %b = memref.alloc(%k, %n) : memref<?x?xf32>
  %c = memref.alloc(%m, %n) : memref<?x?xf32>
  scf.for %i = %c0 to %m step %c1 {
    scf.for %p = %c0 to %k step %c1 {
      %p2 = arith.muli %p, %c2 : index
      %s = arith.addi %i, %p2 : index
      %r = arith.remui %s, %c7 : index
      %ri = arith.index_cast %r : index to i32
      %f = arith.sitofp %ri : i32 to f32
      %three = arith.constant 3.0 : f32
      %v = arith.subf %f, %three : f32
      memref.store %v, %a[%i, %p] : memref<?x?xf32>
    }
  }
  scf.for %p = %c0 to %k step %c1 {
    scf.for %j = %c0 to %n step %c1 {
      %s = arith.muli %p, %j : index
      %r = arith.remui %s, %c5 : index
      %ri = arith.index_cast %r : index to i32
      %f = arith.sitofp %ri : i32 to f32
      %v = arith.mulf %f, %half : f32
      memref.store %v, %b[%p, %j] : memref<?x?xf32>
    }
  }
  %rows = memref.dim %a, %c0 : memref<?x?xf32>
  %inner = memref.dim %a, %c1 : memref<?x?xf32>
  %cols = memref.dim %b, %c1 : memref<?x?xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%rows, %cols) step (%c1, %c1) {
    %sum = scf.for %p = %c0 to %inner step %c1 iter_args(%acc = %zero) -> (f32) {
      %x = memref.load %a[%i, %p] : memref<?x?xf32>
      %y = memref.load %b[%p, %j] : memref<?x?xf32>
      %xy = arith.mulf %x, %y : f32
      %s = arith.addf %acc, %xy : f32
      scf.yield %s : f32
    }
    memref.store %sum, %c[%i, %j] : memref<?x?xf32>
  }
  return %c : memref<?x?xf32>
}
