// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=count --input=2 --trace 2>%t.trace | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s < %t.trace
// RUN: run-module --module=%t.vmfb --function=count --input=2 2>&1 | FileCheck %s --check-prefix=QUIET

// run-module --trace prints every executed instruction on stderr, before it
// runs: module.function, hex offset, disassembly, source location. Results
// stay on stdout.

// OUT: i32=2
// OUT-NOT: [trace]

// CHECK:      [trace] t.count 0000: CONST_I32 s1, 0  ; count.mlir:2:10
// CHECK-NEXT: [trace] t.count 0008: BR_IF_LTE_I32_S s0, s1, ^[[EXIT:[0-9a-f]+]]  ; count.mlir:4:5
// CHECK-NEXT: [trace] t.count [[BODY:[0-9a-f]+]]: ADD_BR_IF_LT_I32_S s1, s1, 1, s0, ^[[BODY]]  ; count.mlir:6:10
// CHECK-NEXT: [trace] t.count [[BODY]]: ADD_BR_IF_LT_I32_S s1, s1, 1, s0, ^[[BODY]]  ; count.mlir:6:10
// CHECK-NEXT: [trace] t.count [[EXIT]]: RETURN ({{.*}})  ; count.mlir:8:5
// CHECK-NOT:  [trace]

// QUIET-NOT: [trace]
// QUIET: i32=2
vm.module @t {
  vm.func @count(%n: i32) -> i32 {
    %zero = vm.const.i32.zero loc("count.mlir":2:10)
    %one = vm.const.i32 1 loc("count.mlir":3:10)
    vm.br ^loop(%zero : i32) loc("count.mlir":4:5)
  ^loop(%i: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32 loc("count.mlir":4:5)
    vm.cond_br %more, ^body, ^exit loc("count.mlir":4:5)
  ^body:
    %i1 = vm.add.i32 %i, %one : i32 loc("count.mlir":6:10)
    vm.br ^loop(%i1 : i32) loc("count.mlir":4:5)
  ^exit:
    vm.return %i : i32 loc("count.mlir":8:5)
  }
  vm.export @count
}
