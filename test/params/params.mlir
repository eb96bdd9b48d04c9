// RUN: vm-translate --vm-to-bytecode %s -o /dev/null
// RUN: vm-translate --vm-to-c %s -o /dev/null
//
// A vm program that loads named parameters from the scope "model" through
// the io_parameters module, as IREE's compiler emits the calls, and uses
// them. run_params_e2e.py runs it in both forms (bytecode and C) against the
// same parameters stored as safetensors, GGUF and IRPA:
//   w: i32 [1, 2, 3, 4, 5, 6] (2x3)   b: i32 [10, 20]
// Numeric constants are IREE's: loads use what IREE's compiler emits for
// constant parameters, memory type 48 (device local) and buffer usage
// 527363 = transfer | dispatch storage | sharing immutable (the buffers
// alias the file); the gather target is memory type 70 (host local), usage
// 50331651 = transfer | mapping.
vm.module @params {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<!hal.device>
  vm.import private @hal.device.allocator(%device : !vm.ref<!hal.device>) -> !vm.ref<!hal.allocator>
  vm.import private @hal.allocator.allocate(%allocator : !vm.ref<!hal.allocator>, %queue_affinity : i64, %memory_types : i32, %buffer_usage : i32, %allocation_size : i64) -> !vm.ref<!hal.buffer>
  vm.import private @hal.buffer.load(%source_buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %length : i32) -> i32
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %source_length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<!hal.buffer_view>
  vm.import private @hal.fence.create(%device : !vm.ref<!hal.device>, %flags : i64) -> !vm.ref<!hal.fence>
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...) -> i32 attributes {vm.yield}
  vm.import private @io_parameters.load(%device : !vm.ref<!hal.device>, %queue_affinity : i64, %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>, %source_scope : !vm.buffer, %target_queue_affinity : i64, %target_memory_type : i32, %target_buffer_usage : i32, %key_table : !vm.buffer, %key_data : !vm.buffer, %spans : !vm.buffer) -> !vm.list<!vm.ref<!hal.buffer>>
  vm.import private @io_parameters.gather(%device : !vm.ref<!hal.device>, %queue_affinity : i64, %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>, %source_scope : !vm.buffer, %target_buffer : !vm.ref<!hal.buffer>, %key_table : !vm.buffer, %key_data : !vm.buffer, %spans : !vm.buffer)

  // "model"
  vm.rodata private @scope dense<[109, 111, 100, 101, 108]> : tensor<5xi8>
  // "nope"
  vm.rodata private @other_scope dense<[110, 111, 112, 101]> : tensor<4xi8>
  // Keys "w" (key_data [0, 1)) and "b" ([1, 2)), and "x" for the missing one.
  vm.rodata private @key_table dense<[0, 1, 1, 1]> : tensor<4xi32>
  vm.rodata private @key_data dense<[119, 98]> : tensor<2xi8>
  vm.rodata private @missing_key_data dense<[120, 98]> : tensor<2xi8>
  // Spans {parameter_offset, buffer_offset, length}: all of w, all of b.
  vm.rodata private @spans dense<[0, 0, 24, 0, 0, 8]> : tensor<6xi64>
  // Gather: w[1..5] to bytes [0, 16) and b[1] to [16, 20) of one buffer.
  vm.rodata private @gather_spans dense<[4, 0, 16, 4, 16, 4]> : tensor<6xi64>
  // A span past the end of w.
  vm.rodata private @bad_spans dense<[8, 0, 24, 0, 0, 8]> : tensor<6xi64>

  // Loads spans of w and b from `scope`, waits for the load.
  vm.func private @load(%scope : !vm.buffer, %key_data : !vm.buffer, %spans : !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %zero = vm.const.i64 0
    %any = vm.const.i64 -1
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<!hal.device>
    %null = vm.const.ref.zero : !vm.ref<!hal.fence>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>
    %device_local = vm.const.i32 48
    %usage = vm.const.i32 527363
    %table = vm.const.ref.rodata @key_table : !vm.buffer
    %list = vm.call @io_parameters.load(%device, %any, %null, %fence, %scope, %any, %device_local, %usage, %table, %key_data, %spans) : (!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, !vm.buffer, i64, i32, i32, !vm.buffer, !vm.buffer, !vm.buffer) -> !vm.list<!vm.ref<!hal.buffer>>
    %forever = vm.const.i32 -1
    %status = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32
    %w = vm.list.get.ref %list, %c0 : (!vm.list<!vm.ref<!hal.buffer>>, i32) -> !vm.ref<!hal.buffer>
    %b = vm.list.get.ref %list, %c1 : (!vm.list<!vm.ref<!hal.buffer>>, i32) -> !vm.ref<!hal.buffer>
    vm.return %w, %b : !vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>
  }

  vm.func private @element(%buffer : !vm.ref<!hal.buffer>, %index : i64) -> i32 {
    %c4 = vm.const.i64 4
    %four = vm.const.i32 4
    %offset = vm.mul.i64 %index, %c4 : i64
    %v = vm.call @hal.buffer.load(%buffer, %offset, %four) : (!vm.ref<!hal.buffer>, i64, i32) -> i32
    vm.return %v : i32
  }

  // sum_i w[i] * (i + 1) + b[0] + b[1] = 91 + 30.
  vm.export @weighted_sum
  vm.func @weighted_sum() -> i32 {
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @spans : !vm.buffer
    %w, %b = vm.call @load(%scope, %keys, %spans) : (!vm.buffer, !vm.buffer, !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>)
    %zero = vm.const.i64 0
    %one = vm.const.i64 1
    %six = vm.const.i64 6
    %b0 = vm.call @element(%b, %zero) : (!vm.ref<!hal.buffer>, i64) -> i32
    %b1 = vm.call @element(%b, %one) : (!vm.ref<!hal.buffer>, i64) -> i32
    %bias = vm.add.i32 %b0, %b1 : i32
    vm.br ^loop(%zero, %bias : i64, i32)
  ^loop(%i : i64, %acc : i32):
    %done = vm.cmp.eq.i64 %i, %six : i64
    vm.cond_br %done, ^exit(%acc : i32), ^body(%i, %acc : i64, i32)
  ^body(%j : i64, %sum : i32):
    %v = vm.call @element(%w, %j) : (!vm.ref<!hal.buffer>, i64) -> i32
    %next = vm.add.i64 %j, %one : i64
    %factor = vm.trunc.i64.i32 %next : i64 -> i32
    %term = vm.mul.i32 %v, %factor : i32
    %acc2 = vm.add.i32 %sum, %term : i32
    vm.br ^loop(%next, %acc2 : i64, i32)
  ^exit(%result : i32):
    vm.return %result : i32
  }

  // w as a 2x3xi32 buffer view: run-module prints 2x3xi32=[1 2 3][4 5 6].
  vm.export @weights
  vm.func @weights() -> !vm.ref<!hal.buffer_view> {
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @spans : !vm.buffer
    %w, %b = vm.call @load(%scope, %keys, %spans) : (!vm.buffer, !vm.buffer, !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>)
    %zero = vm.const.i64 0
    %len = vm.const.i64 24
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %c2 = vm.const.i64 2
    %c3 = vm.const.i64 3
    %view = vm.call.variadic @hal.buffer_view.create(%w, %zero, %len, %i32, %dense, [%c2, %c3]) : (!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
    vm.return %view : !vm.ref<!hal.buffer_view>
  }

  // Gathers w[1..5] and b[1] into one buffer: a 5xi32 view 2 3 4 5 20.
  vm.export @gathered
  vm.func @gathered() -> !vm.ref<!hal.buffer_view> {
    %c0 = vm.const.i32 0
    %zero = vm.const.i64 0
    %any = vm.const.i64 -1
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<!hal.device>
    %allocator = vm.call @hal.device.allocator(%device) : (!vm.ref<!hal.device>) -> !vm.ref<!hal.allocator>
    %host_local = vm.const.i32 70
    %usage = vm.const.i32 50331651
    %len = vm.const.i64 20
    %buffer = vm.call @hal.allocator.allocate(%allocator, %any, %host_local, %usage, %len) : (!vm.ref<!hal.allocator>, i64, i32, i32, i64) -> !vm.ref<!hal.buffer>
    %null = vm.const.ref.zero : !vm.ref<!hal.fence>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %table = vm.const.ref.rodata @key_table : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @gather_spans : !vm.buffer
    vm.call @io_parameters.gather(%device, %any, %null, %fence, %scope, %buffer, %table, %keys, %spans) : (!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, !vm.buffer, !vm.ref<!hal.buffer>, !vm.buffer, !vm.buffer, !vm.buffer) -> ()
    %forever = vm.const.i32 -1
    %status = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %c5 = vm.const.i64 5
    %view = vm.call.variadic @hal.buffer_view.create(%buffer, %zero, %len, %i32, %dense, [%c5]) : (!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
    vm.return %view : !vm.ref<!hal.buffer_view>
  }

  vm.export @fail_missing_key
  vm.func @fail_missing_key() -> i32 {
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %keys = vm.const.ref.rodata @missing_key_data : !vm.buffer
    %spans = vm.const.ref.rodata @spans : !vm.buffer
    %w, %b = vm.call @load(%scope, %keys, %spans) : (!vm.buffer, !vm.buffer, !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>)
    %c0 = vm.const.i32 0
    vm.return %c0 : i32
  }

  vm.export @fail_missing_scope
  vm.func @fail_missing_scope() -> i32 {
    %scope = vm.const.ref.rodata @other_scope : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @spans : !vm.buffer
    %w, %b = vm.call @load(%scope, %keys, %spans) : (!vm.buffer, !vm.buffer, !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>)
    %c0 = vm.const.i32 0
    vm.return %c0 : i32
  }

  vm.export @fail_span_past_end
  vm.func @fail_span_past_end() -> i32 {
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @bad_spans : !vm.buffer
    %w, %b = vm.call @load(%scope, %keys, %spans) : (!vm.buffer, !vm.buffer, !vm.buffer) -> (!vm.ref<!hal.buffer>, !vm.ref<!hal.buffer>)
    %c0 = vm.const.i32 0
    vm.return %c0 : i32
  }
}
