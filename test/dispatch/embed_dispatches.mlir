// RUN: vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=print-kernels=true" %s | FileCheck %s
// RUN: vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=c" %s | FileCheck %s --check-prefix=NATIVE

// The kernel's own module: the outlined function and an entry point in the
// kernel ABI that takes buffers from the bindings and everything else from
// the constants (an i64 as two words, low first; an f32 as its bits).
// CHECK-LABEL: vm.module public @module_scale_dispatch_0 {
// CHECK: vm.func private @scale_dispatch_0_kernel(%{{.+}}: !vm.buffer, %{{.+}}: i64, %{{.+}}: !vm.buffer, %{{.+}}: i64, %{{.+}}: f32, %{{.+}}: i64, %{{.+}}: i64, %{{.+}}: i64, %{{.+}}: i32, %{{.+}}: i32, %{{.+}}: i32, %{{.+}}: i32, %{{.+}}: i32, %{{.+}}: i32)
// CHECK: vm.func @scale_dispatch_0(%[[LOCAL:.+]]: !vm.buffer, %[[CONSTANTS:.+]]: !vm.buffer, %[[BINDINGS:.+]]: !vm.list<!vm.buffer>, %[[IDX:[^:]+]]: i32, %[[IDY:[^:]+]]: i32, %[[IDZ:[^:]+]]: i32, %{{[^:]+}}: i32, %{{[^:]+}}: i32, %{{[^:]+}}: i32, %[[CX:[^:]+]]: i32, %[[CY:[^:]+]]: i32, %[[CZ:[^:]+]]: i32) {
// CHECK: %[[B0:.+]] = vm.list.get.ref %[[BINDINGS]], %{{.+}} : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
// CHECK: %[[W0:.+]] = vm.buffer.load.i32 %[[CONSTANTS]][%{{.+}}] : !vm.buffer -> i32
// CHECK: %[[LO:.+]] = vm.ext.i32.i64.u %[[W0]] : i32 -> i64
// CHECK: %[[W1:.+]] = vm.buffer.load.i32 %[[CONSTANTS]][%{{.+}}] : !vm.buffer -> i32
// CHECK: %[[HI:.+]] = vm.ext.i32.i64.u %[[W1]] : i32 -> i64
// CHECK: %[[SHIFTED:.+]] = vm.shl.i64 %[[HI]], %{{.+}} : i64
// CHECK: %[[N:.+]] = vm.or.i64 %[[LO]], %[[SHIFTED]] : i64
// CHECK: %[[B1:.+]] = vm.list.get.ref %[[BINDINGS]]
// CHECK: vm.or.i64
// CHECK: %[[FW:.+]] = vm.buffer.load.i32 %[[CONSTANTS]]
// CHECK: %[[S:.+]] = vm.bitcast.i32.f32 %[[FW]] : i32 -> f32
// CHECK: vm.call @scale_dispatch_0_kernel(%[[B0]], %[[N]], %[[B1]], %{{.+}}, %[[S]], %{{.+}}, %{{.+}}, %{{.+}}, %[[IDX]], %[[IDY]], %[[IDZ]], %[[CX]], %[[CY]], %[[CZ]])
// CHECK: vm.export @scale_dispatch_0

// The host module: the format and the executable as rodata, a cache, the
// hal imports.
// CHECK-LABEL: vm.module public @module {
// CHECK-DAG: vm.import private @hal.executable.create(
// CHECK-DAG: vm.import private @hal.allocator.import(
// CHECK-DAG: vm.import private @hal.command_buffer.dispatch(
// CHECK-DAG: vm.import private @hal.fence.await(
// "kiln-vm-bytecode"
// CHECK-DAG: vm.rodata private @__kiln_executable_format dense<[107, 105, 108, 110, 45, 118, 109, 45, 98, 121, 116, 101, 99, 111, 100, 101]> : tensor<16xi8>
// CHECK-DAG: vm.rodata private @scale_dispatch_0_executable {alignment = 64 : i64} dense<{{.+}}> : tensor<{{[0-9]+}}xi8>
// CHECK-DAG: vm.global.ref private mutable @scale_dispatch_0_executable_cache : !vm.ref<!hal.executable>
// CHECK-NOT: vm.func private @scale_dispatch_0_kernel

// The host function: the executable created once, the memrefs' buffers
// imported (writable, else read-only), one dispatch, a fence wait.
// CHECK-LABEL: vm.func private @scale_dispatch_0(
// CHECK-SAME: %[[A:[^:]+]]: !vm.buffer, %[[ASIZE:[^:]+]]: i64, %[[OUT:[^:]+]]: !vm.buffer, %{{[^:]+}}: i64, %[[HS:[^:]+]]: f32, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %{{[^:]+}}: i64, %[[GX:[^:]+]]: i32, %[[GY:[^:]+]]: i32, %[[GZ:[^:]+]]: i32)
// CHECK: %[[DEVICE:.+]] = vm.call @hal.devices.get(
// CHECK: %[[CACHED:.+]] = vm.global.load.ref @scale_dispatch_0_executable_cache
// CHECK: %[[HAVE:.+]] = vm.cmp.nz.ref %[[CACHED]]
// CHECK: vm.cond_br %[[HAVE]], ^[[DISPATCH:.+]](%[[CACHED]] : !vm.ref<!hal.executable>), ^[[CREATE:[^ ]+]]
// CHECK: ^[[CREATE]]:
// CHECK: %[[FORMAT:.+]] = vm.const.ref.rodata @__kiln_executable_format
// CHECK: %[[DATA:.+]] = vm.const.ref.rodata @scale_dispatch_0_executable
// CHECK: %[[CREATED:.+]] = vm.call @hal.executable.create(%[[DEVICE]], %{{.+}}, %[[FORMAT]], %[[DATA]], %{{.+}})
// CHECK: vm.global.store.ref %[[CREATED]], @scale_dispatch_0_executable_cache
// CHECK: vm.br ^[[DISPATCH]](%[[CREATED]] : !vm.ref<!hal.executable>)
// CHECK: ^[[DISPATCH]](%[[EXE:.+]]: !vm.ref<!hal.executable>):
// CHECK: %[[ALLOCATOR:.+]] = vm.call @hal.device.allocator(%[[DEVICE]])
// CHECK: %[[AW:.+]] = vm.call @hal.allocator.import(%[[ALLOCATOR]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[A]], %{{.+}}, %{{.+}})
// CHECK: %[[AR:.+]] = vm.call @hal.allocator.import(%[[ALLOCATOR]], %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[A]], %{{.+}}, %{{.+}})
// CHECK: %[[AOK:.+]] = vm.cmp.nz.ref %[[AW]]
// CHECK: %[[AB:.+]] = vm.select.ref %[[AOK]], %[[AW]], %[[AR]] : !vm.ref<!hal.buffer>
// CHECK: %[[ALO:.+]] = vm.trunc.i64.i32 %[[ASIZE]] : i64 -> i32
// CHECK: %[[AHI64:.+]] = vm.shr.i64.u %[[ASIZE]], %{{.+}} : i64
// CHECK: %[[AHI:.+]] = vm.trunc.i64.i32 %[[AHI64]] : i64 -> i32
// CHECK: %[[OB:.+]] = vm.select.ref
// CHECK: %[[SBITS:.+]] = vm.bitcast.f32.i32 %[[HS]] : f32 -> i32
// CHECK: %[[CB:.+]] = vm.call @hal.command_buffer.create(%[[DEVICE]],
// CHECK: vm.call.variadic @hal.command_buffer.dispatch(%[[CB]], %[[EXE]], %{{.+}}, %[[GX]], %[[GY]], %[[GZ]], %{{.+}}, [%[[ALO]], %[[AHI]], %{{.+}}, %{{.+}}, %[[SBITS]], {{.+}}], [(%{{.+}}, %{{.+}}, %[[AB]], %{{.+}}, %{{.+}}), (%{{.+}}, %{{.+}}, %[[OB]], %{{.+}}, %{{.+}})])
// CHECK: vm.call @hal.command_buffer.finalize(%[[CB]])
// CHECK: %[[FENCE:.+]] = vm.call @hal.fence.create(%[[DEVICE]],
// CHECK: vm.call @hal.device.queue.execute(%[[DEVICE]], %{{.+}}, %{{.+}}, %[[FENCE]], %[[CB]], %{{.+}})
// CHECK: vm.call.variadic @hal.fence.await(%{{.+}}, %{{.+}}, [%[[FENCE]]])
// CHECK: vm.return

// C-form kernels: the format says so and the data is an ELF shared object.
// "kiln-vm-c-so"
// NATIVE-DAG: vm.rodata private @__kiln_executable_format dense<[107, 105, 108, 110, 45, 118, 109, 45, 99, 45, 115, 111]> : tensor<12xi8>
// NATIVE-DAG: vm.rodata private @scale_dispatch_0_executable {alignment = 64 : i64} dense<"0x7F454C46{{[0-9A-F]+}}"> : tensor<{{[0-9]+}}xi8>
func.func @scale(%a: memref<?xf32>, %out: memref<?xf32>, %s: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %a, %c0 : memref<?xf32>
  scf.parallel (%i) = (%c0) to (%n) step (%c1) {
    %x = memref.load %a[%i] : memref<?xf32>
    %m = arith.mulf %x, %s : f32
    memref.store %m, %out[%i] : memref<?xf32>
  }
  return
}
