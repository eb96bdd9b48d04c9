// run-module decides a module's kind by its first bytes, reads a .vmfb from
// stdin with --module=-, and refuses what is not a module file.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=- --function=twice --input=21 < %t.vmfb | FileCheck %s
// RUN: cp %t.vmfb %t.looks-like.so
// RUN: run-module --module=%t.looks-like.so --function=twice --input=21 | FileCheck %s
// CHECK: i32=42
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.c.bin
// RUN: run-module --module=%t.c.bin --function=twice --input=21 | FileCheck %s
//
// RUN: not run-module --module=%S --function=twice 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: error: INVALID_ARGUMENT: module '{{.*}}' is a directory
// RUN: not run-module --module=/dev/zero --function=twice 2>&1 | FileCheck %s --check-prefix=DEV
// DEV: error: INVALID_ARGUMENT: module '/dev/zero' is not a regular file
// RUN: cp %s %t.txt
// RUN: not run-module --module=%t.txt --function=twice 2>&1 | FileCheck %s --check-prefix=TEXT
// TEXT: error: INVALID_ARGUMENT: '{{.*}}' is not a module: a .vmfb starts with KILNVMFB
// RUN: not run-module --module=%t.missing --function=twice 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: NOT_FOUND: cannot open module
// An i32 input takes -2^31 .. 2^32-1; above INT32_MAX it is the bit pattern.
// RUN: run-module --module=%t.vmfb --function=twice --input=4294967295 | FileCheck %s --check-prefix=BITS
// BITS: i32=-2
// RUN: not run-module --module=%t.vmfb --function=twice --input=4294967296 2>&1 | FileCheck %s --check-prefix=I32-RANGE
// RUN: not run-module --module=%t.vmfb --function=twice --input=-2147483649 2>&1 | FileCheck %s --check-prefix=I32-RANGE
// I32-RANGE: not an i32
// RUN: not run-module --module=- --function=twice < %s 2>&1 | FileCheck %s --check-prefix=STDIN-TEXT
// STDIN-TEXT: error: INVALID_ARGUMENT: the module on stdin is not a .vmfb
vm.module @files {
  vm.export @twice
  vm.func @twice(%a: i32) -> i32 {
    %r = vm.add.i32 %a, %a : i32
    vm.return %r : i32
  }
}
