// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @sum
func.func @sum(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: vm.br ^bb1
  // CHECK: ^bb1(%{{.*}}: i64, %{{.*}}: i64):
  // CHECK: vm.cmp.lt.i64.s
  // CHECK: vm.cond_br
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> (index) {
    %s = arith.addi %acc, %i : index
    scf.yield %s : index
  }
  return %r : index
}

// CHECK-LABEL: vm.func @if
func.func @if(%c: i1, %a: f32, %b: f32) -> f32 {
  // CHECK: vm.cond_br
  %r = scf.if %c -> f32 {
    scf.yield %a : f32
  } else {
    scf.yield %b : f32
  }
  return %r : f32
}
