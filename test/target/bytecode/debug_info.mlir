// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s
// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-strip-debug %s | FileCheck %s --check-prefix=STRIP

// Locations map bytecode offsets to source: file:line:col, names (NameLoc)
// and the call sites of inlined code (CallSiteLoc), innermost first.

// CHECK: "debug": true
// CHECK: "locations": [
// CHECK-NEXT: "0000: a.mlir:10:3"
// CHECK-NEXT: "0008: 'sum' a.mlir:11:5"
// CHECK-NEXT: "0010: lib.mlir:2:7 <- a.mlir:12:9"
// CHECK-NEXT: "0018: a.mlir:13:1"
// CHECK-NEXT: ]

// STRIP: "debug": false
// STRIP-NOT: "locations"
vm.module @dbg {
  vm.func @f(%a: i32) -> i32 {
    %c = vm.const.i32 3 loc("a.mlir":10:3)
    %s = vm.mul.i32 %a, %c : i32 loc("sum"("a.mlir":11:5))
    %t = vm.mul.i32 %s, %s : i32 loc(callsite("lib.mlir":2:7 at "a.mlir":12:9))
    vm.return %t : i32 loc("a.mlir":13:1)
  }
}
