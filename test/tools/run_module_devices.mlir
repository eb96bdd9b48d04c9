// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=workers --task-workers=3 | FileCheck %s --check-prefix=TASK
// RUN: run-module --module=%t.vmfb --function=workers --device=local-sync | FileCheck %s --check-prefix=SYNC
// RUN: run-module --module=%t.vmfb --function=workers --invocations=50 --task-workers=2 | FileCheck %s --check-prefix=MANY
// RUN: not run-module --module=%t.vmfb --function=workers --device=vulkan 2>&1 | FileCheck %s --check-prefix=BADDEV
// RUN: not run-module --module=%t.vmfb --function=workers --task-workers=-1 2>&1 | FileCheck %s --check-prefix=BADN
// RUN: not run-module --module=%t.vmfb --function=workers --invocations=0 2>&1 | FileCheck %s --check-prefix=BADINV
// RUN: run-module --module=%t.vmfb --list-functions | FileCheck %s --check-prefix=LIST

// run-module creates the hal module (and its device) because this module
// imports from it; --device and --task-workers pick the device.

// TASK: i64=3
// SYNC: i64=1
// MANY: i64=2
// BADDEV: error: {{.*}}unknown device 'vulkan' (available: local-task, local-sync)
// BADN: error: {{.*}}--task-workers needs an integer in [0, 1024], got '-1'
// BADINV: error: {{.*}}--invocations needs an integer in [1, 10000], got '0'
// LIST: hal.fence.await
// LIST: t.workers

vm.module @t {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<?>
  vm.import private @hal.device.query.i64(%device : !vm.ref<?>, %category : !vm.buffer, %key : !vm.buffer) -> (i32, i64)
  vm.rodata private @category dense<[104, 97, 108, 46, 100, 105, 115, 112, 97, 116, 99, 104]> : tensor<12xi8>
  vm.rodata private @key dense<[99, 111, 110, 99, 117, 114, 114, 101, 110, 99, 121]> : tensor<11xi8>
  // hal.dispatch / concurrency: the device's worker count (1 for local-sync).
  vm.func @workers() -> i64 {
    %c0 = vm.const.i32 0
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<?>
    %category = vm.const.ref.rodata @category : !vm.buffer
    %key = vm.const.ref.rodata @key : !vm.buffer
    %ok, %n = vm.call @hal.device.query.i64(%device, %category, %key) : (!vm.ref<?>, !vm.buffer, !vm.buffer) -> (i32, i64)
    vm.return %n : i64
  }
  vm.export @workers
}
