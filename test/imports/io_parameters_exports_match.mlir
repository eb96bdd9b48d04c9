// The runtime's io_parameters module exports exactly the functions of its
// declaration file (runtime/imports/io_parameters.imports.mlir), with the
// calling-convention signatures the compiler derives from them; and the
// file parses and verifies.
// RUN: vm-opt %kiln_src/runtime/imports/io_parameters.imports.mlir | FileCheck %s --check-prefix=DECL
// RUN: vm-translate --vm-to-bytecode-json --vm-bytecode-no-preparation %kiln_src/runtime/imports/io_parameters.imports.mlir -o %t.json
// RUN: vm-translate --vm-to-bytecode %kiln_src/test/params/params.mlir -o %t.vmfb
// RUN: run-module --module=%t.vmfb --list-functions > %t.exports
// RUN: python3 %S/Inputs/compare_signatures.py %t.json io_parameters %t.exports | FileCheck %s
// DECL: vm.module public @io_parameters
// DECL: vm.import private @load({{.*}}) -> !vm.list<!vm.ref<!hal.buffer>>
// CHECK: io_parameters: 3 declared, 3 exported, 0 differences
