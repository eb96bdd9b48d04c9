// Canonicalization of the call ops.
// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  vm.import private @plain(%x : i32) -> i32
  vm.import private @variadic(%x : i32, %rest : i32 ...) -> i32
  // CHECK-LABEL: vm.func @variadic_to_plain
  vm.func @variadic_to_plain(%x : i32) -> (i32, i32) {
    // No variadic segment: an ordinary vm.call.
    // CHECK-NEXT: %[[A:.+]] = vm.call @plain(%arg0) : (i32) -> i32
    %0 = vm.call.variadic @plain(%x) : (i32) -> i32
    // An empty group is still a variadic call.
    // CHECK-NEXT: %[[B:.+]] = vm.call.variadic @variadic(%arg0, []) : (i32, i32 ...) -> i32
    %1 = vm.call.variadic @variadic(%x, []) : (i32, i32 ...) -> i32
    // CHECK-NEXT: vm.return %[[A]], %[[B]]
    vm.return %0, %1 : i32, i32
  }
}

// -----

vm.module @m {
  vm.import private @pure(%x : i32) -> i32 attributes {nosideeffects}
  vm.import private @impure(%x : i32) -> i32
  vm.import private @pure_variadic(%xs : i32 ...) -> i32 attributes {nosideeffects}
  // CHECK-LABEL: vm.func @unused_results
  vm.func @unused_results(%x : i32) -> i32 {
    // The callee has no side effects: unused calls go.
    // CHECK-NOT: vm.call @pure(%arg0) : (i32) -> i32
    %0 = vm.call @pure(%x) : (i32) -> i32
    // CHECK-NOT: vm.call.variadic @pure_variadic
    %1 = vm.call.variadic @pure_variadic([%x, %x]) : (i32 ...) -> i32
    // The call itself is marked: it goes too.
    %2 = vm.call @impure(%x) {nosideeffects} : (i32) -> i32
    // Unmarked calls stay even when unused.
    // CHECK: vm.call @impure(%arg0) : (i32) -> i32
    %3 = vm.call @impure(%x) : (i32) -> i32
    // Used results keep a side-effect-free call.
    // CHECK-NEXT: %[[USED:.+]] = vm.call @pure(%arg0) : (i32) -> i32
    %4 = vm.call @pure(%x) : (i32) -> i32
    // CHECK-NEXT: vm.return %[[USED]] : i32
    vm.return %4 : i32
  }
}
