// hal executables and dispatch, end to end: kernels written in the vm
// dialect (Inputs/dispatch_kernels.mlir) are built into both executable
// formats with Kiln's own tools, handed to a host program as a file
// (--input=@FILE gives the host a !vm.buffer of its bytes), loaded with
// hal.executable.create and dispatched over the device's workers. The host
// runs in both forms too; `%native` (0/1) picks the executable format.
//
// Kernels: a .vmfb, and a shared object from emitted C.
// RUN: vm-translate --vm-to-bytecode %S/Inputs/dispatch_kernels.mlir -o %t.k.vmfb
// RUN: vm-translate --vm-to-c %S/Inputs/dispatch_kernels.mlir -o %t.k.c
// RUN: cc -std=c11 -O2 -shared -fPIC -I %kiln_src/runtime/include %t.k.c -lm -o %t.k.so
// RUN: vm-translate --vm-to-bytecode %S/Inputs/bad_kernel.mlir -o %t.bad.vmfb
// RUN: vm-translate --vm-to-bytecode %S/Inputs/constants_kernels.mlir -o %t.kc.vmfb
// RUN: vm-translate --vm-to-c %S/Inputs/constants_kernels.mlir -o %t.kc.c
// RUN: cc -std=c11 -O2 -shared -fPIC -I %kiln_src/runtime/include %t.kc.c -lm -o %t.kc.so
// Host, bytecode form, with both kernel forms and both devices.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=add_scaled --input=@%t.k.vmfb --input=0 | FileCheck %s --check-prefix=ADD
// RUN: run-module --module=%t.vmfb --function=add_scaled --input=@%t.k.so --input=1 --task-workers=2 | FileCheck %s --check-prefix=ADD
// RUN: run-module --module=%t.vmfb --function=add_scaled --input=@%t.k.so --input=1 --device=local-sync | FileCheck %s --check-prefix=ADD
// RUN: run-module --module=%t.vmfb --function=grid --input=@%t.k.vmfb --input=0 --task-workers=2 | FileCheck %s --check-prefix=GRID
// RUN: run-module --module=%t.vmfb --function=grid --input=@%t.k.so --input=1 | FileCheck %s --check-prefix=GRID
// RUN: run-module --module=%t.vmfb --function=chain --input=@%t.k.vmfb --input=0 --task-workers=2 | FileCheck %s --check-prefix=CHAIN
// RUN: run-module --module=%t.vmfb --function=chain --input=@%t.k.so --input=1 --task-workers=2 | FileCheck %s --check-prefix=CHAIN
// RUN: run-module --module=%t.vmfb --function=chain --input=@%t.k.vmfb --input=0 --device=local-sync | FileCheck %s --check-prefix=CHAIN
// RUN: not run-module --module=%t.vmfb --function=fault --input=@%t.k.so --input=1 --device=local-sync 2>&1 | FileCheck %s --check-prefix=FAULTC
// RUN: run-module --module=%t.vmfb --function=indirect --input=@%t.k.vmfb --input=0 | FileCheck %s --check-prefix=INDIRECT
// RUN: run-module --module=%t.vmfb --function=lookup --input=@%t.k.so --input=1 | FileCheck %s --check-prefix=LOOKUP
// RUN: run-module --module=%t.vmfb --function=query | FileCheck %s --check-prefix=QUERY
// RUN: run-module --module=%t.vmfb --function=executable_constants --input=@%t.kc.vmfb --input=0 --input=1 --task-workers=2 | FileCheck %s --check-prefix=CONSTANTS
// RUN: run-module --module=%t.vmfb --function=executable_constants --input=@%t.kc.so --input=1 --input=1 --task-workers=2 | FileCheck %s --check-prefix=CONSTANTS
// RUN: not run-module --module=%t.vmfb --function=executable_constants --input=@%t.kc.vmfb --input=0 --input=0 2>&1 | FileCheck %s --check-prefix=NOCONSTANTS
// RUN: not run-module --module=%t.vmfb --function=executable_constants --input=@%t.k.vmfb --input=0 --input=1 2>&1 | FileCheck %s --check-prefix=UNWANTED
// RUN: not run-module --module=%t.vmfb --function=out_of_range --input=@%t.k.vmfb --input=0 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not run-module --module=%t.vmfb --function=slot_out_of_range --input=@%t.k.vmfb --input=0 2>&1 | FileCheck %s --check-prefix=SLOT
// RUN: not run-module --module=%t.vmfb --function=fault --input=@%t.k.vmfb --input=0 --task-workers=2 2>&1 | FileCheck %s --check-prefix=FAULT
// RUN: not run-module --module=%t.vmfb --function=fault --input=@%t.k.so --input=1 2>&1 | FileCheck %s --check-prefix=FAULTC
// RUN: not run-module --module=%t.vmfb --function=lookup --input=@%t.bad.vmfb --input=0 2>&1 | FileCheck %s --check-prefix=BADKERNEL
// RUN: not run-module --module=%t.vmfb --function=lookup --input=@%t.k.c --input=1 2>&1 | FileCheck %s --check-prefix=NOTSO
// RUN: not run-module --module=%t.vmfb --function=lookup --input=@%t.k.so --input=0 2>&1 | FileCheck %s --check-prefix=NOTVMFB
// Host, C form.
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=add_scaled --input=@%t.k.vmfb --input=0 | FileCheck %s --check-prefix=ADD
// RUN: run-module --module=%t.so --function=chain --input=@%t.k.so --input=1 --task-workers=2 | FileCheck %s --check-prefix=CHAIN
// RUN: not run-module --module=%t.so --function=fault --input=@%t.k.vmfb --input=0 2>&1 | FileCheck %s --check-prefix=FAULT

// out = a * 3 + b + 1000, a = 0..7, b = 100..107.
// ADD: 8xi32=1100 1104 1108 1112 1116 1120 1124 1128
// GRID: 2x3x2xi32={{\[}}[2000 2001][2010 2011][2020 2021]]{{\[}}[2100 2101][2110 2111][2120 2121]]
// CHAIN: 4xi32=100 100 100 100
// INDIRECT: 3xi32=1 1 1
// LOOKUP: i64=2
// QUERY: i64=1
// QUERY-NEXT: i64=1
// QUERY-NEXT: i64=0
// CONSTANTS: 4xi32=42 42 42 42
// NOCONSTANTS: error: INVALID_ARGUMENT: executable requires executable-level constants (it exports __set_constants) but none were provided
// UNWANTED: error: INVALID_ARGUMENT: executable has no __set_constants export but 4 bytes of executable constants were given
// RANGE: error: OUT_OF_RANGE: command_buffer.dispatch binding 2: [0, 64) is outside the 32 byte range
// RANGE: at hal.command_buffer.dispatch
// SLOT: error: OUT_OF_RANGE: dispatch binding 0: [0, 64) is outside the 32 byte range
// FAULT: error: OUT_OF_RANGE: {{.*}}; in kernel 'fault', workgroup (2,0,0) of 4x1x1
// FAULT: at kernels.fault @{{[0-9]+}} ({{.*}}dispatch_kernels.mlir:
// FAULT-NEXT: at hal.fence.await
// FAULT: at dispatch.fault @{{[0-9]+}} ({{.*}}hal_dispatch.mlir:
// FAULTC: error: OUT_OF_RANGE: {{.*}}; in kernel 'fault', workgroup (2,0,0) of 4x1x1
// FAULTC: at kernels.fault
// FAULTC-NEXT: at hal.fence.await
// FAULTC: at dispatch.fault
// BADKERNEL: error: INVALID_ARGUMENT: kernel 'wrong' has signature 0i_i; the kernel ABI requires 0rrriiiiiiiii_v
// BADKERNEL: at hal.executable.create
// NOTSO: error: INVALID_ARGUMENT: executable data ({{[0-9]+}} bytes) is not an ELF shared object
// NOTVMFB: error: {{.*}}loading a 'kiln-vm-bytecode' executable
vm.module @dispatch {
  vm.import private @hal.devices.get(%index : i32) -> !vm.ref<?>
  vm.import private @hal.device.allocator(%device : !vm.ref<?>) -> !vm.ref<?>
  vm.import private @hal.device.query.i64(%device : !vm.ref<?>, %category : !vm.buffer, %key : !vm.buffer) -> (i32, i64)
  vm.import private @hal.allocator.allocate(%allocator : !vm.ref<?>, %queue_affinity : i64, %memory_types : i32, %buffer_usage : i32, %allocation_size : i64) -> !vm.ref<?>
  vm.import private @hal.buffer_view.create(%buffer : !vm.ref<?>, %offset : i64, %length : i64, %element_type : i32, %encoding_type : i32, %shape : i64 ...) -> !vm.ref<?>
  vm.import private @hal.executable.create(%device : !vm.ref<?>, %queue_affinity : i64, %executable_format : !vm.buffer, %executable_data : !vm.buffer, %constants : !vm.buffer) -> !vm.ref<?>
  vm.import private @hal.executable.lookup.function(%executable : !vm.ref<?>, %function_name : !vm.buffer) -> i64
  vm.import private @hal.fence.create(%device : !vm.ref<?>, %flags : i64) -> !vm.ref<?>
  vm.import private @hal.fence.await(%timeout_millis : i32, %flags : i64, %fences : !vm.ref<?> ...) -> i32 attributes {vm.yield}
  vm.import private @hal.device.queue.execute(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %command_buffer : !vm.ref<?>, %flags : i64)
  vm.import private @hal.device.queue.execute.indirect(%device : !vm.ref<?>, %queue_affinity : i64, %wait_fence : !vm.ref<?>, %signal_fence : !vm.ref<?>, %command_buffer : !vm.ref<?>, %flags : i64, %binding_table : tuple<!vm.ref<?>, i64, i64> ...)
  vm.import private @hal.command_buffer.create(%device : !vm.ref<?>, %modes : i32, %command_categories : i32, %queue_affinity : i64, %binding_capacity : i32) -> !vm.ref<?>
  vm.import private @hal.command_buffer.update_buffer(%command_buffer : !vm.ref<?>, %source_buffer : !vm.buffer, %source_offset : i64, %target_buffer : !vm.ref<?>, %target_offset : i64, %length : i64, %target_buffer_slot : i32, %flags : i64)
  vm.import private @hal.command_buffer.execution_barrier(%command_buffer : !vm.ref<?>, %source_stage_mask : i32, %target_stage_mask : i32, %flags : i64)
  vm.import private @hal.command_buffer.dispatch(%command_buffer : !vm.ref<?>, %executable : !vm.ref<?>, %function_id : i64, %workgroup_x : i32, %workgroup_y : i32, %workgroup_z : i32, %flags : i64, %constants : i32 ..., %bindings : tuple<i32, i32, !vm.ref<?>, i64, i64> ...)
  vm.import private @hal.command_buffer.dispatch.indirect(%command_buffer : !vm.ref<?>, %executable : !vm.ref<?>, %function_id : i64, %workgroups_buffer_slot : i32, %workgroups_buffer : !vm.ref<?>, %workgroups_offset : i64, %flags : i64, %constants : i32 ..., %bindings : tuple<i32, i32, !vm.ref<?>, i64, i64> ...)
  vm.import private @hal.command_buffer.finalize(%command_buffer : !vm.ref<?>)

  // "kiln-vm-bytecode", "kiln-vm-c-so", "hal.executable.format", "kiln-vm-*",
  // "vmvx-bytecode-fb", "add_scaled", "grid", "increment".
  vm.rodata private @format_bytecode dense<[107, 105, 108, 110, 45, 118, 109, 45, 98, 121, 116, 101, 99, 111, 100, 101]> : tensor<16xi8>
  vm.rodata private @format_c dense<[107, 105, 108, 110, 45, 118, 109, 45, 99, 45, 115, 111]> : tensor<12xi8>
  vm.rodata private @category dense<[104, 97, 108, 46, 101, 120, 101, 99, 117, 116, 97, 98, 108, 101, 46, 102, 111, 114, 109, 97, 116]> : tensor<21xi8>
  vm.rodata private @any_kiln dense<[107, 105, 108, 110, 45, 118, 109, 45, 42]> : tensor<9xi8>
  vm.rodata private @vmvx dense<[118, 109, 118, 120, 45, 98, 121, 116, 101, 99, 111, 100, 101, 45, 102, 98]> : tensor<16xi8>
  vm.rodata private @name_grid dense<[103, 114, 105, 100]> : tensor<4xi8>
  vm.rodata private @a_values dense<[0, 1, 2, 3, 4, 5, 6, 7]> : tensor<8xi32>
  vm.rodata private @b_values dense<[100, 101, 102, 103, 104, 105, 106, 107]> : tensor<8xi32>
  vm.rodata private @counts dense<[3, 1, 1]> : tensor<3xi32>
  vm.rodata private @constant_values dense<[42]> : tensor<1xi32>

  vm.func private @device() -> !vm.ref<?> {
    %c0 = vm.const.i32 0
    %device = vm.call @hal.devices.get(%c0) : (i32) -> !vm.ref<?>
    vm.return %device : !vm.ref<?>
  }

  // A host-local buffer usable for transfers, dispatch storage (and
  // indirect parameters) and mapping.
  vm.func private @alloc(%device : !vm.ref<?>, %size : i64) -> !vm.ref<?> {
    %allocator = vm.call @hal.device.allocator(%device) : (!vm.ref<?>) -> !vm.ref<?>
    %any = vm.const.i64 -1
    %host_local = vm.const.i32 70
    %usage = vm.const.i32 50334979
    %buffer = vm.call @hal.allocator.allocate(%allocator, %any, %host_local, %usage, %size) : (!vm.ref<?>, i64, i32, i32, i64) -> !vm.ref<?>
    vm.return %buffer : !vm.ref<?>
  }

  vm.func private @executable(%device : !vm.ref<?>, %data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %bytecode = vm.const.ref.rodata @format_bytecode : !vm.buffer
    %c = vm.const.ref.rodata @format_c : !vm.buffer
    %format = vm.select.ref %native, %c, %bytecode : !vm.buffer
    %any = vm.const.i64 -1
    %none = vm.const.ref.zero : !vm.buffer
    %exe = vm.call @hal.executable.create(%device, %any, %format, %data, %none) : (!vm.ref<?>, i64, !vm.buffer, !vm.buffer, !vm.buffer) -> !vm.ref<?>
    vm.return %exe : !vm.ref<?>
  }

  // Runs a finalized command buffer and waits for it.
  vm.func private @run(%device : !vm.ref<?>, %cb : !vm.ref<?>) {
    %any = vm.const.i64 -1
    %zero = vm.const.i64 0
    %null = vm.const.ref.zero : !vm.ref<?>
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.execute(%device, %any, %null, %fence, %cb, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.return
  }

  vm.func private @view(%buffer : !vm.ref<?>, %n : i64) -> !vm.ref<?> {
    %zero = vm.const.i64 0
    %c4 = vm.const.i64 4
    %len = vm.mul.i64 %n, %c4 : i64
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %view = vm.call.variadic @hal.buffer_view.create(%buffer, %zero, %len, %i32, %dense, [%n]) : (!vm.ref<?>, i64, i64, i32, i32, i64 ...) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }

  vm.func private @command_buffer(%device : !vm.ref<?>, %capacity : i32) -> !vm.ref<?> {
    %any = vm.const.i64 -1
    %modes = vm.const.i32 0
    %dispatch = vm.const.i32 3
    %cb = vm.call @hal.command_buffer.create(%device, %modes, %dispatch, %any, %capacity) : (!vm.ref<?>, i32, i32, i64, i32) -> !vm.ref<?>
    vm.return %cb : !vm.ref<?>
  }

  // One command buffer: upload a and b, a barrier, then add_scaled over two
  // workgroups with constants (3, 1000) and bindings (a, b, out).
  // `%out_length` is out's binding length (32: all of it).
  vm.func private @add_scaled_into(%data : !vm.buffer, %native : i32, %out_length : i64) -> !vm.ref<?> {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 32
    %a = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %b = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %out = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %c0 = vm.const.i32 0
    %cb = vm.call @command_buffer(%device, %c0) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %av = vm.const.ref.rodata @a_values : !vm.buffer
    %bv = vm.const.ref.rodata @b_values : !vm.buffer
    vm.call @hal.command_buffer.update_buffer(%cb, %av, %zero, %a, %zero, %size, %z32, %zero) : (!vm.ref<?>, !vm.buffer, i64, !vm.ref<?>, i64, i64, i32, i64) -> ()
    vm.call @hal.command_buffer.update_buffer(%cb, %bv, %zero, %b, %zero, %size, %z32, %zero) : (!vm.ref<?>, !vm.buffer, i64, !vm.ref<?>, i64, i64, i32, i64) -> ()
    %stages = vm.const.i32 0
    vm.call @hal.command_buffer.execution_barrier(%cb, %stages, %stages, %zero) : (!vm.ref<?>, i32, i32, i64) -> ()
    %fn = vm.const.i64 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %scale = vm.const.i32 3
    %bias = vm.const.i32 1000
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c2, %c1, %c1, %zero, [%scale, %bias], [(%z32, %z32, %a, %zero, %size), (%z32, %z32, %b, %zero, %size), (%z32, %z32, %out, %zero, %out_length)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @run(%device, %cb) : (!vm.ref<?>, !vm.ref<?>) -> ()
    %n = vm.const.i64 8
    %view = vm.call @view(%out, %n) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }

  vm.func @add_scaled(%data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %all = vm.const.i64 32
    %view = vm.call @add_scaled_into(%data, %native, %all) : (!vm.buffer, i32, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @add_scaled

  // Binding 2 claims 64 bytes of a 32-byte buffer: refused when recorded.
  vm.func @out_of_range(%data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %too_long = vm.const.i64 64
    %view = vm.call @add_scaled_into(%data, %native, %too_long) : (!vm.buffer, i32, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @out_of_range

  // A binding through slot 0 of the binding table, 64 bytes of the 32-byte
  // buffer the table holds: known only at execution, refused there before
  // any workgroup runs (the fence fails; the await reports it).
  vm.func @slot_out_of_range(%data : !vm.buffer, %native : i32) {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 32
    %buffer = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %cb = vm.call @command_buffer(%device, %c1) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %null = vm.const.ref.zero : !vm.ref<?>
    %fn = vm.const.i64 3
    %too_long = vm.const.i64 64
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c1, %c1, %c1, %zero, [], [(%z32, %z32, %null, %zero, %too_long)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    %any = vm.const.i64 -1
    %fence = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call.variadic @hal.device.queue.execute.indirect(%device, %any, %null, %fence, %cb, %zero, [(%buffer, %zero, %size)]) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64, tuple<!vm.ref<?>, i64, i64> ...) -> ()
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%fence]) : (i32, i64, !vm.ref<?> ...) -> i32
    vm.return
  }
  vm.export @slot_out_of_range

  // grid over 2x3x2 workgroups: each writes x + 10y + 100z + 1000*size_x
  // (size_x is 2, from __kernel_attrs) through its local memory.
  vm.func @grid(%data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 48
    %out = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %cb = vm.call @command_buffer(%device, %z32) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %name = vm.const.ref.rodata @name_grid : !vm.buffer
    %fn = vm.call @hal.executable.lookup.function(%exe, %name) : (!vm.ref<?>, !vm.buffer) -> i64
    %c2 = vm.const.i32 2
    %c3 = vm.const.i32 3
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c2, %c3, %c2, %zero, [], [(%z32, %z32, %out, %zero, %size)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @run(%device, %cb) : (!vm.ref<?>, !vm.ref<?>) -> ()
    %i32 = vm.const.i32 268435488
    %dense = vm.const.i32 1
    %d2 = vm.const.i64 2
    %d3 = vm.const.i64 3
    %view = vm.call.variadic @hal.buffer_view.create(%out, %zero, %size, %i32, %dense, [%d2, %d3, %d2]) : (!vm.ref<?>, i64, i64, i32, i32, i64 ...) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @grid

  // 100 executions of one command buffer (increment over 4 workgroups),
  // each waiting on the fence the previous one signals; one await at the end.
  vm.func @chain(%data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 16
    %out = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c4 = vm.const.i32 4
    %cb = vm.call @command_buffer(%device, %z32) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %fn = vm.const.i64 3
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c4, %c1, %c1, %zero, [], [(%z32, %z32, %out, %zero, %size)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    %any = vm.const.i64 -1
    %null = vm.const.ref.zero : !vm.ref<?>
    %n = vm.const.i32 100
    vm.br ^loop(%z32, %null : i32, !vm.ref<?>)
  ^loop(%i : i32, %wait : !vm.ref<?>):
    %signal = vm.call @hal.fence.create(%device, %zero) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.call @hal.device.queue.execute(%device, %any, %wait, %signal, %cb, %zero) : (!vm.ref<?>, i64, !vm.ref<?>, !vm.ref<?>, !vm.ref<?>, i64) -> ()
    %next = vm.add.i32 %i, %c1 : i32
    %more = vm.cmp.lt.i32.s %next, %n : i32
    vm.cond_br %more, ^loop(%next, %signal : i32, !vm.ref<?>), ^done(%signal : !vm.ref<?>)
  ^done(%last : !vm.ref<?>):
    %forever = vm.const.i32 -1
    %s = vm.call.variadic @hal.fence.await(%forever, %zero, [%last]) : (i32, i64, !vm.ref<?> ...) -> i32
    %elements = vm.const.i64 4
    %view = vm.call @view(%out, %elements) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @chain

  // dispatch.indirect: the workgroup count (3, 1, 1) is read from a buffer
  // when the command runs; increment then adds one to out[0..3).
  vm.func @indirect(%data : !vm.buffer, %native : i32) -> !vm.ref<?> {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 12
    %out = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %params = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %cb = vm.call @command_buffer(%device, %z32) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %counts = vm.const.ref.rodata @counts : !vm.buffer
    vm.call @hal.command_buffer.update_buffer(%cb, %counts, %zero, %params, %zero, %size, %z32, %zero) : (!vm.ref<?>, !vm.buffer, i64, !vm.ref<?>, i64, i64, i32, i64) -> ()
    vm.call @hal.command_buffer.execution_barrier(%cb, %z32, %z32, %zero) : (!vm.ref<?>, i32, i32, i64) -> ()
    %fn = vm.const.i64 3
    vm.call.variadic @hal.command_buffer.dispatch.indirect(%cb, %exe, %fn, %z32, %params, %zero, %zero, [], [(%z32, %z32, %out, %zero, %size)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, !vm.ref<?>, i64, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @run(%device, %cb) : (!vm.ref<?>, !vm.ref<?>) -> ()
    %n = vm.const.i64 3
    %view = vm.call @view(%out, %n) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @indirect

  // A kernel that reads out of bounds in workgroup 2 of 4: the dispatch's
  // fence fails with the kernel's status and trace; the await reports it.
  vm.func @fault(%data : !vm.buffer, %native : i32) {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %size = vm.const.i64 16
    %buffer = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c4 = vm.const.i32 4
    %cb = vm.call @command_buffer(%device, %z32) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %fn = vm.const.i64 1
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c4, %c1, %c1, %zero, [], [(%z32, %z32, %buffer, %zero, %size)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @run(%device, %cb) : (!vm.ref<?>, !vm.ref<?>) -> ()
    vm.return
  }
  vm.export @fault

  // Executable-level constants: kernel 0 of Inputs/constants_kernels.mlir
  // stores what __set_constants kept (42) to out[0..4), on every worker.
  // `%give` 0 creates the executable without constants.
  vm.func @executable_constants(%data : !vm.buffer, %native : i32, %give : i32) -> !vm.ref<?> {
    %device = vm.call @device() : () -> !vm.ref<?>
    %bytecode = vm.const.ref.rodata @format_bytecode : !vm.buffer
    %c = vm.const.ref.rodata @format_c : !vm.buffer
    %format = vm.select.ref %native, %c, %bytecode : !vm.buffer
    %values = vm.const.ref.rodata @constant_values : !vm.buffer
    %none = vm.const.ref.zero : !vm.buffer
    %constants = vm.select.ref %give, %values, %none : !vm.buffer
    %any = vm.const.i64 -1
    %exe = vm.call @hal.executable.create(%device, %any, %format, %data, %constants) : (!vm.ref<?>, i64, !vm.buffer, !vm.buffer, !vm.buffer) -> !vm.ref<?>
    %size = vm.const.i64 16
    %out = vm.call @alloc(%device, %size) : (!vm.ref<?>, i64) -> !vm.ref<?>
    %zero = vm.const.i64 0
    %z32 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c4 = vm.const.i32 4
    %cb = vm.call @command_buffer(%device, %z32) : (!vm.ref<?>, i32) -> !vm.ref<?>
    %fn = vm.const.i64 0
    vm.call.variadic @hal.command_buffer.dispatch(%cb, %exe, %fn, %c4, %c1, %c1, %zero, [], [(%z32, %z32, %out, %zero, %size)]) : (!vm.ref<?>, !vm.ref<?>, i64, i32, i32, i32, i64, i32 ..., tuple<i32, i32, !vm.ref<?>, i64, i64> ...) -> ()
    vm.call @hal.command_buffer.finalize(%cb) : (!vm.ref<?>) -> ()
    vm.call @run(%device, %cb) : (!vm.ref<?>, !vm.ref<?>) -> ()
    %n = vm.const.i64 4
    %view = vm.call @view(%out, %n) : (!vm.ref<?>, i64) -> !vm.ref<?>
    vm.return %view : !vm.ref<?>
  }
  vm.export @executable_constants

  vm.func @lookup(%data : !vm.buffer, %native : i32) -> i64 {
    %device = vm.call @device() : () -> !vm.ref<?>
    %exe = vm.call @executable(%device, %data, %native) : (!vm.ref<?>, !vm.buffer, i32) -> !vm.ref<?>
    %name = vm.const.ref.rodata @name_grid : !vm.buffer
    %fn = vm.call @hal.executable.lookup.function(%exe, %name) : (!vm.ref<?>, !vm.buffer) -> i64
    vm.return %fn : i64
  }
  vm.export @lookup

  // hal.executable.format: both Kiln formats, a pattern, and IREE's VMVX.
  vm.func @query() -> (i64, i64, i64) {
    %device = vm.call @device() : () -> !vm.ref<?>
    %category = vm.const.ref.rodata @category : !vm.buffer
    %bc = vm.const.ref.rodata @format_bytecode : !vm.buffer
    %pattern = vm.const.ref.rodata @any_kiln : !vm.buffer
    %vmvx = vm.const.ref.rodata @vmvx : !vm.buffer
    %ok0, %v0 = vm.call @hal.device.query.i64(%device, %category, %bc) : (!vm.ref<?>, !vm.buffer, !vm.buffer) -> (i32, i64)
    %ok1, %v1 = vm.call @hal.device.query.i64(%device, %category, %pattern) : (!vm.ref<?>, !vm.buffer, !vm.buffer) -> (i32, i64)
    %ok2, %v2 = vm.call @hal.device.query.i64(%device, %category, %vmvx) : (!vm.ref<?>, !vm.buffer, !vm.buffer) -> (i32, i64)
    vm.return %v0, %v1, %v2 : i64, i64, i64
  }
  vm.export @query
}
