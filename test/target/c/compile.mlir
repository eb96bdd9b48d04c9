// The emitted C compiles warning-free as strict C11 against
// runtime/include/kiln/c/ only, and links as a shared library.
// RUN: %vm-to-c %S/control.mlir -o %t.control.c
// RUN: %cc -O2 -shared -fPIC %t.control.c -lm -o %t.control.so
// RUN: %vm-to-c %S/imports_globals.mlir -o %t.app.c
// RUN: %cc -O2 -shared -fPIC %t.app.c -lm -o %t.app.so
// RUN: %vm-to-c %S/arith.mlir -o %t.arith.c
// RUN: %cc -O2 -shared -fPIC %t.arith.c -lm -o %t.arith.so
// RUN: %vm-to-c %S/cmp_cast.mlir -o %t.cmpcast.c
// RUN: %cc -O2 -shared -fPIC %t.cmpcast.c -lm -o %t.cmpcast.so
// RUN: nm -D %t.control.so | FileCheck %s
// CHECK: T kiln_module_v1_get
// RUN: %vm-to-c %S/buffers_lists.mlir -o %t.refs.c
// RUN: %cc -O2 -shared -fPIC %t.refs.c -lm -o %t.refs.so
// Every e2e module that suspends or fails, too (state machines, frames,
// variadic-free imports, globals byte area).
// RUN: %vm-to-c %S/../../e2e/yield.mlir -o %t.yield.c
// RUN: %cc -O2 -shared -fPIC %t.yield.c -lm -o %t.yield.so
// RUN: %vm-to-c %S/../../e2e/yield_imports.mlir -o %t.yimp.c
// RUN: %cc -O2 -shared -fPIC %t.yimp.c -lm -o %t.yimp.so
// RUN: %vm-to-c %S/../../e2e/imports.mlir -o %t.imports.c
// RUN: %cc -O2 -shared -fPIC %t.imports.c -lm -o %t.imports.so
// RUN: %vm-to-c %S/../../e2e/failures.mlir -o %t.failures.c
// RUN: %cc -O2 -shared -fPIC %t.failures.c -lm -o %t.failures.so
// RUN: %vm-to-c %S/../../e2e/globals_indirect.mlir -o %t.gi.c
// RUN: %cc -O2 -shared -fPIC %t.gi.c -lm -o %t.gi.so
// RUN: %vm-to-c %S/../../e2e/buffers.mlir -o %t.buffers.c
// RUN: %cc -O2 -shared -fPIC %t.buffers.c -lm -o %t.buffers.so
