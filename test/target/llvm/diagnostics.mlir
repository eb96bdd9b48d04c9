// What the LLVM form cannot do yet is a diagnostic, never a crash: the ops
// bitcode is built for the host, so another target is refused.
// RUN: not vm-translate --vm-to-llvm-ir --target-triple=riscv64-unknown-linux-gnu %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=TRIPLE
// TRIPLE: error: the LLVM form targets the host ({{.*}}) only yet, not riscv64-unknown-linux-gnu

vm.module @m {
  vm.func @f() -> i32 {
    %c = vm.const.i32 1
    vm.return %c : i32
  }
  vm.export @f
}
