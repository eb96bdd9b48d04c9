// An executable module whose export does not have the kernel ABI's
// signature: hal.executable.create refuses it, naming the kernel.
vm.module @bad_kernels {
  vm.func @wrong(%x : i32) -> i32 {
    vm.return %x : i32
  }
  vm.export @wrong
}
