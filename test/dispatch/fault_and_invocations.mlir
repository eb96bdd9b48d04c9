// A dispatched loop whose kernel faults fails the call with the kernel's
// status and trace, followed by the host frames that waited for it; and
// dispatching calls run as concurrent invocations on one thread (each
// suspends in hal.fence.await until its dispatch is done).
//
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops %s -o %t.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.c.vmfb
// RUN: run-module --module=%t.vmfb --function=squares --invocations=4 --task-workers=2 | FileCheck %s --check-prefix=SQUARES
// RUN: run-module --module=%t.c.vmfb --function=squares --invocations=4 --task-workers=2 | FileCheck %s --check-prefix=SQUARES
// RUN: not run-module --module=%t.vmfb --function=fault --task-workers=2 2>&1 | FileCheck %s --check-prefix=FAULT
// RUN: not run-module --module=%t.c.vmfb --function=fault --device=local-sync 2>&1 | FileCheck %s --check-prefix=FAULT

// SQUARES: 12xi32=0 1 4 9 16 25 36 49 64 81 100 121
// FAULT: error: OUT_OF_RANGE: {{.*}}; in kernel 'fault_dispatch_0', workgroup ({{[0-9]+}},0,0) of 12x1x1
// FAULT: at fault_and_invocations_fault_dispatch_0.fault_dispatch_0_kernel
// FAULT: at hal.fence.await
// FAULT: at fault_and_invocations.fault_dispatch_0
// FAULT: at fault_and_invocations.fault

func.func @squares() -> memref<?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 12 : index
  %out = memref.alloc(%n) : memref<?xi32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %sq = arith.muli %i, %i : index
    %v = arith.index_cast %sq : index to i32
    memref.store %v, %out[%i] : memref<?xi32>
  }
  return %out : memref<?xi32>
}

// Reads element 100 * i of a 12-element memref.
func.func @fault() -> memref<?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %n = arith.constant 12 : index
  %out = memref.alloc(%n) : memref<?xi32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %far = arith.muli %i, %c100 : index
    %v = memref.load %out[%far] : memref<?xi32>
    memref.store %v, %out[%i] : memref<?xi32>
  }
  return %out : memref<?xi32>
}
