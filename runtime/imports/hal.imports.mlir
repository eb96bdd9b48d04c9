// Declarations of the functions exported by Kiln's `hal` runtime module.
//
// Names, argument order and types are IREE's HAL module interface, so a
// program that IREE's compiler emits against `hal` links against Kiln's
// module unchanged. A program imports a function as `@hal.<name>`; the
// `--vm-import-declarations` pass of vm-opt inserts any `vm.import` that a
// program calls but does not declare from this file, and vm-translate rejects
// an import of `hal.*` whose signature differs from the one here.
//
// Numeric arguments use IREE's encodings: element types, encoding types,
// memory types, buffer usage bits, command categories and fence flags.
vm.module @hal {

// ---- Files (experimental in IREE) -------------------------------------------

// A file whose contents are `length` bytes of `buffer` from `offset`; queue
// reads and writes can then use it.
vm.import private @ex.file.from_memory(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64, %access : i32,
  %buffer : !vm.buffer, %offset : i64, %length : i64, %flags : i32
) -> !vm.ref<!hal.file>

// ---- Allocators ---------------------------------------------------------------

// Picks one (device, queue affinity) pair out of the candidates for memory of
// the given types and usage.
vm.import private @allocator.select(
  %memory_types : i32, %buffer_usage : i32, %flags : i64,
  %from : tuple<!vm.ref<!hal.device>, i64> ...
) -> (!vm.ref<!hal.device>, i64) attributes {nosideeffects}

// A new buffer of at least `allocation_size` bytes.
vm.import private @allocator.allocate(
  %allocator : !vm.ref<!hal.allocator>, %queue_affinity : i64,
  %memory_types : i32, %buffer_usage : i32, %allocation_size : i64
) -> !vm.ref<!hal.buffer>

// Wraps host bytes as a device buffer; with `try` set, returns null instead of
// failing when the memory cannot be used as asked.
vm.import private @allocator.import(
  %allocator : !vm.ref<!hal.allocator>, %try : i32, %queue_affinity : i64,
  %memory_types : i32, %buffer_usage : i32, %source : !vm.buffer,
  %offset : i64, %length : i64
) -> !vm.ref<!hal.buffer>

// ---- Buffers --------------------------------------------------------------------

// Fails with `message` unless the buffer is at least `minimum_length` bytes
// and compatible with the allocator, memory types and usage.
vm.import private @buffer.assert(
  %buffer : !vm.ref<!hal.buffer>, %message : !vm.buffer,
  %allocator : !vm.ref<!hal.allocator>, %minimum_length : i64,
  %memory_types : i32, %buffer_usage : i32
)

// Ownership of the underlying allocation: take a share, give one up (1 when
// it was the last), or ask whether the caller holds the only one.
vm.import private @buffer.allocation.preserve(%buffer : !vm.ref<!hal.buffer>)
vm.import private @buffer.allocation.discard(%buffer : !vm.ref<!hal.buffer>) -> i32
vm.import private @buffer.allocation.is_terminal(%buffer : !vm.ref<!hal.buffer>) -> i32

// A view of `length` bytes of the buffer from `source_offset`.
vm.import private @buffer.subspan(
  %source_buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %length : i64
) -> !vm.ref<!hal.buffer> attributes {nosideeffects}

// The buffer's byte length.
vm.import private @buffer.length(%buffer : !vm.ref<!hal.buffer>) -> i64
    attributes {nosideeffects}

// Reads or writes a 1, 2 or 4 byte value at a byte offset.
vm.import private @buffer.load(
  %source_buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %length : i32
) -> i32
vm.import private @buffer.store(
  %value : i32, %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64,
  %length : i32
)

// ---- Buffer views -----------------------------------------------------------------

// A shaped, typed view of bytes of a buffer.
vm.import private @buffer_view.create(
  %buffer : !vm.ref<!hal.buffer>, %source_offset : i64, %source_length : i64,
  %element_type : i32, %encoding_type : i32, %shape : i64 ...
) -> !vm.ref<!hal.buffer_view> attributes {nosideeffects}

// Fails with `message` unless the view has this element type, encoding and
// shape.
vm.import private @buffer_view.assert(
  %buffer_view : !vm.ref<!hal.buffer_view>, %message : !vm.buffer,
  %element_type : i32, %encoding_type : i32, %shape : i64 ...
)

// Accessors.
vm.import private @buffer_view.buffer(%buffer_view : !vm.ref<!hal.buffer_view>)
    -> !vm.ref<!hal.buffer> attributes {nosideeffects}
vm.import private @buffer_view.element_type(%buffer_view : !vm.ref<!hal.buffer_view>)
    -> i32 attributes {nosideeffects}
vm.import private @buffer_view.encoding_type(%buffer_view : !vm.ref<!hal.buffer_view>)
    -> i32 attributes {nosideeffects}
vm.import private @buffer_view.rank(%buffer_view : !vm.ref<!hal.buffer_view>)
    -> i32 attributes {nosideeffects}
vm.import private @buffer_view.dim(
  %buffer_view : !vm.ref<!hal.buffer_view>, %index : i32
) -> i64 attributes {nosideeffects}

// Prints the views under a key (a debugging aid).
vm.import private @buffer_view.trace(
  %key : !vm.buffer, %operands : !vm.ref<!hal.buffer_view> ...
)

// ---- Channels (collectives) ---------------------------------------------------------

vm.import private @channel.create(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64, %flags : i64,
  %id : !vm.buffer, %group : !vm.buffer, %rank : i32, %count : i32
) -> !vm.ref<!hal.channel> attributes {nosideeffects}
vm.import private @channel.split(
  %channel : !vm.ref<!hal.channel>, %color : i32, %key : i32, %flags : i64
) -> !vm.ref<!hal.channel> attributes {nosideeffects}
vm.import private @channel.rank_and_count(%channel : !vm.ref<!hal.channel>)
    -> (i32, i32) attributes {nosideeffects}

// ---- Command buffers ------------------------------------------------------------------

vm.import private @command_buffer.create(
  %device : !vm.ref<!hal.device>, %modes : i32, %command_categories : i32,
  %queue_affinity : i64, %binding_capacity : i32
) -> !vm.ref<!hal.command_buffer> attributes {minimum_version = 6 : i32}
vm.import private @command_buffer.finalize(
  %command_buffer : !vm.ref<!hal.command_buffer>
)
vm.import private @command_buffer.begin_debug_group(
  %command_buffer : !vm.ref<!hal.command_buffer>, %label : !vm.buffer
)
vm.import private @command_buffer.end_debug_group(
  %command_buffer : !vm.ref<!hal.command_buffer>
)
vm.import private @command_buffer.execution_barrier(
  %command_buffer : !vm.ref<!hal.command_buffer>, %source_stage_mask : i32,
  %target_stage_mask : i32, %flags : i64
)
vm.import private @command_buffer.advise_buffer(
  %command_buffer : !vm.ref<!hal.command_buffer>,
  %buffer : !vm.ref<!hal.buffer>, %flags : i64, %arg0 : i64, %arg1 : i64,
  %buffer_slot : i32
)
// A 1, 2 or 4 byte `pattern` repeated over the target range.
vm.import private @command_buffer.fill_buffer(
  %command_buffer : !vm.ref<!hal.command_buffer>,
  %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64, %length : i64,
  %target_buffer_slot : i32, %pattern : i64, %pattern_length : i32,
  %flags : i64
)
// Host bytes copied into the target when the command runs.
vm.import private @command_buffer.update_buffer(
  %command_buffer : !vm.ref<!hal.command_buffer>, %source_buffer : !vm.buffer,
  %source_offset : i64, %target_buffer : !vm.ref<!hal.buffer>,
  %target_offset : i64, %length : i64, %target_buffer_slot : i32,
  %flags : i64
)
vm.import private @command_buffer.copy_buffer(
  %command_buffer : !vm.ref<!hal.command_buffer>, %source_buffer_slot : i32,
  %target_buffer_slot : i32, %source_buffer : !vm.ref<!hal.buffer>,
  %source_offset : i64, %target_buffer : !vm.ref<!hal.buffer>,
  %target_offset : i64, %length : i64, %flags : i64
)
vm.import private @command_buffer.collective(
  %command_buffer : !vm.ref<!hal.command_buffer>,
  %channel : !vm.ref<!hal.channel>, %op : i32, %param : i32,
  %send_buffer_slot : i32, %recv_buffer_slot : i32,
  %send_buffer : !vm.ref<!hal.buffer>, %recv_buffer : !vm.ref<!hal.buffer>,
  %send_offset : i64, %send_length : i64, %recv_offset : i64,
  %recv_length : i64, %element_count : i64
)
// Bindings are (reserved, slot, buffer, offset, length) tuples.
vm.import private @command_buffer.dispatch(
  %command_buffer : !vm.ref<!hal.command_buffer>,
  %executable : !vm.ref<!hal.executable>, %function_id : i64,
  %workgroup_x : i32, %workgroup_y : i32, %workgroup_z : i32, %flags : i64,
  %constants : i32 ...,
  %bindings : tuple<i32, i32, !vm.ref<!hal.buffer>, i64, i64> ...
) attributes {minimum_version = 7 : i32}
vm.import private @command_buffer.dispatch.indirect(
  %command_buffer : !vm.ref<!hal.command_buffer>,
  %executable : !vm.ref<!hal.executable>, %function_id : i64,
  %workgroups_buffer_slot : i32, %workgroups_buffer : !vm.ref<!hal.buffer>,
  %workgroups_offset : i64, %flags : i64, %constants : i32 ...,
  %bindings : tuple<i32, i32, !vm.ref<!hal.buffer>, i64, i64> ...
) attributes {minimum_version = 7 : i32}

// ---- Devices -------------------------------------------------------------------------

vm.import private @device.allocator(%device : !vm.ref<!hal.device>)
    -> !vm.ref<!hal.allocator> attributes {nosideeffects}
// (found, value) for a configuration key of a category.
vm.import private @device.query.i64(
  %device : !vm.ref<!hal.device>, %category : !vm.buffer, %key : !vm.buffer
) -> (i32, i64) attributes {nosideeffects}

// Queue operations: each waits for `wait_fence`, does its work in queue
// order, then signals `signal_fence`.
vm.import private @device.queue.alloca(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %pool : i64, %memory_types : i32, %buffer_usage : i32,
  %allocation_size : i64, %flags : i64
) -> !vm.ref<!hal.buffer>
vm.import private @device.queue.dealloca(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %buffer : !vm.ref<!hal.buffer>, %flags : i64
)
vm.import private @device.queue.fill(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64, %length : i64,
  %pattern : i64, %pattern_length : i32, %flags : i64
)
vm.import private @device.queue.update(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %source_buffer : !vm.buffer, %source_offset : i64,
  %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64, %length : i64,
  %flags : i64
)
vm.import private @device.queue.copy(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %source_buffer : !vm.ref<!hal.buffer>, %source_offset : i64,
  %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64, %length : i64,
  %flags : i64
)
vm.import private @device.queue.read(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %source_file : !vm.ref<!hal.file>, %source_offset : i64,
  %target_buffer : !vm.ref<!hal.buffer>, %target_offset : i64, %length : i64,
  %flags : i64
)
vm.import private @device.queue.write(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %source_buffer : !vm.ref<!hal.buffer>, %source_offset : i64,
  %target_file : !vm.ref<!hal.file>, %target_offset : i64, %length : i64,
  %flags : i64
)
vm.import private @device.queue.barrier(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %flags : i64
)
vm.import private @device.queue.execute(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %command_buffer : !vm.ref<!hal.command_buffer>, %flags : i64
)
// The binding table holds (buffer, offset, length) tuples.
vm.import private @device.queue.execute.indirect(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>, %signal_fence : !vm.ref<!hal.fence>,
  %command_buffer : !vm.ref<!hal.command_buffer>, %flags : i64,
  %binding_table : tuple<!vm.ref<!hal.buffer>, i64, i64> ...
)
vm.import private @device.queue.flush(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64
)

// The devices the module was created with.
vm.import private @devices.count() -> i32 attributes {nosideeffects}
vm.import private @devices.get(%index : i32) -> !vm.ref<!hal.device>
    attributes {nosideeffects}

// ---- Executables ------------------------------------------------------------------------

vm.import private @executable.create(
  %device : !vm.ref<!hal.device>, %queue_affinity : i64,
  %executable_format : !vm.buffer, %executable_data : !vm.buffer,
  %constants : !vm.buffer
) -> !vm.ref<!hal.executable> attributes {nosideeffects}
vm.import private @executable.lookup.function(
  %executable : !vm.ref<!hal.executable>, %function_name : !vm.buffer
) -> i64 attributes {minimum_version = 7 : i32, nosideeffects}

// ---- Fences -------------------------------------------------------------------------------

vm.import private @fence.create(%device : !vm.ref<!hal.device>, %flags : i64)
    -> !vm.ref<!hal.fence>
// One fence covering the timepoints of all the given ones.
vm.import private @fence.join(%flags : i64, %fences : !vm.ref<!hal.fence> ...)
    -> !vm.ref<!hal.fence> attributes {nosideeffects}
// 0 when signalled, DEFERRED's status code while pending, the failure's code
// when failed.
vm.import private @fence.query(%fence : !vm.ref<!hal.fence>) -> i32
vm.import private @fence.signal(%fence : !vm.ref<!hal.fence>)
vm.import private @fence.fail(%fence : !vm.ref<!hal.fence>, %status : i32)
// Waits until every fence is signalled or the timeout passes; suspends the
// calling invocation instead of blocking when run under a loop.
vm.import private @fence.await(
  %timeout_millis : i32, %flags : i64, %fences : !vm.ref<!hal.fence> ...
) -> i32 attributes {vm.yield}

}
