// Every way run-module's JIT path fails is one error line with a status
// code, through the plugins as they are installed (compiler/JIT,
// docs/jit.md): LLVM IR the JIT refuses, .mlir the LLVM target refuses, and
// plugins that are missing, broken or not Kiln's.
//
// LLVM IR for another architecture, IR that parses but does not verify, a
// symbol nothing defines, an entry point that returns no descriptor.
// RUN: not run-module --module=%S/Inputs/jit_errors/other_arch.ll --function=f 2>&1 | FileCheck %s --check-prefix=ARCH
// ARCH: error: INVALID_ARGUMENT: the module is compiled for aarch64-unknown-linux-gnu; this JIT runs {{.*}} code; while loading module '{{.*}}other_arch.ll'
// RUN: not run-module --module=%S/Inputs/jit_errors/unverified.ll --function=f 2>&1 | FileCheck %s --check-prefix=VERIFY
// VERIFY: error: INVALID_ARGUMENT: invalid LLVM IR: PHI nodes not grouped at top of basic block!; %p = phi ptr [ null, %entry ]
// RUN: not run-module --module=%S/Inputs/jit_errors/unresolved.ll --function=f 2>&1 | FileCheck %s --check-prefix=SYMBOL
// SYMBOL: error: INVALID_ARGUMENT: the JIT could not compile the module: Symbols not found: [ kiln_test_nowhere ]
// RUN: not run-module --module=%S/Inputs/jit_errors/no_descriptor.ll --function=f 2>&1 | FileCheck %s --check-prefix=NODESC
// NODESC: error: INVALID_ARGUMENT: kiln_module_v1_get returned no descriptor
//
// .mlir: input the conversion to vm cannot lower, input nested past the
// tools' limit, a file that is not there.
// RUN: not run-module --module=%S/Inputs/jit_errors/no_lowering.mlir --function=f 2>&1 | FileCheck %s --check-prefix=LOWER
// LOWER: error: INVALID_ARGUMENT: {{.*}}no_lowering.mlir:3:8: error: failed to legalize operation 'math.ipowi'
// RUN: python3 %S/Inputs/gen_nesting.py array 1001 > %t.deep.mlir
// RUN: not run-module --module=%t.deep.mlir --function=f 2>&1 | FileCheck %s --check-prefix=DEEP
// DEEP: error: INVALID_ARGUMENT: {{.*}}deep.mlir:2:{{[0-9]+}}: error: input is nested more than 1000 levels deep
// RUN: not run-module --module=%t.missing.mlir --function=f 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: NOT_FOUND: cannot open module '{{.*}}missing.mlir'
//
// Plugins: a file that does not load, a shared library that is not a JIT
// plugin (a C-form module), and a --trace run, which JIT modules cannot
// trace (a warning, then the call runs).
// RUN: rm -rf %t.plugins && mkdir -p %t.plugins
// RUN: echo junk > %t.plugins/libkiln_jit_ir.so
// RUN: env KILN_JIT_PLUGIN_DIR=%t.plugins not run-module --module=%S/Inputs/jit_errors/no_descriptor.ll --function=f 2>&1 | FileCheck %s --check-prefix=BROKEN
// BROKEN: error: UNAVAILABLE: cannot load the JIT plugin '{{.*}}libkiln_jit_ir.so': {{.*}}; while loading module
// RUN: %vm-to-c %s -o %t.c && %cc -O1 -shared -fPIC %t.c -o %t.plugins/libkiln_jit_mlir.so
// RUN: env KILN_JIT_PLUGIN_DIR=%t.plugins not run-module --module=%s --function=twice --input=1 2>&1 | FileCheck %s --check-prefix=FOREIGN
// FOREIGN: error: FAILED_PRECONDITION: '{{.*}}libkiln_jit_mlir.so' is not a JIT plugin of this Kiln (plugin interface version 1)
// RUN: run-module --module=%s --function=twice --input=21 --trace 2>&1 | FileCheck %s --check-prefix=TRACE
// TRACE: warning: --trace: JIT-compiled modules have no instruction trace; running without it
// TRACE: i32=42
// RUN: not run-module --module=%s --function=twice --input=21 --jit-opt-level=4 2>&1 | FileCheck %s --check-prefix=LEVEL
// LEVEL: error: --jit-opt-level takes quick, 0, 1, 2 or 3
vm.module @jit_errors {
  vm.export @twice
  vm.func @twice(%a: i32) -> i32 {
    %r = vm.add.i32 %a, %a : i32
    vm.return %r : i32
  }
}
