// E2E-LIBRARY: compiled only as a dependency of yield_imports.mlir.
// Exports that suspend: callers in another module must suspend with them.
vm.module @ylib {
  // Yields k times, then returns k * 10.
  vm.func @count_yields(%k: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero : i32)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %k : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %i1 = vm.add.i32 %i, %one : i32
    vm.yield ^loop(%i1 : i32)
  ^exit:
    %c10 = vm.const.i32 10
    %r = vm.mul.i32 %k, %c10 : i32
    vm.return %r : i32
  }
  vm.export @count_yields

  vm.func @yield_then_fail() {
    vm.yield ^next
  ^next:
    %code = vm.const.i32 9
    vm.fail %code, "library failed after resuming"
  }
  vm.export @yield_then_fail
}
