// A dispatched kernel that never ends is stopped by the dispatching call's
// limits (docs/executables.md, "Bounded kernels"): each workgroup runs with
// the fuel the call had left when it submitted the dispatch and under the
// call's deadline, in both kernel forms (C kernels count fuel at their
// loops: --kernel-c-bounded, on by default), on workers and on local-sync.
// The failure carries the kernel's status and workgroup, then the host
// frames that waited. A call without limits that ends is unaffected.
//
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops %s -o %t.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.c.vmfb
// RUN: not run-module --module=%t.vmfb --function=forever --fuel=100000 --task-workers=2 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.c.vmfb --function=forever --fuel=100000 --task-workers=2 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.c.vmfb --function=forever --fuel=100000 --device=local-sync 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: not run-module --module=%t.vmfb --function=forever --deadline=300 --task-workers=2 2>&1 | FileCheck %s --check-prefix=DEADLINE
// RUN: not run-module --module=%t.c.vmfb --function=forever --deadline=300 --task-workers=2 2>&1 | FileCheck %s --check-prefix=DEADLINE
// A host in C passes its call's limits on the same way.
// RUN: vm-translate --vm-to-c --vm-buffer-view-exports --kiln-dispatch-parallel-loops --kernel-form=c %s -o %t.host.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.host.c -lm -o %t.host.so
// RUN: not run-module --module=%t.host.so --function=forever --fuel=100000 --task-workers=2 2>&1 | FileCheck %s --check-prefix=FUEL
// RUN: run-module --module=%t.c.vmfb --function=finite --fuel=100000 --task-workers=2 | FileCheck %s --check-prefix=FINITE
// RUN: run-module --module=%t.c.vmfb --function=finite --task-workers=2 | FileCheck %s --check-prefix=FINITE

// FUEL: error: RESOURCE_EXHAUSTED: out of fuel{{.*}}; in kernel 'forever_dispatch_0', workgroup ({{[0-9]+}},0,0) of 4x1x1
// FUEL: at kernel_fuel_forever_dispatch_0.forever_dispatch_0_kernel
// FUEL: at hal.fence.await
// FUEL: at kernel_fuel.forever

// DEADLINE: error: DEADLINE_EXCEEDED: {{.*}}deadline

// FINITE: 4xi32=10 10 10 10

// Each iteration counts up in out[i] until it reads a negative value,
// which it never does.
func.func @forever() -> memref<?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %mask = arith.constant 2147483647 : i32
  %out = memref.alloc(%c4) : memref<?xi32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %zero, %out[%i] : memref<?xi32>
    scf.while : () -> () {
      %v = memref.load %out[%i] : memref<?xi32>
      %more = arith.cmpi sge, %v, %zero : i32
      scf.condition(%more)
    } do {
      %v = memref.load %out[%i] : memref<?xi32>
      %w = arith.addi %v, %one : i32
      %wrapped = arith.andi %w, %mask : i32
      memref.store %wrapped, %out[%i] : memref<?xi32>
      scf.yield
    }
  }
  return %out : memref<?xi32>
}

// The same loop, stopping at 10.
func.func @finite() -> memref<?xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  %ten = arith.constant 10 : i32
  %out = memref.alloc(%c4) : memref<?xi32>
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    memref.store %zero, %out[%i] : memref<?xi32>
    scf.while : () -> () {
      %v = memref.load %out[%i] : memref<?xi32>
      %more = arith.cmpi slt, %v, %ten : i32
      scf.condition(%more)
    } do {
      %v = memref.load %out[%i] : memref<?xi32>
      %w = arith.addi %v, %one : i32
      memref.store %w, %out[%i] : memref<?xi32>
      scf.yield
    }
  }
  return %out : memref<?xi32>
}
