// More initial values than one function's registers could hold at once go
// into noinline chunk functions of 4096 stores that @__init calls in order.
// RUN: python3 %S/../../bench/compile/gen_axes.py globals 13000 > %t.mlir
// RUN: vm-opt --vm-bytecode-preparation %t.mlir | FileCheck %s
// RUN: vm-translate --vm-to-bytecode %t.mlir -o /dev/null
// CHECK-DAG: vm.func private @__init_globals_0() attributes {noinline
// CHECK-DAG: vm.func private @__init_globals_1() attributes {noinline
// CHECK-DAG: vm.func private @__init_globals_2() attributes {noinline
// CHECK-LABEL: vm.func private @__init()
// CHECK-NEXT: vm.call @__init_globals_0() : () -> ()
// CHECK-NEXT: vm.call @__init_globals_1() : () -> ()
// CHECK-NEXT: vm.call @__init_globals_2() : () -> ()
