// Scalar list accesses of another type convert as IREE's list.c converts
// (iree_vm_list_convert_value_type), in both forms: integers sign-extend or
// truncate, f32 and f64 cast to each other, integer <-> float is zero. A list
// of one element type is reached as another through !vm.ref<?>, as a program
// handed a list by its caller can.
vm.module @listconv {
  vm.func private @one_i64(%v : i64) -> !vm.ref<?> {
    %c1 = vm.const.i32 1
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<i64>
    vm.list.resize %l, %c1 : (!vm.list<i64>, i32)
    vm.list.set.i64 %l, %c0, %v : (!vm.list<i64>, i32, i64)
    %any = vm.cast.ref.any %l : !vm.list<i64> -> !vm.ref<?>
    vm.return %any : !vm.ref<?>
  }

  vm.func private @one_f32(%v : f32) -> !vm.ref<?> {
    %c1 = vm.const.i32 1
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<f32>
    vm.list.resize %l, %c1 : (!vm.list<f32>, i32)
    vm.list.set.f32 %l, %c0, %v : (!vm.list<f32>, i32, f32)
    %any = vm.cast.ref.any %l : !vm.list<f32> -> !vm.ref<?>
    vm.return %any : !vm.ref<?>
  }

  vm.export @test_i64_list_read_as_i32_truncates
  vm.func @test_i64_list_read_as_i32_truncates() {
    %v = vm.const.i64 4294967301
    %any = vm.call @one_i64(%v) : (i64) -> !vm.ref<?>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i32>
    %c0 = vm.const.i32 0
    %r = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    %c5 = vm.const.i32 5
    vm.check.eq %r, %c5, "low 32 bits" : i32
    vm.return
  }

  vm.export @test_i64_list_written_as_i32_sign_extends
  vm.func @test_i64_list_written_as_i32_sign_extends() {
    %z = vm.const.i64 0
    %any = vm.call @one_i64(%z) : (i64) -> !vm.ref<?>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i32>
    %c0 = vm.const.i32 0
    %m3 = vm.const.i32 -3
    vm.list.set.i32 %l, %c0, %m3 : (!vm.list<i32>, i32, i32)
    %l64 = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i64>
    %r = vm.list.get.i64 %l64, %c0 : (!vm.list<i64>, i32) -> i64
    %e = vm.const.i64 -3
    vm.check.eq %r, %e, "sign-extended" : i64
    vm.return
  }

  vm.export @test_f32_list_read_as_f64_widens
  vm.func @test_f32_list_read_as_f64_widens() {
    %v = vm.const.f32 1.5
    %any = vm.call @one_f32(%v) : (f32) -> !vm.ref<?>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<f64>
    %c0 = vm.const.i32 0
    %r = vm.list.get.f64 %l, %c0 : (!vm.list<f64>, i32) -> f64
    %e = vm.const.f64 1.5
    vm.check.eq %r, %e, "widened" : f64
    vm.return
  }

  vm.export @test_integer_float_mix_is_zero
  vm.func @test_integer_float_mix_is_zero() {
    %v = vm.const.f32 7.0
    %any = vm.call @one_f32(%v) : (f32) -> !vm.ref<?>
    %l = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<i32>
    %c0 = vm.const.i32 0
    %r = vm.list.get.i32 %l, %c0 : (!vm.list<i32>, i32) -> i32
    %zero = vm.const.i32 0
    vm.check.eq %r, %zero, "float read as integer" : i32
    %c9 = vm.const.i32 9
    vm.list.set.i32 %l, %c0, %c9 : (!vm.list<i32>, i32, i32)
    %lf = vm.cast.any.ref %any : !vm.ref<?> -> !vm.list<f32>
    %f = vm.list.get.f32 %lf, %c0 : (!vm.list<f32>, i32) -> f32
    %fz = vm.const.f32 0.0
    vm.check.eq %f, %fz, "integer written into a float list" : f32
    vm.return
  }

  vm.export @test_variant_list_converts_on_read
  vm.func @test_variant_list_converts_on_read() {
    %c1 = vm.const.i32 1
    %c0 = vm.const.i32 0
    %l = vm.list.alloc %c1 : (i32) -> !vm.list<?>
    vm.list.resize %l, %c1 : (!vm.list<?>, i32)
    %v = vm.const.i32 -9
    vm.list.set.i32 %l, %c0, %v : (!vm.list<?>, i32, i32)
    %r = vm.list.get.i64 %l, %c0 : (!vm.list<?>, i32) -> i64
    %e = vm.const.i64 -9
    vm.check.eq %r, %e, "variant i32 read as i64" : i64
    vm.return
  }
}
