// RUN: vm-opt -split-input-file --vm-inline %s | FileCheck %s
// RUN: vm-opt -split-input-file --vm-inline="max-ops=0 max-single-site-ops=0" %s | FileCheck %s --check-prefix=NONE
// RUN: vm-opt -split-input-file --vm-inline="max-ops=0 max-single-site-ops=4" %s | FileCheck %s --check-prefix=CHUNK

// CHECK-LABEL: vm.module {{(public )?}}@small
// NONE-LABEL: vm.module {{(public )?}}@small
vm.module @small {
  // Small and private: inlined at both sites, then erased.
  // CHECK-NOT: vm.func private @add1
  // NONE: vm.func private @add1
  vm.func private @add1(%x : i32) -> i32 {
    %c1 = vm.const.i32 1
    %0 = vm.add.i32 %x, %c1 : i32
    vm.return %0 : i32
  }
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // CHECK-NOT: vm.call
    // CHECK: vm.add.i32 %arg0
    // CHECK: vm.add.i32
    // CHECK: vm.return
    // NONE: vm.call @add1
    %0 = vm.call @add1(%x) : (i32) -> i32
    %1 = vm.call @add1(%0) : (i32) -> i32
    vm.return %1 : i32
  }
  vm.export @f
}

// -----

// A multi-block callee: vm.return becomes a branch to the continuation.
// CHECK-LABEL: vm.module {{(public )?}}@multi_block
vm.module @multi_block {
  // CHECK-NOT: vm.func private @abs
  vm.func private @abs(%x : i32) -> i32 {
    %c0 = vm.const.i32 0
    %neg = vm.cmp.lt.i32.s %x, %c0 : i32
    vm.cond_br %neg, ^negate, ^done(%x : i32)
  ^negate:
    %y = vm.sub.i32 %c0, %x : i32
    vm.br ^done(%y : i32)
  ^done(%r : i32):
    vm.return %r : i32
  }
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // CHECK-NOT: vm.call
    // CHECK: vm.cond_br
    // CHECK: vm.br ^[[CONT:bb[0-9]+]](%{{.+}} : i32)
    // CHECK: ^[[CONT]](%{{.+}}: i32):
    // CHECK: vm.return %{{.+}} : i32
    %0 = vm.call @abs(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  vm.export @f
}

// -----

// Hints and things never inlined.
// CHECK-LABEL: vm.module {{(public )?}}@hints
vm.module @hints {
  // CHECK: vm.func private @noinline
  vm.func private @noinline(%x : i32) -> i32 attributes {noinline} {
    vm.return %x : i32
  }
  // CHECK: vm.func private @never
  vm.func private @never(%x : i32) -> i32 attributes {inlining_policy = "never"} {
    vm.return %x : i32
  }
  // IREE's hint attribute.
  // CHECK: vm.func private @util_never({{.*}}inlining_policy = #util.inline.never
  vm.func private @util_never(%x : i32) -> i32 attributes {inlining_policy = #util.inline.never} {
    vm.return %x : i32
  }
  // Public functions stay callable from outside; not inlined.
  // CHECK: vm.func @public
  vm.func @public(%x : i32) -> i32 {
    vm.return %x : i32
  }
  // Recursive: never inlined.
  // CHECK: vm.func private @recurse
  vm.func private @recurse(%x : i32) -> i32 {
    %0 = vm.call @recurse(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // CHECK: vm.call @noinline
    %0 = vm.call @noinline(%x) : (i32) -> i32
    // CHECK: vm.call @never
    %1 = vm.call @never(%0) : (i32) -> i32
    // CHECK: vm.call @util_never
    %u = vm.call @util_never(%1) : (i32) -> i32
    // CHECK: vm.call @public
    %2 = vm.call @public(%u) : (i32) -> i32
    // CHECK: vm.call @recurse
    %3 = vm.call @recurse(%2) : (i32) -> i32
    vm.return %3 : i32
  }
  vm.export @f
}

// -----

// Too big for many sites, but a single call site pays.
// CHECK-LABEL: vm.module {{(public )?}}@sites
vm.module @sites {
  // CHECK: vm.func private @big_twice
  vm.func private @big_twice(%x : i32) -> i32 {
    %0 = vm.add.i32 %x, %x : i32
    %1 = vm.add.i32 %0, %x : i32
    %2 = vm.add.i32 %1, %x : i32
    %3 = vm.add.i32 %2, %x : i32
    %4 = vm.add.i32 %3, %x : i32
    %5 = vm.add.i32 %4, %x : i32
    %6 = vm.add.i32 %5, %x : i32
    %7 = vm.add.i32 %6, %x : i32
    %8 = vm.add.i32 %7, %x : i32
    vm.return %8 : i32
  }
  // CHECK-NOT: vm.func private @big_once
  vm.func private @big_once(%x : i32) -> i32 {
    %0 = vm.mul.i32 %x, %x : i32
    %1 = vm.mul.i32 %0, %x : i32
    %2 = vm.mul.i32 %1, %x : i32
    %3 = vm.mul.i32 %2, %x : i32
    %4 = vm.mul.i32 %3, %x : i32
    %5 = vm.mul.i32 %4, %x : i32
    %6 = vm.mul.i32 %5, %x : i32
    %7 = vm.mul.i32 %6, %x : i32
    %8 = vm.mul.i32 %7, %x : i32
    vm.return %8 : i32
  }
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // CHECK: vm.call @big_twice
    // CHECK: vm.call @big_twice
    // CHECK-NOT: vm.call
    // CHECK: vm.mul.i32
    %0 = vm.call @big_twice(%x) : (i32) -> i32
    %1 = vm.call @big_twice(%0) : (i32) -> i32
    %2 = vm.call @big_once(%1) : (i32) -> i32
    vm.return %2 : i32
  }
  vm.export @f
}

// -----

// Callees are inlined into their callers first (bottom-up), so a callee
// reaches its callers with its own callees already inlined.
// CHECK-LABEL: vm.module {{(public )?}}@nested
vm.module @nested {
  // CHECK-NOT: vm.func private
  vm.func private @inner(%x : i32) -> i32 {
    %0 = vm.add.i32 %x, %x : i32
    vm.return %0 : i32
  }
  vm.func private @outer(%x : i32) -> i32 {
    %0 = vm.call @inner(%x) : (i32) -> i32
    %1 = vm.call @inner(%0) : (i32) -> i32
    vm.return %1 : i32
  }
  // CHECK-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // CHECK-NOT: vm.call
    // CHECK: vm.return
    %0 = vm.call @outer(%x) : (i32) -> i32
    %1 = vm.call @outer(%0) : (i32) -> i32
    vm.return %1 : i32
  }
  vm.export @f
}

// -----

// Mutually recursive private functions (one call-graph cycle through three
// functions) are never inlined into each other or into their caller; a
// small function hanging off the cycle still is.
// CHECK-LABEL: vm.module {{(public )?}}@cycle
vm.module @cycle {
  // CHECK: vm.func private @ping
  vm.func private @ping(%x : i32) -> i32 {
    %0 = vm.call @pong(%x) : (i32) -> i32
    %1 = vm.call @leaf(%0) : (i32) -> i32
    vm.return %1 : i32
  }
  // CHECK: vm.func private @pong
  vm.func private @pong(%x : i32) -> i32 {
    %0 = vm.call @pang(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  // CHECK: vm.func private @pang
  vm.func private @pang(%x : i32) -> i32 {
    %0 = vm.call @ping(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  // CHECK-NOT: vm.func private @leaf
  vm.func private @leaf(%x : i32) -> i32 {
    %0 = vm.add.i32 %x, %x : i32
    vm.return %0 : i32
  }
  // CHECK-LABEL: vm.func @f
  // CHECK: vm.call @ping
  vm.func @f(%x : i32) -> i32 {
    %0 = vm.call @ping(%x) : (i32) -> i32
    vm.return %0 : i32
  }
  vm.export @f
}

// -----

// Inlined ops keep the callee's name on the callee side of their call-site
// location; a callee that survives keeps its own locations unchanged.
// RUN: vm-opt --vm-inline --mlir-print-debuginfo -split-input-file %s | FileCheck %s --check-prefix=LOC
// LOC-LABEL: vm.module {{(public )?}}@located
vm.module @located {
  vm.func private @sq(%a: i32) -> i32 {
    %s = vm.mul.i32 %a, %a : i32 loc("sq.mlir":2:5)
    vm.return %s : i32 loc("sq.mlir":3:5)
  }
  // LOC: vm.func @f
  // LOC: vm.mul.i32 {{.*}} loc([[L:#loc[0-9]*]])
  vm.func @f(%a: i32) -> i32 {
    %t = vm.call @sq(%a) : (i32) -> i32 loc("f.mlir":9:3)
    vm.return %t : i32
  }
  vm.export @f
}
// LOC-DAG: [[SQ:#loc[0-9]*]] = loc("sq.mlir":2:5)
// LOC-DAG: [[CALL:#loc[0-9]*]] = loc("f.mlir":9:3)
// LOC-DAG: [[NAMED:#loc[0-9]*]] = loc("sq"([[SQ]]))
// LOC-DAG: [[L]] = loc(callsite([[NAMED]] at [[CALL]]))

// -----

// A chain of single-site calls is inlined from its far end: each function
// takes its callee whole (its last use: the body moves, nothing is copied)
// until the next body would pass max-single-site-ops. With 4, @c1 ends up
// holding @c2, @c3 and @c4 (five ops with its return), one too many for @c0
// to take.
// CHECK-LABEL: vm.module {{(public )?}}@chain
// CHUNK-LABEL: vm.module {{(public )?}}@chain
vm.module @chain {
  // CHECK-LABEL: vm.func @c0
  // CHECK-COUNT-5: vm.add.i32
  // CHECK-NOT: vm.call
  // CHECK-NOT: vm.func private
  // CHUNK-LABEL: vm.func @c0
  // CHUNK: vm.add.i32
  // CHUNK-NEXT: vm.call @c1
  // CHUNK: vm.func private @c1
  // CHUNK-COUNT-4: vm.add.i32
  // CHUNK-NOT: vm.call
  // CHUNK-NOT: vm.func private
  vm.func @c0(%x : i32) -> i32 {
    %y = vm.add.i32 %x, %x : i32
    %r = vm.call @c1(%y) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func private @c1(%x : i32) -> i32 {
    %y = vm.add.i32 %x, %x : i32
    %r = vm.call @c2(%y) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func private @c2(%x : i32) -> i32 {
    %y = vm.add.i32 %x, %x : i32
    %r = vm.call @c3(%y) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func private @c3(%x : i32) -> i32 {
    %y = vm.add.i32 %x, %x : i32
    %r = vm.call @c4(%y) : (i32) -> i32
    vm.return %r : i32
  }
  vm.func private @c4(%x : i32) -> i32 {
    %y = vm.add.i32 %x, %x : i32
    vm.return %y : i32
  }
  vm.export @c0
}
