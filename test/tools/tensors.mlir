// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports %s -o %t.vmfb
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports %s -o %t.c && %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: run-module --module=%t.vmfb --function=transpose --input=2x3xf32=1,2,3,4,5,6 | FileCheck %s --check-prefix=T
// RUN: run-module --module=%t.so --function=transpose '--input=2x3xf32=[1 2 3][4 5 6]' | FileCheck %s --check-prefix=T
// RUN: run-module --module=%t.vmfb --device=local-sync --function=transpose --input=2x3xf32=1.5 | FileCheck %s --check-prefix=SPLAT
// RUN: run-module --module=%t.vmfb --function=double_bytes --input=4xi8=1,-1,127,-128 | FileCheck %s --check-prefix=I8
// RUN: run-module --module=%t.so --function=poke --input=3xf64=1,2,3 | FileCheck %s --check-prefix=POKE
// Integers of the same width pass for each other (IREE's rule): an si8 view
// for an i8 argument, and an i8 result written to .npy (as |i1) and read
// back (as si8) passes for the i8 argument again.
// RUN: run-module --module=%t.vmfb --function=double_bytes --input=4xsi8=1,-1,127,-128 | FileCheck %s --check-prefix=I8
// RUN: run-module --module=%t.vmfb --function=double_bytes --input=4xi8=1,2,3,4 --output=@%t.i8.npy
// RUN: run-module --module=%t.vmfb --function=double_bytes --input=@%t.i8.npy | FileCheck %s --check-prefix=I8NPY
// RUN: run-module --module=%t.vmfb --function=transpose --input=2x3xf32=1,2,3,4,5,6 --output=@%t.npy
// RUN: run-module --module=%t.vmfb --function=transpose --input=@%t.npy | FileCheck %s --check-prefix=NPY
// RUN: not run-module --module=%t.vmfb --function=transpose --input=2x3xf32=1,2 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not run-module --module=%t.vmfb --function=transpose --input=2x3xq9=1 2>&1 | FileCheck %s --check-prefix=TYPE
// RUN: not run-module --module=%t.vmfb --function=transpose --input=@%t.missing.npy 2>&1 | FileCheck %s --check-prefix=FILE
// RUN: not run-module --module=%t.vmfb --function=transpose --input=3x2xi32=1 2>&1 | FileCheck %s --check-prefix=ASSERT
// RUN: not run-module --module=%t.so --function=transpose --input=3x2xi32=1 2>&1 | FileCheck %s --check-prefix=ASSERT

// Tensors in and out of run-module, through a plain-MLIR function exported
// with buffer views, in both forms.

// T: 3x2xf32=[1 4][2 5][3 6]
// SPLAT: 3x2xf32=[1.5 1.5][1.5 1.5][1.5 1.5]
// I8: 4xi8=2 -2 -2 0
// The argument is the function's own copy: the write shows in the result.
// POKE: 3xf64=42 2 3
// NPY: 2x3xf32=[1 2 3][4 5 6]
// I8NPY: 4xi8=4 8 12 16
// COUNT: error: {{.*}}input '2x3xf32=1,2'{{.*}}only 2 of the 6 elements
// TYPE: error: {{.*}}unknown element type 'q9'
// FILE: error: {{.*}}cannot open
// ASSERT: error: {{.*}}transpose argument 0 element type mismatch
module @tensors {
  func.func @transpose(%a: memref<?x?xf32>) -> memref<?x?xf32> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %m = memref.dim %a, %c0 : memref<?x?xf32>
    %n = memref.dim %a, %c1 : memref<?x?xf32>
    %t = memref.alloc(%n, %m) : memref<?x?xf32>
    scf.for %i = %c0 to %m step %c1 {
      scf.for %j = %c0 to %n step %c1 {
        %v = memref.load %a[%i, %j] : memref<?x?xf32>
        memref.store %v, %t[%j, %i] : memref<?x?xf32>
      }
    }
    return %t : memref<?x?xf32>
  }

  func.func @double_bytes(%a: memref<4xi8>) -> memref<4xi8> {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %r = memref.alloc() : memref<4xi8>
    scf.for %i = %c0 to %c4 step %c1 {
      %x = memref.load %a[%i] : memref<4xi8>
      %y = arith.addi %x, %x : i8
      memref.store %y, %r[%i] : memref<4xi8>
    }
    return %r : memref<4xi8>
  }

  func.func @poke(%a: memref<3xf64>) -> memref<3xf64> {
    %c0 = arith.constant 0 : index
    %v = arith.constant 42.0 : f64
    memref.store %v, %a[%c0] : memref<3xf64>
    return %a : memref<3xf64>
  }
}
