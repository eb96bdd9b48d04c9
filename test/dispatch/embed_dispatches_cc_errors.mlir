// The kernel form and the C compiler, when they cannot work: each failure
// is an error at the loop the kernel came from (or at the module for the
// option itself).
// RUN: not vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=wasm" %s 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=c cc=kiln-no-such-compiler" %s 2>&1 | FileCheck %s --check-prefix=NOTFOUND
// RUN: not vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=c cc=%t.missing/cc" %s 2>&1 | FileCheck %s --check-prefix=NOTEXEC
// RUN: not vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=c cc=false" %s 2>&1 | FileCheck %s --check-prefix=FAILS
// RUN: not vm-opt --kiln-outline-dispatches --convert-to-vm "--kiln-embed-dispatches=kernel-form=c cc-flags=-no-such-flag" %s 2>&1 | FileCheck %s --check-prefix=FLAGS
// The same through vm-translate's options.
// RUN: not vm-translate --vm-to-bytecode --kiln-dispatch-parallel-loops --kernel-form=c --kernel-cc=kiln-no-such-compiler %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOTFOUND
// RUN: not vm-translate --vm-to-c --kiln-dispatch-parallel-loops --kernel-form=bytes %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=FORM

// FORM: error: kiln-embed-dispatches: kernel-form must be 'bytecode' or 'c', not '{{wasm|bytes}}'
// NOTFOUND: embed_dispatches_cc_errors.mlir:22:3: error: kernel-form=c: the C compiler 'kiln-no-such-compiler' is not on PATH
// NOTEXEC: embed_dispatches_cc_errors.mlir:22:3: error: kernel-form=c: the C compiler '{{.+}}.missing/cc' is not an executable file
// FAILS: embed_dispatches_cc_errors.mlir:22:3: error: kernel-form=c: '{{.*}}false -std=c11 -O2 -shared -fPIC -I{{.+}} {{.+}}.c -lm -o {{.+}}.so' failed with exit status 1
// FLAGS: embed_dispatches_cc_errors.mlir:22:3: error: kernel-form=c: '{{.+}} -std=c11 -no-such-flag -shared {{.+}}' failed with exit status 1: {{.*}}no-such-flag
func.func @f(%m: memref<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    %v = arith.constant 1 : i32
    memref.store %v, %m[%i] : memref<4xi32>
  }
  return
}
