// RUN: vm-opt -split-input-file --vm-version-loops %s | FileCheck %s

// The form scf.for lowers to: m[i + base] for i in [lb, ub), a value
// carried around the loop and out of it.
// CHECK-LABEL: vm.module public @affine
vm.module @affine {
  vm.func @f(%n: i64, %lb: i64, %ub: i64, %base: i64) -> i32 {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%lb, %zero : i64, i32)
  ^header(%i: i64, %acc: i32):
    %lt = vm.cmp.lt.i64.s %i, %ub : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %k = vm.add.i64 %i, %base : i64
    %v = vm.buffer.load.i8.u %m[%k] : !vm.buffer -> i32
    %s = vm.add.i32 %acc, %v : i32
    %next = vm.add.i64 %i, %c1 : i64
    vm.br ^header(%next, %s : i64, i32)
  ^exit:
    vm.return %acc : i32
  }
}
// The original loop keeps its place (and its ops their positions); its
// predecessor now enters the guard.
// CHECK:       %[[BUF:.+]] = vm.buffer.alloc
// CHECK-NEXT:  vm.br ^[[GUARD:bb[0-9]+]](%arg1, %{{.+}} : i64, i32)
// CHECK-NEXT:^[[ORIG:bb[0-9]+]](%{{.+}}: i64, %[[ACC1:.+]]: i32):
// CHECK:       vm.cond_br %{{.+}}, ^{{bb[0-9]+}}, ^[[EXIT:bb[0-9]+]](%[[ACC1]] : i32)
// CHECK:       vm.buffer.load.i8.u %[[BUF]][%{{.+}}] : !vm.buffer -> i32
// Values of the loop used after it arrive as arguments of the exit.
// CHECK:     ^[[EXIT]](%[[RESULT:.+]]: i32):
// CHECK-NEXT:  vm.return %[[RESULT]] : i32
// The guard: a non-empty loop over a non-null buffer, else the original.
// CHECK-NEXT:^[[GUARD]](%[[LB:.+]]: i64, %[[ACC0:.+]]: i32):
// CHECK-NEXT:  %[[NONEMPTY:.+]] = vm.cmp.lt.i64.s %[[LB]], %arg2
// CHECK-NEXT:  %[[NZ:.+]] = vm.cmp.nz.ref %[[BUF]]
// CHECK-NEXT:  %[[GO:.+]] = vm.and.i32 %[[NONEMPTY]], %[[NZ]]
// CHECK-NEXT:  vm.cond_br %[[GO]], ^[[CHECK:bb[0-9]+]], ^[[ORIG]](%[[LB]], %[[ACC0]] : i64, i32)
// The check: the index at lb and at ub - 1, each added with an overflow
// test, compared (unsigned) with the element count.
// CHECK-NEXT:^[[CHECK]]:
// CHECK:       %[[LAST:.+]] = vm.sub.i64 %arg2, %{{.+}} : i64
// CHECK:       %[[LEN:.+]] = vm.buffer.length %[[BUF]]
// CHECK:       %[[FIRST_INDEX:.+]] = vm.add.i64 %[[LB]], %arg3
// CHECK:       vm.cmp.lt.i64.u %[[FIRST_INDEX]], %[[LEN]]
// CHECK:       %[[LAST_INDEX:.+]] = vm.add.i64 %[[LAST]], %arg3
// CHECK:       vm.cmp.lt.i64.u %[[LAST_INDEX]], %[[LEN]]
// CHECK:       vm.cond_br %{{.+}}, ^[[COPY:bb[0-9]+]](%[[LB]], %[[ACC0]] : i64, i32), ^[[ORIG]](%[[LB]], %[[ACC0]] : i64, i32)
// The copy: the same ops, the access marked in_range.
// CHECK-NEXT:^[[COPY]](%{{.+}}: i64, %[[ACC2:.+]]: i32):
// CHECK:       vm.cond_br %{{.+}}, ^{{bb[0-9]+}}, ^[[EXIT]](%[[ACC2]] : i32)
// CHECK:       vm.buffer.load.i8.u %[[BUF]][%{{.+}}] {in_range} : !vm.buffer -> i32

// -----

// The matmul's inner loop (c[i][j] += a * b[k][j]): fma indices with a
// loop-invariant row, buffers from the kernel ABI's bindings list. Both
// accesses of c share their index; with a step of 2 the check also tests
// that the step past ub - 1 does not wrap.
// CHECK-LABEL: vm.module public @matmul_row
vm.module @matmul_row {
  vm.func @f(%bindings: !vm.list<!vm.buffer>, %row: i64, %k: i64, %a: f32) {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %zero = vm.const.i64.zero
    %c2 = vm.const.i64 2
    %c512 = vm.const.i64 512
    %b = vm.list.get.ref %bindings, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %c = vm.list.get.ref %bindings, %c1 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    vm.br ^header(%zero : i64)
  ^header(%j: i64):
    %lt = vm.cmp.lt.i64.s %j, %c512 : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %bi = vm.fma.i64 %k, %c512, %j : i64
    %bv = vm.buffer.load.f32 %b[%bi] : !vm.buffer -> f32
    %ci = vm.fma.i64 %row, %c512, %j : i64
    %cv = vm.buffer.load.f32 %c[%ci] : !vm.buffer -> f32
    %s = vm.fma.f32 %a, %bv, %cv : f32
    vm.buffer.store.f32 %s, %c[%ci] : f32 -> !vm.buffer
    %next = vm.add.i64 %j, %c2 : i64
    vm.br ^header(%next : i64)
  ^exit:
    vm.return
  }
}
// CHECK:       %[[B:.+]] = vm.list.get.ref
// CHECK:       %[[C:.+]] = vm.list.get.ref
// CHECK:       vm.buffer.load.f32 %[[B]][%{{.+}}] : !vm.buffer -> f32
// CHECK:       vm.buffer.load.f32 %[[C]][%{{.+}}] : !vm.buffer -> f32
// CHECK:       vm.buffer.store.f32 %{{.+}}, %[[C]][%{{.+}}] : f32 -> !vm.buffer
// CHECK:       vm.cmp.nz.ref %[[B]] : !vm.buffer
// CHECK-NEXT:  vm.and.i32
// CHECK-NEXT:  vm.cmp.nz.ref %[[C]] : !vm.buffer
// The step past ub - 1 must not wrap: (ub - 1) + 2 with an overflow test.
// CHECK:       %[[LAST:.+]] = vm.sub.i64
// CHECK:       vm.add.i64 %[[LAST]], %{{.+}} : i64
// CHECK:       vm.buffer.length %[[B]]
// CHECK-NEXT:  %[[TWO:.+]] = vm.const.i32 2
// CHECK-NEXT:  vm.shr.i64.u %{{.+}}, %[[TWO]] : i64
// CHECK:       vm.buffer.length %[[C]]
// CHECK:       vm.buffer.load.f32 %[[B]][%{{.+}}] {in_range} : !vm.buffer -> f32
// CHECK:       vm.buffer.load.f32 %[[C]][%{{.+}}] {in_range} : !vm.buffer -> f32
// CHECK:       vm.buffer.store.f32 %{{.+}}, %[[C]][%{{.+}}] {in_range} : f32 -> !vm.buffer

// -----

// A product with a loop-invariant factor may overflow: the check bounds
// both factors to 32 bits (a factor outside sends the loop to its checked
// copy), here the invariant %scale at run time.
// CHECK-LABEL: vm.module public @scaled
vm.module @scaled {
  vm.func @f(%n: i64, %scale: i64) {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%zero : i64)
  ^header(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %k = vm.mul.i64 %i, %scale : i64
    vm.buffer.store.i8 %z32, %m[%k] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    vm.br ^header(%next : i64)
  ^exit:
    vm.return
  }
}
// CHECK:       %[[BIAS:.+]] = vm.const.i64 2147483648
// CHECK:       %[[SHIFTED:.+]] = vm.add.i64 %arg1, %[[BIAS]]
// CHECK:       %[[LIMIT:.+]] = vm.const.i64 4294967295
// CHECK:       vm.cmp.lt.i64.u %[[LIMIT]], %[[SHIFTED]]
// CHECK:       vm.mul.i64 %{{.+}}, %arg1
// CHECK:       vm.buffer.store.i8 %{{.+}} {in_range}

// -----

// Not versioned: an index that is not affine in the induction variable
// (i * i), one from a value carried around the loop, a buffer that is a
// function argument (it may hold a ref of another type, which
// vm.buffer.length would fail on before the loop), a bound computed in the
// loop, and a loop whose step is not a constant.
// CHECK-LABEL: vm.module public @not_versioned
// CHECK-NOT:   in_range
// CHECK-NOT:   vm.buffer.length
vm.module @not_versioned {
  vm.func @square(%n: i64) {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%zero : i64)
  ^header(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %k = vm.mul.i64 %i, %i : i64
    vm.buffer.store.i8 %z32, %m[%k] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    vm.br ^header(%next : i64)
  ^exit:
    vm.return
  }
  vm.func @carried(%n: i64) {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%zero, %zero : i64, i64)
  ^header(%i: i64, %base: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    %k = vm.add.i64 %i, %base : i64
    vm.buffer.store.i8 %z32, %m[%k] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    %nextBase = vm.add.i64 %base, %i : i64
    vm.br ^header(%next, %nextBase : i64, i64)
  ^exit:
    vm.return
  }
  vm.func @argument(%m: !vm.buffer, %n: i64) {
    %c1 = vm.const.i64 1
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    vm.br ^header(%zero : i64)
  ^header(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    vm.buffer.store.i8 %z32, %m[%i] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    vm.br ^header(%next : i64)
  ^exit:
    vm.return
  }
  vm.func @bound_in_loop(%n: i64) {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%zero, %n : i64, i64)
  ^header(%i: i64, %ub: i64):
    %lt = vm.cmp.lt.i64.s %i, %ub : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    vm.buffer.store.i8 %z32, %m[%i] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    %nextUb = vm.sub.i64 %ub, %c1 : i64
    vm.br ^header(%next, %nextUb : i64, i64)
  ^exit:
    vm.return
  }
  vm.func @variable_step(%n: i64, %step: i64) {
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^header(%zero : i64)
  ^header(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^body, ^exit
  ^body:
    vm.buffer.store.i8 %z32, %m[%i] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %step : i64
    vm.br ^header(%next : i64)
  ^exit:
    vm.return
  }
}

// -----

// In a nest only the innermost loop is versioned (its index is affine in
// its own induction variable; the outer loop's varies with the inner one).
// CHECK-LABEL: vm.module public @nest
// CHECK-COUNT-1: vm.buffer.length
// CHECK-NOT:   vm.buffer.length
vm.module @nest {
  vm.func @f(%n: i64) {
    %c1 = vm.const.i64 1
    %c4 = vm.const.i32 4
    %zero = vm.const.i64.zero
    %z32 = vm.const.i32.zero
    %m = vm.buffer.alloc %n, %c4 : !vm.buffer
    vm.br ^outer(%zero : i64)
  ^outer(%i: i64):
    %lt = vm.cmp.lt.i64.s %i, %n : i64
    vm.cond_br %lt, ^enter, ^exit
  ^enter:
    vm.br ^inner(%zero : i64)
  ^inner(%j: i64):
    %ltj = vm.cmp.lt.i64.s %j, %n : i64
    vm.cond_br %ltj, ^body, ^latch
  ^body:
    %k = vm.fma.i64 %i, %n, %j : i64
    vm.buffer.store.i8 %z32, %m[%k] : i32 -> !vm.buffer
    %nextj = vm.add.i64 %j, %c1 : i64
    vm.br ^inner(%nextj : i64)
  ^latch:
    %next = vm.add.i64 %i, %c1 : i64
    vm.br ^outer(%next : i64)
  ^exit:
    vm.return
  }
}
