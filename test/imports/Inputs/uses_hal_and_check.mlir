// Imports one function of each runtime module, so that run-module registers
// both (their exports are then listed by --list-functions).
vm.module @uses {
  vm.import private @hal.devices.count() -> i32
  vm.import private optional @check.expect_true(%operand : i32)
  vm.func @count() -> i32 {
    %n = vm.call @hal.devices.count() : () -> i32
    vm.call @check.expect_true(%n) : (i32) -> ()
    vm.return %n : i32
  }
  vm.export @count
}
