vm.module @cmath {
  vm.export @fib
  vm.func @fib(%n: i32) -> i32 {
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^done, ^rec
  ^done:
    vm.return %n : i32
  ^rec:
    %c1 = vm.const.i32 1
    %a = vm.sub.i32 %n, %c1 : i32
    %b = vm.sub.i32 %n, %c2 : i32
    %fa = vm.call @fib(%a) : (i32) -> i32
    %fb = vm.call @fib(%b) : (i32) -> i32
    %r = vm.add.i32 %fa, %fb : i32
    vm.return %r : i32
  }
}
