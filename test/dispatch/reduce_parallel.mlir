// scf.parallel loops with scf.reduce dispatched: each workgroup folds its
// tile from the combiner's neutral element into a partial of its own, the
// host combines the loop's initial value with the partials after the fence
// (docs/executables.md, "Reductions"). 1-D and 2-D loops; addf with a
// non-neutral initial value, maximumf, minimumf, mulf, addi on i32 and on
// index; an empty loop (its initial value); a loop with two reductions. A
// combiner that is not one arith op stays serial with a remark. Both host
// forms with both kernel forms, two workers, against mlir-runner running the
// same program serially; the sums add multiples of 0.25, exact in f32 in
// any order.
//
// REQUIRES: mlir-runner
// RUN: cat %s %S/Inputs/print_f32.mlir > %t.runner.mlir
// RUN: mlir-opt %t.runner.mlir --convert-scf-to-cf --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils > %t.reference
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.bb.vmfb 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark
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
// RUN: run-module --module=%t.bc.vmfb --function=run --device=local-sync > %t.sync.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.sync.out
// Seven dispatches in the host module, one per dispatched loop.
// RUN: vm-opt --kiln-outline-dispatches %s 2>/dev/null | FileCheck %s --check-prefix=OUTLINE
// OUTLINE-COUNT-7: func.func private @run_dispatch_{{[0-9]+}}_kernel(
// OUTLINE-NOT: func.func private @run_dispatch_{{[0-9]+}}_kernel(

// REMARK: reduce_parallel.mlir:[[# @LINE + 108]]:{{[0-9]+}}: remark: parallel loop stays serial: its reduction #0 is not one arith op with a neutral element combining the two values (e.g. arith.addf, arith.maximumf), from which each workgroup's partial would start

func.func @run() -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c6 = arith.constant 6 : index
  %c7 = arith.constant 7 : index
  %c8 = arith.constant 8 : index
  %c9 = arith.constant 9 : index
  %c10 = arith.constant 10 : index
  %c17 = arith.constant 17 : index
  %c29 = arith.constant 29 : index
  %c33 = arith.constant 33 : index
  %c1000 = arith.constant 1000 : index
  %n = arith.constant 10007 : index
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %five = arith.constant 5.0 : f32
  %low = arith.constant -100.0 : f32
  %high = arith.constant 100.0 : f32
  %seven = arith.constant 7.0 : f32
  %i0 = arith.constant 0 : i32
  %scale = arith.constant 0.25 : f32
  %data = memref.alloc(%n) : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %r = arith.remui %i, %c17 : index
    %ri = arith.index_cast %r : index to i32
    %f = arith.sitofp %ri : i32 to f32
    %v = arith.mulf %f, %scale : f32
    memref.store %v, %data[%i] : memref<?xf32>
  }
  %out = memref.alloc(%c10) : memref<?xf32>
  // Sum from 5.0 and maximum from -100 in one loop.
  %sum, %max = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%five, %low) -> (f32, f32) {
    %x = memref.load %data[%i] : memref<?xf32>
    scf.reduce(%x, %x : f32, f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }, {
    ^bb0(%l: f32, %r: f32):
      %m = arith.maximumf %r, %l : f32
      scf.reduce.return %m : f32
    }
  }
  memref.store %sum, %out[%c0] : memref<?xf32>
  memref.store %max, %out[%c1] : memref<?xf32>
  // i32 sum of i % 17.
  %isum = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%i0) -> i32 {
    %m = arith.remui %i, %c17 : index
    %ri = arith.index_cast %m : index to i32
    scf.reduce(%ri : i32) {
    ^bb0(%l: i32, %r: i32):
      %s = arith.addi %l, %r : i32
      scf.reduce.return %s : i32
    }
  }
  %isumf = arith.sitofp %isum : i32 to f32
  memref.store %isumf, %out[%c2] : memref<?xf32>
  // 2-D: minimum of data[(i * 29 + j) % n] - 1 over 33x29, step 2 in i.
  %min = scf.parallel (%i, %j) = (%c1, %c0) to (%c33, %c29) step (%c2, %c1) init (%high) -> f32 {
    %row = arith.muli %i, %c29 : index
    %k = arith.addi %row, %j : index
    %x = memref.load %data[%k] : memref<?xf32>
    %y = arith.subf %x, %one : f32
    scf.reduce(%y : f32) {
    ^bb0(%l: f32, %r: f32):
      %m = arith.minimumf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  memref.store %min, %out[%c3] : memref<?xf32>
  // Product of ten 2.0s from 1.0 (ten workgroups of one iteration).
  %prod = scf.parallel (%i) = (%c0) to (%c10) step (%c1) init (%one) -> f32 {
    scf.reduce(%two : f32) {
    ^bb0(%l: f32, %r: f32):
      %m = arith.mulf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  memref.store %prod, %out[%c4] : memref<?xf32>
  // index sum of 0..999.
  %zi = arith.constant 0 : index
  %xsum = scf.parallel (%i) = (%c0) to (%c1000) step (%c1) init (%zi) -> index {
    scf.reduce(%i : index) {
    ^bb0(%l: index, %r: index):
      %s = arith.addi %l, %r : index
      scf.reduce.return %s : index
    }
  }
  %xsumi = arith.index_cast %xsum : index to i32
  %xsumf = arith.sitofp %xsumi : i32 to f32
  memref.store %xsumf, %out[%c5] : memref<?xf32>
  // An empty loop: its initial value.
  %empty = scf.parallel (%i) = (%c5) to (%c5) step (%c1) init (%seven) -> f32 {
    scf.reduce(%one : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      scf.reduce.return %s : f32
    }
  }
  memref.store %empty, %out[%c6] : memref<?xf32>
  // Not one arith op: stays serial (remark above).
  %twice = scf.parallel (%i) = (%c0) to (%c8) step (%c1) init (%zero) -> f32 {
    %x = memref.load %data[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %s = arith.addf %l, %r : f32
      %t = arith.addf %s, %r : f32
      scf.reduce.return %t : f32
    }
  }
  memref.store %twice, %out[%c7] : memref<?xf32>
  // A maximum of the data in place of reduction.mlir's serial one.
  %dmax = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f32 {
    %x = memref.load %data[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%l: f32, %r: f32):
      %m = arith.maximumf %l, %r : f32
      scf.reduce.return %m : f32
    }
  }
  memref.store %dmax, %out[%c8] : memref<?xf32>
  memref.store %seven, %out[%c9] : memref<?xf32>
  memref.dealloc %data : memref<?xf32>
  return %out : memref<?xf32>
}
