// RUN: vm-opt --test-vm-suspension-analysis %s | FileCheck %s

// One analysis, two policies (compiler/Analysis/SuspensionAnalysis.h):
// Declared is what --vm-yieldable-analysis marks; AnyImport is what the C
// target builds resume state machines from. They differ exactly on calls to
// imports not declared `vm.yield` and on yieldable calls whose callee never
// suspends.

// CHECK-LABEL: vm.module {{(public )?}}@m
vm.module @m {
  // CHECK: vm.import private @io.wait({{.*}}attributes {test.may_suspend_any_import, test.may_suspend_declared, vm.yield}
  vm.import private @io.wait(%t : i64) -> i32 attributes {vm.yield}
  // CHECK: vm.import private @io.now() -> i64 attributes {test.may_suspend_any_import}
  vm.import private @io.now() -> i64

  // CHECK: vm.func private @yields() attributes {test.declares_suspension, test.may_suspend_any_import, test.may_suspend_declared}
  vm.func private @yields() {
    // CHECK: vm.yield ^bb1 {test.suspension_point}
    vm.yield ^next
  ^next:
    vm.return
  }
  // Transitive through a plain call.
  // CHECK: vm.func private @mid() attributes {test.may_suspend_any_import, test.may_suspend_declared}
  vm.func private @mid() {
    // CHECK: vm.call @yields() {test.suspension_point}
    vm.call @yields() : () -> ()
    vm.return
  }
  // A non-yield import: suspends only under AnyImport.
  // CHECK: vm.func @plain() -> i64 attributes {test.may_suspend_any_import} {
  vm.func @plain() -> i64 {
    // CHECK: vm.call @io.now() {test.suspension_point}
    %0 = vm.call @io.now() : () -> i64
    vm.return %0 : i64
  }
  // A yieldable call to a function that never suspends: declared
  // yieldable, but no suspension point for the C target.
  // CHECK: vm.func @declared_only() -> i32 attributes {test.declares_suspension, test.may_suspend_declared} {
  vm.func @declared_only() -> i32 {
    // CHECK: vm.call.yieldable @leaf() : () -> ^bb1 (i32){{$}}
    vm.call.yieldable @leaf() : () -> ^done(i32)
  ^done(%r : i32):
    vm.return %r : i32
  }
  // CHECK: vm.func private @leaf() -> i32 {
  vm.func private @leaf() -> i32 {
    %c = vm.const.i32 7
    vm.return %c : i32
  }
  // Recursion without suspension stays non-suspending.
  // CHECK: vm.func private @loop(%{{.+}}: i32) {
  vm.func private @loop(%x : i32) {
    vm.call @loop(%x) : (i32) -> ()
    vm.return
  }
  vm.export @plain
  vm.export @declared_only
}
