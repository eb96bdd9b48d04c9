// Kernels for bench/dispatch_bench.cpp, in the kernel ABI of
// docs/executables.md, built into both executable formats.
vm.module @bench_kernels {
  // C = A x B for n x n f32 matrices (n = constants[0]); workgroup x owns
  // rows [x*r, x*r + r) of C (r = constants[1]). Loop order i, k, j (the
  // row of C stays in cache; the same order as the native baseline).
  // Bindings (A, B, C).
  vm.func @matmul(%local : !vm.buffer, %constants : !vm.buffer,
                  %bindings : !vm.list<!vm.buffer>,
                  %wx : i32, %wy : i32, %wz : i32,
                  %sx : i32, %sy : i32, %sz : i32,
                  %cx : i32, %cy : i32, %cz : i32) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %k0 = vm.const.i64 0
    %k1 = vm.const.i64 1
    %zero = vm.const.f32 0.0
    %n32 = vm.buffer.load.i32 %constants[%k0] : !vm.buffer -> i32
    %r32 = vm.buffer.load.i32 %constants[%k1] : !vm.buffer -> i32
    %n = vm.ext.i32.i64.s %n32 : i32 -> i64
    %r = vm.ext.i32.i64.s %r32 : i32 -> i64
    %a = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %b = vm.list.get.ref %bindings, %c1 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %c = vm.list.get.ref %bindings, %c2 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %x = vm.ext.i32.i64.s %wx : i32 -> i64
    %i0 = vm.mul.i64 %x, %r : i64
    %iend = vm.add.i64 %i0, %r : i64
    vm.br ^row(%i0 : i64)
  ^row(%i : i64):
    %row = vm.mul.i64 %i, %n : i64
    %row_end = vm.add.i64 %row, %n : i64
    vm.br ^clear(%row : i64)
  ^clear(%z : i64):
    vm.buffer.store.f32 %zero, %c[%z] : f32 -> !vm.buffer
    %z1 = vm.add.i64 %z, %k1 : i64
    %zmore = vm.cmp.lt.i64.s %z1, %row_end : i64
    vm.cond_br %zmore, ^clear(%z1 : i64), ^kloop(%k0 : i64)
  ^kloop(%k : i64):
    %ak = vm.add.i64 %row, %k : i64
    %av = vm.buffer.load.f32 %a[%ak] : !vm.buffer -> f32
    %brow = vm.mul.i64 %k, %n : i64
    vm.br ^jloop(%k0 : i64)
  ^jloop(%j : i64):
    %bj = vm.add.i64 %brow, %j : i64
    %bv = vm.buffer.load.f32 %b[%bj] : !vm.buffer -> f32
    %cj = vm.add.i64 %row, %j : i64
    %cv = vm.buffer.load.f32 %c[%cj] : !vm.buffer -> f32
    %sum = vm.fma.f32 %av, %bv, %cv : f32
    vm.buffer.store.f32 %sum, %c[%cj] : f32 -> !vm.buffer
    %j1 = vm.add.i64 %j, %k1 : i64
    %jmore = vm.cmp.lt.i64.s %j1, %n : i64
    vm.cond_br %jmore, ^jloop(%j1 : i64), ^knext
  ^knext:
    %k1n = vm.add.i64 %k, %k1 : i64
    %kmore = vm.cmp.lt.i64.s %k1n, %n : i64
    vm.cond_br %kmore, ^kloop(%k1n : i64), ^rownext
  ^rownext:
    %i1 = vm.add.i64 %i, %k1 : i64
    %imore = vm.cmp.lt.i64.s %i1, %iend : i64
    vm.cond_br %imore, ^row(%i1 : i64), ^done
  ^done:
    vm.return
  }
  vm.export @matmul

  // Does nothing: what a dispatch costs per workgroup.
  vm.func @empty(%local : !vm.buffer, %constants : !vm.buffer,
                 %bindings : !vm.list<!vm.buffer>,
                 %wx : i32, %wy : i32, %wz : i32,
                 %sx : i32, %sy : i32, %sz : i32,
                 %cx : i32, %cy : i32, %cz : i32) {
    vm.return
  }
  vm.export @empty
}
