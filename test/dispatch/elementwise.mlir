// An element-wise loop of plain MLIR dispatched over the device's workers:
// one vm-translate, run by run-module with two workers, in both host forms
// with both kernel forms; every result agrees with mlir-runner running the
// same program serially.
//
// REQUIRES: mlir-runner
// RUN: cat %s %S/Inputs/print_f32.mlir > %t.runner.mlir
// RUN: mlir-opt %t.runner.mlir --convert-scf-to-cf --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils > %t.reference
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.bb.vmfb 2>&1 | FileCheck %s --check-prefix=REMARK
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
// The host really dispatches: its module creates an executable.
// RUN: dump-module %t.bb.vmfb | FileCheck %s --check-prefix=DUMP
// And the same program without the option runs serially, with the same values.
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports %s -o %t.serial.vmfb 2>&1 | FileCheck %s --check-prefix=NODISPATCH --allow-empty
// RUN: run-module --module=%t.serial.vmfb --function=run > %t.serial.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.serial.out

// REMARK: elementwise.mlir:{{[0-9]+}}:{{[0-9]+}}: remark: parallel loop stays serial: it is not at the top level of its function (it is inside 'scf.for'); only top-level loops are dispatched
// DUMP: hal.executable.create
// DUMP: hal.command_buffer.dispatch
// DUMP: hal.fence.await
// NODISPATCH-NOT: remark

// out[i] = a[i] * s + b[i] over a scf.forall with a dynamic bound, then
// out[i] += 1 for every third i from 1 (a scf.parallel with a non-unit lower
// bound and step), twice inside a serial loop (stays serial).
func.func @run() -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %n = arith.constant 1001 : index
  %one = arith.constant 1.0 : f32
  %a = memref.alloc(%n) : memref<?xf32>
  %b = memref.alloc(%n) : memref<?xf32>
  %out = memref.alloc(%n) : memref<?xf32>
  scf.for %i = %c0 to %n step %c1 {
    %ii = arith.index_cast %i : index to i32
    %f = arith.sitofp %ii : i32 to f32
    memref.store %f, %a[%i] : memref<?xf32>
    %g = arith.mulf %f, %f : f32
    memref.store %g, %b[%i] : memref<?xf32>
  }
  // A scalar known only at run time: 0.25 * a[3].
  %a3 = memref.load %a[%c3] : memref<?xf32>
  %quarter = arith.constant 0.25 : f32
  %s = arith.mulf %a3, %quarter : f32
  scf.forall (%i) in (%n) {
    %x = memref.load %a[%i] : memref<?xf32>
    %y = memref.load %b[%i] : memref<?xf32>
    %m = arith.mulf %x, %s : f32
    %r = arith.addf %m, %y : f32
    memref.store %r, %out[%i] : memref<?xf32>
  }
  scf.parallel (%i) = (%c1) to (%n) step (%c3) {
    %x = memref.load %out[%i] : memref<?xf32>
    %r = arith.addf %x, %one : f32
    memref.store %r, %out[%i] : memref<?xf32>
  }
  scf.for %round = %c0 to %c2 step %c1 {
    scf.parallel (%i) = (%c0) to (%n) step (%c2) {
      %x = memref.load %out[%i] : memref<?xf32>
      %r = arith.subf %x, %one : f32
      memref.store %r, %out[%i] : memref<?xf32>
    }
  }
  return %out : memref<?xf32>
}
