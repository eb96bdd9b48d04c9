// SAMPLE-RUN: count_primes --input=1000
// Counts the primes below n with a sieve of Eratosthenes over a memref<?xi8>.
module @sieve {
  func.func private @mark(%flags: memref<?xi8>, %p: index, %n: index) {
    %one = arith.constant 1 : i8
    %start = arith.muli %p, %p : index
    scf.for %j = %start to %n step %p {
      memref.store %one, %flags[%j] : memref<?xi8>
    }
    return
  }

  func.func @count_primes(%n32: i32) -> i32 {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c2 = arith.constant 2 : index
    %zero = arith.constant 0 : i8
    %n = arith.index_cast %n32 : i32 to index
    %flags = memref.alloc(%n) : memref<?xi8>
    %count = scf.for %i = %c2 to %n step %c1 iter_args(%acc = %c0) -> (index) {
      %f = memref.load %flags[%i] : memref<?xi8>
      %prime = arith.cmpi eq, %f, %zero : i8
      %next = scf.if %prime -> (index) {
        func.call @mark(%flags, %i, %n) : (memref<?xi8>, index, index) -> ()
        %a = arith.addi %acc, %c1 : index
        scf.yield %a : index
      } else {
        scf.yield %acc : index
      }
      scf.yield %next : index
    }
    memref.dealloc %flags : memref<?xi8>
    %r = arith.index_cast %count : index to i32
    return %r : i32
  }
}
