// The control flow, call and debug ops also work inside a func.func, with
// func.func callees (variadic arguments marked `vm.variadic`). This file
// needs no other vm op family.
// RUN: vm-opt -split-input-file %s | vm-opt -split-input-file | FileCheck %s
// RUN: vm-opt -split-input-file --canonicalize %s | FileCheck %s --check-prefix=FOLD

func.func private @callee(i32) -> i32
func.func private @gather(i32, !vm.buffer {vm.variadic}) -> i32
func.func private @pairs(tuple<i32, i64> {vm.variadic})

// CHECK-LABEL: func.func @everything
// FOLD-LABEL: func.func @everything
func.func @everything(%c: i32, %x: i64, %b: !vm.buffer) -> i32 {
  // CHECK: vm.br ^bb1(%arg0 : i32)
  vm.br ^bb1(%c : i32)
^bb1(%i: i32):
  // CHECK: vm.cond_br %{{.+}}, ^bb2, ^bb3(%arg1 : i64)
  vm.cond_br %i, ^bb2, ^bb3(%x : i64)
^bb2:
  //      CHECK: vm.br_table %arg0 {
  // CHECK-NEXT:   default: ^bb3(%arg1 : i64),
  // CHECK-NEXT:   0: ^bb{{[0-9]+}}
  // CHECK-NEXT: }
  vm.br_table %c {
    default: ^bb3(%x : i64),
    0: ^bb4
  }
^bb3(%y: i64):
  // CHECK: vm.call @callee(%arg0) : (i32) -> i32
  %0 = vm.call @callee(%c) : (i32) -> i32
  // CHECK: vm.call.variadic @gather(%arg0, [%arg2, %arg2]) : (i32, !vm.buffer ...) -> i32
  %1 = vm.call.variadic @gather(%c, [%b, %b]) : (i32, !vm.buffer ...) -> i32
  // CHECK: vm.call.variadic @pairs([(%arg0, %arg1)]) : (tuple<i32, i64> ...)
  vm.call.variadic @pairs([(%c, %x)]) : (tuple<i32, i64> ...)
  // CHECK: vm.cond_fail %arg0, %{{.+}}, "bad"
  vm.cond_fail %c, %0, "bad"
  // CHECK: vm.trace "t"(%arg0, %arg2) : i32, !vm.buffer
  vm.trace "t"(%c, %b) : i32, !vm.buffer
  // CHECK: vm.print "p"(%arg1) : i64
  vm.print "p"(%x) : i64
  // CHECK: vm.check.eq %arg0, %{{.+}}, "same" : i32
  vm.check.eq %c, %1, "same" : i32
  // CHECK: vm.optimization_barrier %arg0, %arg2 : i32, !vm.buffer
  %2:2 = vm.optimization_barrier %c, %b : i32, !vm.buffer
  // CHECK: vm.call.yieldable @callee(%{{.+}}) : (i32) -> ^bb{{[0-9]+}} (i32)
  vm.call.yieldable @callee(%2#0) : (i32) -> ^bb5(i32)
^bb5(%r: i32):
  // CHECK: vm.break ^bb{{[0-9]+}}(%{{.+}} : i32)
  vm.break ^bb6(%r : i32)
^bb6(%s: i32):
  // CHECK: vm.cond_break %arg0, ^bb{{[0-9]+}}
  vm.cond_break %c, ^bb4
^bb4:
  // CHECK: vm.fail %arg0, "end"
  vm.fail %c, "end"
}

// -----

// FOLD-LABEL: func.func @folds
func.func @folds(%x: i32, %y: i32, %code: i32) -> i32 {
  %zero = arith.constant 0 : i32
  %one = arith.constant 1 : i32
  // FOLD-NEXT: vm.cond_br %arg0, ^bb2(%arg2 : i32), ^bb1
  // FOLD-NEXT: ^bb1:
  // FOLD-NEXT: return %arg1 : i32
  // FOLD-NEXT: ^bb2(%[[S:.+]]: i32):
  // FOLD-NEXT: vm.fail %[[S]], "maybe"
  vm.cond_fail %zero, %code, "never"
  vm.cond_fail %x, %code, "maybe"
  vm.cond_br %one, ^bb1(%x : i32), ^bb3(%y : i32)
^bb1(%a: i32):
  vm.br_table %one {
    default: ^bb3(%a : i32),
    0: ^bb3(%a : i32),
    1: ^bb2
  }
^bb2:
  vm.cond_break %zero, ^bb3(%y : i32)
^bb3(%v: i32):
  return %v : i32
}
