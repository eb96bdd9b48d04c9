// Emitted C keeps each rodata's alignment (16 when unset), as a .vmfb does,
// and compiles as strict C11 (KILN_MODULE_ALIGNAS is _Alignas there).
// RUN: %vm-to-c %s -o %t.c
// RUN: FileCheck %s < %t.c
// RUN: %cc -O2 -shared -fPIC %t.c -lm -o %t.so
// CHECK: static const KILN_MODULE_ALIGNAS(64) uint8_t [[A:[a-z_]*]]rodata_a[3] = {
// CHECK-NEXT: 1,2,3
// CHECK-NEXT: };
// CHECK: static const KILN_MODULE_ALIGNAS(1) uint8_t {{[a-z_]*}}rodata_b[1] = {
// CHECK: static const KILN_MODULE_ALIGNAS(16) uint8_t {{[a-z_]*}}rodata_c[16] = {
vm.module @aligned {
  vm.rodata private @a {alignment = 64 : i64} dense<[1, 2, 3]> : tensor<3xi8>
  vm.rodata private @b {alignment = 1 : i64} dense<[4]> : tensor<1xi8>
  vm.rodata private @c dense<[1.0, 2.0]> : tensor<2xf64>
  vm.func @f() -> (!vm.buffer, !vm.buffer, !vm.buffer) {
    %a = vm.const.ref.rodata @a : !vm.buffer
    %b = vm.const.ref.rodata @b : !vm.buffer
    %c = vm.const.ref.rodata @c : !vm.buffer
    vm.return %a, %b, %c : !vm.buffer, !vm.buffer, !vm.buffer
  }
  vm.export @f
}
