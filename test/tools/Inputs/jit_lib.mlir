// The bytecode library run_module_jit_mlir.mlir's JIT module imports from.
vm.module @lib {
  vm.export @twice
  vm.func @twice(%a: i32) -> i32 {
    %r = vm.add.i32 %a, %a : i32
    vm.return %r : i32
  }
}
