// Calls into a second module through vm.import: scalars, multiple results,
// refs in both directions, per-module state, and errors raised in the
// imported module (the stack trace spans both modules).
// E2E-DEPENDS: imports_lib.mlir
vm.module @imports {
  vm.import private @mathlib.add(%a : i32, %b : i32) -> i32
  vm.import private @mathlib.call_count() -> i32
  vm.import private @mathlib.scale(%x : f64, %by : i64) -> (f64, i64)
  vm.import private @mathlib.first_byte(%b : !vm.buffer) -> i32
  vm.import private @mathlib.make_buffer(%n : i64) -> !vm.buffer
  vm.import private @mathlib.explode()

  vm.func @test_import_scalars() {
    %a0 = vm.const.i32 40
    %a = vm.optimization_barrier %a0 : i32
    %b = vm.const.i32 2
    %r = vm.call @mathlib.add(%a, %b) : (i32, i32) -> i32
    %e = vm.const.i32 42
    vm.check.eq %r, %e, "mathlib.add(40, 2)" : i32
    %r2 = vm.call @mathlib.add(%r, %b) : (i32, i32) -> i32
    %n = vm.call @mathlib.call_count() : () -> i32
    %c2 = vm.const.i32 2
    vm.check.eq %n, %c2, "the imported module's state counts 2 calls" : i32
    vm.return
  }
  vm.export @test_import_scalars

  vm.func @test_import_multiple_results() {
    %x0 = vm.const.f64 1.5
    %x = vm.optimization_barrier %x0 : f64
    %by = vm.const.i64 4
    %res:2 = vm.call @mathlib.scale(%x, %by) : (f64, i64) -> (f64, i64)
    %e0 = vm.const.f64 6.0
    vm.check.eq %res#0, %e0, "scale result 0" : f64
    %e1 = vm.const.i64 8
    vm.check.eq %res#1, %e1, "scale result 1" : i64
    vm.return
  }
  vm.export @test_import_multiple_results

  vm.func @test_import_refs() {
    %c3 = vm.const.i64 3
    %b = vm.call @mathlib.make_buffer(%c3) : (i64) -> !vm.buffer
    %len = vm.buffer.length %b : !vm.buffer -> i64
    vm.check.eq %len, %c3, "buffer made by the import" : i64
    %zero = vm.const.i64.zero
    %v = vm.const.i32 201
    vm.buffer.store.i8 %v, %b[%zero] : i32 -> !vm.buffer
    %got = vm.call @mathlib.first_byte(%b) : (!vm.buffer) -> i32
    vm.check.eq %got, %v, "import reads our write" : i32
    vm.return
  }
  vm.export @test_import_refs

  // Imports called in a loop (crossing the module boundary 100 times).
  vm.func @test_import_in_loop() {
    %zero = vm.const.i32.zero
    %one = vm.const.i32 1
    %n0 = vm.const.i32 100
    %n = vm.optimization_barrier %n0 : i32
    vm.br ^loop(%zero, %zero : i32, i32)
  ^loop(%i: i32, %acc: i32):
    %more = vm.cmp.lt.i32.s %i, %n : i32
    vm.cond_br %more, ^body, ^exit
  ^body:
    %acc1 = vm.call @mathlib.add(%acc, %i) : (i32, i32) -> i32
    %i1 = vm.add.i32 %i, %one : i32
    vm.br ^loop(%i1, %acc1 : i32, i32)
  ^exit:
    %e = vm.const.i32 4950
    vm.check.eq %acc, %e, "sum 0..99 through imports" : i32
    vm.return
  }
  vm.export @test_import_in_loop

  vm.func @fail_error_in_import() {
    vm.call @mathlib.explode() : () -> ()
    vm.return
  }
  vm.export @fail_error_in_import
}
// E2E-EXPECT-ERROR: fail_error_in_import failure inside mathlib
