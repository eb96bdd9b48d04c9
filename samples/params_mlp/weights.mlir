// The MLP's weights as buffer views, loaded from the parameter scope "mlp"
// (keys w1 4x8, b1 8, w2 8x3, b2 3, all f32) through the io_parameters
// module: run with --parameters=mlp=weights.safetensors (or the Python
// Context's parameters=). The buffers alias the file where the zero-copy
// rules allow. IREE's numbers: f32 = 553648160 (0x21000020), memory type 70
// (host local), usage 50332673 (transfer source | dispatch storage read |
// mapping scoped | persistent).
vm.module @weights {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<!hal.device>
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %source_length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<!hal.buffer_view>
  vm.import private @hal.fence.create(%device : !vm.ref<!hal.device>, %flags : i64) -> !vm.ref<!hal.fence>
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...) -> i32 attributes {vm.yield}
  vm.import private @io_parameters.load(%device : !vm.ref<!hal.device>, %queue_affinity : i64, %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>, %source_scope : !vm.buffer, %target_queue_affinity : i64, %target_memory_type : i32, %target_buffer_usage : i32, %key_table : !vm.buffer, %key_data : !vm.buffer, %spans : !vm.buffer) -> !vm.list<!vm.ref<!hal.buffer>>

  // "mlp"
  vm.rodata private @scope dense<[109, 108, 112]> : tensor<3xi8>
  // "w1b1w2b2": four keys of two bytes.
  vm.rodata private @key_data dense<[119, 49, 98, 49, 119, 50, 98, 50]> : tensor<8xi8>
  vm.rodata private @key_table dense<[0, 2, 2, 2, 4, 2, 6, 2]> : tensor<8xi32>
  // Whole parameters: 4x8, 8, 8x3 and 3 f32s.
  vm.rodata private @spans dense<[0, 0, 128, 0, 0, 32, 0, 0, 96, 0, 0, 12]> : tensor<12xi64>

  vm.func private @view(%list : !vm.list<!vm.ref<!hal.buffer>>, %index : i32, %bytes : i64, %rows : i64, %cols : i64) -> !vm.ref<!hal.buffer_view> {
    %buffer = vm.list.get.ref %list, %index : (!vm.list<!vm.ref<!hal.buffer>>, i32) -> !vm.ref<!hal.buffer>
    %zero = vm.const.i64 0
    %f32 = vm.const.i32 553648160
    %dense = vm.const.i32 1
    %matrix = vm.cmp.nz.i64 %rows : i64
    vm.cond_br %matrix, ^matrix, ^vector
  ^matrix:
    %m = vm.call.variadic @hal.buffer_view.create(%buffer, %zero, %bytes, %f32, %dense, [%rows, %cols]) : (!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
    vm.return %m : !vm.ref<!hal.buffer_view>
  ^vector:
    %v = vm.call.variadic @hal.buffer_view.create(%buffer, %zero, %bytes, %f32, %dense, [%cols]) : (!vm.ref<!hal.buffer>, i64, i64, i32, i32, i64 ...) -> !vm.ref<!hal.buffer_view>
    vm.return %v : !vm.ref<!hal.buffer_view>
  }

  vm.export @weights
  vm.func @weights() -> (!vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c3 = vm.const.i32 3
    %zero = vm.const.i64 0
    %any = vm.const.i64 -1
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<!hal.device>
    %null = vm.const.ref.zero : !vm.ref<!hal.fence>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<!hal.device>, i64) -> !vm.ref<!hal.fence>
    %host_local = vm.const.i32 70
    %usage = vm.const.i32 50332673
    %scope = vm.const.ref.rodata @scope : !vm.buffer
    %table = vm.const.ref.rodata @key_table : !vm.buffer
    %keys = vm.const.ref.rodata @key_data : !vm.buffer
    %spans = vm.const.ref.rodata @spans : !vm.buffer
    %list = vm.call @io_parameters.load(%device, %any, %null, %fence, %scope, %any, %host_local, %usage, %table, %keys, %spans) : (!vm.ref<!hal.device>, i64, !vm.ref<!hal.fence>, !vm.ref<!hal.fence>, !vm.buffer, i64, i32, i32, !vm.buffer, !vm.buffer, !vm.buffer) -> !vm.list<!vm.ref<!hal.buffer>>
    %forever = vm.const.i32 -1
    %status = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<!hal.fence> ...) -> i32
    %r4 = vm.const.i64 4
    %r8 = vm.const.i64 8
    %n3 = vm.const.i64 3
    %n8 = vm.const.i64 8
    %b128 = vm.const.i64 128
    %b32 = vm.const.i64 32
    %b96 = vm.const.i64 96
    %b12 = vm.const.i64 12
    %w1 = vm.call @view(%list, %c0, %b128, %r4, %n8) : (!vm.list<!vm.ref<!hal.buffer>>, i32, i64, i64, i64) -> !vm.ref<!hal.buffer_view>
    %b1 = vm.call @view(%list, %c1, %b32, %zero, %n8) : (!vm.list<!vm.ref<!hal.buffer>>, i32, i64, i64, i64) -> !vm.ref<!hal.buffer_view>
    %w2 = vm.call @view(%list, %c2, %b96, %r8, %n3) : (!vm.list<!vm.ref<!hal.buffer>>, i32, i64, i64, i64) -> !vm.ref<!hal.buffer_view>
    %b2 = vm.call @view(%list, %c3, %b12, %zero, %n3) : (!vm.list<!vm.ref<!hal.buffer>>, i32, i64, i64, i64) -> !vm.ref<!hal.buffer_view>
    vm.return %w1, %b1, %w2, %b2 : !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>, !vm.ref<!hal.buffer_view>
  }
}
