// Verifier errors of the debug and check ops.
// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @break_operands(%x : i32) {
    // expected-error @+1 {{branch has 1 operands for successor #0, but target block has 0}}
    vm.break ^bb1(%x : i32)
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @cond_break_operand_type(%c : i32, %x : i64) {
    // expected-error @+1 {{type mismatch for bb argument #0 of successor #0}}
    vm.cond_break %c, ^bb1(%x : i64)
  ^bb1(%y : i32):
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @cond_break_not_last(%c : i32) {
    // expected-error @+1 {{operation with block successors must terminate its parent block}}
    vm.cond_break %c, ^bb1
    vm.return
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @check_mixed_types(%a : i32, %b : i64) {
    // expected-error @+1 {{failed to verify that all of {lhs, rhs} have same type}}
    "vm.check.eq"(%a, %b) : (i32, i64) -> ()
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @check_i8(%a : i8) {
    // expected-error @+1 {{operand #0 must be 32-bit signless integer or 64-bit signless integer or 32-bit float or 64-bit float or ref}}
    vm.check.nz %a : i8
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @barrier_types(%a : i32) {
    // expected-error @+1 {{failed to verify that all of {operands, results} have same type}}
    %0 = "vm.optimization_barrier"(%a) : (i32) -> i64
    vm.return
  }
}
