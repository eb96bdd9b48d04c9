// Functions that must fail cleanly: a non-zero exit, a one-line error and a
// VM stack trace, never a crash. Where docs/runtime.md fixes the status code
// the expected code is checked too.
// E2E-ARGS: fail_div_by_zero_i32 --input=7 --input=0
// E2E-ARGS: fail_null_buffer_deref --input=null
// E2E-ARGS: fail_null_list_deref --input=null
// E2E-EXPECT-ERROR: fail_buffer_load_out_of_bounds OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_buffer_store_out_of_bounds OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_buffer_copy_out_of_bounds OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_list_get_out_of_range OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_list_set_out_of_range OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_check_eq expected the answer
// E2E-EXPECT-ERROR: fail_vm_fail custom failure message
// E2E-EXPECT-ERROR: fail_unbounded_recursion RESOURCE_EXHAUSTED
// E2E-EXPECT-ERROR: fail_store_to_rodata PERMISSION_DENIED
vm.module @failures {
  vm.rodata private @ro dense<[1, 2, 3, 4]> : tensor<4xi32>

  vm.func @fail_div_by_zero_i32(%a: i32, %b: i32) -> i32 {
    %q = vm.div.i32.s %a, %b : i32
    vm.return %q : i32
  }
  vm.export @fail_div_by_zero_i32

  vm.func @fail_rem_by_zero_i64() -> i64 {
    %a = vm.const.i64 7
    %z0 = vm.const.i64.zero
    %z = vm.optimization_barrier %z0 : i64
    %r = vm.rem.i64.u %a, %z : i64
    vm.return %r : i64
  }
  vm.export @fail_rem_by_zero_i64

  vm.func @fail_buffer_load_out_of_bounds() -> i32 {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    // i32 element 4 is bytes 16..19: one past the end.
    %i40 = vm.const.i64 4
    %i4 = vm.optimization_barrier %i40 : i64
    %v = vm.buffer.load.i32 %b[%i4] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.export @fail_buffer_load_out_of_bounds

  vm.func @fail_buffer_store_out_of_bounds() {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %neg0 = vm.const.i64 -1
    %neg = vm.optimization_barrier %neg0 : i64
    %v = vm.const.i32 1
    vm.buffer.store.i32 %v, %b[%neg] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fail_buffer_store_out_of_bounds

  vm.func @fail_buffer_copy_out_of_bounds() {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %a = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %zero = vm.const.i64.zero
    %c8 = vm.const.i64 8
    vm.buffer.copy %a, %zero, %b, %c8, %c16 : !vm.buffer -> !vm.buffer
    vm.return
  }
  vm.export @fail_buffer_copy_out_of_bounds

  vm.func @fail_store_to_rodata() {
    %ro = vm.const.ref.rodata @ro : !vm.buffer
    %zero = vm.const.i64.zero
    %v = vm.const.i32 5
    vm.buffer.store.i32 %v, %ro[%zero] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @fail_store_to_rodata

  vm.func @fail_list_get_out_of_range() -> i32 {
    %c2 = vm.const.i32 2
    %l = vm.list.alloc %c2 : (i32) -> !vm.list<i32>
    vm.list.resize %l, %c2 : (!vm.list<i32>, i32)
    %i = vm.optimization_barrier %c2 : i32
    %v = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    vm.return %v : i32
  }
  vm.export @fail_list_get_out_of_range

  vm.func @fail_list_set_out_of_range() {
    %c2 = vm.const.i32 2
    %l = vm.list.alloc %c2 : (i32) -> !vm.list<!vm.buffer>
    %m1 = vm.const.i32 -1
    %i = vm.optimization_barrier %m1 : i32
    %null = vm.const.ref.zero : !vm.buffer
    vm.list.set.ref %l, %i, %null : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    vm.return
  }
  vm.export @fail_list_set_out_of_range

  vm.func @fail_null_buffer_deref(%b: !vm.buffer) -> i64 {
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @fail_null_buffer_deref

  vm.func @fail_null_list_deref(%l: !vm.list<i32>) -> i32 {
    %n = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.return %n : i32
  }
  vm.export @fail_null_list_deref

  vm.func @fail_null_ref_from_global_or_const() -> i32 {
    %null = vm.const.ref.zero : !vm.buffer
    %n = vm.optimization_barrier %null : !vm.buffer
    %zero = vm.const.i64.zero
    %v = vm.buffer.load.i32 %n[%zero] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.export @fail_null_ref_from_global_or_const

  vm.func @fail_check_eq() {
    %a0 = vm.const.i32 41
    %a = vm.optimization_barrier %a0 : i32
    %b = vm.const.i32 42
    vm.check.eq %a, %b, "expected the answer" : i32
    vm.return
  }
  vm.export @fail_check_eq

  vm.func @fail_check_nearly_eq() {
    %a0 = vm.const.f32 1.0
    %a = vm.optimization_barrier %a0 : f32
    %b = vm.const.f32 1.5
    vm.check.nearly_eq %a, %b, "not nearly equal" : f32
    vm.return
  }
  vm.export @fail_check_nearly_eq

  vm.func @fail_check_nz() {
    %z0 = vm.const.i32.zero
    %z = vm.optimization_barrier %z0 : i32
    vm.check.nz %z, "zero is not nz" : i32
    vm.return
  }
  vm.export @fail_check_nz

  vm.func @fail_vm_fail() {
    %code = vm.const.i32 3
    vm.fail %code, "custom failure message"
  }
  vm.export @fail_vm_fail

  vm.func @fail_cond_fail() {
    %one0 = vm.const.i32 1
    %one = vm.optimization_barrier %one0 : i32
    %code = vm.const.i32 9
    vm.cond_fail %one, %code, "cond_fail taken"
    vm.return
  }
  vm.export @fail_cond_fail

  vm.func private @forever(%n: i32) -> i32 {
    %one = vm.const.i32 1
    %m = vm.add.i32 %n, %one : i32
    %r = vm.call @forever(%m) : (i32) -> i32
    %s = vm.add.i32 %r, %one : i32
    vm.return %s : i32
  }

  vm.func @fail_unbounded_recursion() -> i32 {
    %zero = vm.const.i32.zero
    %r = vm.call @forever(%zero) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @fail_unbounded_recursion

  vm.func @fail_bad_ref_cast() -> i32 {
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %any = vm.cast.ref.any %b : !vm.buffer -> !vm.ref<?>
    %any2 = vm.optimization_barrier %any : !vm.ref<?>
    %l = vm.cast.any.ref %any2 : !vm.ref<?> -> !vm.list<i32>
    %n = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.return %n : i32
  }
  vm.export @fail_bad_ref_cast

  vm.func @fail_list_get_wrong_ref_type() -> i64 {
    %c1 = vm.const.i32 1
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<!vm.ref<?>>
    vm.list.resize %l, %c1 : (!vm.list<!vm.ref<?>>, i32)
    %inner = vm.list.alloc %c1 : (i32) -> !vm.list<i32>
    %iany = vm.cast.ref.any %inner : !vm.list<i32> -> !vm.ref<?>
    vm.list.set.ref %l, %c0, %iany : (!vm.list<!vm.ref<?>>, i32, !vm.ref<?>)
    %b = vm.list.get.ref %l, %c0 : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @fail_list_get_wrong_ref_type

  // An error several frames deep: the trace must name every frame.
  vm.func private @inner_fault(%b: !vm.buffer) -> i32 attributes {noinline} {
    %big = vm.const.i64 1000
    %v = vm.buffer.load.i32 %b[%big] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.func private @middle(%b: !vm.buffer) -> i32 attributes {noinline} {
    %v = vm.call @inner_fault(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.func @fail_nested_fault_trace() -> i32 {
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %v = vm.call @middle(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.export @fail_nested_fault_trace

  // The same shape left to the inliner: both helpers are inlined into the
  // export, and the trace still names them, as inlined frames.
  vm.func private @inlined_inner(%b: !vm.buffer) -> i32 {
    %big = vm.const.i64 1000
    %v = vm.buffer.load.i32 %b[%big] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.func private @inlined_middle(%b: !vm.buffer) -> i32 {
    %v = vm.call @inlined_inner(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.func @fail_inlined_fault_trace() -> i32 {
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %v = vm.call @inlined_middle(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.export @fail_inlined_fault_trace

  // A fault in a function that never suspends, called (through another)
  // from one that suspends: in the C form the two inner frames are light
  // frames above a VM frame, and the trace must still be innermost first.
  vm.func private @light_fault(%b: !vm.buffer) -> i32 attributes {noinline} {
    %big = vm.const.i64 1000
    %v = vm.buffer.load.i32 %b[%big] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.func private @light_middle(%b: !vm.buffer) -> i32 attributes {noinline} {
    %v = vm.call @light_fault(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.func @fail_light_under_suspending_frame() -> i32 {
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %b = vm.buffer.alloc %c8, %c4 : !vm.buffer
    vm.yield ^resumed
  ^resumed:
    %v = vm.call @light_middle(%b) : (!vm.buffer) -> i32
    vm.return %v : i32
  }
  vm.export @fail_light_under_suspending_frame
}
// inner_fault and middle are noinline so their frames stay in the trace.
// E2E-EXPECT-TRACE: fail_nested_fault_trace inner_fault middle fail_nested_fault_trace
// E2E-EXPECT-TRACE: fail_inlined_fault_trace inlined_inner inlined_middle fail_inlined_fault_trace
// E2E-EXPECT-TRACE: fail_light_under_suspending_frame light_fault light_middle fail_light_under_suspending_frame
