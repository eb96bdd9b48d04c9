// samples/parallel_saxpy.mlir as run-samples.sh runs it (its SAMPLE-FLAGS),
// host in both forms.
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %kiln_src/samples/parallel_saxpy.mlir -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=saxpy --input=f32=2 --input=8xf32=1,2,3,4,5,6,7,8 --input=8xf32=10,20,30,40,50,60,70,80 | FileCheck %s
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %kiln_src/samples/parallel_saxpy.mlir -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=saxpy --task-workers=2 --input=f32=2 --input=8xf32=1,2,3,4,5,6,7,8 --input=8xf32=10,20,30,40,50,60,70,80 | FileCheck %s
// A 32-bit index: bounds and sizes travel as one constant word each.
// RUN: vm-translate --vm-to-bytecode --vm-input-index-bitwidth=32 --vm-buffer-view-exports --kiln-dispatch-parallel-loops %kiln_src/samples/parallel_saxpy.mlir -o %t.i32.vmfb
// RUN: run-module --module=%t.i32.vmfb --function=saxpy --task-workers=2 --input=f32=2 --input=8xf32=1,2,3,4,5,6,7,8 --input=8xf32=10,20,30,40,50,60,70,80 | FileCheck %s

// CHECK: 8xf32=12 24 36 48 60 72 84 96
