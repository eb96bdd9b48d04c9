// A module without exports translates with a warning: nothing outside it
// can call it.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb 2>&1 | FileCheck %s
// RUN: vm-translate --vm-to-c %s -o %t.c 2>&1 | FileCheck %s
// CHECK: warning: module @quiet has no exports: nothing outside it can call it
vm.module @quiet {
  vm.func @f() {
    vm.return
  }
}
