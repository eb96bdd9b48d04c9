// Typed refs flow where !vm.ref<?> is declared and back, as in IREE's VM:
// call operands and results, returned values, branch operands. Ref types
// are checked where an op needs one (the buffer ops here).
// E2E-ARGS: test_branch_operands --input=1
// E2E-EXPECT-ERROR: fail_list_as_buffer list
vm.module @refcompat {
  vm.rodata private @bytes dense<[5, 6, 7, 8]> : tensor<4xi8>

  // Takes any ref and hands it back.
  vm.func private @identity(%r : !vm.ref<?>) -> !vm.ref<?> {
    vm.return %r : !vm.ref<?>
  }

  // Declared to return !vm.ref<?>, returns a typed buffer.
  vm.func private @make() -> !vm.ref<?> {
    %b = vm.const.ref.rodata @bytes : !vm.buffer
    vm.return %b : !vm.buffer
  }

  // Takes a typed buffer: the caller passes an opaque ref.
  vm.func private @first_byte(%b : !vm.buffer) -> i32 {
    %c0 = vm.const.i64 0
    %v = vm.buffer.load.i8.u %b[%c0] : !vm.buffer -> i32
    vm.return %v : i32
  }

  vm.export @test_typed_through_opaque
  vm.func @test_typed_through_opaque() {
    %b = vm.const.ref.rodata @bytes : !vm.buffer
    %any = vm.call @identity(%b) : (!vm.buffer) -> !vm.ref<?>
    %again = vm.call @identity(%any) : (!vm.ref<?>) -> !vm.buffer
    %v = vm.call @first_byte(%again) : (!vm.buffer) -> i32
    %c5 = vm.const.i32 5
    vm.check.eq %v, %c5, "first byte through ref<?>" : i32
    %made = vm.call @make() : () -> !vm.ref<?>
    %w = vm.call @first_byte(%made) : (!vm.ref<?>) -> i32
    vm.check.eq %w, %c5, "first byte of a ref<?> result" : i32
    vm.return
  }

  vm.export @test_branch_operands
  vm.func @test_branch_operands(%n : i32) -> i32 {
    %b = vm.const.ref.rodata @bytes : !vm.buffer
    %nz = vm.cmp.nz.i32 %n : i32
    vm.cond_br %nz, ^keep(%b : !vm.buffer), ^keep(%b : !vm.buffer)
  ^keep(%r : !vm.ref<?>):
    %v = vm.call @first_byte(%r) : (!vm.ref<?>) -> i32
    vm.return %v : i32
  }

  // A list where a buffer is expected: the buffer op rejects it.
  vm.export @fail_list_as_buffer
  vm.func @fail_list_as_buffer() -> i32 {
    %c1 = vm.const.i32 1
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<i32>
    %any = vm.call @identity(%l) : (!vm.list<i32>) -> !vm.ref<?>
    %v = vm.call @first_byte(%any) : (!vm.ref<?>) -> i32
    vm.return %v : i32
  }
}
