// RUN: %vm-to-c %s > %t.c && FileCheck %s < %t.c
// RUN: %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: run-module --module=%t.so --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=OUT
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: run-module --module=%t.vmfb --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=OUT
// RUN: %cc -DKILN_MODULE_NO_STDIO -O2 -shared -fPIC %t.c -o %t.quiet.so
// RUN: run-module --module=%t.quiet.so --function=show --input=7 --input=i64=-5 --input=f32=1.5 --input=buffer=i32:1,2 | FileCheck %s --check-prefix=QUIET --allow-empty

// vm.print writes the same line in both forms; a module built for a target
// without stdio (KILN_MODULE_NO_STDIO) leaves it out.

// CHECK: #if !defined(KILN_MODULE_NO_STDIO)
// CHECK-NEXT: #include <inttypes.h>
// CHECK-NEXT: #include <stdio.h>
// CHECK: fputs("values:", stdout);
// CHECK-NEXT: printf(" %" PRId32,
// CHECK-NEXT: printf(" %" PRId64,
// CHECK-NEXT: printf(" %g", (double)
// CHECK-NEXT: printf(" %s",
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
