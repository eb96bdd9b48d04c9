// A call into a module the runtime does not ship: left to the verifier.
vm.module @unknown_module {
  vm.func @f() {
    %one = vm.const.i32 1
    vm.call @mystery.f(%one) : (i32) -> ()
    vm.return
  }
}
