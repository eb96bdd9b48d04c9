// The hal and check modules from a vm program, as IREE's compiler emits the
// calls (run-module adds both modules because the program imports them).
// HAL objects are typed !vm.ref<?> here. The numeric constants are IREE's:
// memory type 70 = 0x46 (host local); buffer usage 50331651 = 0x3000003
// (transfer source/target | mapping scoped | mapping persistent) and
// 50331648 (mapping only); element type 268435488 = 0x10000020 (i32).
// E2E-ARGS: test_async_round_trip --invocations=1000
// E2E-ARGS: test_local_sync --device=local-sync
// E2E-EXPECT-ERROR: fail_load_out_of_range outside the buffer's 16 bytes
// E2E-EXPECT-ERROR: fail_use_after_dealloca deallocated
// E2E-EXPECT-ERROR: fail_fill_without_transfer_usage lacks the required bits
// E2E-EXPECT-ERROR: fail_check_eq first difference is at index [1, 0]
// E2E-EXPECT-ERROR: fail_view_assert input 0 shape dimension 1 mismatch
// E2E-EXPECT-ERROR: fail_awaited_work_failed deallocated
vm.module @haltest {
  vm.import private @hal.devices.count() -> i32
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<?>
  vm.import private @hal.device.allocator(%device : !vm.ref<?>) -> !vm.ref<?>
  vm.import private @hal.device.query.i64(%device : !vm.ref<?>, %category : !vm.buffer, %key : !vm.buffer) -> (i32, i64)
  vm.import private @hal.allocator.allocate(%allocator : !vm.ref<?>, %queue_affinity : i64, %memory_types : i32, %buffer_usage : i32, %allocation_size : i64) -> !vm.ref<?>
  vm.import private @hal.buffer.length(%buffer : !vm.ref<?>) -> i64
  vm.import private @hal.buffer.load(%buffer : !vm.ref<?>, %offset : i64, %length : i32) -> i32
  vm.import private @hal.buffer.store(%value : i32, %buffer : !vm.ref<?>, %offset : i64, %length : i32)
  vm.import private @hal.buffer.subspan(%buffer : !vm.ref<?>, %offset : i64, %length : i64) -> !vm.ref<?>
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<?>, %offset : i64, %length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<?>
  vm.import private @hal.buffer_view.assert(%view : !vm.ref<?>, %message : !vm.buffer, %element_type : i32, %encoding_type : i32, %shape : i64 ...)
  vm.import private @hal.buffer_view.rank(%view : !vm.ref<?>) -> i32
  vm.import private @hal.buffer_view.dim(%view : !vm.ref<?>, %index : i32) -> i64
  vm.import private @hal.buffer_view.element_type(%view : !vm.ref<?>) -> i32
  vm.import private @hal.fence.create(%device : !vm.ref<?>, %flags : i64) -> !vm.ref<?>
  vm.import private @hal.fence.signal(%fence : !vm.ref<?>)
  vm.import private @hal.fence.query(%fence : !vm.ref<?>) -> i32
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<?> ...) -> i32 attributes {vm.yield}
  vm.import private @hal.device.queue.fill(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %pattern : i64, %pattern_length : i32, %flags : i64)
  vm.import private @hal.device.queue.update(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %source_buffer : !vm.buffer, %source_offset : i64, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %flags : i64)
  vm.import private @hal.device.queue.copy(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %source_buffer : !vm.ref<?>, %source_offset : i64, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %flags : i64)
  vm.import private @hal.device.queue.dealloca(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %buffer : !vm.ref<?>, %flags : i64)
  vm.import private @hal.device.queue.execute(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %command_buffer : !vm.ref<?>, %flags : i64)
  vm.import private @hal.command_buffer.create(%device : !vm.ref<?>, %modes : i32, %command_categories : i32, %queue_affinity : i64, %binding_capacity : i32) -> !vm.ref<?>
  vm.import private @hal.command_buffer.fill_buffer(%command_buffer : !vm.ref<?>, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %target_buffer_slot : i32, %pattern : i64, %pattern_length : i32, %flags : i64)
  vm.import private @hal.command_buffer.finalize(%command_buffer : !vm.ref<?>)
  vm.import private @check.expect_eq(%device : !vm.ref<?>, %lhs : !vm.ref<?>, %rhs : !vm.ref<?>)
  vm.import private @check.expect_almost_eq(%device : !vm.ref<?>, %lhs : !vm.ref<?>, %rhs : !vm.ref<?>, %atol : f32, %rtol : f32)

  vm.rodata private @category dense<[104, 97, 108, 46, 100, 101, 118, 105, 99, 101, 46, 105, 100]> : tensor<13xi8>
  vm.rodata private @pattern dense<[108, 111, 99, 97, 108, 45, 42]> : tensor<7xi8>
  vm.rodata private @msg dense<[105, 110, 112, 117, 116, 32, 48]> : tensor<7xi8>
  vm.rodata private @values dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi32>

  // Device 0, its allocator and a 16-byte transfer+mappable buffer.
  vm.func private @buffer(%size : i64, %usage : i32) -> (!vm.ref<?>, !vm.ref<?>) {
    %c0 = vm.const.i32 0
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<?>
    %allocator = vm.call @hal.device.allocator(%device) : (!vm.ref<?>) -> !vm.ref<?>
    %any = vm.const.i64 -1
    %host_local = vm.const.i32 70
    %buffer = vm.call @hal.allocator.allocate(%allocator, %any, %host_local, %usage, %size) : (!vm.ref<?>, i64, i32, i32, i64) -> !vm.ref<?>
    vm.return %device, %buffer : !vm.ref<?>, !vm.ref<?>
  }

  // A 2x3xi32 view over a buffer filled from @values (queue.update, awaited).
  vm.func private @view_of_values(%device : !vm.ref<?>, %buffer : !vm.ref<?>) -> !vm.ref<?> {
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %len = vm.const.i64 24
    %values = vm.const.ref.rodata @values : !vm.buffer
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.update(%device, %any, %null, %fence, %values, %zero, %buffer, %zero, %len, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.buffer, i64, !vm.ref<?>, i64, i64, i64) -> ()
    %forever = vm.const.i32 -1
    %status = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<?> ...) -> i32
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %c2 = vm.const.i64 2
    %c3 = vm.const.i64 3
    %view = vm.call.variadic @hal.buffer_view.create(%buffer, %zero, %len, %i32, %dense, [%c2, %c3]) : (!vm.ref<?>, i64, i64, i32, i32, i64 ...) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }

  vm.func @test_devices_and_buffers() {
    %n = vm.call @hal.devices.count() : () -> i32
    %c1 = vm.const.i32 1
    vm.check.eq %n, %c1, "one device" : i32
    %size = vm.const.i64 16
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %len = vm.call @hal.buffer.length(%buffer) : (!vm.ref<?>) -> i64
    vm.check.eq %len, %size, "buffer length" : i64
    %v = vm.const.i32 0x12345678
    %c4 = vm.const.i64 4
    %w4 = vm.const.i32 4
    vm.call @hal.buffer.store(%v, %buffer, %c4, %w4) : (i32, !vm.ref<?>, i64, i32) -> ()
    %sub = vm.call @hal.buffer.subspan(%buffer, %c4, %c4) : (!vm.ref<?>, i64, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %r = vm.call @hal.buffer.load(%sub, %zero, %w4) : (!vm.ref<?>, i64, i32) -> i32
    vm.check.eq %r, %v, "load through a subspan" : i32
    %w1 = vm.const.i32 1
    %b = vm.call @hal.buffer.load(%buffer, %c4, %w1) : (!vm.ref<?>, i64, i32) -> i32
    %e = vm.const.i32 0x78
    vm.check.eq %b, %e, "one byte, little-endian" : i32
    %category = vm.const.ref.rodata @category : !vm.buffer
    %pattern = vm.const.ref.rodata @pattern : !vm.buffer
    %ok, %match = vm.call @hal.device.query.i64(%device, %category, %pattern) : (!vm.ref<?>, !vm.buffer, !vm.buffer) -> (i32, i64)
    vm.check.eq %ok, %c1, "hal.device.id is a known key" : i32
    %one = vm.const.i64 1
    vm.check.eq %match, %one, "the device matches local-*" : i64
    vm.return
  }
  vm.export @test_devices_and_buffers

  vm.func @test_buffer_views() {
    %size = vm.const.i64 24
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %view = vm.call @view_of_values(%device, %buffer) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    %rank = vm.call @hal.buffer_view.rank(%view) : (!vm.ref<?>) -> i32
    %c2 = vm.const.i32 2
    vm.check.eq %rank, %c2, "rank" : i32
    %c1 = vm.const.i32 1
    %d1 = vm.call @hal.buffer_view.dim(%view, %c1) : (!vm.ref<?>, i32) -> i64
    %c3 = vm.const.i64 3
    vm.check.eq %d1, %c3, "dim 1" : i64
    %et = vm.call @hal.buffer_view.element_type(%view) : (!vm.ref<?>) -> i32
    %i32 = vm.const.i32 268435488
    vm.check.eq %et, %i32, "element type i32 (IREE's 0x10000020)" : i32
    %msg = vm.const.ref.rodata @msg : !vm.buffer
    %dense = vm.const.i32 1
    %e2 = vm.const.i64 2
    vm.call.variadic @hal.buffer_view.assert(%view, %msg, %i32, %dense, [%e2, %c3]) : (!vm.ref<?>, !vm.buffer, i32, i32, i64 ...) -> ()
    // Byte 12 is element [1][0] = 4.
    %c12 = vm.const.i64 12
    %w4 = vm.const.i32 4
    %v = vm.call @hal.buffer.load(%buffer, %c12, %w4) : (!vm.ref<?>, i64, i32) -> i32
    %c4 = vm.const.i32 4
    vm.check.eq %v, %c4, "element [1][0]" : i32
    vm.return
  }
  vm.export @test_buffer_views

  // Fill, then copy, then a command buffer fill, chained by fences.
  vm.func @test_queue_chain() {
    %size = vm.const.i64 16
    %usage = vm.const.i32 50331651
    %device, %a = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %device2, %b = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %f1 = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %f2 = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %f3 = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %pattern = vm.const.i64 0x2A
    %w1 = vm.const.i32 1
    vm.call @hal.device.queue.fill(%device, %any, %null, %f1, %a, %zero, %size, %pattern, %w1, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, i64, i64, i32, i64) -> ()
    vm.call @hal.device.queue.copy(%device, %any, %f1, %f2, %a, %zero, %b, %zero, %size, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, !vm.ref<?>, i64, i64, i64) -> ()
    %one_shot = vm.const.i32 1
    %transfer = vm.const.i32 1
    %c0 = vm.const.i32 0
    %cb = vm.call @hal.command_buffer.create(%device, %one_shot, %transfer, %any, %c0) : (!vm.ref<?>, i32, i32, i64, i32) -> !vm.ref<?>
    %c8 = vm.const.i64 8
    %c4 = vm.const.i64 4
    %p2 = vm.const.i64 0x07
    vm.call @hal.command_buffer.fill_buffer(%cb, %b, %c8, %c4, %c0, %p2, %w1, %zero) : (!vm.ref<?>, !vm.ref<?>, i64, i64, i32, i64, i32, i64) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @hal.device.queue.execute(%device, %any, %f2, %f3, %cb, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%f3]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.check.eq %s, %c0, "await status" : i32
    %w4 = vm.const.i32 4
    %x = vm.call @hal.buffer.load(%b, %zero, %w4) : (!vm.ref<?>, i64, i32) -> i32
    %ex = vm.const.i32 0x2A2A2A2A
    vm.check.eq %x, %ex, "copied fill" : i32
    %y = vm.call @hal.buffer.load(%b, %c8, %w4) : (!vm.ref<?>, i64, i32) -> i32
    %ey = vm.const.i32 0x07070707
    vm.check.eq %y, %ey, "command buffer fill" : i32
    vm.return
  }
  vm.export @test_queue_chain

  vm.func @test_await_timeout() {
    %c0 = vm.const.i32 0
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %never = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %poll = vm.call.variadic @hal.fence.await(%c0, %zero, [%never]) : (i32, i64, !vm.ref<?> ...) -> i32
    %deadline_exceeded = vm.const.i32 4
    vm.check.eq %poll, %deadline_exceeded, "a poll of an unsignalled fence" : i32
    %ms = vm.const.i32 5
    %timed = vm.call.variadic @hal.fence.await(%ms, %zero, [%never]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.check.eq %timed, %deadline_exceeded, "a 5 ms wait" : i32
    %q = vm.call @hal.fence.query(%never) : (!vm.ref<?>) -> i32
    %deferred = vm.const.i32 17
    vm.check.eq %q, %deferred, "still pending" : i32
    vm.return
  }
  vm.export @test_await_timeout

  // Each of 1,000 concurrent invocations submits work and suspends on its
  // fence (run with --invocations=1000 on one loop thread).
  vm.func @test_async_round_trip() {
    %size = vm.const.i64 64
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %pattern = vm.const.i64 0x01020304
    %w4 = vm.const.i32 4
    vm.call @hal.device.queue.fill(%device, %any, %null, %fence, %buffer, %zero, %size, %pattern, %w4, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, i64, i64, i32, i64) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<?> ...) -> i32
    %c0 = vm.const.i32 0
    vm.check.eq %s, %c0, "await status" : i32
    %c60 = vm.const.i64 60
    %v = vm.call @hal.buffer.load(%buffer, %c60, %w4) : (!vm.ref<?>, i64, i32) -> i32
    %e = vm.const.i32 0x01020304
    vm.check.eq %v, %e, "the work finished before the resume" : i32
    vm.return
  }
  vm.export @test_async_round_trip

  vm.func @test_local_sync() {
    vm.call @test_queue_chain() : () -> ()
    vm.return
  }
  vm.export @test_local_sync

  vm.func @test_check_passes() {
    %size = vm.const.i64 24
    %usage = vm.const.i32 50331651
    %device, %b1 = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %device2, %b2 = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %v1 = vm.call @view_of_values(%device, %b1) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    %v2 = vm.call @view_of_values(%device, %b2) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    vm.call @check.expect_eq(%device, %v1, %v2) : (!vm.ref<?>, !vm.ref<?>, !vm.ref<?>) -> ()
    vm.return
  }
  vm.export @test_check_passes

  vm.func @fail_check_eq() {
    %size = vm.const.i64 24
    %usage = vm.const.i32 50331651
    %device, %b1 = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %device2, %b2 = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %v1 = vm.call @view_of_values(%device, %b1) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    %v2 = vm.call @view_of_values(%device, %b2) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    %v = vm.const.i32 9
    %c12 = vm.const.i64 12
    %w4 = vm.const.i32 4
    vm.call @hal.buffer.store(%v, %b2, %c12, %w4) : (i32, !vm.ref<?>, i64, i32) -> ()
    vm.call @check.expect_eq(%device, %v1, %v2) : (!vm.ref<?>, !vm.ref<?>, !vm.ref<?>) -> ()
    vm.return
  }
  vm.export @fail_check_eq

  vm.func @fail_load_out_of_range() {
    %size = vm.const.i64 16
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %c14 = vm.const.i64 14
    %w4 = vm.const.i32 4
    %r = vm.call @hal.buffer.load(%buffer, %c14, %w4) : (!vm.ref<?>, i64, i32) -> i32
    vm.return
  }
  vm.export @fail_load_out_of_range

  vm.func @fail_use_after_dealloca() {
    %size = vm.const.i64 16
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.dealloca(%device, %any, %null, %fence, %buffer, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<?> ...) -> i32
    %w4 = vm.const.i32 4
    %r = vm.call @hal.buffer.load(%buffer, %zero, %w4) : (!vm.ref<?>, i64, i32) -> i32
    vm.return
  }
  vm.export @fail_use_after_dealloca

  // Queued work that fails (its buffer was deallocated by the operation it
  // waited on) fails its fence; the await reports the work's error.
  vm.func @fail_awaited_work_failed() {
    %size = vm.const.i64 16
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %gate = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %f1 = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %f2 = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.dealloca(%device, %any, %gate, %f1, %buffer, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %pattern = vm.const.i64 1
    %w1 = vm.const.i32 1
    vm.call @hal.device.queue.fill(%device, %any, %f1, %f2, %buffer, %zero, %size, %pattern, %w1, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, i64, i64, i32, i64) -> ()
    vm.call @hal.fence.signal(%gate) : (!vm.ref<?>) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%f2]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.return
  }
  vm.export @fail_awaited_work_failed

  vm.func @fail_fill_without_transfer_usage() {
    %size = vm.const.i64 16
    %mapping_only = vm.const.i32 50331648
    %device, %buffer = vm.call @buffer(%size, %mapping_only) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %pattern = vm.const.i64 1
    %w1 = vm.const.i32 1
    vm.call @hal.device.queue.fill(%device, %any, %null, %null, %buffer, %zero, %size, %pattern, %w1, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, i64, i64, i32, i64) -> ()
    vm.return
  }
  vm.export @fail_fill_without_transfer_usage

  vm.func @fail_view_assert() {
    %size = vm.const.i64 24
    %usage = vm.const.i32 50331651
    %device, %buffer = vm.call @buffer(%size, %usage) : (i64, i32) -> (!vm.ref<?>, !vm.ref<?>)
    %view = vm.call @view_of_values(%device, %buffer) : (!vm.ref<?>, !vm.ref<?>) -> !vm.ref<?>
    %msg = vm.const.ref.rodata @msg : !vm.buffer
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %c2 = vm.const.i64 2
    %c4 = vm.const.i64 4
    vm.call.variadic @hal.buffer_view.assert(%view, %msg, %i32, %dense, [%c2, %c4]) : (!vm.ref<?>, !vm.buffer, i32, i32, i64 ...) -> ()
    vm.return
  }
  vm.export @fail_view_assert
}
