// RUN: vm-opt --convert-to-vm %s | FileCheck %s
// A module without a name converts into @module.

// CHECK: vm.module public @module
// CHECK: vm.func @f() {
module {
  func.func @f() {
    return
  }
}

// RUN: vm-opt --convert-to-vm=module-name=stem %s | FileCheck %s --check-prefix=STEM
// STEM: vm.module public @stem
