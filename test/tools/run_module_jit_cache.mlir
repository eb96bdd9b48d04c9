// The JIT's opt-in cache of compiled .mlir modules ($KILN_JIT_CACHE_DIR,
// docs/jit.md): the first run compiles and keeps the object, the next ones
// load it, with the same results, failures and traces; other options
// (bounded) are another entry, and an entry that does not load is compiled
// again and replaced.
// RUN: rm -rf %t.cache && mkdir -p %t.cache
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=twice --input=21 | FileCheck %s
// RUN: ls %t.cache | count 1
// A hit does not write the entry again (its date stays in 2000).
// RUN: touch -d 2000-01-01 %t.cache/*.o
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=twice --input=21 | FileCheck %s
// RUN: find %t.cache -newermt 2001-01-01 -name '*.o' | count 0
// CHECK: i32=42
// RUN: env KILN_JIT_CACHE_DIR=%t.cache not run-module --module=%s --function=fail_divide --input=0 2>&1 | FileCheck %s --check-prefix=FAIL
// FAIL: error: INVALID_ARGUMENT: {{.*}}division by zero
// FAIL: at jit_cache.fail_divide @{{[0-9]+}} ({{.*}}run_module_jit_cache.mlir:{{[0-9]+}}:{{[0-9]+}})
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=twice --input=21 --fuel=1000 | FileCheck %s
// RUN: ls %t.cache | count 2
// RUN: sh -c 'for f in %t.cache/*.o; do echo junk > "$f"; done'
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=twice --input=21 | FileCheck %s
// RUN: env KILN_JIT_CACHE_DIR=%t.cache run-module --module=%s --function=twice --input=21 | FileCheck %s
// RUN: ls %t.cache | count 2
vm.module @jit_cache {
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
