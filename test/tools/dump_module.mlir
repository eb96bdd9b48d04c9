// dump-module: what to show, modules by content not by name, stdin, C
// modules, and bad inputs.
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: dump-module %t.vmfb | FileCheck %s --check-prefixes=META,DISASM
// RUN: dump-module --output=metadata %t.vmfb | FileCheck %s --check-prefix=META --implicit-check-not=ADD_I32
// RUN: dump-module --output=disasm %t.vmfb | FileCheck %s --check-prefix=DISASM --implicit-check-not=exports
// META: module dm (version 0)
// META: exports (2):
// META-NEXT: [0] add 0ii_i  (i32, i32) -> i32  = function
// META-NEXT: [1] pair 0rF_If  (!vm.ref<?>, f64) -> (i64, f32)  = function
// DISASM: @add 0ii_i
// DISASM: ADD_I32
//
// The kind comes from the bytes: a .vmfb under another name, and on stdin.
// RUN: cp %t.vmfb %t.renamed.so
// RUN: dump-module --output=metadata %t.renamed.so | FileCheck %s --check-prefix=META
// RUN: dump-module --output=metadata - < %t.vmfb | FileCheck %s --check-prefix=META
//
// RUN: dump-module --output=flatbuffer-json %t.vmfb | FileCheck %s --check-prefix=JSON
// JSON: "name": "dm"
// JSON: "local_name": "add"
//
// A C module: its name, imports and exports.
// RUN: vm-translate --vm-to-c %s -o %t.c
// RUN: cc -std=c11 -O1 -shared -fPIC -I %kiln_src/runtime/include %t.c -lm -o %t.c.so
// RUN: dump-module %t.c.so | FileCheck %s --check-prefix=CMOD
// CMOD: module dm (C module, version 0)
// CMOD: [0] add 0ii_i  (i32, i32) -> i32
// RUN: not dump-module --output=disasm %t.c.so 2>&1 | FileCheck %s --check-prefix=CMOD-DISASM
// CMOD-DISASM: is a C module (a shared library): it has no bytecode
//
// RUN: not dump-module %S 2>&1 | FileCheck %s --check-prefix=DIR
// DIR: is a directory, not a module
// RUN: not dump-module --output=pictures %t.vmfb 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: unknown --output 'pictures'
// RUN: head -c 100 %t.vmfb > %t.cut
// RUN: not dump-module %t.cut 2>&1 | FileCheck %s --check-prefix=CUT
// RUN: not dump-module --output=flatbuffer-json %t.cut 2>&1 | FileCheck %s --check-prefix=CUT
// CUT: dump-module: INVALID_ARGUMENT
// RUN: dump-module --version | FileCheck %s --check-prefix=VERSION
// VERSION: Kiln dump-module {{[0-9]+\.[0-9]+\.[0-9]+}}

vm.module @dm {
  vm.export @add
  vm.export @pair
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.func @pair(%r: !vm.ref<?>, %x: f64) -> (i64, f32) {
    %i = vm.const.i64 7
    %f = vm.const.f32 1.5
    vm.return %i, %f : i64, f32
  }
}
