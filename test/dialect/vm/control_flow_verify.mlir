// Verifier errors of the branch, failure, yield and import.resolved ops.
// RUN: vm-opt -split-input-file -verify-diagnostics %s

vm.module @m {
  vm.func @br_too_few_operands(%x : i32) -> i32 {
    // expected-error @+1 {{branch has 1 operands for successor #0, but target block has 2}}
    vm.br ^bb1(%x : i32)
  ^bb1(%a : i32, %b : i32):
    vm.return %a : i32
  }
}

// -----

vm.module @m {
  vm.func @br_wrong_type(%x : i64) -> i32 {
    // expected-error @+1 {{type mismatch for bb argument #0 of successor #0}}
    vm.br ^bb1(%x : i64)
  ^bb1(%a : i32):
    vm.return %a : i32
  }
}

// -----

vm.module @m {
  vm.func @cond_br_wrong_operands(%c : i32, %x : i32) -> i32 {
    // expected-error @+1 {{branch has 0 operands for successor #1, but target block has 1}}
    vm.cond_br %c, ^bb1(%x : i32), ^bb1
  ^bb1(%a : i32):
    vm.return %a : i32
  }
}

// -----

vm.module @m {
  vm.func @cond_br_i64_condition(%c : i64) {
    // expected-error @+1 {{operand #0 must be 32-bit signless integer}}
    "vm.cond_br"(%c)[^bb1, ^bb1] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i64) -> ()
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @br_not_last(%x : i32) {
    // expected-error @+1 {{operation with block successors must terminate its parent block}}
    vm.br ^bb1
    vm.return
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @br_table_wrong_operands(%i : i32, %x : i64) -> i64 {
    // expected-error @+1 {{branch has 0 operands for successor #2, but target block has 1}}
    vm.br_table %i {
      default: ^bb1(%x : i64),
      0: ^bb1(%x : i64),
      1: ^bb1
    }
  ^bb1(%v : i64):
    vm.return %v : i64
  }
}

// -----

vm.module @m {
  vm.func @br_table_cases_out_of_order(%i : i32) {
    vm.br_table %i {
      default: ^bb1,
      // expected-error @+1 {{expected case 0, got case 1 (cases must be numbered 0, 1, 2, ... in order)}}
      1: ^bb1
    }
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @br_table_case_groups_mismatch(%i : i32) {
    // expected-error @+1 {{has 2 case destinations but 1 case operand groups}}
    "vm.br_table"(%i)[^bb1, ^bb1, ^bb1] <{case_operand_segments = array<i32: 0>, operandSegmentSizes = array<i32: 1, 0, 0>}> : (i32) -> ()
  ^bb1:
    vm.return
  }
}

// -----

vm.module @m {
  vm.func @fail_with_ok() {
    %ok = arith.constant 0 : i32
    // expected-error @+1 {{status is 0 (OK); a failure needs an error status}}
    vm.fail %ok, "not really"
  }
}

// -----

vm.module @m {
  vm.func @cond_fail_with_ok(%c : i32) {
    %ok = arith.constant 0 : i32
    // expected-error @+1 {{status is 0 (OK); a failure needs an error status}}
    vm.cond_fail %c, %ok
    vm.return
  }
}

// -----

vm.module @m {
  // expected-note @+1 {{prior use here}}
  vm.func @cond_fail_i64_status(%c : i32, %s : i64) {
    // expected-error @+1 {{use of value '%s' expects different type than prior uses: 'i32' vs 'i64'}}
    vm.cond_fail %c, %s
    vm.return
  }
}

// -----

func.func @yield_outside_vm_func() {
  // expected-error @+1 {{expects parent op 'vm.func'}}
  vm.yield ^bb1
^bb1:
  return
}

// -----

vm.module @m {
  vm.func @not_an_import() {
    vm.return
  }
  vm.func @resolved_func() -> i32 {
    // expected-error @+1 {{@not_an_import is a 'vm.func', not a 'vm.import'}}
    %0 = vm.import.resolved @not_an_import : i32
    vm.return %0 : i32
  }
}

// -----

vm.module @m {
  vm.func @resolved_missing() -> i32 {
    // expected-error @+1 {{@nowhere does not reference a symbol}}
    %0 = vm.import.resolved @nowhere : i32
    vm.return %0 : i32
  }
}
