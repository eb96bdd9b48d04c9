// RUN: vm-translate --vm-to-bytecode-json -split-input-file %s | FileCheck %s

// A while-shaped loop (test at the top): the back edge ends in a copy of
// the test instead of a BR to it (loop rotation), and the copy fuses with
// the increment before it, so an iteration runs two instructions, not four.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: CONST_I32 s1, 0"
// CHECK-NEXT: "0008: MOV s2, s1"
// CHECK-NEXT: "000e: BR_IF_LTE_I32_S s0, s1, ^0030"
// CHECK-NEXT: "0018: ADD_I32 s2, s2, s1"
// CHECK-NEXT: "0020: ADD_BR_IF_LT_I32_S s1, s1, 1, s0, ^0018"
// CHECK-NEXT: "0030: RETURN (s2)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @while_sum(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
}

// -----

// A compare against a constant fuses into BR_IF_*_IMM; the constant is not
// materialized when the subtraction folds it too. The branch on false uses
// the negated relation (n < 2 false: n >= 2).
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: BR_IF_GTE_I32_S_IMM s0, 2, ^0012"
// CHECK-NEXT: "000c: RETURN (s0)"
// CHECK-NEXT: "0012: ADD_I32_IMM s0, s0, -2"
// CHECK-NEXT: "001c: RETURN (s0)"
// CHECK-NEXT: ]
vm.module @m {
  vm.func @f(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^base, ^rest
  ^base:
    vm.return %n : i32
  ^rest:
    %m = vm.sub.i32 %n, %c2 : i32
    vm.return %m : i32
  }
}

// -----

// Constant on the left mirrors the relation (7 <u x is x >u 7); a constant
// still read elsewhere keeps its register; i64 compares keep the register
// form.
// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: CONST_I32 s{{[0-9]+}}, 7"
// CHECK-NEXT: "0008: BR_IF_LTE_I32_U_IMM s0, 7, ^{{[0-9a-f]+}}"
// CHECK: "{{[0-9a-f]+}}: MUL_I32
// CHECK: BR_IF_LT_I64_S
vm.module @m {
  vm.func @g(%x: i32, %a: i64, %b: i64) -> i32 {
    %c7 = vm.const.i32 7
    %gt = vm.cmp.lt.i32.u %c7, %x : i32
    vm.cond_br %gt, ^big, ^small
  ^big:
    %p = vm.mul.i32 %x, %c7 : i32
    %lt = vm.cmp.lt.i64.s %a, %b : i64
    vm.cond_br %lt, ^ret(%p : i32), ^ret(%x : i32)
  ^small:
    vm.return %c7 : i32
  ^ret(%r: i32):
    vm.return %r : i32
  }
}

// -----

// An i64 counted loop with an unsigned bound (the shape of a buffer walk):
// ADD_BR_IF_LT_I64_U. A label between the add and the test (here: the
// test block has another predecessor) keeps them apart.
// CHECK-LABEL: "disassembly": [
// CHECK: ADD_BR_IF_LT_I64_U s[[I:[0-9]+]], s[[I]], 1, s{{[0-9]+}}, ^
// CHECK: "disassembly": [
// CHECK: ADD_I64_IMM
// CHECK-NOT: ADD_BR_IF
// CHECK: ]
vm.module @m {
  vm.func @walk(%n: i64) -> i64 {
    %zero = vm.const.i64.zero
    %one = vm.const.i64 1
    vm.br ^loop(%zero, %zero : i64, i64)
  ^loop(%i: i64, %acc: i64):
    %more = vm.cmp.lt.i64.u %i, %n : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.xor.i64 %acc, %i : i64
    %i1 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i1, %acc1 : i64, i64)
  ^exit:
    vm.return %acc : i64
  }
  vm.func @join(%a: i64, %n: i64, %c: i32) -> i64 {
    %one = vm.const.i64 1
    %a1 = vm.add.i64 %a, %one : i64
    vm.cond_br %c, ^test(%a1 : i64), ^test(%n : i64)
  ^test(%x: i64):
    %lt = vm.cmp.lt.i64.s %x, %n : i64
    vm.cond_br %lt, ^yes, ^no
  ^yes:
    vm.return %x : i64
  ^no:
    vm.return %n : i64
  }
}
