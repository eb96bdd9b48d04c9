// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s --check-prefix=BYTECODE

// A cast to a ref of a hal object type checks the object's type by the name
// the runtime registers it under (hal.buffer), in both forms: the C form
// compares the name, the bytecode form resolves its type table entry
// "!vm.ref<!hal.buffer>" to that name when the module loads.

// CHECK-LABEL: as_buffer
// CHECK: kiln_ref_has_type_named({{.*}}, "hal.buffer")
// CHECK: kiln_ref_type_named_error({{.*}}, "hal.buffer")
// BYTECODE: "!vm.ref<!hal.buffer>"
vm.module @halrefs {
  vm.import private @hal.buffer.length(%buffer : !vm.ref<!hal.buffer>) -> i64
  vm.func @as_buffer(%any : !vm.ref<?>) -> i64 {
    %b = vm.cast.any.ref %any : !vm.ref<?> -> !vm.ref<!hal.buffer>
    %n = vm.call @hal.buffer.length(%b) : (!vm.ref<!hal.buffer>) -> i64
    vm.return %n : i64
  }
  vm.export @as_buffer
}
