// RUN: vm-opt -split-input-file %s | FileCheck %s
// RUN: vm-opt -split-input-file --vm-inline="max-ops=0 max-single-site-ops=0" %s | FileCheck %s --check-prefix=INLINE

// IREE's inliner hints round-trip, and vm-inline follows them even where its
// size limits say otherwise.
// CHECK-LABEL: vm.module public @hints
vm.module @hints {
  // CHECK: vm.func private @never({{.*}}) -> i32 attributes {inlining_policy = #util.inline.never}
  vm.func private @never(%x : i32) -> i32 attributes {inlining_policy = #util.inline.never} {
    vm.return %x : i32
  }
  // CHECK: vm.func private @always({{.*}}) -> i32 attributes {inlining_policy = #util.inline.always}
  vm.func private @always(%x : i32) -> i32 attributes {inlining_policy = #util.inline.always} {
    %0 = vm.add.i32 %x, %x : i32
    vm.return %0 : i32
  }
  // INLINE-LABEL: vm.func @f
  vm.func @f(%x : i32) -> i32 {
    // INLINE: vm.call @never
    %0 = vm.call @never(%x) : (i32) -> i32
    // INLINE-NOT: vm.call @always
    // INLINE: vm.add.i32
    %1 = vm.call @always(%0) : (i32) -> i32
    %2 = vm.call @always(%1) : (i32) -> i32
    vm.return %2 : i32
  }
  vm.export @f
}
