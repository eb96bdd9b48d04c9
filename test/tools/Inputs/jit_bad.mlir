// Does not verify: run_module_jit_mlir.mlir expects the diagnostic.
vm.module @bad {
  vm.func @f() -> i32 {
    vm.return
  }
}
