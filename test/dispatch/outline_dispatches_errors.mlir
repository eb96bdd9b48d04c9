// RUN: vm-opt --kiln-outline-dispatches=workgroups=0 -verify-diagnostics %s

// expected-error @+1 {{kiln-outline-dispatches: workgroups must be at least 1, not 0}}
module {
  func.func @f() {
    return
  }
}
