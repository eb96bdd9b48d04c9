// vm-translate declares the runtime-module functions a program calls without
// importing them, from the shipped declarations (runtime/imports/), so a
// program needs no copy of hal.imports.mlir / check.imports.mlir. Both forms
// run; an unknown function of a known module, or a call into another
// module, is still the verifier's error at the call.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=main | FileCheck %s --check-prefix=RUNOUT
// RUN: not run-module --module=%t.vmfb --function=fails 2>&1 | FileCheck %s --check-prefix=FAILS
// RUN: dump-module %t.vmfb | FileCheck %s --check-prefix=DUMP
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.so
// RUN: run-module --module=%t.so --function=main | FileCheck %s --check-prefix=RUNOUT
// RUN: not run-module --module=%t.so --function=fails 2>&1 | FileCheck %s --check-prefix=FAILS
// RUN: not vm-translate --vm-to-bytecode %S/Inputs/unknown_runtime_call.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not vm-translate --vm-to-bytecode %S/Inputs/unknown_module_call.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=OTHER
// RUN: not vm-translate --vm-to-bytecode %S/Inputs/bad_hal_import.mlir -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISMATCH
vm.module @implicit {
  vm.export @main
  vm.func @main() -> i32 {
    %one = vm.const.i32 1
    vm.call @check.expect_true(%one) : (i32) -> ()
    vm.return %one : i32
  }
  vm.export @fails
  vm.func @fails() {
    %zero = vm.const.i32 0
    vm.call @check.expect_true(%zero) : (i32) -> ()
    vm.return
  }
}
// RUNOUT: i32=1
// FAILS: error: FAILED_PRECONDITION: check.expect_true failed: expected 0 to be nonzero
// FAILS: at implicit.fails
// DUMP: check.expect_true 0i_v  (i32) -> ()  optional
// UNKNOWN: unknown_runtime_call.mlir:6:5: error: 'vm.call' op callee @check.expect_maybe does not reference a symbol
// OTHER: unknown_module_call.mlir:5:5: error: 'vm.call' op callee @mystery.f does not reference a symbol
// MISMATCH: bad_hal_import.mlir:4:3: error: 'vm.import' op signature of 'hal.buffer_view.dim' does not match
