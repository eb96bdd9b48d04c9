// SAMPLE-RUN: gcd --input=84 --input=18
// Euclid's algorithm, with constants the canonicalizer folds away.
vm.module @gcd {
  vm.func @gcd(%a: i32, %b: i32) -> i32 {
    vm.br ^loop(%a, %b : i32, i32)
  ^loop(%x: i32, %y: i32):
    %zero = vm.const.i32.zero
    %done = vm.cmp.eq.i32 %y, %zero : i32
    vm.cond_br %done, ^exit, ^step
  ^step:
    %r = vm.rem.i32.u %x, %y : i32
    vm.br ^loop(%y, %r : i32, i32)
  ^exit:
    vm.return %x : i32
  }

  // gcd(12 * 7, 18 + 0): the arithmetic on constants folds.
  vm.func @gcd_of_constants() -> i32 {
    %c12 = vm.const.i32 12
    %c7 = vm.const.i32 7
    %c18 = vm.const.i32 18
    %zero = vm.const.i32.zero
    %a = vm.mul.i32 %c12, %c7 : i32
    %b = vm.add.i32 %c18, %zero : i32
    %r = vm.call @gcd(%a, %b) : (i32, i32) -> i32
    vm.return %r : i32
  }

  vm.export @gcd
  vm.export @gcd_of_constants
}
