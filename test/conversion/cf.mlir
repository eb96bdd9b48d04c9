// RUN: vm-opt --convert-to-vm %s | FileCheck %s

// CHECK-LABEL: vm.func @branches
func.func @branches(%c: i1, %a: i32) -> i32 {
  // CHECK: vm.cond_br %{{.*}}, ^bb1(%{{.*}} : i32), ^bb2
  cf.cond_br %c, ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  // CHECK: vm.br ^bb2
  cf.br ^bb2
^bb2:
  return %a : i32
}

// CHECK-LABEL: vm.func @dense_switch
func.func @dense_switch(%f: i32, %a: i32) -> i32 {
  // CHECK: %[[IDX:.*]] = vm.sub.i32 %{{.*}}, %{{.*}} : i32
  // CHECK: vm.br_table %[[IDX]] {
  // CHECK-NEXT: default: ^bb3(%{{.*}} : i32),
  // CHECK-NEXT: 0: ^bb1,
  // CHECK-NEXT: 1: ^bb3(%{{.*}} : i32),
  // CHECK-NEXT: 2: ^bb2
  // CHECK-NEXT: }
  cf.switch %f : i32, [
    default: ^bb3(%a : i32),
    1: ^bb1,
    3: ^bb2
  ]
^bb1:
  return %f : i32
^bb2:
  return %a : i32
^bb3(%r: i32):
  return %r : i32
}

// CHECK-LABEL: vm.func @i64_switch
func.func @i64_switch(%f: i64) -> i32 {
  // CHECK: vm.cmp.lt.i64.u
  // CHECK: vm.trunc.i64.i32
  // CHECK: vm.select.i32
  // CHECK: vm.br_table
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  cf.switch %f : i64, [
    default: ^bb1(%c0 : i32),
    0: ^bb1(%c1 : i32)
  ]
^bb1(%r: i32):
  return %r : i32
}

// CHECK-LABEL: vm.func @sparse_switch
func.func @sparse_switch(%f: i32) -> i32 {
  // CHECK: vm.cmp.eq.i32
  // CHECK: vm.cond_br %{{.*}}, ^bb{{[0-9]+}}(%{{.*}} : i32), ^[[NEXT:bb[0-9]+]]
  // CHECK: ^[[NEXT]]:
  // CHECK: vm.cmp.eq.i32
  // CHECK: vm.cond_br
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  cf.switch %f : i32, [
    default: ^bb1(%c0 : i32),
    10: ^bb1(%c1 : i32),
    100000: ^bb1(%c0 : i32)
  ]
^bb1(%r: i32):
  return %r : i32
}

// CHECK-LABEL: vm.func @assert
func.func @assert(%c: i1) {
  // CHECK-DAG: %[[NOT:.*]] = vm.xor.i32
  // CHECK-DAG: %[[ST:.*]] = vm.const.i32 9
  // CHECK: vm.cond_fail %[[NOT]], %[[ST]], "must hold"
  cf.assert %c, "must hold"
  return
}
