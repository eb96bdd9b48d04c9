// The runtime's hal and check modules export exactly the functions of the
// declaration files, with the calling-convention signatures the compiler
// derives from them: the declarations are the one description of both
// modules' interfaces, checked here against the export tables.
// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-no-preparation %kiln_src/runtime/imports/hal.imports.mlir -o %t.hal.json
// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-no-preparation %kiln_src/runtime/imports/check.imports.mlir -o %t.check.json
// RUN: vm-translate --vm-to-bytecode %S/Inputs/uses_hal_and_check.mlir -o %t.vmfb
// RUN: run-module --module=%t.vmfb --list-functions > %t.exports
// RUN: python3 %S/Inputs/compare_signatures.py %t.hal.json hal %t.exports | FileCheck %s --check-prefix=HAL
// RUN: python3 %S/Inputs/compare_signatures.py %t.check.json check %t.exports | FileCheck %s --check-prefix=CHECK-MOD
// HAL: hal: 58 declared, 58 exported, 0 differences
// CHECK-MOD: check: 5 declared, 5 exported, 0 differences
