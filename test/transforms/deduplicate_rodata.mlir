// RUN: vm-opt -split-input-file --vm-deduplicate-rodata %s | FileCheck %s

// CHECK-LABEL: vm.module {{(public )?}}@dedup
vm.module @dedup {
  // CHECK-NEXT: vm.rodata private @a "abc"
  vm.rodata private @a "abc"
  // Same bytes spelled as elements: merged into @a.
  vm.rodata private @a_bytes dense<[97, 98, 99]> : tensor<3xi8>
  // An explicit default alignment is the same alignment.
  vm.rodata private @a_aligned {alignment = 16 : i64} "abc"
  // Different alignment or mime type: kept.
  // CHECK-NEXT: vm.rodata private @a_64 {alignment = 64 : i64} "abc"
  vm.rodata private @a_64 {alignment = 64 : i64} "abc"
  // CHECK-NEXT: vm.rodata private @a_text {mime_type = "text/plain"} "abc"
  vm.rodata private @a_text {mime_type = "text/plain"} "abc"
  // Public data is never merged away.
  // CHECK-NEXT: vm.rodata public @a_public "abc"
  vm.rodata @a_public "abc"
  // CHECK-NEXT: vm.func @f
  vm.func @f() -> (!vm.buffer, !vm.buffer, !vm.buffer, !vm.buffer) {
    // CHECK-NEXT: vm.const.ref.rodata @a :
    %0 = vm.const.ref.rodata @a : !vm.buffer
    // CHECK-NEXT: vm.const.ref.rodata @a :
    %1 = vm.const.ref.rodata @a_bytes : !vm.buffer
    // CHECK-NEXT: vm.const.ref.rodata @a :
    %2 = vm.const.ref.rodata @a_aligned : !vm.buffer
    // CHECK-NEXT: vm.const.ref.rodata @a_64 :
    %3 = vm.const.ref.rodata @a_64 : !vm.buffer
    vm.return %0, %1, %2, %3 : !vm.buffer, !vm.buffer, !vm.buffer, !vm.buffer
  }
}
