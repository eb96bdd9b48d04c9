// vm.buffer ops and read-only data. Load/store/fill offsets and lengths are
// in elements of the access type; copy/compare/clone/hash use bytes.
// E2E-ARGS: test_sum_input_buffer --input=buffer=i32:1,2,3,4,-10
vm.module @buffers {
  vm.rodata private @data dense<[10, 20, 30, 40]> : tensor<4xi32>
  vm.rodata private @bytes dense<[1, 2, 255, 128]> : tensor<4xi8>

  vm.func @test_alloc_length_zeroed() {
    %c24 = vm.const.i64 24
    %len = vm.optimization_barrier %c24 : i64
    %c16 = vm.const.i32 16
    %b = vm.buffer.alloc %len, %c16 : !vm.buffer
    %n = vm.buffer.length %b : !vm.buffer -> i64
    vm.check.eq %n, %c24, "length" : i64
    %c2 = vm.const.i64 2
    %v = vm.buffer.load.i64 %b[%c2] : !vm.buffer -> i64
    %zero = vm.const.i64.zero
    vm.check.eq %v, %zero, "new buffers are zero-filled" : i64
    vm.return
  }
  vm.export @test_alloc_length_zeroed

  vm.func @test_load_store_widths() {
    %c16 = vm.const.i64 16
    %c8 = vm.const.i32 8
    %b = vm.buffer.alloc %c16, %c8 : !vm.buffer
    %i0 = vm.const.i64 0
    %i1 = vm.const.i64 1
    %i2 = vm.const.i64 2
    %i4 = vm.const.i64 4
    %i5 = vm.const.i64 5
    %x0 = vm.const.i32 -559038737
    %x = vm.optimization_barrier %x0 : i32
    // 0xDEADBEEF at i32 element 1 = bytes 4..7 (little-endian EF BE AD DE).
    vm.buffer.store.i32 %x, %b[%i1] : i32 -> !vm.buffer
    %l32 = vm.buffer.load.i32 %b[%i1] : !vm.buffer -> i32
    vm.check.eq %l32, %x0, "i32 round trip" : i32
    %u8 = vm.buffer.load.i8.u %b[%i4] : !vm.buffer -> i32
    %e239 = vm.const.i32 239
    vm.check.eq %u8, %e239, "load.i8.u byte 4" : i32
    %s8 = vm.buffer.load.i8.s %b[%i4] : !vm.buffer -> i32
    %em17 = vm.const.i32 -17
    vm.check.eq %s8, %em17, "load.i8.s byte 4" : i32
    %u16 = vm.buffer.load.i16.u %b[%i2] : !vm.buffer -> i32
    %e48879 = vm.const.i32 48879
    vm.check.eq %u16, %e48879, "load.i16.u element 2" : i32
    %s16 = vm.buffer.load.i16.s %b[%i2] : !vm.buffer -> i32
    %em16657 = vm.const.i32 -16657
    vm.check.eq %s16, %em16657, "load.i16.s element 2" : i32
    // Narrow stores truncate.
    %v300 = vm.const.i32 300
    vm.buffer.store.i8 %v300, %b[%i0] : i32 -> !vm.buffer
    %b0 = vm.buffer.load.i8.u %b[%i0] : !vm.buffer -> i32
    %e44 = vm.const.i32 44
    vm.check.eq %b0, %e44, "store.i8 truncates 300 to 44" : i32
    %v70000 = vm.const.i32 70000
    vm.buffer.store.i16 %v70000, %b[%i5] : i32 -> !vm.buffer
    %h5 = vm.buffer.load.i16.u %b[%i5] : !vm.buffer -> i32
    %e4464 = vm.const.i32 4464
    vm.check.eq %h5, %e4464, "store.i16 truncates" : i32
    %w0 = vm.const.i64 -81985529216486896
    %w = vm.optimization_barrier %w0 : i64
    vm.buffer.store.i64 %w, %b[%i1] : i64 -> !vm.buffer
    %lw = vm.buffer.load.i64 %b[%i1] : !vm.buffer -> i64
    vm.check.eq %lw, %w0, "i64 round trip" : i64
    %f0 = vm.const.f32 -1.25
    %f = vm.optimization_barrier %f0 : f32
    vm.buffer.store.f32 %f, %b[%i0] : f32 -> !vm.buffer
    %lf = vm.buffer.load.f32 %b[%i0] : !vm.buffer -> f32
    vm.check.eq %lf, %f0, "f32 round trip" : f32
    %d0 = vm.const.f64 3.0e-300
    %d = vm.optimization_barrier %d0 : f64
    vm.buffer.store.f64 %d, %b[%i0] : f64 -> !vm.buffer
    %ld = vm.buffer.load.f64 %b[%i0] : !vm.buffer -> f64
    vm.check.eq %ld, %d0, "f64 round trip" : f64
    vm.return
  }
  vm.export @test_load_store_widths

  vm.func @test_fill() {
    %c32 = vm.const.i64 32
    %c8 = vm.const.i32 8
    %b = vm.buffer.alloc %c32, %c8 : !vm.buffer
    %i0 = vm.const.i64 0
    %i1 = vm.const.i64 1
    %i2 = vm.const.i64 2
    %i3 = vm.const.i64 3
    %i7 = vm.const.i64 7
    %i8 = vm.const.i64 8
    %v7 = vm.const.i32 7
    // i32 elements 1..2 (bytes 4..11) = 7.
    vm.buffer.fill.i32 %b, %i1, %i2, %v7 : i32 -> !vm.buffer
    %a0 = vm.buffer.load.i32 %b[%i0] : !vm.buffer -> i32
    %zero = vm.const.i32.zero
    vm.check.eq %a0, %zero, "fill.i32 leaves element 0" : i32
    %a2 = vm.buffer.load.i32 %b[%i2] : !vm.buffer -> i32
    vm.check.eq %a2, %v7, "fill.i32 element 2" : i32
    %a3 = vm.buffer.load.i32 %b[%i3] : !vm.buffer -> i32
    vm.check.eq %a3, %zero, "fill.i32 leaves element 3" : i32
    %vff = vm.const.i32 255
    vm.buffer.fill.i8 %b, %i0, %i1, %vff : i32 -> !vm.buffer
    %byte0 = vm.buffer.load.i8.s %b[%i0] : !vm.buffer -> i32
    %m1 = vm.const.i32 -1
    vm.check.eq %byte0, %m1, "fill.i8" : i32
    %v513 = vm.const.i32 513
    vm.buffer.fill.i16 %b, %i7, %i1, %v513 : i32 -> !vm.buffer
    %h7 = vm.buffer.load.i16.u %b[%i7] : !vm.buffer -> i32
    vm.check.eq %h7, %v513, "fill.i16" : i32
    %v64 = vm.const.i64 -2
    vm.buffer.fill.i64 %b, %i3, %i1, %v64 : i64 -> !vm.buffer
    %q3 = vm.buffer.load.i64 %b[%i3] : !vm.buffer -> i64
    vm.check.eq %q3, %v64, "fill.i64" : i64
    %vf = vm.const.f32 0.5
    vm.buffer.fill.f32 %b, %i0, %i8, %vf : f32 -> !vm.buffer
    %f7 = vm.buffer.load.f32 %b[%i7] : !vm.buffer -> f32
    vm.check.eq %f7, %vf, "fill.f32 whole buffer" : f32
    %vd = vm.const.f64 -0.125
    vm.buffer.fill.f64 %b, %i2, %i2, %vd : f64 -> !vm.buffer
    %d3 = vm.buffer.load.f64 %b[%i3] : !vm.buffer -> f64
    vm.check.eq %d3, %vd, "fill.f64" : f64
    vm.return
  }
  vm.export @test_fill

  vm.func @test_clone_copy_compare_hash() {
    %c16 = vm.const.i64 16
    %c4 = vm.const.i32 4
    %src = vm.buffer.alloc %c16, %c4 : !vm.buffer
    %i0 = vm.const.i64 0
    %i1 = vm.const.i64 1
    %i3 = vm.const.i64 3
    %i4 = vm.const.i64 4
    %i8 = vm.const.i64 8
    %v = vm.const.i32 123456
    vm.buffer.store.i32 %v, %src[%i1] : i32 -> !vm.buffer
    vm.buffer.store.i32 %v, %src[%i3] : i32 -> !vm.buffer
    // clone bytes 4..11.
    %clone = vm.buffer.clone %src, %i4, %i8, %c4 : !vm.buffer -> !vm.buffer
    %clen = vm.buffer.length %clone : !vm.buffer -> i64
    vm.check.eq %clen, %i8, "clone length" : i64
    %c0v = vm.buffer.load.i32 %clone[%i0] : !vm.buffer -> i32
    vm.check.eq %c0v, %v, "clone contents" : i32
    %same = vm.buffer.compare %src, %i4, %clone, %i0, %i8 : !vm.buffer, !vm.buffer
    vm.check.nz %same, "compare equal ranges" : i32
    // A clone is a copy: writing it leaves the source alone.
    %v9 = vm.const.i32 9
    vm.buffer.store.i32 %v9, %clone[%i0] : i32 -> !vm.buffer
    %s1 = vm.buffer.load.i32 %src[%i1] : !vm.buffer -> i32
    vm.check.eq %s1, %v, "source unchanged by clone write" : i32
    %diff = vm.buffer.compare %src, %i4, %clone, %i0, %i8 : !vm.buffer, !vm.buffer
    %zero = vm.const.i32.zero
    vm.check.eq %diff, %zero, "compare different ranges" : i32
    // copy clone bytes 0..7 ([9, 0]) into src bytes 8..15.
    vm.buffer.copy %clone, %i0, %src, %i8, %i8 : !vm.buffer -> !vm.buffer
    %i2 = vm.const.i64 2
    %s2 = vm.buffer.load.i32 %src[%i2] : !vm.buffer -> i32
    vm.check.eq %s2, %v9, "copy landed at byte 8" : i32
    %s3 = vm.buffer.load.i32 %src[%i3] : !vm.buffer -> i32
    vm.check.eq %s3, %zero, "copy overwrote byte 12" : i32
    // Equal contents hash equal; different contents (almost surely) differ.
    %h1 = vm.buffer.hash %src, %i8, %i8 : !vm.buffer -> i64
    %h2 = vm.buffer.hash %clone, %i0, %i8 : !vm.buffer -> i64
    vm.check.eq %h1, %h2, "hash of equal bytes" : i64
    %h3 = vm.buffer.hash %src, %i0, %i8 : !vm.buffer -> i64
    vm.check.ne %h1, %h3, "hash of different bytes" : i64
    vm.return
  }
  vm.export @test_clone_copy_compare_hash

  vm.func @test_rodata() {
    %data = vm.const.ref.rodata @data : !vm.buffer
    %len = vm.buffer.length %data : !vm.buffer -> i64
    %c16 = vm.const.i64 16
    vm.check.eq %len, %c16, "rodata length" : i64
    %i30 = vm.const.i64 3
    %i3 = vm.optimization_barrier %i30 : i64
    %v3 = vm.buffer.load.i32 %data[%i3] : !vm.buffer -> i32
    %c40 = vm.const.i32 40
    vm.check.eq %v3, %c40, "rodata element 3" : i32
    %bytes = vm.const.ref.rodata @bytes : !vm.buffer
    %i2 = vm.const.i64 2
    %u = vm.buffer.load.i8.u %bytes[%i2] : !vm.buffer -> i32
    %c255 = vm.const.i32 255
    vm.check.eq %u, %c255, "rodata byte 2 unsigned" : i32
    %i30b = vm.const.i64 3
    %s = vm.buffer.load.i8.s %bytes[%i30b] : !vm.buffer -> i32
    %cm128 = vm.const.i32 -128
    vm.check.eq %s, %cm128, "rodata byte 3 signed" : i32
    // The same segment twice is the same contents.
    %again = vm.const.ref.rodata @data : !vm.buffer
    %zero = vm.const.i64.zero
    %eq = vm.buffer.compare %data, %zero, %again, %zero, %c16 : !vm.buffer, !vm.buffer
    vm.check.nz %eq, "rodata compares equal to itself" : i32
    // Inline rodata.
    %inl = vm.rodata.inline : !vm.buffer = dense<[7, 8, 9]> : tensor<3xi16>
    %i1 = vm.const.i64 1
    %h = vm.buffer.load.i16.s %inl[%i1] : !vm.buffer -> i32
    %c8 = vm.const.i32 8
    vm.check.eq %h, %c8, "inline rodata element 1" : i32
    // A mutable clone of rodata.
    %c4 = vm.const.i32 4
    %copy = vm.buffer.clone %data, %zero, %c16, %c4 : !vm.buffer -> !vm.buffer
    %c99 = vm.const.i32 99
    vm.buffer.store.i32 %c99, %copy[%zero] : i32 -> !vm.buffer
    %r0 = vm.buffer.load.i32 %data[%zero] : !vm.buffer -> i32
    %c10 = vm.const.i32 10
    vm.check.eq %r0, %c10, "rodata unchanged by clone write" : i32
    vm.return
  }
  vm.export @test_rodata

  // Sum of the i32 elements of a buffer passed in from the host.
  vm.func @test_sum_input_buffer(%buf: !vm.buffer) -> i32 {
    %bytes = vm.buffer.length %buf : !vm.buffer -> i64
    %c4 = vm.const.i64 4
    %count = vm.div.i64.u %bytes, %c4 : i64
    %zero = vm.const.i64.zero
    %izero = vm.const.i32.zero
    %one = vm.const.i64 1
    vm.br ^loop(%zero, %izero : i64, i32)
  ^loop(%i: i64, %acc: i32):
    %more = vm.cmp.lt.i64.u %i, %count : i64
    vm.cond_br %more, ^body, ^exit
  ^body:
    %v = vm.buffer.load.i32 %buf[%i] : !vm.buffer -> i32
    %acc1 = vm.add.i32 %acc, %v : i32
    %i1 = vm.add.i64 %i, %one : i64
    vm.br ^loop(%i1, %acc1 : i64, i32)
  ^exit:
    vm.check.eq %acc, %izero, "1 + 2 + 3 + 4 - 10" : i32
    vm.return %acc : i32
  }
  vm.export @test_sum_input_buffer
}
