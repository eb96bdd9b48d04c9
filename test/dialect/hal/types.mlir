// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s

// Every hal object type round-trips inside a ref.
// CHECK-LABEL: func.func private @hal_refs
// CHECK-SAME: !vm.ref<!hal.allocator>, !vm.ref<!hal.buffer>, !vm.ref<!hal.buffer_view>
// CHECK-SAME: !vm.ref<!hal.command_buffer>, !vm.ref<!hal.device>, !vm.ref<!hal.executable>
// CHECK-SAME: !vm.ref<!hal.fence>, !vm.ref<!hal.file>, !vm.ref<!hal.semaphore>
// CHECK-SAME: !vm.ref<!hal.channel>
func.func private @hal_refs(!vm.ref<!hal.allocator>, !vm.ref<!hal.buffer>,
                            !vm.ref<!hal.buffer_view>, !vm.ref<!hal.command_buffer>,
                            !vm.ref<!hal.device>, !vm.ref<!hal.executable>,
                            !vm.ref<!hal.fence>, !vm.ref<!hal.file>,
                            !vm.ref<!hal.semaphore>, !vm.ref<!hal.channel>)

// -----

// Lists of hal refs, and hal refs in vm signatures, casts, imports, globals.
// CHECK-LABEL: vm.module public @m
vm.module @m {
  // CHECK: vm.import private @hal.buffer_view.rank(%buffer_view : !vm.ref<!hal.buffer_view>) -> i32
  vm.import private @hal.buffer_view.rank(%buffer_view : !vm.ref<!hal.buffer_view>) -> i32
  // CHECK: vm.global.ref private mutable @views : !vm.list<!vm.ref<!hal.buffer_view>>
  vm.global.ref private mutable @views : !vm.list<!vm.ref<!hal.buffer_view>>
  // CHECK: vm.func @f(%{{.*}}: !vm.ref<?>) -> !vm.ref<!hal.buffer>
  vm.func @f(%any : !vm.ref<?>) -> !vm.ref<!hal.buffer> {
    // CHECK: vm.cast.any.ref %{{.*}} : !vm.ref<?> -> !vm.ref<!hal.buffer>
    %b = vm.cast.any.ref %any : !vm.ref<?> -> !vm.ref<!hal.buffer>
    // CHECK: vm.cast.ref.any %{{.*}} : !vm.ref<!hal.buffer> -> !vm.ref<?>
    %a = vm.cast.ref.any %b : !vm.ref<!hal.buffer> -> !vm.ref<?>
    vm.return %b : !vm.ref<!hal.buffer>
  }
}
