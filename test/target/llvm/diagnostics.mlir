// What the LLVM form cannot do yet is a diagnostic, never a crash.
// RUN: vm-translate --vm-to-llvm-ir --vm-llvm-debug-info -verify-diagnostics %s -o /dev/null
// RUN: not vm-translate --vm-to-llvm-ir --target-triple=riscv64-unknown-linux-gnu %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TRIPLE
// TRIPLE: the LLVM form targets the host ({{.*}}) only yet, not riscv64-unknown-linux-gnu

// expected-error @+1 {{the LLVM form does not support DWARF line tables yet}}
vm.module @m {
  vm.func @f() -> i32 {
    %c = vm.const.i32 1
    vm.return %c : i32
  }
  vm.export @f
}
