// A dispatched loop that writes through a subview: the captured memref has
// a dynamic offset, which travels as two dispatch constants while the whole
// buffer is bound. Against mlir-runner, both kernel forms, two workers.
//
// REQUIRES: mlir-runner
// RUN: cat %s %S/Inputs/print_f32.mlir > %t.runner.mlir
// RUN: mlir-opt %t.runner.mlir --convert-scf-to-cf --expand-strided-metadata --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils > %t.reference
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.bc.vmfb
// RUN: run-module --module=%t.bc.vmfb --function=run --task-workers=2 > %t.bc.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.bc.out
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=bytecode %s -o %t.cb.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.cb.c -lm -o %t.cb.so
// RUN: run-module --module=%t.cb.so --function=run --task-workers=2 > %t.cb.out
// RUN: python3 %S/Inputs/same_values.py %t.reference %t.cb.out

func.func @run() -> memref<?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %t = memref.alloc() : memref<8xf32>
  scf.for %j = %c0 to %c8 step %c1 {
    %jj = arith.index_cast %j : index to i32
    %jf = arith.sitofp %jj : i32 to f32
    %one = arith.constant 1.0 : f32
    %v = arith.addf %jf, %one : f32
    memref.store %v, %t[%j] : memref<8xf32>
  }
  %out = memref.alloc(%c8) : memref<?xf32>
  %sub = memref.subview %out[%c2] [%c4] [1] : memref<?xf32> to memref<?xf32, strided<[1], offset: ?>>
  scf.parallel (%i) = (%c0) to (%c8) step (%c1) {
    %x = memref.load %t[%i] : memref<8xf32>
    %y = arith.mulf %x, %x : f32
    memref.store %y, %out[%i] : memref<?xf32>
  }
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %x = memref.load %t[%i] : memref<8xf32>
    memref.store %x, %sub[%i] : memref<?xf32, strided<[1], offset: ?>>
  }
  return %out : memref<?xf32>
}
