// Counted loops of bounded LLVM modules take their fuel up front
// (vm-prepay-loop-fuel), with the C form's helpers: the same units, status
// and trace as the C form that counts at every header entry, checked on
// the C target's test module with its own cases.
// RUN: vm-translate --vm-to-object --vm-llvm-bounded %S/../c/prepay_fuel.mlir -o %t.prepaid.so
// RUN: %vm-to-c %S/../c/prepay_fuel.mlir -o %t.ticking.c
// RUN: %cc -O2 -shared -fPIC -DKILN_C_BOUNDED=1 %t.ticking.c -o %t.ticking.so
// RUN: python3 %S/../c/Inputs/same_fuel.py %S/../c/prepay_fuel.mlir %t.prepaid.so %t.ticking.so
// RUN: not run-module --module=%t.prepaid.so --function=long --input=i64=4611686018427387904 --deadline=100 2>&1 | FileCheck %S/../c/prepay_fuel.mlir --check-prefix=DEADLINE
// RUN: not run-module --module=%t.prepaid.so --function=wrap --input=2147483600 --fuel=300000 2>&1 | FileCheck %S/../c/prepay_fuel.mlir --check-prefix=WRAPFUEL
