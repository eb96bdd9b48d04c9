// RUN: %vm-to-c %s | FileCheck %s

vm.module @refs {
  // CHECK-LABEL: refs_f_buffers({{.*}}) {
  vm.func @buffers(%v: i32) -> i32 {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    // CHECK: if (kiln_buffer_alignment(v{{[0-9]+}}, &[[A:t[0-9]+]]) != KILN_OP_OK) {
    // CHECK: st = S->buffer_allocate(exec, v{{[0-9]+}}, [[A]], &[[B:t[0-9]+]]);
    %b = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %i1 = vm.const.i64 1
    // CHECK: if (kiln_buffer_element({{.*}}, v{{[0-9]+}}, 4, &t{{[0-9]+}}) != KILN_OP_OK) {
    // CHECK: KILN_STATUS_PERMISSION_DENIED
    vm.buffer.store.i32 %v, %b[%i1] : i32 -> !vm.buffer
    // CHECK: memcpy(&v{{[0-9]+}}, t{{[0-9]+}} + t{{[0-9]+}}, 4);
    %r = vm.buffer.load.i32 %b[%i1] : !vm.buffer -> i32
    // CHECK: { uint8_t t{{[0-9]+}}; memcpy(
    %lo = vm.buffer.load.i8.u %b[%i1] : !vm.buffer -> i32
    %s = vm.add.i32 %r, %lo : i32
    // CHECK: cleanup:
    // CHECK: kiln_ref_release(S, v{{[0-9]+}});
    vm.return %s : i32
  }
  vm.export @buffers

  // CHECK-LABEL: refs_f_lists({{.*}}) {
  vm.func @lists(%n: i32) -> i32 {
    // CHECK: st = S->list_create(exec, KILN_ELEMENT_I32, NULL, v{{[0-9]+}}, &t{{[0-9]+}});
    %l = vm.list.alloc %n : (i32) -> !vm.list<i32>
    // CHECK: st = S->list_resize(exec,
    vm.list.resize %l, %n : (!vm.list<i32>, i32)
    %c0 = vm.const.i32 0
    // CHECK: st = S->list_set(exec, v{{[0-9]+}}, v{{[0-9]+}}, 'i', &v{{[0-9]+}});
    vm.list.set.i32 %l, %c0, %n : (!vm.list<i32>, i32, i32)
    // CHECK: st = S->list_get(exec, v{{[0-9]+}}, v{{[0-9]+}}, 'i', &v{{[0-9]+}});
    %g = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    // CHECK: = S->list_size(v{{[0-9]+}});
    %sz = vm.list.size %l : (!vm.list<i32>) -> i32
    %r = vm.add.i32 %g, %sz : i32
    vm.return %r : i32
  }
  vm.export @lists
}
