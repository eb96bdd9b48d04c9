// run-module --expected-output (IREE's --expected_output): scalars, buffer
// views, (ignored), thresholds, and the failure lines.
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=scale --input=f32=-2 --input=3 \
// RUN:   --expected-output=f32=-6 --expected-output=i32=4 | FileCheck %s --check-prefix=SCALARS
// SCALARS: [SUCCESS]
// RUN: not run-module --module=%t.vmfb --function=scale --input=f32=-2 --input=3 \
// RUN:   --expected_output=f32=-6.5 --expected_output=5 | FileCheck %s --check-prefix=SCALAR-FAIL
// SCALAR-FAIL: [FAILED] result[0]: f32=-6 does not match the expected f32=-6.5
// SCALAR-FAIL-NEXT: [FAILED] result[1]: i32=4 does not match the expected i32=5
// RUN: run-module --module=%t.vmfb --function=scale --input=f32=-2 --input=3 \
// RUN:   --expected-output=f32=-6.05 --expected-f32-threshold=0.1 \
// RUN:   --expected-output="(ignored)" | FileCheck %s --check-prefix=SCALARS
//
// RUN: run-module --module=%t.vmfb --function=double --input=3xf32=1,2,3 \
// RUN:   --expected-output=3xf32=2,4,6 | FileCheck %s --check-prefix=TENSOR
// TENSOR: 3xf32=2 4 6
// TENSOR-NEXT: [SUCCESS]
// RUN: not run-module --module=%t.vmfb --function=double --input=3xf32=1,2,3 \
// RUN:   --expected-output=3xf32=2,4,6.5 | FileCheck %s --check-prefix=TENSOR-FAIL
// TENSOR-FAIL: [FAILED] result[0]: element at index 2 (6) does not match the expected (6.5)
// RUN: not run-module --module=%t.vmfb --function=double --input=3xf32=1,2,3 \
// RUN:   --expected-output=4xf32=2 | FileCheck %s --check-prefix=SHAPE-FAIL
// SHAPE-FAIL: [FAILED] result[0]: metadata is 3xf32; expected that the view matches 4xf32
// RUN: not run-module --module=%t.vmfb --function=double --input=3xf32=1,2,3 \
// RUN:   --expected-output=1 --expected-output=2 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: INVALID_ARGUMENT: 2 --expected-output values for 1 results
// RUN: not run-module --module=%t.vmfb --function=double --input=3xf32=1,2,3 \
// RUN:   --expected-f32-threshold=-1 --expected-output=3xf32=2,4,6 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: needs a finite non-negative number, got '-1'

func.func @scale(%x: f32, %n: i32) -> (f32, i32) {
  %nf = arith.sitofp %n : i32 to f32
  %y = arith.mulf %x, %nf : f32
  %c1 = arith.constant 1 : i32
  %m = arith.addi %n, %c1 : i32
  return %y, %m : f32, i32
}

func.func @double(%a: memref<3xf32>) -> memref<3xf32> {
  %out = memref.alloc() : memref<3xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  scf.for %i = %c0 to %c3 step %c1 {
    %v = memref.load %a[%i] : memref<3xf32>
    %d = arith.addf %v, %v : f32
    memref.store %d, %out[%i] : memref<3xf32>
  }
  return %out : memref<3xf32>
}
