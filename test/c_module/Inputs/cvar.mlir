// Compiled by kiln_add_c_module(STATIC) for c_module_cmake_test.cpp: calls a
// variadic host import and suspends across an import call.
vm.module @cvar {
  vm.import private @host.sum(%a : i32, %rest : i32 ...) -> i32
  vm.import private @host.pairs(%p : tuple<i32, i64> ...) -> i64

  vm.func @sum4(%a: i32, %b: i32, %c: i32, %d: i32) -> i32 {
    %r = vm.call.variadic @host.sum(%a, [%b, %c, %d]) : (i32, i32 ...) -> i32
    vm.return %r : i32
  }
  vm.export @sum4

  vm.func @sum_none(%a: i32) -> i32 {
    %r = vm.call.variadic @host.sum(%a, []) : (i32, i32 ...) -> i32
    vm.return %r : i32
  }
  vm.export @sum_none

  vm.func @pairs(%a: i32, %b: i64, %c: i32, %d: i64) -> i64 {
    %r = vm.call.variadic @host.pairs([(%a, %b), (%c, %d)]) : (tuple<i32, i64> ...) -> i64
    vm.return %r : i64
  }
  vm.export @pairs
}
