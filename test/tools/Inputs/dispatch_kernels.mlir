// Kernels for hal_dispatch.mlir, in the kernel ABI of docs/executables.md:
// (local_memory, constants, bindings, workgroup id x y z, workgroup size
// x y z, workgroup count x y z). The tests build this module into both
// executable formats (a .vmfb and a shared object from emitted C).
vm.module @kernels {
  // Kernel 0. out[i] = a[i] * constants[0] + b[i] + constants[1] for the
  // four elements 4*x .. 4*x+3 of workgroup x; bindings (a, b, out).
  vm.func @add_scaled(%local : !vm.buffer, %constants : !vm.buffer,
                      %bindings : !vm.list<!vm.buffer>,
                      %wx : i32, %wy : i32, %wz : i32,
                      %sx : i32, %sy : i32, %sz : i32,
                      %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c4 = vm.const.i32 4
    %k0 = vm.const.i64 0
    %k1 = vm.const.i64 1
    %scale = vm.buffer.load.i32 %constants[%k0] : !vm.buffer -> i32
    %bias = vm.buffer.load.i32 %constants[%k1] : !vm.buffer -> i32
    %a = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %b = vm.list.get.ref %bindings, %c1 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %out = vm.list.get.ref %bindings, %c2 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %base = vm.mul.i32 %wx, %c4 : i32
    %end = vm.add.i32 %base, %c4 : i32
    vm.br ^loop(%base : i32)
  ^loop(%i : i32):
    %i64 = vm.ext.i32.i64.s %i : i32 -> i64
    %x = vm.buffer.load.i32 %a[%i64] : !vm.buffer -> i32
    %y = vm.buffer.load.i32 %b[%i64] : !vm.buffer -> i32
    %m = vm.mul.i32 %x, %scale : i32
    %s = vm.add.i32 %m, %y : i32
    %r = vm.add.i32 %s, %bias : i32
    vm.buffer.store.i32 %r, %out[%i64] : i32 -> !vm.buffer
    %next = vm.add.i32 %i, %c1 : i32
    %more = vm.cmp.lt.i32.s %next, %end : i32
    vm.cond_br %more, ^loop(%next : i32), ^done
  ^done:
    vm.return
  }
  vm.export @add_scaled

  // Kernel 1. Reads past the end of binding 0 in workgroup 2 (a fault with
  // a trace); the other workgroups do nothing.
  vm.func @fault(%local : !vm.buffer, %constants : !vm.buffer,
                 %bindings : !vm.list<!vm.buffer>,
                 %wx : i32, %wy : i32, %wz : i32,
                 %sx : i32, %sy : i32, %sz : i32,
                 %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %c2 = vm.const.i32 2
    %is2 = vm.cmp.eq.i32 %wx, %c2 : i32
    vm.cond_br %is2, ^bad, ^ok
  ^bad:
    %a = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %far = vm.const.i64 1000000
    %x = vm.buffer.load.i32 %a[%far] : !vm.buffer -> i32
    vm.buffer.store.i32 %x, %a[%far] : i32 -> !vm.buffer
    vm.return
  ^ok:
    vm.return
  }
  vm.export @fault

  // Kernel 2. A 3-D grid with 16 bytes of local memory (__kernel_attrs):
  // stages x + 10*y + 100*z + 1000*size_x in local memory, then stores it to
  // out[linear id] (binding 0).
  vm.func @grid(%local : !vm.buffer, %constants : !vm.buffer,
                %bindings : !vm.list<!vm.buffer>,
                %wx : i32, %wy : i32, %wz : i32,
                %sx : i32, %sy : i32, %sz : i32,
                %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %c10 = vm.const.i32 10
    %c100 = vm.const.i32 100
    %c1000 = vm.const.i32 1000
    %k3 = vm.const.i64 3
    %y10 = vm.mul.i32 %wy, %c10 : i32
    %z100 = vm.mul.i32 %wz, %c100 : i32
    %s1000 = vm.mul.i32 %sx, %c1000 : i32
    %v0 = vm.add.i32 %wx, %y10 : i32
    %v1 = vm.add.i32 %v0, %z100 : i32
    %v = vm.add.i32 %v1, %s1000 : i32
    vm.buffer.store.i32 %v, %local[%k3] : i32 -> !vm.buffer
    %staged = vm.buffer.load.i32 %local[%k3] : !vm.buffer -> i32
    %zy = vm.mul.i32 %wz, %cy : i32
    %zyy = vm.add.i32 %zy, %wy : i32
    %row = vm.mul.i32 %zyy, %cx : i32
    %id = vm.add.i32 %row, %wx : i32
    %id64 = vm.ext.i32.i64.s %id : i32 -> i64
    %out = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    vm.buffer.store.i32 %staged, %out[%id64] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @grid

  // Kernel 3. out[x] += 1 (binding 0): many dispatches chained by fences
  // each add one.
  vm.func @increment(%local : !vm.buffer, %constants : !vm.buffer,
                     %bindings : !vm.list<!vm.buffer>,
                     %wx : i32, %wy : i32, %wz : i32,
                     %sx : i32, %sy : i32, %sz : i32,
                     %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %out = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %i = vm.ext.i32.i64.s %wx : i32 -> i64
    %v = vm.buffer.load.i32 %out[%i] : !vm.buffer -> i32
    %n = vm.add.i32 %v, %c1 : i32
    vm.buffer.store.i32 %n, %out[%i] : i32 -> !vm.buffer
    vm.return
  }
  vm.export @increment

  // Workgroup size 1x1x1 for every kernel; 16 bytes of local memory for
  // kernel 2 (grid), whose workgroup size is 2x1x1.
  vm.func @__kernel_attrs(%kernel : i32) -> (i32, i32, i32, i32) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c16 = vm.const.i32 16
    %is_grid = vm.cmp.eq.i32 %kernel, %c2 : i32
    %local = vm.select.i32 %is_grid, %c16, %c0 : i32
    %sx = vm.select.i32 %is_grid, %c2, %c1 : i32
    vm.return %sx, %c1, %c1, %local : i32, i32, i32, i32
  }
  vm.export @__kernel_attrs
}
