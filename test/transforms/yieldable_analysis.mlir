// RUN: vm-opt --vm-yieldable-analysis %s | FileCheck %s

// CHECK-LABEL: vm.module {{(public )?}}@m
vm.module @m {
  vm.import private @io.wait(%t : i64) -> i32 attributes {vm.yield}
  vm.import private @io.now() -> i64

  // Yields itself.
  // CHECK: vm.func private @yields() attributes {vm.yieldable}
  vm.func private @yields() {
    vm.yield ^next
  ^next:
    vm.return
  }
  // Calls a yieldable import through vm.call.yieldable.
  // CHECK: vm.func private @waits(%{{.+}}: i64) -> i32 attributes {vm.yieldable}
  vm.func private @waits(%t : i64) -> i32 {
    vm.call.yieldable @io.wait(%t) : (i64) -> ^done(i32)
  ^done(%r : i32):
    vm.return %r : i32
  }
  // Transitively, two levels up.
  // CHECK: vm.func private @mid() attributes {vm.yieldable}
  vm.func private @mid() {
    vm.call @yields() : () -> ()
    vm.return
  }
  // CHECK: vm.func @top() attributes {vm.yieldable}
  vm.func @top() {
    vm.call @mid() : () -> ()
    vm.return
  }
  // Calls only a non-yielding import; a stale marker is removed.
  // CHECK: vm.func @plain() -> i64 {
  vm.func @plain() -> i64 attributes {vm.yieldable} {
    %0 = vm.call @io.now() : () -> i64
    vm.return %0 : i64
  }
  // Recursion without yields stays non-yieldable.
  // CHECK: vm.func private @loop(%{{.+}}: i32) {
  vm.func private @loop(%x : i32) {
    vm.call @loop(%x) : (i32) -> ()
    vm.return
  }
  vm.export @top
  vm.export @plain
}
