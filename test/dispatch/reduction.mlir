// A reduction of plain MLIR into per-workgroup partials: a dispatched
// scf.parallel over 8 chunks sums each chunk into partial[p] (a captured
// memref of dynamic size, whose size travels as dispatch constants), the
// host adds the partials. A scf.parallel with scf.reduce (the maximum) is
// dispatched too (reduce_parallel.mlir tests those). Both host forms with
// both kernel forms, two workers, against mlir-runner running the same
// program serially.
//
// REQUIRES: mlir-runner
// RUN: cat %s %S/Inputs/print_f32.mlir > %t.runner.mlir
// RUN: mlir-opt %t.runner.mlir --convert-scf-to-cf --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils > %t.reference
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.bb.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.bc.vmfb 2>/dev/null
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.cb.c 2>/dev/null
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.cc.c 2>/dev/null
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
// On local-sync the workgroups run in order on the calling thread: same values.
// RUN: run-module --module=%t.bc.vmfb --function=run --device=local-sync > %t.sync.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.sync.out


// Returns partial[0..7], their sum and the maximum of the data.
func.func @run() -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c9 = arith.constant 9 : index
  %c10 = arith.constant 10 : index
  %c17 = arith.constant 17 : index
  %n = arith.constant 10007 : index
  %zero = arith.constant 0.0 : f32
  %scale = arith.constant 0.25 : f32
  %data = memref.alloc(%n) : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %r = arith.remui %i, %c17 : index
    %ri = arith.index_cast %r : index to i32
    %f = arith.sitofp %ri : i32 to f32
    %v = arith.mulf %f, %scale : f32
    memref.store %v, %data[%i] : memref<?xf32>
  }
  %partial = memref.alloc(%c10) : memref<?xf32>
  %len = memref.dim %data, %c0 : memref<?xf32>
  scf.parallel (%p) = (%c0) to (%c8) step (%c1) {
    %lo0 = arith.muli %p, %len : index
    %lo = arith.divui %lo0, %c8 : index
    %p1 = arith.addi %p, %c1 : index
    %hi0 = arith.muli %p1, %len : index
    %hi = arith.divui %hi0, %c8 : index
    %sum = scf.for %i = %lo to %hi step %c1 iter_args(%acc = %zero) -> (f32) {
      %x = memref.load %data[%i] : memref<?xf32>
      %s = arith.addf %acc, %x : f32
      scf.yield %s : f32
    }
    memref.store %sum, %partial[%p] : memref<?xf32>
  }
  %total = scf.for %p = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (f32) {
    %x = memref.load %partial[%p] : memref<?xf32>
    %s = arith.addf %acc, %x : f32
    scf.yield %s : f32
  }
  memref.store %total, %partial[%c8] : memref<?xf32>
  %max = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f32 {
    %x = memref.load %data[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %m = arith.maximumf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  memref.store %max, %partial[%c9] : memref<?xf32>
  return %partial : memref<?xf32>
}
