// hal exports not covered elsewhere, in both forms: command_buffer.update_buffer
// (host bytes copied when the command runs), command_buffer.advise_buffer
// (accepted, no effect on contents), buffer_view.trace (the views on stderr
// under a key), and update_buffer's range check.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=update_advise_trace 2>&1 | FileCheck %s
// RUN: not run-module --module=%t.vmfb --function=update_out_of_range 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=update_advise_trace 2>&1 | FileCheck %s
// RUN: not run-module --module=%t.so --function=update_out_of_range 2>&1 | FileCheck %s --check-prefix=RANGE
// CHECK: === updated ===
// CHECK-NEXT: 4xi32=2 3 0 0
// CHECK-NEXT: 2xi32=2 3
// CHECK-NEXT: i32=3
// RANGE: error: OUT_OF_RANGE: buffer access out of range: [8, 8 + 12) is not within a buffer of 16 bytes
// RANGE-NEXT: at hal.command_buffer.update_buffer
// RANGE: at hcb.update_out_of_range
vm.module @hcb {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<?>
  vm.import private @hal.device.allocator(%device : !vm.ref<?>) -> !vm.ref<?>
  vm.import private @hal.allocator.allocate(%allocator : !vm.ref<?>, %queue_affinity : i64, %memory_types : i32, %buffer_usage : i32, %allocation_size : i64) -> !vm.ref<?>
  vm.import private @hal.buffer.load(%buffer : !vm.ref<?>, %offset : i64, %length : i32) -> i32
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<?>, %offset : i64, %length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<?>
  vm.import private @hal.buffer_view.trace(%key : !vm.buffer, %operands : !vm.ref<?> ...)
  vm.import private @hal.fence.create(%device : !vm.ref<?>, %flags : i64) -> !vm.ref<?>
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<?> ...) -> i32 attributes {vm.yield}
  vm.import private @hal.device.queue.execute(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %command_buffer : !vm.ref<?>, %flags : i64)
  vm.import private @hal.command_buffer.create(%device : !vm.ref<?>, %modes : i32, %command_categories : i32, %queue_affinity : i64, %binding_capacity : i32) -> !vm.ref<?>
  vm.import private @hal.command_buffer.advise_buffer(%command_buffer : !vm.ref<?>, %buffer : !vm.ref<?>, %flags : i64, %arg0 : i64, %arg1 : i64, %buffer_slot : i32)
  vm.import private @hal.command_buffer.update_buffer(%command_buffer : !vm.ref<?>, %source_buffer : !vm.buffer, %source_offset : i64, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %target_buffer_slot : i32, %flags : i64)
  vm.import private @hal.command_buffer.finalize(%command_buffer : !vm.ref<?>)

  vm.rodata private @values dense<[1, 2, 3, 4]> : tensor<4xi32>
  vm.rodata private @key dense<[117, 112, 100, 97, 116, 101, 100]> : tensor<7xi8>

  // Records update_buffer(values[1..3) -> target[0..8)) and an advice, runs
  // the command buffer and waits for it. Returns the target buffer.
  vm.func private @run_update(%source_offset : i64, %length : i64) -> !vm.ref<?> {
    %c0 = vm.const.i32 0
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<?>
    %allocator = vm.call @hal.device.allocator(%device) : (!vm.ref<?>) -> !vm.ref<?>
    %any = vm.const.i64 -1
    %host_local = vm.const.i32 70
    %usage = vm.const.i32 50331651
    %size = vm.const.i64 16
    %target = vm.call @hal.allocator.allocate(%allocator, %any, %host_local, %usage, %size) : (!vm.ref<?>, i64, i32, i32, i64) -> !vm.ref<?>
    %one_shot = vm.const.i32 1
    %transfer = vm.const.i32 1
    %cb = vm.call @hal.command_buffer.create(%device, %one_shot, %transfer, %any, %c0) : (!vm.ref<?>, i32, i32, i64, i32) -> !vm.ref<?>
    %zero = vm.const.i64 0
    vm.call @hal.command_buffer.advise_buffer(%cb, %target, %zero, %zero, %zero, %c0) : (!vm.ref<?>, !vm.ref<?>, i64, i64, i64, i32) -> ()
    %values = vm.const.ref.rodata @values : !vm.buffer
    vm.call @hal.command_buffer.update_buffer(%cb, %values, %source_offset, %target, %zero, %length, %c0, %zero) : (!vm.ref<?>, !vm.buffer, i64, !vm.ref<?>, i64, i64, i32, i64) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    %null = vm.const.ref.zero : !vm.ref<?>
    %done = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.execute(%device, %any, %null, %done, %cb, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%done]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.check.eq %s, %c0, "await status" : i32
    vm.return %target : !vm.ref<?>
  }

  vm.export @update_advise_trace
  vm.func @update_advise_trace() -> i32 {
    %c4 = vm.const.i64 4
    %c8 = vm.const.i64 8
    %target = vm.call @run_update(%c4, %c8) : (i64, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %c16 = vm.const.i64 16
    %c2 = vm.const.i64 2
    %all = vm.call.variadic @hal.buffer_view.create(%target, %zero, %c16, %i32, %dense, [%c4]) : (!vm.ref<?>, i64, i64, i32, i32, i64 ...) -> !vm.ref<?>
    %head = vm.call.variadic @hal.buffer_view.create(%target, %zero, %c8, %i32, %dense, [%c2]) : (!vm.ref<?>, i64, i64, i32, i32, i64 ...) -> !vm.ref<?>
    %key = vm.const.ref.rodata @key : !vm.buffer
    vm.call.variadic @hal.buffer_view.trace(%key, [%all, %head]) : (!vm.buffer, !vm.ref<?> ...) -> ()
    %w4 = vm.const.i32 4
    %second = vm.call @hal.buffer.load(%target, %c4, %w4) : (!vm.ref<?>, i64, i32) -> i32
    vm.return %second : i32
  }

  // 12 bytes from offset 8 of the 16-byte source: past its end.
  vm.export @update_out_of_range
  vm.func @update_out_of_range() {
    %c8 = vm.const.i64 8
    %c12 = vm.const.i64 12
    %target = vm.call @run_update(%c8, %c12) : (i64, i64) -> !vm.ref<?>
    vm.return
  }
}
