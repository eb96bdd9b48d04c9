// SAMPLE-RUN: steps --input=i64=27
// Number of Collatz steps from n down to 1, with cf branches.
module @collatz {
  func.func @steps(%n: i64) -> i64 {
    %c0 = arith.constant 0 : i64
    %c1 = arith.constant 1 : i64
    %c3 = arith.constant 3 : i64
    cf.br ^loop(%n, %c0 : i64, i64)
  ^loop(%x: i64, %count: i64):
    %done = arith.cmpi ule, %x, %c1 : i64
    cf.cond_br %done, ^exit(%count : i64), ^step
  ^step:
    %bit = arith.andi %x, %c1 : i64
    %odd = arith.cmpi ne, %bit, %c0 : i64
    %half = arith.shrui %x, %c1 : i64
    %triple = arith.muli %x, %c3 : i64
    %up = arith.addi %triple, %c1 : i64
    %next = arith.select %odd, %up, %half : i64
    %count1 = arith.addi %count, %c1 : i64
    cf.br ^loop(%next, %count1 : i64, i64)
  ^exit(%r: i64):
    return %r : i64
  }
}
