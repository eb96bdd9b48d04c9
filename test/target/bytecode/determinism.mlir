// The same input gives a byte-identical file, and stripping debug info gives
// a smaller one.
// RUN: vm-translate --vm-to-bytecode %s -o %t.1.vmfb
// RUN: vm-translate --vm-to-bytecode %s -o %t.2.vmfb
// RUN: cmp %t.1.vmfb %t.2.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-bytecode-strip-debug %s -o %t.3.vmfb
// RUN: vm-translate --vm-to-bytecode --vm-bytecode-strip-debug %s -o %t.4.vmfb
// RUN: cmp %t.3.vmfb %t.4.vmfb
// RUN: not cmp -s %t.1.vmfb %t.3.vmfb
// The header: magic, version 2.
// RUN: head -c 12 %t.1.vmfb | od -An -c | FileCheck %s --check-prefix=HEADER
// HEADER: K   I   L   N   V   M   F   B 002  \0  \0  \0

vm.module @det {
  vm.rodata private @a dense<[1, 2, 3, 4]> : tensor<4xi32>
  vm.rodata private @b dense<[5, 6]> : tensor<2xi32>
  vm.import private @x.f(%a: i32, %b: !vm.buffer) -> i32
  vm.export @main
  vm.func @main(%n: i32) -> i32 {
    %a = vm.const.ref.rodata @a : !vm.buffer
    %b = vm.const.ref.rodata @b : !vm.buffer
    %r0 = vm.call @x.f(%n, %a) : (i32, !vm.buffer) -> i32
    %r1 = vm.call @x.f(%r0, %b) : (i32, !vm.buffer) -> i32
    vm.cond_fail %r1, "failed"
    vm.return %r1 : i32
  }
}
