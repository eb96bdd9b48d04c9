// RUN: %vm-to-c %s -o %t.c && %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: not run-module --module=%t.so --function=length --input=list\<i32\>=1,2 2>&1 | FileCheck %s --check-prefix=LENGTH
// RUN: not run-module --module=%t.vmfb --function=length --input=list\<i32\>=1,2 2>&1 | FileCheck %s --check-prefix=LENGTH
// RUN: not run-module --module=%t.so --function=first --input=list\<i32\>=1,2 2>&1 | FileCheck %s --check-prefix=LOAD
// RUN: not run-module --module=%t.vmfb --function=first --input=list\<i32\>=1,2 2>&1 | FileCheck %s --check-prefix=LOAD
// RUN: not run-module --module=%t.so --function=size --input=buffer=i32:1,2 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not run-module --module=%t.vmfb --function=size --input=buffer=i32:1,2 2>&1 | FileCheck %s --check-prefix=SIZE
// RUN: not run-module --module=%t.so --function=size --input=null 2>&1 | FileCheck %s --check-prefix=NULL
// RUN: not run-module --module=%t.vmfb --function=size --input=null 2>&1 | FileCheck %s --check-prefix=NULL
// RUN: run-module --module=%t.so --function=first --input=buffer=i32:7,8 | FileCheck %s --check-prefix=OK
// RUN: run-module --module=%t.vmfb --function=first --input=buffer=i32:7,8 | FileCheck %s --check-prefix=OK

// A signature says only "ref", so a caller can pass a ref of another type
// where a vm.buffer or vm.list operand is expected. Both forms check the
// operand's type where it is used and fail with the same message (never a
// misread object).

// LENGTH: ref type mismatch: expected 'vm.buffer' but got 'vm.list'
// LENGTH: refops.length
// LOAD: ref type mismatch: expected 'vm.buffer' but got 'vm.list'
// LOAD: refops.first
// SIZE: ref type mismatch: expected 'vm.list' but got 'vm.buffer'
// SIZE: refops.size
// NULL: null ref where a 'vm.list' was expected
// OK: i32=7
vm.module @refops {
  vm.func @length(%b: !vm.buffer) -> i64 {
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.return %n : i64
  }
  vm.export @length
  vm.func @first(%b: !vm.buffer) -> i32 {
    %z = vm.const.i64.zero
    %v = vm.buffer.load.i32 %b[%z] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.export @first
  vm.func @size(%l: !vm.list<i32>) -> i32 {
    %n = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.return %n : i32
  }
  vm.export @size
}
