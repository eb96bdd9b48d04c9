// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s

// Code the inliner moved into @f keeps the name of the function it came
// from: the debug database records it per location ([name]) with the call
// site as its caller (<-), one level per inlining.

// CHECK: "locations": [
// CHECK-DAG: "{{[0-9]+}}: [leaf] leaf.mlir:2:5 <- [mid] mid.mlir:7:5 <- f.mlir:20:3"
// CHECK-DAG: "{{[0-9]+}}: f.mlir:21:3"
vm.module @dbg {
  vm.func private @leaf(%a: i32) -> i32 {
    %s = vm.mul.i32 %a, %a : i32 loc("leaf.mlir":2:5)
    vm.return %s : i32 loc("leaf.mlir":3:5)
  }
  vm.func private @mid(%a: i32) -> i32 {
    %s = vm.call @leaf(%a) : (i32) -> i32 loc("mid.mlir":7:5)
    vm.return %s : i32 loc("mid.mlir":8:5)
  }
  vm.func @f(%a: i32) -> i32 {
    %t = vm.call @mid(%a) : (i32) -> i32 loc("f.mlir":20:3)
    vm.return %t : i32 loc("f.mlir":21:3)
  }
  vm.export @f
}
