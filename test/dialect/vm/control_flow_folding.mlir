// Canonicalization of branches, vm.cond_fail and vm.import.resolved.
// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s

vm.module @m {
  // A block entered only from one vm.br is spliced into its predecessor.
  // CHECK-LABEL: vm.func @merge_single_pred
  vm.func @merge_single_pred(%x : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg0 : i32
    vm.br ^bb1(%x : i32)
  ^bb1(%y : i32):
    vm.return %y : i32
  }

  // A block with two predecessors stays; a block that only forwards is
  // skipped.
  // CHECK-LABEL: vm.func @pass_through
  vm.func @pass_through(%c : i32, %x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.cond_br %arg0, ^bb1(%arg1 : i32), ^bb1(%arg2 : i32)
    // CHECK-NEXT: ^bb1(%[[V:.+]]: i32):
    // CHECK-NEXT: vm.return %[[V]] : i32
    vm.cond_br %c, ^bb1(%x : i32), ^bb2
  ^bb1(%a : i32):
    vm.br ^bb3(%a : i32)
  ^bb2:
    vm.br ^bb3(%y : i32)
  ^bb3(%v : i32):
    vm.return %v : i32
  }

  // An infinite loop stays as it is.
  // CHECK-LABEL: vm.func @self_loop
  vm.func @self_loop() {
    // CHECK-NEXT: vm.br ^bb1
    // CHECK-NEXT: ^bb1:
    // CHECK-NEXT: vm.br ^bb1
    vm.br ^bb1
  ^bb1:
    vm.br ^bb1
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @cond_br_true
  vm.func @cond_br_true(%x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg0 : i32
    %c = vm.const.i32 -7
    vm.cond_br %c, ^bb1(%x : i32), ^bb2(%y : i32)
  ^bb1(%a : i32):
    vm.return %a : i32
  ^bb2(%b : i32):
    vm.return %b : i32
  }

  // CHECK-LABEL: vm.func @cond_br_false
  vm.func @cond_br_false(%x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg1 : i32
    %c = vm.const.i32.zero
    vm.cond_br %c, ^bb1(%x : i32), ^bb2(%y : i32)
  ^bb1(%a : i32):
    vm.return %a : i32
  ^bb2(%b : i32):
    vm.return %b : i32
  }

  // CHECK-LABEL: vm.func @cond_br_same_target
  vm.func @cond_br_same_target(%c : i32, %x : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg1 : i32
    vm.cond_br %c, ^bb1(%x : i32), ^bb1(%x : i32)
  ^bb1(%a : i32):
    vm.return %a : i32
  }

  // Same block, different operands: must stay a vm.cond_br.
  // CHECK-LABEL: vm.func @cond_br_same_target_other_args
  vm.func @cond_br_same_target_other_args(%c : i32, %x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.cond_br %arg0, ^bb1(%arg1 : i32), ^bb1(%arg2 : i32)
    vm.cond_br %c, ^bb1(%x : i32), ^bb1(%y : i32)
  ^bb1(%a : i32):
    vm.return %a : i32
  }
}

// -----

vm.module @m {
  // CHECK-LABEL: vm.func @br_table_const_case
  vm.func @br_table_const_case(%x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg1 : i32
    %c1 = vm.const.i32 1
    vm.br_table %c1 {
      default: ^bb1(%x : i32),
      0: ^bb1(%x : i32),
      1: ^bb1(%y : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }

  // An index past the last case takes the default.
  // CHECK-LABEL: vm.func @br_table_const_too_big
  vm.func @br_table_const_too_big(%x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg0 : i32
    %c2 = vm.const.i32 2
    vm.br_table %c2 {
      default: ^bb1(%x : i32),
      0: ^bb1(%y : i32),
      1: ^bb1(%y : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }

  // So does a negative one.
  // CHECK-LABEL: vm.func @br_table_const_negative
  vm.func @br_table_const_negative(%x : i32, %y : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg0 : i32
    %cm1 = vm.const.i32 -1
    vm.br_table %cm1 {
      default: ^bb1(%x : i32),
      0: ^bb1(%y : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }

  // CHECK-LABEL: vm.func @br_table_no_cases
  vm.func @br_table_no_cases(%i : i32, %x : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg1 : i32
    vm.br_table %i {
      default: ^bb1(%x : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }

  // CHECK-LABEL: vm.func @br_table_all_default
  vm.func @br_table_all_default(%i : i32, %x : i32) -> i32 {
    // CHECK-NEXT: vm.return %arg1 : i32
    vm.br_table %i {
      default: ^bb1(%x : i32),
      0: ^bb1(%x : i32),
      1: ^bb1(%x : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }

  // CHECK-LABEL: vm.func @br_table_kept
  vm.func @br_table_kept(%i : i32, %x : i32, %y : i32) -> i32 {
    //      CHECK: vm.br_table %arg0 {
    // CHECK-NEXT:   default: ^bb1(%arg1 : i32),
    // CHECK-NEXT:   0: ^bb1(%arg2 : i32)
    // CHECK-NEXT: }
    vm.br_table %i {
      default: ^bb1(%x : i32),
      0: ^bb1(%y : i32)
    }
  ^bb1(%v : i32):
    vm.return %v : i32
  }
}

// -----

vm.module @m {
  // vm.cond_fail becomes a branch to a failing block.
  // CHECK-LABEL: vm.func @cond_fail_expanded
  vm.func @cond_fail_expanded(%c : i32, %code : i32) -> i32 {
    // CHECK-NEXT: vm.cond_br %arg0, ^bb2(%arg1 : i32), ^bb1
    // CHECK-NEXT: ^bb1:
    // CHECK-NEXT: vm.return %arg1 : i32
    // CHECK-NEXT: ^bb2(%[[S:.+]]: i32):
    // CHECK-NEXT: vm.fail %[[S]], "went wrong"
    vm.cond_fail %c, %code, "went wrong"
    vm.return %code : i32
  }

  // The single-operand form fails when the status is not OK.
  // CHECK-LABEL: vm.func @cond_fail_status_only
  vm.func @cond_fail_status_only(%code : i32) {
    // CHECK-NEXT: vm.cond_br %arg0, ^bb2(%arg0 : i32), ^bb1
    // CHECK-NEXT: ^bb1:
    // CHECK-NEXT: vm.return
    // CHECK-NEXT: ^bb2(%[[S:.+]]: i32):
    // CHECK-NEXT: vm.fail %[[S]]{{$}}
    vm.cond_fail %code
    vm.return
  }

  // CHECK-LABEL: vm.func @cond_fail_never
  vm.func @cond_fail_never(%code : i32) {
    // CHECK-NEXT: vm.return
    %zero = vm.const.i32.zero
    vm.cond_fail %zero, %code, "never"
    vm.return
  }

  // CHECK-LABEL: vm.func @cond_fail_always
  vm.func @cond_fail_always(%code : i32) {
    // CHECK-NEXT: vm.fail %arg0, "always"
    // CHECK-NOT: vm.return
    %one = vm.const.i32 1
    vm.cond_fail %one, %code, "always"
    vm.return
  }
}

// -----

vm.module @m {
  vm.import private @required(%x : i32) -> i32
  vm.import private optional @optional(%x : i32) -> i32
  // CHECK-LABEL: vm.func @resolved
  vm.func @resolved() -> (i32, i32) {
    // CHECK-DAG: %[[ONE:.+]] = vm.const.i32 1
    // CHECK-DAG: %[[OPT:.+]] = vm.import.resolved @optional : i32
    // CHECK-NOT: vm.import.resolved @required
    // CHECK: vm.return %[[ONE]], %[[OPT]] : i32, i32
    %0 = vm.import.resolved @required : i32
    %1 = vm.import.resolved @optional : i32
    vm.return %0, %1 : i32, i32
  }
}

// -----

// An inverted comparison feeding a branch swaps the branch's sides instead.
// CHECK-LABEL: @cond_br_on_inverted_cmp
vm.module @m {
  vm.func @cond_br_on_inverted_cmp(%a : i32, %b : i32) -> i32 {
    %one = vm.const.i32 1
    // CHECK: %[[LT:.+]] = vm.cmp.lt.i32.s
    // CHECK-NOT: vm.xor.i32
    // CHECK: vm.cond_br %[[LT]], ^bb2, ^bb1
    %lt = vm.cmp.lt.i32.s %a, %b : i32
    %ge = vm.xor.i32 %lt, %one : i32
    vm.cond_br %ge, ^bb1, ^bb2
  ^bb1:
    vm.return %a : i32
  ^bb2:
    vm.return %b : i32
  }
}

// -----

// xor with 1 of a value that is not known to be 0 or 1 is not an inversion.
// CHECK-LABEL: @cond_br_on_xor_of_non_boolean
vm.module @m {
  vm.func @cond_br_on_xor_of_non_boolean(%a : i32) -> i32 {
    %one = vm.const.i32 1
    // CHECK: %[[X:.+]] = vm.xor.i32
    // CHECK: vm.cond_br %[[X]], ^bb1, ^bb2
    %x = vm.xor.i32 %a, %one : i32
    vm.cond_br %x, ^bb1, ^bb2
  ^bb1:
    vm.return %a : i32
  ^bb2:
    vm.return %one : i32
  }
}

// -----

// cond_br already tests for non-zero.
// CHECK-LABEL: @cond_br_on_nz
vm.module @m {
  vm.func @cond_br_on_nz(%a : i32) -> i32 {
    %one = vm.const.i32 1
    // CHECK-NOT: vm.cmp.nz.i32
    // CHECK: vm.cond_br %arg0, ^bb1, ^bb2
    %nz = vm.cmp.nz.i32 %a : i32
    vm.cond_br %nz, ^bb1, ^bb2
  ^bb1:
    vm.return %a : i32
  ^bb2:
    vm.return %one : i32
  }
}
