// RUN: vm-translate --vm-to-bytecode %s -split-input-file -verify-diagnostics -o /dev/null
// RUN: vm-translate --vm-to-c %s -split-input-file -verify-diagnostics -o /dev/null

// Input that cannot be lowered stops both targets with a diagnostic at the
// offending op.

// expected-error @+1 {{argument type 'f16' is not supported by the vm conversion}}
func.func @half(%x: f16) -> f16 {
  // expected-error @+1 {{result type 'f16' is not supported by the vm conversion}}
  %0 = arith.addf %x, %x : f16
  return %0 : f16
}

// -----

vm.module @m {
  vm.func @f() {
    vm.return
  }
}
// expected-error @+1 {{input holds a vm.module and upstream ops side by side}}
func.func @g() {
  return
}

// -----

// expected-error @+1 {{declaration needs a module to import from}}
func.func private @no_module(i32) -> i32
func.func @call(%x: i32) -> i32 {
  %0 = call @no_module(%x) : (i32) -> i32
  return %0 : i32
}
