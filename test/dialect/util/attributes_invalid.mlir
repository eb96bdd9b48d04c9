// RUN: vm-opt -split-input-file -verify-diagnostics %s

// The util dialect has the two inliner hints and nothing else.
vm.module @m {
  // expected-error @+1 {{unknown attribute `inline.sometimes` in dialect `util`}}
  vm.func private @f() attributes {inlining_policy = #util.inline.sometimes} {
    vm.return
  }
}
