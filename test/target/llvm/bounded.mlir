// Bounded LLVM modules (--vm-llvm-bounded, the C form's KILN_C_BOUNDED):
// the same fuel and deadline behaviour as the C form, checked on the C
// target's own test module with its own expectations.
// RUN: vm-translate --vm-to-object --vm-llvm-bounded %S/../c/bounded.mlir -o %t.bounded.so
// RUN: vm-translate --vm-to-object %S/../c/bounded.mlir -o %t.plain.so
// RUN: run-module --module=%t.bounded.so --function=count --input=1000 --fuel=1001 | FileCheck %S/../c/bounded.mlir --check-prefix=COUNT
// RUN: not run-module --module=%t.bounded.so --function=count --input=1000 --fuel=999 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=FUEL
// RUN: not run-module --module=%t.bounded.so --function=rec --input=100 --fuel=50 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=RECFUEL
// RUN: run-module --module=%t.bounded.so --function=rec --input=100 --fuel=100 | FileCheck %S/../c/bounded.mlir --check-prefix=RECOK
// RUN: not run-module --module=%t.bounded.so --function=rec --input=100 --fuel=99 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=RECFUEL
// RUN: run-module --module=%t.bounded.so --function=rec_twice --input=100 --fuel=202 | FileCheck %S/../c/bounded.mlir --check-prefix=TWICEOK
// RUN: not run-module --module=%t.bounded.so --function=rec_twice --input=100 --fuel=201 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=RECFUEL
// RUN: not run-module --module=%t.bounded.so --function=spin --deadline=100 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=DEADLINE
// RUN: not run-module --module=%t.bounded.so --function=yield_forever --fuel=1000 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=YFUEL
// RUN: run-module --module=%t.plain.so --function=count --input=1000 --fuel=10 2>&1 | FileCheck %S/../c/bounded.mlir --check-prefix=PLAIN
