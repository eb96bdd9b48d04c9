// Text nested deeper than the tools' limit (1000 levels of brackets or unary
// minus, compiler/Tools/InputNesting.h) gets a diagnostic with its location
// from every tool that parses, instead of overflowing the parser's stack;
// text at the limit parses, prints and translates, for each way of nesting.
// RUN: python3 %S/Inputs/gen_nesting.py array 1000 > %t.array.mlir
// RUN: vm-opt %t.array.mlir -o /dev/null
// RUN: vm-translate --vm-to-bytecode %t.array.mlir -o /dev/null
// RUN: vm-translate --vm-to-c %t.array.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_nesting.py dict 1000 > %t.dict.mlir
// RUN: vm-opt %t.dict.mlir -o /dev/null
// RUN: vm-translate --vm-to-bytecode %t.dict.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_nesting.py type 1000 > %t.type.mlir
// RUN: vm-opt %t.type.mlir -o /dev/null
// RUN: vm-translate --vm-to-c %t.type.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_nesting.py minus 1000 > %t.minus.mlir
// RUN: vm-opt %t.minus.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_nesting.py paren 1000 > %t.paren.mlir
// RUN: vm-opt %t.paren.mlir -o /dev/null
// RUN: python3 %S/Inputs/gen_nesting.py region 1000 > %t.region.mlir
// RUN: vm-opt --allow-unregistered-dialect %t.region.mlir -o /dev/null

// One past the limit, and the 10,000 that used to crash every tool.
// RUN: python3 %S/Inputs/gen_nesting.py array 1001 > %t.array_past.mlir
// RUN: not vm-opt %t.array_past.mlir 2>&1 | FileCheck %s --check-prefix=ARRAY
// RUN: not vm-translate --vm-to-bytecode %t.array_past.mlir 2>&1 | FileCheck %s --check-prefix=ARRAY
// RUN: not vm-translate --vm-to-c %t.array_past.mlir 2>&1 | FileCheck %s --check-prefix=ARRAY
// ARRAY: array_past.mlir:2:{{[0-9]+}}: error: input is nested more than 1000 levels deep
// RUN: python3 %S/Inputs/gen_nesting.py array 10000 > %t.array_far.mlir
// RUN: not vm-opt %t.array_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: not vm-translate --vm-to-bytecode %t.array_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// FAR: error: input is nested more than 1000 levels deep
// RUN: python3 %S/Inputs/gen_nesting.py dict 10000 > %t.dict_far.mlir
// RUN: not vm-opt %t.dict_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: python3 %S/Inputs/gen_nesting.py type 10000 > %t.type_far.mlir
// RUN: not vm-opt %t.type_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: not vm-translate --vm-to-c %t.type_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: python3 %S/Inputs/gen_nesting.py minus 100000 > %t.minus_far.mlir
// RUN: not vm-opt %t.minus_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: python3 %S/Inputs/gen_nesting.py paren 10000 > %t.paren_far.mlir
// RUN: not vm-opt %t.paren_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// RUN: python3 %S/Inputs/gen_nesting.py region 10001 > %t.region_far.mlir
// RUN: not vm-opt --allow-unregistered-dialect %t.region_far.mlir 2>&1 | FileCheck %s --check-prefix=FAR
// Brackets inside strings and comments do not count.
// RUN: python3 -c "print('// ' + '[' * 5000); print('vm.module @m { vm.rodata private @r \"' + '[' * 5000 + '\" }')" > %t.strings.mlir
// RUN: vm-opt %t.strings.mlir -o /dev/null
