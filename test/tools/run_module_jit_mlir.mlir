// run-module runs a .mlir file directly: the LLVM target lowers it and the
// JIT compiles it in the process (libkiln_jit_mlir.so, loaded only for such
// modules); a JIT module imports from a bytecode module like any other;
// failures keep their traces and compile errors their file:line:col.
// RUN: run-module --module=%s --function=twice --input=21 | FileCheck %s
// CHECK: i32=42
// RUN: not run-module --module=%s --function=fail_divide --input=0 2>&1 | FileCheck %s --check-prefix=FAIL
// FAIL: error: INVALID_ARGUMENT: {{.*}}division by zero
// FAIL: at jit_mlir.fail_divide @{{[0-9]+}} ({{.*}}run_module_jit_mlir.mlir:{{[0-9]+}}:{{[0-9]+}})
//
// Upstream input, lowered to vm first (as vm-translate does).
// RUN: run-module --module=%S/Inputs/jit_upstream.mlir --function=add --input=40 --input=2 | FileCheck %s
//
// A JIT module calling a bytecode module's export.
// RUN: vm-translate --vm-to-bytecode %S/Inputs/jit_lib.mlir -o %t.lib.vmfb
// RUN: run-module --module=%t.lib.vmfb --module=%s --function=call_lib --input=21 | FileCheck %s
//
// RUN: not run-module --module=%S/Inputs/jit_bad.mlir --function=f 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: INVALID_ARGUMENT: {{.*}}jit_bad.mlir:4:5: error:
// With --fuel or --deadline the module is compiled bounded: its loops stop.
// RUN: not run-module --module=%s --function=spin --fuel=100000 2>&1 | FileCheck %s --check-prefix=FUEL
// FUEL-NOT: warning
// FUEL: error: RESOURCE_EXHAUSTED: out of fuel
// FUEL: at jit_mlir.spin
// RUN: not run-module --module=%s --function=spin --deadline=100 2>&1 | FileCheck %s --check-prefix=DEADLINE
// DEADLINE: error: DEADLINE_EXCEEDED
// RUN: env KILN_JIT_PLUGIN_DIR=%t.nowhere not run-module --module=%s --function=twice 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: error: UNIMPLEMENTED: JIT-compiled modules need the JIT plugin libkiln_jit_mlir.so
vm.module @jit_mlir {
  vm.import private optional @lib.twice(%a: i32) -> i32
  vm.export @twice
  vm.func @twice(%a: i32) -> i32 {
    %r = vm.add.i32 %a, %a : i32
    vm.return %r : i32
  }
  vm.export @call_lib
  vm.func @call_lib(%a: i32) -> i32 {
    %r = vm.call @lib.twice(%a) : (i32) -> i32
    vm.return %r : i32
  }
  vm.export @spin
  vm.func @spin() {
    vm.br ^loop
  ^loop:
    vm.br ^loop
  }
  vm.export @fail_divide
  vm.func @fail_divide(%a: i32) -> i32 {
    %c1 = vm.const.i32 1
    %r = vm.div.i32.s %c1, %a : i32
    vm.return %r : i32
  }
}
