// REQUIRES: clang-22
// run-module JIT-compiles LLVM IR that implements the C module ABI (here:
// what clang-22 makes of the emitted C), textual (.ll) or bitcode, through
// the kiln_jit plugin it loads only for such modules; failures keep their
// stack traces, and every way to fail is one error line.
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: clang-22 -std=c11 -O2 -fPIC -S -emit-llvm -I %kiln_src/runtime/include %t.c -o %t.ll
// RUN: run-module --module=%t.ll --function=twice --input=21 | FileCheck %s
// RUN: clang-22 -std=c11 -O2 -fPIC -c -emit-llvm -I %kiln_src/runtime/include %t.c -o %t.bc
// RUN: run-module --module=%t.bc --function=twice --input=21 | FileCheck %s
// CHECK: i32=42
//
// RUN: not run-module --module=%t.ll --function=fail_divide --input=0 2>&1 | FileCheck %s --check-prefix=FAIL
// FAIL: error: {{.*}}division by zero
// FAIL: at jit_ir.fail_divide @{{[0-9]+}} ({{.*}}run_module_jit_ir.mlir:{{[0-9]+}}:{{[0-9]+}})
//
// RUN: echo "this is not IR" > %t.bad.ll
// RUN: not run-module --module=%t.bad.ll --function=twice 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: INVALID_ARGUMENT: invalid LLVM IR: {{.*}}bad.ll:1:1: error:
// RUN: printf 'define i32 @f() {\n  ret i32 0\n}\n' > %t.noentry.ll
// RUN: not run-module --module=%t.noentry.ll --function=twice 2>&1 | FileCheck %s --check-prefix=NOENTRY
// NOENTRY: error: INVALID_ARGUMENT: {{.*}}does not define kiln_module_v1_get
// RUN: env KILN_JIT_PLUGIN_DIR=%t.nowhere not run-module --module=%t.ll --function=twice 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: error: UNIMPLEMENTED: JIT-compiled modules need the JIT plugin libkiln_jit_ir.so, which is not installed
vm.module @jit_ir {
  vm.export @twice
  vm.func @twice(%a: i32) -> i32 {
    %r = vm.add.i32 %a, %a : i32
    vm.return %r : i32
  }
  vm.export @fail_divide
  vm.func @fail_divide(%a: i32) -> i32 {
    %c1 = vm.const.i32 1
    %r = vm.div.i32.s %c1, %a : i32
    vm.return %r : i32
  }
}
