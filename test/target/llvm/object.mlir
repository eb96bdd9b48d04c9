// vm-translate --vm-to-object: a relocatable object (-o x.o) exporting only
// the module's entry symbols, and a shared object (-o x.so, linked by
// ld.lld) that run-module loads like a C-form module: results, a fault with
// its trace through light frames, and a call that suspends and resumes.
// RUN: vm-translate --vm-to-object %s -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=SYMS
// SYMS-DAG: T kiln_module_v1_get
// SYMS-DAG: T object_kiln_module
// SYMS-NOT: T kiln_add_i32
// --vm-llvm-no-entry leaves kiln_module_v1_get out (static linking).
// RUN: vm-translate --vm-to-object --vm-llvm-no-entry %s -o %t.noentry.o
// RUN: llvm-nm %t.noentry.o | FileCheck %s --check-prefix=NOENTRY
// NOENTRY-NOT: kiln_module_v1_get
// NOENTRY: T object_kiln_module
// NOENTRY-NOT: kiln_module_v1_get
// RUN: vm-translate --vm-to-object %s -o %t.so
// RUN: run-module --module=%t.so --function=sum --input=i32=4 --input=i32=5 | FileCheck %s --check-prefix=SUM
// SUM: i32=9
// RUN: not run-module --module=%t.so --function=divide --input=i32=1 --input=i32=0 2>&1 | FileCheck %s --check-prefix=FAULT
// FAULT: error:
// FAULT-NEXT: at object.inner {{.*}}object.mlir:
// FAULT-NEXT: at object.divide @{{[0-9]+}} ({{.*}}object.mlir:
// RUN: run-module --module=%t.so --function=twice | FileCheck %s --check-prefix=YIELD
// YIELD: i32=2
// -O0 and -O1 objects behave the same.
// RUN: vm-translate --vm-to-object -O0 %s -o %t0.so
// RUN: run-module --module=%t0.so --function=twice | FileCheck %s --check-prefix=YIELD
// RUN: vm-translate --vm-to-object -O1 --vm-llvm-bounded %s -o %t1.so
// RUN: run-module --module=%t1.so --function=sum --input=i32=4 --input=i32=5 | FileCheck %s --check-prefix=SUM

vm.module @object {
  vm.func @sum(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    vm.return %c : i32
  }
  vm.func private @inner(%a: i32, %b: i32) -> i32 attributes {inlining_policy = #util.inline.never} {
    %c = vm.div.i32.s %a, %b : i32
    vm.return %c : i32
  }
  vm.func @divide(%a: i32, %b: i32) -> i32 {
    %c = vm.call @inner(%a, %b) : (i32, i32) -> i32
    vm.return %c : i32
  }
  vm.func @twice() -> i32 {
    %c1 = vm.const.i32 1
    vm.yield ^resumed
  ^resumed:
    %c2 = vm.add.i32 %c1, %c1 : i32
    vm.return %c2 : i32
  }
  vm.export @sum
  vm.export @divide
  vm.export @twice
}
