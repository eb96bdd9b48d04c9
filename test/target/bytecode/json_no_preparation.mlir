// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-no-preparation %s | FileCheck %s

// Without the preparation pipeline ops are encoded exactly as written (the
// canonicalizer would turn vm.cond_fail into a branch to a vm.fail).
// Failure messages and print names go through the string table.

// CHECK-LABEL: "disassembly": [
// CHECK-NEXT: "0000: COND_FAIL s0, s1, \"bad input\""
// CHECK-NEXT: "000a: COND_FAIL s1, s1, \"\""
// CHECK-NEXT: "0014: PRINT \"values\", (i:s0, i:s1)"
// CHECK-NEXT: "0022: CMP_LTE_I32_S s0, s1, s0"
// CHECK-NEXT: "002a: FAIL s0, \"unreachable\""
// CHECK-NEXT: ]
// CHECK: "strings": [
// CHECK-NEXT: "bad input",
// CHECK-NEXT: "",
// CHECK-NEXT: "values",
// CHECK-NEXT: "unreachable"
vm.module @m {
  vm.func @failures(%c: i32, %status: i32) {
    vm.cond_fail %c, %status, "bad input"
    vm.cond_fail %status
    vm.print "values"(%c, %status) : i32, i32
    // gte has no opcode: it is encoded as lte with swapped operands.
    %ge = vm.cmp.gte.i32.s %c, %status : i32
    vm.fail %ge, "unreachable"
  }
}
