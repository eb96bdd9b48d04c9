// vm.list of every element type: i8, i16, i32, i64, f32, f64, typed ref,
// any ref, and variant; reserve/resize/size; lists of lists.
vm.module @lists {
  vm.func @test_scalar_lists() {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c4 = vm.const.i32 4
    %cap = vm.optimization_barrier %c4 : i32
    %l8 = vm.list.alloc %cap : (i32) -> !vm.list<i8>
    vm.list.resize %l8, %c2 : (!vm.list<i8>, i32)
    %v200 = vm.const.i32 200
    vm.list.set.i32 %l8, %c1, %v200 : (!vm.list<i8>, i32, i32)
    %g8 = vm.list.get.i32 %l8, %c1 : (!vm.list<i8>, i32) -> i32
    %em56 = vm.const.i32 -56
    vm.check.eq %g8, %em56, "list<i8> stores 200 as -56" : i32
    %l16 = vm.list.alloc %cap : (i32) -> !vm.list<i16>
    vm.list.resize %l16, %c1 : (!vm.list<i16>, i32)
    %v70000 = vm.const.i32 70000
    vm.list.set.i32 %l16, %c0, %v70000 : (!vm.list<i16>, i32, i32)
    %g16 = vm.list.get.i32 %l16, %c0 : (!vm.list<i16>, i32) -> i32
    %e4464 = vm.const.i32 4464
    vm.check.eq %g16, %e4464, "list<i16> truncates" : i32
    %l32 = vm.list.alloc %cap : (i32) -> !vm.list<i32>
    %s0 = vm.list.size %l32 : (!vm.list<i32>) -> i32
    vm.check.eq %s0, %c0, "new list is empty" : i32
    vm.list.resize %l32, %c2 : (!vm.list<i32>, i32)
    %fresh = vm.list.get.i32 %l32, %c1 : (!vm.list<i32>, i32) -> i32
    vm.check.eq %fresh, %c0, "resize fills with zero" : i32
    %v = vm.const.i32 -12345
    vm.list.set.i32 %l32, %c1, %v : (!vm.list<i32>, i32, i32)
    %g32 = vm.list.get.i32 %l32, %c1 : (!vm.list<i32>, i32) -> i32
    vm.check.eq %g32, %v, "list<i32>" : i32
    %s2 = vm.list.size %l32 : (!vm.list<i32>) -> i32
    vm.check.eq %s2, %c2, "size after resize" : i32
    %l64 = vm.list.alloc %c0 : (i32) -> !vm.list<i64>
    %c100 = vm.const.i32 100
    vm.list.reserve %l64, %c100 : (!vm.list<i64>, i32)
    vm.list.resize %l64, %c100 : (!vm.list<i64>, i32)
    %c99 = vm.const.i32 99
    %w = vm.const.i64 -9000000000
    vm.list.set.i64 %l64, %c99, %w : (!vm.list<i64>, i32, i64)
    %g64 = vm.list.get.i64 %l64, %c99 : (!vm.list<i64>, i32) -> i64
    vm.check.eq %g64, %w, "list<i64> element 99" : i64
    %lf = vm.list.alloc %c1 : (i32) -> !vm.list<f32>
    vm.list.resize %lf, %c1 : (!vm.list<f32>, i32)
    %f = vm.const.f32 2.5
    vm.list.set.f32 %lf, %c0, %f : (!vm.list<f32>, i32, f32)
    %gf = vm.list.get.f32 %lf, %c0 : (!vm.list<f32>, i32) -> f32
    vm.check.eq %gf, %f, "list<f32>" : f32
    %ld = vm.list.alloc %c1 : (i32) -> !vm.list<f64>
    vm.list.resize %ld, %c1 : (!vm.list<f64>, i32)
    %d = vm.const.f64 -0.0625
    vm.list.set.f64 %ld, %c0, %d : (!vm.list<f64>, i32, f64)
    %gd = vm.list.get.f64 %ld, %c0 : (!vm.list<f64>, i32) -> f64
    vm.check.eq %gd, %d, "list<f64>" : f64
    // Shrinking then growing gives fresh zero elements.
    vm.list.resize %l32, %c0 : (!vm.list<i32>, i32)
    vm.list.resize %l32, %c2 : (!vm.list<i32>, i32)
    %again = vm.list.get.i32 %l32, %c1 : (!vm.list<i32>, i32) -> i32
    vm.check.eq %again, %c0, "shrink + grow re-zeroes" : i32
    vm.return
  }
  vm.export @test_scalar_lists

  vm.func @test_ref_lists() {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c8 = vm.const.i64 8
    %c4 = vm.const.i32 4
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    %lb = vm.list.alloc %c2 : (i32) -> !vm.list<!vm.buffer>
    vm.list.resize %lb, %c2 : (!vm.list<!vm.buffer>, i32)
    vm.list.set.ref %lb, %c0, %buf : (!vm.list<!vm.buffer>, i32, !vm.buffer)
    %got = vm.list.get.ref %lb, %c0 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    vm.check.eq %got, %buf, "list<buffer> holds the same buffer" : !vm.buffer
    %empty = vm.list.get.ref %lb, %c1 : (!vm.list<!vm.buffer>, i32) -> !vm.buffer
    %nz = vm.cmp.nz.ref %empty : !vm.buffer
    vm.check.eq %nz, %c0, "unset ref element is null" : i32
    // A list of any ref holding a buffer and a list.
    %la = vm.list.alloc %c2 : (i32) -> !vm.list<!vm.ref<?>>
    vm.list.resize %la, %c2 : (!vm.list<!vm.ref<?>>, i32)
    %bany = vm.cast.ref.any %buf : !vm.buffer -> !vm.ref<?>
    vm.list.set.ref %la, %c0, %bany : (!vm.list<!vm.ref<?>>, i32, !vm.ref<?>)
    %inner = vm.list.alloc %c1 : (i32) -> !vm.list<i32>
    vm.list.resize %inner, %c1 : (!vm.list<i32>, i32)
    %c77 = vm.const.i32 77
    vm.list.set.i32 %inner, %c0, %c77 : (!vm.list<i32>, i32, i32)
    %iany = vm.cast.ref.any %inner : !vm.list<i32> -> !vm.ref<?>
    vm.list.set.ref %la, %c1, %iany : (!vm.list<!vm.ref<?>>, i32, !vm.ref<?>)
    %back = vm.list.get.ref %la, %c1 : (!vm.list<!vm.ref<?>>, i32) -> !vm.ref<?>
    %typed = vm.cast.any.ref %back : !vm.ref<?> -> !vm.list<i32>
    %v = vm.list.get.i32 %typed, %c0 : (!vm.list<i32>, i32) -> i32
    vm.check.eq %v, %c77, "list in a list" : i32
    %bback = vm.list.get.ref %la, %c0 : (!vm.list<!vm.ref<?>>, i32) -> !vm.buffer
    %blen = vm.buffer.length %bback : !vm.buffer -> i64
    vm.check.eq %blen, %c8, "buffer out of list<ref<?>>" : i64
    // Lists of lists, typed.
    %ll = vm.list.alloc %c1 : (i32) -> !vm.list<!vm.list<i32>>
    vm.list.resize %ll, %c1 : (!vm.list<!vm.list<i32>>, i32)
    vm.list.set.ref %ll, %c0, %inner : (!vm.list<!vm.list<i32>>, i32, !vm.list<i32>)
    %in2 = vm.list.get.ref %ll, %c0 : (!vm.list<!vm.list<i32>>, i32) -> !vm.list<i32>
    %sz = vm.list.size %in2 : (!vm.list<i32>) -> i32
    vm.check.eq %sz, %c1, "list<list<i32>>" : i32
    vm.return
  }
  vm.export @test_ref_lists

  vm.func @test_variant_list() {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c3 = vm.const.i32 3
    %c4 = vm.const.i32 4
    %l = vm.list.alloc %c4 : (i32) -> !vm.list<?>
    vm.list.resize %l, %c4 : (!vm.list<?>, i32)
    %i = vm.const.i32 -5
    vm.list.set.i32 %l, %c0, %i : (!vm.list<?>, i32, i32)
    %w = vm.const.i64 123456789012
    vm.list.set.i64 %l, %c1, %w : (!vm.list<?>, i32, i64)
    %f = vm.const.f32 0.75
    vm.list.set.f32 %l, %c2, %f : (!vm.list<?>, i32, f32)
    %c8 = vm.const.i64 8
    %buf = vm.buffer.alloc %c8, %c4 : !vm.buffer
    vm.list.set.ref %l, %c3, %buf : (!vm.list<?>, i32, !vm.buffer)
    %gi = vm.list.get.i32 %l, %c0 : (!vm.list<?>, i32) -> i32
    vm.check.eq %gi, %i, "variant i32" : i32
    %gw = vm.list.get.i64 %l, %c1 : (!vm.list<?>, i32) -> i64
    vm.check.eq %gw, %w, "variant i64" : i64
    %gf = vm.list.get.f32 %l, %c2 : (!vm.list<?>, i32) -> f32
    vm.check.eq %gf, %f, "variant f32" : f32
    %gb = vm.list.get.ref %l, %c3 : (!vm.list<?>, i32) -> !vm.buffer
    vm.check.eq %gb, %buf, "variant ref" : !vm.buffer
    %sz = vm.list.size %l : (!vm.list<?>) -> i32
    vm.check.eq %sz, %c4, "variant size" : i32
    vm.return
  }
  vm.export @test_variant_list

  // Returns a list so run-module prints one: list<i32>[3]=[1, 2, 3].
  vm.func @test_return_list() -> !vm.list<i32> {
    %c0 = vm.const.i32 0
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %c3 = vm.const.i32 3
    %l = vm.list.alloc %c3 : (i32) -> !vm.list<i32>
    vm.list.resize %l, %c3 : (!vm.list<i32>, i32)
    vm.list.set.i32 %l, %c0, %c1 : (!vm.list<i32>, i32, i32)
    vm.list.set.i32 %l, %c1, %c2 : (!vm.list<i32>, i32, i32)
    vm.list.set.i32 %l, %c2, %c3 : (!vm.list<i32>, i32, i32)
    vm.return %l : !vm.list<i32>
  }
  vm.export @test_return_list

  // Sums a list<i32> from the host.
  vm.func @test_sum_input_list(%l: !vm.list<i32>) -> i32 {
    %n = vm.list.size %l : (!vm.list<i32>) -> i32
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %v = vm.list.get.i32 %l, %i : (!vm.list<i32>, i32) -> i32
    %acc1 = vm.add.i32 %acc, %v : i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    %e = vm.const.i32 60
    vm.check.eq %acc, %e, "10 + 20 + 30" : i32
    vm.return %acc : i32
  }
  vm.export @test_sum_input_list
}
// E2E-ARGS: test_sum_input_list --input=list<i32>=10,20,30
