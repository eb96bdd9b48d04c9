// --vm-llvm-debug-info: DWARF line tables pointing at the .mlir, one
// subprogram per vm.func, each op at its file:line:col.
// RUN: vm-translate --vm-to-llvm-ir --vm-llvm-debug-info %s | FileCheck %s --check-prefix=IR
// RUN: vm-translate --vm-to-object --vm-llvm-debug-info %s -o %t.o
// RUN: llvm-dwarfdump --debug-line %t.o | FileCheck %s --check-prefix=LINES
// IR: !DICompileUnit(
// IR: !DIFile(filename: "debug_info.mlir"
// IR: !DISubprogram(name: "add"
// LINES: debug_info.mlir
// LINES: {{^0x[0-9a-f]+ +1[3-6] }}

vm.module @dbg {
  vm.func @add(%a: i32, %b: i32) -> i32 {
    %c = vm.add.i32 %a, %b : i32
    %d = vm.mul.i32 %c, %c : i32
    vm.return %d : i32
  }
  vm.export @add
}
