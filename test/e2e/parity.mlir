// Behaviours that must match IREE's VM in both forms (docs/semantics.md):
// typed refs stored into variant and ref<?> lists, vm.list.get.ref
// of another type
// yields null, vm.buffer.hash is IREE's SipHash-2-4, vm.discard.refs, and
// ops that can fail are never dropped because their results are unused.
// E2E-EXPECT-ERROR: fail_unused_div INVALID_ARGUMENT: integer division by zero
// E2E-EXPECT-ERROR: fail_unused_rem INVALID_ARGUMENT: integer division by zero
// E2E-EXPECT-ERROR: fail_unused_load OUT_OF_RANGE: out-of-bounds buffer access: element offset 4, count 1 of 4-byte elements in a buffer of 16 bytes
// E2E-EXPECT-ERROR: fail_unused_clone OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_unused_cast INVALID_ARGUMENT
// E2E-EXPECT-ERROR: fail_unused_list_get OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_unused_buffer_length INVALID_ARGUMENT
// E2E-EXPECT-ERROR: fail_unused_hash OUT_OF_RANGE
// E2E-EXPECT-ERROR: fail_list_alloc_negative OUT_OF_RANGE: vm.list.alloc capacity: negative value -1
// E2E-EXPECT-ERROR: fail_list_reserve_negative OUT_OF_RANGE: vm.list.reserve capacity: negative value -5
// E2E-EXPECT-ERROR: fail_buffer_alloc_alignment INVALID_ARGUMENT: vm.buffer.alloc alignment 3 is not a power of two
vm.module @parity {
  vm.func @test_typed_refs_into_any() {
    %c12 = vm.const.i64 12
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %b = vm.buffer.alloc %c12, %c0 : !vm.buffer
    // (Typed refs as call operands and results and as branch operands into
    // !vm.ref<?> do not verify yet: docs/semantics.md.)
    // list.set.ref on a variant list and a ref<?> list.
    %lv = vm.list.alloc %c1 : (i32) -> !vm.list<?>
    vm.list.resize %lv, %c1 : (!vm.list<?>, i32)
    vm.list.set.ref %lv, %c0, %b : (!vm.list<?>, i32, !vm.buffer)
    %back = vm.list.get.ref %lv, %c0 : (!vm.list<?>, i32) -> !vm.buffer
    %same = vm.cmp.eq.ref %back, %b : !vm.buffer
    vm.check.nz %same, "buffer back from a variant list" : i32
    %lr = vm.list.alloc %c1 : (i32) -> !vm.list<!vm.ref<?>>
    vm.list.resize %lr, %c1 : (!vm.list<!vm.ref<?>>, i32)
    vm.list.set.ref %lr, %c0, %b : (!vm.list<!vm.ref<?>>, i32, !vm.buffer)
    %back2 = vm.list.get.ref %lr, %c0 : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    %same2 = vm.cmp.eq.ref %back2, %b : !vm.buffer
    vm.check.nz %same2, "buffer back from a ref<?> list" : i32
    vm.return
  }
  vm.export @test_typed_refs_into_any

  vm.func @test_list_get_ref_mismatch_is_null() {
    %c12 = vm.const.i64 12
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %b = vm.buffer.alloc %c12, %c0 : !vm.buffer
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<?>
    vm.list.resize %l, %c1 : (!vm.list<?>, i32)
    vm.list.set.ref %l, %c0, %b : (!vm.list<?>, i32, !vm.buffer)
    %wrong = vm.list.get.ref %l, %c0 : (!vm.list<?>, i32) -> !vm.list<i32>
    %nz = vm.cmp.nz.ref %wrong : !vm.list<i32>
    vm.check.eq %nz, %c0, "a buffer read as a list is null" : i32
    %right = vm.list.get.ref %l, %c0 : (!vm.list<?>, i32) -> !vm.buffer
    %nz2 = vm.cmp.nz.ref %right : !vm.buffer
    vm.check.eq %nz2, %c1, "read as a buffer it is there" : i32
    vm.return
  }
  vm.export @test_list_get_ref_mismatch_is_null

  vm.func @test_buffer_hash_is_iree_siphash() {
    %c15 = vm.const.i64 15
    %c0 = vm.const.i64 0
    %a0 = vm.const.i32 0
    %b = vm.buffer.alloc %c15, %a0 : !vm.buffer
    %c1 = vm.const.i64 1
    vm.br ^fill(%c0 : i64)
  ^fill(%i: i64):
    %v = vm.trunc.i64.i32 %i : i64 -> i32
    vm.buffer.store.i8 %v, %b[%i] : i32 -> !vm.buffer
    %next = vm.add.i64 %i, %c1 : i64
    %more = vm.cmp.lt.i64.s %next, %c15 : i64
    vm.cond_br %more, ^fill(%next : i64), ^done
  ^done:
    %h = vm.buffer.hash %b, %c0, %c15 : !vm.buffer -> i64
    // SipHash-2-4, key 00..0f, message 00..0e: 0xa129ca6149be45e5.
    %want = vm.const.i64 -6833708440360172059
    vm.check.eq %h, %want, "siphash reference vector" : i64
    %h0 = vm.buffer.hash %b, %c0, %c0 : !vm.buffer -> i64
    %want0 = vm.const.i64 8246050544436514353
    vm.check.eq %h0, %want0, "siphash of no bytes" : i64
    vm.return
  }
  vm.export @test_buffer_hash_is_iree_siphash

  vm.func @test_discard_refs() -> i32 {
    %c12 = vm.const.i64 12
    %c0 = vm.const.i32 0
    %b = vm.buffer.alloc %c12, %c0 : !vm.buffer
    %l = vm.list.alloc %c0 : (i32) -> !vm.list<i32>
    %n = vm.list.size %l : (!vm.list<i32>) -> i32
    vm.discard.refs %b, %l : !vm.buffer, !vm.list<i32>
    vm.return %n : i32
  }
  vm.export @test_discard_refs

  // Failing ops whose results nobody reads still fail.
  vm.func @fail_unused_div() {
    %c7 = vm.const.i32 7
    %z = vm.const.i32 0
    %q = vm.div.i32.s %c7, %z : i32
    vm.return
  }
  vm.export @fail_unused_div
  vm.func @fail_unused_rem() {
    %c7 = vm.const.i64 7
    %z0 = vm.const.i64 0
    %z = vm.optimization_barrier %z0 : i64
    %q = vm.rem.i64.u %c7, %z : i64
    vm.return
  }
  vm.export @fail_unused_rem
  vm.func @fail_unused_load() {
    %c16 = vm.const.i64 16
    %c0 = vm.const.i32 0
    %b = vm.buffer.alloc %c16, %c0 : !vm.buffer
    %i = vm.const.i64 4
    %v = vm.buffer.load.i32 %b[%i] : !vm.buffer -> i32
    vm.return
  }
  vm.export @fail_unused_load
  vm.func @fail_unused_clone() {
    %c16 = vm.const.i64 16
    %c0 = vm.const.i32 0
    %b = vm.buffer.alloc %c16, %c0 : !vm.buffer
    %off = vm.const.i64 8
    %n = vm.const.i64 9
    %cl = vm.buffer.clone %b, %off, %n, %c0 : !vm.buffer -> !vm.buffer
    vm.return
  }
  vm.export @fail_unused_clone
  vm.func @fail_unused_cast() {
    %c16 = vm.const.i64 16
    %c0 = vm.const.i32 0
    %b = vm.buffer.alloc %c16, %c0 : !vm.buffer
    %any = vm.cast.ref.any %b : !vm.buffer -> !vm.ref<?>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i32>
    vm.return
  }
  vm.export @fail_unused_cast
  vm.func @fail_unused_list_get() {
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c0 : (i32) -> !vm.list<i32>
    %v = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    vm.return
  }
  vm.export @fail_unused_list_get
  vm.func @fail_unused_buffer_length() {
    %null = vm.const.ref.zero : !vm.buffer
    %n = vm.buffer.length %null : !vm.buffer -> i64
    vm.return
  }
  vm.export @fail_unused_buffer_length
  vm.func @fail_unused_hash() {
    %c16 = vm.const.i64 16
    %c0 = vm.const.i32 0
    %b = vm.buffer.alloc %c16, %c0 : !vm.buffer
    %off = vm.const.i64 -1
    %h = vm.buffer.hash %b, %off, %c16 : !vm.buffer -> i64
    vm.return
  }
  vm.export @fail_unused_hash

  // Negative counts fail the same way in both forms.
  vm.func @fail_list_alloc_negative() {
    %m1 = vm.const.i32 -1
    %l = vm.list.alloc %m1 : (i32) -> !vm.list<i32>
    vm.return
  }
  vm.export @fail_list_alloc_negative
  vm.func @fail_list_reserve_negative() {
    %c0 = vm.const.i32 0
    %m5 = vm.const.i32 -5
    %l = vm.list.alloc %c0 : (i32) -> !vm.list<i32>
    vm.list.reserve %l, %m5 : (!vm.list<i32>, i32)
    vm.return
  }
  vm.export @fail_list_reserve_negative
  vm.func @fail_buffer_alloc_alignment() {
    %c16 = vm.const.i64 16
    %c3 = vm.const.i32 3
    %b = vm.buffer.alloc %c16, %c3 : !vm.buffer
    vm.return
  }
  vm.export @fail_buffer_alloc_alignment
}
