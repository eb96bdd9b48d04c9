// Compiled by kiln_add_c_module(STATIC) for c_module_cmake_test.cpp: a ref
// argument held across a suspension.
vm.module @csusp {
  vm.func @hold(%b: !vm.buffer) -> i64 {
    vm.yield ^next
  ^next:
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @hold
}
