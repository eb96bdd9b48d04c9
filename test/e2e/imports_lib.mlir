// E2E-LIBRARY: compiled only as a dependency of imports.mlir.
// A module whose exports imports.mlir calls through vm.import.
vm.module @mathlib {
  vm.global.i32 private mutable @calls : i32

  vm.func @add(%a: i32, %b: i32) -> i32 {
    %n = vm.global.load.i32 @calls : i32
    %one = vm.const.i32 1
    %n1 = vm.add.i32 %n, %one : i32
    vm.global.store.i32 %n1, @calls : i32
    %r = vm.add.i32 %a, %b : i32
    vm.return %r : i32
  }
  vm.export @add

  vm.func @call_count() -> i32 {
    %n = vm.global.load.i32 @calls : i32
    vm.return %n : i32
  }
  vm.export @call_count

  vm.func @scale(%x: f64, %by: i64) -> (f64, i64) {
    %byf = vm.cast.si64.f64 %by : i64 -> f64
    %r = vm.mul.f64 %x, %byf : f64
    %twice = vm.add.i64 %by, %by : i64
    vm.return %r, %twice : f64, i64
  }
  vm.export @scale

  vm.func @first_byte(%b: !vm.buffer) -> i32 {
    %zero = vm.const.i64.zero
    %v = vm.buffer.load.i8.u %b[%zero] : !vm.buffer -> i32
    vm.return %v : i32
  }
  vm.export @first_byte

  vm.func @make_buffer(%n: i64) -> !vm.buffer {
    %c8 = vm.const.i32 8
    %b = vm.buffer.alloc %n, %c8 : !vm.buffer
    vm.return %b : !vm.buffer
  }
  vm.export @make_buffer

  vm.func @fail_in_import() {
    %code = vm.const.i32 9
    vm.fail %code, "failure inside mathlib"
  }
  vm.export @fail_in_import as("explode")
}
