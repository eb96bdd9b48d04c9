// RUN: vm-opt -split-input-file -verify-diagnostics --vm-global-initialization %s

// expected-error @+1 {{module already defines '__init'; cannot build the initialization function}}
vm.module @taken {
  vm.global.i32 private mutable @g = 1 : i32
  vm.func @get() -> i32 {
    %0 = vm.global.load.i32 @g : i32
    vm.return %0 : i32
  }
  vm.func private @__init() {
    vm.return
  }
}
