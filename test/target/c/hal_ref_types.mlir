// RUN: %vm-to-c %s | FileCheck %s
// RUN: %vm-to-c %s -o %t.c && %cc -O2 -shared -fPIC %t.c -o %t.so
// RUN: vm-translate --vm-to-bytecode-json %s | FileCheck %s --check-prefix=BYTECODE
// RUN: vm-translate --vm-to-bytecode %s -o %t.vmfb
// RUN: not run-module --module=%t.vmfb --function=as_buffer --input=2xf32=1,2 2>&1 | FileCheck %s --check-prefix=MISMATCH
// RUN: not run-module --module=%t.so --function=as_buffer --input=2xf32=1,2 2>&1 | FileCheck %s --check-prefix=MISMATCH
// RUN: run-module --module=%t.vmfb --function=view_rank --input=2x3xf32=1 | FileCheck %s --check-prefix=RANK
// RUN: run-module --module=%t.so --function=view_rank --input=2x3xf32=1 | FileCheck %s --check-prefix=RANK

// MISMATCH: ref type mismatch: {{.*}}hal.buffer_view
// RANK: i32=2

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

  vm.import private @hal.buffer_view.rank(%view : !vm.ref<!hal.buffer_view>) -> i32
  vm.func @view_rank(%any : !vm.ref<?>) -> i32 {
    %v = vm.cast.any.ref %any : !vm.ref<?> -> !vm.ref<!hal.buffer_view>
    %r = vm.call @hal.buffer_view.rank(%v) : (!vm.ref<!hal.buffer_view>) -> i32
    vm.return %r : i32
  }
  vm.export @view_rank
}
