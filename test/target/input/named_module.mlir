// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s

// A builtin.module's sym_name names the vm module.
// CHECK: "name": "from_sym_name"
module @from_sym_name {
  func.func @f() {
    return
  }
}
