// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s
// RUN: vm-translate --vm-to-bytecode-json --vm-module-name=renamed %s | FileCheck %s --check-prefix=RENAMED
// RUN: vm-translate --vm-to-c %s > %t.c && FileCheck %s --check-prefix=C < %t.c && %cc -c %t.c -o %t.o
// RUN: vm-translate --vm-to-bytecode-json --vm-input-index-bitwidth=32 %s | FileCheck %s --check-prefix=INDEX32

// Both targets take plain upstream MLIR: they lower it as
// `vm-opt --kiln-lower-to-vm` would. Without a sym_name the module is named
// after the file's stem.

// CHECK: "name": "add_one"
// CHECK: "signature": "0I_I"
// CHECK: "name": "upstream_input"
// RENAMED: "name": "renamed"
// C: from vm.module @upstream_input
// C-LABEL: static {{[a-z0-9_]+}} upstream_input_f_add_one({{.*}}) {
// C: #line [[#@LINE+8]] "{{.*}}upstream_input.mlir"
// C: = kiln_add_i64(
// C: {"add_one", "0I_I", upstream_input_e_add_one,
// C: "upstream_input", 0u,
// INDEX32: "signature": "0i_i"
module {
  func.func @add_one(%x: index) -> index {
    %c1 = arith.constant 1 : index
    %0 = arith.addi %x, %c1 : index
    return %0 : index
  }
}
