// Declarations of the functions exported by Kiln's `io_parameters` runtime
// module: IREE's io_parameters module interface (same names, argument order
// and types), so a program IREE's compiler emits against it links here
// unchanged. run-module registers the module when a program imports
// `io_parameters.*`; --parameters=[SCOPE=]PATH gives it files.
//
// Every call names its parameters by a span table:
//   key_table: one {u32 offset, u32 length} per span, into key_data;
//   key_data:  the key strings, back to back;
//   spans:     one {u64 parameter_offset, u64 buffer_offset, u64 length} per
//              span; its length / 24 is the span count.
// The scope is a string buffer (null: the default scope "").
// The work is ordered on the device queue after wait_fence and signals
// signal_fence (either may be null).
vm.module @io_parameters {

// One new buffer per span holding bytes [parameter_offset, + length) of the
// named parameter; the buffers alias the parameter file when the zero-copy
// rules allow (docs/parameters.md), else they are copies. buffer_offset is
// unused.
vm.import private @load(
  %device : !vm.ref<!hal.device>,
  %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>,
  %signal_fence : !vm.ref<!hal.fence>,
  %source_scope : !vm.buffer,
  %target_queue_affinity : i64,
  %target_memory_type : i32,
  %target_buffer_usage : i32,
  %key_table : !vm.buffer,
  %key_data : !vm.buffer,
  %spans : !vm.buffer
) -> !vm.list<!vm.ref<!hal.buffer>>

// Copies each span of a parameter into target_buffer at buffer_offset.
vm.import private @gather(
  %device : !vm.ref<!hal.device>,
  %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>,
  %signal_fence : !vm.ref<!hal.fence>,
  %source_scope : !vm.buffer,
  %target_buffer : !vm.ref<!hal.buffer>,
  %key_table : !vm.buffer,
  %key_data : !vm.buffer,
  %spans : !vm.buffer
)

// Copies each span of source_buffer (from buffer_offset) into a parameter;
// the parameter must be writable (in memory, or a file opened writable).
vm.import private @scatter(
  %device : !vm.ref<!hal.device>,
  %queue_affinity : i64,
  %wait_fence : !vm.ref<!hal.fence>,
  %signal_fence : !vm.ref<!hal.fence>,
  %source_buffer : !vm.ref<!hal.buffer>,
  %target_scope : !vm.buffer,
  %key_table : !vm.buffer,
  %key_data : !vm.buffer,
  %spans : !vm.buffer
)

}
