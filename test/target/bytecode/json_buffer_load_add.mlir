// RUN: vm-translate --vm-to-bytecode-json -split-input-file %s | FileCheck %s

// A reduction body: the vm.buffer.load.i32 whose only user is the
// vm.add.i32 right after it becomes one BUFFER_LOAD_ADD_I32 (dst, acc,
// buffer, index); with the fused latch an element costs two instructions.
// CHECK-LABEL: "disassembly": [
// CHECK: "[[LOOP:[0-9a-f]+]]: BUFFER_LOAD_ADD_I32 s[[ACC:[0-9]+]], s[[ACC]], r0, s[[I:[0-9]+]]"
// CHECK-NEXT: ADD_BR_IF_LT_I64_U s[[I]], s[[I]], 1, s{{[0-9]+}}, ^[[LOOP]]"
// CHECK-NOT: BUFFER_LOAD_I32
// CHECK: ]
vm.module @m {
  vm.func @reduce_i32(%buf: !vm.buffer) -> i32 {
    %bytes = vm.buffer.length %buf : !vm.buffer -> i64
    %c4 = vm.const.i64 4
    %count = vm.div.i64.u %bytes, %c4 : i64
    %zero = vm.const.i64.zero
    %izero = vm.const.i32.zero
    %one = vm.const.i64 1
    vm.br ^loop(%zero, %izero : i64, i32)
  ^loop(%i: i64, %acc: i32):
    %more = vm.cmp.lt.i64.u %i, %count : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %v = vm.buffer.load.i32 %buf[%i] : !vm.buffer -> i32
    %acc1 = vm.add.i32 %acc, %v : i32
    %i1 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i1, %acc1 : i64, i32)
  ^exit:
    vm.return %acc : i32
  }
}

// -----

// The loaded value is used again after the add: no fusion, the load keeps
// its register. The loaded value on the left of the add fuses the same way.
// CHECK-LABEL: "disassembly": [
// CHECK: BUFFER_LOAD_I32 s[[V:[0-9]+]], r0, s0"
// CHECK-NEXT: ADD_I32 s{{[0-9]+}}, s{{[0-9]+}}, s{{[0-9]+}}"
// CHECK: BUFFER_LOAD_ADD_I32 s{{[0-9]+}}, s{{[0-9]+}}, r0!, s1"
// CHECK: ]
vm.module @m {
  vm.func @twice(%buf: !vm.buffer, %i: i64, %j: i64, %x: i32) -> (i32, i32, i32) {
    %v = vm.buffer.load.i32 %buf[%i] : !vm.buffer -> i32
    %s = vm.add.i32 %x, %v : i32
    %w = vm.buffer.load.i32 %buf[%j] : !vm.buffer -> i32
    %t = vm.add.i32 %w, %s : i32
    vm.return %s, %v, %t : i32, i32, i32
  }
}
