// SAMPLE-RUN: fib_recursive --input=20
// Recursive and iterative Fibonacci in the vm dialect.
vm.module @fib {
  // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
  vm.func @fib_recursive(%n: i32) -> i32 {
    %c1 = vm.const.i32 1
    %c2 = vm.const.i32 2
    %small = vm.cmp.lt.i32.s %n, %c2 : i32
    vm.cond_br %small, ^base, ^recurse
  ^base:
    vm.return %n : i32
  ^recurse:
    %n1 = vm.sub.i32 %n, %c1 : i32
    %n2 = vm.sub.i32 %n, %c2 : i32
    %f1 = vm.call @fib_recursive(%n1) : (i32) -> i32
    %f2 = vm.call @fib_recursive(%n2) : (i32) -> i32
    %sum = vm.add.i32 %f1, %f2 : i32
    vm.return %sum : i32
  }

  vm.func @fib_loop(%n: i32) -> i32 {
    %zero = vm.const.i32.zero
    %c1 = vm.const.i32 1
    vm.br ^loop(%zero, %zero, %c1 : i32, i32, i32)
  ^loop(%i: i32, %a: i32, %b: i32):
    %done = vm.cmp.gte.i32.s %i, %n : i32
    vm.cond_br %done, ^exit, ^body
  ^body:
    %next = vm.add.i32 %a, %b : i32
    %i1 = vm.add.i32 %i, %c1 : i32
    vm.br ^loop(%i1, %b, %next : i32, i32, i32)
  ^exit:
    vm.return %a : i32
  }

  vm.export @fib_recursive
  vm.export @fib_loop
}
