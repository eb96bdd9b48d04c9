// A call of a function the check module does not have: no declaration is
// inserted and the verifier reports the call.
vm.module @unknown_runtime {
  vm.func @f() {
    %one = vm.const.i32 1
    vm.call @check.expect_maybe(%one) : (i32) -> ()
    vm.return
  }
}
