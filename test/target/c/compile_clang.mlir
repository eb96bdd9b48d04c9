// REQUIRES: clang-22
// The emitted C of modules that exercise every part of the C target
// (suspension state machines, light and VM frames, globals, buffers, lists,
// variadic imports, inlined-location chains, vm.print) builds warning-free
// with clang-22 as strict C11, as it does with gcc (compile.mlir).
// RUN: %vm-to-c %S/../../e2e/yield.mlir -o %t.yield.c
// RUN: %clang-cc -O2 -shared -fPIC %t.yield.c -lm -o %t.yield.so
// RUN: %vm-to-c %S/../../e2e/failures.mlir -o %t.failures.c
// RUN: %clang-cc -O2 -shared -fPIC %t.failures.c -lm -o %t.failures.so
// RUN: %vm-to-c %S/../../e2e/buffers.mlir -o %t.buffers.c
// RUN: %clang-cc -O2 -shared -fPIC %t.buffers.c -lm -o %t.buffers.so
// RUN: %vm-to-c %S/../../e2e/lists.mlir -o %t.lists.c
// RUN: %clang-cc -O2 -shared -fPIC %t.lists.c -lm -o %t.lists.so
// RUN: %vm-to-c %S/../../e2e/globals_indirect.mlir -o %t.globals.c
// RUN: %clang-cc -O2 -shared -fPIC %t.globals.c -lm -o %t.globals.so
// RUN: %vm-to-c %S/../../e2e/calls.mlir -o %t.calls.c
// RUN: %clang-cc -O2 -shared -fPIC %t.calls.c -lm -o %t.calls.so
// RUN: %vm-to-c %S/../../e2e/input_memref.mlir -o %t.memref.c
// RUN: %clang-cc -O2 -shared -fPIC %t.memref.c -lm -o %t.memref.so
// RUN: %vm-to-c %S/variadic.mlir -o %t.variadic.c
// RUN: %clang-cc -O2 -shared -fPIC %t.variadic.c -lm -o %t.variadic.so
// RUN: %vm-to-c %S/print.mlir -o %t.print.c
// RUN: %clang-cc -O2 -shared -fPIC %t.print.c -lm -o %t.print.so
