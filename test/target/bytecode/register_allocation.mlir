// RUN: vm-opt -split-input-file --test-vm-register-allocation %s | FileCheck %s

// Arguments take the lowest registers of their bank in signature order; the
// loop's block arguments coalesce with the values the back edge passes, so
// the loop needs no copies.

// CHECK-LABEL: vm.func @loop_sum
// CHECK-SAME: ref_registers = 0 : i32, scalar_registers = 3 : i32
vm.module @m {
  vm.func @loop_sum(%n: i32) -> i32 {
    // CHECK: vm.const.i32.zero {block_registers = ["i0"], result_registers = ["i1"]}
    %c0 = vm.const.i32.zero
    // The constant is only an immediate of the add below.
    // CHECK: vm.const.i32 1 {elided}
    %c1 = vm.const.i32 1
    vm.br ^loop(%c0, %c0 : i32, i32)
  ^loop(%i: i32, %acc: i32):
    // CHECK: vm.add.i32 {{.*}}block_registers = ["i1", "i2"], result_registers = ["i2"]
    %acc2 = vm.add.i32 %acc, %i : i32
    // CHECK: vm.add.i32 {{.*}}result_registers = ["i1"]
    %i2 = vm.add.i32 %i, %c1 : i32
    // The compare fuses into the branch.
    // CHECK: vm.cmp.lt.i32.s {{.*}}elided
    %cond = vm.cmp.lt.i32.s %i2, %n : i32
    vm.cond_br %cond, ^loop(%i2, %acc2 : i32, i32), ^exit(%acc2 : i32)
  ^exit(%r: i32):
    // CHECK: vm.return {{.*}}block_registers = ["i2"]
    vm.return %r : i32
  }
}

// -----

// Scalar and ref arguments are numbered per bank.
// CHECK-LABEL: vm.func @banks
vm.module @m {
  vm.func @banks(%a: i32, %b: !vm.buffer, %c: i64, %d: !vm.buffer) -> i64 {
    // CHECK: vm.buffer.length {{.*}}block_registers = ["i0", "r0", "i1", "r1"]
    // CHECK-SAME: last_ref_uses = ["r0"]
    // CHECK-SAME: result_registers = ["i0"]
    %len = vm.buffer.length %b : !vm.buffer -> i64
    // CHECK: vm.buffer.length {{.*}}last_ref_uses = ["r1"]
    %len2 = vm.buffer.length %d : !vm.buffer -> i64
    %sum = vm.add.i64 %len, %len2 : i64
    %sum2 = vm.add.i64 %sum, %c : i64
    vm.return %sum2 : i64
  }
}

// -----

// A ref live across a call keeps its register; its last use is the second
// call, where it is moved.
// CHECK-LABEL: vm.func @ref_across_call
vm.module @m {
  vm.import private @imp.consume(%buf: !vm.buffer) -> i32
  vm.func @ref_across_call(%buf: !vm.buffer) -> i32 {
    // CHECK: vm.call @imp.consume
    // CHECK-NOT: last_ref_uses
    // CHECK-SAME: result_registers = ["i0"]
    %0 = vm.call @imp.consume(%buf) : (!vm.buffer) -> i32
    // CHECK: vm.call @imp.consume
    // CHECK-SAME: last_ref_uses = ["r0"]
    // CHECK-SAME: result_registers = ["i1"]
    %1 = vm.call @imp.consume(%buf) : (!vm.buffer) -> i32
    %2 = vm.add.i32 %0, %1 : i32
    vm.return %2 : i32
  }
}

// -----

// Values live across a yield stay in their registers; the yield's block
// argument coalesces with the value passed to it.
// CHECK-LABEL: vm.func @yield_keeps_values
vm.module @m {
  vm.func @yield_keeps_values(%a: i32, %list: !vm.list<i32>) -> i32 {
    // CHECK: vm.list.size {{.*}}result_registers = ["i1"]
    %n = vm.list.size %list : (!vm.list<i32>) -> i32
    vm.yield ^resume(%n : i32)
  ^resume(%m: i32):
    // CHECK: vm.list.get.i32 {{.*}}block_registers = ["i1"]
    // CHECK-SAME: last_ref_uses = ["r0"]
    %v = vm.list.get.i32 %list, %a : (!vm.list<i32>, i32) -> i32
    %s = vm.add.i32 %v, %m : i32
    vm.return %s : i32
  }
}

// -----

// Swapping two block arguments is a cycle: the allocator cannot coalesce
// both, and the encoder breaks the cycle with a temporary (see
// json_control_flow.mlir).
// CHECK-LABEL: vm.func @swap
vm.module @m {
  vm.func @swap(%a: i32, %b: i32, %n: i32) -> i32 {
    vm.br ^loop(%a, %b, %n : i32, i32, i32)
  ^loop(%x: i32, %y: i32, %k: i32):
    // CHECK: vm.add.i32 {{.*}}block_registers = ["i0", "i1", "i2"]
    %k2 = vm.add.i32 %k, %k : i32
    %c = vm.cmp.nz.i32 %k2 : i32
    vm.cond_br %c, ^loop(%y, %x, %k2 : i32, i32, i32), ^exit(%x : i32)
  ^exit(%r: i32):
    vm.return %r : i32
  }
}
