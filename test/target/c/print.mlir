// RUN: %vm-to-c %s > %t.c && FileCheck %s < %t.c
// RUN: %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: run-module --module=%t.so --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=OUT
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=OUT
// RUN: %cc -DKILN_MODULE_NO_STDIO -O2 -shared -fPIC %t.c -o %t.quiet.so
// RUN: run-module --module=%t.quiet.so --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=QUIET --allow-empty

// vm.print writes the same line in both forms: kiln/c/print.h's
// kiln_print_* calls, which a module built for a target without stdio
// (KILN_MODULE_NO_STDIO) compiles to nothing. An f32 prints as a double.

// CHECK: #include "kiln/c/print.h"
// CHECK-LABEL: static {{[a-z0-9_]+}} print_f_show({{.*}}) {
// CHECK: #line [[#@LINE+22]] "{{.*}}print.mlir"
// CHECK-NEXT: kiln_print_begin("values:");
// CHECK-NEXT: [[X:v[0-9]+]] = {{v[0-9]+}};
// CHECK-NEXT: kiln_print_i32([[X]]);
// CHECK-NEXT: [[Y:v[0-9]+]] = {{v[0-9]+}};
// CHECK-NEXT: kiln_print_i64([[Y]]);
// CHECK-NEXT: [[Z:v[0-9]+]] = {{v[0-9]+}};
// CHECK-NEXT: [[ZD:v[0-9]+]] = (double) [[Z]];
// CHECK-NEXT: kiln_print_f64([[ZD]]);
// CHECK-NEXT: [[B:v[0-9]+]] = {{v[0-9]+}};
// CHECK-NEXT: kiln_print_ref([[B]]);
// CHECK-NEXT: kiln_print_end();
// CHECK-NEXT: #line [[#@LINE+12]] "{{.*}}print.mlir"
// CHECK-NEXT: kiln_print_begin("null:");
// CHECK-NEXT: [[N:v[0-9]+]] = {{v[0-9]+}};
// CHECK-NEXT: kiln_print_ref([[N]]);
// CHECK-NEXT: kiln_print_end();
// OUT: values: 7 -5 1.5 vm.buffer
// OUT-NEXT: null: null
// QUIET-NOT: values
vm.module @print {
  vm.func @show(%x: i32, %y: i64, %z: f32, %b: !vm.buffer) {
    vm.print "values:"(%x, %y, %z, %b) : i32, i64, f32, !vm.buffer
    %n = vm.const.ref.zero : !vm.buffer
    vm.print "null:"(%n) : !vm.buffer
    vm.return
  }
  vm.export @show
}
