// run-module's --jit-opt-level: quick (the default: a short IR pipeline and
// the code generator at its lowest level) and 0..3 (LLVM's -O0..-O3) give
// the same results, failures and traces (docs/jit.md).
// RUN: run-module --module=%s --function=sum_to --input=100 | FileCheck %s
// RUN: run-module --module=%s --function=sum_to --input=100 --jit-opt-level=quick | FileCheck %s
// RUN: run-module --module=%s --function=sum_to --input=100 --jit-opt-level=0 | FileCheck %s
// RUN: run-module --module=%s --function=sum_to --input=100 --jit-opt-level=1 | FileCheck %s
// RUN: run-module --module=%s --function=sum_to --input=100 --jit-opt-level=2 | FileCheck %s
// RUN: run-module --module=%s --function=sum_to --input=100 --jit-opt-level=3 | FileCheck %s
// CHECK: i32=5050
// RUN: not run-module --module=%s --function=fail_divide --input=0 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: not run-module --module=%s --function=fail_divide --input=0 --jit-opt-level=2 2>&1 | FileCheck %s --check-prefix=FAIL
// FAIL: error: INVALID_ARGUMENT: {{.*}}division by zero
// FAIL: at jit_levels.fail_divide @{{[0-9]+}} ({{.*}}run_module_jit_levels.mlir:{{[0-9]+}}:{{[0-9]+}})
//
// The default is the quick level: with the opt-in cache, the default and
// quick share one entry, -O2 is another.
// RUN: rm -rf %t.cache && mkdir -p %t.cache
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=sum_to --input=100 | FileCheck %s
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=sum_to --input=100 --jit-opt-level=quick | FileCheck %s
// RUN: ls %t.cache | count 1
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=sum_to --input=100 --jit-opt-level=2 | FileCheck %s
// RUN: ls %t.cache | count 2
//
// RUN: run-module --help | FileCheck %s --check-prefix=HELP
// HELP: --jit-opt-level=L   optimization level of JIT-compiled modules: quick
vm.module @jit_levels {
  vm.export @sum_to
  vm.func @sum_to(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%one, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lte.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.add.i32 %acc, %i : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    vm.return %acc : i32
  }
  vm.export @fail_divide
  vm.func @fail_divide(%a: i32) -> i32 {
    %c1 = vm.const.i32 1
    %r = vm.div.i32.s %c1, %a : i32
    vm.return %r : i32
  }
}
